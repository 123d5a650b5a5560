import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src/core/gate';
import type { Handlers } from '../../../src/shared/contract';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyRegistrationInput, type RegistrationInput } from '../../../src/shared/domain/registration';
import type { ImportCommitRequest, ImportPreview } from '../../../src/shared/domain/registration-import';
import { AppError } from '../../../src/shared/errors';
import { withCode, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

async function createForum(h: Handlers, phoneCountry = '968') {
  return h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'الملتقى الثاني', phoneCountry });
}

const person = (fields: Partial<RegistrationInput>): RegistrationInput => ({
  ...emptyRegistrationInput(),
  ...fields,
});

async function xlsxBase64(rows: (string | number)[][], sheetName = 'المسجلون'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet(sheetName).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const HEADER = ['الاسم', 'جهة العمل', 'البريد الإلكتروني', 'الجوال'];

/** The commit of an opened import as the dialog sends it: the preview's sheet, header row and mapping, new ones registered participants. */
function commitOf(
  forumId: string,
  preview: ImportPreview,
  decisions: ImportCommitRequest['decisions'] = [],
  mapping: ImportPreview['mapping'] = preview.mapping,
): ImportCommitRequest {
  return {
    forumId,
    importId: preview.importId,
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    mapping,
    defaults: { category: 'participant', status: 'registered' },
    decisions,
  };
}

describe('registrations', () => {
  it('adds one by hand with the next badge code and the mobile read with the forum calling code', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const first = await h['registrations.save']({
        forumId: forum.id,
        registration: person({ fullName: 'سالم الراشدي', mobile: '9123 4567' }),
      });
      const second = await h['registrations.save']({ forumId: forum.id, registration: person({ fullName: 'منى' }) });
      expect([first.code, second.code]).toEqual(['10001', '10002']);
      expect(first.mobileE164).toBe('+96891234567');
      const none = await h['registrations.save']({
        forumId: forum.id,
        registration: person({ fullName: 'y', mobile: 'لا يوجد' }),
      });
      expect([none.mobile, none.mobileE164]).toEqual(['', null]);
      await expect(
        h['registrations.save']({ forumId: forum.id, registration: person({ fullName: 'x', mobile: 'فاكس فقط' }) }),
      ).rejects.toSatisfy((e) => e instanceof AppError && e.issues?.[0]?.message === 'errors.phoneInvalid');
    });
  });

  it('checks in, refuses a second check-in, and takes it back to the status before', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const r = await h['registrations.save']({
        forumId: forum.id,
        registration: person({ fullName: 'خالد', status: 'confirmed' }),
      });
      const inside = await h['registrations.checkIn']({ forumId: forum.id, id: r.id, checkedIn: true });
      expect(inside).toMatchObject({ status: 'attended', statusBeforeCheckIn: 'confirmed' });
      expect(inside.checkedInAt).not.toBeNull();
      await expect(h['registrations.checkIn']({ forumId: forum.id, id: r.id, checkedIn: true })).rejects.toSatisfy(
        withCode('conflict'),
      );
      const out = await h['registrations.checkIn']({ forumId: forum.id, id: r.id, checkedIn: false });
      expect(out).toMatchObject({ status: 'confirmed', checkedInAt: null, statusBeforeCheckIn: null });
    });
  });

  it('bulk-changes and deletes in one undoable step each, and keeps them across a restart', async () => {
    const dir = await tempDir();
    const forumId = await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const ids: string[] = [];
      for (const name of ['أ', 'ب', 'ج']) {
        ids.push((await h['registrations.save']({ forumId: forum.id, registration: person({ fullName: name }) })).id);
      }
      expect(await h['registrations.bulkUpdate']({ forumId: forum.id, ids, patch: { category: 'media' } })).toEqual({
        count: 3,
      });
      await h['registrations.delete']({ forumId: forum.id, ids: ids.slice(0, 2) });
      expect(await h['registrations.list']({ forumId: forum.id })).toHaveLength(1);
      const undone = await h['history.undo']();
      expect(undone.forumIds).toEqual([forum.id]);
      const list = await h['registrations.list']({ forumId: forum.id });
      expect(list.map((r) => r.category)).toEqual(['media', 'media', 'media']);
      return forum.id;
    });
    await withCore(dir, async ({ handlers: h }) => {
      expect(await h['registrations.list']({ forumId })).toHaveLength(3);
    });
  });

  it('refuses a bulk change that changes nothing, at the gate', async () => {
    await withCore(await tempDir(), async (core) => {
      const forum = await createForum(core.handlers);
      const r = await core.handlers['registrations.save']({
        forumId: forum.id,
        registration: person({ fullName: 'ريم' }),
      });
      const dispatch = createDispatch(core.handlers, () => {});
      const out = await dispatch('registrations.bulkUpdate', { forumId: forum.id, ids: [r.id], patch: {} });
      expect(out).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect((await core.handlers['history.state']()).undoDepth).toBe(1); // the save alone
      expect((await core.handlers['registrations.list']({ forumId: forum.id }))[0]?.updatedAt).toBe(r.updatedAt);
    });
  });

  it('go to the trash with their forum and come back with it', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      await h['registrations.save']({ forumId: forum.id, registration: person({ fullName: 'ريم' }) });
      await h['forums.delete']({ id: forum.id });
      await expect(fs.readdir(path.join(dir, 'forums'))).resolves.toEqual([]);
      await expect(h['registrations.list']({ forumId: forum.id })).rejects.toSatisfy(withCode('not_found'));
      await h['forums.restore']({ id: forum.id });
      expect((await h['registrations.list']({ forumId: forum.id })).map((r) => r.fullName)).toEqual(['ريم']);
    });
  });
});

