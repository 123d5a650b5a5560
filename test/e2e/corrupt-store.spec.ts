import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, openApp, snap, test } from './fixtures';

/**
 * A damaged data file must never stop the app or be overwritten: the app
 * opens, names the file and what is wrong, moves it aside byte for byte, and
 * offers the last good copy.
 */
const GOOD_ID = '3f1c2a9e-8d4b-4c7a-9e2f-1a2b3c4d5e6f';
const BROKEN_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

function forumFile(id: string, titleAr: string): string {
  const at = '2026-11-01T09:00:00.000Z';
  const forum = {
    id,
    createdAt: at,
    updatedAt: at,
    kind: 'workshop',
    edition: '',
    titleAr,
    titleEn: '',
    slogan: '',
    organisers: ['أمانة المنطقة الشرقية'],
    partners: [],
    patron: '',
    venue: { hotel: 'فندق شيراتون الدمام', hall: '', city: 'الدمام', country: 'السعودية' },
    firstDay: '2026-12-10',
    lastDay: '2026-12-10',
    expectedAttendance: 80,
    objectives: [],
    description: '',
    status: 'draft',
  };
  return JSON.stringify({ schemaVersion: 1, data: { forum } });
}

const good = forumFile(GOOD_ID, 'ورشة عمل رؤية الوزارة');
const lastGoodOfBroken = forumFile(BROKEN_ID, 'زيارة وكيل الوزارة لمقر الأمانة');
// The broken file: cut off in the middle of a write by something outside Multaqa.
const truncated = lastGoodOfBroken.slice(0, 150);
const newerSettings = JSON.stringify({ schemaVersion: 99, data: { language: 'ar', future: true } });

test.use({
  seedFiles: {
    [`forums/${GOOD_ID}.json`]: good,
    [`forums/${BROKEN_ID}.json`]: truncated,
    [`forums/${BROKEN_ID}.json.bak`]: lastGoodOfBroken,
    'settings.json': newerSettings,
  },
});

test('a truncated forum file and a newer settings file: error screen, files intact, last good copy restored', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const panel = page.getByTestId('store-problems');
  await expect(panel).toContainText('ملفات بيانات لم يمكن فتحها');
  const problems = page.getByTestId('store-problem');
  await expect(problems).toHaveCount(2);

  const broken = problems.filter({ hasText: `${BROKEN_ID}.json` });
  await expect(broken).toContainText('الملف تالف أو مقطوع');
  await expect(broken.getByRole('button', { name: 'استعادة آخر نسخة سليمة' })).toBeVisible();
  const newer = problems.filter({ hasText: 'settings.json' });
  await expect(newer).toContainText('الملف من إصدار أحدث من ملتقى');
  await expect(newer).toContainText('لا توجد نسخة سليمة سابقة لهذا الملف.');

  // The healthy forum still opens.
  await expect(page.getByRole('article', { name: 'ورشة عمل رؤية الوزارة' })).toBeVisible();
  await snap(page, 'ar-store-problems');

  // The damaged files were moved aside untouched, and nothing took their place.
  const quarantine = path.join(server.dataDir, 'quarantine');
  const moved: string[] = [];
  for (const folder of await fs.readdir(quarantine)) {
    for (const name of await fs.readdir(path.join(quarantine, folder))) moved.push(path.join(quarantine, folder, name));
  }
  const brokenCopy = moved.find((f) => f.endsWith(`${BROKEN_ID}.json`) && !path.basename(f).startsWith('last-good'));
  const settingsCopy = moved.find((f) => f.endsWith('settings.json'));
  expect(brokenCopy && (await fs.readFile(brokenCopy, 'utf8'))).toBe(truncated);
  expect(settingsCopy && (await fs.readFile(settingsCopy, 'utf8'))).toBe(newerSettings);
  await expect(fs.access(path.join(server.dataDir, 'forums', `${BROKEN_ID}.json`))).rejects.toThrow();
  await expect(fs.access(path.join(server.dataDir, 'settings.json'))).rejects.toThrow();

  // Restore the last good copy: the forum comes back.
  await broken.getByRole('button', { name: 'استعادة آخر نسخة سليمة' }).click();
  await expect(page.getByRole('article', { name: 'زيارة وكيل الوزارة لمقر الأمانة' })).toBeVisible();
  await expect(problems).toHaveCount(1);
  // Leave the newer settings file aside: the panel goes, the file stays in quarantine.
  await newer.getByRole('button', { name: 'إبقاؤه جانبًا' }).click();
  await expect(panel).toHaveCount(0);
  expect(settingsCopy && (await fs.readFile(settingsCopy, 'utf8'))).toBe(newerSettings);

  // After a restart nothing comes back to haunt: no problems, both forums there.
  await server.restart();
  await openApp(page, server);
  await expect(page.getByTestId('forum-card')).toHaveCount(2);
  await expect(page.getByTestId('store-problems')).toHaveCount(0);
});
