import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import type { Session } from '../../src/shared/domain/programme';
import { newSession } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * The day view as a coordinator reads it on a 1366×768 laptop: conflicts in
 * red and counted, notes (a presenter typed as a name, a session with no
 * title yet) quiet and apart; a 15-minute session shows its title; the chair
 * on the block; Tab goes by time, then hall.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = 'زيارة وفد بلدية الشارقة';
const DAY = '2026-01-11';
const CHAIR = 'عبدالله بن سعد القحطاني';
const TYPED = 'د. فهد بن ناصر العتيبي';

const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A forum with two halls, a chair in the directory, and a morning whose order on screen differs from its order typed. */
async function seed(page: Page): Promise<void> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput(DAY),
    kind: 'official_visit',
    titleAr: TITLE,
    titleEn: 'Visit of the Sharjah municipality',
  });
  const council = crypto.randomUUID();
  const reception = crypto.randomUUID();
  for (const [id, nameAr, nameEn] of [
    [council, 'قاعة المجلس', 'Council hall'],
    [reception, 'قاعة الاستقبال', 'Reception hall'],
  ] as const) {
    await callApi(page, 'programme.saveHall', { forumId: forum.id, hall: { id, nameAr, nameEn, capacity: 120 } });
  }
  const chairId = crypto.randomUUID();
  await callApi(page, 'people.save', {
    ...emptyPersonInput(),
    id: chairId,
    honorific: 'saada',
    nameAr: CHAIR,
    nameEn: 'Abdullah Al-Qahtani',
  });
  const s = (from: string, to: string, fields: Partial<Session>) =>
    newSession(crypto.randomUUID(), { day: DAY, start: at(from), end: at(to), ...fields });
  // Typed out of order on purpose: the grid reads by time, then hall.
  const sessions = [
    s('11:30', '12:00', { titleAr: 'عرض ثان', titleEn: 'Second briefing', hallId: reception }),
    s('11:00', '12:00', { titleAr: 'عرض أول', titleEn: 'First briefing', hallId: reception }),
    s('11:00', '12:00', { hallId: council }),
    s('10:15', '10:30', { kind: 'coffee_break', titleAr: 'استراحة قهوة', titleEn: 'Coffee break' }),
    s('09:15', '10:15', { titleAr: 'اجتماع العمل الأول', titleEn: 'First working meeting', hallId: council, chairId }),
    s('09:00', '09:15', {
      kind: 'registration',
      titleAr: 'استقبال الوفد',
      titleEn: 'Welcoming the delegation',
      hallId: reception,
    }),
  ];
  await callApi(page, 'programme.saveSessions', { forumId: forum.id, sessions });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await expect(page.getByTestId('session-block')).toHaveCount(6);
}

const block = (page: Page, title: string) => page.getByTestId('session-block').filter({ hasText: title });

