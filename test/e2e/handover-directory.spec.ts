import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { readZip, writeZip } from '../../src/core/archive/zip';
import { HANDOVER_RULES } from '../../src/core/backup/handover-archive';
import { DEFAULT_EXPORT_OPTIONS } from '../../src/shared/domain/export';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput, type Person } from '../../src/shared/domain/person';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * A forum file that reuses the id of a person of our directory with another
 * name and e-mail, dated in the year 9999 (anyone who received one of our
 * files knows our ids). The import shows the change field by field; left
 * unticked, our person stays as they are; ticked, the file's details are taken.
 */

const CHAIR = 'جمال بن ناصر الملحم';
const IMPOSTOR = 'منتحل الشخصية';

interface Status {
  jobId: string;
  state: string;
}

/** Our forum, chaired by a person of the directory, exported as a handover file; returns the chair's id and the file. */
async function forumFile(page: Page): Promise<{ chairId: string; base64: string }> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات',
  });
  const chairId = randomUUID();
  await callApi(page, 'people.save', { ...emptyPersonInput(), id: chairId, nameAr: CHAIR, email: 'jamal@example.org' });
  await callApi(page, 'programme.saveSessions', {
    forumId: forum.id,
    sessions: [
      {
        id: randomUUID(),
        kind: 'opening',
        titleAr: 'حفل الافتتاح',
        titleEn: '',
        day: '2026-12-04',
        start: 540,
        end: 600,
        hallId: null,
        place: '',
        chairId,
        expectedAttendance: null,
        items: [],
        headTableIds: [],
        speakerOrder: [],
      },
    ],
  });
  let status = await callApi<Status>(page, 'exports.start', {
    forumId: forum.id,
    options: DEFAULT_EXPORT_OPTIONS.handover,
  });
  while (status.state === 'running') {
    await page.waitForTimeout(50);
    status = await callApi<Status>(page, 'exports.status', { jobId: status.jobId });
  }
  const { base64 } = await callApi<{ base64: string }>(page, 'exports.download', { jobId: status.jobId });
  return { chairId, base64 };
}

/** The file with our chair's name and e-mail changed, dated in the year 9999. */
async function forged(base64: string, chairId: string): Promise<Buffer> {
  const entries = await readZip(Buffer.from(base64, 'base64'), HANDOVER_RULES);
  const doc = JSON.parse((entries.get('directory.json') as Buffer).toString('utf8')) as {
    data: { people: Person[] };
  };
  const chair = doc.data.people.find((p) => p.id === chairId) as Person;
  Object.assign(chair, { nameAr: IMPOSTOR, email: 'attacker@example.net', updatedAt: '9999-12-31T23:59:59.000Z' });
  entries.set('directory.json', Buffer.from(JSON.stringify(doc)));
  return writeZip(
    [...entries].map(([name, data]) => ({ name, data })),
    new Date(),
  );
}

async function chairNow(page: Page, chairId: string): Promise<Person | undefined> {
  return (await callApi<{ people: Person[] }>(page, 'directory.get')).people.find((p) => p.id === chairId);
}

test('a forum file reusing the id of a person here changes them only when the coordinator ticks it', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const { chairId, base64 } = await forumFile(page);
  const file = { name: 'ملتقى.multaqa', mimeType: 'application/octet-stream', buffer: await forged(base64, chairId) };
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ملتقى البلديات' })).toBeVisible();

  // The preview shows our person, field by field, and the box is not ticked.
  await page.getByTestId('handover-import').click();
  const dialog = page.getByTestId('handover-dialog');
  await dialog.getByTestId('handover-file').setInputFiles(file);
  const changes = dialog.getByTestId('handover-directory-changes');
  await expect(changes).toContainText('أشخاص وجهات في دليلك سيغيّرها الملف: 1');
  const nameRow = changes.getByRole('row').filter({ hasText: 'الاسم الكامل بالعربية' });
  await expect(nameRow).toContainText(CHAIR);
  await expect(nameRow).toContainText(IMPOSTOR);
  await expect(changes.getByRole('row').filter({ hasText: 'البريد الإلكتروني' })).toContainText('attacker@example.net');
  const take = changes.getByLabel(`اعتماد بيانات الملف لـ ${CHAIR}`);
  await expect(take).not.toBeChecked();
  await snap(page, 'ar-handover-directory-changes');

  // Imported without ticking it: our person is as they were.
  await dialog.getByTestId('handover-commit').click();
  await expect(dialog).toHaveCount(0);
  expect(await chairNow(page, chairId)).toMatchObject({ nameAr: CHAIR, email: 'jamal@example.org' });

  // Again, ticked this time (with the keyboard): the file's details, dated no later than now.
  await page.getByTestId('handover-import').click();
  await dialog.getByTestId('handover-file').setInputFiles(file);
  await take.focus();
  await page.keyboard.press('Space');
  await expect(take).toBeChecked();
  await dialog.getByTestId('handover-commit').click();
  await expect(dialog).toHaveCount(0);
  const chair = await chairNow(page, chairId);
  expect(chair).toMatchObject({ nameAr: IMPOSTOR, email: 'attacker@example.net' });
  expect(Date.parse(chair?.updatedAt ?? '')).toBeLessThan(Date.now() + 10 * 60_000);
});
