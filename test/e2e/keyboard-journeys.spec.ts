import type { Locator, Page } from '@playwright/test';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * Two real events built from the keyboard alone — Tab, Shift+Tab, Enter,
 * Space, the arrows and Escape, never the mouse: the Eastern Province
 * municipality's workshop on the ministry's vision (its day typed in Hijri)
 * and the official visit of the ministry's head of services and
 * infrastructure. Each step asserts where the focus is, so a control the
 * keyboard cannot reach, or focus dropped on the page, fails the journey.
 */

test.use({ viewport: { width: 1366, height: 768 } });

/** The focused element's description, for a failure that says where the focus went instead. */
const focusedNow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (the page body)';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}»`;
  });

/** Tab (or Shift+Tab) until `target` has the focus; fails when it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i <= (options.max ?? 40); i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}; the focus is on ${await focusedNow(page)}`);
}

/** The focus is on something in the page, not dropped on its body (the app may give it back a frame later). */
async function expectFocusKept(page: Page) {
  await expect.poll(() => focusedNow(page)).not.toBe('nothing (the page body)');
}

/** Types over whatever a box holds (Tab into a box selects its text; this makes sure). */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/** Chooses a select's option with the arrow keys, as a keyboard user does, until it holds `value`. */
async function arrowTo(page: Page, select: Locator, value: string) {
  await expect(select).toBeFocused();
  const values = await select
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const from = values.indexOf(await select.inputValue());
  const to = values.indexOf(value);
  if (to === -1) throw new Error(`${value} is not one of ${values.join(', ')}`);
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await expect(select).toHaveValue(value);
}

/** From the event list: a new event, its form filled from the keyboard and saved with Enter on Save. */
async function buildEvent(
  page: Page,
  event: {
    kind: string;
    titleAr: string;
    titleEn: string;
    day: { calendar: 'hijri' | 'gregorian'; typed: string };
    venue: { hotel: string; hall: string; city: string };
    organiser: string;
  },
) {
  await tabTo(page, page.getByRole('button', { name: 'فعالية جديدة' }));
  await page.keyboard.press('Enter');
  const kind = page.locator('#forum-kind');
  await expect(kind).toBeFocused();
  await arrowTo(page, kind, event.kind);
  await tabTo(page, page.locator('#forum-titleAr'));
  await page.keyboard.type(event.titleAr);
  await page.keyboard.press('Tab');
  await expect(page.locator('#forum-titleEn')).toBeFocused();
  await page.keyboard.type(event.titleEn);
  const dayBox = page.getByTestId(`forum-firstDay-${event.day.calendar}`);
  await tabTo(page, dayBox);
  await typeOver(page, event.day.typed);
  await page.keyboard.press('Tab');
  for (const [key, text] of Object.entries(event.venue)) {
    await tabTo(page, page.locator(`#forum-venue-${key}`));
    await page.keyboard.type(text);
  }
  // The organisers' list: "+ new item" by Enter, and the focus in the new row to type it.
  await tabTo(page, page.getByTestId('forum-organisers-add'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'الجهات المنظمة 1' })).toBeFocused();
  await page.keyboard.type(event.organiser);
  // Enter in the last row opens another; a row opened by mistake is removed by Space on its ×, and
  // the focus goes back to the row before it rather than to the page.
  await page.keyboard.press('Enter');
  const second = page.getByRole('textbox', { name: 'الجهات المنظمة 2' });
  await expect(second).toBeFocused();
  // The row's English box comes next, then its ×.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'الجهات المنظمة بالإنجليزية 2' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'حذف 2' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(second).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'الجهات المنظمة 1' })).toBeFocused();
  // Back up to Save, and Enter on it.
  await tabTo(page, page.getByRole('button', { name: 'حفظ' }), { back: true, max: 60 });
  await page.keyboard.press('Enter');
  const card = page.getByRole('article', { name: event.titleAr, exact: true });
  await expect(card).toBeVisible();
  await expectFocusKept(page);
  return card;
}

