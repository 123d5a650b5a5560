import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIRECTORY_KEY, forumKey, History, type HistoryTarget } from '../../../src/core/history/history';
import * as durable from '../../../src/core/store/durable-file';
import { emptyForumInput, type ForumInput } from '../../../src/shared/domain/forum';
import { type HistoryLabel, historyLabel } from '../../../src/shared/domain/history';
import { emptyPersonInput } from '../../../src/shared/domain/person';
import { newDelegation } from '../../../src/shared/domain/programme-edit';
import { AppError } from '../../../src/shared/errors';
import { withCode, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

afterEach(() => {
  vi.restoreAllMocks();
});

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

/** A store file in memory; `failNextSets` makes the next writes throw like a full disk. */
class FakeTarget<T> implements HistoryTarget<T> {
  failNextSets = 0;
  readonly sets: T[] = [];
  readonly reverts: T[] = [];

  constructor(public data: T) {}

  async set(data: T): Promise<void> {
    if (this.failNextSets > 0) {
      this.failNextSets--;
      throw diskFull();
    }
    this.sets.push(data);
    this.data = data;
  }

  async revert(fallback: T): Promise<void> {
    this.reverts.push(fallback);
    this.data = fallback;
  }
}

/** One change in the shape most tests want: a fixed label, the next data per key, and the answer. */
function changeIn<R>(
  history: History,
  label: HistoryLabel,
  next: (current: (key: string) => unknown) => Map<string, unknown>,
  result: () => R,
): Promise<R> {
  return history.change((current) => ({ label, next: next(current), result }));
}

interface Counter {
  n: number;
}

function setup(keys: string[] = ['a', 'b'], limit?: number) {
  const targets = new Map(keys.map((k) => [k, new FakeTarget<Counter>({ n: 0 })]));
  const history = new History((key) => targets.get(key), limit);
  const target = (key: string) => targets.get(key) as FakeTarget<Counter>;
  /** Sets `key` to `{ n }` as one undoable change labelled by `action`. */
  const put = (key: string, n: number, action = `put ${key}=${n}`) =>
    changeIn(
      history,
      historyLabel(action, { ar: action, en: action }),
      () => new Map([[key, { n }]]),
      () => n,
    );
  return { history, target, put };
}

describe('History.change', () => {
  it('records a step when the data changed, and returns the result', async () => {
    const { history, target, put } = setup();
    expect(history.state()).toEqual({ undo: null, redo: null, undoDepth: 0 });
    expect(await put('a', 1, 'first')).toBe(1);
    expect(target('a').data).toEqual({ n: 1 });
    expect(history.state()).toMatchObject({ undo: { action: 'first' }, redo: null, undoDepth: 1 });
  });

  it('records nothing and writes nothing when apply hands back the same data', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    const writes = target('a').sets.length;
    const result = await changeIn(
      history,
      historyLabel('noop', { ar: 'لا شيء', en: 'nothing' }),
      (current) => new Map([['a', current('a')]]),
      () => 'done',
    );
    expect(result).toBe('done');
    expect(target('a').sets.length).toBe(writes);
    expect(history.state().undoDepth).toBe(1);
    expect(history.state().undo?.action).toBe('put a=1');
  });

  it('a change with nothing to change does not clear the redo stack', async () => {
    const { history, put } = setup();
    await put('a', 1);
    await history.undo();
    await changeIn(
      history,
      historyLabel('noop', { ar: '', en: 'noop' }),
      (current) => new Map([['a', current('a')]]),
      () => null,
    );
    expect(history.state().redo?.action).toBe('put a=1');
  });

  it('gives apply the current data of each key', async () => {
    const { history, target, put } = setup();
    await put('a', 5);
    await changeIn(
      history,
      historyLabel('double', { ar: '', en: 'double' }),
      (current) => new Map([['b', { n: (current('a') as Counter).n * 2 }]]),
      () => null,
    );
    expect(target('b').data).toEqual({ n: 10 });
  });

  it('runs changes one at a time, each seeing what the previous one left', async () => {
    const { history, target } = setup();
    const increment = () =>
      changeIn(
        history,
        historyLabel('inc', { ar: '', en: 'inc' }),
        (current) => new Map([['a', { n: (current('a') as Counter).n + 1 }]]),
        () => null,
      );
    await Promise.all(Array.from({ length: 10 }, increment));
    expect(target('a').data).toEqual({ n: 10 });
    expect(history.state().undoDepth).toBe(10);
    for (let i = 9; i >= 0; i--) {
      await history.undo();
      expect(target('a').data).toEqual({ n: i });
    }
  });

  it('an unknown key is not_found and nothing is recorded', async () => {
    const { history } = setup();
    await expect(
      changeIn(
        history,
        historyLabel('x', { ar: '', en: 'x' }),
        () => new Map([['nope', { n: 1 }]]),
        () => null,
      ),
    ).rejects.toSatisfy(withCode('not_found'));
    expect(history.state().undoDepth).toBe(0);
  });
});

