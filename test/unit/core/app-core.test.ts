import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as durable from '../../../src/core/store/durable-file';
import { emptyForumInput, type ForumInput } from '../../../src/shared/domain/forum';
import { AppError } from '../../../src/shared/errors';
import { openTestCore, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

function muscatSohar(): ForumInput {
  return {
    ...emptyForumInput('2026-12-04'),
    edition: 'الثاني',
    titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
    slogan: 'حلول مبتكرة لخدمات بلدية مستدامة',
    patron: 'معالي المهندس/محسن بن محمد الشيخ',
    venue: { hotel: 'فندق شيراتون عمان', hall: 'قاعة عمان', city: 'مسقط', country: 'عُمان' },
    lastDay: '2026-12-05',
    expectedAttendance: 200,
    organisers: ['بلدية مسقط', 'بلدية صحار'],
    objectives: ['إثراء الخبرات وتبادلها'],
    status: 'published',
  };
}

describe('forums through the core handlers', () => {
  it('create, update, duplicate, delete and restore, kept across a restart', async () => {
    const dir = await tempDir();
    const { id, copyId } = await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](muscatSohar());
      const updated = await h['forums.update']({ id: forum.id, input: { ...muscatSohar(), expectedAttendance: 220 } });
      expect(updated.expectedAttendance).toBe(220);
      expect(updated.createdAt).toBe(forum.createdAt);
      const copy = await h['forums.duplicate']({ id: forum.id });
      expect(copy.titleAr).toBe(`${forum.titleAr} (نسخة)`);
      expect(copy.status).toBe('draft');
      expect(copy.id).not.toBe(forum.id);
      await h['forums.delete']({ id: copy.id });
      expect((await h['forums.list']()).map((f) => f.id)).toEqual([forum.id]);
      return { id: forum.id, copyId: copy.id };
    });
    // Undo survives a restart: the deleted forum waits in the trash.
    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toEqual([]);
      expect((await h['forums.get']({ id })).expectedAttendance).toBe(220);
      const back = await h['forums.restore']({ id: copyId });
      expect(back.id).toBe(copyId);
      expect((await h['forums.list']()).length).toBe(2);
    });
  });

  it('editing one forum rewrites only its own file', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const a = await h['forums.create'](muscatSohar());
      const b = await h['forums.create']({ ...muscatSohar(), titleAr: 'ورشة عمل رؤية الوزارة' });
      const fileOfB = path.join(dir, 'forums', `${b.id}.json`);
      const before = await fs.stat(fileOfB);
      const writes = vi.spyOn(durable, 'writeDurable');
      await h['forums.update']({ id: a.id, input: { ...muscatSohar(), slogan: 'شعار جديد' } });
      expect(writes.mock.calls.map((c) => path.basename(c[0]))).toEqual([`${a.id}.json`]);
      writes.mockRestore();
      const after = await fs.stat(fileOfB);
      expect(after.ino).toBe(before.ino);
      expect(after.mtimeMs).toBe(before.mtimeMs);
    });
  });

  it('a failed save (disk full) reports save_failed, keeps the last good file and the old values', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](muscatSohar());
      const file = path.join(dir, 'forums', `${forum.id}.json`);
      const onDisk = await fs.readFile(file, 'utf8');
      const spy = vi
        .spyOn(durable, 'writeDurable')
        .mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      const failure = h['forums.update']({ id: forum.id, input: { ...muscatSohar(), titleAr: 'عنوان لن يحفظ' } });
      await expect(failure).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'save_failed');
      await expect(failure).rejects.toThrow('the disk is full');
      await expect(h['forums.create'](muscatSohar())).rejects.toThrow('the disk is full');
      spy.mockRestore();
      expect((await h['forums.get']({ id: forum.id })).titleAr).toBe(forum.titleAr);
      expect(await fs.readFile(file, 'utf8')).toBe(onDisk);
      expect((await h['forums.list']()).length).toBe(1);
    });
  });

  it('settings default to Arabic and are remembered', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      expect(await h['settings.get']()).toMatchObject({ language: 'ar', primaryCalendar: 'hijri', digits: 'latn' });
      await h['settings.update']({ language: 'en', digits: 'arab' });
    });
    await withCore(dir, async ({ handlers: h }) => {
      expect(await h['settings.get']()).toMatchObject({ language: 'en', digits: 'arab' });
    });
  });
});

