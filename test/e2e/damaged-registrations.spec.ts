import { promises as fs } from 'node:fs';
import path from 'node:path';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * A forum's registrations file damaged on disk between two days of an event:
 * it is found damaged only when the door opens the check-in screen, and the
 * screen must say so at once (not "0 of 0 checked in" with no word). A
 * walk-in registered meanwhile keeps its badge code through "restore the last
 * good copy", which brings the others back.
 */
const NAMES = ['سالم العتيبي', 'منى الحربي', 'فهد الدوسري'];

test('the check-in screen shows a damaged registrations file at once; restoring it keeps the walk-in', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات',
  });
  const codes: string[] = [];
  for (const fullName of NAMES) {
    const saved = await callApi<{ code: string }>(page, 'registrations.save', {
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), fullName },
    });
    codes.push(saved.code);
  }
  const file = path.join(server.dataDir, 'forums', `${forum.id}.registrations.json`);
  await server.restart(async () => {
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.slice(0, Math.floor(text.length * 0.8)));
  });
  await openApp(page, server);
  await expect(page.getByTestId('store-problems')).toHaveCount(0); // not opened yet

  await page.getByRole('button', { name: 'تسجيل الحضور' }).click();
  const problems = page.getByTestId('store-problems');
  await expect(problems).toContainText('ملفات بيانات لم يمكن فتحها');
  await expect(problems).toContainText(`${forum.id}.registrations.json`);
  await expect(problems).toContainText('الملف تالف أو مقطوع');
  await snap(page, 'ar-checkin-damaged-registrations');

  // A walk-in at the door meanwhile gets a code none of the printed badges has.
  const walkIn = await callApi<{ code: string }>(page, 'registrations.save', {
    forumId: forum.id,
    registration: { ...emptyRegistrationInput(), fullName: 'زائر' },
    checkIn: true,
  });
  expect(codes).not.toContain(walkIn.code);

  await problems.getByRole('button', { name: 'استعادة آخر نسخة سليمة' }).click();
  await expect(page.getByText('استُعيدت آخر نسخة سليمة.')).toBeVisible();
  await expect(page.getByTestId('store-problems')).toHaveCount(0);
  // The screen shows the registrants back (the .bak held the first two) and the walk-in.
  await expect(page.getByTestId('checkin-progress')).toContainText('حضر 1 من 3');
  const list = await callApi<{ fullName: string; code: string }[]>(page, 'registrations.list', { forumId: forum.id });
  expect(list.map((r) => r.fullName)).toEqual([NAMES[0], NAMES[1], 'زائر']);
  expect(list.find((r) => r.fullName === 'زائر')?.code).toBe(walkIn.code);
});
