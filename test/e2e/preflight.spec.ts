import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { newFieldStop } from '../../src/shared/domain/field-visit';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { newSession } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, test } from './fixtures';
import { createSeed002, SEED_002 } from './seed-002';

/**
 * The pre-flight before an English programme: seed 002 as a coordinator types
 * it has its slogan, patron and venue in Arabic only. The dialog lists them;
 * the coordinator fills the slogan's English from the dialog with the
 * keyboard, leaves the rest, and exports anyway: the slogan prints in English,
 * the patron marked as a gap.
 */
const SLOGAN_EN = 'Innovative solutions for sustainable municipal services';

test('lists a missing English slogan, takes it from the dialog, then exports', async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server);
  await createSeed002(page);
  await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByTestId('programme-language').getByLabel('الإنجليزية', { exact: true }).check();
  await page.getByTestId('export-start').click();

  const dialog = page.getByTestId('preflight');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'قبل التصدير' })).toBeVisible();
  const slogan = dialog.getByTestId('preflight-finding').filter({ hasText: 'الشعار' });
  await expect(slogan).toContainText(SEED_002.slogan);
  await expect(dialog.getByTestId('preflight-finding').filter({ hasText: 'راعي الحفل' })).toContainText(
    SEED_002.patron,
  );
  // Nothing has started behind the dialog.
  await expect(page.getByTestId('export-status')).not.toContainText('حُفظ الملف:');
  await snap(page, 'ar-export-preflight');

  // The slogan is the first finding: its box has the focus, so the keyboard types straight in.
  const sloganBox = slogan.getByRole('textbox');
  await expect(sloganBox).toBeFocused();
  await expect(sloganBox).toHaveAttribute('dir', 'ltr');
  // Enter on an empty box saves nothing and says why.
  await page.keyboard.press('Enter');
  await expect(slogan.getByRole('alert')).toHaveText('اكتب النص أولًا.');
  await page.keyboard.type(SLOGAN_EN);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('preflight-finding').filter({ hasText: SEED_002.slogan })).toHaveCount(0);
  // The focus moved on to the next finding's box (the patron), in the same turn as the list.
  await expect(dialog.getByTestId('preflight-finding').first().getByRole('textbox')).toBeFocused();
  const forums = await callApi<{ sloganEn?: string }[]>(page, 'forums.list');
  expect(forums[0]?.sloganEn).toBe(SLOGAN_EN);

  // Escape leaves without exporting; the same check in English says the same.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-status')).not.toContainText('حُفظ الملف:');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByTestId('export-start').click();
  await expect(dialog.getByRole('heading', { name: 'Before you export' })).toBeVisible();
  await expect(dialog.getByTestId('preflight-finding').filter({ hasText: 'Patron' })).toContainText(SEED_002.patron);
  await expect(dialog.getByTestId('preflight-finding').filter({ hasText: 'Slogan' })).toHaveCount(0);
  await snap(page, 'en-export-preflight');

  await dialog.getByRole('button', { name: 'Export anyway' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-status')).toContainText('Saved:', { timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const docx = await JSZip.loadAsync(await readFile(await (await downloading).path()));
  const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
  expect(xml).toContain(`“${SLOGAN_EN}”`);
  expect(xml).not.toContain(SEED_002.slogan);
  // The patron, left without English, prints marked.
  expect(xml).toContain('[Arabic only: ');
});

test("the forum form keeps each organiser's English beside it, through a removal and a save", async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openApp(page, server);
  await createSeed002(page);
  await page.getByRole('button', { name: 'تعديل' }).first().click();
  await expect(page.locator('#forum-organisers-en-1')).toHaveAttribute('dir', 'ltr');
  await page.locator('#forum-organisers-en-1').fill('Sohar Municipality');
  await page.locator('#forum-venue-cityEn').fill('Muscat');
  // Removing the first organiser takes its (empty) English with it: Sohar keeps its own.
  await page.locator('#forum-organisers').getByRole('button', { name: 'حذف 1' }).click();
  await expect(page.locator('#forum-organisers li input[data-list-item]')).toHaveCount(1);
  await expect(page.locator('#forum-organisers li input[data-list-item]')).toHaveValue('بلدية صحار');
  await expect(page.locator('#forum-organisers-en-0')).toHaveValue('Sohar Municipality');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('حُفظت التعديلات.')).toBeVisible();
  const [forum] = await callApi<{ organisers: string[]; organisersEn?: string[]; venue: { cityEn?: string } }[]>(
    page,
    'forums.list',
  );
  expect(forum?.organisers).toEqual(['بلدية صحار']);
  expect(forum?.organisersEn).toEqual(['Sohar Municipality']);
  expect(forum?.venue.cityEn).toBe('Muscat');
});

