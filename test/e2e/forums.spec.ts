import { hijriMonthLength } from '../../src/shared/calendar/hijri';
import { expect, openApp, snap, test } from './fixtures';
import { createSeed002, SEED_002 } from './seed-002';

/** The coordinator's first journey, in Chromium through browser mode. */

test('opens in Arabic, right to left, with the bundled Arabic font', async ({ page, server }) => {
  await openApp(page, server);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'الفعاليات' })).toBeVisible();
  const fontLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px "Noto Sans Arabic"', 'ملتقى');
  });
  expect(fontLoaded).toBe(true);
});

test('bad input gets clear messages and saves nothing', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  // Empty title.
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('اكتب عنوان الفعالية (بالعربية أو بالإنجليزية).')).toBeVisible();
  // Last day before first day.
  await page.locator('#forum-titleAr').fill('ورشة عمل رؤية الوزارة');
  await page.getByTestId('forum-firstDay-gregorian').fill('05/08/2015');
  await page.getByTestId('forum-lastDay-gregorian').fill('04/08/2015');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('اليوم الأخير قبل اليوم الأول.')).toBeVisible();
  // An edition typed as a word, not a number: refused with a sentence, the box marked and focused.
  await page.getByTestId('forum-lastDay-gregorian').fill('05/08/2015');
  await page.locator('#forum-editionNumber').fill('الثاني');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('اكتب رقم الدورة عددًا من ١ إلى ٩٩٩ (٢ للملتقى الثاني)، أو اتركه فارغًا.')).toBeVisible();
  await expect(page.locator('#forum-editionNumber')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#forum-editionNumber')).toBeFocused();
  await page.locator('#forum-editionNumber').fill('1000');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.locator('#forum-editionNumber')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#forum-editionNumber').fill('');
  // A Hijri day that does not exist: day 30 of a 29-day month.
  const shortMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((m) => hijriMonthLength(1447, m) === 29);
  await page.getByTestId('forum-firstDay-hijri').fill(`30/${shortMonth}/1447`);
  await page.getByTestId('forum-firstDay-hijri').press('Enter');
  await expect(page.getByText('هذا التاريخ الهجري غير موجود في تقويم أم القرى.')).toBeVisible();
  await expect(page.getByTestId('forum-firstDay-gregorian')).toHaveValue('05/08/2015');
  // Wednesday 20/10/1436 is 5 August 2015 (the Dammam workshop of seed 001).
  await expect(page.getByTestId('forum-firstDay-both')).toContainText('الأربعاء 20 شوال 1436');
  await snap(page, 'ar-form-errors');
  await page.getByRole('button', { name: 'إلغاء' }).click();
  // What was typed is unsaved: leaving asks first.
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(page.getByText('لا توجد فعاليات بعد. أنشئ أول فعالية لتبدأ.')).toBeVisible();
});