describe('damaged files', () => {
  it('a corrupt forum file is moved aside untouched, reported, and its last good copy can be restored', async () => {
    const dir = await tempDir();
    const { id, title } = await withCore(dir, async ({ handlers: h }) => {
      const forum = await h['forums.create'](muscatSohar());
      await h['forums.update']({ id: forum.id, input: { ...muscatSohar(), expectedAttendance: 210 } });
      await h['forums.create']({ ...muscatSohar(), titleAr: 'سليم' });
      return { id: forum.id, title: forum.titleAr };
    });
    const file = path.join(dir, 'forums', `${id}.json`);
    const garbage = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x41]);
    await fs.writeFile(file, garbage);

    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toHaveLength(1);
      const [problem] = startupProblems;
      expect(problem).toMatchObject({
        file: path.join('forums', `${id}.json`),
        reason: 'corrupt',
        lastGoodAvailable: true,
      });
      expect(await fs.readFile(problem?.movedTo ?? '')).toEqual(garbage);
      await expect(fs.access(file)).rejects.toThrow();
      expect((await h['forums.list']()).map((f) => f.titleAr)).toEqual(['سليم']);
      expect(await h['app.storeProblems']()).toHaveLength(1);

      const remaining = await h['app.restoreLastGood']({ problemId: problem?.id ?? '' });
      expect(remaining).toEqual([]);
      // The last good copy is the state before the last write (the .bak of the durable writer).
      const restored = await h['forums.get']({ id });
      expect(restored.titleAr).toBe(title);
      expect(restored.expectedAttendance).toBe(200);
      expect(await fs.readFile(problem?.movedTo ?? '')).toEqual(garbage);
    });
    await withCore(dir, async ({ startupProblems, handlers: h }) => {
      expect(startupProblems).toEqual([]);
      expect(await h['app.storeProblems']()).toEqual([]);
    });
  });

  it('a settings file from a newer version: defaults apply, the file is kept aside, the problem can be dismissed', async () => {
    const dir = await tempDir();
    const newer = JSON.stringify({ schemaVersion: 42, data: { language: 'fr' } });
    await fs.writeFile(path.join(dir, 'settings.json'), newer);
    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toMatchObject([
        { file: 'settings.json', reason: 'newerVersion', lastGoodAvailable: false },
      ]);
      expect((await h['settings.get']()).language).toBe('ar');
      await expect(h['app.restoreLastGood']({ problemId: startupProblems[0]?.id ?? '' })).rejects.toThrow(
        'no good earlier copy',
      );
      expect(await h['app.dismissProblem']({ problemId: startupProblems[0]?.id ?? '' })).toEqual([]);
      expect(await fs.readFile(startupProblems[0]?.movedTo ?? '', 'utf8')).toBe(newer);
      // A new choice is saved to a new settings.json; the newer file stays where it was put.
      await h['settings.update']({ language: 'en' });
    });
  });

  it('a valid-JSON forum file that breaks the schema is reported as invalid with the failing field', async () => {
    const dir = await tempDir();
    const id = '0b8f2c3e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    await fs.mkdir(path.join(dir, 'forums'));
    await fs.writeFile(
      path.join(dir, 'forums', `${id}.json`),
      JSON.stringify({ schemaVersion: 1, data: { forum: { id, titleAr: 'ناقص' } } }),
    );
    await withCore(dir, async ({ startupProblems }) => {
      expect(startupProblems).toMatchObject([{ reason: 'invalid', lastGoodAvailable: false }]);
      expect(startupProblems[0]?.detail).toMatch(/forum\./);
    });
  });

  it('problem ids cannot reach outside the quarantine folder', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      for (const problemId of ['../settings.json', '..', '/etc/passwd', 'a/../../b']) {
        await expect(h['app.restoreLastGood']({ problemId })).rejects.toSatisfy(
          (e: unknown) => e instanceof AppError && e.code === 'not_found',
        );
      }
    });
  });
});

describe('one writer per data folder', () => {
  it('a second core on the same folder is refused while the first is open, and allowed after', async () => {
    const dir = await tempDir();
    const first = await openTestCore(dir);
    await expect(openTestCore(dir)).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'store_locked' && /in use by Multaqa test/.test(e.message),
    );
    await first.close();
    const second = await openTestCore(dir);
    await second.close();
  });

  it('a lock left by a dead process is taken over; one held by a live process is respected', async () => {
    const dir = await tempDir();
    const lockFile = path.join(dir, 'multaqa.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const lock = (pid: number | undefined) =>
        JSON.stringify({ pid, host: os.hostname(), holder: 'web', since: new Date().toISOString() });
      await fs.writeFile(lockFile, lock(child.pid));
      await expect(openTestCore(dir)).rejects.toThrow(`process ${child.pid}`);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const core = await openTestCore(dir);
      expect(JSON.parse(await fs.readFile(lockFile, 'utf8')).pid).toBe(process.pid);
      await core.close();
      await expect(fs.access(lockFile)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
