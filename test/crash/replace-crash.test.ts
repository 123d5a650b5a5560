/**
 * Crash test for the steps that replace store files ("a crash during
 * import or restore leaves the store as it was before it"). A child process
 * (replace-child.ts) runs whole-store and one-forum restores, handover
 * imports (merged, and as a new forum) and registrant imports one after
 * another and is killed with SIGKILL: at random moments, inside a chosen
 * step, and at exact points of commitFiles (while staging, right after the
 * journal, between two renames of apply, before the transaction folder goes),
 * of a durable write, and of the recovery that finishes a journal at start.
 *
 * After every kill the folder is read without core, as the next start will
 * find it (replace-steps.ts readStore): it must hold exactly the state before
 * the step in flight or exactly the state after it, never a mix, and every
 * record must name only what is there. The next child opens core on it and
 * must find no problem, no transaction folder left, and the same state
 * through the handlers. The states after each step were learnt from an
 * unkilled run of the same child first (the "dry run").
 *
 * MULTAQA_CRASH_KILLS=<n> sets the number of kills (default 100, about 100 s on two cores).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/app-core';
import type { Handlers } from '../../src/shared/contract';
import { DEFAULT_EXPORT_OPTIONS } from '../../src/shared/domain/export';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import type { Session } from '../../src/shared/domain/programme';
import { newDelegation } from '../../src/shared/domain/programme-edit';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { FIRST_REVISION } from '../../src/shared/domain/revision';
import { seedForum } from '../unit/core/backup/backup-fixture';
import { withCode } from '../unit/core/core-fixture';
import { crashSuite, followChild, ROOT } from './child-bundle';
import {
  canonical,
  type DiskRead,
  exists,
  hashOf,
  isTransactional,
  OP_KIND,
  type OpKind,
  type ReplaceSetup,
  readStore,
  STEPS,
  type Step,
  type StoreState,
  stateViaHandlers,
  uuidsIn,
} from './replace-steps';

const KILLS = Number(process.env.MULTAQA_CRASH_KILLS ?? 100);
const ROUND_LIMIT_MS = 20_000;

type ExactKind = 'staging' | 'journal' | 'apply' | 'cleanup' | 'durable';
type Mode = 'spawn' | 'ready' | 'step' | ExactKind | 'recovery';
const MODES: Mode[] = ['spawn', 'ready', 'step', 'staging', 'journal', 'apply', 'cleanup', 'durable', 'recovery'];

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function rand(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

// ---------------------------------------------------------------------------
// Setup: states A and B as backups, a handover file, a CSV
// ---------------------------------------------------------------------------

/** Every UUID in the data folder's JSON files (the backups aside): the ids the setup wrote. */
async function idsIn(dir: string, under = ''): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, entry.name);
    if (entry.isDirectory()) ids.push(...(await idsIn(dir, rel)));
    else if (entry.name.endsWith('.json')) ids.push(...uuidsIn(await fs.readFile(path.join(dir, rel), 'utf8')));
  }
  return ids;
}

function session(id: string, titleEn: string, chairId: string, hallId: string | null, start: number): Session {
  return {
    id,
    kind: 'keynote',
    titleAr: `جلسة ${titleEn}`,
    titleEn,
    day: '2026-12-04',
    start,
    end: start + 60,
    hallId,
    place: '',
    chairId,
    expectedAttendance: null,
    items: [],
    headTableIds: [chairId],
    presentIds: [],
    stops: [],
    speakerOrder: [],
    updatedAt: FIRST_REVISION,
  };
}

async function person(h: Handlers, nameAr: string, email: string, organisationId: string | null, photo?: Buffer) {
  const id = randomUUID();
  await h['people.save']({ ...emptyPersonInput(), id, nameAr, email, organisationId });
  if (photo) await h['people.setPhoto']({ id, base64: photo.toString('base64') });
  return id;
}

