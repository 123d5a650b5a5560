/**
 * Crash test for the store: a child process (save-loop-child.ts) saves forums
 * in a loop and is killed with SIGKILL, hundreds of times, on one data folder.
 * After every kill the folder is checked without the core: every forum file
 * (and every `.bak`) parses and validates, and no acknowledged write is lost.
 * At the end the core opens the folder for real and must find no problem.
 *
 * MULTAQA_CRASH_KILLS=<n> sets the number of kills (default 300).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/app-core';
import { forumFileSpec } from '../../src/core/forums/forum-file';
import { decodeDocument } from '../../src/core/store/document-codec';
import { crashSuite, followChild, ROOT } from './child-bundle';

const KILLS = Number(process.env.MULTAQA_CRASH_KILLS ?? 300);
/** No round may take longer than this (start-up plus the wait before the kill). */
const ROUND_LIMIT_MS = 15_000;
const BAK = '.bak';
const TEMP_MARK = '.tmp-';

/**
 * When the kill lands:
 * - spawn: 0-150 ms after spawn, mostly during node/core start-up, lock take-over, `.bak` recovery;
 * - ready: 0-15 ms after the core opened, during the first creates and writes;
 * - ack:   20-150 ms after the first acknowledged write, in the middle of the save loop.
 */
type Mode = 'spawn' | 'ready' | 'ack';

interface RoundResult {
  mode: Mode;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  acks: number;
  sawReady: boolean;
  killedBy: 'test' | 'timeout' | null;
}

interface Ledger {
  /** The highest acknowledged counter of each forum (0 once its create resolved). */
  acked: Map<string, number>;
  created: Set<string>;
  totalAcks: number;
  startupProblems: string[];
}

function rand(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function pickMode(): Mode {
  const r = Math.random();
  return r < 0.25 ? 'spawn' : r < 0.4 ? 'ready' : 'ack';
}

function runRound(bundle: string, dataDir: string, mode: Mode, ledger: Ledger): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RoundResult = {
      mode,
      code: null,
      signal: null,
      stderr: '',
      acks: 0,
      sawReady: false,
      killedBy: null,
    };
    let timer: NodeJS.Timeout | null = null;
    const killAfter = (ms: number) => {
      if (timer) return;
      timer = setTimeout(() => {
        result.killedBy ??= 'test';
        child.kill('SIGKILL');
      }, ms);
    };
    const limit = setTimeout(() => {
      result.killedBy = 'timeout';
      child.kill('SIGKILL');
    }, ROUND_LIMIT_MS);
    if (mode === 'spawn') killAfter(rand(0, 150));

    const onLine = (text: string) => {
      const [kind, id, n] = text.split(' ');
      if (kind === 'ready') {
        result.sawReady = true;
        if (Number(n) > 0) ledger.startupProblems.push(text);
        if (mode === 'ready') killAfter(rand(0, 15));
      } else if (kind === 'created' || kind === 'ack') {
        if (!id || n === undefined || !Number.isInteger(Number(n))) throw new Error(`bad child line: ${text}`);
        const counter = Number(n);
        if (kind === 'created') ledger.created.add(id);
        else {
          result.acks++;
          ledger.totalAcks++;
          if (mode === 'ack') killAfter(rand(20, 150));
        }
        ledger.acked.set(id, Math.max(ledger.acked.get(id) ?? 0, counter));
      } else {
        throw new Error(`unexpected child line: ${text}`);
      }
    };
    followChild(child, {
      line: onLine,
      stderr: (text) => {
        result.stderr += text;
      },
      fail: reject,
    });
    child.on('error', reject);
    // 'close' comes after the process was reaped and its pipes drained: every
    // line it wrote before the kill has been seen, and its pid is really gone.
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(limit);
      result.code = code;
      result.signal = signal;
      resolve(result);
    });
  });
}

interface FolderCheck {
  problems: string[];
  temps: number;
  /** Forums found only as `.bak`: the kill fell between the two renames. */
  bakOnly: number;
}

/** Checks the data folder the way a reader that knows nothing of the core would. */
async function checkFolder(dataDir: string, ledger: Ledger): Promise<FolderCheck> {
  const forumsDir = path.join(dataDir, 'forums');
  const problems: string[] = [];
  let temps = 0;
  let bakOnly = 0;
  const names = await fs.readdir(forumsDir).catch(() => [] as string[]);
  const counters = new Map<string, number | null>();
  for (const name of names) {
    if (name.includes(TEMP_MARK)) {
      temps++;
      continue;
    }
    const text = await fs.readFile(path.join(forumsDir, name), 'utf8');
    try {
      JSON.parse(text);
    } catch (error) {
      problems.push(`${name} does not parse (${(error as Error).message}): ${JSON.stringify(text.slice(0, 120))}`);
      continue;
    }
    const decoded = decodeDocument(forumFileSpec, text);
    if (!decoded.ok) {
      problems.push(`${name} does not validate: ${decoded.reason} ${decoded.detail}`);
      continue;
    }
    counters.set(name, decoded.data.forum.expectedAttendance);
  }
  for (const [id, acked] of ledger.acked) {
    let name = `${id}.json`;
    if (!names.includes(name)) {
      name += BAK;
      if (!names.includes(name)) {
        problems.push(`forum ${id} (acknowledged counter ${acked}) has neither ${id}.json nor ${id}.json.bak`);
        continue;
      }
      bakOnly++;
    }
    if (!counters.has(name)) continue; // already reported as unreadable
    const stored = counters.get(name) ?? -1;
    if (stored < acked) problems.push(`${name} holds counter ${stored} but ${acked} was acknowledged`);
  }
  const quarantined = await fs.readdir(path.join(dataDir, 'quarantine')).catch(() => [] as string[]);
  if (quarantined.length > 0) problems.push(`files were quarantined: ${quarantined.join(', ')}`);
  return { problems, temps, bakOnly };
}

