import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, openAnotherTab, openApp, snap, test } from './fixtures';

/**
 * Two windows on one data folder at once (two tabs in browser mode): the
 * office and the door, or two colleagues. The later save of an older copy
 * never silently wins, and each window's undo is its own.
 */

test("a forum saved in one window: the other window's older form is refused, then shows the newer version", async ({
  page,
  server,
  context,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server);
  await callApi(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات الثاني',
    titleEn: 'Second Forum',
  });
  await page.reload();
  const other = await openAnotherTab(context, server);
  // Both open the forum's form.
  for (const p of [page, other]) {
    await p.getByRole('article', { name: 'ملتقى البلديات الثاني' }).getByRole('button', { name: 'تعديل' }).click();
    await expect(p.locator('#forum-titleEn')).toHaveValue('Second Forum');
  }

  await page.locator('#forum-titleEn').fill('The Second Municipal Forum');
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.getByText('حُفظت التعديلات.')).toBeVisible();

  // The other window, still on its older copy, types a slogan and saves: refused, naming what changed.
  await other.locator('#forum-slogan').fill('نحو مدن أذكى');
  await other.getByRole('button', { name: 'حفظ', exact: true }).click();
  const refusal = other.getByText(/عُدِّل «ملتقى البلديات الثاني» في نافذة أخرى الساعة .* \(العنوان بالإنجليزية\)/);
  await expect(refusal).toBeVisible();
  // The form now holds the newer version: the English title is not lost.
  await expect(other.locator('#forum-titleEn')).toHaveValue('The Second Municipal Forum');
  await expect(other.locator('#forum-slogan')).toHaveValue('');
  await snap(other, 'ar-stale-forum');
  const [stored] = await callApi<{ titleEn: string; slogan: string }[]>(other, 'forums.list');
  expect(stored).toMatchObject({ titleEn: 'The Second Municipal Forum', slogan: '' });

  // Made again on the newer version, the slogan is saved and the English title stays.
  await other.locator('#forum-slogan').fill('نحو مدن أذكى');
  await other.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(other.getByText('حُفظت التعديلات.')).toBeVisible();
  const [after] = await callApi<{ titleEn: string; slogan: string }[]>(other, 'forums.list');
  expect(after).toMatchObject({ titleEn: 'The Second Municipal Forum', slogan: 'نحو مدن أذكى' });
});

test("the office's Ctrl+Z undoes the office's edit, not the door's check-in in the other window", async ({
  page,
  server,
  context,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server);
  await callApi(page, 'settings.update', { language: 'en' });
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات',
    titleEn: 'Municipal Forum',
  });
  for (const [fullName, email] of [
    ['سالم العتيبي', 'salem@example.org'],
    ['منى الحربي', 'mona@example.org'],
  ]) {
    await callApi(page, 'registrations.save', {
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), fullName, email },
    });
  }
  await page.reload();
  const door = await openAnotherTab(context, server);

  // The office edits Salem's e-mail in the registrants table.
  await page.getByRole('button', { name: 'Registrations', exact: true }).click();
  const salem = page.getByTestId('registration-row').filter({ hasText: 'سالم العتيبي' });
  await salem.getByText('salem@example.org').dblclick();
  await salem.getByRole('textbox').fill('salem.typo@example.org');
  await salem.getByRole('textbox').press('Enter');
  await expect(salem).toContainText('salem.typo@example.org');

  // Meanwhile the door checks Mona in on its check-in screen.
  await door.getByRole('button', { name: 'Check-in', exact: true }).click();
  const box = door.getByTestId('checkin-page').getByRole('combobox');
  await box.fill('منى');
  await box.press('Enter');
  await expect(door.getByTestId('checkin-outcome')).toContainText('منى الحربي');

  // Each window's undo button names its own last change.
  const undoButton = (p: typeof page) => p.locator('.topbar').getByRole('button', { name: /^Undo/ });
  await expect(undoButton(page)).toHaveAttribute('aria-label', /edit the registration of سالم العتيبي/);
  await expect(undoButton(door)).toHaveAttribute('aria-label', /منى الحربي/);
  await snap(page, 'en-undo-own-window');

  // Ctrl+Z in the office (focus on the page, not in a text box) undoes the office's edit only.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/Undone: edit the registration of سالم العتيبي/)).toBeVisible();
  await expect(salem).toContainText('salem@example.org');
  const now = await callApi<{ fullName: string; email: string; status: string }[]>(page, 'registrations.list', {
    forumId: forum.id,
  });
  expect(now.find((r) => r.fullName === 'سالم العتيبي')).toMatchObject({ email: 'salem@example.org' });
  expect(now.find((r) => r.fullName === 'منى الحربي')).toMatchObject({ status: 'attended' });
  // The door's undo is still its own check-in.
  await door.reload();
  await expect(undoButton(door)).toHaveAttribute('aria-label', /منى الحربي/);
});
