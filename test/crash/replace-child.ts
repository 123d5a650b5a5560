/**
 * Child program for replace-crash.test.ts: opens core on a data folder and
 * runs the steps of replace-steps.ts (whole-store and one-forum restores,
 * handover imports merged and as a new forum, registrant imports) one after
 * another, from a given step, until it is killed.
 *
 *   node replace-child.mjs <setup.json> <dataDir> <options JSON>
 *
 * Options: `start` (the first step), and at most one of
 * - `exact: { kind, k, at }`: SIGKILL itself at the k-th event of that kind in the at-th step of the run:
 *   `staging` (a staged file renamed into transaction/), `journal` (the journal renamed in),
 *   `apply` (a rename or removal of a store file after the journal), `cleanup` (the journal
 *   removed, the folder not yet), `durable` (a registrations file renamed to `.bak`, its new
 *   content not yet in place);
 * - `recovery: k`: SIGKILL itself at the k-th rename or removal while opening core finishes a journaled transaction;
 * - `dry: { steps, out }`: run that many steps unkilled, reading the folder after each, and
 *   write the states and the event counts to `out`.
 *
 * Lines on stdout, one write each, after what they report happened:
 *   ready <startupProblems> <transactionLeft 0|1> <storeProblems> <quarantined> <state hash>
 *   begin <n> <step>          about to run the n-th step of this run
 *   done <n> <step> <ms> <staging> <apply>
 *   exact <kind> <k>          about to kill itself
 *   missed <kind> <count>     the step ended with fewer events than k
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openCore } from '../../src/core/app-core';
import {
  canonical,
  exists,
  hashOf,
  type ReplaceSetup,
  readStore,
  runStep,
  STEPS,
  stateViaHandlers,
} from './replace-steps';

type ExactKind = 'staging' | 'journal' | 'apply' | 'cleanup' | 'durable';

interface Options {
  start: number;
  exact?: { kind: ExactKind; k: number; at: number };
  recovery?: number;
  dry?: { steps: number; out: string };
}

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function die(what: string): never {
  line(`exact ${what}`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** What the store's file operations are doing, as seen through fs.rename and fs.rm. */
const watch = {
  dataDir: '',
  /** Between the journal's rename and its removal. */
  committed: false,
  counts: { staging: 0, journal: 0, apply: 0, cleanup: 0, durable: 0 } as Record<ExactKind, number>,
  armed: null as { kind: ExactKind; k: number } | null,
  /** While core opens on a folder holding a journal. */
  recovering: null as { k: number; count: number } | null,
};

const inTransaction = (file: string) => file.startsWith(path.join(watch.dataDir, 'transaction') + path.sep);
const inStore = (file: string) => file.startsWith(watch.dataDir + path.sep) && !inTransaction(file);

function event(kind: ExactKind): void {
  watch.counts[kind]++;
  const armed = watch.armed;
  if (armed?.kind === kind && watch.counts[kind] === armed.k) die(`${kind} ${armed.k}`);
}

function recoveryEvent(): void {
  const r = watch.recovering;
  if (!r) return;
  r.count++;
  if (r.count === r.k) die(`recovery ${r.k}`);
}

function installWatch(): void {
  const rename = fs.rename;
  fs.rename = (async (from: string, to: string) => {
    await rename(from, to);
    const [src, dest] = [String(from), String(to)];
    if (inTransaction(dest) && /\d+\.staged$/.test(dest)) event('staging');
    else if (inTransaction(dest) && dest.endsWith(`${path.sep}journal.json`)) {
      watch.committed = true;
      event('journal');
    } else if (watch.committed && (inStore(dest) || inTransaction(src))) event('apply');
    else if (!watch.committed && src.endsWith('.registrations.json') && dest.endsWith('.registrations.json.bak')) {
      event('durable');
    }
    if (inStore(dest)) recoveryEvent();
  }) as typeof fs.rename;
  const rm = fs.rm;
  fs.rm = (async (file: string, options?: Parameters<typeof fs.rm>[1]) => {
    await rm(file, options);
    const target = String(file);
    if (target === path.join(watch.dataDir, 'transaction', 'journal.json')) {
      watch.committed = false;
      recoveryEvent();
      watch.recovering = null; // finished
      event('cleanup');
    } else if (watch.committed && inStore(target)) {
      event('apply');
      recoveryEvent();
    }
  }) as typeof fs.rm;
}

async function main(): Promise<void> {
  const [setupFile, dataDir, optionsJson] = process.argv.slice(2);
  if (!setupFile || !dataDir || !optionsJson) throw new Error('usage: replace-child <setup.json> <dataDir> <options>');
  const setup = JSON.parse(await fs.readFile(setupFile, 'utf8')) as ReplaceSetup;
  const options = JSON.parse(optionsJson) as Options;
  const inputs = {
    handoverBase64: (await fs.readFile(setup.handoverFile)).toString('base64'),
    csvBase64: (await fs.readFile(setup.csvFile)).toString('base64'),
  };
  watch.dataDir = path.resolve(dataDir);
  installWatch();
  if (options.recovery && (await exists(path.join(dataDir, 'transaction', 'journal.json')))) {
    watch.recovering = { k: options.recovery, count: 0 };
    watch.committed = true; // the journal is there: what core moves now is the transaction's apply
  }

  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  watch.recovering = null;
  watch.committed = false;
  const h = core.handlers;
  const transactionLeft = await exists(path.join(dataDir, 'transaction'));
  const view = canonical(await stateViaHandlers(h), setup, false);
  const storeProblems = (await h['app.storeProblems']()).length;
  const quarantined = (await fs.readdir(path.join(dataDir, 'quarantine')).catch(() => [])).length;
  line(
    `ready ${core.startupProblems.length} ${transactionLeft ? 1 : 0} ${storeProblems} ${quarantined} ${hashOf(view)}`,
  );
  for (const problem of core.startupProblems) {
    process.stderr.write(`replace-child: startup problem: ${JSON.stringify(problem)}\n`);
  }

  const states: string[] = [];
  const events: Record<ExactKind, number>[] = [];
  const durations: number[] = [];
  for (let n = 0; ; n++) {
    const step = STEPS[(options.start + n) % STEPS.length] ?? 'restoreAllA';
    for (const kind of Object.keys(watch.counts) as ExactKind[]) watch.counts[kind] = 0;
    watch.armed = options.exact?.at === n ? options.exact : null;
    line(`begin ${n} ${step}`);
    const started = performance.now();
    await runStep(h, setup, step, inputs);
    const ms = performance.now() - started;
    const armed = watch.armed;
    if (armed) line(`missed ${armed.kind} ${watch.counts[armed.kind]}`);
    watch.armed = null;
    line(`done ${n} ${step} ${ms.toFixed(1)} ${watch.counts.staging} ${watch.counts.apply}`);
    if (options.dry) {
      const read = await readStore(dataDir, true);
      if (read.problems.length > 0 || read.transaction !== 'none') {
        throw new Error(`after ${step}: ${read.transaction} ${read.problems.join('; ')}`);
      }
      states.push(canonical(read.state, setup));
      events.push({ ...watch.counts });
      durations.push(ms);
      if (states.length >= options.dry.steps) {
        await core.close();
        await fs.writeFile(options.dry.out, JSON.stringify({ states, events, durations }));
        return;
      }
    }
  }
}

main().catch((error) => {
  process.stderr.write(`replace-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
