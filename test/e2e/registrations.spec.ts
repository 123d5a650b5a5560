import ExcelJS from 'exceljs';
import { expect, openApp, snap, test } from './fixtures';
import { createSeed002 } from './seed-002';

/**
 * The registrations journey: a messy Arabic registrants' workbook (a title row, merged
 * group headings above the header, a Google Forms timestamp column, one person
 * spelled two ways, a bad e-mail, a column the automatic mapping cannot know)
 * is imported after fixing that column's mapping; the rejected and duplicate
 * rows are seen first. Then an Arabic search, and a check-in by badge code at
 * the door, undone.
 */
async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('تعليمات').addRow(['يرجى تعبئة الورقة التالية']);
  const sheet = workbook.addWorksheet('المسجلون');
  sheet.addRow(['كشف المسجلين في الملتقى الثاني لتبادل الخبرات']);
  sheet.mergeCells('A1:G1');
  sheet.addRow(['', 'البيانات الشخصية', '', 'بيانات التواصل', '', 'المشاركة', '']);
  sheet.mergeCells('B2:C2');
  sheet.mergeCells('D2:E2');
  sheet.mergeCells('F2:G2');
  sheet.addRow(['Timestamp', 'الاسم', 'جهة العمل', 'البريد الإلكتروني', 'رقم الجوال', 'يحضر بصفة', 'المدينة']);
  const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9, 15));
  sheet.addRow([
    at(1),
    'د. أحمد بن علي الحارثي',
    'أمانة المنطقة الشرقية',
    'Ahmed@Eastern.gov.sa',
    551234567,
    'متحدث',
    'الدمام',
  ]);
  sheet.addRow([at(2), 'فاطمة الزهراني', 'بلدية صحار', 'fatima@@sohar', '0502345678', 'مشارك', 'صحار']);
  sheet.addRow([at(3), 'احمد بن علي الحارثى', 'أمانة المنطقة الشرقية', '', '', 'متحدث', 'الدمام']);
  sheet.addRow([
    at(4),
    'نورة القحطانية',
    'وزارة الشؤون البلدية والقروية',
    'noura@momra.gov.sa',
    '٠٥٠١٢٣٤٥٦٧',
    'إعلامي',
    'الرياض',
  ]);
  sheet.addRow([
    at(5),
    'Kim Min-jun',
    'Seoul Metropolitan Government',
    'kim@seoul.go.kr',
    '+82 10 1234 5678',
    'كبار الشخصيات',
    'سيؤول',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('registrations: import a messy sheet, search in Arabic, check in by code and undo', async ({ page, server }) => {
  await openApp(page, server);
  await createSeed002(page);
  await page.getByRole('button', { name: 'المسجلون', exact: true }).first().click();
  await expect(page.getByTestId('registrations-page')).toBeVisible();

  await page.getByRole('button', { name: 'استيراد جدول بيانات…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('اختيار ملف…').setInputFiles({
    name: 'كشف المسجلين.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await messyWorkbook(),
  });

  // The instructions sheet is passed over, and the header found under the title and the merged headings.
  await expect(dialog.locator('#import-sheet')).toHaveValue('المسجلون');
  await expect(dialog.locator('#import-header-row')).toHaveValue('3');
  await expect(dialog).toContainText('نماذج Google');
  const roleColumn = dialog.getByLabel('حقل العمود «يحضر بصفة»');
  await expect(roleColumn).toHaveValue('notes');
  await roleColumn.selectOption('category');
  await expect(roleColumn).toHaveValue('category');

  const tabs = dialog.getByRole('tab');
  await expect(tabs.nth(0)).toContainText('3'); // أحمد، نورة، Kim
  await expect(tabs.nth(1)).toContainText('1');
  await expect(tabs.nth(2)).toContainText('1');
  await tabs.nth(1).click();
  // The preview and the import report name a problem in the same words.
  await expect(dialog.locator('.import-row')).toContainText('بريد إلكتروني غير صحيح');
  await expect(dialog.locator('.import-row')).toContainText('fatima@@sohar');
  await snap(page, 'ar-import-rejected');
  await tabs.nth(2).click();
  // Spelled without the hamza and with ى: the same man as row 4 of the file.
  await expect(dialog.locator('.import-row')).toContainText('احمد بن علي الحارثى');
  await expect(dialog.locator('.import-row')).toContainText('الصف 4');
  // Matched by name alone: to be looked at, both records side by side, before the import can go on.
  await expect(dialog.getByRole('button', { name: 'قرّر في المطابقات بالاسم أولًا (بقي 1)' })).toBeDisabled();
  await snap(page, 'ar-import-duplicates');
  await dialog.getByLabel('ماذا نفعل بالصف 6').selectOption('skip');
  await dialog.getByRole('button', { name: 'استيراد 3 صفوف' }).click();
  await expect(dialog).toContainText('أُضيف: 3');
  await expect(dialog).toContainText('رُفض: 1');
  await snap(page, 'ar-import-done');
  await dialog.getByRole('button', { name: 'إغلاق' }).click();

  const rows = page.getByTestId('registration-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('registrations-table')).toContainText('متحدث');

  // Searching in Arabic folds the hamza and ta marbuta: "احمد الحارثي" finds "أحمد ... الحارثي".
  await page.getByRole('searchbox').fill('احمد الحارثي');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('أحمد بن علي الحارثي');
  const code = (await rows.first().locator('td').nth(1).innerText()).trim();
  expect(code).toMatch(/^\d{5}$/);
  await snap(page, 'ar-registrations-search');

  // At the door: the scanner types the badge code and Enter.
  await page.getByRole('button', { name: 'شاشة تسجيل الحضور' }).click();
  const box = page.getByTestId('checkin-page').getByRole('combobox');
  await expect(box).toBeFocused();
  await box.fill(code);
  await box.press('Enter');
  await expect(page.getByTestId('checkin-outcome')).toContainText('أحمد بن علي الحارثي');
  await expect(page.getByTestId('checkin-progress')).toContainText('حضر 1 من 3');
  await expect(box).toBeFocused();
  await snap(page, 'ar-checkin');
  await page.getByTestId('recent-checkin').getByRole('button').first().click();
  await expect(page.getByTestId('checkin-progress')).toContainText('حضر 0 من 3');
});