test('seed 002: create, edit, both calendars, English and back, delete and undo, reload', async ({ page, server }) => {
  await openApp(page, server);
  await createSeed002(page, (name) => snap(page, name));

  const card = page.getByRole('article', { name: SEED_002.titleAr, exact: true });
  await expect(card).toBeVisible();
  await expect(card).toContainText(SEED_002.slogan);
  await expect(card.locator('.edition')).toHaveText('الملتقى الثاني');
  // Both calendars on the list: Umm al-Qura first (the default), then Gregorian.
  await expect(card.getByTestId('forum-dates')).toContainText('24–25 جمادى الآخرة 1448هـ');
  await expect(card.getByTestId('forum-dates')).toContainText('4–5 ديسمبر 2026م');
  await expect(card).toContainText('قاعة عمان، فندق شيراتون عمان، مسقط، سلطنة عمان');
  await expect(card).toContainText('الحضور المتوقع: 200');
  await snap(page, 'ar-home');

  // Edit: about 200 participants became 220.
  await card.getByRole('button', { name: 'تعديل' }).click();
  await expect(page.getByRole('heading', { name: 'تعديل الفعالية' })).toBeVisible();
  await expect(page.locator('#forum-titleAr')).toHaveValue(SEED_002.titleAr);
  await page.locator('#forum-expectedAttendance').fill('220');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('حُفظت التعديلات.')).toBeVisible();
  await expect(card).toContainText('الحضور المتوقع: 220');

  // English: the whole page flips, the card shows the English title and dates.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: /Events/ })).toBeVisible();
  const enCard = page.getByRole('article', { name: SEED_002.titleEn, exact: true });
  await expect(enCard.getByTestId('forum-dates')).toContainText('4–5 December 2026');
  await expect(enCard.getByTestId('forum-dates')).toContainText('1448 AH');
  await expect(enCard.locator('.edition')).toHaveText('2nd Forum');
  await snap(page, 'en-home');
  await enCard.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit event' })).toBeVisible();
  await snap(page, 'en-forum-form');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  // Duplicate, then delete the copy with confirmation, and undo.
  await card.getByRole('button', { name: 'نسخ' }).click();
  const copy = page.getByRole('article', { name: `${SEED_002.titleAr} (نسخة)` });
  await expect(copy).toBeVisible();
  await expect(copy).toContainText('مسودة');
  await copy.getByRole('button', { name: 'حذف' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('حذف الفعالية؟');
  await dialog.getByRole('button', { name: 'إلغاء' }).click();
  await expect(copy).toBeVisible();
  await copy.getByRole('button', { name: 'حذف' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'حذف' }).click();
  await expect(copy).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'تراجع' }).click();
  await expect(copy).toBeVisible();
  // Delete it again for good, undo with the keyboard this time.
  await copy.getByRole('button', { name: 'حذف' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'حذف' }).click();
  await expect(copy).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(copy).toBeVisible();

  // Search with Arabic normalisation: "صحار" typed "صحار", "مسقط" with an alef variant.
  await page.getByPlaceholder('ابحث بالعنوان أو الشعار أو المكان…').fill('الملتقي الثانى');
  await expect(page.getByTestId('forum-card')).toHaveCount(2);
  await page.getByLabel('الحالة').selectOption('published');
  await expect(page.getByTestId('forum-card')).toHaveCount(1);
  await page.getByLabel('النوع').selectOption('workshop');
  await expect(page.getByText('لا توجد فعاليات تطابق البحث.')).toBeVisible();
  await page.getByLabel('النوع').selectOption('all');
  await page.getByLabel('الحالة').selectOption('all');
  await page.getByPlaceholder('ابحث بالعنوان أو الشعار أو المكان…').fill('');

  // Everything is kept: reload the page, then restart the server on the same folder.
  await page.reload();
  await expect(card).toContainText('الحضور المتوقع: 220');
  await server.restart();
  await openApp(page, server);
  await expect(page.getByTestId('forum-card')).toHaveCount(2);
  await card.getByRole('button', { name: 'تعديل' }).click();
  for (const [id, value] of [
    ['#forum-titleEn', SEED_002.titleEn],
    ['#forum-slogan', SEED_002.slogan],
    ['#forum-patron', SEED_002.patron],
    ['#forum-venue-hotel', SEED_002.hotel],
    ['#forum-expectedAttendance', '220'],
  ] as const) {
    await expect(page.locator(id)).toHaveValue(value);
  }
  await expect(page.locator('#forum-status')).toHaveValue('published');
  await expect(page.locator('#forum-objectives li input[data-list-item]')).toHaveCount(3);
  await expect(page.locator('#forum-organisers li input[data-list-item]').nth(1)).toHaveValue('بلدية صحار');
  await expect(page.getByTestId('forum-firstDay-gregorian')).toHaveValue('04/12/2026');
});

