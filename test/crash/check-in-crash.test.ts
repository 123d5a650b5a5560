/**
 * Crash test for the check-in log: a child process (check-in-loop-child.ts)
 * scans at the door in bursts (check-ins, their undo, walk-ins, and office
 * edits that rewrite the registrations file and fold the log into it) and is
 * killed with SIGKILL, over and over, on one data folder. Kills land during
 * start-up (when the log a kill left is folded into the file: a compaction),
 * in the middle of bursts, and during the rewrites.
 *
 * After every kill the folder is read without the core (the file, or its
 * `.bak`, and the log entries past the file's `logSeq`): every acknowledged
 * check-in and undo holds, no entry was applied twice (an older state never
 * comes back over a newer one, no walk-in is there twice), and the badge
 * counter is past every code. At the end the core opens it and must agree.
 *
 * One round in four the child kills itself at an exact step instead (see
 * check-in-loop-child.ts): after a rewrite landed and before its logs were
 * removed (during an office edit, or the fold at start-up), between the
 * durable writer's renames, in the middle of a log line.
 *
 * MULTAQA_CHECKIN_CRASH_KILLS=<n> sets the number of kills (default 40, about
 * 2 to 3 minutes on a loaded 2-core machine); the test's time limit follows it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/app-core';
import { type RegistrationsFile, registrationsFileSpec } from '../../src/core/registrations/registration-store';
import { forumIdOfLogFile } from '../../src/core/registrations/registrations-document';
import { decodeEntry, foldEntries, type LogEntry } from '../../src/core/registrations/registrations-log';
import { readLogLines } from '../../src/core/store/append-log';
import { decodeDocument, encodeDocument } from '../../src/core/store/document-codec';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../src/shared/domain/registration';
import { crashSuite, followChild, ROOT } from './child-bundle';

const KILLS = Number(process.env.MULTAQA_CHECKIN_CRASH_KILLS ?? 40);
const REGISTRANTS = 3_000;
/** No round may take longer than this (start-up, the fold of the last log, and the wait before the kill). */
const ROUND_LIMIT_MS = 20_000;

type Mode = 'spawn' | 'ready' | 'ack' | 'step';
/** Where a child kills itself (see check-in-loop-child.ts), one round in four, in turn. */
const STEPS = ['removal', 'renames', 'torn', 'fold'] as const;
type Step = (typeof STEPS)[number];
/** A child given a step that has not reached it by then is killed by the test (a miss, not a failure). */
const STEP_LIMIT_MS = 10_000;

interface Ledger {
  /** The last acknowledged state of each registrant: true when checked in. */
  inside: Map<string, boolean>;
  /** A scan sent and not acknowledged when the kill came: either state may be on disk. */
  unsure: Map<string, boolean>;
  walkIns: Map<string, string>;
  /** The notes of each registrant's last acknowledged office edit, and of one on its way at the kill. */
  notes: Map<string, string>;
  unsureNotes: Map<string, string>;
  acks: number;
  startupProblems: string[];
}

interface RoundResult {
  /** The child killed itself at its step. */
  selfKilled: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
  acks: number;
  killedBy: 'test' | 'timeout' | null;
}

const rand = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

function pickMode(): Mode {
  const r = Math.random();
  return r < 0.3 ? 'spawn' : r < 0.45 ? 'ready' : 'ack';
}

function runRound(bundle: string, dataDir: string, mode: Mode, ledger: Ledger, step?: Step): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, dataDir, ...(step ? [step] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RoundResult = { selfKilled: false, signal: null, stderr: '', acks: 0, killedBy: null };
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
    // Start-up includes folding the log the last kill left into the file.
    if (mode === 'spawn') killAfter(rand(50, 400));
    if (mode === 'step') killAfter(STEP_LIMIT_MS);
    const onLine = (text: string) => {
      const [kind, id = '', value = ''] = text.split(' ');
      if (kind === 'ready') {
        if (Number(id) > 0) ledger.startupProblems.push(text);
        if (mode === 'ready') killAfter(rand(0, 30));
      } else if (kind === 'go') {
        ledger.unsure.set(id, value === 'in');
      } else if (kind === 'ack') {
        ledger.unsure.delete(id);
        ledger.inside.set(id, value === 'in');
        ledger.acks++;
        result.acks++;
        if (mode === 'ack') killAfter(rand(20, 250));
      } else if (kind === 'goedit') {
        ledger.unsureNotes.set(id, value);
      } else if (kind === 'edited') {
        ledger.unsureNotes.delete(id);
        ledger.notes.set(id, value);
      } else if (kind === 'walkin') {
        ledger.walkIns.set(id, value);
        ledger.inside.set(id, true);
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
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(limit);
      result.signal = signal;
      result.selfKilled = signal === 'SIGKILL' && result.killedBy === null;
      resolve(result);
    });
  });
}

