import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import { newSession } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';

/**
 * Seed 000: Dammam's delegation, headed by the deputy mayor, flies to
 * Houston for the World Energy Cities Partnership's annual meeting, where it
 * presents its draft strategy and its projects. The meeting, its programme
 * and the people are set up through the API; the delegation, its travel,
 * car, liaison officer, what it presents and its talking points are typed in
 * the form, mostly from the keyboard; its briefing file is exported and read.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = { ar: 'الاجتماع السنوي لتجمع مدن الطاقة العالمية', en: 'WECP Annual Meeting' };

async function seed(page: Page) {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-10-13'),
    kind: 'periodic_meeting',
    titleAr: TITLE.ar,
    titleEn: TITLE.en,
    lastDay: '2026-10-14',
    organisers: ['تجمع مدن الطاقة العالمية'],
    venue: { hotel: 'Hilton Americas', hall: '', city: 'هيوستن', country: 'الولايات المتحدة' },
  });
  await callApi(page, 'programme.saveSessions', {
    forumId: forum.id,
    sessions: [
      newSession(randomUUID(), {
        ...{ day: '2026-10-13', start: 570, end: 660, kind: 'papers' },
        ...{ titleAr: 'المسودة الأولية لتطوير أعمال التجمع', titleEn: 'Draft plan for the partnership' },
      }),
      newSession(randomUUID(), {
        ...{ day: '2026-10-14', start: 540, end: 630, kind: 'discussion' },
        ...{ titleAr: 'برنامجا التبادل التدريبي والأكاديمي', titleEn: 'Training and academic exchange' },
      }),
    ],
  });
  const person = (fields: Record<string, string>) =>
    callApi(page, 'people.save', { ...emptyPersonInput(), id: randomUUID(), ...fields });
  await person({
    ...{ honorific: 'saada', title: 'engineer', nameAr: 'جمال بن ناصر الملحم', nameEn: 'Jamal bin Nasser Al-Mulhim' },
    ...{ positionAr: 'وكيل أمين المنطقة الشرقية للتعمير والمشاريع', positionEn: 'Deputy Mayor for Projects' },
  });
  await person({ title: 'engineer', nameAr: 'سعد بن علي الغامدي', nameEn: 'Saad Al-Ghamdi' });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
}

/** Types over whatever a box holds, as a keyboard user selecting it all does. */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