async function organisation(h: Handlers, nameAr: string): Promise<string> {
  const id = randomUUID();
  await h['organisations.save']({ id, nameAr, nameEn: '', kind: 'municipality', country: '', city: '' });
  return id;
}

async function register(h: Handlers, forumId: string, fullName: string, email: string): Promise<string> {
  const r = await h['registrations.save']({
    forumId,
    registration: { ...emptyRegistrationInput(), fullName, email, organisation: 'أمانة الشرقية' },
  });
  return r.id;
}

async function buildSetup(workDir: string): Promise<{ setup: ReplaceSetup; setupFile: string; setupDir: string }> {
  const setupDir = path.join(workDir, 'setup');
  const safetyDir = path.join(workDir, 'safety');
  const core = await openCore({ dataDir: setupDir, appVersion: 'crash-test', holder: 'test' });
  const h = core.handlers;
  const known: string[] = [];
  /** The backup goes to the data folder's own backups/, which the steps' safety copies (in the chosen folder) never prune. */
  const keep = async (id: string) => {
    await fs.mkdir(path.join(setupDir, 'backups'), { recursive: true });
    await fs.rename(path.join(safetyDir, id), path.join(setupDir, 'backups', id));
  };
  try {
    await h['backups.setFolder']({ folder: safetyDir });
    // State A: F1 with a session chaired by P1 (photo), P2 at its head table, three registrants; F2 with one.
    await h['settings.update']({ language: 'ar' });
    const o1 = await organisation(h, 'أمانة الشرقية');
    const p1 = await person(h, 'جمال بن ناصر الملحم', 'jamal@example.org', o1, PNG);
    const p2 = await person(h, 'خالد العمري', 'khaled@example.org', o1);
    const f1Input = { ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى الحالة أ', titleEn: 'State A' };
    const f1 = (await h['forums.create'](f1Input)).id;
    const hallId = randomUUID();
    await h['programme.saveHall']({
      forumId: f1,
      hall: { id: hallId, nameAr: 'القاعة الكبرى', nameEn: '', capacity: 300 },
    });
    const s1 = { ...session(randomUUID(), 'Opening', p1, hallId, 540), headTableIds: [p1, p2] };
    await h['programme.saveSessions']({ forumId: f1, sessions: [s1] });
    const r1 = await register(h, f1, 'سالم العتيبي', 'salem@example.org');
    const r2 = await register(h, f1, 'منى الحربي', 'mona@example.org');
    await register(h, f1, 'فهد الدوسري', '');
    const f2Input = { ...emptyForumInput('2026-11-01'), titleAr: 'ملتقى ثان', titleEn: 'Second' };
    const f2 = (await h['forums.create'](f2Input)).id;
    await register(h, f2, 'نورة السبيعي', 'noura@example.org');
    const backupA = (await h['backups.create']()).id;
    await keep(backupA);
    known.push(...(await idsIn(setupDir)));

    // State B: other settings; F1 retitled, a session chaired by P3 (new, photo, new organisation), registrants
    // changed; F2 deleted; F3 with a delegation.
    await h['settings.update']({ language: 'en', digits: 'arab' });
    await h['forums.update']({ id: f1, input: { ...f1Input, titleAr: 'ملتقى الحالة ب', titleEn: 'State B' } });
    const o2 = await organisation(h, 'أمانة الرياض');
    const p3 = await person(h, 'سعاد المطيري', 'suad@example.org', o2, Buffer.concat([PNG, Buffer.from([0])]));
    await h['programme.saveSessions']({ forumId: f1, sessions: [session(randomUUID(), 'Panel', p3, hallId, 660)] });
    await h['registrations.delete']({ forumId: f1, ids: [r1] });
    for (const [name, email] of [
      ['ريم الزهراني', 'reem@example.org'],
      ['ماجد الغامدي', 'majed@example.org'],
      ['هند الشمري', ''],
    ] as const) {
      await register(h, f1, name, email);
    }
    await h['forums.delete']({ id: f2 });
    const f3Input = { ...emptyForumInput('2027-01-10'), titleAr: 'ملتقى ثالث', titleEn: 'Third' };
    const f3 = (await h['forums.create'](f3Input)).id;
    await h['programme.saveDelegation']({
      forumId: f3,
      delegation: newDelegation(randomUUID(), {
        nameAr: 'وفد الرياض',
        organisationId: o2,
        headId: p2,
        memberIds: [p3],
      }),
    });
    await register(h, f3, 'عبدالله القرني', 'abdullah@example.org');
    await register(h, f3, 'لمى الحارثي', 'lama@example.org');
    const backupB = (await h['backups.create']()).id;
    await keep(backupB);
    known.push(...(await idsIn(setupDir)));

    // The handover file: F1 later still (a session chaired by P4, P4 new; a registrant renamed, one more).
    await h['forums.update']({
      id: f1,
      input: { ...f1Input, titleAr: 'ملتقى الحالة ب', titleEn: 'State B, handed over' },
    });
    const p4 = await person(h, 'طارق الشهري', 'tariq@example.org', null);
    await h['programme.saveSessions']({ forumId: f1, sessions: [session(randomUUID(), 'Closing', p4, null, 780)] });
    const mona = (await h['registrations.list']({ forumId: f1 })).find((r) => r.id === r2);
    if (!mona) throw new Error('setup: registrant r2');
    const { id: _id, code: _c, checkedInAt: _a, statusBeforeCheckIn: _s, source: _src, ...monaInput } = mona;
    const { createdAt: _cr, updatedAt: _up, ...monaSave } = monaInput;
    await h['registrations.save']({
      forumId: f1,
      registration: { ...monaSave, id: r2, fullName: 'منى بنت سعد الحربي' },
    });
    await register(h, f1, 'وليد الدوسري', 'waleed@example.org');
    const handover = await exportHandover(h, f1);
    known.push(...(await idsIn(setupDir)));

    const setupFiles = path.join(workDir, 'inputs');
    await fs.mkdir(setupFiles, { recursive: true });
    const handoverFile = path.join(setupFiles, 'F1.multaqa');
    await fs.writeFile(handoverFile, Buffer.from(handover, 'base64'));
    const csvFile = path.join(setupFiles, 'registrants.csv');
    await fs.writeFile(
      csvFile,
      'الاسم,البريد الإلكتروني\r\nعلي الشهري,ali@example.org\r\nسارة القحطاني,sara@example.org\r\n',
    );
    const setup: ReplaceSetup = {
      backupA,
      backupB,
      forum1: f1,
      forum3: f3,
      handoverFile,
      csvFile,
      knownIds: [...new Set(known)],
      setupEnd: '',
    };
    await core.close();
    setup.setupEnd = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const setupFile = path.join(setupFiles, 'setup.json');
    await fs.writeFile(setupFile, JSON.stringify(setup));
    return { setup, setupFile, setupDir };
  } catch (error) {
    await core.close();
    throw error;
  }
}

async function exportHandover(h: Handlers, forumId: string): Promise<string> {
  let status = await h['exports.start']({ forumId, options: DEFAULT_EXPORT_OPTIONS.handover });
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = await h['exports.status']({ jobId: status.jobId });
  }
  if (status.state !== 'done') throw new Error(`handover export ${status.state}: ${status.error?.message}`);
  return (await h['exports.download']({ jobId: status.jobId })).base64;
}

