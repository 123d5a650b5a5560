import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Core, openCore } from '../../../../src/core/app-core';
import { createDispatch } from '../../../../src/core/gate';
import type { Handlers } from '../../../../src/shared/contract';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type ExportStatus } from '../../../../src/shared/domain/export';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { withCode } from '../core-fixture';
import { tempDirsPerTest } from '../temp-dir';
import { readDocx } from './docx-reader';

const tempDir = tempDirsPerTest();

interface Opened {
  core: Core;
  h: Handlers;
  exportsDir: string;
  revealed: [string, string][];
}

/** Core with its exports in a folder of the test's own, and a shell that notes what it was asked to open. */
async function withExports(
  body: (o: Opened) => Promise<void>,
  options: { reveal?: boolean; exportsDir?: string } = {},
) {
  const dataDir = await tempDir();
  const exportsDir = options.exportsDir ?? path.join(dataDir, 'my exports');
  const revealed: [string, string][] = [];
  const core = await openCore({
    dataDir,
    appVersion: 'test',
    holder: 'test',
    exportsDir,
    reveal:
      options.reveal === false
        ? undefined
        : async (file, how) => {
            revealed.push([file, how]);
          },
  });
  try {
    await body({ core, h: core.handlers, exportsDir, revealed });
  } finally {
    await core.close();
  }
}

async function createForum(h: Handlers) {
  return h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'الملتقى الثاني', titleEn: 'Second Forum' });
}

async function finish(h: Handlers, first: ExportStatus): Promise<ExportStatus> {
  let status = first;
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 10));
    status = await h['exports.status']({ jobId: status.jobId });
  }
  return status;
}

async function exportOf(h: Handlers, forumId: string, options: ExportOptions): Promise<ExportStatus> {
  return finish(h, await h['exports.start']({ forumId, options }));
}

/** Imports `rows` registrants through the import, in one step. */
async function importRegistrants(h: Handlers, forumId: string, rows: number) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('المسجلون');
  sheet.addRow(['الاسم', 'جهة العمل', 'الجوال']);
  for (let i = 0; i < rows; i++) sheet.addRow([`مشارك رقم ${i}`, `جهة ${i % 40}`, `9${String(1_000_000 + i)}`]);
  const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
  const preview = await h['import.open']({ forumId, fileName: 'list.xlsx', base64 });
  await h['import.commit']({
    forumId,
    importId: preview.importId,
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    mapping: preview.mapping,
    defaults: { category: 'participant', status: 'registered' },
    decisions: [],
  });
}

