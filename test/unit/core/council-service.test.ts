import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/app-core';
import type { Handlers, RequestOf } from '../../../src/shared/contract';
import type { AttendanceStatus, CouncilView, Decision } from '../../../src/shared/domain/council';
import type { ExportOptions, ExportStatus } from '../../../src/shared/domain/export';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyPersonInput } from '../../../src/shared/domain/person';
import { AppError } from '../../../src/shared/errors';
import { handoverFile, openAt } from './backup/backup-fixture';
import { readDocx } from './export/docx-reader';
import { printed } from './export/pdf-pages';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();
const PDF = Buffer.from('%PDF-1.4\n% تقرير الأمين العام\n');

async function withAt<T>(dir: string, body: (core: Core) => Promise<T>): Promise<T> {
  const core = await openAt(dir);
  try {
    return await body(core);
  } finally {
    await core.close();
  }
}

/** The 55th session of the Arab Towns Organization's executive council in Rabat, as the coordinator enters it. */
async function seed001(h: Handlers) {
  const forum = await h['forums.create']({
    ...emptyForumInput('2018-04-07'),
    kind: 'council_session',
    edition: 'الدورة الـ55',
    titleAr: 'اجتماع المجلس التنفيذي لمنظمة المدن العربية',
    titleEn: 'Executive Council of the Arab Towns Organization',
    lastDay: '2018-04-08',
    venue: { hotel: '', hall: '', city: 'الرباط', country: 'المغرب' },
  });
  const forumId = forum.id;
  const person = async (nameAr: string) =>
    (await h['people.save']({ ...emptyPersonInput(), id: randomUUID(), nameAr })).id;
  const chair = await person('عمدة مدينة الرباط');
  const rapporteur = await person('الأمين العام المساعد');
  const representative = await person('محمد بن مرهون العبري');
  await h['council.saveSettings']({
    forumId,
    settings: {
      ...{ bodyAr: 'المجلس التنفيذي لمنظمة المدن العربية', bodyEn: 'Executive Council of the Arab Towns Organization' },
      ...{ sessionNumber: 55, quorum: null, chairId: chair, rapporteurId: rapporteur, previousForumId: null },
    },
  });
  const cities = ['بلدية مسقط', 'أمانة عمّان', 'بلدية الدوحة', 'مدينة الرباط', 'بلدية الخليل', 'بلدية دبي'];
  const members: string[] = [];
  for (const [i, nameAr] of cities.entries()) {
    const id = randomUUID();
    members.push(id);
    await h['council.saveMember']({
      forumId,
      member: {
        ...{ id, nameAr, nameEn: '', organisationId: null },
        ...(i === 0
          ? { representativeId: representative, representativeName: '' }
          : { representativeId: null, representativeName: `ممثل ${nameAr}` }),
      },
    });
  }
  const sittingId = randomUUID();
  await h['council.saveSitting']({
    forumId,
    sitting: {
      id: sittingId,
      titleAr: 'الجلسة الأولى',
      titleEn: 'First sitting',
      day: '2018-04-07',
      start: 540,
      attendance: [],
    },
  });
  const statuses: AttendanceStatus[] = ['present', 'present', 'represented', 'present', 'apologised', 'present'];
  for (const [i, status] of statuses.entries()) {
    await h['council.setAttendance']({
      forumId,
      sittingId,
      attendance: {
        memberId: members[i] as string,
        status,
        substituteId: null,
        substituteName: status === 'represented' ? 'نائب عمدة الدوحة' : 'ignored',
      },
    });
  }
  const item = async (kind: RequestOf<'council.saveItem'>['item']['kind'], titleAr: string, presenterName = '') => {
    const id = randomUUID();
    await h['council.saveItem']({
      forumId,
      item: {
        ...{ id, sittingId, kind, titleAr, titleEn: '', presenterId: null, presenterName, plannedMinutes: 30 },
        ...{ outcome: 'noted', discussionAr: 'ناقش المجلس البند.', discussionEn: '', followUp: [] },
      },
    });
    return id;
  };
  await item('approval', 'إقرار جدول الأعمال');
  const report = await item('report', 'تقرير الأمين العام', 'الأمين العام للمنظمة');
  for (const name of ['المعهد العربي لإنماء المدن', 'مركز البيئة للمدن العربية', 'مؤسسة جائزة منظمة المدن العربية'])
    await item('report', `تقرير ${name}`, name);
  let view: CouncilView = await h['council.get']({ forumId });
  const decide = async (textAr: string, responsibleAr: string, deadline: string) => {
    view = await h['council.saveDecision']({
      forumId,
      decision: {
        ...{ id: randomUUID(), kind: 'decision', textAr, textEn: '', agendaItemId: report },
        ...{ responsibleAr, responsibleEn: '', deadline, status: 'open', followUpNotes: '' },
      },
    });
  };
  await decide('اعتماد تقرير الأمين العام', 'الأمانة العامة', '2018-06-30');
  await decide('إعداد دليل المدن الذكية', 'المنتدى العربي للمدن الذكية', '2018-09-30');
  await decide('تنظيم حلقة عمل عن التوعية البيئية', 'مركز البيئة للمدن العربية', '2018-10-31');
  await decide('تحديث نظام جائزة المنظمة', 'مؤسسة جائزة منظمة المدن العربية', '2018-12-31');
  return { forumId, members, sittingId, report, view, representative };
}