// ---------------------------------------------------------------------------
// Rounds
// ---------------------------------------------------------------------------

interface ChildOptions {
  start: number;
  exact?: { kind: ExactKind; k: number; at: number };
  recovery?: number;
  dry?: { steps: number; out: string };
}

/** Recovery when the last kill left a journal (most times); otherwise random kills half the time, exact ones the rest. */
function pickMode(journalLeft: boolean): Mode {
  if (journalLeft && Math.random() < 0.6) return 'recovery';
  const weights: [Mode, number][] = [
    ['spawn', 8],
    ['ready', 20],
    ['step', 22],
    ['staging', 10],
    ['journal', 8],
    ['apply', 16],
    ['cleanup', 6],
    ['durable', 10],
  ];
  let r = Math.random() * weights.reduce((sum, [, w]) => sum + w, 0);
  for (const [mode, w] of weights) {
    r -= w;
    if (r < 0) return mode;
  }
  return 'ready';
}

interface Plan {
  mode: Mode;
  /** spawn: after spawn; ready: after `ready`; step: after `begin <stepIndex>`; exact: the step armed. */
  delayMs: number;
  stepIndex: number;
}

interface RoundResult {
  lines: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  killedBy: 'test' | 'timeout' | null;
}

function runChild(bundle: string, args: string[], plan: Plan | null): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RoundResult = { lines: [], stderr: '', code: null, signal: null, killedBy: null };
    let timer: NodeJS.Timeout | null = null;
    const kill = () => {
      result.killedBy ??= 'test';
      child.kill('SIGKILL');
    };
    const killAfter = (ms: number) => {
      if (!timer) timer = setTimeout(kill, ms);
    };
    const limit = setTimeout(() => {
      result.killedBy = 'timeout';
      child.kill('SIGKILL');
    }, ROUND_LIMIT_MS);
    if (plan?.mode === 'spawn') killAfter(plan.delayMs);
    const onLine = (text: string) => {
      result.lines.push(text);
      if (!plan) return;
      const [kind, n] = text.split(' ');
      if (kind === 'ready' && plan.mode === 'ready') killAfter(plan.delayMs);
      // The recovery kill did not come (fewer renames were left than k): stop here.
      if (kind === 'ready' && plan.mode === 'recovery') kill();
      if (kind === 'begin' && plan.mode === 'step' && Number(n) === plan.stepIndex) killAfter(plan.delayMs);
      if (kind === 'missed') kill();
      // An exact kill targets one step: past it, the child would only run on.
      if (kind === 'begin' && Number(n) > plan.stepIndex && plan.mode !== 'ready' && plan.mode !== 'step') kill();
    };
    const output = followChild(child, {
      line: onLine,
      stderr: (text) => {
        result.stderr += text;
      },
      fail: reject,
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(limit);
      const rest = output.rest();
      if (rest) result.lines.push(rest);
      result.code = code;
      result.signal = signal;
      resolve(result);
    });
  });
}