test('settings: digits, calendar order and language are remembered', async ({ page, server }) => {
  await openApp(page, server);
  await createSeed002(page);
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await expect(page.getByTestId('data-folder')).toHaveText(server.dataDir);
  await page.getByTestId('setting-digits').getByLabel('عربية هندية ٠١٢٣').check();
  await page.getByTestId('setting-primaryCalendar').getByLabel('ميلادي').check();
  await page
    .getByTestId('setting-gregorianMonthNames')
    .getByLabel(/كانون الأول/)
    .check();
  await snap(page, 'ar-settings');
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  const dates = page.getByTestId('forum-dates');
  // Gregorian first now, Levantine month name, Arabic-Indic digits.
  await expect(dates.locator('.dates-primary')).toHaveText('٤–٥ كانون الأول ٢٠٢٦م');
  await expect(dates.locator('.dates-secondary')).toContainText('١٤٤٨هـ');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { name: /Events/ })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('setting-digits').getByLabel('Arabic-Indic ٠١٢٣')).toBeChecked();
  await snap(page, 'en-settings');
});

test('two settings chosen one after the other stay chosen while the first is still being saved', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  // The first choice's answer comes late (a busy disk): it must not take the second choice back.
  let first = true;
  let lateAnswerGiven: () => void = () => {};
  const lateAnswer = new Promise<void>((resolve) => {
    lateAnswerGiven = resolve;
  });
  await page.route('**/api/settings.update', async (route) => {
    if (!first) return route.continue();
    first = false;
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.fulfill({ response });
    lateAnswerGiven();
  });
  const indic = page.getByTestId('setting-digits').getByLabel('عربية هندية ٠١٢٣');
  const gregorian = page.getByTestId('setting-primaryCalendar').getByLabel('ميلادي');
  await indic.check();
  await gregorian.check();
  await lateAnswer;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await expect(indic).toBeChecked();
  await expect(gregorian).toBeChecked();
  await page.unroute('**/api/settings.update');
  await page.reload();
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await expect(indic).toBeChecked();
  await expect(gregorian).toBeChecked();
});

test("organisers' logos: add, reorder from the keyboard, remove, kept in order", async ({ page, server }) => {
  // Two small PNGs (a red 2×2, a grey 1×1): the renderer resizes each to a JPEG before core keeps it.
  const png = (base64: string, name: string) => ({
    name,
    mimeType: 'image/png',
    buffer: Buffer.from(base64, 'base64'),
  });
  const red = png(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'red.png',
  );
  const grey = png(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'grey.png',
  );
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').fill('ملتقى الشعارات');
  const logos = page.getByTestId('forum-logo');
  const logoInput = page.getByTestId('forum-logo-input');
  await logoInput.setInputFiles(red);
  await expect(logos).toHaveCount(1);
  await logoInput.setInputFiles(grey);
  await expect(logos).toHaveCount(2);
  const sources = () => logos.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
  const [first, second] = await sources();
  expect(first).toMatch(/^data:image\/jpeg;base64,/);
  expect(first).not.toBe(second);

  // From the keyboard: move the first logo later; focus follows it, onto "earlier" since it is now last.
  await page.getByRole('button', { name: 'تأخير الشعار 1' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(sources).toEqual([second, first]);
  await expect(page.getByRole('button', { name: 'تقديم الشعار 2' })).toBeFocused();
  await snap(page, 'ar-forum-logos');
  await page.getByRole('button', { name: 'حفظ' }).click();

  const card = page.getByRole('article', { name: 'ملتقى الشعارات', exact: true });
  await card.getByRole('button', { name: 'تعديل' }).click();
  await expect(logos).toHaveCount(2);
  // Loaded back from the data folder, in the saved order.
  await expect.poll(sources).toEqual([second, first]);
  await page.getByRole('button', { name: 'حذف الشعار 1' }).click();
  await expect(logos).toHaveCount(1);
  await page.getByRole('button', { name: 'حفظ' }).click();
  await card.getByRole('button', { name: 'تعديل' }).click();
  await expect.poll(sources).toEqual([first]);
});
