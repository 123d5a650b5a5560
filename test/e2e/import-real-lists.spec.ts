import { type CellValue, xlsxPackage } from '../support/xlsx-package';
import { expect, openApp, snap, test } from './fixtures';
import { createSeed002 } from './seed-002';

/**
 * A list as another department sends it, written by hand as package XML (not
 * by exceljs): a title, a group heading per delegation, the organisation
 * merged down over its people, a subtotal per group, a total, a footer, a
 * hidden civil-ID column, a row a filter hides, and an e-mail typo. The
 * coordinator sees what is set aside and why, corrects the typo in place, and
 * imports only the people, each with their organisation.
 */
// The coordinators' laptop.
test.use({ viewport: { width: 1366, height: 768 } });

async function delegationList(): Promise<Buffer> {
  const rows: CellValue[][] = [
    ['كشف وفود الملتقى الثاني'],
    ['م', 'الاسم', 'الرقم المدني', 'الجهة', 'البريد الإلكتروني', 'الجوال'],
    [null, 'وفد بلدية مسقط'],
    [1, 'أحمد بن سعيد البلوشي', '11112222', 'بلدية مسقط', 'ahmed@muscat.gov.om', '+968 9123 4567'],
    [2, 'سالم بن خميس المقبالي', '22223333', null, 'salim@@muscat.gov.om', 'جوال: +968 9234 5678'],
    [3, 'منى بنت راشد الكندية', '33334444', null, 'mona@muscat.gov.om', '+968 9345 6789 (واتساب)'],
    [null, 'المجموع', null, null, null, 3],
    [null, 'وفد بلدية صحار'],
    [4, 'مريم بنت علي الهاشمية', '44445555', 'بلدية صحار', 'maryam@sohar.gov.om', '+968 9456 7890'],
    [5, 'خالد بن ناصر الشحي', '55556666', 'بلدية صحار', 'khalid@sohar.gov.om', 'لا يوجد'],
    [null, 'الإجمالي', null, null, null, 5],
    ['إعداد: قسم العلاقات العامة والإعلام'],
  ];
  return xlsxPackage({
    sheets: [{ name: 'الوفود', rows, merges: ['D4:D6'], hiddenColumns: [3], hiddenRows: [10] }],
  });
}

test('import: rows that are not people set aside, a merged organisation, a hidden column, a typo fixed in place', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await createSeed002(page);
  await page.getByRole('button', { name: 'المسجلون', exact: true }).first().click();
  await page.getByRole('button', { name: 'استيراد جدول بيانات…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('اختيار ملف…').setInputFiles({
    name: 'كشف الوفود.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await delegationList(),
  });

  // The hidden civil-ID column is marked and left out of the mapping.
  const idColumn = dialog.getByLabel('حقل العمود «الرقم المدني»');
  await expect(idColumn).toHaveValue('ignore');
  await expect(dialog.locator('tr').filter({ hasText: 'الرقم المدني' })).toContainText('مخفي في الملف');

  const tabs = dialog.getByRole('tab');
  await expect(tabs.nth(0)).toContainText('3'); // أحمد، منى، مريم (خالد is on the row the filter hides)
  await expect(tabs.nth(1)).toContainText('1'); // سالم's e-mail
  await expect(tabs.nth(3)).toContainText('6'); // two headings, a subtotal, the total, the footer, the hidden row

  await tabs.nth(3).click();
  const rows = dialog.locator('.import-row');
  for (const reason of ['عنوان مجموعة', 'صف مجموع فرعي', 'صف إجمالي', 'تذييل', 'مخفي في الملف']) {
    await expect(rows.filter({ hasText: reason }).first()).toBeVisible();
  }
  await snap(page, 'ar-import-set-aside');

  // The typo, corrected where it is shown: Enter applies it, and the row joins those to add.
  await tabs.nth(1).click();
  await dialog.getByRole('button', { name: /salim@@muscat\.gov\.om/ }).click();
  const cell = dialog.getByLabel('صحّح البريد الإلكتروني في الصف 5');
  await expect(cell).toBeFocused();
  await cell.fill('salim@muscat.gov.om');
  await cell.press('Enter');
  await expect(tabs.nth(0)).toContainText('4');
  await expect(tabs.nth(1)).toContainText('0');
  await expect(dialog).toBeVisible();

  await dialog.getByRole('button', { name: 'استيراد 4 صفوف' }).click();
  await expect(dialog).toContainText('أُضيف: 4');
  await expect(dialog).toContainText('ليست أشخاصًا، تُركت: 6');
  await snap(page, 'ar-import-real-list-done');
  await dialog.getByRole('button', { name: 'إغلاق' }).click();

  const table = page.getByTestId('registrations-table');
  await expect(page.getByTestId('registration-row')).toHaveCount(4);
  // The organisation merged over the Muscat delegation's rows belongs to each of them.
  await expect(page.getByTestId('registration-row').filter({ hasText: 'بلدية مسقط' })).toHaveCount(3);
  await expect(table).not.toContainText('الإجمالي');
  await expect(table).not.toContainText('11112222');

  // The same list again, in English: everyone is now a duplicate by e-mail; the same rows are set aside.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('button', { name: 'Import a spreadsheet…' }).click();
  const again = page.getByRole('dialog');
  await again.getByLabel('Choose a file…').setInputFiles({
    name: 'delegations.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await delegationList(),
  });
  const enTabs = again.getByRole('tab');
  await expect(enTabs.nth(2)).toContainText('3');
  await enTabs.nth(3).click();
  await expect(again.locator('.import-row').filter({ hasText: 'Row 11' })).toContainText('Total row');
  await snap(page, 'en-import-set-aside');
  await enTabs.nth(2).click();
  await expect(again.locator('.import-row').filter({ hasText: 'e-mail matches' }).first()).toBeVisible();
  await snap(page, 'en-import-duplicates');
});
