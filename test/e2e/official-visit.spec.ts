import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import type { ProgrammeView } from '../../src/shared/domain/programme';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';

/**
 * Seed 004, an official visit, built as the coordinator would: the day laid
 * out from the visit's template; the meeting at the headquarters with those
 * present (بحضور); the tour's three stops (the 940 call centre, the projects
 * agency, the crisis control room) typed in the session editor with the
 * keyboard, a typo refused and put right, the times followed as they change,
 * undone and redone; then the guests' itinerary and the drivers' movement
 * sheet exported in Arabic and English.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const DAY = '2026-12-07';
const TITLE = 'زيارة رئيس قطاع الخدمات والبنية التحتية';
const PEOPLE = {
  mayor: { nameAr: 'فهد الجبير', nameEn: 'Fahd Al-Jubair', honorific: 'maali', title: 'engineer' },
  guest: { nameAr: 'أحمد القطان', nameEn: 'Ahmed Al-Qattan', honorific: 'saada', title: 'doctor' },
  deputy: { nameAr: 'أمل الشقير', nameEn: 'Amal Al-Shuqair', honorific: 'saada', title: 'doctor', gender: 'female' },
  services: {
    nameAr: 'خالد الدوسري',
    nameEn: 'Khalid Al-Dosari',
    title: 'engineer',
    positionAr: 'وكيل الأمين للخدمات',
    positionEn: 'Deputy Mayor for Services',
    mobile: '+966 50 123 4567',
  },
} as const;
const STOPS = [
  { ar: 'مركز البلاغات 940', en: '940 call centre' },
  { ar: 'وكالة التعمير والمشاريع', en: 'Construction and Projects Agency' },
  { ar: 'غرفة التحكم والعمليات بإدارة الأزمات', en: 'Crisis control room' },
];

async function seed(page: Page): Promise<string> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput(DAY),
    kind: 'official_visit',
    titleAr: TITLE,
    titleEn: 'Visit of the Head of the Services and Infrastructure Sector',
    organisers: ['أمانة المنطقة الشرقية'],
  });
  await callApi(page, 'programme.saveHall', {
    forumId: forum.id,
    hall: { id: crypto.randomUUID(), nameAr: 'مقر الأمانة', nameEn: 'Municipality headquarters', capacity: 40 },
  });
  for (const person of Object.values(PEOPLE)) {
    await callApi(page, 'people.save', { ...emptyPersonInput(), id: crypto.randomUUID(), ...person });
  }
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  return forum.id;
}

const block = (page: Page, title: string) => page.getByTestId('session-block').filter({ hasText: title });
const editor = (page: Page) => page.getByTestId('session-editor');

/** Picks a person in a picker by typing part of the name and Enter. */
async function pick(picker: Locator, typed: string) {
  await picker.fill(typed);
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  await picker.press('Enter');
}

async function programmeOf(page: Page, forumId: string) {
  return callApi<ProgrammeView>(page, 'programme.get', { forumId });
}

/**
 * Exports and downloads. `file` ends the name the new file is saved under ("(2).docx" for a kind's
 * second export), so the status of the export before it is never taken for this one's.
 */
async function exportAndDownload(page: Page, name: string, file: string): Promise<Buffer> {
  await startExport(page);
  // The previous export's "saved" line may still be showing: wait for this file's name as long as for an export.
  await expect(page.getByTestId('export-status')).toContainText(/حُفظ الملف:|Saved:/, { timeout: 30_000 });
  await expect(page.getByTestId('export-status')).toContainText(file, { timeout: 30_000 });
  await snap(page, `visit-export-${name}`);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const bytes = await readFile(await (await downloading).path());
  // Kept beside the screenshots, to be looked at through LibreOffice.
  const dir = path.resolve('test-results', 'documents');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `visit-${name}.docx`), bytes);
  return bytes;
}

/** The document's paragraphs as text, in order, without the direction isolates. */
async function paragraphs(bytes: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .join('\n')
    .replace(/[\u2066-\u2069]/g, '');
}

