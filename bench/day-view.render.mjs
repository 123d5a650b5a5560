// The day view's render in Chromium: `npm run bench day-view`
// (or `node bench/day-view.render.mjs`). A three-day forum with 4 halls, 150
// sessions and 400 people (bench/forum-data.ts) is written to a temporary data
// folder, browser mode serves it, and Debian's Chromium opens its programme.
//
// Timed, in the page: from `click()` on a day tab to that day's 50 session
// blocks in the DOM and painted (two requestAnimationFrame callbacks after),
// switching between the three days. Baseline, same page and run: the same 50
// blocks (same text, classes and positions, so the same CSS) drawn with plain
// DOM calls instead of React, timed the same way. Target: under 100 ms.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(ROOT, 'out', 'web', 'server.mjs');
const RENDERER = path.join(ROOT, 'out', 'renderer', 'index.html');
const TARGET_MS = 100;
const WARMUP = 6;
const RUNS = 30;
const ROUND = 5;
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function ensureBuilt() {
  if (!existsSync(SERVER) || !existsSync(RENDERER)) {
    console.log('Browser mode is not built (out/web/server.mjs): running `npm run build` first…');
    const { status } = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (status !== 0 || !existsSync(SERVER)) {
      console.error('`npm run build` failed: the day-view bench needs out/web/server.mjs and out/renderer.');
      process.exit(1);
    }
    return;
  }
  const builtAt = Math.min(statSync(SERVER).mtimeMs, statSync(RENDERER).mtimeMs);
  const newest = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce(
        (max, e) => Math.max(max, statSync(path.join(e.parentPath, e.name), { throwIfNoEntry: false })?.mtimeMs ?? 0),
        0,
      );
  if (newest(path.join(ROOT, 'src')) > builtAt) {
    console.log('note: src/ has changed since out/ was built; run `npm run build` to measure the current code.');
  }
}

