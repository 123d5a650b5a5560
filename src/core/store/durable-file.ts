import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unlessUnwritable } from './save-error';

/**
 * Durable replacement of a file, so that a crash or power cut at any instant
 * leaves either the old content or the new one, never a mix:
 *
 *   1. write `<file>.tmp-<random>` and fsync it (the bytes are on disk);
 *   2. rename the current file to `<file>.bak` (the last good copy);
 *   3. rename the temp file over `<file>`;
 *   4. fsync the folder (the renames are on disk).
 *
 * A crash between 2 and 3 leaves no `<file>` but a `<file>.bak` holding the
 * last acknowledged content: `readDurable` takes it back. The promise resolves
 * only after step 4, which is what "acknowledged" means to callers.
 */
export const BACKUP_SUFFIX = '.bak';
const TEMP_MARK = '.tmp-';

export async function writeDurable(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = `${file}${TEMP_MARK}${randomBytes(6).toString('hex')}`;
  await writeSynced(temp, content);
  try {
    await fs.rename(file, file + BACKUP_SUFFIX).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDir(dir);
}

/**
 * Creates `file` with `content` unless a file of that name exists (false
 * then): never replaces anything, and two callers racing for one name cannot
 * both get it. The content is written and flushed under a name of its own
 * first, then hard-linked under `file`, so the file never appears half
 * written. On a file system without hard links (a FAT-formatted stick) it is
 * created exclusively and written in place.
 */
export async function createDurableExclusive(file: string, content: string | Uint8Array): Promise<boolean> {
  const dir = path.dirname(file);
  const temp = `${file}${TEMP_MARK}${randomBytes(6).toString('hex')}`;
  await writeSynced(temp, content);
  try {
    await fs.link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code ?? '')) throw error;
    try {
      await writeSynced(file, content);
    } catch (createError) {
      if ((createError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw createError;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
  await syncDir(dir);
  return true;
}

/** What link(2) answers where the file system has no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Writes a new file (refused when the name exists) and flushes it; nothing is left when writing fails. */
async function writeSynced(file: string, content: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(file, { force: true }).catch(() => {});
    throw error;
  }
  await handle.close();
}

/** Makes renames in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type ReadResult = { kind: 'missing' } | { kind: 'ok'; text: string; recoveredFromBackup: boolean };

/**
 * Reads a file written by `writeDurable`. When the file is missing but its
 * `.bak` exists, the process died between steps 2 and 3: the `.bak` is the last
 * acknowledged content, so it is put back in place and returned.
 */
export async function readDurable(file: string): Promise<ReadResult> {
  try {
    return { kind: 'ok', text: await fs.readFile(file, 'utf8'), recoveredFromBackup: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let text: string;
  try {
    text = await fs.readFile(file + BACKUP_SUFFIX, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  // Put it back durably too (temp + fsync + rename): a crash now must not leave a half-copied file.
  // A folder that cannot be written keeps the .bak, which is read again next time.
  await writeDurable(file, text).catch(unlessUnwritable);
  return { kind: 'ok', text, recoveredFromBackup: true };
}

/** Removes temp files left by writes that a crash interrupted (never acknowledged). */
export async function removeStaleTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  // One that cannot be removed now (a folder that cannot be written) is removed at a later start.
  await Promise.all(
    names
      .filter((n) => n.includes(TEMP_MARK))
      .map((n) => fs.rm(path.join(dir, n), { force: true }).catch(unlessUnwritable)),
  );
}

export function fileExists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

export function isTempOrBackup(name: string): boolean {
  return name.includes(TEMP_MARK) || name.endsWith(BACKUP_SUFFIX);
}
