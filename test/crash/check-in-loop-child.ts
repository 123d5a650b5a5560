/**
 * Child program for the check-in crash test (check-in-crash.test.ts): opens
 * the core on a data folder holding one forum with thousands of registrants
 * and scans at the door in bursts until it is killed: check-ins, their undo,
 * walk-ins checked in at once, and now and then an office edit (which
 * rewrites the registrations file, folding the check-in log into it).
 *
 *   node check-in-loop-child.mjs <dataDir> [step]
 *
 * With a step, the child kills itself with SIGKILL at that exact point, once
 * it has had 20 scans acknowledged (`fold`: from the start, so in the fold of
 * the last run's log at open), the way a random kill could land but rarely does:
 * - removal, fold: a rewrite of the registrations file has landed, its logs not yet removed;
 * - renames: between the durable writer's two renames (the file moved to `.bak`, the new one not in place);
 * - torn: in the middle of appending a line to the log (half of it written).
 *
 * Every line on stdout is written with one `write` call (atomic in a pipe):
 *
 *   ready <problemCount>        the core is open
 *   go <id> <in|out>            a check-in (in) or its undo (out) is sent
 *   ack <id> <in|out>           ... and was acknowledged
 *   walkin <id> <code>          a walk-in was acknowledged, checked in
 *   goedit <id> <notes>         an office edit of the registrant's notes is sent
 *   edited <id> <notes>         ... and was acknowledged
 *
 * Office edits go to registrants that are also scanned (never while a scan of
 * theirs is on its way): a rewrite then holds changes newer than log entries
 * of the same registrant, which a fold applying those entries again would undo.
 * Walk-ins of earlier runs are scanned like the others (checked out, in again).
 */
import { promises as fs } from 'node:fs';
import { openCore } from '../../src/core/app-core';
import { emptyRegistrationInput, type Registration } from '../../src/shared/domain/registration';

const MAX_IN_FLIGHT = 40;

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function fail(what: string, error: unknown): never {
  process.stderr.write(
    `check-in-loop-child: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

type Step = 'removal' | 'fold' | 'renames' | 'torn';
let armed = false;

/** Wraps the file operations the store uses so that the child dies at `step` (see the top). */
async function killAt(step: Step): Promise<void> {
  armed = step === 'fold';
  const rm = fs.rm;
  fs.rm = (async (target, options) => {
    if (armed && (step === 'removal' || step === 'fold') && String(target).endsWith('.log')) die();
    return rm(target, options);
  }) as typeof fs.rm;
  const rename = fs.rename;
  fs.rename = (async (from, to) => {
    await rename(from, to);
    if (armed && step === 'renames' && String(from).endsWith('.registrations.json') && String(to).endsWith('.bak')) {
      die();
    }
  }) as typeof fs.rename;
  const probe = await fs.open(process.execPath, 'r');
  const handleProto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
  await probe.close();
  const write = handleProto.write;
  handleProto.write = async function (this: unknown, ...args: unknown[]) {
    const [bytes, offset, length] = args;
    if (armed && step === 'torn' && Buffer.isBuffer(bytes) && bytes.includes('"seq":')) {
      const half = Math.max(1, Math.floor(Number(length) / 2));
      await write.call(this, bytes, offset, half, args[3]);
      die();
    }
    return write.apply(this, args);
  };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) fail('usage', 'pass the data folder as the first argument');
  const step = process.argv[3] as Step | undefined;
  if (step) await killAt(step);
  let acks = 0;
  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  const h = core.handlers;
  const [forum] = await h['forums.list']();
  if (!forum) fail('setup', 'the data folder holds no forum');
  const forumId = forum.id;
  const registrations = await h['registrations.list']({ forumId });
  line(`ready ${core.startupProblems.length}`);
  for (const problem of core.startupProblems) {
    process.stderr.write(`check-in-loop-child: startup problem: ${JSON.stringify(problem)}\n`);
  }
  const scanned = registrations;
  if (scanned.length === 0) fail('setup', 'the forum has no registrants');
  const inside = new Map(scanned.map((r) => [r.id, r.checkedInAt !== null]));
  /** Each registrant as the last answer about it gave it: what an edit starts from. */
  const latest = new Map(scanned.map((r) => [r.id, r]));
  const recent: string[] = [];
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let walkIns = 0;
  let edits = 0;

  const scan = (r: Registration) => {
    const checkIn = !inside.get(r.id);
    busy.add(r.id);
    line(`go ${r.id} ${checkIn ? 'in' : 'out'}`);
    track(
      h['registrations.checkIn']({ forumId, id: r.id, checkedIn: checkIn }).then(
        (answer) => {
          latest.set(r.id, answer);
          recent.push(r.id);
          if (recent.length > 20) recent.shift();
          inside.set(r.id, checkIn);
          busy.delete(r.id);
          line(`ack ${r.id} ${checkIn ? 'in' : 'out'}`);
          if (++acks >= 20) armed = true;
        },
        (e) => fail(`check-in ${r.id} ${checkIn}`, e),
      ),
    );
  };

  for (;;) {
    // A burst of scans at the door, none awaited before the next: they share fsyncs.
    const burst = 1 + Math.floor(Math.random() * 30);
    for (let b = 0; b < burst && inFlight.size < MAX_IN_FLIGHT; b++) {
      const r = scanned[Math.floor(Math.random() * scanned.length)];
      if (r && !busy.has(r.id)) scan(r);
    }
    if (Math.random() < 0.05) {
      const n = ++walkIns;
      track(
        h['registrations.save']({
          forumId,
          registration: { ...emptyRegistrationInput(), fullName: `زائر ${n} ${process.pid}` },
          checkIn: true,
        }).then(
          (r) => line(`walkin ${r.id} ${r.code}`),
          (e) => fail('walk-in', e),
        ),
      );
    }
    // One scanned a moment ago: its scan is in the log the edit's rewrite folds in.
    const target = latest.get(recent[Math.floor(Math.random() * recent.length)] ?? '');
    if (Math.random() < 0.03 && target && !busy.has(target.id)) {
      // An office edit: the whole file is rewritten, the log so far folded in and removed.
      const notes = `edit-${++edits}-${process.pid}`;
      const {
        id,
        code: _c,
        checkedInAt: _a,
        statusBeforeCheckIn: _s,
        source: _o,
        createdAt: _r,
        updatedAt: _u,
        ...input
      } = latest.get(target.id) ?? target;
      busy.add(id);
      line(`goedit ${id} ${notes}`);
      track(
        h['registrations.save']({ forumId, registration: { ...input, id, notes } }).then(
          (answer) => {
            latest.set(id, answer);
            busy.delete(id);
            line(`edited ${id} ${notes}`);
          },
          (e) => fail('edit', e),
        ),
      );
    }
    if (inFlight.size > 0 && (inFlight.size >= MAX_IN_FLIGHT || Math.random() < 0.2)) await Promise.race(inFlight);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

main().catch((error) => fail('crashed', error));
