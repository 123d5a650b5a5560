import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import type { ProgrammeView, SessionItem } from '../../src/shared/domain/programme';
import { newSession } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * The session editor on a 1366×768 laptop: half the width beside the day, a
 * long paper title read whole in its box, and one protocol list for the head
 * table and the speakers together.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = 'ملتقى التخطيط الحضري';
const DAY = '2026-02-08';
const PAPER = 'تجربة بلدية صحار في التخطيط العمراني واستدامة الخدمات البلدية في الأحياء الجديدة على الساحل الشمالي';
const PATRON = { nameAr: 'محسن بن محمد الشيخ', nameEn: 'Mohsin Al-Sheikh', honorific: 'maali' };
const PRESENTER = { nameAr: 'سالم بن سعيد الهنائي', nameEn: 'Salim Al-Hinai', honorific: 'saada' };
const SECOND = { nameAr: 'مريم بنت خلفان البلوشية', nameEn: 'Maryam Al-Balushi', honorific: 'none' };

async function seed(page: Page): Promise<{ forumId: string; ids: Record<'patron' | 'presenter' | 'second', string> }> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput(DAY),
    titleAr: TITLE,
    titleEn: 'Urban planning forum',
  });
  const hall = crypto.randomUUID();
  await callApi(page, 'programme.saveHall', {
    forumId: forum.id,
    hall: { id: hall, nameAr: 'قاعة عمان', nameEn: 'Oman hall', capacity: 250 },
  });
  const ids = { patron: crypto.randomUUID(), presenter: crypto.randomUUID(), second: crypto.randomUUID() };
  for (const [key, p] of [
    ['patron', PATRON],
    ['presenter', PRESENTER],
    ['second', SECOND],
  ] as const) {
    await callApi(page, 'people.save', { ...emptyPersonInput(), id: ids[key], ...p });
  }
  const item = (kind: SessionItem['kind'], titleAr: string, personId: string): SessionItem => ({
    id: crypto.randomUUID(),
    kind,
    titleAr,
    titleEn: '',
    personId,
    nameWithoutRecord: '',
  });
  await callApi(page, 'programme.saveSessions', {
    forumId: forum.id,
    sessions: [
      newSession(crypto.randomUUID(), {
        day: DAY,
        start: 9 * 60,
        end: 10 * 60,
        kind: 'opening',
        titleAr: 'حفل الافتتاح',
        titleEn: 'Opening ceremony',
        hallId: hall,
        headTableIds: [ids.patron],
        items: [item('speech', 'كلمة راعي الحفل', ids.patron), item('paper', PAPER, ids.presenter)],
        speakerOrder: [ids.patron, ids.presenter],
      }),
      newSession(crypto.randomUUID(), {
        day: DAY,
        start: 10 * 60 + 30,
        end: 12 * 60,
        titleAr: 'الجلسة الأولى',
        titleEn: 'First session',
        hallId: hall,
        items: [item('paper', PAPER, ids.presenter), item('paper', 'المدن الذكية', ids.second)],
        speakerOrder: [ids.presenter, ids.second],
      }),
    ],
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  return { forumId: forum.id, ids };
}

const block = (page: Page, title: string) => page.getByTestId('session-block').filter({ hasText: title });

test('the session editor is wide beside the day, long paper titles are read whole, and one protocol list holds the head table and the speakers', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const { forumId, ids } = await seed(page);
  await block(page, 'حفل الافتتاح').dblclick();
  const editor = page.getByTestId('session-editor');
  await expect(editor).toBeVisible();
  // Half the laptop's width or more, and the day still beside it.
  const box = await editor.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(620);
  await expect(page.getByTestId('day-grid')).toBeInViewport();

  // The paper's title wraps in its box: nothing of it is out of sight.
  const paper = editor.getByTestId('item-row').nth(1).getByLabel('العنوان (عربي)');
  await expect(paper).toHaveValue(PAPER);
  const hidden = await paper.evaluate(
    (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
  );
  expect(hidden).toBe(false);

  // One list, not two: the patron (at the head table, speaking) and the presenter (speaking only), each once.
  // (Those present, بحضور, are a list of their own below.)
  await expect(editor.locator('.protocol-list:not([data-testid="present-list"])')).toHaveCount(1);
  const list = editor.getByTestId('head-table');
  await expect(list).toContainText('المنصة الرئيسية والمتحدثون بالترتيب البروتوكولي');
  await expect(list.getByTestId('protocol-row')).toHaveCount(2);
  await expect(list.getByTestId('protocol-row').first()).toContainText(PATRON.nameAr);
  const seatPresenter = list.getByRole('checkbox', { name: new RegExp(`${PRESENTER.nameAr} على المنصة`) });
  await expect(seatPresenter).not.toBeChecked();
  await expect(list.getByRole('checkbox', { name: new RegExp(`${PATRON.nameAr} على المنصة`) })).toBeChecked();
  // A speaker stays while their item does: no remove button on their rows.
  await expect(list.getByRole('button', { name: new RegExp(`إزالة.*${PRESENTER.nameAr}`) })).toHaveCount(0);
  await snap(page, 'laptop-ar-session-editor-wide');

  // Seat the presenter; add a guest through the list's own search; Enter in a title saves.
  await seatPresenter.check();
  await list.getByRole('combobox').fill('البلوشية');
  await page.getByRole('option', { name: /البلوشية/ }).click();
  await expect(list.getByTestId('protocol-row')).toHaveCount(3);
  await editor.locator('#session-titleAr').press('End');
  await editor.locator('#session-titleAr').press('Enter');
  await expect(editor).toBeHidden();
  const view = await callApi<ProgrammeView>(page, 'programme.get', { forumId });
  const opening = view.sessions.find((s) => s.titleAr === 'حفل الافتتاح');
  expect(opening?.titleAr).toBe('حفل الافتتاح'); // Enter saved; it typed no line break
  expect(new Set(opening?.headTableIds)).toEqual(new Set([ids.patron, ids.presenter, ids.second]));
  expect(opening?.speakerOrder).toEqual([ids.patron, ids.presenter]);

  // A working session with two speakers and no head table: its papers' running order is its speakers' order,
  // so there is no list to keep beside it.
  await block(page, 'الجلسة الأولى').dblclick();
  await expect(editor.getByTestId('item-row').first()).toBeVisible();
  await expect(editor.locator('.protocol-list:not([data-testid="present-list"])')).toHaveCount(0);
  await editor.getByRole('button', { name: 'إغلاق' }).click();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await block(page, 'Opening ceremony').dblclick();
  await expect(editor.getByTestId('head-table')).toContainText('Head table and speakers, in protocol order');
  await snap(page, 'laptop-en-session-editor-wide');
});
