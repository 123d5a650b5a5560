import { expect, openApp, snap, test } from './fixtures';

/** The shared directory: organisations, a photo, merging two records of one person, delete and undo. */

// A 2×2 red PNG: the photo goes through the renderer's resize to a JPEG before core keeps it.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test('people: organisation, photo, merge two spellings of one name, delete and undo', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();

  await page.getByRole('tab', { name: 'الجهات' }).click();
  await page.getByRole('button', { name: 'إضافة جهة' }).click();
  await page.locator('#org-nameAr').fill('أمانة المنطقة الشرقية');
  await page.locator('#org-nameEn').fill('Eastern Province Municipality');
  await page.locator('#org-city').fill('الدمام');
  await page.locator('#org-country').fill('السعودية');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('organisations-table')).toContainText('أمانة المنطقة الشرقية');

  await page.getByRole('tab', { name: 'الأشخاص' }).click();
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.locator('#person-honorific').selectOption('saada');
  await page.locator('#person-title').selectOption('engineer');
  await page.locator('#person-nameAr').fill('جمال بن ناصر الملحم');
  await page.locator('#person-positionAr').fill('وكيل أمين المنطقة الشرقية للتعمير والمشاريع');
  await page.locator('#person-organisation').selectOption({ label: 'أمانة المنطقة الشرقية' });
  await page.locator('#person-email').fill('Jamal@Example.SA');
  await page.locator('#person-mobile').fill('+966 55 123 4567');
  await page.getByTestId('photo-input').setInputFiles({ name: 'jamal.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.locator('.photo-field img')).toBeVisible();
  await expect(page.getByTestId('printed-name')).toContainText('سعادة المهندس جمال بن ناصر الملحم');
  await page.getByRole('button', { name: 'حفظ' }).click();
  const table = page.getByTestId('people-table');
  await expect(table).toContainText('سعادة المهندس جمال بن ناصر الملحم');
  await expect(table).toContainText('jamal@example.sa'); // e-mails are kept lower-case

  // The photo was kept (as a resized JPEG) and comes back when the record is opened again.
  await page.getByRole('button', { name: 'سعادة المهندس جمال بن ناصر الملحم' }).click();
  await expect(page.locator('.photo-field img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await page.getByRole('button', { name: 'إلغاء' }).click();

  // A second record of the same man, typed another way; the search finds both.
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.locator('#person-nameAr').fill('جمال بن ناصر الملحم');
  await page.locator('#person-nameEn').fill('Jamal Al-Mulhim');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await page.getByRole('searchbox').fill('جمال الملحم');
  await expect(page.getByTestId('person-row')).toHaveCount(2);
  for (const box of await page.getByTestId('person-row').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'دمج السجلين المحددين' }).click();
  await page.getByRole('dialog').getByRole('radio').first().check();
  await snap(page, 'ar-people-merge');
  await page.getByRole('button', { name: 'دمج', exact: true }).click();
  await expect(page.getByTestId('person-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'سعادة المهندس جمال بن ناصر الملحم' }).click();
  await expect(page.locator('#person-nameEn')).toHaveValue('Jamal Al-Mulhim'); // filled from the other record
  await page.getByRole('button', { name: 'إلغاء' }).click();

  // Delete, then undo from the message.
  await page.getByTestId('person-row').getByRole('button', { name: 'حذف' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'حذف' }).click();
  await expect(page.getByTestId('person-row')).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'تراجع' }).click();
  await expect(page.getByTestId('person-row')).toHaveCount(1);
  await snap(page, 'ar-people-after-undo');
});
