import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ElectronApplication, _electron as electron, expect, type Page, test } from '@playwright/test';
import { createSeed002, SEED_002 } from '../e2e/seed-002';

/**
 * The desktop app as a coordinator gets it, with Electron's guards checked in
 * the real thing. Runs only where an Electron binary exists
 * (scripts/run-electron-tests.mjs passes its path).
 */
const ROOT = path.resolve(__dirname, '..', '..');
let app: ElectronApplication;
let page: Page;
let dataDir: string;

async function launch() {
  app = await electron.launch({
    executablePath: process.env.MULTAQA_ELECTRON_PATH,
    args: [path.join(ROOT, 'out', 'main', 'index.js')],
    env: { ...process.env, MULTAQA_DATA_DIR: dataDir },
  });
  page = await app.firstWindow();
  await expect(page.locator('.topbar')).toBeVisible();
}

test.beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-electron-'));
  await launch();
});

test.afterAll(async () => {
  await app?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

test('the window runs with Electron safe defaults', async () => {
  // getLastWebPreferences is left out of Electron's typings but present at run time.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown> | null;
    };
    const p = contents.getLastWebPreferences();
    return {
      contextIsolation: p?.contextIsolation,
      sandbox: p?.sandbox,
      nodeIntegration: p?.nodeIntegration,
      webSecurity: p?.webSecurity,
      webviewTag: p?.webviewTag,
    };
  });
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
});

test('the page comes from the app origin with its CSP; nothing outside the renderer folder is served', async () => {
  expect(page.url()).toBe('app://multaqa/index.html');
  const served = await page.evaluate(async () => {
    const own = await fetch('app://multaqa/index.html');
    const outside = await Promise.all(
      ['%2e%2e/%2e%2e/package.json', '..%2f..%2fpackage.json', '..%5c..%5cpackage.json', 'index.html%00.js'].map(
        async (p) => (await fetch(`app://multaqa/${p}`)).status,
      ),
    );
    return { csp: own.headers.get('content-security-policy'), outside };
  });
  expect(served.csp).toContain("script-src 'self'");
  // The first is folded by the URL parser to the folder's own package.json, which the folder does not hold.
  expect(served.outside).toEqual([404, 404, 404, 404]);
  // The gate trusts this origin: the page's API answers.
  const info = await page.evaluate(() =>
    (window as unknown as { multaqa: Record<string, () => Promise<unknown>> }).multaqa['app.info']?.(),
  );
  expect(info).toMatchObject({ ok: true });
});

test('window.open and navigation are refused; the gate refuses a bad payload', async () => {
  expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  const reply = await page.evaluate(() =>
    (window as unknown as { multaqa: Record<string, (p: unknown) => Promise<unknown>> }).multaqa['forums.create']?.({}),
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
});

test('seed 002 journey: create, both calendars, English and back, delete and undo, kept after restart', async () => {
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await createSeed002(page);
  const card = page.getByRole('article', { name: SEED_002.titleAr, exact: true });
  await expect(card.getByTestId('forum-dates')).toContainText('24–25 جمادى الآخرة 1448هـ');
  await expect(card.getByTestId('forum-dates')).toContainText('4–5 ديسمبر 2026م');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await card.getByRole('button', { name: 'حذف' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'حذف' }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole('button', { name: 'تراجع' }).click();
  await expect(card).toBeVisible();
  await app.close();
  await launch();
  await expect(page.getByRole('article', { name: SEED_002.titleAr, exact: true })).toBeVisible();
});