describe('undo and redo', () => {
  it('undo goes back newest first, redo forward in the same order', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    await put('b', 2);
    await put('a', 3);

    const first = await history.undo();
    expect(first.label.action).toBe('put a=3');
    expect(target('a').data).toEqual({ n: 1 });
    const second = await history.undo();
    expect(second.label.action).toBe('put b=2');
    expect(target('b').data).toEqual({ n: 0 });
    expect(history.state()).toMatchObject({ undo: { action: 'put a=1' }, redo: { action: 'put b=2' }, undoDepth: 1 });

    expect((await history.redo()).label.action).toBe('put b=2');
    expect(target('b').data).toEqual({ n: 2 });
    expect((await history.redo()).label.action).toBe('put a=3');
    expect(target('a').data).toEqual({ n: 3 });
    expect(history.state()).toMatchObject({ undo: { action: 'put a=3' }, redo: null, undoDepth: 3 });
  });

  it('undo puts back the very objects that were there before', async () => {
    const { history, target, put } = setup();
    const original = target('a').data;
    await put('a', 1);
    const after = target('a').data;
    await history.undo();
    expect(target('a').data).toBe(original);
    await history.redo();
    expect(target('a').data).toBe(after);
  });

  it('a new change clears redo', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    await put('a', 2);
    await history.undo();
    expect(history.state().redo?.action).toBe('put a=2');
    await put('b', 7);
    expect(history.state().redo).toBeNull();
    await expect(history.redo()).rejects.toSatisfy(withCode('not_found'));
    expect(target('a').data).toEqual({ n: 1 });
    expect(target('b').data).toEqual({ n: 7 });
  });

  it('undo or redo with nothing to do is not_found', async () => {
    const { history, put } = setup();
    await expect(history.undo()).rejects.toSatisfy(withCode('not_found'));
    await expect(history.redo()).rejects.toSatisfy(withCode('not_found'));
    await put('a', 1);
    await history.undo();
    await expect(history.undo()).rejects.toSatisfy(withCode('not_found'));
  });

  it('reports which forums and whether the directory a step touched', async () => {
    const forumId = '0b8f2c3e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    const { history } = setup([DIRECTORY_KEY, forumKey(forumId), 'other']);
    await changeIn(
      history,
      historyLabel('people.merge', { ar: 'س', en: 'S' }, 2),
      () =>
        new Map<string, unknown>([
          [DIRECTORY_KEY, { n: 1 }],
          [forumKey(forumId), { n: 1 }],
        ]),
      () => null,
    );
    const undone = await history.undo();
    expect(undone).toMatchObject({ forumIds: [forumId], directory: true, label: { action: 'people.merge', count: 2 } });
    await changeIn(
      history,
      historyLabel('x', { ar: '', en: 'x' }),
      () => new Map([['other', { n: 1 }]]),
      () => null,
    );
    expect(await history.undo()).toMatchObject({ forumIds: [], directory: false });
  });

  it('one change over several keys is undone and redone as one step', async () => {
    const { history, target } = setup(['a', 'b', 'c']);
    await changeIn(
      history,
      historyLabel('all', { ar: '', en: 'all' }),
      () =>
        new Map([
          ['a', { n: 1 }],
          ['b', { n: 2 }],
          ['c', { n: 3 }],
        ]),
      () => null,
    );
    expect(history.state().undoDepth).toBe(1);
    await history.undo();
    expect(['a', 'b', 'c'].map((k) => target(k).data.n)).toEqual([0, 0, 0]);
    await history.redo();
    expect(['a', 'b', 'c'].map((k) => target(k).data.n)).toEqual([1, 2, 3]);
  });
});