test("builds seed 004's visit: those present at the meeting, three field stops, and the itinerary and movement sheet", async ({
  page,
  server,
}) => {
  test.setTimeout(240_000);
  await openApp(page, server);
  const forumId = await seed(page);
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: /ترتيب يوم نموذجي/ }).click();
  await expect(block(page, 'جولة ميدانية')).toBeVisible();

  // The meeting at the headquarters, chaired by the mayor, in the presence of the ministry's and the municipality's officials.
  await block(page, 'اجتماع وعروض تعريفية').dblclick();
  await expect(editor(page)).toBeVisible();
  await pick(editor(page).getByRole('combobox', { name: 'رئيس الجلسة' }), 'الجبير');
  const present = editor(page).getByTestId('present-list');
  await pick(present.getByRole('combobox', { name: 'إضافة إلى بحضور' }), 'الدوسري');
  await pick(present.getByRole('combobox', { name: 'إضافة إلى بحضور' }), 'الشقير');
  // Listed by rank as they come (سعادة before a name with none), then kept as the coordinator orders them.
  await expect(present.getByTestId('protocol-row')).toHaveText([/أمل الشقير/, /خالد الدوسري/]);
  await editor(page).getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(editor(page)).toBeHidden();

  // The tour: the template's three stops, renamed as the report names them.
  await block(page, 'جولة ميدانية').dblclick();
  await expect(editor(page)).toBeVisible();
  const stops = editor(page).getByTestId('stop-row');
  await expect(stops).toHaveCount(3);
  for (const [i, stop] of STOPS.entries()) {
    const row = stops.nth(i);
    await row.getByLabel('المكان (بالعربية)').fill(stop.ar);
    await row.getByLabel('المكان (بالإنجليزية)').fill(stop.en);
  }
  await expect(stops.nth(0).getByTestId('stop-times')).toHaveText('في الموقع 10:45 – 11:10');
  // Half an hour at the call centre, typed in Arabic-Indic digits: the stops after it move.
  const onSite = stops.nth(0).getByLabel('دقائق في الموقع');
  await onSite.fill('٣٠');
  await expect(stops.nth(1).getByTestId('stop-times')).toHaveText('في الموقع 11:25 – 11:50');
  await expect(editor(page).getByTestId('stops-summary')).toContainText('بعد نهاية الجلسة (12:30) بـ5 دقيقة');
  await editor(page).getByRole('button', { name: 'إنهاء الجلسة 12:35' }).click();
  await expect(editor(page).getByTestId('stops-summary')).toContainText('ضمن وقت الجلسة');
  // The call centre's host from the directory, with his mobile; the agency's typed as a name.
  await pick(stops.nth(0).getByRole('combobox', { name: /في الاستقبال في/ }), 'الدوسري');
  await stops
    .nth(1)
    .getByRole('combobox', { name: /في الاستقبال في/ })
    .fill('وكيل الأمين للتعمير والمشاريع');
  await stops
    .nth(1)
    .getByLabel(/في الاستقبال \(بالإنجليزية/)
    .fill('Deputy Mayor for Construction and Projects');
  await stops.nth(0).getByLabel('العنوان').fill('طريق الملك فهد، الدمام');
  await stops.nth(0).getByLabel('هاتف التواصل').fill('013 834 0000');
  // The cars, typed in the first stop's list by the keyboard: Enter opens the next line.
  await stops.nth(0).getByRole('button', { name: '+ إضافة' }).click();
  await page.keyboard.type('السيارة 1: الضيف والأمين');
  await page.keyboard.press('Enter');
  await page.keyboard.type('السيارة 2: الوفد المرافق');

  // A typo in the map link and in a number of minutes: each refused where it is, and nothing saved.
  const mapLink = stops.nth(0).getByLabel('رابط الخريطة');
  await mapLink.fill('maps.google.com/?q=26.43,50.10');
  await expect(stops.nth(0).getByText(/رابط الخريطة عنوان ويب/)).toBeVisible();
  const travel = stops.nth(2).getByLabel('دقائق طريق العودة');
  await travel.fill('1o');
  await expect(stops.nth(2).getByText('اكتب عددًا صحيحًا من الدقائق، من ٠ إلى 720.')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(travel).toBeFocused();
  await travel.fill('10');
  await page.keyboard.press('Control+s');
  await expect(mapLink).toBeFocused();
  expect((await programmeOf(page, forumId)).sessions.find((s) => s.kind === 'field_visit')?.stops[0]?.placeAr).toBe(
    'مركز البلاغات',
  );
  await mapLink.fill('https://maps.example.com/?q=26.43,50.10');
  await expect(stops.nth(0).getByText(/رابط الخريطة عنوان ويب/)).toBeHidden();

  // A fourth stop added by the keyboard takes the focus; removed, the focus goes back to the stop before.
  await editor(page).getByTestId('stop-add').press('Enter');
  await expect(stops).toHaveCount(4);
  await expect(stops.nth(3).getByLabel('المكان (بالعربية)')).toBeFocused();
  await page.keyboard.type('محطة زائدة');
  await stops.nth(3).getByRole('button', { name: 'حذف المحطة: محطة زائدة' }).press('Enter');
  await expect(stops).toHaveCount(3);
  await expect(stops.nth(2).getByLabel('المكان (بالعربية)')).toBeFocused();
  // The projects agency moved up with its button, and back down: the order is the coordinator's.
  await stops
    .nth(1)
    .getByRole('button', { name: `نقل إلى الأعلى: ${STOPS[1]?.ar}` })
    .click();
  await expect(stops.nth(0).getByLabel('المكان (بالعربية)')).toHaveValue(STOPS[1]?.ar ?? '');
  await stops
    .nth(0)
    .getByRole('button', { name: `نقل إلى الأسفل: ${STOPS[1]?.ar}` })
    .click();
  await expect(stops.nth(1).getByLabel('المكان (بالعربية)')).toHaveValue(STOPS[1]?.ar ?? '');

  // Those who go round with the guests.
  const party = editor(page).getByTestId('present-list');
  await pick(party.getByRole('combobox', { name: 'إضافة إلى المرافقون' }), 'الجبير');
  await pick(party.getByRole('combobox', { name: 'إضافة إلى المرافقون' }), 'الشقير');

  await stops.nth(0).scrollIntoViewIfNeeded();
  await snap(page, 'visit-stops-editor-ar');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(editor(page).getByRole('heading', { name: 'Session', exact: true })).toBeVisible();
  await expect(stops.nth(0).getByTestId('stop-times')).toHaveText('On site 10:45 – 11:15');
  await snap(page, 'visit-stops-editor-en');
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(editor(page).getByRole('heading', { name: 'الجلسة', exact: true })).toBeVisible();

  await page.keyboard.press('Control+s');
  await expect(editor(page)).toBeHidden();
  const saved = (await programmeOf(page, forumId)).sessions.find((s) => s.kind === 'field_visit');
  expect(saved?.stops.map((s) => s.placeAr)).toEqual(STOPS.map((s) => s.ar));
  expect(saved?.stops[0]).toMatchObject({
    onSiteMinutes: 30,
    address: 'طريق الملك فهد، الدمام',
    mapLink: 'https://maps.example.com/?q=26.43,50.10',
    vehicles: ['السيارة 1: الضيف والأمين', 'السيارة 2: الوفد المرافق'],
  });
  expect(saved?.end).toBe(12 * 60 + 35);
  expect(saved?.presentIds).toHaveLength(2);

  // Undone as one edit of the session, and redone; kept across a reload.
  await page.locator('h1').first().click();
  await page.keyboard.press('Control+z');
  await expect
    .poll(
      async () => (await programmeOf(page, forumId)).sessions.find((s) => s.kind === 'field_visit')?.stops[0]?.placeAr,
    )
    .toBe('مركز البلاغات');
  // Redo once the bar offers it (the undo has been taken back by then on both sides).
  await expect(page.getByRole('button', { name: /^إعادة/ })).toBeEnabled();
  await page.keyboard.press('Control+y');
  await expect
    .poll(
      async () => (await programmeOf(page, forumId)).sessions.find((s) => s.kind === 'field_visit')?.stops[0]?.placeAr,
    )
    .toBe(STOPS[0]?.ar);
  await page.reload();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await block(page, 'جولة ميدانية').dblclick();
  await expect(editor(page).getByTestId('stop-row').nth(2).getByLabel('المكان (بالعربية)')).toHaveValue(
    STOPS[2]?.ar ?? '',
  );
  await expect(editor(page).getByTestId('stop-row').nth(2).getByTestId('stop-times')).toHaveText(
    'في الموقع 12:00 – 12:25',
  );
  await editor(page).getByRole('button', { name: 'إغلاق' }).click();
  await expect(editor(page)).toBeHidden();

  // The papers.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'برنامج الجولة للضيوف (Word)' }).click();
  await page.getByRole('radio', { name: 'العربية' }).check();
  const itineraryAr = await paragraphs(await exportAndDownload(page, 'itinerary-ar', ' - '));
  const order = STOPS.map((s) => itineraryAr.indexOf(s.ar));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  for (const time of ['10:45 – 11:15', '11:25 – 11:50', '12:00 – 12:25']) expect(itineraryAr).toContain(time);
  expect(itineraryAr).toContain('المهندس خالد الدوسري');
  expect(itineraryAr).toContain('المرافقون: معالي المهندس فهد الجبير وسعادة الدكتورة أمل الشقير');
  expect(itineraryAr).toContain('نهاية الجولة: 12:35');

  await page.getByRole('radio', { name: 'الإنجليزية' }).check();
  const itineraryEn = await paragraphs(await exportAndDownload(page, 'itinerary-en', '(2).docx'));
  expect(/\p{Script=Arabic}/u.test(itineraryEn)).toBe(false);
  expect(itineraryEn).toContain('Deputy Mayor for Construction and Projects');

  await page.getByRole('tab', { name: 'كشف الحركة (Word)' }).click();
  await page.getByRole('radio', { name: 'العربية' }).check();
  const movementAr = await paragraphs(await exportAndDownload(page, 'movement-ar', ' - '));
  for (const text of ['10:45', '11:15', '11:25', 'https://maps.example.com/?q=26.43,50.10', '+966 50 123 4567']) {
    expect(movementAr).toContain(text);
  }
  expect(movementAr).toContain('السيارة 2: الوفد المرافق');
  expect(movementAr).toContain('هاتف الموقع: 013 834 0000');
  await page.getByRole('radio', { name: 'الإنجليزية' }).check();
  const movementEn = await paragraphs(await exportAndDownload(page, 'movement-en', '(2).docx'));
  expect(movementEn).toContain('Departure');
  expect(movementEn).toContain('Eng. Khalid Al-Dosari');
});