describe('import', () => {
  it('previews without writing, commits all at once with where each row came from, and undoes as one step', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      await h['registrations.save']({
        forumId: forum.id,
        registration: person({ fullName: 'سالم الراشدي', email: 'salem@muscat.gov.om', organisation: 'بلدية مسقط' }),
      });
      const base64 = await xlsxBase64([
        ['كشف المسجلين'],
        HEADER,
        ['أحمد الحارثي', 'بلدية مسقط', 'ahmed@muscat.gov.om', '91234567'],
        ['فاطمة البلوشي', 'بلدية صحار', 'fatma@', '92345678'],
        ['سالم الراشدى', 'بلدية مسقط', 'SALEM@muscat.gov.om', ''],
        ['إحمد الحارثي', 'بلدية مسقط', '', ''],
      ]);
      const preview = await h['import.open']({ forumId: forum.id, fileName: 'المسجلون.xlsx', base64 });
      expect(preview.counts).toMatchObject({ rows: 4, add: 1, rejected: 1, duplicates: 2 });
      expect(await h['registrations.list']({ forumId: forum.id })).toHaveLength(1);

      const request = {
        forumId: forum.id,
        importId: preview.importId,
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        mapping: preview.mapping,
      };
      const result = await h['import.commit']({
        ...request,
        defaults: { category: 'participant', status: 'registered' },
        decisions: [
          { row: 5, action: 'update' },
          { row: 6, action: 'keep' },
        ],
      });
      expect(result).toEqual({ added: 2, updated: 1, skipped: 0, rejected: 1, setAside: 0 });
      const list = await h['registrations.list']({ forumId: forum.id });
      expect(list.map((r) => r.fullName)).toEqual(['سالم الراشدى', 'أحمد الحارثي', 'إحمد الحارثي']);
      expect(list[1]).toMatchObject({
        mobileE164: '+96891234567',
        code: '10002',
        source: { file: 'المسجلون.xlsx', sheet: 'المسجلون', row: 3 },
      });

      await h['history.undo']();
      expect((await h['registrations.list']({ forumId: forum.id })).map((r) => r.fullName)).toEqual(['سالم الراشدي']);

      const report = await h['import.report']({ forumId: forum.id, importId: preview.importId, language: 'ar' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Uint8Array.from(Buffer.from(report.base64, 'base64')).buffer);
      const rejected = workbook.worksheets[1];
      expect(rejected?.getRow(2).getCell(1).value).toBe(4);
      expect(String(rejected?.getRow(2).getCell(2).value)).toContain('بريد إلكتروني غير صحيح');
      expect(rejected?.views[0]?.rightToLeft).toBe(true);
    });
  });

  it('remembers a changed mapping for the next file of the same shape', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const base64 = await xlsxBase64([HEADER, ['أحمد', 'بلدية مسقط', 'a@b.om', '']]);
      const first = await h['import.open']({ forumId: forum.id, fileName: 'a.xlsx', base64 });
      const mapping = first.mapping.map((f) => (f === 'organisation' ? 'notes' : f));
      await h['import.commit'](commitOf(forum.id, first, [], mapping));
      const again = await h['import.open']({ forumId: forum.id, fileName: 'b.xlsx', base64 });
      expect(again.mapping).toEqual(mapping);
      expect(again.reasons[0]).toBe('remembered');
    });
  });

  it('refuses a file that is not a spreadsheet with a reason the screen can word, and writes nothing', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const pdf = Buffer.from('%PDF-1.7\n...').toString('base64');
      const refusal = await h['import.open']({ forumId: forum.id, fileName: 'list.xlsx', base64: pdf }).catch(
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('import_refused');
      expect((refusal as AppError).issues?.[0]?.message).toMatch(/^import\.refused\.unsupported_format/);
      expect(await h['registrations.list']({ forumId: forum.id })).toEqual([]);
    });
  });

  it('previews and commits, through the gate, a CSV whose file name is 250 characters long', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const dispatch = createDispatch(h, () => {});
      const fileName = `${'كشف المسجلين في الملتقى الثاني لتبادل الخبرات '.repeat(6).slice(0, 246)}.csv`;
      expect(fileName).toHaveLength(250);
      const base64 = Buffer.from('الاسم,الجوال\nأحمد,9123 4567\n').toString('base64');
      const opened = await dispatch('import.open', { forumId: forum.id, fileName, base64 });
      expect(opened).toMatchObject({ ok: true });
      const preview = (opened as { ok: true; data: Awaited<ReturnType<Handlers['import.open']>> }).data;
      expect(preview.sheet).toHaveLength(246);
      const committed = await dispatch('import.commit', commitOf(forum.id, preview));
      expect(committed).toMatchObject({ ok: true, data: { added: 1 } });
    });
  });

  it('takes a rejected row without its unreadable cell, and a row set aside, when told to; leaves the rest out', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const forum = await createForum(h);
      const csv = [
        'الاسم,البريد الإلكتروني,الجوال',
        'أحمد البلوشي,ahmed@@muscat.om,9123 4567',
        'سالم المقبالي,salim@@muscat.om,9234 5678',
        'وفد بلدية صحار,,',
        'مريم الهاشمية,maryam@sohar.om,9345 6789',
        'الإجمالي,,3',
      ].join('\n');
      const preview = await h['import.open']({
        forumId: forum.id,
        fileName: 'list.csv',
        base64: Buffer.from(csv).toString('base64'),
      });
      expect(preview.counts).toMatchObject({ add: 1, rejected: 2, setAside: 2 });
      const result = await h['import.commit'](
        commitOf(forum.id, preview, [
          { row: 2, action: 'keep' },
          { row: 4, action: 'keep' },
        ]),
      );
      expect(result).toEqual({ added: 3, updated: 0, skipped: 0, rejected: 1, setAside: 1 });
      const list = await h['registrations.list']({ forumId: forum.id });
      const ahmed = list.find((r) => r.fullName === 'أحمد البلوشي');
      expect(ahmed).toMatchObject({
        email: '',
        mobileE164: '+96891234567',
        notes: 'البريد الإلكتروني: ahmed@@muscat.om',
      });
      expect(list.map((r) => r.fullName).sort()).toEqual(['أحمد البلوشي', 'مريم الهاشمية', 'وفد بلدية صحار'].sort());
    });
  });

  it('an import of another forum cannot be committed here', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const a = await createForum(h);
      const b = await createForum(h);
      const preview = await h['import.open']({
        forumId: a.id,
        fileName: 'a.xlsx',
        base64: await xlsxBase64([HEADER, ['أحمد', '', '', '']]),
      });
      await expect(
        h['import.preview']({ forumId: b.id, importId: preview.importId, sheet: '', headerRow: null, mapping: null }),
      ).rejects.toSatisfy(withCode('not_found'));
    });
  });
});