/**
 * The pre-flight before a field visit's movement sheet: a stop typed with its
 * place only, and stops that run past the time booked for the tour. The
 * drivers' sheet would print no host, no address, no telephone and no cars
 * there: the dialog lists each, says where it is entered, has no box to type
 * it in, and the export goes ahead when asked.
 */
test("lists what a field visit's movement sheet would print blank, and exports it anyway", async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server);
  const title = 'زيارة أمين المنطقة الشرقية';
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-07'),
    kind: 'official_visit',
    titleAr: title,
    titleEn: 'Visit of the Mayor of the Eastern Province',
  });
  await callApi(page, 'programme.saveSessions', {
    forumId: forum.id,
    sessions: [
      newSession(crypto.randomUUID(), {
        kind: 'field_visit',
        day: '2026-12-07',
        // 10:45, half an hour on site and a quarter on the road: 11:30, past the 11:20 booked.
        start: 10 * 60 + 45,
        end: 11 * 60 + 20,
        titleAr: 'جولة ميدانية',
        titleEn: 'Field visit',
        stops: [
          newFieldStop(crypto.randomUUID(), {
            placeAr: 'مركز البلاغات 940',
            onSiteMinutes: 30,
            travelMinutes: 15,
          }),
        ],
      }),
    ],
  });
  await page.reload();
  await page.getByRole('article', { name: title, exact: true }).getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'كشف الحركة (Word)' }).click();
  await page.getByTestId('export-start').click();

  const dialog = page.getByTestId('preflight');
  await expect(dialog.getByRole('heading', { name: 'لم يُدخَل بعد' })).toBeVisible();
  const finding = (text: string) => dialog.getByTestId('preflight-finding').filter({ hasText: text });
  for (const missing of [
    'لا أحد في استقبال الضيوف في هذه المحطة',
    'لا عنوان ولا رابط خريطة للسائقين',
    'لا هاتف: لا جوال المستقبِل ولا هاتف الموقع',
    'لا سيارات في هذه المحطة',
  ]) {
    await expect(finding(missing)).toContainText('مركز البلاغات 940');
    await expect(finding(missing)).toContainText('أدخله في محطات الجولة من محرر الجلسة');
  }
  await expect(finding('تنتهي المحطات بعد الوقت المحدد للجولة')).toContainText('11:20 → 11:30');
  // Nothing to type here: the focus is on the export, and Enter would export anyway.
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
  await expect(dialog.getByTestId('preflight-export')).toBeFocused();
  // The booked end, then where the stops take the tour: left to right in the Arabic dialog too.
  const times = finding('تنتهي المحطات بعد الوقت المحدد للجولة').locator('.preflight-text bdi');
  await expect(times).toHaveText('\u206611:20 → 11:30\u2069');
  const [booked, reached] = await times.evaluate((bdi) => {
    const text = bdi.firstChild as Text;
    const x = (part: string) => {
      const range = document.createRange();
      const at = (text.textContent ?? '').indexOf(part);
      range.setStart(text, at);
      range.setEnd(text, at + part.length);
      return range.getBoundingClientRect().left;
    };
    return [x('11:20'), x('11:30')];
  });
  expect(booked).toBeLessThan(reached ?? 0);
  await expect(page.getByTestId('export-status')).not.toContainText('حُفظ الملف:');
  await snap(page, 'ar-export-preflight-visit');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-status')).not.toContainText('حُفظ الملف:');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  // The English sheet: the stop's place has no English, and that one is typed here.
  await page.getByRole('radio', { name: 'English', exact: true }).check();
  await page.getByTestId('export-start').click();
  await expect(dialog.getByRole('heading', { name: 'Not entered yet' })).toBeVisible();
  await expect(finding('No one receives the guests at this stop')).toContainText('مركز البلاغات 940');
  await expect(finding('The stops run past the end of the tour')).toContainText('11:20 → 11:30');
  const place = finding("Stop's place");
  await expect(place).toContainText('مركز البلاغات 940');
  await snap(page, 'en-export-preflight-visit');
  await expect(place.getByRole('textbox')).toBeFocused();
  await page.keyboard.type('940 call centre');
  await page.keyboard.press('Enter');
  await expect(finding("Stop's place")).toHaveCount(0);
  const programme = await callApi<{ sessions: { stops: { placeEn: string }[] }[] }>(page, 'programme.get', {
    forumId: forum.id,
  });
  expect(programme.sessions[0]?.stops[0]?.placeEn).toBe('940 call centre');
  // Nothing left to type: the focus is back on the export.
  await expect(dialog.getByTestId('preflight-export')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-status')).toContainText('Saved:', { timeout: 30_000 });
});