/** Opens the session under the focus-reachable block titled `title`, and renames it. */
async function renameSession(page: Page, from: string, to: { ar: string; en: string }) {
  const block = page.getByTestId('session-block').filter({ hasText: from });
  await tabTo(page, block, { max: 80 });
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('session-editor');
  await expect(editor.locator('#session-kind')).toBeFocused();
  await tabTo(page, editor.locator('#session-titleAr'));
  await typeOver(page, to.ar);
  await page.keyboard.press('Tab');
  await expect(editor.locator('#session-titleEn')).toBeFocused();
  await typeOver(page, to.en);
  await tabTo(page, editor.getByRole('button', { name: 'حفظ' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  const renamed = page.getByTestId('session-block').filter({ hasText: to.ar });
  await expect(renamed).toBeVisible();
  // Back on the block that opened the editor, ready for the next one.
  await expect(renamed).toBeFocused();
}

test("seed 003 from the keyboard alone: the ministry's vision workshop, its day typed in Hijri", async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const card = await buildEvent(page, {
    kind: 'workshop',
    titleAr: 'ورشة عمل رؤية وزارة الشؤون البلدية والقروية',
    titleEn: 'Workshop: the vision of the Ministry of Municipal and Rural Affairs',
    // Wednesday 20 Shawwal 1436 (5 August 2015), as the report gives it.
    day: { calendar: 'hijri', typed: '20/10/1436' },
    venue: { hotel: 'فندق شيراتون الدمام', hall: 'قاعة الاحتفالات', city: 'الدمام' },
    organiser: 'أمانة المنطقة الشرقية',
  });
  const [forum] = await callApi<{ id: string; kind: string; firstDay: string; lastDay: string }[]>(page, 'forums.list');
  expect(forum).toMatchObject({ kind: 'workshop', firstDay: '2015-08-05', lastDay: '2015-08-05' });

  // Its programme: the workshop's template by Enter, then its sessions named as the report names them.
  await tabTo(page, card.getByRole('button', { name: 'البرنامج' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('programme-page')).toBeVisible();
  await expectFocusKept(page);
  await tabTo(page, page.getByRole('button', { name: /ترتيب يوم نموذجي/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-block')).toHaveCount(7);
  await expectFocusKept(page);
  await renameSession(page, 'ورشة العمل: الجزء الأول', {
    ar: 'رؤية الوزارة ورسالتها: فريق الاستراتيجية',
    en: "The ministry's vision and mission: the strategy team",
  });
  await renameSession(page, 'ورشة العمل: الجزء الثاني', {
    ar: 'الأهداف الاستراتيجية للوزارة',
    en: "The ministry's strategic objectives",
  });

  // A session added by hand, its times typed, saved by Enter on Save.
  await tabTo(page, page.getByRole('button', { name: 'إضافة جلسة', exact: true }), { back: true, max: 80 });
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('session-editor');
  await expect(editor.locator('#session-kind')).toBeFocused();
  await arrowTo(page, editor.locator('#session-kind'), 'discussion');
  await tabTo(page, editor.locator('#session-titleAr'));
  await typeOver(page, 'مبادرات الأمانات وتبادل الخبرات');
  await tabTo(page, editor.locator('#session-start'));
  await typeOver(page, '12:45');
  await page.keyboard.press('Tab');
  await expect(editor.locator('#session-end')).toBeFocused();
  await typeOver(page, '13:15');
  await tabTo(page, editor.getByRole('button', { name: 'حفظ' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  await expectFocusKept(page);
  const added = page.getByTestId('session-block').filter({ hasText: 'مبادرات الأمانات وتبادل الخبرات' });
  await expect(added).toContainText('12:45');

  // Escape in an editor opened by mistake closes it and gives the focus back.
  await tabTo(page, added, { max: 80 });
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(added).toBeFocused();
  await snap(page, 'ar-keyboard-workshop-003');

  const view = await callApi<{ sessions: { titleAr: string; start: number; end: number; day: string }[] }>(
    page,
    'programme.get',
    { forumId: forum?.id },
  );
  expect(view.sessions).toHaveLength(8);
  expect(view.sessions.map((s) => s.titleAr)).toEqual(
    expect.arrayContaining([
      'رؤية الوزارة ورسالتها: فريق الاستراتيجية',
      'الأهداف الاستراتيجية للوزارة',
      'مبادرات الأمانات وتبادل الخبرات',
    ]),
  );
  expect(view.sessions.every((s) => s.day === '2015-08-05')).toBe(true);
  expect(view.sessions.find((s) => s.titleAr === 'مبادرات الأمانات وتبادل الخبرات')).toMatchObject({
    start: 12 * 60 + 45,
    end: 13 * 60 + 15,
  });
});

test("seed 004 from the keyboard alone: the official visit of the ministry's head of services and infrastructure", async ({
  page,
  server,
}) => {
  await openApp(page, server);
  const card = await buildEvent(page, {
    kind: 'official_visit',
    titleAr: 'زيارة رئيس قطاع الخدمات والبنية التحتية بالوزارة',
    titleEn: "Visit of the ministry's head of services and infrastructure",
    // The report gives no day: one typed in Gregorian, the other way in.
    day: { calendar: 'gregorian', typed: '16/03/2022' },
    venue: { hotel: '', hall: 'مقر الأمانة', city: 'الدمام' },
    organiser: 'أمانة المنطقة الشرقية',
  });
  const [forum] = await callApi<{ id: string; kind: string; firstDay: string; lastDay: string }[]>(page, 'forums.list');
  expect(forum).toMatchObject({ kind: 'official_visit', firstDay: '2022-03-16', lastDay: '2022-03-16' });

  await tabTo(page, card.getByRole('button', { name: 'البرنامج' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: /ترتيب يوم نموذجي/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-block')).toHaveCount(5);
  await renameSession(page, 'اجتماع وعروض تعريفية', {
    ar: 'خطة تطوير قطاع الخدمات البلدية والبنية التحتية',
    en: 'The plan for municipal services and infrastructure',
  });
  // One tour of three stops (typed in the session editor: the official-visit journey does that).
  await renameSession(page, 'جولة ميدانية', {
    ar: 'جولة: مركز البلاغات 940 ووكالة التعمير وغرفة الأزمات',
    en: 'Tour: the 940 call centre, the projects agency and the crisis room',
  });

  // The accompanying delegation: the Delegations tab and its form, from the keyboard.
  await tabTo(page, page.getByRole('tab', { name: 'الوفود' }), { back: true, max: 80 });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'إضافة وفد' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#delegation-nameAr')).toBeFocused();
  await page.keyboard.type('وفد وزارة الشؤون البلدية والقروية والإسكان');
  await tabTo(page, page.getByTestId('delegation-editor').getByRole('button', { name: 'حفظ' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('delegation-editor')).toBeHidden();
  await expect(page.getByRole('button', { name: 'إضافة وفد' })).toBeFocused();
  await snap(page, 'ar-keyboard-visit-004-delegations');

  // Back to the programme tab, and from the programme back to the list, all by the keyboard.
  await tabTo(page, page.getByRole('tab', { name: 'البرنامج' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-block')).toHaveCount(5);
  await snap(page, 'ar-keyboard-visit-004');

  // The top bar is reached by Shift+Tab too: English, by Enter, and the focus stays on the switch.
  const toEnglish = page.getByRole('button', { name: 'Switch to English' });
  await tabTo(page, toEnglish, { back: true, max: 80 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Programme' })).toBeVisible();
  await expectFocusKept(page);
  await snap(page, 'en-keyboard-visit-004');

  const view = await callApi<{ sessions: { titleAr: string }[]; delegations: { nameAr: string }[] }>(
    page,
    'programme.get',
    { forumId: forum?.id },
  );
  expect(view.sessions.map((s) => s.titleAr)).toEqual(
    expect.arrayContaining([
      'خطة تطوير قطاع الخدمات البلدية والبنية التحتية',
      'جولة: مركز البلاغات 940 ووكالة التعمير وغرفة الأزمات',
    ]),
  );
  expect(view.delegations.map((d) => d.nameAr)).toEqual(['وفد وزارة الشؤون البلدية والقروية والإسكان']);
});
