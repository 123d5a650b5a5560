import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_SUFFIX, fileExists, syncDir, writeDurable } from './durable-file';

/**
 * Replaces several store files as one step, so that a crash at any instant
 * leaves either all of them as they were or all of them new: a restore or a
 * handover import rewrites a forum, its registrations and the directory, and
 * half of that would be a forum naming people the directory lacks.
 *
 *   1. each new content is written durably into `transaction/` (the old files are untouched);
 *   2. `transaction/journal.json` is written durably: the commit point;
 *   3. each file is put in place as the durable writer does (old file to `.bak`, new one renamed in);
 *   4. the journal and the folder are removed.
 *
 * At start-up, before any store opens, `recoverTransaction` finishes a
 * transaction whose journal was written (step 3 is safe to repeat: a file
 * already moved is simply not there to move again) and throws away one
 * whose journal was not (the store was never touched).
 */
const FOLDER = 'transaction';
const JOURNAL = 'journal.json';

const journalSchema = z.object({
  /** Paths relative to the data folder; `staged` null removes the file (and its `.bak`). */
  steps: z.array(z.object({ target: z.string().min(1), staged: z.string().nullable() })),
});
type Journal = z.infer<typeof journalSchema>;

export interface FileChange {
  /** Absolute path inside the data folder. */
  file: string;
  /** The new content; null removes the file. */
  content: string | Buffer | null;
}

export async function commitFiles(root: string, changes: readonly FileChange[]): Promise<void> {
  const folder = path.join(root, FOLDER);
  // One that failed halfway in this run (a rename refused) is finished first, not thrown away.
  await recoverTransaction(root);
  await fs.mkdir(folder, { recursive: true });
  const journal: Journal = { steps: [] };
  try {
    for (const [index, change] of changes.entries()) {
      const target = insideRoot(root, change.file);
      let staged: string | null = null;
      if (change.content !== null) {
        staged = `${index}.staged`;
        await writeDurable(path.join(folder, staged), change.content);
      }
      journal.steps.push({ target, staged });
    }
    await writeDurable(path.join(folder, JOURNAL), JSON.stringify(journal));
  } catch (error) {
    // Before the commit point: the store was not touched, and nothing is left behind.
    await fs.rm(folder, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
  // After it, a failure leaves the journal for the next start to finish.
  await apply(root, journal);
}

/** Finishes or drops a transaction a crash interrupted; see the comment at the top. */
export async function recoverTransaction(root: string): Promise<'none' | 'finished' | 'dropped'> {
  const folder = path.join(root, FOLDER);
  const names = await fs.readdir(folder).catch(() => null);
  if (names === null) return 'none';
  const text = await fs.readFile(path.join(folder, JOURNAL), 'utf8').catch(() => null);
  const parsed = text === null ? null : journalSchema.safeParse(safeJson(text));
  if (!parsed?.success) {
    await fs.rm(folder, { recursive: true, force: true });
    return 'dropped';
  }
  await apply(root, parsed.data);
  return 'finished';
}

async function apply(root: string, journal: Journal): Promise<void> {
  const folder = path.join(root, FOLDER);
  const dirs = new Set<string>();
  for (const step of journal.steps) {
    const target = path.join(root, insideRoot(root, path.join(root, step.target)));
    dirs.add(path.dirname(target));
    if (step.staged === null) {
      await removeIfPresent(target);
      await removeIfPresent(target + BACKUP_SUFFIX);
      continue;
    }
    const staged = path.join(folder, step.staged);
    if (!(await fileExists(staged))) continue; // moved in before the crash
    await fs.mkdir(path.dirname(target), { recursive: true });
    // As writeDurable does: the file being replaced becomes the last good copy.
    await fs.rename(target, target + BACKUP_SUFFIX).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await fs.rename(staged, target);
  }
  for (const dir of dirs) await syncDir(dir);
  // The journal goes first: once it is gone, nothing is left to finish.
  await fs.rm(path.join(folder, JOURNAL), { force: true });
  await fs.rm(folder, { recursive: true, force: true });
}

/** The path relative to the root, refusing one that leaves it (the journal is read back from disk). */
function insideRoot(root: string, file: string): string {
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative) || relative.startsWith(FOLDER)) {
    throw new Error(`Not a store file: ${file}`);
  }
  return relative;
}

async function removeIfPresent(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
