/**
 * Kills at exact steps of the store's file operations (see crash-step-child.ts),
 * for the crash windows that random kills in store-crash.test.ts reach too
 * rarely to be caught reliably. The child kills itself with SIGKILL at the
 * step, so the folder is left exactly as a real crash there would leave it.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/app-core';
import { forumFileSpec } from '../../src/core/forums/forum-file';
import { decodeDocument } from '../../src/core/store/document-codec';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { crashSuite, followChild, ROOT } from './child-bundle';

interface ChildRun {
  lines: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the child until it kills itself, or until it prints `lastLine` (then the test kills it). */
function runUntilKilled(bundle: string, args: string[], lastLine: RegExp): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { lines: [], stderr: '', code: null, signal: null };
    const limit = setTimeout(() => child.kill('SIGKILL'), 15_000);
    followChild(child, {
      line: (l) => {
        run.lines.push(l);
        if (lastLine.test(l)) child.kill('SIGKILL');
      },
      stderr: (text) => {
        run.stderr += text;
      },
      fail: reject,
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
  });
}

function ackedCounters(lines: string[]): Map<string, number> {
  const acked = new Map<string, number>();
  for (const l of lines) {
    const [kind, id, n] = l.split(' ');
    if (kind === 'ack' && id) acked.set(id, Math.max(acked.get(id) ?? 0, Number(n)));
  }
  return acked;
}

/** What a reader that knows nothing of the core finds for one forum: the file, or else its `.bak`. */
async function readWithoutCore(forumsDir: string, id: string): Promise<{ from: string; counter: number | null }> {
  for (const name of [`${id}.json`, `${id}.json.bak`]) {
    const text = await fs.readFile(path.join(forumsDir, name), 'utf8').catch(() => null);
    if (text === null) continue;
    const decoded = decodeDocument(forumFileSpec, text);
    if (!decoded.ok) throw new Error(`${name}: ${decoded.reason} ${decoded.detail}`);
    return { from: name, counter: decoded.data.forum.expectedAttendance };
  }
  return { from: 'nothing', counter: null };
}

describe('store crash at exact steps', () => {
  const suite = crashSuite('multaqa-crash-steps-', path.join(__dirname, 'crash-step-child.ts'));

  it('a kill in the middle of forums.delete loses no acknowledged save', async () => {
    const { workDir, bundle } = suite.current();
    const dataDir = path.join(workDir, 'delete');
    const run = await runUntilKilled(bundle, ['delete', dataDir], /^deleted /);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const [[id, acked] = ['', -1]] = [...ackedCounters(run.lines)];
    expect(acked).toBe(2);

    // The delete was never acknowledged: the forum may be live or in the trash, but wherever
    // it is, it must hold the last acknowledged save, not the one before.
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      expect(core.startupProblems).toEqual([]);
      const live = (await core.handlers['forums.list']()).find((f) => f.id === id);
      if (live) {
        expect(live.expectedAttendance, 'the live forum holds the acknowledged counter').toBeGreaterThanOrEqual(acked);
      } else {
        const restored = await core.handlers['forums.restore']({ id });
        expect(restored.expectedAttendance, 'the trashed forum holds the acknowledged counter').toBeGreaterThanOrEqual(
          acked,
        );
      }
    } finally {
      await core.close();
    }
  });

  it('a kill while readDurable copies a .bak back leaves a readable forum', async () => {
    const { workDir, bundle } = suite.current();
    const dataDir = path.join(workDir, 'recover');
    const forumsDir = path.join(dataDir, 'forums');
    // Counter 2 acknowledged, then the kill between writeDurable's renames of the next save:
    // no <id>.json, and <id>.json.bak holds counter 2.
    const core = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    const input = { ...emptyForumInput('2026-03-01'), titleEn: 'Recovered forum', expectedAttendance: 0 };
    const { id } = await core.handlers['forums.create'](input);
    for (const expectedAttendance of [1, 2]) {
      await core.handlers['forums.update']({ id, input: { ...input, expectedAttendance } });
    }
    await core.close();
    const file = path.join(forumsDir, `${id}.json`);
    await fs.rename(file, `${file}.bak`);
    expect(await readWithoutCore(forumsDir, id)).toEqual({ from: `${id}.json.bak`, counter: 2 });

    const run = await runUntilKilled(bundle, ['recover', dataDir], /^ready /);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');

    const left = await fs.readdir(forumsDir);
    const found = await readWithoutCore(forumsDir, id).catch((error: Error) => ({
      from: error.message,
      counter: null,
    }));
    expect(found.counter, `after the kill (forums/: ${left.join(', ')}): ${found.from}`).toBe(2);

    const reopened = await openCore({ dataDir, appVersion: 'crash-test', holder: 'test' });
    try {
      expect(reopened.startupProblems).toEqual([]);
      expect((await reopened.handlers['forums.get']({ id })).expectedAttendance).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});
