import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';

/**
 * Browser mode from the user's side: "Open" after an export brings the file
 * down and says so, every download says where it went, and the page opened
 * without the link's secret speaks one language at a time and says what to do.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LATIN_WORD = /[A-Za-z]{3,}/;

/** The page as a bookmark opens it: the server's address, no link's token. */
async function openWithoutSecret(page: Page, url: string) {
  await page.goto(`${new URL(url).origin}/`);
  await expect(page.getByRole('alert')).toBeVisible();
}

test.describe('a browser that prefers English', () => {
  test.use({ locale: 'en-GB' });

  test('the page without the secret speaks English, then Arabic alone, and says what to do', async ({
    context,
    server,
  }) => {
    const page = await context.newPage();
    await openWithoutSecret(page, server.url);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('Multaqa cannot reach its server');
    await expect(alert).toContainText('Open, in full, the last link that “npm run web” printed');
    await expect(alert).toContainText('Each link opens once');
    // One language: no Arabic sentence beside the English, only the button naming the other language.
    const sentences = await alert.locator('h1, p').allTextContents();
    expect(sentences.filter((s) => ARABIC_LETTER.test(s))).toEqual([]);
    // The server's own refusal («Missing or wrong secret») is not put beside it.
    await expect(alert).not.toContainText('Missing or wrong secret');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await snap(page, 'laptop-en-no-secret');

    await alert.getByRole('button', { name: 'العربية' }).click();
    await expect(alert.getByRole('heading')).toHaveText('لا يصل ملتقى إلى الخادم');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const arabic = await alert.locator('h1, p').allTextContents();
    // Only the command's own name is in Latin letters.
    expect(arabic.map((s) => s.replace(/npm run web|Ctrl\+C/g, '')).filter((s) => LATIN_WORD.test(s))).toEqual([]);
    await expect(alert.getByRole('button', { name: 'English' })).toBeVisible();
    await snap(page, 'laptop-ar-no-secret');
  });
});

test.describe('a browser that prefers Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the page without the secret speaks Arabic first', async ({ context, server }) => {
    const page = await context.newPage();
    await openWithoutSecret(page, server.url);
    await expect(page.getByRole('alert').getByRole('heading')).toHaveText('لا يصل ملتقى إلى الخادم');
    await expect(page.getByRole('alert')).toContainText('كل رابط يُفتح مرة واحدة');
  });
});

test('"Open" after an export downloads the file and says where it went; so does every download', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await callApi(page, 'forums.create', { ...emptyForumInput('2026-04-12'), titleAr: 'ورشة التحول الرقمي' });
  await page.reload();
  await page
    .getByRole('article', { name: 'ورشة التحول الرقمي', exact: true })
    .getByRole('button', { name: 'طباعة وتصدير' })
    .click();
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('حُفظ الملف:', { timeout: 30_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-open').click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const said = page.getByRole('status').filter({ hasText: 'وضعه المتصفح في مجلد التنزيلات' });
  await expect(said).toContainText(`نُزِّل «\u2067${download.suggestedFilename()}\u2069»`);
  await expect(page.getByTestId('export-status').getByRole('alert')).toHaveCount(0);
  await snap(page, 'laptop-ar-export-open-downloaded');

  // In English, "Download a copy" says the same.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const [copy] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  await expect(page.getByRole('status').filter({ hasText: 'downloads folder' })).toContainText(
    `“\u2066${copy.suggestedFilename()}\u2069” downloaded`,
  );
  await snap(page, 'laptop-en-export-open-downloaded');
});