/**
 * The forum's registrations as a reader that knows nothing of the core finds
 * them: the file (or its `.bak`, a kill between the durable writer's renames),
 * and the entries of the logs past the file's `logSeq`, each sequence number once.
 */
async function readWithoutCore(forumsDir: string, forumId: string): Promise<DiskState> {
  const base = path.join(forumsDir, `${forumId}.registrations.json`);
  let text = await fs.readFile(base, 'utf8').catch(() => null);
  const bakOnly = text === null;
  text ??= await fs.readFile(`${base}.bak`, 'utf8');
  const decoded = decodeDocument(registrationsFileSpec, text);
  if (!decoded.ok) throw new Error(`the registrations file: ${decoded.reason} ${decoded.detail}`);
  const { logSeq = 0, ...file } = decoded.data;
  const names = (await fs.readdir(forumsDir)).filter((n) => forumIdOfLogFile(n) === forumId);
  const bySeq = new Map<number, LogEntry>();
  let covered = 0;
  let torn = 0;
  for (const name of names) {
    const { lines, tornTail } = await readLogLines(path.join(forumsDir, name));
    if (tornTail) torn++;
    let maxSeq = 0;
    for (const [i, line] of lines.entries()) {
      const entry = decodeEntry(line);
      if (!entry)
        throw new Error(`${name} line ${i + 1} is damaged (only a torn last line may be): ${line.slice(0, 80)}`);
      maxSeq = Math.max(maxSeq, entry.seq);
      if (entry.seq > logSeq && !bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);
    }
    if (lines.length > 0 && maxSeq <= logSeq) covered++;
  }
  const entries = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { file: foldEntries(file, entries).file, logs: names.length, covered, torn, bakOnly };
}

interface DiskState {
  file: RegistrationsFile;
  logs: number;
  /** Log files whose entries the file holds already: the kill came between its rewrite and their removal. */
  covered: number;
  /** Log files ending in a line cut short: the kill came in the middle of a write. */
  torn: number;
  /** No file, only its `.bak`: the kill came between the durable writer's two renames. */
  bakOnly: boolean;
}

function check(file: RegistrationsFile, ledger: Ledger): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Registration>();
  for (const r of file.registrations) {
    if (byId.has(r.id)) problems.push(`registrant ${r.id} is there twice`);
    byId.set(r.id, r);
  }
  const codes = file.registrations.map((r) => Number(r.code));
  if (new Set(codes).size !== codes.length) problems.push('a badge code is held by two registrants');
  if (file.nextCode <= Math.max(...codes)) problems.push(`the counter ${file.nextCode} is not past every code`);
  for (const [id, code] of ledger.walkIns) {
    const r = byId.get(id);
    if (!r) problems.push(`acknowledged walk-in ${id} is gone`);
    else if (r.code !== code) problems.push(`walk-in ${id}: code ${r.code}, acknowledged with ${code}`);
  }
  for (const [id, notes] of ledger.notes) {
    const onDisk = byId.get(id)?.notes;
    if (onDisk !== notes && onDisk !== ledger.unsureNotes.get(id)) {
      problems.push(`registrant ${id}: the office edit "${notes}" was acknowledged, the disk holds "${onDisk}"`);
    }
  }
  for (const [id, inside] of ledger.inside) {
    const r = byId.get(id);
    if (!r) {
      problems.push(`registrant ${id} is gone`);
      continue;
    }
    const onDisk = r.checkedInAt !== null;
    const allowed = ledger.unsure.has(id) ? [inside, ledger.unsure.get(id)] : [inside];
    if (!allowed.includes(onDisk)) {
      problems.push(
        `registrant ${id}: ${inside ? 'checked in' : 'checked out'} was acknowledged, the disk says otherwise`,
      );
    }
    if (onDisk !== (r.status === 'attended'))
      problems.push(`registrant ${id}: status ${r.status} but checkedInAt ${r.checkedInAt}`);
  }
  return problems;
}

async function seed(dataDir: string): Promise<string> {
  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  const forum = await core.handlers['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى الباب' });
  await core.close();
  const at = '2026-11-01T08:00:00.000Z';
  const registrations: Registration[] = Array.from({ length: REGISTRANTS }, (_, i) => ({
    ...emptyRegistrationInput(),
    fullName: `مشارك ${i} من بلدية صحار`,
    organisation: 'بلدية صحار',
    email: `p${i}@example.org`,
    status: 'confirmed',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: String(10001 + i),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: at,
    updatedAt: at,
  }));
  await fs.writeFile(
    path.join(dataDir, 'forums', `${forum.id}.registrations.json`),
    encodeDocument(registrationsFileSpec, { nextCode: 10001 + REGISTRANTS, registrations }),
  );
  return forum.id;
}