async function startServer(dataDir) {
  const child = spawn(process.execPath, [SERVER, '--port', '0'], {
    env: { ...process.env, MULTAQA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
  return { child, url };
}

async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** bench/forum-data.ts bundled (with zod) into `dir`, then imported. */
async function loadForumData(dir) {
  const outfile = path.join(dir, 'forum-data.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'bench', 'forum-data.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

function stats(samples) {
  const times = [...samples].sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

function report(label, figures, baseline) {
  const ratio = baseline ? `  ratio ${(figures.median / baseline.median).toFixed(2)}× baseline` : '';
  console.log(`${label.padEnd(52)} median ${figures.median.toFixed(1)} ms  p95 ${figures.p95.toFixed(1)} ms${ratio}`);
}

/** Runs in the page once: waiting helpers, and each day's session ids. */
function installHelpers(days) {
  const frames2 = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const sets = days.map((d) => new Set(d.sessionIds));
  /** Whether the day grid shows exactly day `i`'s blocks. */
  const shows = (i) => {
    const blocks = document.querySelectorAll('[data-testid="day-grid"] [data-testid="session-block"]');
    if (blocks.length !== sets[i].size) return false;
    for (const b of blocks) if (!sets[i].has(b.getAttribute('data-session-id'))) return false;
    return true;
  };
  /** performance.now() at the first DOM change after which `check()` holds. */
  const until = (check, ms = 10_000) =>
    new Promise((resolve, reject) => {
      if (check()) return resolve(performance.now());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('timed out waiting for the day grid'));
      }, ms);
      const observer = new MutationObserver(() => {
        if (!check()) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  window.__bench = { frames2, shows, until, snapshots: [] };
}

/** Clicks `selector` and times it to day `day`'s blocks in the DOM, then painted. */
async function timeClick({ selector, day }) {
  const { frames2, shows, until } = window.__bench;
  const target = document.querySelector(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  const t0 = performance.now();
  target.click();
  const inDom = await until(() => shows(day));
  await frames2();
  return { dom: inDom - t0, painted: performance.now() - t0 };
}

/** What the app drew for day `day`: each block's classes, inline style and spans' text. */
function snapshotDay(day) {
  window.__bench.snapshots[day] = [...document.querySelectorAll('[data-testid="session-block"]')].map((el) => ({
    className: el.className,
    style: el.getAttribute('style') ?? '',
    spans: [...el.children].map((c) => ({ className: c.className, dir: c.getAttribute('dir'), text: c.textContent })),
  }));
}

/** An overlay exactly over the grid's canvas, with its class (so its CSS), for the baseline to draw into. */
function addOverlay() {
  const canvas = document.querySelector('[data-testid="day-grid"] .grid-canvas');
  const r = canvas.getBoundingClientRect();
  const box = document.createElement('div');
  box.className = 'grid-canvas';
  box.style.cssText = `position:absolute;top:${r.top + scrollY}px;left:${r.left + scrollX}px;width:${r.width}px;height:${r.height}px;background-color:#fff;z-index:10`;
  document.body.append(box);
  window.__bench.overlay = box;
}

/** Shows the (emptied) overlay or hides it, then lets a frame or two go by, untimed. */
async function showOverlay(shown) {
  const { frames2, overlay } = window.__bench;
  overlay.replaceChildren();
  overlay.style.display = shown ? 'block' : 'none';
  await frames2();
}

/** Baseline: plain DOM. Replaces the overlay's blocks with day `day`'s, forces layout, two rAFs. */
async function timeBaseline(day) {
  const { frames2, overlay, snapshots } = window.__bench;
  const t0 = performance.now();
  const fragment = document.createDocumentFragment();
  for (const block of snapshots[day]) {
    const div = document.createElement('div');
    div.className = block.className;
    div.style.cssText = block.style;
    for (const s of block.spans) {
      const span = document.createElement('span');
      span.className = s.className;
      if (s.dir) span.dir = s.dir;
      span.textContent = s.text;
      div.append(span);
    }
    fragment.append(div);
  }
  overlay.replaceChildren(fragment);
  void overlay.offsetHeight;
  const inDom = performance.now();
  await frames2();
  return { dom: inDom - t0, painted: performance.now() - t0 };
}

/** The floor of the timing method: two rAFs with nothing changed. */
async function timeFrames() {
  const t0 = performance.now();
  await window.__bench.frames2();
  return performance.now() - t0;
}

ensureBuilt();
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-bench-'));
let server;
let browser;
try {
  const { writeForumData, FORUM_TITLE } = await loadForumData(tmp);
  const dataDir = path.join(tmp, 'data');
  const days = await writeForumData(dataDir);
  server = await startServer(dataDir);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(server.url);
  await page.locator('.topbar').waitFor();
  const open = page.getByRole('article', { name: FORUM_TITLE, exact: true }).getByRole('button', {
    name: 'البرنامج',
    exact: true,
  });
  await open.evaluate((el) => el.setAttribute('data-bench', 'open-programme'));
  await page.evaluate(installHelpers, days);

  const first = await page.evaluate(timeClick, { selector: '[data-bench="open-programme"]', day: 0 });
  const tabs = page.getByTestId('day-tab');
  if ((await tabs.count()) !== days.length) throw new Error(`expected ${days.length} day tabs`);
  for (let i = 0; i < days.length; i++)
    await tabs.nth(i).evaluate((el, n) => el.setAttribute('data-bench', `day-${n}`), i);
  const people = await page.locator('[data-testid="session-block"] .session-people').count();
  const conflicts = await page.locator('[data-testid="session-block"].has-conflict').count();

  // Day switches 1 → 2 → 3 → 1 …; the first three are snapshotted for the baseline. Then the app and
  // the baseline take turns, ROUND switches each, so a change in the machine's load hits both alike.
  for (let k = 0; k < WARMUP; k++) {
    const day = (k + 1) % days.length;
    await page.evaluate(timeClick, { selector: `[data-bench="day-${day}"]`, day });
    if (k < days.length) await page.evaluate(snapshotDay, day);
  }
  await page.evaluate(addOverlay);
  for (let k = 0; k < WARMUP; k++) await page.evaluate(timeBaseline, k % days.length);
  const app = { dom: [], painted: [] };
  const bare = { dom: [], painted: [] };
  let appDay = WARMUP % days.length;
  let bareDay = 0;
  while (app.painted.length < RUNS) {
    await page.evaluate(showOverlay, false);
    for (let k = 0; k < ROUND; k++) {
      appDay = (appDay + 1) % days.length;
      const t = await page.evaluate(timeClick, { selector: `[data-bench="day-${appDay}"]`, day: appDay });
      app.dom.push(t.dom);
      app.painted.push(t.painted);
    }
    await page.evaluate(showOverlay, true);
    for (let k = 0; k < ROUND; k++) {
      bareDay = (bareDay + 1) % days.length;
      const t = await page.evaluate(timeBaseline, bareDay);
      bare.dom.push(t.dom);
      bare.painted.push(t.painted);
    }
  }
  const floor = [];
  for (let k = 0; k < RUNS; k++) floor.push(await page.evaluate(timeFrames));

  const version = browser.version();
  console.log(
    `Chromium ${version} headless, 1280×860; 3 days, 4 halls, 150 sessions, 400 people; 50 blocks a day ` +
      `(${people} naming their speakers, ${conflicts} flagged on day 1); ${RUNS} timed switches after ${WARMUP}`,
  );
  const baseline = stats(bare.painted);
  const painted = stats(app.painted);
  report('floor: two rAFs, nothing drawn', stats(floor));
  report('baseline: 50 plain-DOM blocks, painted', baseline);
  report('  of which: built and laid out', stats(bare.dom));
  report('day switch: click → 50 blocks painted', painted, baseline);
  report('  of which: click → blocks in the DOM (React)', stats(app.dom));
  console.log(`${'first render: click «البرنامج» → grid painted'.padEnd(52)} ${first.painted.toFixed(1)} ms (once)`);
  console.log(
    `target: day switch under ${TARGET_MS} ms — ${painted.p95 < TARGET_MS ? 'met' : painted.median < TARGET_MS ? 'met at the median, NOT at p95' : 'NOT met'}`,
  );
} finally {
  await browser?.close();
  await stopServer(server?.child);
  await fs.rm(tmp, { recursive: true, force: true });
}