describe('exports', () => {
  it('writes the file into the exports folder under a clear name, numbering rather than overwriting', async () => {
    await withExports(async ({ h, exportsDir }) => {
      const forum = await createForum(h);
      const first = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme);
      expect(first).toMatchObject({ state: 'done', kind: 'programme', fileName: 'البرنامج - الملتقى الثاني.docx' });
      expect(first.path).toBe(path.join(exportsDir, 'البرنامج - الملتقى الثاني.docx'));
      expect(first.done).toBe(first.total);
      const second = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme);
      expect(second.fileName).toBe('البرنامج - الملتقى الثاني (2).docx');
      expect((await fs.readdir(exportsDir)).sort()).toEqual([
        'البرنامج - الملتقى الثاني (2).docx',
        'البرنامج - الملتقى الثاني.docx',
      ]);
      const download = await h['exports.download']({ jobId: first.jobId });
      expect(Buffer.from(download.base64, 'base64').equals(await fs.readFile(first.path ?? ''))).toBe(true);
      expect((await h['app.info']()).exportsDir).toBe(exportsDir);
    });
  });

  it('two exports of the same kind started together write two files, each reported with its own', async () => {
    await withExports(async ({ h, exportsDir }) => {
      const forum = await createForum(h);
      // Double-clicked "Export": both jobs reach the same free name at the same moment.
      const started = await Promise.all(
        [1, 2, 3].map(() => h['exports.start']({ forumId: forum.id, options: DEFAULT_EXPORT_OPTIONS.programme })),
      );
      const done = await Promise.all(started.map((s) => finish(h, s)));
      expect(done.map((d) => d.state)).toEqual(['done', 'done', 'done']);
      const names = done.map((d) => d.fileName);
      expect(new Set(names).size).toBe(3);
      expect((await fs.readdir(exportsDir)).sort()).toEqual([...(names as string[])].sort());
      for (const d of done) {
        const download = await h['exports.download']({ jobId: d.jobId });
        expect(Buffer.from(download.base64, 'base64').equals(await fs.readFile(d.path ?? ''))).toBe(true);
      }
    });
  });

  it('names the file in the language of the app', async () => {
    await withExports(async ({ h }) => {
      const forum = await createForum(h);
      await h['settings.update']({ language: 'en' });
      const done = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.attendees);
      expect(done.fileName).toBe('Attendee lists - Second Forum.xlsx');
    });
  });

  it('stops a cancelled export and leaves nothing behind', async () => {
    await withExports(async ({ h, exportsDir }) => {
      const forum = await createForum(h);
      await importRegistrants(h, forum.id, 6000);
      const started = await h['exports.start']({
        forumId: forum.id,
        options: { ...DEFAULT_EXPORT_OPTIONS.attendees, grouping: 'none', signInSheet: true, summary: true },
      });
      expect(started.state).toBe('running');
      await h['exports.cancel']({ jobId: started.jobId });
      const ended = await finish(h, started);
      expect(ended.state).toBe('cancelled');
      expect(ended.done).toBeLessThan(ended.total);
      await expect(fs.readdir(exportsDir).catch(() => [])).resolves.toEqual([]);
      await expect(h['exports.download']({ jobId: started.jobId })).rejects.toSatisfy(withCode('conflict'));
    });
  });

  it('reports a failed write and keeps nothing when the exports folder cannot be used', async () => {
    const dataDir = await tempDir();
    const blocker = path.join(dataDir, 'not-a-folder');
    await fs.writeFile(blocker, 'a file where the folder should be');
    await withExports(
      async ({ h }) => {
        const forum = await createForum(h);
        const failed = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme);
        expect(failed.state).toBe('failed');
        expect(failed.error?.code).toBe('save_failed');
        expect(await fs.readFile(blocker, 'utf8')).toBe('a file where the folder should be');
      },
      { exportsDir: path.join(blocker, 'exports') },
    );
  });

  it('opens and shows only finished exports, through the shell', async () => {
    await withExports(async ({ h, revealed }) => {
      const forum = await createForum(h);
      const done = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme);
      await h['exports.reveal']({ jobId: done.jobId, how: 'open' });
      await h['exports.reveal']({ jobId: done.jobId, how: 'folder' });
      expect(revealed).toEqual([
        [done.path, 'open'],
        [done.path, 'folder'],
      ]);
      await expect(
        h['exports.reveal']({ jobId: '00000000-0000-4000-8000-000000000000', how: 'open' }),
      ).rejects.toSatisfy(withCode('not_found'));
      // The file moved away since: said plainly, nothing opened.
      await fs.rm(done.path ?? '');
      await expect(h['exports.reveal']({ jobId: done.jobId, how: 'open' })).rejects.toSatisfy(withCode('not_found'));
      expect(revealed).toHaveLength(2);
    });
  });

  it('refuses to open files when the shell cannot', async () => {
    await withExports(
      async ({ h }) => {
        const forum = await createForum(h);
        const done = await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme);
        await expect(h['exports.reveal']({ jobId: done.jobId, how: 'open' })).rejects.toSatisfy(withCode('forbidden'));
      },
      { reveal: false },
    );
  });

  it('checks the options at the gate and the forum in core', async () => {
    await withExports(async ({ core, h }) => {
      const forum = await createForum(h);
      const dispatch = createDispatch(core.handlers, () => {});
      const badOptions = await dispatch('exports.start', {
        forumId: forum.id,
        options: { ...DEFAULT_EXPORT_OPTIONS.badges, categories: [] },
      });
      expect(badOptions).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      const unknownKind = await dispatch('exports.start', { forumId: forum.id, options: { kind: 'invitations' } });
      expect(unknownKind).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      await expect(
        h['exports.start']({
          forumId: '00000000-0000-4000-8000-000000000000',
          options: DEFAULT_EXPORT_OPTIONS.programme,
        }),
      ).rejects.toSatisfy(withCode('not_found'));
    });
  });

  it('embeds Amiri by default and only names a font Word ships when that is chosen', async () => {
    await withExports(async ({ h }) => {
      const forum = await createForum(h);
      const fontsIn = async (status: ExportStatus) =>
        (await readDocx(await fs.readFile(status.path ?? ''))).files.filter((f) => f.endsWith('.odttf'));
      expect(await fontsIn(await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme))).toHaveLength(2);
      await h['settings.update']({ documentFont: 'Traditional Arabic' });
      expect(await fontsIn(await exportOf(h, forum.id, DEFAULT_EXPORT_OPTIONS.programme))).toHaveLength(0);
    });
  });
});
