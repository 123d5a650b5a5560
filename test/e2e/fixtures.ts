import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';

/**
 * Each test gets its own data folder and its own browser-mode server, so
 * tests never see each other's forums. `seedFiles` lets a test put files in
 * the folder before the server opens it (a corrupt file, an old version…):
 * relative path -> content.
 */
export interface MultaqaServer {
  url: string;
  dataDir: string;
  /**
   * Stops the server (it flushes and releases the folder) and starts a new one on the same folder;
   * `whileStopped` runs in between (to damage a file as a bad sector would).
   */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  /** What the server has printed so far (the links it hands out after the first). */
  output(): string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'out', 'web', 'server.mjs');

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(SERVER)) throw new Error('Browser mode is not built: run `npm run build` first.');
  const child = spawn(process.execPath, [SERVER, '--port', '0'], {
    // Exports land in the test's own folder, never in the user's Documents.
    env: { ...process.env, MULTAQA_DATA_DIR: dataDir, MULTAQA_EXPORTS_DIR: path.join(dataDir, 'exports') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ seedFiles: Record<string, string>; server: MultaqaServer }>({
  seedFiles: [{}, { option: true }],
  server: async ({ seedFiles }, use) => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-e2e-'));
    for (const [relative, content] of Object.entries(seedFiles)) {
      const file = path.join(dataDir, relative);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
    }
    let running = await startServer(dataDir);
    const server: MultaqaServer = {
      dataDir,
      get url() {
        return running.url;
      },
      async restart(whileStopped) {
        await stopServer(running.child);
        await whileStopped?.();
        running = await startServer(dataDir);
      },
      output: () => running.output(),
    };
    await use(server);
    await stopServer(running.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Screenshots kept for people to look at (test-results/screens/*.png). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screens', `${name}.png`), fullPage: true });
}

export async function openApp(page: Page, server: MultaqaServer): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('.topbar')).toBeVisible();
}

/** Calls the app's API from the page, with the secret the page holds (to set up records a journey does not type). */
export async function callApi<T = unknown>(page: Page, channel: string, payload?: unknown): Promise<T> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-multaqa-secret': sessionStorage.getItem('multaqa.secret') ?? '',
        },
        body: body === undefined ? '' : JSON.stringify(body),
      });
      const envelope = (await response.json()) as { ok: boolean; data: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
      return envelope.data;
    },
    [channel, payload] as const,
  ) as Promise<T>;
}

/**
 * A second window on the same app (another tab of the same browser): the link
 * the server printed for the next tab, once the first page has used its own.
 */
export async function openAnotherTab(context: BrowserContext, server: MultaqaServer): Promise<Page> {
  const links = () => [...server.output().matchAll(/Another tab \(each link opens once\): (\S+)/g)].map((m) => m[1]);
  await expect.poll(() => links().length).toBeGreaterThan(0);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(links().at(-1) as string);
  await expect(page.locator('.topbar')).toBeVisible();
  return page;
}

/**
 * Starts the export on the exports page; when the pre-flight has something to
 * say (a gap in the English, a name starting with "="), exports anyway, as a
 * journey that is not about the pre-flight would.
 */
export async function startExport(page: Page): Promise<void> {
  await page.getByTestId('export-start').click();
  const preflight = page.getByTestId('preflight');
  const started = page.getByTestId('export-status').locator('progress, .export-done, .field-error');
  await expect(preflight.or(started).first()).toBeVisible({ timeout: 30_000 });
  if (await preflight.isVisible()) {
    await preflight.getByTestId('preflight-export').click();
    await expect(preflight).toBeHidden();
  }
}
