/**
 * Child program for the store crash test (store-crash.test.ts): opens the core
 * on a data folder and saves forums in a loop until it is killed.
 *
 *   node save-loop-child.mjs <dataDir>      (or MULTAQA_CRASH_DIR=<dataDir>)
 *
 * Every line on stdout is written with one `write` call (a pipe write under
 * PIPE_BUF is atomic), and only after the promise it reports has resolved, i.e.
 * after the durable write was acknowledged:
 *
 *   ready <forumCount> <problemCount>   the core is open
 *   created <forumId> <counter>         forums.create resolved
 *   ack <forumId> <counter>             forums.update resolved with expectedAttendance = counter
 *
 * The counter of a forum is its `expectedAttendance` (mirrored in `description`);
 * it continues from the value on disk, so it only grows across restarts.
 */
import { openCore } from '../../src/core/app-core';
import type { Forum, ForumInput } from '../../src/shared/domain/forum';

const INITIAL_FORUMS = 4;
const MAX_FORUMS = 10;
const MAX_IN_FLIGHT = 12;

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function fail(what: string, error: unknown): never {
  process.stderr.write(
    `save-loop-child: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
}

function inputOf(forum: Forum, counter: number): ForumInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = forum;
  return { ...input, expectedAttendance: counter, description: `counter ${counter}` };
}

function newForumInput(n: number): ForumInput {
  return {
    kind: 'workshop',
    edition: '',
    editionNumber: n + 1,
    editionNoun: 'workshop',
    editionStyle: 'digits',
    titleAr: `ملتقى الاختبار ${n}`,
    titleEn: `Crash test forum ${n}`,
    slogan: '',
    organisers: ['Multaqa'],
    logos: [],
    partners: [],
    patron: '',
    venue: { hotel: '', hall: '', city: 'الرياض', country: 'SA' },
    firstDay: '2026-03-01',
    lastDay: '2026-03-02',
    expectedAttendance: 0,
    phoneCountry: '966',
    objectives: [],
    description: 'counter 0',
    status: 'draft',
  };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? process.env.MULTAQA_CRASH_DIR;
  if (!dataDir) fail('usage', 'pass the data folder as the first argument or MULTAQA_CRASH_DIR');

  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  const forums = new Map<string, Forum>();
  /** The last counter given to each forum (acknowledged or not). */
  const counters = new Map<string, number>();
  for (const forum of await core.handlers['forums.list']()) {
    forums.set(forum.id, forum);
    counters.set(forum.id, forum.expectedAttendance ?? 0);
  }
  line(`ready ${forums.size} ${core.startupProblems.length}`);
  for (const problem of core.startupProblems) {
    process.stderr.write(`save-loop-child: startup problem: ${JSON.stringify(problem)}\n`);
  }

  let created = forums.size;
  const create = async (): Promise<void> => {
    const forum = await core.handlers['forums.create'](newForumInput(++created));
    forums.set(forum.id, forum);
    counters.set(forum.id, 0);
    line(`created ${forum.id} 0`);
  };

  // The first few are created one after another, then all the work is concurrent.
  while (forums.size < INITIAL_FORUMS) await create().catch((e) => fail('create', e));

  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  for (;;) {
    if (Math.random() < 0.02 && forums.size < MAX_FORUMS) {
      track(create().catch((e) => fail('create', e)));
    }
    // A burst of updates to one or two forums, none awaited before the next:
    // the document coalesces them into at most two writes per file.
    const ids = [...counters.keys()];
    const targets = Math.random() < 0.5 ? 1 : 2;
    for (let t = 0; t < targets; t++) {
      const id = ids[Math.floor(Math.random() * ids.length)];
      const forum = id === undefined ? undefined : forums.get(id);
      if (id === undefined || !forum) continue;
      const burst = 1 + Math.floor(Math.random() * 4);
      for (let b = 0; b < burst; b++) {
        const counter = (counters.get(id) ?? 0) + 1;
        counters.set(id, counter);
        track(
          core.handlers['forums.update']({ id, input: inputOf(forum, counter) }).then(
            () => line(`ack ${id} ${counter}`),
            (e) => fail(`update ${id} ${counter}`, e),
          ),
        );
      }
    }
    // Keep a bounded number of saves on their way; sometimes wait for all of them.
    if (inFlight.size > 0 && (inFlight.size >= MAX_IN_FLIGHT || Math.random() < 0.1)) {
      await Promise.race(inFlight);
    }
    if (Math.random() < 0.05) await Promise.all(inFlight);
    // Let timers and I/O callbacks run between bursts.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

main().catch((error) => fail('crashed', error));