interface DryRun {
  states: string[];
  events: { staging: number; apply: number }[];
  durations: number[];
}

interface Current {
  state: StoreState;
  text: string;
  /** The step whose after-state this is, or -1 (the setup's state). */
  index: number;
}

const describeLines = (lines: string[]) => lines.map((l) => `    ${l}`).join('\n');

/** The first lines where two states differ, for a failure message. */
function difference(found: string, expected: string[]): string {
  return expected
    .map((e, i) => {
      const a = found.split('\n');
      const b = e.split('\n');
      const at = a.findIndex((l, j) => l !== b[j]);
      return at < 0
        ? `  candidate ${i}: same`
        : `  candidate ${i}, line ${at}:\n    found    ${a[at]?.slice(0, 400)}\n    expected ${b[at]?.slice(0, 400)}`;
    })
    .join('\n');
}

describe('restore and import crash test', () => {
  const suite = crashSuite('multaqa-replace-crash-', path.join(__dirname, 'replace-child.ts'));

  it(`leaves the state before or the state after, never a mix, across ${KILLS} SIGKILLs`, {
    // About 1 s a kill on an idle machine, 4.5 s when it shares its two cores with the other suites.
    timeout: Math.max(240_000, KILLS * 6_000),
  }, async () => {
    expect(KILLS).toBeGreaterThan(0);
    const { workDir, bundle } = suite.current();
    const started = Date.now();
    const { setup, setupFile, setupDir } = await buildSetup(workDir);

    // The dry run: two turns of the cycle unkilled, to learn the state after each step.
    const dryDir = path.join(workDir, 'dry');
    await fs.cp(setupDir, dryDir, { recursive: true });
    const dryOut = path.join(workDir, 'dry.json');
    const dryOptions: ChildOptions = { start: 0, dry: { steps: 2 * STEPS.length, out: dryOut } };
    const dry = await runChild(bundle, [setupFile, dryDir, JSON.stringify(dryOptions)], null);
    expect(dry.stderr, 'dry run stderr').toBe('');
    expect(dry.code, `dry run:\n${describeLines(dry.lines)}`).toBe(0);
    const learnt = JSON.parse(await fs.readFile(dryOut, 'utf8')) as DryRun;
    const S = learnt.states.slice(0, STEPS.length);
    for (const [i, step] of STEPS.entries()) {
      expect(learnt.states[i + STEPS.length], `the state after ${step} is the same each time round`).toBe(S[i]);
      for (const [j, other] of STEPS.entries()) {
        if (j > i) expect(S[i] === S[j], `${step} and ${other} leave different states`).toBe(false);
      }
    }
    const stepMs = STEPS.map((_, i) => Math.max(learnt.durations[i] ?? 0, learnt.durations[i + STEPS.length] ?? 0));
    const cycleMs = stepMs.reduce((a, b) => a + b, 0);
    const events = learnt.events.slice(0, STEPS.length);
    for (const [i, step] of STEPS.entries()) {
      if (isTransactional(step)) expect(events[i]?.staging, `${step} stages files`).toBeGreaterThan(1);
    }

    // The kills.
    const dataDir = path.join(workDir, 'data');
    await fs.cp(setupDir, dataDir, { recursive: true });
    const first = await readStore(dataDir, true);
    expect(first.problems).toEqual([]);
    let current: Current = { state: first.state, text: canonical(first.state, setup), index: -1 };
    let lastInFlight: Step | null = null;
    let journaled = false;

    const modes = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
    const exactHits = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
    const inFlight: Record<OpKind | 'none', number> = {
      restoreAll: 0,
      restoreForum: 0,
      handoverMerge: 0,
      handoverNew: 0,
      import: 0,
      none: 0,
    };
    const found = { before: 0, after: 0, settled: 0 };
    const tally = { journaled: 0, mixedLive: 0, unjournaled: 0, acks: 0 };

    for (let round = 1; round <= KILLS; round++) {
      const start = (current.index + 1) % STEPS.length;
      const startStep = STEPS[start] as Step;
      const options: ChildOptions = { start };
      const mode = pickMode(journaled);
      const plan: Plan = { mode, delayMs: 0, stepIndex: 0 };
      if (mode === 'spawn') plan.delayMs = rand(0, 900);
      else if (mode === 'ready') plan.delayMs = rand(0, Math.ceil(cycleMs));
      else if (mode === 'step') {
        plan.stepIndex = rand(0, 3);
        plan.delayMs = rand(0, Math.ceil(stepMs[(start + plan.stepIndex) % STEPS.length] ?? 20));
      } else if (mode === 'recovery') {
        const left = lastInFlight ? (events[STEPS.indexOf(lastInFlight)]?.apply ?? 4) : 4;
        options.recovery = rand(1, left + 1);
      } else {
        // The first step of the run that goes through this point: a transaction's, or an import's durable write.
        let at = 0;
        while (isTransactional(STEPS[(start + at) % STEPS.length] as Step) === (mode === 'durable')) at++;
        const ev = events[(start + at) % STEPS.length] ?? { staging: 1, apply: 1 };
        const k = mode === 'staging' ? rand(1, ev.staging) : mode === 'apply' ? rand(1, ev.apply) : 1;
        options.exact = { kind: mode, k, at };
        plan.stepIndex = at;
      }
      modes[mode]++;

      const result = await runChild(bundle, [setupFile, dataDir, JSON.stringify(options)], plan);
      const what = `round ${round} (${mode}, from ${startStep}, options ${JSON.stringify(options)})`;
      const context = () => `${what}\n  child said:\n${describeLines(result.lines)}\n  stderr: ${result.stderr}`;
      if (result.signal !== 'SIGKILL' || result.killedBy === 'timeout') {
        throw new Error(`${context()}\n  the child did not run until the kill (${result.killedBy ?? result.code})`);
      }
      expect(result.stderr, context()).toBe('');
      if (result.lines.some((l) => l.startsWith('exact '))) exactHits[mode]++;

      // What the child found on opening: no problem, no transaction left, the state we last found on disk.
      const ready = result.lines.find((l) => l.startsWith('ready '));
      if (ready) {
        const [, startup, txLeft, problems, quarantined, hash] = ready.split(' ');
        expect({ startup, txLeft, problems, quarantined }, `${context()}\n  on opening`).toEqual({
          startup: '0',
          txLeft: '0',
          problems: '0',
          quarantined: '0',
        });
        expect(hash, `${context()}\n  the handlers read the state found on disk`).toBe(
          hashOf(canonical(current.state, setup, false)),
        );
      }

      // Which states the folder may hold now.
      let before = current.text;
      let allowed = [current.text];
      let flight: Step | null = null;
      for (const l of result.lines) {
        const [kind, , step] = l.split(' ');
        const index = STEPS.indexOf(step as Step);
        if (kind === 'begin') {
          before = allowed[allowed.length - 1] as string;
          allowed = [before, S[index] as string];
          flight = step as Step;
        } else if (kind === 'done') {
          allowed = [S[index] as string];
          flight = null;
          tally.acks++;
        } else if (kind !== 'ready' && kind !== 'exact' && kind !== 'missed') {
          throw new Error(`${context()}\n  unexpected line ${l}`);
        }
      }
      inFlight[flight ? OP_KIND[flight] : 'none']++;

      const disk: DiskRead = await readStore(dataDir, true);
      if (disk.problems.length > 0) {
        throw new Error(
          `${context()}\n  the folder, read as the next start will:\n  - ${disk.problems.join('\n  - ')}`,
        );
      }
      const text = canonical(disk.state, setup);
      const at = allowed.indexOf(text);
      if (at < 0) {
        throw new Error(
          `${context()}\n  the folder holds neither the state before the step nor the one after it ` +
            `(transaction: ${disk.transaction}):\n${difference(text, allowed)}`,
        );
      }
      if (allowed.length === 1) found.settled++;
      else if (at === 0 && allowed[0] !== allowed[1]) found.before++;
      else found.after++;
      if (disk.transaction === 'journaled') {
        tally.journaled++;
        // The live files alone, without the journal finished: a mix is expected there, and the journal must mend it.
        const live = await readStore(dataDir, false);
        if (live.problems.length > 0 || !allowed.includes(canonical(live.state, setup))) tally.mixedLive++;
      } else if (disk.transaction === 'unjournaled') tally.unjournaled++;
      journaled = disk.transaction === 'journaled';
      lastInFlight = flight;
      const index = S.indexOf(text);
      current = { state: disk.state, text, index };
    }

    // The real core, one last time.
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      expect(core.startupProblems).toEqual([]);
      expect(await exists(path.join(dataDir, 'transaction'))).toBe(false);
      expect(await core.handlers['app.storeProblems']()).toEqual([]);
      expect(canonical(await stateViaHandlers(core.handlers), setup, false)).toBe(
        canonical(current.state, setup, false),
      );
    } finally {
      await core.close();
    }
    const leftTemps = (await readStore(dataDir, true)).temps;
    const safetyTemps = (await fs.readdir(path.join(workDir, 'safety'))).filter((n) => n.includes('.tmp-'));

    const elapsed = (Date.now() - started) / 1000;
    const list = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
    const exact = (['staging', 'journal', 'apply', 'cleanup', 'durable', 'recovery'] as const)
      .map((m) => `${m} ${exactHits[m]}/${modes[m]}`)
      .join(', ');
    console.log(
      `replace crash test: ${KILLS} kills survived (spawn ${modes.spawn}, ready ${modes.ready}, in a step ${modes.step}; ` +
        `exact kills hit/tried: ${exact}); step in flight at the kill: ${list(inFlight)}; ` +
        `folder held the state before ${found.before}, after ${found.after}, no step in flight ${found.settled}; ` +
        `journal left ${tally.journaled} times (live files alone a mix ${tally.mixedLive}), ` +
        `unjournaled transaction folder ${tally.unjournaled}; ${tally.acks} steps acknowledged; ` +
        `temp files left: ${leftTemps.length} in the data folder (${leftTemps.join(', ') || 'none'}), ` +
        `${safetyTemps.length} in the backups folder; ${elapsed.toFixed(1)} s`,
    );
  });
});

