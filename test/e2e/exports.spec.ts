import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { newSession } from '../../src/shared/domain/programme-edit';
import { emptyRegistrationInput, type RegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';
import { createSeed002, SEED_002 } from './seed-002';

/**
 * The exports journey: the seed 002 forum with a day of programme and a few
 * registrants (added through the app's own API, as the programme and
 * registrations screens would), then from "Print and export": the programme
 * in both languages side by side, the attendee lists, and badges. Each file
 * is downloaded and read back.
 */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const DAY = '2026-12-04';
const AT_NINE = { day: DAY, start: 540, end: 600 };

async function seedProgrammeAndRegistrants(page: Page): Promise<void> {
  const forums = (await callApi(page, 'forums.list', undefined)) as { id: string }[];
  const forumId = forums[0]?.id ?? '';
  await callApi(page, 'programme.saveHall', {
    forumId,
    hall: { id: uuid(1), nameAr: 'قاعة عمان', nameEn: 'Oman Hall', capacity: 250 },
  });
  await callApi(page, 'programme.saveSessions', {
    forumId,
    sessions: [
      newSession(uuid(10), {
        ...AT_NINE,
        kind: 'opening',
        titleAr: 'حفل الافتتاح',
        titleEn: 'Opening ceremony',
        hallId: uuid(1),
      }),
      newSession(uuid(11), {
        day: DAY,
        kind: 'coffee_break',
        titleAr: 'استراحة قهوة',
        titleEn: 'Coffee break',
        start: 600,
        end: 630,
      }),
      newSession(uuid(12), {
        day: DAY,
        kind: 'workshop',
        titleAr: 'ورشة عمل: الخدمات البلدية الرقمية',
        titleEn: 'Workshop: digital municipal services',
        start: 630,
        end: 720,
        hallId: uuid(1),
      }),
    ],
  });
  const registrants: Partial<RegistrationInput>[] = [
    {
      fullName: 'خالد بن سالم الحسني',
      honorific: 'saada',
      title: 'doctor',
      gender: 'male',
      category: 'speaker',
      organisation: 'بلدية مسقط',
      mobile: '+968 9123 4567',
    },
    {
      fullName: 'فاطمة بنت علي البلوشية',
      title: 'engineer',
      gender: 'female',
      organisation: 'بلدية صحار',
      email: 'fatma@sohar.gov.om',
    },
    { fullName: '=HYPERLINK("http://evil.example","x")', organisation: 'بلدية صحار' },
  ];
  for (const fields of registrants) {
    await callApi(page, 'registrations.save', { forumId, registration: { ...emptyRegistrationInput(), ...fields } });
  }
}

async function exportAndDownload(page: Page, name: string, extension: 'docx' | 'xlsx'): Promise<Buffer> {
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('حُفظ الملف:', { timeout: 30_000 });
  await expect(page.getByTestId('export-status')).toContainText(`.${extension}`);
  await snap(page, name);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const download = await downloading;
  return readFile(await download.path());
}

test('prints the programme, the attendee lists and badges of seed 002', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await createSeed002(page);
  await seedProgrammeAndRegistrants(page);

  await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await expect(page.getByRole('heading', { name: /طباعة وتصدير/ })).toBeVisible();

  // The programme, both languages side by side.
  await page.getByTestId('programme-language').getByLabel('العربية والإنجليزية').check();
  await page.getByTestId('programme-layout').getByLabel('جنبًا إلى جنب').check();
  const docx = await JSZip.loadAsync(await exportAndDownload(page, 'ar-export-programme', 'docx'));
  const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
  expect(xml).toContain(SEED_002.titleAr);
  expect(xml).toContain(SEED_002.titleEn);
  expect(xml).toContain('<w:bidiVisual/>');
  expect(xml).toContain('ورشة عمل: الخدمات البلدية الرقمية');
  expect(xml).toContain('Workshop: digital municipal services');
  expect(Object.keys(docx.files).some((f) => f.endsWith('.odttf'))).toBe(true);

  // The attendee lists: right to left, Arabic sheet names, the formula kept as text.
  await page.getByRole('tab', { name: 'كشوف الحضور (Excel)' }).click();
  // The programme's outcome belongs to its tab.
  await expect(page.getByTestId('export-status')).not.toContainText('حُفظ الملف:');
  const workbook = new ExcelJS.Workbook();
  const xlsx = await exportAndDownload(page, 'ar-export-attendees', 'xlsx');
  await workbook.xlsx.load(Uint8Array.from(xlsx).buffer);
  expect(workbook.worksheets.length).toBeGreaterThan(1);
  expect(workbook.worksheets[0]?.views[0]?.rightToLeft).toBe(true);
  const cells = workbook.worksheets.flatMap((sheet) =>
    sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])),
  );
  expect(cells).toContain('=HYPERLINK("http://evil.example","x")');
  expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);

  // Badges: a Word file with a Code 128 and a QR code per badge (three badges).
  await page.getByRole('tab', { name: 'بطاقات التعريف (Word)' }).click();
  const badges = await JSZip.loadAsync(await exportAndDownload(page, 'ar-export-badges', 'docx'));
  expect(Object.keys(badges.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(6);

  // The same page in English: certificates for the workshop, signed by the chairman.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('tab', { name: 'Certificates (Word)' }).click();
  await page.getByLabel('Certificates for').selectOption({ label: 'Workshop: digital municipal services' });
  await page.getByLabel('Only those checked in').uncheck();
  await page.getByLabel("Signer's name").fill('م. سالم بن سعيد المقبالي');
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('Saved:');
  await snap(page, 'en-export-certificates');
});

