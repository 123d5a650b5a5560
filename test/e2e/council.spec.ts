import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';

/**
 * Seed 001: the 55th session of the Arab Towns Organization's executive
 * council in Rabat, built as the coordinator would: the body and its six
 * members, the sitting's attendance (one represented, one apologised), the
 * agenda (its own approval, the Secretary-General's report, three
 * institutions' reports), four decisions with owners and deadlines; the
 * minutes and the follow-up report exported; then the next session opened,
 * with the open decisions on its agenda.
 */

const MEMBERS = ['بلدية مسقط', 'أمانة عمّان', 'بلدية الدوحة', 'مدينة الرباط', 'بلدية الخليل', 'بلدية دبي'];
const INSTITUTIONS = ['المعهد العربي لإنماء المدن', 'مركز البيئة للمدن العربية', 'مؤسسة جائزة منظمة المدن العربية'];
const DECISIONS = [
  { text: 'اعتماد تقرير الأمين العام', owner: 'الأمانة العامة', deadline: '2018-06-30' },
  { text: 'إعداد دليل المدن الذكية', owner: 'المنتدى العربي للمدن الذكية', deadline: '2018-09-30' },
  { text: 'تنظيم حلقة عمل عن التوعية البيئية', owner: 'مركز البيئة للمدن العربية', deadline: '2018-10-31' },
  { text: 'تحديث نظام جائزة المنظمة', owner: 'مؤسسة جائزة منظمة المدن العربية', deadline: '2018-12-31' },
];

/** Exports and downloads; `file` is the name the new file is saved under, so an earlier export's status is never taken for it. */
async function exportAndDownload(page: Page, name: string, file: string): Promise<Buffer> {
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText(/حُفظ الملف:|Saved:/, { timeout: 30_000 });
  await expect(page.getByTestId('export-status')).toContainText(file);
  await snap(page, name);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  return readFile(await (await downloading).path());
}

async function addItem(page: Page, kind: string, title: string, presenter: string) {
  await page.getByRole('button', { name: 'إضافة بند' }).click();
  const item = page.getByTestId('agenda-item').last();
  await item.getByLabel('النوع').selectOption({ label: kind });
  await item.getByLabel('العنوان (بالعربية)').fill(title);
  if (presenter) await item.getByRole('combobox', { name: 'المقدِّم' }).fill(presenter);
  await item.getByLabel('الدقائق المقررة').fill('30');
  await item.getByLabel('النتيجة').selectOption({ label: 'أُحيط علمًا' });
  await item.getByLabel('ما دار (بالعربية)').fill(`عرض ${title} وناقشه المجلس.`);
  await item.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('agenda-item').last().getByRole('heading', { level: 3 })).toContainText(title);
}