describe('what an interrupted replacement leaves behind', () => {
  let workDir = '';
  beforeAll(async () => {
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-replace-left-'));
  });
  afterAll(async () => {
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  // A kill in the middle of a durable write of settings.json, directory.json or import-mappings.json
  // (the import's last write) leaves its temp file in the data folder's root; only forums/ and photos/
  // are swept at start-up, so these stay for good (the crash test above finds them).
  it('start-up removes the temp files a kill left in the data folder itself', async () => {
    const dataDir = path.join(workDir, 'temps');
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    await core.close();
    const temps = ['settings.json', 'directory.json', 'import-mappings.json'].map((n) => `${n}.tmp-0123456789ab`);
    for (const name of temps) await fs.writeFile(path.join(dataDir, name), '{"schemaVersion":1,"da');
    const reopened = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    await reopened.close();
    expect((await fs.readdir(dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  // A rename that fails in the middle of apply (on Windows an antivirus or the indexer holding a file open
  // is enough) leaves the journal, the store half replaced and the stores in memory as they were. The
  // next transaction starts with fs.rm(transaction/): the journal is thrown away unfinished, and the
  // half-replaced forum stays so: its file from the backup, its registrations from before.
  it('a later transaction finishes (not discards) the journal of one that failed after its commit point', async () => {
    const dataDir = path.join(workDir, 'failed-apply');
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    const h = core.handlers;
    let forumId = '';
    try {
      const seeded = await seedForum(h, 'العنوان الأول');
      forumId = seeded.forumId;
      const other = await seedForum(h, 'ملتقى آخر');
      const backup = await h['backups.create']();
      const forum = await h['forums.get']({ id: forumId });
      await h['forums.update']({ id: forumId, input: { ...forum, titleAr: 'العنوان الثاني' } });
      await h['registrations.delete']({ forumId, ids: seeded.registrationIds.slice(0, 2) });
      // The registrations file cannot be moved to its .bak: apply stops after the forum file went in.
      const obstacle = path.join(dataDir, 'forums', `${forumId}.registrations.json.bak`);
      await fs.rm(obstacle, { force: true });
      await fs.mkdir(obstacle);
      await expect(h['backups.restore']({ id: backup.id, forumId })).rejects.toSatisfy(withCode('save_failed'));
      await fs.rmdir(obstacle);
      // Another restore, of another forum, commits fine.
      await h['backups.restore']({ id: backup.id, forumId: other.forumId });
    } finally {
      await core.close();
    }
    const reopened = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      const title = (await reopened.handlers['forums.get']({ id: forumId })).titleAr;
      const registrants = (await reopened.handlers['registrations.list']({ forumId })).length;
      // All of the restore (as the backup had it) or none of it (as it was before).
      expect([
        { title: 'العنوان الأول', registrants: 3 },
        { title: 'العنوان الثاني', registrants: 1 },
      ]).toContainEqual({ title, registrants });
    } finally {
      await reopened.close();
    }
  });
});
