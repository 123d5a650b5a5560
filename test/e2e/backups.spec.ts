import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';
import { createSeed002, SEED_002 } from './seed-002';

/**
 * The backups journey: the seed 002 forum with two registrants; a backup now;
 * the forum renamed and its registrants deleted; the forum restored from the
 * backup, its old title and registrants back. Then the forum exported as a
 * handover file (.multaqa) from "Print and export", imported through the
 * forums page as a new forum (and the import undone), and a junk file named
 * .multaqa refused in words. Last, the backups folder setting refuses a
 * relative path and takes an absolute one.
 */

interface ForumRecord {
  id: string;
  titleAr: string;
  createdAt: string;
  updatedAt: string;
}

const RENAMED = 'ملتقى بعنوان معدّل';
const REGISTRANTS = ['خالد بن سالم الحسني', 'فاطمة بنت علي البلوشية'];

async function registrantNames(page: Page, forumId: string): Promise<string[]> {
  const list = await callApi<{ fullName: string }[]>(page, 'registrations.list', { forumId });
  return list.map((r) => r.fullName).sort();
}

test('backs up, restores a forum, hands a forum over and refuses a junk file', async ({ page, server }) => {
  test.setTimeout(180_000);
  const downloads = await mkdtemp(path.join(os.tmpdir(), 'multaqa-handover-'));
  try {
    await openApp(page, server);
    await createSeed002(page);
    const [forum] = await callApi<ForumRecord[]>(page, 'forums.list');
    if (!forum) throw new Error('the forum was not created');
    await callApi(page, 'registrations.save', {
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), fullName: REGISTRANTS[0], organisation: 'بلدية مسقط' },
    });
    await callApi(page, 'registrations.save', {
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), fullName: REGISTRANTS[1], email: 'fatma@sohar.gov.om' },
    });

    // A backup now: listed newest first, chosen, and its preview names the forum with its two registrants.
    await page.getByRole('button', { name: 'النسخ الاحتياطية' }).click();
    await expect(page.getByRole('heading', { name: 'النسخ الاحتياطية', level: 1 })).toBeVisible();
    await page.getByTestId('backup-now').click();
    await expect(page.getByText('حُفظت نسخة احتياطية.')).toBeVisible();
    const manual = page.getByTestId('backup-row').filter({ hasText: 'نسخة طلبتها' });
    await expect(manual).toHaveCount(1);
    await expect(manual).toContainText('الفعاليات: 1 · المسجلون: 2');
    await expect(manual.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    const preview = page.getByTestId('backup-preview');
    await expect(preview.getByTestId('backup-forum')).toContainText(SEED_002.titleAr);
    await expect(preview.getByTestId('backup-forum')).toContainText('المسجلون: 2');
    await snap(page, 'ar-backups');

    // Change things: the forum renamed, its registrants deleted.
    const { id, createdAt, updatedAt, ...input } = forum;
    await callApi(page, 'forums.update', { id, input: { ...input, titleAr: RENAMED } });
    const registrations = await callApi<{ id: string }[]>(page, 'registrations.list', { forumId: forum.id });
    await callApi(page, 'registrations.delete', { forumId: forum.id, ids: registrations.map((r) => r.id) });
    expect(await registrantNames(page, forum.id)).toEqual([]);
    await page.reload();
    await expect(page.getByRole('heading', { name: RENAMED })).toBeVisible();

    // Restore the forum from the backup: asked first, then the old title and registrants are back.
    await page.getByRole('button', { name: 'النسخ الاحتياطية' }).click();
    await manual.getByRole('button').click();
    await expect(preview).toContainText(SEED_002.titleAr);
    await preview.getByRole('button', { name: `استعادة هذه الفعالية: ${SEED_002.titleAr}` }).click();
    const confirm = page.getByRole('dialog', { name: 'استعادة هذه الفعالية؟' });
    await expect(confirm).toContainText('تُحفظ نسخة احتياطية من الوضع الحالي');
    await confirm.getByRole('button', { name: 'استعادة الفعالية' }).click();
    await expect(page.getByRole('status').filter({ hasText: `استُعيدت «${SEED_002.titleAr}»` })).toBeVisible();
    await expect(page.getByRole('status').getByRole('button', { name: 'تراجع' })).toBeVisible();
    // The present state was backed up first.
    await expect(page.getByTestId('backup-row').filter({ hasText: 'قبل استعادة' })).toHaveCount(1);
    expect(await registrantNames(page, forum.id)).toEqual([...REGISTRANTS].sort());
    await page.getByRole('button', { name: 'الفعاليات', exact: true }).click();
    await expect(page.getByRole('heading', { name: SEED_002.titleAr })).toBeVisible();
    await expect(page.getByRole('heading', { name: RENAMED })).toHaveCount(0);

    // The forum as a handover file, from the export page's sixth tab.
    await page.getByRole('button', { name: 'طباعة وتصدير' }).click();
    await page.getByRole('tab', { name: /ملف الملتقى للتسليم/ }).click();
    await expect(page.getByText('يستورده زميلك على جهازه')).toBeVisible();
    await expect(page.getByLabel('المسجلون', { exact: true })).toBeChecked();
    await startExport(page);
    await expect(page.getByTestId('export-status')).toContainText('.multaqa', { timeout: 30_000 });
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.multaqa$/);
    const handoverFile = path.join(downloads, download.suggestedFilename());
    await download.saveAs(handoverFile);

    // Imported through the forums page: the same forum is here, so merge or new; new it is.
    await page.getByRole('button', { name: 'رجوع' }).click();
    await page.getByTestId('handover-import').click();
    const dialog = page.getByTestId('handover-dialog');
    await expect(dialog.getByRole('heading', { name: 'استيراد ملف ملتقى' })).toBeVisible();
    await dialog.getByTestId('handover-file').setInputFiles(handoverFile);
    const handover = dialog.getByTestId('handover-preview');
    await expect(handover).toContainText(SEED_002.titleAr);
    await expect(handover).toContainText('المسجلون: 2');
    await expect(handover).toContainText('هذه الفعالية موجودة على هذا الجهاز');
    await expect(handover.getByLabel('دمجه في الفعالية الموجودة هنا')).toBeChecked();
    await expect(handover.getByTestId('handover-merge')).toContainText('المسجلون');
    await snap(page, 'ar-handover-preview');
    await handover.getByLabel('إضافته فعاليةً جديدة بجانبها').check();
    await expect(handover.getByTestId('handover-merge')).toHaveCount(0);
    await dialog.getByTestId('handover-commit').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'فعاليةً جديدة' })).toBeVisible();
    await expect(page.getByRole('heading', { name: SEED_002.titleAr })).toHaveCount(2);
    await snap(page, 'ar-forums-after-handover');
    const forums = await callApi<ForumRecord[]>(page, 'forums.list');
    const copy = forums.find((f) => f.id !== forum.id);
    if (!copy) throw new Error('the handover file was not imported as a new forum');
    expect(await registrantNames(page, copy.id)).toEqual([...REGISTRANTS].sort());

    // Undo puts the safety backup back: one forum again.
    await page.getByRole('status').getByRole('button', { name: 'تراجع' }).click();
    await expect(page.getByText('أُلغي الاستيراد')).toBeVisible();
    await expect(page.getByRole('heading', { name: SEED_002.titleAr })).toHaveCount(1);

    // A junk file renamed .multaqa is refused in words, and nothing changes.
    await page.getByTestId('handover-import').click();
    await dialog.getByTestId('handover-file').setInputFiles({
      name: 'junk.multaqa',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('This is a shopping list, not a forum.\n'),
    });
    await expect(dialog.getByTestId('handover-error')).toContainText('هذا ليس ملف ملتقى');
    await dialog.getByRole('button', { name: 'إلغاء' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await callApi<ForumRecord[]>(page, 'forums.list')).toHaveLength(1);

    // The backups screen in English (the Arabic toast closed first).
    const closeToast = page.getByRole('status').getByRole('button', { name: 'إغلاق' });
    if (await closeToast.isVisible()) await closeToast.click();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Backups', exact: true }).click();
    await expect(page.getByTestId('backup-row').filter({ hasText: 'Made by you' })).toHaveCount(1);
    await expect(page.getByTestId('backup-row').filter({ hasText: 'Before importing a forum file' })).toHaveCount(1);
    await snap(page, 'en-backups');

    // The backups folder: a relative path is refused in words, an absolute one that can be written is taken.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const setting = page.getByTestId('backups-folder-setting');
    await setting.getByLabel('Another folder (its full path)').fill('usb/backups');
    await setting.getByRole('button', { name: 'Use this folder' }).click();
    await expect(setting.getByRole('alert')).toContainText(/Type the folder.s full path/);
    const usb = path.join(server.dataDir, 'usb-stick');
    await mkdir(usb);
    await setting.getByLabel('Another folder (its full path)').fill(usb);
    await setting.getByRole('button', { name: 'Use this folder' }).click();
    await expect(setting.getByTestId('backups-folder-current')).toHaveText(usb);
    await expect(setting).toContainText('a folder you chose');
    await snap(page, 'en-settings-backups-folder');
    await setting.getByRole('button', { name: 'Back to the data folder' }).click();
    await expect(setting).toContainText('the default folder, inside the data folder');
  } finally {
    await rm(downloads, { recursive: true, force: true });
  }
});
