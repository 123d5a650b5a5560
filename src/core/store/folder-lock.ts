import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createDurableExclusive } from './durable-file';

/**
 * One process writes a data folder at a time: the desktop app and browser mode
 * (or two browser-mode servers) must never write the same files.
 *
 * Taking the lock is one atomic step whose result is complete: the holder's
 * details are written to a file of its own first, and that file is then
 * hard-linked under the lock's name (a link fails when the name exists). So
 * no one ever sees a lock without its content and takes it for a stale one.
 *
 * A lock left by a process that no longer runs (a crash, a kill) is taken
 * over, and two processes that both find it stale cannot both take it: the
 * takeover first creates a claim file named after that very lock file
 * (its content, size and time), which only one of them can create. Only the
 * claim's maker removes the stale lock; then each tries the atomic step again,
 * and one of them wins it. Claims are left in place a while, so that a late
 * process still holding the stale lock's description finds its claim taken.
 */
export type LockHolderKind = 'desktop' | 'web' | 'test';

interface LockInfo {
  pid: number;
  host: string;
  holder: LockHolderKind;
  since: string;
  /** Makes every lock's content unique, so that a claim names one lock and no later one. */
  nonce: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

/** Folders locked by this process, so a second open from within it is refused too. */
const heldHere = new Set<string>();

/** Attempts before giving up: each loses only to another process's takeover or release in between. */
const ATTEMPTS = 5;
/**
 * A lock that cannot be read yet may still be being written: by an older
 * Multaqa (which wrote it in two steps), or on a file system without hard links.
 */
const UNREADABLE_GRACE_MS = 5_000;
/** Takeover claims older than this are removed: a process racing for a lock does so within milliseconds. */
const CLAIM_KEPT_MS = 60 * 60 * 1000;
const CLAIM_MARK = '.takeover-';
/** A claim this old whose maker cannot be read was made by a process that died taking over. */
const CLAIM_STUCK_MS = 10_000;
/** How long a start that lost a takeover waits before it looks at the lock again. */
const TAKEOVER_PAUSE_MS = 25;
const CLAIM_GENERATIONS = 50;

export async function acquireFolderLock(lockFile: string, holder: LockHolderKind): Promise<FolderLock> {
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    holder,
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createLock(lockFile, JSON.stringify(mine))) {
      heldHere.add(lockFile);
      await removeOldClaims(lockFile);
      return {
        release: async () => {
          heldHere.delete(lockFile);
          await releaseIfMine(lockFile, mine.nonce);
        },
      };
    }
    const other = await readLock(lockFile);
    if (other === 'missing') continue; // released in between: try again
    if (other.info) {
      // A lock from another computer (a shared network folder) cannot be checked: respect it.
      const heldElsewhere = other.info.host !== mine.host;
      const heldByLiveProcess = other.info.pid === process.pid ? heldHere.has(lockFile) : isAlive(other.info.pid);
      if (heldElsewhere || heldByLiveProcess) {
        throw new AppError(
          'store_locked',
          `The data folder is in use by Multaqa ${other.info.holder} (process ${other.info.pid} on ${other.info.host}, since ${other.info.since}).`,
        );
      }
    } else if (Date.now() - other.mtimeMs < UNREADABLE_GRACE_MS) {
      throw new AppError('store_locked', `The data folder lock ${lockFile} is being taken by another process.`);
    }
    // Stale (its process is gone) or unreadable for long: only the one that claims this very lock removes it,
    // and only while the name still holds it.
    if (await claim(lockFile, other.identity, mine)) {
      const still = await readLock(lockFile);
      if (still !== 'missing' && still.identity === other.identity) await fs.rm(lockFile, { force: true });
    } else {
      // Another start is taking it over: a moment for it to finish, then its lock answers who holds the folder.
      await new Promise((resolve) => setTimeout(resolve, TAKEOVER_PAUSE_MS));
    }
  }
  throw new AppError('store_locked', `Could not take the data folder lock ${lockFile}.`);
}

/**
 * Makes the lock appear with its content, never half written (see
 * createDurableExclusive). False when a lock is there, or when the holder
 * that just took it swept this attempt's content file away as a leftover.
 */
async function createLock(lockFile: string, content: string): Promise<boolean> {
  try {
    return await createDurableExclusive(lockFile, content);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The claim a takeover of the lock now under `lockFile` creates first (tests plant one left by a killed start). */
export async function takeoverClaimOf(lockFile: string, generation = 0): Promise<string | null> {
  const lock = await readLock(lockFile);
  return lock === 'missing' ? null : `${lockFile}${CLAIM_MARK}${lock.identity}-${generation}`;
}

type ReadLock = 'missing' | { info: LockInfo | null; identity: string; mtimeMs: number };

/** The lock's holder (null when its content cannot be read) and what identifies this very lock file. */
async function readLock(lockFile: string): Promise<ReadLock> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    // One open file for both: the content and the time are of the same file, even if the name moves on.
    const stat = await handle.stat();
    const text = await handle.readFile('utf8');
    const identity = createHash('sha256')
      .update(`${stat.ino}:${stat.size}:${stat.mtimeMs}:`)
      .update(text)
      .digest('hex')
      .slice(0, 32);
    return { info: parseLock(text), identity, mtimeMs: stat.mtimeMs };
  } finally {
    await handle.close();
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const raw = JSON.parse(text) as Partial<LockInfo> | null;
    if (typeof raw?.pid !== 'number' || typeof raw.host !== 'string') return null;
    return raw as LockInfo;
  } catch {
    return null;
  }
}

/**
 * True for the one process that creates the claim on the lock `identity`
 * names. A claim is a file that appears with its maker's pid and host (made
 * as the lock is, see createDurableExclusive), so a claim left by a process
 * killed before it removed the lock is seen at once for what it is; the next
 * generation's claim then follows, which again only one can make. A claim
 * whose maker cannot be read (a file system without hard links, where the
 * content comes a moment later) counts as stuck only after CLAIM_STUCK_MS.
 */
async function claim(lockFile: string, identity: string, me: Pick<LockInfo, 'pid' | 'host'>): Promise<boolean> {
  for (let generation = 0; generation < CLAIM_GENERATIONS; generation++) {
    const name = `${lockFile}${CLAIM_MARK}${identity}-${generation}`;
    if (await createDurableExclusive(name, JSON.stringify(me))) return true;
    const made = await readLock(name).catch(() => 'missing' as const);
    if (made === 'missing') return false; // swept as old in between: the lock it named is long gone
    const maker = made.info;
    const makerGone = maker
      ? maker.host === me.host && !isAlive(maker.pid)
      : Date.now() - made.mtimeMs >= CLAIM_STUCK_MS;
    if (!makerGone) return false; // another is taking it over now
  }
  return false;
}

/** Old claims. (The content files of attempts killed half way are temp files, swept with the folder's.) */
async function removeOldClaims(lockFile: string): Promise<void> {
  const dir = path.dirname(lockFile);
  const prefix = path.basename(lockFile) + CLAIM_MARK;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > CLAIM_KEPT_MS)
      await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

async function releaseIfMine(lockFile: string, nonce: string): Promise<void> {
  const lock = await readLock(lockFile).catch(() => 'missing' as const);
  if (lock !== 'missing' && lock.info?.nonce === nonce) await fs.rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
