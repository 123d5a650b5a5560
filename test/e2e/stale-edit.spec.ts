import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, openApp, test } from './fixtures';

/**
 * Two windows at once: the office's registrants table was loaded before the
 * door checked the registrant in. An e-mail typed into the office's stale row
 * must not put the old status back: it is refused with a sentence, and the
 * table shows the newer version, checked in.
 */
test("an edit in a table loaded before the door's check-in is refused, and the check-in stays", async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات',
  });
  const registrant = await callApi<{ id: string }>(page, 'registrations.save', {
    forumId: forum.id,
    registration: { ...emptyRegistrationInput(), fullName: 'سالم العتيبي', email: 'salem@example.org' },
  });
  await page.reload();
  await page.getByRole('button', { name: 'المسجلون' }).click();
  const row = page.getByTestId('registration-row').filter({ hasText: 'سالم العتيبي' });
  await expect(row).toContainText('salem@example.org');

  // The door checks him in from its own window; the office's table still shows the copy it loaded.
  await page.waitForTimeout(5);
  await callApi(page, 'registrations.checkIn', { forumId: forum.id, id: registrant.id, checkedIn: true });

  await row.getByText('salem@example.org').dblclick();
  const editor = row.getByRole('textbox');
  await editor.fill('salem.new@example.org');
  await editor.press('Enter');
  await expect(page.getByText('غيّر أحدٌ هذا المسجل في الأثناء')).toBeVisible();
  // The table now holds the newer version, checked in (the typed e-mail waits in its cell), and so does the store.
  await expect(row).toContainText('حضر');
  await expect(row.getByRole('textbox')).toHaveValue('salem.new@example.org');
  const [now] = await callApi<{ status: string; email: string }[]>(page, 'registrations.list', { forumId: forum.id });
  expect(now).toMatchObject({ status: 'attended', email: 'salem@example.org' });

  // The edit, still in its cell, made again on the newer version: saved, and the check-in stays.
  await editor.press('Enter');
  await expect(row).toContainText('salem.new@example.org');
  const [after] = await callApi<{ status: string; email: string }[]>(page, 'registrations.list', {
    forumId: forum.id,
  });
  expect(after).toMatchObject({ status: 'attended', email: 'salem.new@example.org' });
});
