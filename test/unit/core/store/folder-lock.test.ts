/**
 * The data folder's lock, raced as a coordinator would race it by
 * double-clicking the app and starting browser mode at once: several starts
 * (child processes) released together on one folder, fresh or holding a lock
 * left by a process that was killed. Exactly one may get it, every round.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFolderLock, takeoverClaimOf } from '../../../../src/core/store/folder-lock';
import { AppError } from '../../../../src/shared/errors';
import { crashSuite } from '../../../crash/child-bundle';

const ROUNDS = 12;
const STARTS = 5;

const suite = crashSuite('multaqa-lock-', path.join(__dirname, 'lock-race-child.ts'));

interface Start {
  child: ChildProcess;
  lines: string[];
  waitFor(line: (text: string) => boolean): Promise<string>;
}

function start(bundle: string, lockFile: string): Start {
  const child = spawn(process.execPath, [bundle, lockFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: { test: (text: string) => boolean; resolve: (text: string) => void }[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.test(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  return {
    child,
    lines,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        const found = lines.find(test);
        if (found) return resolve(found);
        waiters.push({ test, resolve });
        child.once('exit', (code) =>
          reject(new Error(`start exited (${code}) before answering: ${lines.join(' | ')}`)),
        );
      }),
  };
}

/** The pid of a process that has just exited: what a killed holder leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

/** STARTS starts released at once on `lockFile`; the answers they gave. */
async function race(bundle: string, lockFile: string): Promise<string[]> {
  const starts = Array.from({ length: STARTS }, () => start(bundle, lockFile));
  try {
    await Promise.all(starts.map((s) => s.waitFor((l) => l === 'ready')));
    for (const s of starts) s.child.stdin?.write('go\n');
    return await Promise.all(starts.map((s) => s.waitFor((l) => l !== 'ready')));
  } finally {
    for (const s of starts) s.child.stdin?.end();
    await Promise.all(
      starts.map((s) => (s.child.exitCode === null ? new Promise((r) => s.child.once('exit', r)) : null)),
    );
  }
}

describe('the data folder lock', () => {
  it('on a fresh folder: of starts released together, exactly one gets the lock, every round', async () => {
    const { workDir, bundle } = suite.current();
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await fs.mkdtemp(path.join(workDir, 'fresh-'));
      const answers = await race(bundle, path.join(dir, 'multaqa.lock'));
      expect(
        answers.filter((a) => a === 'got'),
        `round ${round}: ${answers.join(', ')}`,
      ).toHaveLength(1);
      expect(answers.filter((a) => a !== 'got').every((a) => a === 'refused store_locked')).toBe(true);
    }
  }, 120_000);

  it('on a folder whose lock a killed process left: exactly one takes it over, every round', async () => {
    const { workDir, bundle } = suite.current();
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await fs.mkdtemp(path.join(workDir, 'stale-'));
      const lockFile = path.join(dir, 'multaqa.lock');
      // As an older Multaqa wrote it (no nonce), by a process that is gone.
      const stale = { pid: await deadPid(), host: os.hostname(), holder: 'desktop', since: '2026-11-30T08:00:00.000Z' };
      await fs.writeFile(lockFile, JSON.stringify(stale));
      const answers = await race(bundle, lockFile);
      expect(
        answers.filter((a) => a === 'got'),
        `round ${round}: ${answers.join(', ')}`,
      ).toHaveLength(1);
      expect(answers.filter((a) => a !== 'got').every((a) => a === 'refused store_locked')).toBe(true);
    }
  }, 120_000);

  it('takes over at once a stale lock whose takeover was itself killed half way', async () => {
    const { workDir } = suite.current();
    const dir = await fs.mkdtemp(path.join(workDir, 'claimed-'));
    const lockFile = path.join(dir, 'multaqa.lock');
    const host = os.hostname();
    await fs.writeFile(lockFile, JSON.stringify({ pid: await deadPid(), host, holder: 'desktop', since: '' }));
    // A start that claimed this lock's takeover and was killed before it removed the lock.
    const claim = (await takeoverClaimOf(lockFile)) as string;
    await fs.writeFile(claim, JSON.stringify({ pid: await deadPid(), host }));
    const began = Date.now();
    const lock = await acquireFolderLock(lockFile, 'test');
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(JSON.parse(await fs.readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('a takeover claimed by a start still running is left to it', async () => {
    const { workDir } = suite.current();
    const dir = await fs.mkdtemp(path.join(workDir, 'claimed-live-'));
    const lockFile = path.join(dir, 'multaqa.lock');
    const host = os.hostname();
    await fs.writeFile(lockFile, JSON.stringify({ pid: await deadPid(), host, holder: 'desktop', since: '' }));
    const claim = (await takeoverClaimOf(lockFile)) as string;
    await fs.writeFile(claim, JSON.stringify({ pid: process.ppid, host })); // alive: the one taking it over
    const error = await acquireFolderLock(lockFile, 'test').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('store_locked');
    expect(await fs.readFile(lockFile, 'utf8')).toContain('"holder":"desktop"'); // not removed by us
  });

  it('never shows a lock without its holder: the file appears with its content', async () => {
    const { workDir } = suite.current();
    const dir = await fs.mkdtemp(path.join(workDir, 'content-'));
    const lockFile = path.join(dir, 'multaqa.lock');
    const lock = await acquireFolderLock(lockFile, 'test');
    try {
      expect(JSON.parse(await fs.readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, holder: 'test' });
      // Only the lock is left: its content was written under a name of its own, then linked.
      expect(await fs.readdir(dir)).toEqual(['multaqa.lock']);
      const again = await acquireFolderLock(lockFile, 'test').catch((e: unknown) => e);
      expect(again).toBeInstanceOf(AppError);
      expect((again as AppError).code).toBe('store_locked');
    } finally {
      await lock.release();
    }
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('respects a lock whose content is not written yet (an older Multaqa in the middle of taking it)', async () => {
    const { workDir } = suite.current();
    const dir = await fs.mkdtemp(path.join(workDir, 'empty-'));
    const lockFile = path.join(dir, 'multaqa.lock');
    await fs.writeFile(lockFile, '');
    const error = await acquireFolderLock(lockFile, 'test').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('store_locked');
    // Left empty for long, it is a crash's leftover and is taken over.
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lockFile, old, old);
    const lock = await acquireFolderLock(lockFile, 'test');
    await lock.release();
  });
});