test("builds seed 001's council session, exports its minutes and follow-up, and follows up in the next session", async ({
  page,
  server,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server);
  // The event and the officers' records, which other journeys type; the council itself is typed below.
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    kind: 'council_session',
    edition: 'الدورة الـ55',
    titleAr: 'اجتماع المجلس التنفيذي لمنظمة المدن العربية',
    titleEn: 'Executive Council of the Arab Towns Organization',
    slogan: 'مدن مستدامة لإسعاد الساكنين',
    organisers: ['منظمة المدن العربية'],
    partners: [],
    patron: '',
    venue: { hotel: '', hall: '', city: 'الرباط', country: 'المغرب' },
    firstDay: '2018-04-07',
    lastDay: '2018-04-08',
    expectedAttendance: null,
    objectives: [],
    description: '',
    status: 'published',
  });
  const person = (nameAr: string, nameEn: string) =>
    callApi(page, 'people.save', {
      ...{ id: randomUUID(), honorific: 'none', title: 'none', gender: 'male', nameAr, nameEn },
      ...{
        positionAr: '',
        positionEn: '',
        organisationId: null,
        country: '',
        email: '',
        mobile: '',
        bioAr: '',
        bioEn: '',
      },
    });
  await person('عمدة مدينة الرباط', 'Mayor of Rabat');
  await person('الأمين العام المساعد', 'Assistant Secretary-General');
  await page.reload();

  await page.getByTestId('forum-council').click();
  await expect(page.getByTestId('council-page')).toBeVisible();
  await page.getByLabel('الجهة (بالعربية)').fill('المجلس التنفيذي لمنظمة المدن العربية');
  await page.getByLabel('الجهة (بالإنجليزية)').fill('Executive Council of the Arab Towns Organization');
  await page.getByLabel('رقم الدورة').fill('٥٥');
  await page.getByRole('combobox', { name: 'رئيس الاجتماع' }).fill('عمدة');
  await page.getByRole('option', { name: /عمدة مدينة الرباط/ }).click();
  await page.getByRole('combobox', { name: 'المقرر' }).fill('المساعد');
  await page.getByRole('option', { name: /الأمين العام المساعد/ }).click();
  await page.getByTestId('council-save-settings').click();
  await expect(page.getByRole('button', { name: /تراجع: تعديل بيانات دورة/ })).toBeEnabled();

  for (const name of MEMBERS) {
    const row = page.getByTestId('council-members').locator('tr.new-row');
    await row.getByLabel('مدينة أو جهة عضو جديدة').fill(name);
    await row.getByRole('combobox', { name: 'الممثل' }).fill(`ممثل ${name}`);
    await row.getByRole('button', { name: 'إضافة عضو' }).click();
    await expect(page.getByTestId('council-members').locator('tbody tr')).toHaveCount(MEMBERS.indexOf(name) + 2);
  }
  // A typo in the protocol order put right with the arrows, and undone with Ctrl+Z.
  await page.getByRole('button', { name: 'نقل أمانة عمّان إلى أعلى' }).click();
  await expect(page.getByTestId('council-members').locator('tbody tr').first().locator('input').first()).toHaveValue(
    'أمانة عمّان',
  );
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('council-members').locator('tbody tr').first().locator('input').first()).toHaveValue(
    'بلدية مسقط',
  );
  await snap(page, 'ar-council-members');

  // The sitting and its attendance: one represented, one apologised, the rest present.
  await page.getByRole('tab', { name: 'الجلسات والحضور' }).click();
  await page.getByLabel('الجلسة (بالعربية)').fill('الجلسة الأولى');
  await page.getByLabel('البداية').fill('09:00');
  await page.getByRole('button', { name: 'إضافة جلسة' }).click();
  const sitting = page.getByTestId('council-sitting');
  await expect(sitting).toBeVisible();
  for (const [i, name] of MEMBERS.entries()) {
    const status = i === 2 ? 'ناب عنه غيره' : i === 4 ? 'اعتذر' : 'حاضر';
    await sitting.getByLabel(`الحالة — ${name}`).selectOption({ label: status });
  }
  // "Represented" without a name is refused with a sentence, and nothing changes.
  const doha = sitting.getByTestId('attendance-row').nth(2);
  await doha.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('اذكر من ينوب عن العضو.')).toBeVisible();
  await doha.getByRole('combobox', { name: /ينوب عنه/ }).fill('نائب عمدة الدوحة');
  await doha.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('council-quorum')).toHaveText('اكتمل النصاب: 5 من 6 أعضاء (النصاب 4).');
  await snap(page, 'ar-council-attendance');

  // The agenda: its approval first, the Secretary-General's report, three institutions' reports.
  await page.getByRole('tab', { name: 'جدول الأعمال' }).click();
  await page.getByRole('button', { name: 'إضافة «إقرار جدول الأعمال»' }).click();
  await expect(page.getByTestId('agenda-item')).toHaveCount(1);
  const approval = page.getByTestId('agenda-item').first();
  await approval.getByRole('button', { name: 'تعديل' }).click();
  await approval.getByLabel('النتيجة').selectOption({ label: 'أُقر' });
  await approval.getByRole('button', { name: 'حفظ' }).click();
  await addItem(page, 'تقرير', 'تقرير الأمين العام', 'الأمين العام للمنظمة');
  for (const name of INSTITUTIONS) await addItem(page, 'تقرير', `تقرير ${name}`, name);
  await expect(page.getByTestId('agenda-item')).toHaveCount(5);
  // The Secretary-General's report as a document of its item.
  const report = page.getByTestId('agenda-item').nth(1);
  await report.getByTestId('agenda-document-input').setInputFiles({
    name: 'تقرير الأمين العام.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% تقرير الأمين العام\n'),
  });
  await expect(report.getByTestId('agenda-document')).toContainText('تقرير الأمين العام.pdf');
  // A file that is not what its name says is refused.
  await report.getByTestId('agenda-document-input').setInputFiles({
    name: 'مرفق.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not a pdf'),
  });
  await expect(page.getByText('هذا الملف ليس ما يقوله اسمه (قد يكون تالفًا).')).toBeVisible();
  await expect(report.getByTestId('agenda-document')).toHaveCount(1);
  await snap(page, 'ar-council-agenda');

  // Four decisions with owners and deadlines, numbered 55/1 to 55/4.
  await page.getByRole('tab', { name: 'القرارات والتوصيات' }).click();
  // Escape closes the editor without adding anything.
  await page.getByTestId('add-decision').click();
  await page.getByTestId('decision-form').getByLabel('النص (بالعربية)').fill('مسودة');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('decision-form')).toHaveCount(0);
  for (const d of DECISIONS) {
    await page.getByTestId('add-decision').click();
    const form = page.getByTestId('decision-form');
    await form.getByLabel('النص (بالعربية)').fill(d.text);
    await form.getByLabel('الجهة المسؤولة (بالعربية)').fill(d.owner);
    await form.getByRole('button', { name: 'تحديد موعد نهائي' }).click();
    const [year, month, day] = d.deadline.split('-');
    await form.getByLabel('ميلادي').fill(`${day}/${month}/${year}`);
    await form.getByLabel('ميلادي').press('Tab');
    await form.getByLabel('تحت البند').selectOption({ index: 2 });
    await form.getByRole('button', { name: 'إضافة قرار' }).click();
    await expect(page.getByTestId('decision-form')).toHaveCount(0);
    await expect(page.getByTestId('decision')).toHaveCount(DECISIONS.indexOf(d) + 1);
  }
  await expect(page.getByTestId('decision').nth(3)).toContainText('55/4');
  // The first carried out already.
  await page.getByLabel('الحالة — 55/1').selectOption({ label: 'نُفِّذ' });
  await expect(page.getByRole('button', { name: /تراجع: تعديل القرار/ })).toBeEnabled();
  await snap(page, 'ar-council-decisions');

  // The minutes in Arabic and English, and the follow-up report.
  await page.getByRole('button', { name: 'رجوع' }).click();
  await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'محضر الاجتماع (Word)' }).click();
  const minutes = await JSZip.loadAsync(await exportAndDownload(page, 'ar-export-minutes', 'العربية.docx'));
  // Latin runs (".pdf", digits) stand in direction isolates inside Arabic lines; the words are read without them.
  const xml = ((await minutes.file('word/document.xml')?.async('string')) ?? '').replace(/[\u2066-\u2069]/g, '');
  for (const text of ['محضر الاجتماع', 'اكتمل النصاب', 'ينوب عنه نائب عمدة الدوحة', 'اعتذر', 'رئيس الاجتماع', 'المقرر'])
    expect(xml).toContain(text);
  expect(xml).toContain('تقرير الأمين العام.pdf');
  await page.getByTestId('minutes-language').getByLabel('الإنجليزية').check();
  const english = await JSZip.loadAsync(await exportAndDownload(page, 'ar-export-minutes-en', 'العربية (2).docx'));
  expect((await english.file('word/document.xml')?.async('string')) ?? '').toContain('A quorum was present');

  await page.getByRole('tab', { name: 'متابعة القرارات (Excel)' }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await exportAndDownload(page, 'ar-export-decisions', '.xlsx')).buffer);
  expect(workbook.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['ملخص المتابعة', 'كل القرارات']);
  expect(workbook.worksheets[1]?.views[0]?.rightToLeft).toBe(true);
  const cells = workbook.worksheets[1]?.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])) ?? [];
  expect(cells).toEqual(expect.arrayContaining(['55/1', '55/4', 'الأمانة العامة', 'نُفِّذ']));

  // The next session: its agenda opens with its approval and the follow-up of the three decisions still open.
  await page.getByRole('button', { name: 'رجوع' }).click();
  await page.getByTestId('forum-council').first().click();
  await page.getByRole('button', { name: 'فتح الدورة التالية' }).click();
  await expect(page.locator('h1')).toContainText('الدورة الـ56');
  await page.getByRole('tab', { name: 'جدول الأعمال' }).click();
  const items = page.getByTestId('agenda-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByRole('heading', { level: 3 })).toContainText('إقرار جدول الأعمال');
  await expect(items.nth(1).getByRole('heading', { level: 3 })).toContainText('متابعة تنفيذ قرارات الدورة السابقة');
  const followed = page.getByTestId('followed-decision');
  await expect(followed).toHaveCount(3);
  await expect(followed.first()).toContainText('55/2');
  await expect(followed.first()).toContainText('إعداد دليل المدن الذكية');
  // Decision 55/2 marked in progress from the follow-up: it changes in the 55th session's own register.
  await followed
    .first()
    .getByLabel(/الحالة — 55\/2/)
    .selectOption({ label: 'قيد التنفيذ' });
  await expect(followed.first().getByLabel(/الحالة — 55\/2/)).toHaveValue('in_progress');
  const previous = await callApi<{ council: { decisions: { number: number; status: string }[] } }>(
    page,
    'council.get',
    { forumId: forum.id },
  );
  expect(previous.council.decisions.find((d) => d.number === 2)?.status).toBe('in_progress');
  await snap(page, 'ar-council-next-session');

  // The 55th session's attendance in English, after a reload.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.reload();
  await page
    .getByRole('article', { name: 'Executive Council of the Arab Towns Organization', exact: true })
    .getByTestId('forum-council')
    .click();
  await page.getByRole('tab', { name: 'Sittings and attendance' }).click();
  await expect(page.getByTestId('council-quorum')).toHaveText('Quorum reached: 5 of 6 members (quorum 4).');
  await snap(page, 'en-council-attendance');
  await page.getByRole('tab', { name: 'Decisions and recommendations' }).click();
  await snap(page, 'en-council-decisions');
});