test('the coordinator chooses who gets a certificate, one by one, over the rule', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await createSeed002(page);
  await seedProgrammeAndRegistrants(page);
  const forums = (await callApi(page, 'forums.list', undefined)) as { id: string }[];
  // A minister: not given a certificate of attendance by the rule.
  await callApi(page, 'registrations.save', {
    forumId: forums[0]?.id ?? '',
    registration: {
      ...emptyRegistrationInput(),
      fullName: 'محسن بن محمد الشيخ',
      honorific: 'maali',
      title: 'engineer',
      gender: 'male',
      category: 'vip',
      organisation: 'بلدية مسقط',
    },
  });

  await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'شهادات الحضور (Word)' }).click();
  await page.getByLabel('من سُجّل حضورهم فقط').uncheck();
  const recipients = page.getByTestId('certificate-recipients');
  // The rule: the two participants, not the speaker nor the minister.
  await expect(recipients.locator('legend')).toHaveText('من يحصل على شهادة: 2 من 4');
  const minister = recipients.getByRole('checkbox', { name: /معالي المهندس محسن بن محمد الشيخ/ });
  const fatma = recipients.getByRole('checkbox', { name: /فاطمة بنت علي البلوشية/ });
  await expect(minister).not.toBeChecked();
  await expect(fatma).toBeChecked();
  // From the keyboard: the minister ticked, فاطمة unticked.
  await minister.focus();
  await page.keyboard.press('Space');
  await fatma.focus();
  await page.keyboard.press('Space');
  await expect(minister).toBeChecked();
  await expect(fatma).not.toBeChecked();
  await expect(recipients.locator('legend')).toHaveText('من يحصل على شهادة: 2 من 4');
  // A search narrows the list; a typo finds no one, and says so.
  const search = recipients.getByRole('searchbox');
  await search.fill('خالد');
  await expect(recipients.getByRole('checkbox')).toHaveCount(1);
  await search.fill('خالدز');
  await expect(recipients).toContainText('لا أحد يطابق البحث.');
  await search.fill('');
  await page.setViewportSize({ width: 1366, height: 768 });
  await snap(page, 'ar-export-certificate-recipients');

  await page.getByLabel('اسم المعتمِد').fill('م. سالم بن سعيد المقبالي');
  const docx = await JSZip.loadAsync(await exportAndDownload(page, 'ar-export-certificates-chosen', 'docx'));
  const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
  expect(xml).toContain('محسن بن محمد الشيخ');
  expect(xml).toContain('HYPERLINK');
  expect(xml).not.toContain('فاطمة');
  expect(xml).not.toContain('خالد');

  // The choice outlives a reload; going back to the rule undoes it.
  await page.reload();
  await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
  await page.getByRole('tab', { name: 'شهادات الحضور (Word)' }).click();
  await expect(recipients.getByRole('checkbox', { name: /فاطمة بنت علي البلوشية/ })).not.toBeChecked();
  await recipients.getByRole('button', { name: 'العودة إلى الشرط وحده (إلغاء 2 تغيير)' }).click();
  await expect(recipients.getByRole('checkbox', { name: /فاطمة بنت علي البلوشية/ })).toBeChecked();
  await expect(recipients.getByRole('checkbox', { name: /محسن بن محمد الشيخ/ })).not.toBeChecked();
  await expect(recipients.getByRole('button')).toHaveCount(0);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(recipients.locator('legend')).toHaveText('Who gets one: 2 of 4');
  await snap(page, 'en-export-certificate-recipients');
});