async function finished(h: Handlers, forumId: string, options: ExportOptions): Promise<ExportStatus> {
  let status = await h['exports.start']({ forumId, options });
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    status = await h['exports.status']({ jobId: status.jobId });
  }
  return status;
}

describe('a council session: members, attendance, agenda and decisions', () => {
  it('numbers decisions per session, counts the quorum and follows up open decisions in the next session', async () => {
    await withAt(await tempDir(), async ({ handlers: h }) => {
      const s = await seed001(h);
      expect(s.view.council.decisions.map((d) => d.number)).toEqual([1, 2, 3, 4]);
      const sitting = s.view.council.sittings[0];
      expect(sitting?.attendance.map((a) => a.status)).toEqual([
        'present',
        'present',
        'represented',
        'present',
        'apologised',
        'present',
      ]);
      // Only a stand-in keeps a name; the apologised member's typed one is dropped.
      expect(sitting?.attendance[2]?.substituteName).toBe('نائب عمدة الدوحة');
      expect(sitting?.attendance[4]?.substituteName).toBe('');

      // One decision done, one dropped: the next session follows up the two still open.
      const [first, second] = s.view.council.decisions;
      await h['council.saveDecision']({ forumId: s.forumId, decision: { ...(first as Decision), status: 'done' } });
      await h['council.saveDecision']({
        forumId: s.forumId,
        decision: { ...(second as Decision), status: 'in_progress' },
      });
      const next = await h['council.openNext']({ forumId: s.forumId });
      expect(next.titleAr).toBe('الدورة الـ56 — المجلس التنفيذي لمنظمة المدن العربية');
      expect(next.status).toBe('draft');
      const nextView = await h['council.get']({ forumId: next.id });
      expect(nextView.council.sessionNumber).toBe(56);
      expect(nextView.council.members.map((m) => m.nameAr)).toEqual(s.view.council.members.map((m) => m.nameAr));
      expect(nextView.council.agenda.map((i) => i.titleAr)).toEqual([
        'إقرار جدول الأعمال',
        'متابعة تنفيذ قرارات الدورة السابقة',
      ]);
      expect(nextView.followed.map((d) => `${d.sessionNumber}/${d.number} ${d.status}`)).toEqual([
        '55/2 in_progress',
        '55/3 open',
        '55/4 open',
      ]);
      // Decision 3 carried out meanwhile: bringing the follow-up up to date drops it.
      const third = s.view.council.decisions[2];
      await h['council.saveDecision']({ forumId: s.forumId, decision: { ...(third as Decision), status: 'done' } });
      const refreshed = await h['council.addFollowUp']({ forumId: next.id });
      expect(refreshed.council.agenda.filter((i) => i.kind === 'follow_up')).toHaveLength(1);
      expect(refreshed.followed.map((d) => d.number)).toEqual([2, 4]);
      expect(refreshed.previous?.openDecisions.map((d) => d.number)).toEqual([2, 4]);
    });
  });

  it('refuses bad input with a sentence key and changes nothing', async () => {
    await withAt(await tempDir(), async ({ handlers: h }) => {
      const s = await seed001(h);
      const before = JSON.stringify(await h['council.get']({ forumId: s.forumId }));
      const refusal = async (call: Promise<unknown>) => {
        const error = await call.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).issues?.[0]?.message;
      };
      const represented = { memberId: s.members[1] as string, status: 'represented' as const, substituteId: null };
      expect(
        await refusal(
          h['council.setAttendance']({
            forumId: s.forumId,
            sittingId: s.sittingId,
            attendance: { ...represented, substituteName: '' },
          }),
        ),
      ).toBe('errors.council.substituteRequired');
      const decision = s.view.council.decisions[0];
      expect(
        await refusal(
          h['council.saveDecision']({ forumId: s.forumId, decision: { ...(decision as Decision), id: randomUUID() } }),
        ),
      ).toBe('errors.council.decisionNumberTaken');
      expect(
        await refusal(
          h['council.saveDecision']({
            forumId: s.forumId,
            decision: { ...(decision as Decision), id: randomUUID(), number: undefined, textAr: '', textEn: '' },
          }),
        ),
      ).toBe('errors.council.decisionTextRequired');
      expect(
        await refusal(
          h['council.saveSitting']({
            forumId: s.forumId,
            sitting: {
              id: randomUUID(),
              titleAr: 'خارج الأيام',
              titleEn: '',
              day: '2018-05-01',
              start: null,
              attendance: [],
            },
          }),
        ),
      ).toBe('errors.council.sittingOutsideDays');
      expect(
        await refusal(
          h['council.addDocument']({
            forumId: s.forumId,
            itemId: s.report,
            fileName: 'تقرير.pdf',
            base64: Buffer.from('not a pdf').toString('base64'),
          }),
        ),
      ).toBe('errors.council.documentDamaged');
      expect(
        await refusal(
          h['council.addDocument']({ forumId: s.forumId, itemId: s.report, fileName: 'run.exe', base64: 'TVo=' }),
        ),
      ).toBe('errors.council.documentType');
      expect(await refusal(h['council.addFollowUp']({ forumId: s.forumId }))).toBe('errors.council.noPrevious');
      expect(
        await refusal(h['council.reorder']({ forumId: s.forumId, list: 'members', ids: s.members.slice(1) })),
      ).toBe('errors.council.orderStale');
      expect(JSON.stringify(await h['council.get']({ forumId: s.forumId }))).toBe(before);
    });
  });

  it('undoes and redoes each change, and a merged person follows into the council', async () => {
    await withAt(await tempDir(), async ({ handlers: h }) => {
      const s = await seed001(h);
      await h['council.deleteMember']({ forumId: s.forumId, id: s.members[0] as string });
      let view = await h['council.get']({ forumId: s.forumId });
      expect(view.council.members).toHaveLength(5);
      expect(view.council.sittings[0]?.attendance).toHaveLength(5);
      const undone = await h['history.undo']();
      expect(undone.label.action).toBe('council.deleteMember');
      expect(undone.forumIds).toEqual([s.forumId]);
      view = await h['council.get']({ forumId: s.forumId });
      expect(view.council.members).toHaveLength(6);
      expect(view.council.sittings[0]?.attendance).toHaveLength(6);
      await h['history.redo']();
      await h['history.undo']();

      const twin = (await h['people.save']({ ...emptyPersonInput(), id: randomUUID(), nameAr: 'محمد العبري' })).id;
      await h['people.merge']({ keepId: twin, mergeId: s.representative });
      view = await h['council.get']({ forumId: s.forumId });
      expect(view.council.members[0]?.representativeId).toBe(twin);
      await h['people.delete']({ id: twin });
      view = await h['council.get']({ forumId: s.forumId });
      expect(view.council.members[0]).toMatchObject({ representativeId: null, representativeName: 'محمد العبري' });
    });
  });

  it('writes the minutes in Arabic and English and the follow-up report by body and status', async () => {
    const dir = await tempDir();
    await withAt(dir, async ({ handlers: h }) => {
      const s = await seed001(h);
      await h['council.addDocument']({
        forumId: s.forumId,
        itemId: s.report,
        fileName: 'تقرير الأمين العام.pdf',
        base64: PDF.toString('base64'),
      });
      const ar = await finished(h, s.forumId, { kind: 'minutes', language: 'ar' });
      expect(ar.state).toBe('done');
      const doc = await readDocx(await fs.readFile(ar.path ?? ''));
      // Latin digits and names inside Arabic lines are direction isolates; the words are compared without them.
      const text = doc.paragraphs.join('\n').replace(/[\u2066-\u2069]/g, '');
      expect(text).toContain('محضر الاجتماع');
      expect(text).toContain('محضر اجتماع المجلس التنفيذي لمنظمة المدن العربية');
      expect(text).toContain('اكتمل النصاب بحضور 5 من 6 أعضاء (النصاب المطلوب 4).');
      expect(text).toContain('ينوب عنه نائب عمدة الدوحة');
      expect(text).toContain('اعتذر');
      expect(text).toContain('الوثائق: تقرير الأمين العام.pdf');
      expect(doc.paragraphs.join('\n')).toContain('\u206655/4\u2069');
      expect(text).toContain('رئيس الاجتماع');
      expect(text).toContain('المقرر');
      expect(doc.document).toContain('<w:bidi/>');

      const en = await finished(h, s.forumId, { kind: 'minutes', language: 'en' });
      const enText = (await readDocx(await fs.readFile(en.path ?? ''))).paragraphs
        .join('\n')
        .replace(/[\u2066-\u2069]/g, '');
      expect(enText).toContain('Minutes of the meeting of the Executive Council of the Arab Towns Organization');
      expect(enText).toContain('A quorum was present: 5 of 6 members (quorum 4).');
      expect(enText).toContain('Chair');
      expect(enText).toContain('55th session — Executive Council of the Arab Towns Organization');
      // A name typed in Arabic alone is marked in English, never printed in Arabic silently.
      expect(enText).toContain('Represented by [Arabic only: نائب عمدة الدوحة]');
      // Nor anywhere else but a document's file name, which names a file as it is.
      const arabicLines = enText
        .replace(/\[Arabic only: [^\]]*\]/g, '')
        .split('\n')
        .filter((line) => /[\u0600-\u06FF]/.test(line) && !line.startsWith('Documents: '));
      expect(arabicLines).toEqual([]);

      const xlsx = await finished(h, s.forumId, {
        kind: 'decisions',
        language: 'ar',
        statuses: ['open', 'in_progress', 'done', 'dropped'],
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx.path ?? '');
      expect(book.worksheets.map((w) => w.name)).toEqual([
        'ملخص المتابعة',
        'كل القرارات',
        'الأمانة العامة',
        'المنتدى العربي للمدن الذكية',
        'مؤسسة جائزة منظمة المدن العربية',
        'مركز البيئة للمدن العربية',
      ]);
      const all = book.getWorksheet('كل القرارات');
      expect(all?.views[0]?.rightToLeft).toBe(true);
      expect(all?.getRow(2).values).toContain('55/1');
      expect(all?.getRow(2).values).toContain('الأمانة العامة');
      // A decision whose text starts with "=" is text, never a formula.
      await h['council.saveDecision']({
        forumId: s.forumId,
        decision: {
          ...{ id: randomUUID(), kind: 'recommendation', textAr: '=HYPERLINK("x")', textEn: '', agendaItemId: null },
          ...{ responsibleAr: 'الأمانة العامة', responsibleEn: '', deadline: null, status: 'open', followUpNotes: '' },
        },
      });
      const again = await finished(h, s.forumId, { kind: 'decisions', language: 'ar', statuses: ['open'] });
      const second = new ExcelJS.Workbook();
      await second.xlsx.readFile(again.path ?? '');
      const cells = second.getWorksheet('كل القرارات')?.getColumn(3).values ?? [];
      expect(cells).toContain('=HYPERLINK("x")');
      second
        .getWorksheet('كل القرارات')
        ?.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    });
  });

  it('prints the minutes on A4 through LibreOffice: attendance and quorum first, decisions numbered as taken, signatures last', async () => {
    await withAt(await tempDir(), async ({ handlers: h }) => {
      const s = await seed001(h);
      const noBidi = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
      for (const language of ['ar', 'en'] as const) {
        const done = await finished(h, s.forumId, { kind: 'minutes', language });
        const file = await printed(await fs.readFile(done.path ?? ''), 'docx');
        const pages = file.pages.map(noBidi);
        for (const size of file.sizes) expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
        const [first = '', ...rest] = pages;
        const last = pages.at(-1) ?? '';
        if (language === 'ar') {
          // pdftotext splits a right-to-left line at its Latin digits, so the Arabic is read phrase by phrase.
          expect(first).toContain('اكتمل النصاب بحضور');
          expect(first).toContain('نائب عمدة الدوحة');
          expect(first).toContain('اعتذر');
          expect(last).toContain('التوقيعات');
          for (const name of ['بلدية مسقط', 'بلدية دبي', 'عمدة مدينة الرباط', 'الأمين العام المساعد'])
            expect(last).toContain(name);
        } else {
          expect(first).toContain('A quorum was present: 5 of 6 members (quorum 4).');
          expect(last).toContain('Signatures');
        }
        // Read left to right on paper, a decision's number stands as written, never turned into 4/55.
        const words = file.words.flat().map((w) => w.text);
        for (const n of ['55/1', '55/2', '55/3', '55/4']) expect(words).toContain(n);
        expect(rest.length).toBeGreaterThan(0);
      }
    });
  }, 120_000);

  it('carries the council and its documents in backups and handover files', async () => {
    const dir = await tempDir();
    let forumId = '';
    let file = '';
    await withAt(dir, async ({ handlers: h }) => {
      const s = await seed001(h);
      forumId = s.forumId;
      await h['council.addDocument']({
        forumId,
        itemId: s.report,
        fileName: 'تقرير.pdf',
        base64: PDF.toString('base64'),
      });
      const backup = await h['backups.create']();
      await h['council.deleteDecision']({ forumId, id: s.view.council.decisions[0]?.id ?? '' });
      await fs.rm(path.join(dir, 'documents'), { recursive: true });
      await h['backups.restore']({ id: backup.id });
      const restored = await h['council.get']({ forumId });
      expect(restored.council.decisions).toHaveLength(4);
      const item = restored.council.agenda.find((i) => i.id === s.report);
      const document = await h['council.document']({
        forumId,
        itemId: s.report,
        documentId: item?.documents[0]?.id ?? '',
      });
      expect(Buffer.from(document.base64, 'base64').toString('latin1')).toBe(PDF.toString('latin1'));
      file = (await handoverFile(h, forumId)).base64;
    });
    // A colleague's machine: the forum arrives with its members, attendance, decisions and documents.
    await withAt(await tempDir(), async ({ handlers: h }) => {
      const preview = await h['handover.open']({ fileName: 'الدورة.multaqa', base64: file });
      const { forumId: arrived } = await h['handover.commit']({
        handoverId: preview.handoverId,
        mode: 'new',
        duplicates: 'keepExisting',
      });
      const view = await h['council.get']({ forumId: arrived });
      expect(view.council.sessionNumber).toBe(55);
      expect(view.council.sittings[0]?.attendance).toHaveLength(6);
      expect(view.council.decisions.map((d) => d.textAr)).toContain('تحديث نظام جائزة المنظمة');
      const directory = await h['directory.get']();
      expect(directory.people.map((p) => p.nameAr)).toEqual(
        expect.arrayContaining(['عمدة مدينة الرباط', 'الأمين العام المساعد', 'محمد بن مرهون العبري']),
      );
      const item = view.council.agenda.find((i) => i.documents.length > 0);
      const document = await h['council.document']({
        forumId: arrived,
        itemId: item?.id ?? '',
        documentId: item?.documents[0]?.id ?? '',
      });
      expect(Buffer.from(document.base64, 'base64').toString('latin1')).toBe(PDF.toString('latin1'));
    });
    expect(forumId).not.toBe('');
  });
});
