import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * The 12-hour clock is a setting (24-hour stays the default): the app's own
 * time box shows «2:30 م» in Arabic and "2:30 PM" in English, reads a time
 * typed either way, and the day grid's labels follow; switched back, all is
 * 24-hour again.
 */

test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = 'ورشة عمل رؤية الوزارة';

async function chooseClock(page: Page, label: RegExp) {
  await page.getByRole('button', { name: /^(الإعدادات|Settings)$/ }).click();
  await page.getByTestId('setting-clock').getByRole('radio', { name: label }).check();
  await expect(page.getByTestId('setting-clock').getByRole('radio', { name: label })).toBeChecked();
}

test('a 12-hour clock by a setting: typed as «2:30 م», "2:30 pm" or 14:30, shown so in the box and the grid; and back', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2015-08-05'),
    titleAr: TITLE,
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  // The default is the 24-hour clock.
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await expect(page.getByTestId('setting-clock').getByRole('radio', { name: /^24 ساعة/ })).toBeChecked();
  await chooseClock(page, /^12 ساعة/);
  await expect(page.getByText(/2:30\u00a0م/)).toBeVisible();
  await snap(page, 'ar-settings-12h');

  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: 'إضافة جلسة', exact: true }).click();
  const editor = page.getByTestId('session-editor');
  const start = editor.locator('#session-start');
  const end = editor.locator('#session-end');
  // The box offered shows the 12-hour clock.
  await expect(start).toHaveValue('9:00 ص');
  await editor.locator('#session-titleAr').fill('عرض رؤية الوزارة');
  // An hour past 12 with a marker is refused as it is typed, and says why.
  await start.fill('');
  await start.pressSequentially('14:30 م');
  await expect(editor.getByText('مع ص أو م تكون الساعة من 1 إلى 12.')).toBeVisible();
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  // Typed in Arabic, «2:30 م», it reads 14:30.
  await start.fill('');
  await start.pressSequentially('2:30 م');
  await expect(editor.getByText('مع ص أو م تكون الساعة من 1 إلى 12.')).toBeHidden();
  await expect(start).toHaveAttribute('aria-invalid', 'false');
  // Typed in Latin, "3:45 pm", it reads too, and is written back the app's way on leaving.
  await end.fill('');
  await end.pressSequentially('3:45 pm');
  await end.press('Tab');
  await expect(end).toHaveValue('3:45 م');
  await expect(start).toHaveValue('2:30 م');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor).toBeHidden();
  const block = page.getByTestId('session-block').filter({ hasText: 'عرض رؤية الوزارة' });
  await expect(block).toContainText('2:30\u00a0م – 3:45\u00a0م');
  // The grid's hour labels follow: 2 PM rather than 14:00.
  await expect(page.getByText('2:00\u00a0م', { exact: true })).toBeVisible();
  await expect(page.getByText('14:00', { exact: true })).toHaveCount(0);
  const saved = await callApi<{ sessions: { start: number; end: number }[] }>(page, 'programme.get', {
    forumId: forum.id,
  });
  expect(saved.sessions).toMatchObject([{ start: 14 * 60 + 30, end: 15 * 60 + 45 }]);
  await snap(page, 'ar-programme-12h');

  // English: "2:30 PM"; a 24-hour time typed into the box reads right too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(block).toContainText('2:30\u00a0PM – 3:45\u00a0PM');
  await block.dblclick();
  const editorEn = page.getByTestId('session-editor');
  await expect(editorEn.locator('#session-start')).toHaveValue('2:30 PM');
  await editorEn.locator('#session-end').fill('');
  await editorEn.locator('#session-end').pressSequentially('16:15');
  await editorEn.locator('#session-end').press('Tab');
  await expect(editorEn.locator('#session-end')).toHaveValue('4:15 PM');
  await snap(page, 'en-session-editor-12h');
  await editorEn.getByRole('button', { name: 'Save' }).click();
  await expect(block).toContainText('2:30\u00a0PM – 4:15\u00a0PM');
  await snap(page, 'en-programme-12h');

  // Back to 24 hours: the grid and the box say 14:30 again.
  await chooseClock(page, /^24-hour/);
  await page.getByRole('button', { name: 'Events' }).click();
  await page.getByRole('article').getByRole('button', { name: 'Programme' }).click();
  await expect(block).toContainText('14:30 – 16:15');
  await expect(page.getByText('14:00', { exact: true })).toBeVisible();
  await block.dblclick();
  await expect(page.getByTestId('session-editor').locator('#session-start')).toHaveValue('14:30');
});