describe('how much is kept', () => {
  it('at least 50 actions are undoable', async () => {
    const { history, target, put } = setup();
    for (let i = 1; i <= 50; i++) await put(i % 2 ? 'a' : 'b', i);
    expect(history.state().undoDepth).toBe(50);
    for (let i = 0; i < 50; i++) await history.undo();
    expect(target('a').data).toEqual({ n: 0 });
    expect(target('b').data).toEqual({ n: 0 });
    for (let i = 0; i < 50; i++) await history.redo();
    expect(target('a').data).toEqual({ n: 49 });
    expect(target('b').data).toEqual({ n: 50 });
  });

  it('keeps the last 100 by default: the 101st oldest is dropped', async () => {
    const { history, target, put } = setup();
    for (let i = 1; i <= 101; i++) await put('a', i);
    expect(history.state().undoDepth).toBe(100);
    for (let i = 0; i < 100; i++) await history.undo();
    // The first change (0 → 1) fell off the end; everything after it was undone.
    expect(target('a').data).toEqual({ n: 1 });
    await expect(history.undo()).rejects.toSatisfy(withCode('not_found'));
    expect(history.state()).toMatchObject({ undo: null, undoDepth: 0, redo: { action: 'put a=2' } });
  });

  it('honours a smaller limit', async () => {
    const { history, target, put } = setup(['a'], 3);
    for (let i = 1; i <= 5; i++) await put('a', i);
    expect(history.state().undoDepth).toBe(3);
    for (let i = 0; i < 3; i++) await history.undo();
    expect(target('a').data).toEqual({ n: 2 });
  });
});

