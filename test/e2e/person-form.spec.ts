import type { Page } from '@playwright/test';
import { expect, openApp, snap, test } from './fixtures';

/**
 * The person form as a coordinator fills it on a 1366×768 laptop: the
 * printed name says each language once, the "type the name" message goes as
 * the name is typed, and a missing organisation is added without leaving the
 * form (by keyboard, with Escape and Enter kept to the small form, undoable).
 */
test.use({ viewport: { width: 1366, height: 768 } });

async function openNewPerson(page: Page, lang: 'ar' | 'en' = 'ar') {
  await page.getByRole('button', { name: lang === 'ar' ? 'الأشخاص' : 'People', exact: true }).click();
  await page.getByRole('button', { name: lang === 'ar' ? 'إضافة شخص' : 'Add person' }).click();
  await expect(page.locator('#person-nameAr')).toBeVisible();
}

test('the printed name says each language once, and the missing-name message goes as the name is typed', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await openNewPerson(page);
  const printed = page.getByTestId('printed-name');
  const form = page.locator('form.person-form');

  await form.getByRole('button', { name: 'حفظ' }).click();
  const message = form.getByText('اكتب الاسم (بالعربية أو بالإنجليزية).');
  await expect(message).toBeVisible();
  await expect(page.locator('#person-nameAr')).toBeFocused();
  await page.keyboard.type('هدى');
  await expect(message).toBeHidden();
  await expect(page.locator('#person-nameAr')).toHaveAttribute('aria-invalid', 'false');

  // Only an Arabic name: said once, not «هدى الشمري · هدى الشمري».
  await page.keyboard.type(' الشمري');
  await expect(printed).toHaveText('يُطبع هكذا: هدى الشمري');
  // An English one too: both, each once.
  await page.locator('#person-nameEn').fill('Huda Al-Shammari');
  await expect(printed).toHaveText('يُطبع هكذا: هدى الشمري · Huda Al-Shammari');

  // The English name alone answers the message as well.
  await page.locator('#person-nameAr').fill('');
  await page.locator('#person-nameEn').fill('');
  await form.getByRole('button', { name: 'حفظ' }).click();
  await expect(message).toBeVisible();
  await page.locator('#person-nameEn').pressSequentially('Huda');
  await expect(message).toBeHidden();
  await expect(printed).toHaveText('يُطبع هكذا: Huda');
});

test('an organisation is added from inside the person form, by keyboard, chosen at once and undoable', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await openNewPerson(page);
  const form = page.locator('form.person-form');
  await page.locator('#person-nameAr').fill('هدى بنت فهد الشمري');

  const opener = form.getByRole('button', { name: '+ جهة جديدة' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const create = page.getByTestId('organisation-create');
  const nameAr = create.getByLabel('الاسم بالعربية');
  await expect(nameAr).toBeFocused();

  // Enter with no name: refused in words, nothing added, focus on the name; the person's form stays.
  await page.keyboard.press('Enter');
  await expect(create.getByText('اكتب الاسم (بالعربية أو بالإنجليزية).')).toBeVisible();
  await expect(nameAr).toBeFocused();
  await expect(form).toBeVisible();
  await expect(page.locator('#person-organisation option')).toHaveCount(1);

  // Escape closes the small form alone, focus back on its button, nothing asked.
  await page.keyboard.press('Escape');
  await expect(create).toBeHidden();
  await expect(page.getByTestId('unsaved-question')).toBeHidden();
  await expect(form).toBeVisible();
  await expect(opener).toBeFocused();

  // Typed in full and added with Enter: chosen in the select, which takes the focus; the person is not saved yet.
  await page.keyboard.press('Enter');
  await page.keyboard.type('أمانة منطقة الرياض');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Riyadh Region Municipality');
  await snap(page, 'laptop-ar-person-organisation-create');
  await page.keyboard.press('Enter');
  await expect(create).toBeHidden();
  const select = page.locator('#person-organisation');
  await expect(select.locator('option:checked')).toHaveText('أمانة منطقة الرياض');
  await expect(select).toBeFocused();
  await expect(form).toBeVisible();
  const toast = page.getByRole('status').filter({ hasText: 'أُضيفت أمانة منطقة الرياض.' });
  await expect(toast).toBeVisible();

  // Undone from the toast: the organisation is gone again.
  await toast.getByRole('button', { name: 'تراجع' }).click();
  await expect(select.locator('option')).toHaveCount(1);

  // Added once more, then the person saved with it.
  await opener.click();
  await nameAr.fill('أمانة منطقة الرياض');
  await create.getByRole('button', { name: 'إضافة هذه الجهة' }).click();
  await expect(select.locator('option:checked')).toHaveText('أمانة منطقة الرياض');
  await form.getByRole('button', { name: 'حفظ' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('people-table')).toContainText('أمانة منطقة الرياض');
  await snap(page, 'laptop-ar-people-after-create');

  // In English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openNewPerson(page, 'en');
  await page.getByRole('button', { name: '+ New organisation' }).click();
  await expect(page.getByTestId('organisation-create').getByLabel('Name in Arabic')).toBeFocused();
  await snap(page, 'laptop-en-person-organisation-create');
});