describe('check-in crash test', () => {
  const suite = crashSuite('multaqa-checkin-crash-', path.join(__dirname, 'check-in-loop-child.ts'));

  it(`loses no acknowledged check-in and applies none twice across ${KILLS} SIGKILLs`, {
    timeout: 60_000 + KILLS * 6_000,
  }, async () => {
    expect(KILLS).toBeGreaterThan(0);
    const { workDir, bundle } = suite.current();
    const started = Date.now();
    const dataDir = path.join(workDir, 'data');
    const forumId = await seed(dataDir);
    const forumsDir = path.join(dataDir, 'forums');
    const ledger: Ledger = {
      inside: new Map(),
      unsure: new Map(),
      walkIns: new Map(),
      notes: new Map(),
      unsureNotes: new Map(),
      acks: 0,
      startupProblems: [],
    };
    const modes: Record<Mode, number> = { spawn: 0, ready: 0, ack: 0, step: 0 };
    const stepHits: Record<Step, number> = { removal: 0, renames: 0, torn: 0, fold: 0 };
    const seen = { logs: 0, covered: 0, torn: 0, bakOnly: 0 };

    for (let round = 1; round <= KILLS; round++) {
      const step = round % 4 === 0 ? STEPS[(round / 4 - 1) % STEPS.length] : undefined;
      const mode = step ? 'step' : pickMode();
      modes[mode]++;
      const result = await runRound(bundle, dataDir, mode, ledger, step);
      const what = `round ${round} (kill ${step ?? mode}, ${result.acks} acks)`;
      if (step && result.selfKilled) stepHits[step]++;
      else if (result.killedBy !== 'test' || result.signal !== 'SIGKILL') {
        throw new Error(
          `${what}: the child did not run until the kill (${result.killedBy ?? 'exited'})\n${result.stderr}`,
        );
      }
      expect(result.stderr, `${what}: child stderr`).toBe('');
      expect(ledger.startupProblems, `${what}: the child found unusable files at start-up`).toEqual([]);
      const disk = await readWithoutCore(forumsDir, forumId);
      const { file } = disk;
      seen.logs += disk.logs;
      seen.covered += disk.covered;
      seen.torn += disk.torn;
      if (disk.bakOnly) seen.bakOnly++;
      const problems = check(file, ledger);
      if (problems.length > 0) {
        throw new Error(
          `${what}:\n- ${problems.slice(0, 10).join('\n- ')}\nforums/:\n  ${(await fs.readdir(forumsDir)).join('\n  ')}`,
        );
      }
      // What is on disk is what the next child starts from.
      for (const [id] of ledger.unsure) {
        ledger.inside.set(id, file.registrations.find((r) => r.id === id)?.checkedInAt != null);
      }
      ledger.unsure.clear();
      for (const [id] of ledger.unsureNotes) {
        const onDisk = file.registrations.find((r) => r.id === id)?.notes;
        if (onDisk !== undefined) ledger.notes.set(id, onDisk);
      }
      ledger.unsureNotes.clear();
    }
    expect(ledger.acks, 'the children scanned, not only started').toBeGreaterThanOrEqual(KILLS);
    // Each exact step was reached (with enough rounds to try each twice) and left what it should.
    if (KILLS >= STEPS.length * 8) {
      for (const step of STEPS) expect(stepHits[step], `kills at ${step}`).toBeGreaterThan(0);
      expect(seen.covered, 'logs already in the rewritten file were found').toBeGreaterThan(0);
      expect(seen.torn, 'logs with a torn last line were found').toBeGreaterThan(0);
      expect(seen.bakOnly, 'a file only as its .bak was found').toBeGreaterThan(0);
    }
    expect(await fs.readdir(path.join(dataDir, 'quarantine')).catch(() => [])).toEqual([]);

    // The real core, the last child's lock taken over: the same registrants, the same states, the log folded.
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      expect(core.startupProblems).toEqual([]);
      const list = await core.handlers['registrations.list']({ forumId });
      expect(check({ nextCode: Number.MAX_SAFE_INTEGER, registrations: list }, ledger)).toEqual([]);
      expect(await core.handlers['app.storeProblems']()).toEqual([]);
    } finally {
      await core.close();
    }
    expect((await fs.readdir(forumsDir)).filter((n) => forumIdOfLogFile(n) !== null)).toEqual([]);
    console.log(
      `check-in crash test: ${KILLS} kills (spawn ${modes.spawn}, ready ${modes.ready}, ack ${modes.ack}, ` +
        `at a step ${modes.step}: hit ${STEPS.map((s) => `${s} ${stepHits[s]}`).join(', ')}), ` +
        `${ledger.acks} check-ins acknowledged, ${ledger.walkIns.size} walk-ins; after the kills ${seen.logs} log files, ${seen.covered} of them already in ` +
        `the rewritten file, ${seen.torn} with a torn last line, ${seen.bakOnly} times only the .bak; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