describe('failures', () => {
  it('a multi-key change whose second write fails sets the first back, reports save_failed, records nothing', async () => {
    const { history, target, put } = setup(['a', 'b']);
    await put('a', 1);
    const aBefore = target('a').data;
    const bBefore = target('b').data;
    target('b').failNextSets = 1;
    const failure = changeIn(
      history,
      historyLabel('both', { ar: '', en: 'both' }),
      () =>
        new Map([
          ['a', { n: 10 }],
          ['b', { n: 20 }],
        ]),
      () => null,
    );
    await expect(failure).rejects.toSatisfy(withCode('save_failed'));
    await expect(failure).rejects.toThrow('the disk is full');
    expect(target('a').data).toBe(aBefore);
    expect(target('b').data).toBe(bBefore);
    // a was written with the new value and then with the old one again; b was reverted to its old value.
    expect(target('a').sets.at(-1)).toBe(aBefore);
    expect(target('b').reverts).toEqual([bBefore]);
    expect(history.state()).toMatchObject({ undoDepth: 1, undo: { action: 'put a=1' } });
    // What was recorded before still undoes.
    await history.undo();
    expect(target('a').data).toEqual({ n: 0 });
  });

  it('an AppError from a write passes through as it is', async () => {
    const targets = { a: new FakeTarget<Counter>({ n: 0 }) };
    targets.a.set = async () => {
      throw new AppError('store_locked', 'locked');
    };
    const history = new History((key) => (key === 'a' ? targets.a : undefined));
    await expect(
      changeIn(
        history,
        historyLabel('x', { ar: '', en: 'x' }),
        () => new Map([['a', { n: 1 }]]),
        () => null,
      ),
    ).rejects.toSatisfy(withCode('store_locked'));
    expect(history.state().undoDepth).toBe(0);
  });

  it('undo is refused with conflict when the data changed outside history, and that entry is dropped', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    await put('b', 2);
    target('b').data = { n: 99 }; // e.g. the file was restored from quarantine
    await expect(history.undo()).rejects.toSatisfy(withCode('conflict'));
    expect(target('b').data).toEqual({ n: 99 });
    expect(history.state()).toMatchObject({ undoDepth: 1, undo: { action: 'put a=1' }, redo: null });
    // The older, untouched step still undoes.
    await history.undo();
    expect(target('a').data).toEqual({ n: 0 });
  });

  it('undo is refused with conflict when the target is gone', async () => {
    const targets = new Map([['a', new FakeTarget<Counter>({ n: 0 })]]);
    const history = new History((key) => targets.get(key));
    await changeIn(
      history,
      historyLabel('x', { ar: '', en: 'x' }),
      () => new Map([['a', { n: 1 }]]),
      () => null,
    );
    targets.delete('a'); // the forum was deleted
    await expect(history.undo()).rejects.toSatisfy(withCode('conflict'));
    expect(history.state().undoDepth).toBe(0);
  });

  it('redo is refused with conflict when the data changed after the undo', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    await history.undo();
    target('a').data = { n: 42 };
    await expect(history.redo()).rejects.toSatisfy(withCode('conflict'));
    expect(target('a').data).toEqual({ n: 42 });
    expect(history.state().redo).toBeNull();
  });

  it('a failed undo write keeps the entry, so it can be tried again', async () => {
    const { history, target, put } = setup();
    await put('a', 1);
    const after = target('a').data;
    target('a').failNextSets = 1;
    await expect(history.undo()).rejects.toSatisfy(withCode('save_failed'));
    expect(target('a').data).toBe(after);
    expect(history.state()).toMatchObject({ undoDepth: 1, undo: { action: 'put a=1' }, redo: null });
    await history.undo();
    expect(target('a').data).toEqual({ n: 0 });
    expect(history.state()).toMatchObject({ undoDepth: 0, redo: { action: 'put a=1' } });
  });

  it('a failed multi-key undo sets every file back to its "after" state', async () => {
    const { history, target } = setup(['a', 'b']);
    await changeIn(
      history,
      historyLabel('both', { ar: '', en: 'both' }),
      () =>
        new Map([
          ['a', { n: 1 }],
          ['b', { n: 2 }],
        ]),
      () => null,
    );
    target('b').failNextSets = 1;
    await expect(history.undo()).rejects.toSatisfy(withCode('save_failed'));
    expect(target('a').data).toEqual({ n: 1 });
    expect(target('b').data).toEqual({ n: 2 });
    await history.undo();
    expect(target('a').data).toEqual({ n: 0 });
    expect(target('b').data).toEqual({ n: 0 });
  });

  it('a failed change does not block the changes queued after it', async () => {
    const { history, target, put } = setup();
    target('a').failNextSets = 1;
    const failing = put('a', 1);
    const next = put('a', 2);
    await expect(failing).rejects.toSatisfy(withCode('save_failed'));
    expect(await next).toBe(2);
    expect(target('a').data).toEqual({ n: 2 });
    expect(history.state().undoDepth).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// With the real store files (JsonDocument) behind the core's History.

function forumInput(overrides: Partial<ForumInput> = {}): ForumInput {
  return {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'الملتقى الثاني لتبادل الخبرات',
    lastDay: '2026-12-05',
    ...overrides,
  };
}

const onDisk = async (dir: string, id: string) =>
  JSON.parse(await fs.readFile(path.join(dir, 'forums', `${id}.json`), 'utf8')).data.forum;

describe('History over real files', () => {
  it('undo and redo rewrite the forum file on disk', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](forumInput());
      await h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'أول' }) });
      await h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'ثان' }) });
      expect((await h['history.state']()).undoDepth).toBe(2);

      const undone = await h['history.undo']();
      expect(undone.forumIds).toEqual([forum.id]);
      expect(undone.directory).toBe(false);
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('أول');
      expect((await onDisk(dir, forum.id)).slogan).toBe('أول');

      await h['history.undo']();
      expect((await onDisk(dir, forum.id)).slogan).toBe('');
      await expect(h['history.undo']()).rejects.toSatisfy(withCode('not_found'));

      await h['history.redo']();
      await h['history.redo']();
      expect((await onDisk(dir, forum.id)).slogan).toBe('ثان');
    });
  });

  it('a change over two files whose second write fails leaves both files and both in-memory states as they were', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const a = await h['forums.create'](forumInput({ slogan: 'أ' }));
      const b = await h['forums.create'](forumInput({ slogan: 'ب' }));
      const fileA = path.join(dir, 'forums', `${a.id}.json`);
      const fileB = path.join(dir, 'forums', `${b.id}.json`);
      const [textA, textB] = await Promise.all([fs.readFile(fileA, 'utf8'), fs.readFile(fileB, 'utf8')]);

      // A person in both forums' programmes, so deleting them touches the directory and both forum files.
      const person = await h['people.save']({
        ...emptyPersonInput(),
        id: crypto.randomUUID(),
        honorific: 'saada',
        title: 'engineer',
        nameAr: 'جمال بن ناصر الملحم',
      });
      for (const forum of [a, b]) {
        await h['programme.saveDelegation']({
          forumId: forum.id,
          delegation: newDelegation(crypto.randomUUID(), { nameAr: 'وفد', headId: person.id }),
        });
      }
      const depth = (await h['history.state']()).undoDepth;
      const directoryFile = path.join(dir, 'directory.json');
      const [dirText, progA, progB] = await Promise.all([
        fs.readFile(directoryFile, 'utf8'),
        fs.readFile(fileA, 'utf8'),
        fs.readFile(fileB, 'utf8'),
      ]);
      expect(progA).not.toBe(textA);
      expect(progB).not.toBe(textB);

      const real = durable.writeDurable;
      let calls = 0;
      const spy = vi.spyOn(durable, 'writeDurable').mockImplementation(async (file, data) => {
        calls++;
        if (calls === 2) throw diskFull();
        return real(file, data);
      });
      const failure = h['people.delete']({ id: person.id });
      await expect(failure).rejects.toSatisfy(withCode('save_failed'));
      await expect(failure).rejects.toThrow('the disk is full');
      spy.mockRestore();

      expect((await h['history.state']()).undoDepth).toBe(depth);
      expect((await h['directory.get']()).people.map((p) => p.id)).toEqual([person.id]);
      for (const forum of [a, b]) {
        const view = await h['programme.get']({ forumId: forum.id });
        expect(view.delegations[0]?.headId).toBe(person.id);
      }
      expect(JSON.parse(await fs.readFile(directoryFile, 'utf8'))).toEqual(JSON.parse(dirText));
      expect(JSON.parse(await fs.readFile(fileA, 'utf8'))).toEqual(JSON.parse(progA));
      expect(JSON.parse(await fs.readFile(fileB, 'utf8'))).toEqual(JSON.parse(progB));
    });
  });

  it('after a failed save, the steps recorded before it can still be undone', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](forumInput());
      await h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'محفوظ' }) });
      const spy = vi.spyOn(durable, 'writeDurable').mockRejectedValue(diskFull());
      await expect(h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'لن يحفظ' }) })).rejects.toSatisfy(
        withCode('save_failed'),
      );
      spy.mockRestore();
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('محفوظ');
      // Nothing changed the file outside history: the update before the failure is still undoable.
      await h['history.undo']();
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('');
      expect((await onDisk(dir, forum.id)).slogan).toBe('');
    });
  });

  it('a failed undo write on a real file keeps the entry, and the retry succeeds', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](forumInput());
      await h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'جديد' }) });
      const spy = vi.spyOn(durable, 'writeDurable').mockRejectedValue(diskFull());
      await expect(h['history.undo']()).rejects.toSatisfy(withCode('save_failed'));
      spy.mockRestore();
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('جديد');
      expect((await h['history.state']()).undoDepth).toBe(1);
      await h['history.undo']();
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('');
      expect((await onDisk(dir, forum.id)).slogan).toBe('');
    });
  });

  it('undo of a change to a forum deleted since is refused with conflict', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](forumInput());
      await h['forums.update']({ id: forum.id, input: forumInput({ slogan: 'جديد' }) });
      await h['forums.delete']({ id: forum.id });
      await expect(h['history.undo']()).rejects.toSatisfy(withCode('conflict'));
      expect((await h['history.state']()).undoDepth).toBe(0);
      // Restored from the trash, the file is reloaded: the old step is not replayed over it.
      await h['forums.restore']({ id: forum.id });
      expect((await h['forums.get']({ id: forum.id })).slogan).toBe('جديد');
    });
  });
});