function describeRound(round: number, r: RoundResult): string {
  return `round ${round} (kill ${r.mode}): exit code ${r.code}, signal ${r.signal}, acks ${r.acks}, ready ${r.sawReady}`;
}

describe('store crash test', () => {
  const suite = crashSuite('multaqa-crash-', path.join(__dirname, 'save-loop-child.ts'));

  it(`loses no acknowledged write across ${KILLS} SIGKILLs`, {
    // About 1 s a kill on an idle machine; the limit leaves room for one sharing its cores with the other suites.
    timeout: Math.max(240_000, KILLS * 3_000),
  }, async () => {
    expect(KILLS).toBeGreaterThan(0);
    const { workDir, bundle } = suite.current();
    const started = Date.now();
    const dataDir = path.join(workDir, 'data');
    const ledger: Ledger = { acked: new Map(), created: new Set(), totalAcks: 0, startupProblems: [] };
    const modes: Record<Mode, number> = { spawn: 0, ready: 0, ack: 0 };
    let tempsSeen = 0;
    let maxTempsAtOnce = 0;
    let bakOnlySeen = 0;
    let roundsWithAcks = 0;

    for (let round = 1; round <= KILLS; round++) {
      const mode = pickMode();
      modes[mode]++;
      const result = await runRound(bundle, dataDir, mode, ledger);
      const what = describeRound(round, result);
      // The child only ever stops because the test killed it: anything else is a crash of its own.
      if (result.killedBy !== 'test' || result.signal !== 'SIGKILL') {
        throw new Error(
          `${what}: the child did not run until the kill (${result.killedBy ?? 'exited by itself'})\n${result.stderr}`,
        );
      }
      expect(result.stderr, `${what}: child stderr`).toBe('');
      expect(ledger.startupProblems, `${what}: the child found unusable files at start-up`).toEqual([]);
      if (result.acks > 0) roundsWithAcks++;

      const check = await checkFolder(dataDir, ledger);
      tempsSeen += check.temps;
      maxTempsAtOnce = Math.max(maxTempsAtOnce, check.temps);
      bakOnlySeen += check.bakOnly;
      if (check.problems.length > 0) {
        const listing = (await fs.readdir(path.join(dataDir, 'forums')).catch(() => [])).join('\n  ');
        throw new Error(`${what}:\n- ${check.problems.join('\n- ')}\nforums/:\n  ${listing}`);
      }
    }

    // The child must have done real work, not died at start-up every time.
    expect(modes.ack === 0 || roundsWithAcks >= modes.ack).toBe(true);
    expect(ledger.totalAcks).toBeGreaterThanOrEqual(Math.min(KILLS, 50));
    expect(ledger.created.size).toBeGreaterThanOrEqual(1);

    // Now the real core: the last child's lock is stale and must be taken over.
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      expect(core.startupProblems).toEqual([]);
      const listed = new Map((await core.handlers['forums.list']()).map((f) => [f.id, f]));
      for (const id of ledger.created) expect(listed.has(id), `forum ${id} is listed`).toBe(true);
      for (const [id, acked] of ledger.acked) {
        const stored = listed.get(id)?.expectedAttendance ?? -1;
        expect(stored, `forum ${id}: stored counter >= acknowledged`).toBeGreaterThanOrEqual(acked);
      }
      const left = await fs.readdir(path.join(dataDir, 'forums'));
      expect(left.filter((n) => n.includes(TEMP_MARK))).toEqual([]);
      expect(left.filter((n) => n.endsWith('.json')).length).toBe(listed.size);
    } finally {
      await core.close();
    }
    await expect(fs.access(path.join(dataDir, 'multaqa.lock'))).rejects.toThrow();

    const elapsed = (Date.now() - started) / 1000;
    const maxCounter = Math.max(0, ...ledger.acked.values());
    console.log(
      `store crash test: ${KILLS} kills (spawn ${modes.spawn}, ready ${modes.ready}, ack ${modes.ack}), ` +
        `${ledger.totalAcks} acks, ${ledger.created.size} forums created, max counter ${maxCounter}, ` +
        `${tempsSeen} temp files seen (max ${maxTempsAtOnce} at once), ${bakOnlySeen} times a forum was only a .bak, ` +
        `${elapsed.toFixed(1)} s`,
    );
  });
});
