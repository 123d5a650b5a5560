import { promises as fs } from 'node:fs';
import os from 'node:os';
import { AppError } from '../../shared/errors';

/**
 * One process writes a data folder at a time: the desktop app and browser mode
 * (or two browser-mode servers) must never write the same files. The lock is a
 * file created exclusively; a lock left by a process that no longer runs (a
 * crash, a kill) is taken over.
 */
export type LockHolderKind = 'desktop' | 'web' | 'test';

interface LockInfo {
  pid: number;
  host: string;
  holder: LockHolderKind;
  since: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

/** Folders locked by this process, so a second open from within it is refused too. */
const heldHere = new Set<string>();

export async function acquireFolderLock(lockFile: string, holder: LockHolderKind): Promise<FolderLock> {
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockFile, JSON.stringify(mine), { flag: 'wx' });
      heldHere.add(lockFile);
      return {
        release: async () => {
          heldHere.delete(lockFile);
          await releaseIfMine(lockFile);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const other = await readLock(lockFile);
    // A lock from another computer (a shared network folder) cannot be checked: respect it.
    const heldElsewhere = other !== null && other.host !== mine.host;
    const heldByLiveProcess =
      other !== null && (other.pid === process.pid ? heldHere.has(lockFile) : isAlive(other.pid));
    if (other && (heldElsewhere || heldByLiveProcess)) {
      throw new AppError(
        'store_locked',
        `The data folder is in use by Multaqa ${other.holder} (process ${other.pid} on ${other.host}, since ${other.since}).`,
      );
    }
    // Stale (its process is gone) or unreadable: take it over.
    await fs.rm(lockFile, { force: true });
  }
  throw new AppError('store_locked', `Could not take the data folder lock ${lockFile}.`);
}

async function readLock(lockFile: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await fs.readFile(lockFile, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

async function releaseIfMine(lockFile: string): Promise<void> {
  const info = await readLock(lockFile);
  if (info?.pid === process.pid) await fs.rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