test('a presenter typed as a name and an untitled session are quiet notes, apart from the red conflicts, and not counted', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await seed(page);
  const tab = page.getByRole('tab', { name: /البرنامج/ });
  const conflicts = page.getByTestId('conflict-list');
  const notes = page.getByTestId('note-list');

  // One real conflict (two briefings in the reception hall), counted on the tab; the untitled session is a note.
  await expect(tab).toContainText('⚠ 1');
  await expect(conflicts.getByRole('button')).toHaveCount(1);
  await expect(conflicts.locator('[data-kind="hall_double_booked"]')).toContainText('قاعة الاستقبال');
  await expect(notes.getByRole('heading', { name: 'ملاحظات' })).toBeVisible();
  await expect(notes.locator('[data-kind="untitled"]')).toContainText('بلا عنوان');
  await expect(block(page, 'عرض ثان')).toHaveClass(/has-conflict/);

  // A presenter typed as a name, as the picker invites: a note, not a conflict.
  await block(page, 'اجتماع العمل الأول').dblclick();
  const editor = page.getByTestId('session-editor');
  await editor.getByRole('button', { name: 'إضافة فقرة' }).click();
  const presenter = editor.getByTestId('item-row').last().getByTestId('presenter-picker');
  await expect(presenter).toHaveAttribute('placeholder', 'ابحث عن شخص أو اكتب اسمًا…');
  await presenter.fill(TYPED);
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor).toBeHidden();

  const meeting = block(page, 'اجتماع العمل الأول');
  await expect(meeting).toHaveAttribute('data-notes', '1');
  await expect(meeting).toHaveAttribute('data-conflicts', '0');
  await expect(meeting).not.toHaveClass(/has-conflict/);
  await expect(meeting.locator('.note-flag')).toBeVisible();
  await expect(meeting.locator('.conflict-flag')).toHaveCount(0);
  await expect(notes.locator('[data-kind="person_without_record"]')).toContainText(TYPED);
  await expect(conflicts).not.toContainText(TYPED);
  await expect(conflicts.getByRole('button')).toHaveCount(1);
  await expect(tab).toContainText('⚠ 1');
  // Quiet: a note's link is not painted as a conflict's.
  const background = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background('.note-link')).not.toBe(await background('.conflict-link'));
  await snap(page, 'laptop-ar-day-notes');

  // A note links to its session like a conflict does.
  await notes.locator('[data-kind="person_without_record"]').click();
  await expect(editor.locator('#session-titleAr')).toHaveValue('اجتماع العمل الأول');
  await editor.getByRole('button', { name: 'إغلاق' }).click();
  await expect(editor).toBeHidden();

  // Fixing the real conflict empties the red list; the notes stay, still uncounted.
  await block(page, 'عرض ثان').click();
  await block(page, 'عرض ثان').press('Delete');
  await expect(conflicts).toContainText('لا تعارضات');
  await expect(tab).not.toContainText('⚠');
  await expect(notes.getByRole('button')).toHaveCount(2);

  // The same two levels in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('tab', { name: /Programme/ })).toContainText('⚠ 1');
  await expect(notes.getByRole('heading', { name: 'Notes' })).toBeVisible();
  await expect(notes.locator('[data-kind="person_without_record"]')).toContainText(`${TYPED} in`);
  await snap(page, 'laptop-en-day-notes');
});

test('a 15-minute session shows its title; a click selects it, a double click or Enter opens it; the chair is on the block', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await seed(page);
  const welcome = block(page, 'استقبال الوفد');
  await expect(welcome).toHaveAttribute('data-compact', 'true');
  const title = welcome.locator('.session-title');
  await expect(title).toBeVisible();
  await expect(title).toHaveText('استقبال الوفد');
  // Inside the block and not cut: the title's box lies within the block's, its text within its box.
  const [outer, inner] = [await welcome.boundingBox(), await title.boundingBox()];
  if (!outer || !inner) throw new Error('no boxes');
  expect(inner.y).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The tooltip tells the whole session and how to open it.
  await expect(welcome).toHaveAttribute('title', /استقبال الوفد · 09:00 – 09:15/);
  await expect(welcome).toHaveAttribute('title', /النقر المزدوج أو Enter يفتحها/);

  // A single click selects and opens nothing; Enter opens; Escape (nothing typed) closes, focus back on the block.
  const editor = page.getByTestId('session-editor');
  await welcome.click();
  await expect(welcome).toHaveAttribute('aria-pressed', 'true');
  await expect(editor).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(editor.locator('#session-titleAr')).toHaveValue('استقبال الوفد');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(welcome).toBeFocused();
  await welcome.dblclick();
  await expect(editor.locator('#session-titleAr')).toHaveValue('استقبال الوفد');
  await editor.getByRole('button', { name: 'إغلاق' }).click();

  // The chair is named on the block.
  await expect(block(page, 'اجتماع العمل الأول')).toContainText(`رئيس الجلسة: سعادة ${CHAIR}`);
  await snap(page, 'laptop-ar-day-short');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(block(page, 'Welcoming the delegation').locator('.session-title')).toBeVisible();
  await expect(block(page, 'First working meeting')).toContainText('Chair: H.E. Abdullah Al-Qahtani');
  await snap(page, 'laptop-en-day-short');
});

test('Tab goes through the day by time, then hall', async ({ page, server }) => {
  await openApp(page, server);
  await seed(page);
  await block(page, 'استقبال الوفد').focus();
  const order = ['استقبال الوفد', 'اجتماع العمل الأول', 'استراحة قهوة', 'بلا عنوان', 'عرض أول', 'عرض ثان'];
  for (const [i, expected] of order.entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toContainText(expected);
  }
  // Shift+Tab walks back the same way.
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator(':focus')).toContainText('عرض أول');
});
