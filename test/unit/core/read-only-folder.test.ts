/**
 * A data folder that cannot be written (a read-only drive or share, as a
 * colleague's folder copied on a CD or mounted read-only would be): the app
 * opens it read-only, says why, shows what is there, refuses every change
 * with that reason, and writes nothing. The disk's refusals are made by
 * answering every write under the folder with EROFS (the tests run as root,
 * whom permissions would not stop).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyRegistrationInput } from '../../../src/shared/domain/registration';
import { AppError } from '../../../src/shared/errors';
import { openAt, seedForum } from './backup/backup-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every write under `dir` fails as on a read-only mount (EROFS); reads go through. */
function mountReadOnly(dir: string, code = 'EROFS'): void {
  const inside = (p: unknown) => typeof p === 'string' && (p === dir || p.startsWith(dir + path.sep));
  const refuse = (p: unknown) =>
    Promise.reject(Object.assign(new Error(`${code}: read-only file system, '${String(p)}'`), { code }));
  const writes = ['writeFile', 'appendFile', 'rename', 'rm', 'rmdir', 'unlink', 'link', 'copyFile', 'utimes'] as const;
  for (const name of writes) {
    const original = fs[name] as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) =>
      inside(args[0]) || inside(args[1]) ? refuse(args[0]) : original(...args)) as never);
  }
  const open = fs.open;
  vi.spyOn(fs, 'open').mockImplementation(((file: string, flags?: string, mode?: number) =>
    inside(file) && flags !== undefined && flags !== 'r' ? refuse(file) : open(file, flags, mode)) as never);
  const mkdir = fs.mkdir;
  // As on a real read-only mount: making a folder that exists answers as usual, any other fails.
  vi.spyOn(fs, 'mkdir').mockImplementation((async (file: string, options?: { recursive?: boolean }) => {
    if (!inside(file)) return mkdir(file, options);
    const there = await fs.stat(file).catch(() => null);
    if (there && options?.recursive) return undefined;
    return refuse(file);
  }) as never);
}

/** Every file under the folder (path → sha256), to show that nothing changed. */
async function snapshot(dir: string, under = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, entry.name);
    if (entry.isDirectory()) Object.assign(out, await snapshot(dir, rel));
    else
      out[rel] = createHash('sha256')
        .update(await fs.readFile(path.join(dir, rel)))
        .digest('hex');
  }
  return out;
}

describe('a data folder that cannot be written', () => {
  it('opens read-only, says so, shows the forums and registrants, refuses every change with the reason', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    const { forumId } = await seedForum(first.handlers);
    await first.close();
    // As a folder written by an older Multaqa would be: no store identity yet, and a temp file a crash left.
    await fs.rm(path.join(dir, 'store.json'));
    await fs.writeFile(path.join(dir, 'forums', `${forumId}.json.tmp-0badc0ffee00`), 'half');
    const before = await snapshot(dir);

    mountReadOnly(dir);
    const core = await openAt(dir, { dailyBackups: true });
    const h = core.handlers;
    try {
      const info = await h['app.info']();
      expect(info.readOnly).toMatchObject({ reason: 'readOnly' });
      expect(info.readOnly?.detail).toContain('EROFS');
      expect((await h['forums.list']()).map((f) => f.titleAr)).toEqual(['الملتقى الثاني']);
      expect(await h['registrations.list']({ forumId })).toHaveLength(3);
      expect((await h['directory.get']()).people).toHaveLength(1);

      for (const attempt of [
        () => h['registrations.save']({ forumId, registration: { ...emptyRegistrationInput(), fullName: 'زائر' } }),
        () => h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى جديد' }),
        () => h['settings.update']({ language: 'en' }),
        () => h['backups.create'](),
        () => h['history.undo'](),
        // The door to the check-in desks stays closed: desks would write scans nowhere.
        () => h['desks.open']({ forumId, address: '127.0.0.1', port: 0 }),
        () => h['desks.state']({ forumId }),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('read_only');
        expect((error as AppError).issues?.[0]?.message).toBe('app.readOnly.readOnly');
      }
    } finally {
      await core.close();
    }
    vi.restoreAllMocks();
    expect(await snapshot(dir)).toEqual(before);
  });

  it('names a full disk as the reason', async () => {
    const dir = await tempDir();
    await (await openAt(dir)).close();
    mountReadOnly(dir, 'ENOSPC');
    const core = await openAt(dir);
    try {
      expect((await core.handlers['app.info']()).readOnly?.reason).toBe('full');
    } finally {
      await core.close();
    }
  });

  it('a folder that can be written opens as before, with nothing read-only', async () => {
    const core = await openAt(await tempDir());
    try {
      expect((await core.handlers['app.info']()).readOnly).toBeNull();
    } finally {
      await core.close();
    }
  });
});
