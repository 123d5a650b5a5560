/**
 * Child program for crash-steps.test.ts: runs one scenario on a data folder and
 * SIGKILLs itself at one exact step of the store's file operations, the way a
 * random kill in store-crash.test.ts could (but rarely does) land.
 *
 *   node crash-step-child.mjs <scenario> <dataDir>
 *
 * Scenarios:
 * - delete:  create a forum, save counters 1 and 2, then `forums.delete` it;
 *            killed after the forum file moved to the trash but before its `.bak` did.
 * - recover: open a folder holding only `<id>.json.bak` (the state a kill leaves between
 *            the two renames of writeDurable); killed while readDurable copies the `.bak`
 *            back, after the copy created its destination and before it wrote the bytes
 *            (what fs.copyFile does: open(O_CREAT) + ftruncate, then copy_file_range).
 *
 * Lines on stdout (one write each): `ack <id> <counter>`, `deleted <id>`, `ready <problems>`.
 * If the store no longer goes through the step, the scenario just runs on and waits to be killed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openCore } from '../../src/core/app-core';
import { emptyForumInput, type ForumInput } from '../../src/shared/domain/forum';

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

type Rename = typeof fs.rename;
type CopyFile = typeof fs.copyFile;

async function deleteScenario(dataDir: string): Promise<void> {
  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  const input = (counter: number): ForumInput => ({
    ...emptyForumInput('2026-03-01'),
    titleEn: 'Crash step forum',
    expectedAttendance: counter,
    description: `counter ${counter}`,
  });
  const forum = await core.handlers['forums.create'](input(0));
  line(`ack ${forum.id} 0`);
  for (const counter of [1, 2]) {
    await core.handlers['forums.update']({ id: forum.id, input: input(counter) });
    line(`ack ${forum.id} ${counter}`);
  }
  const trashDir = `${path.sep}trash${path.sep}forums${path.sep}`;
  const rename: Rename = fs.rename;
  fs.rename = (async (from, to) => {
    // The forum file has already gone to the trash; the .bak is next.
    if (String(from).endsWith('.json.bak') && String(to).includes(trashDir)) die();
    return rename(from, to);
  }) as Rename;
  await core.handlers['forums.delete']({ id: forum.id });
  line(`deleted ${forum.id}`);
}

async function recoverScenario(dataDir: string): Promise<void> {
  const copyFile: CopyFile = fs.copyFile;
  fs.copyFile = (async (src, dest, mode) => {
    if (String(src).endsWith('.json.bak')) {
      const handle = await fs.open(dest, 'w'); // O_CREAT | O_TRUNC, as the copy starts
      await handle.close();
      die();
    }
    return copyFile(src, dest, mode);
  }) as CopyFile;
  const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
  line(`ready ${core.startupProblems.length}`);
}

async function main(): Promise<void> {
  const [scenario, dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: crash-step-child <delete|recover> <dataDir>');
  if (scenario === 'delete') await deleteScenario(dataDir);
  else if (scenario === 'recover') await recoverScenario(dataDir);
  else throw new Error(`unknown scenario ${scenario}`);
  setInterval(() => {}, 60_000); // wait for the kill
}

main().catch((error) => {
  process.stderr.write(
    `crash-step-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
});