test("builds seed 000's outgoing delegation with its travel and exports its briefing file", async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  await openApp(page, server);
  await seed(page);
  const card = page.getByRole('article', { name: TITLE.ar, exact: true });
  await card.getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await page.getByRole('button', { name: 'إضافة وفد' }).click();
  const form = page.getByTestId('delegation-editor');
  await expect(form.locator('#delegation-nameAr')).toBeFocused();
  await page.keyboard.type('وفد مدينة الدمام');
  await page.keyboard.press('Tab');
  await page.keyboard.type('City of Dammam delegation');
  // Which way it travels: the radio group from the keyboard (the arrow moves and chooses).
  await page.keyboard.press('Tab');
  await expect(form.getByRole('radio', { name: 'وفد قادم' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: 'وفد مغادر' })).toBeChecked();

  // The head by a part of his name and Enter; a member the same way.
  await form.getByRole('combobox', { name: 'رئيس الوفد' }).fill('الملحم');
  await page.keyboard.press('Enter');
  await form.getByRole('combobox', { name: /إضافة إلى/ }).fill('الغامدي');
  await page.keyboard.press('Enter');
  const travellers = form.getByTestId('traveller');
  await expect(travellers).toHaveCount(2);

  // The head's arrival: the button opens the flight with the focus in its number, the day typed in
  // Gregorian, the local time in the app's own clock box.
  await form.locator('#travel-0-role').fill('رئيس الوفد');
  await form.getByTestId('travel-0-arrival-add').focus();
  await page.keyboard.press('Enter');
  await expect(form.locator('#travel-0-arrival-flight')).toBeFocused();
  await page.keyboard.type('QR 713');
  await page.keyboard.press('Tab');
  await page.keyboard.type('IAH');
  await form.getByTestId('travel-0-arrival-day-gregorian').focus();
  await typeOver(page, '12/10/2026');
  await form.locator('#travel-0-arrival-time').focus();
  await page.keyboard.type('16:05');
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('travel-0-arrival-day-both')).toContainText('2026');
  await form.locator('#travel-0-hotel').fill('Hilton Americas');
  await form.locator('#travel-0-room').fill('1204');
  await form.locator('#travel-1-role').fill('عرض المسودة الاستراتيجية');
  await form.getByTestId('travel-0-departure-add').click();
  await expect(form.locator('#travel-0-departure-flight')).toBeFocused();
  await page.keyboard.type('QR 714');

  // A car and its driver, whose phone is mistyped first.
  await form.getByTestId('delegation-car-add').click();
  await expect(form.locator('#car-0-car')).toBeFocused();
  await page.keyboard.type('Chevrolet Suburban');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Michael Brown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12345');
  await form.locator('#travel-0-car').selectOption({ label: 'Chevrolet Suburban — Michael Brown' });
  // The liaison officer typed by name (no record), the points one row after another by Enter.
  await form.getByRole('combobox', { name: 'ضابط الارتباط' }).fill('Sarah Johnson');
  await form.getByTestId('delegation-presentations-add').click();
  await page.keyboard.type('المسودة الأولية لتطوير أعمال التجمع');
  await page.keyboard.press('Enter');
  await page.keyboard.type('المشاريع التنموية للأمانة وبلدياتها');
  await form.getByTestId('delegation-talkingPoints-add').click();
  await page.keyboard.type('زيادة مجالات التعاون بين المدن الأعضاء');
  // It attends the second day's discussion only (its own programme holds that one).
  await form
    .getByTestId('delegation-sessions')
    .getByRole('checkbox', { name: /برنامجا التبادل/ })
    .check();

  await form.getByRole('button', { name: 'حفظ' }).first().click();
  // Refused under the driver's phone, which takes the focus; nothing saved.
  await expect(form.getByText('تعذّرت قراءة رقم الجوال')).toBeVisible();
  await expect(form.locator('#car-0-phone')).toBeFocused();
  await snap(page, 'laptop-ar-delegation-travel-refused');
  await typeOver(page, '+1 713 555 0142');
  await form.getByRole('button', { name: 'حفظ' }).first().click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('delegation');
  await expect(row).toContainText('وفد مدينة الدمام');
  await expect(row.getByTestId('delegation-direction')).toHaveText('وفد مغادر');

  // A reload: all of it is there, and one more talking point; then undone with Ctrl+Z.
  await page.reload();
  await card.getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await row.getByRole('button', { name: 'وفد مدينة الدمام' }).click();
  await expect(form.locator('#travel-0-arrival-flight')).toHaveValue('QR 713');
  await expect(form.locator('#travel-0-arrival-time')).toHaveValue('16:05');
  await expect(form.getByTestId('travel-0-arrival-day-gregorian')).toHaveValue('12/10/2026');
  await expect(form.locator('#car-0-phone')).toHaveValue('+1 713 555 0142');
  await expect(form.getByRole('combobox', { name: 'ضابط الارتباط' })).toHaveValue('Sarah Johnson');
  await snap(page, 'laptop-ar-delegation-travel');
  await form.getByTestId('delegation-talkingPoints-add').click();
  await page.keyboard.type('صلاحيات أوسع للأمانة العامة للتجمع');
  await form.getByRole('button', { name: 'حفظ' }).first().click();
  await expect(form).toBeHidden();
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('تم التراجع: حفظ «وفد مدينة الدمام»');
  await row.getByRole('button', { name: 'وفد مدينة الدمام' }).click();
  await expect(form.getByRole('textbox', { name: 'نقاط الحديث 1' })).toHaveValue(
    'زيادة مجالات التعاون بين المدن الأعضاء',
  );
  await expect(form.getByRole('textbox', { name: 'نقاط الحديث 2' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // The briefing file, for the one outgoing delegation.
  await page.getByRole('button', { name: 'رجوع' }).click();
  await card.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'الملف التعريفي للوفد (Word)' }).click();
  await expect(page.getByTestId('export-delegation')).toHaveValue(/.+/);
  await snap(page, 'laptop-ar-export-briefing');
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('حُفظ الملف:', { timeout: 30_000 });
  await expect(page.getByTestId('export-status')).toContainText('الملف التعريفي للوفد');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const zip = await JSZip.loadAsync(await readFile(await (await downloading).path()));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = xml.replace(/<[^>]+>/g, '').replace(/[\u2066-\u2069]/g, '');
  for (const words of [
    'وفد مدينة الدمام',
    'سعادة المهندس جمال بن ناصر الملحم',
    'عرض المسودة الاستراتيجية',
    'برنامجا التبادل التدريبي والأكاديمي',
    'QR 713',
    'QR 714',
    'Hilton Americas',
    '+1 713 555 0142',
    'Sarah Johnson',
    'المشاريع التنموية للأمانة وبلدياتها',
    'زيادة مجالات التعاون بين المدن الأعضاء',
  ]) {
    expect(text).toContain(words);
  }
  expect(text).not.toContain('صلاحيات أوسع للأمانة العامة للتجمع');
  expect(xml).toContain('<w:bidi/>');

  // The delegation's own programme, in English: the session it attends, not the other.
  await page.getByRole('tab', { name: 'البرنامج (Word)' }).click();
  await page.getByTestId('programme-delegation').selectOption({ label: 'وفد مدينة الدمام' });
  await page.getByTestId('programme-language').getByRole('radio', { name: 'الإنجليزية', exact: true }).check();
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('حُفظ الملف: البرنامج', { timeout: 30_000 });
  const programmeDownload = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const programme = await JSZip.loadAsync(await readFile(await (await programmeDownload).path()));
  const programmeText = ((await programme.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
  expect(programmeText).toContain('Programme of the City of Dammam delegation');
  expect(programmeText).toContain('Training and academic exchange');
  expect(programmeText).not.toContain('Draft plan for the partnership');
});

for (const lang of ['ar', 'en'] as const) {
  test(`the delegation form with travel at 1366×768 in ${lang === 'ar' ? 'Arabic' : 'English'}`, async ({
    page,
    server,
  }) => {
    test.setTimeout(90_000);
    await openApp(page, server);
    await seed(page);
    if (lang === 'en') {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const title = lang === 'ar' ? TITLE.ar : TITLE.en;
    await page
      .getByRole('article', { name: title, exact: true })
      .getByRole('button', { name: lang === 'ar' ? 'البرنامج' : 'Programme' })
      .click();
    await page.getByRole('tab', { name: lang === 'ar' ? 'الوفود' : 'Delegations' }).click();
    await page.getByRole('button', { name: lang === 'ar' ? 'إضافة وفد' : 'Add delegation' }).click();
    const form = page.getByTestId('delegation-editor');
    await form.locator('#delegation-nameAr').fill('وفد مدينة الدمام');
    await form.locator('#delegation-nameEn').fill('City of Dammam delegation');
    await form.getByRole('radio', { name: lang === 'ar' ? 'وفد مغادر' : 'Outgoing' }).check();
    await form.getByRole('combobox', { name: lang === 'ar' ? 'رئيس الوفد' : 'Head of delegation' }).fill('Jamal');
    await page.keyboard.press('Enter');
    await form.getByTestId('travel-0-arrival-add').click();
    await page.keyboard.type('QR 713');
    await form.locator('#travel-0-arrival-airport').fill('IAH');
    await form.locator('#travel-0-arrival-time').fill('16:05');
    await form.getByTestId('delegation-car-add').click();
    await page.keyboard.type('Chevrolet Suburban');
    await form.locator('#car-0-phone').fill('+1 713 555 0142');
    await form.getByTestId('reception-add').click();
    await page.keyboard.type('Sarah Johnson');
    await snap(page, `laptop-${lang}-delegation-travel-form`);
    // The travel, cars and reception blocks pass axe-core like every other form: no serious or critical violation.
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="delegation-editor"]').analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' ; ')}`),
    ).toEqual([]);
    await form.getByTestId('traveller').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/laptop-${lang}-delegation-travel-viewport.png` });
  });
}
