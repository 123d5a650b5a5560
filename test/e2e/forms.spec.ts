import type { Locator, Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import { emptyRegistrationInput } from '../../src/shared/domain/registration';
import { callApi, expect, type MultaqaServer, openApp, snap, test } from './fixtures';

/**
 * Nothing typed is lost: every form (event, session, person, delegation,
 * registration) asks before it drops unsaved changes, whichever way it is
 * left, and Escape inside a picker closes only the picker.
 */

const TITLE = 'ورشة عمل رؤية الوزارة';

/** The app opened, then one forum made through it (see seedForum). */
async function openWithForum(page: Page, server: MultaqaServer): Promise<string> {
  await openApp(page, server);
  return seedForum(page);
}

/** One forum (with a hall and one person in the directory), made through the API, then the app reopened. */
async function seedForum(page: Page): Promise<string> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2015-08-05'),
    titleAr: TITLE,
    lastDay: '2015-08-06',
  });
  await callApi(page, 'programme.saveHall', {
    forumId: forum.id,
    hall: { id: crypto.randomUUID(), nameAr: 'القاعة الكبرى', nameEn: 'Main hall', capacity: 200 },
  });
  await callApi(page, 'people.save', {
    ...emptyPersonInput(),
    id: crypto.randomUUID(),
    nameAr: 'رقية بنت سالم الحارثية',
    nameEn: 'Ruqayya Al-Harthi',
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  return forum.id;
}

const question = (page: Page) => page.getByTestId('unsaved-question');

/** The question is asked; "Keep editing" leaves the form as it was. */
async function expectQuestionThenKeep(page: Page, form: Locator) {
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('ما كتبته في هذا النموذج لم يُحفظ بعد');
  // The safe answer has the focus: Enter keeps editing.
  await expect(question(page).getByRole('button', { name: 'متابعة التعديل' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question(page)).toBeHidden();
  await expect(form).toBeVisible();
}

test('the event form: Escape, Cancel and leaving for another page ask before anything typed is dropped', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  const form = page.locator('form.forum-form');
  // Nothing typed yet: Escape simply leaves.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').fill(TITLE);
  await page.keyboard.press('Escape');
  await expectQuestionThenKeep(page, form);
  await expect(page.locator('#forum-titleAr')).toHaveValue(TITLE);

  // Escape on the question itself is "keep editing" too.
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await expect(question(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeHidden();
  await expect(page.locator('#forum-titleAr')).toHaveValue(TITLE);

  // Escape inside the Hijri picker closes the picker alone.
  await page.getByRole('button', { name: 'اختر من التقويم الهجري' }).first().click();
  const grid = page.locator('.hijri-grid');
  await expect(grid).toBeVisible();
  await grid.getByRole('button').nth(5).focus();
  await page.keyboard.press('Escape');
  await expect(grid).toBeHidden();
  await expect(question(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'اختر من التقويم الهجري' }).first()).toBeFocused();

  // Another section of the top bar: asked, then kept.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await expectQuestionThenKeep(page, form);
  await expect(page.locator('#forum-titleAr')).toHaveValue(TITLE);
  await snap(page, 'ar-unsaved-question');

  // Discarding really leaves, and nothing was saved.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await question(page).getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(page.getByRole('heading', { name: 'الأشخاص' })).toBeVisible();
  expect(await callApi<unknown[]>(page, 'forums.list')).toHaveLength(0);
});

test('reloading or closing the page with unsaved changes asks the browser to confirm', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').click();
  await page.keyboard.type(TITLE);
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    });
  });
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('a form with nothing changed reloads without a question', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').click();
  let asked = false;
  page.on('dialog', (dialog) => {
    asked = true;
    void dialog.accept();
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'الفعاليات' })).toBeVisible();
  expect(asked).toBe(false);
});

test('the session editor, the delegation form, the person form and the registration form follow the same rule', async ({
  page,
  server,
}) => {
  await openWithForum(page, server);
  const card = page.getByRole('article', { name: TITLE, exact: true });

  // Session editor: Escape in the chair picker's suggestions closes only them.
  await card.getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: 'إضافة جلسة' }).click();
  const editor = page.getByTestId('session-editor');
  await editor.locator('#session-titleAr').fill('الجلسة الأولى');
  const chair = editor.getByTestId('chair-picker');
  await chair.fill('رقية');
  await expect(page.getByRole('option', { name: /رقية/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: /رقية/ })).toBeHidden();
  await expect(question(page)).toBeHidden();
  await expect(editor).toBeVisible();
  // A second Escape is for the editor: it asks.
  await page.keyboard.press('Escape');
  await expectQuestionThenKeep(page, editor);
  await editor.getByRole('button', { name: 'إغلاق' }).click();
  await expectQuestionThenKeep(page, editor);
  // The delegations tab would drop the editor: asked first.
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await expectQuestionThenKeep(page, editor);
  await expect(editor.locator('#session-titleAr')).toHaveValue('الجلسة الأولى');
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await question(page).getByRole('button', { name: 'تجاهل التعديلات' }).click();

  // Delegation form.
  await page.getByRole('button', { name: 'إضافة وفد' }).click();
  const delegation = page.getByTestId('delegation-editor');
  await delegation.locator('#delegation-nameAr').fill('وفد مدينة الدمام');
  await page.keyboard.press('Escape');
  await expectQuestionThenKeep(page, delegation);
  await delegation.getByRole('button', { name: 'إلغاء' }).click();
  await expectQuestionThenKeep(page, delegation);
  await expect(delegation.locator('#delegation-nameAr')).toHaveValue('وفد مدينة الدمام');
  // The back button leaves the whole page: asked too.
  await page.getByRole('button', { name: 'رجوع' }).click();
  await expectQuestionThenKeep(page, delegation);
  await page.getByRole('button', { name: 'رجوع' }).click();
  await question(page).getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(card).toBeVisible();

  // Person form: Escape now closes it (unchanged) or asks (changed).
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  const person = page.locator('form.person-form');
  await page.keyboard.press('Escape');
  await expect(person).toBeHidden();
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await person.locator('#person-nameAr').fill('هدى الشمري');
  await page.keyboard.press('Escape');
  await expectQuestionThenKeep(page, person);
  await page.getByRole('tab', { name: 'الجهات' }).click();
  await expectQuestionThenKeep(page, person);
  await expect(person.locator('#person-nameAr')).toHaveValue('هدى الشمري');
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await question(page).getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(person).toBeHidden();
  await expect(page.getByTestId('person-row')).toHaveCount(1);

  // Registration form (a modal dialog): Escape asks instead of closing it.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await card.getByRole('button', { name: 'المسجلون' }).click();
  await page.getByRole('button', { name: /إضافة مسجل/ }).click();
  const registration = page.getByTestId('registration-form');
  await registration.locator('#reg-fullName').fill('عبدالله القحطاني');
  await page.keyboard.press('Escape');
  await expectQuestionThenKeep(page, registration);
  await expect(registration.locator('#reg-fullName')).toHaveValue('عبدالله القحطاني');
  await registration.getByRole('button', { name: 'إلغاء' }).click();
  await question(page).getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(registration).toBeHidden();
});

test('eight digits typed over the selected year of the Gregorian box make a day, and the app stays', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').fill(TITLE);
  const gregorian = page.getByTestId('forum-firstDay-gregorian');
  await gregorian.fill('05/08/2015');
  await expect(page.getByTestId('forum-firstDay-hijri')).toHaveValue('20/10/1436');
  // The year part selected, as a double click or Shift+arrows leave it, then 04072018 typed.
  await gregorian.focus();
  await gregorian.evaluate((input: HTMLInputElement) => input.setSelectionRange(6, 10));
  await page.keyboard.type('04072018');
  await expect(gregorian).toHaveValue('04/07/2018');
  await expect(page.getByTestId('forum-firstDay-hijri')).toHaveValue('20/10/1439');
  await expect(page.getByTestId('forum-firstDay-both')).toContainText('4 يوليو 2018');
  await expect(page.getByTestId('page-error')).toHaveCount(0);
  await expect(page.locator('#forum-titleAr')).toHaveValue(TITLE);
});

test('a date box refuses an impossible part as it is typed, and the day stays as it was', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  const gregorian = page.getByTestId('forum-firstDay-gregorian');
  const hijri = page.getByTestId('forum-firstDay-hijri');
  await gregorian.fill('05/08/2015');
  const field = page.locator('#forum-firstDay');
  for (const [typed, message] of [
    ['32', 'لا يزيد أي شهر على 31 يومًا.'],
    ['04/13', 'الشهر رقم من 1 إلى 12.'],
    ['04/07/40720', 'السنة أربعة أرقام.'],
    ['04/07/3018', 'اكتب سنة من 1900 إلى 2100.'],
    ['31/04/2015', 'هذا التاريخ الميلادي غير موجود.'],
  ] as const) {
    await gregorian.fill('');
    await gregorian.pressSequentially(typed);
    await expect(field.getByRole('alert'), typed).toHaveText(message);
    await expect(gregorian).toHaveAttribute('aria-invalid', 'true');
    await expect(hijri).toHaveValue('20/10/1436');
  }
  await hijri.fill('31/01/1440');
  await expect(field.getByRole('alert')).toHaveText('لا يزيد أي شهر هجري على 30 يومًا.');
  // Saving with a refused day goes to the box, not to the file.
  await page.locator('#forum-titleAr').fill(TITLE);
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('راجع الحقول المعلّمة أدناه.')).toBeVisible();
  await expect(hijri).toBeFocused();
  expect(await callApi<unknown[]>(page, 'forums.list')).toHaveLength(0);
  // Put right, the error goes and the day is taken.
  await hijri.fill('12/03/1443');
  await expect(field.getByRole('alert')).toHaveCount(0);
  await expect(gregorian).toHaveValue('18/10/2021');
});

test('a page that breaks shows what went wrong in the app language, keeps what was typed, and offers a way back', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-titleAr').fill(TITLE);
  // An unforeseen fault while drawing the page: the calendar formatting throws.
  await page.evaluate(() => {
    const real = Intl.DateTimeFormat.prototype.formatToParts;
    const patched = Intl.DateTimeFormat.prototype as Intl.DateTimeFormat & { __real?: typeof real };
    patched.__real = real;
    Intl.DateTimeFormat.prototype.formatToParts = () => {
      throw new RangeError('Simulated calendar fault');
    };
  });
  await page.locator('#forum-titleEn').fill('Ministry vision workshop');
  const broken = page.getByTestId('page-error');
  await expect(broken).toBeVisible();
  await expect(broken.getByRole('heading')).toHaveText('حدث خطأ في هذه الصفحة');
  await expect(broken).toContainText('ما كنت تكتبه في النموذج باقٍ');
  await broken.getByText('تفاصيل للدعم الفني').click();
  await expect(broken).toContainText('Simulated calendar fault');
  // The rest of the app still works: the top bar is there, and the message follows the language.
  await snap(page, 'ar-page-error');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(broken.getByRole('heading')).toHaveText('Something went wrong on this page');
  await expect(broken).toContainText('what you were typing in a form is kept');
  await snap(page, 'en-page-error');

  // The fault gone, "Try again" brings the form back with what was typed.
  const restore = () =>
    page.evaluate(() => {
      const patched = Intl.DateTimeFormat.prototype as Intl.DateTimeFormat & {
        __real?: Intl.DateTimeFormat['formatToParts'];
      };
      if (patched.__real) Intl.DateTimeFormat.prototype.formatToParts = patched.__real;
    });
  await restore();
  await broken.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#forum-titleAr')).toHaveValue(TITLE);
  await expect(page.locator('#forum-titleEn')).toHaveValue('Ministry vision workshop');

  // Broken again, and this time the way back: the events, and a new form starts empty.
  await page.evaluate(() => {
    Intl.DateTimeFormat.prototype.formatToParts = () => {
      throw new RangeError('Simulated calendar fault');
    };
  });
  await page.locator('#forum-slogan').fill('x');
  await expect(broken).toBeVisible();
  await restore();
  await broken.getByRole('button', { name: 'Back to the events' }).click();
  await expect(page.getByRole('heading', { name: 'Events' })).toBeVisible();
  await page.getByRole('button', { name: 'New event' }).click();
  await expect(page.locator('#forum-titleAr')).toHaveValue('');
});

test.describe('on a computer set to US English (month first, 12-hour clock)', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('dates read day/month/year in both calendars and times the 24-hour clock, never the browser locale', async ({
    page,
    server,
  }) => {
    await openWithForum(page, server);
    const card = page.getByRole('article', { name: TITLE, exact: true });
    await card.getByRole('button', { name: 'تعديل' }).click();
    // 5 August 2015 (20 Shawwal 1436): day first on both sides, never 08/05/2015.
    await expect(page.getByTestId('forum-firstDay-gregorian')).toHaveValue('05/08/2015');
    await expect(page.getByTestId('forum-firstDay-hijri')).toHaveValue('20/10/1436');
    await expect(page.locator('input[type="date"], input[type="time"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'إلغاء' }).click();

    await card.getByRole('button', { name: 'البرنامج' }).click();
    await page.getByRole('button', { name: 'إضافة جلسة' }).click();
    const editor = page.getByTestId('session-editor');
    await expect(page.locator('input[type="date"], input[type="time"]')).toHaveCount(0);
    const start = editor.locator('#session-start');
    const end = editor.locator('#session-end');
    await expect(start).toHaveValue('09:00');
    // Four digits become a time; an impossible hour or minute is refused as it is typed.
    await start.fill('');
    await start.pressSequentially('1400');
    await expect(start).toHaveValue('14:00');
    await end.fill('');
    await end.pressSequentially('25');
    await expect(editor.getByText('الساعة من 00 إلى 23.')).toBeVisible();
    await expect(end).toHaveAttribute('aria-invalid', 'true');
    await end.fill('');
    await end.pressSequentially('15:7');
    await expect(editor.getByText('الدقائق من 00 إلى 59.')).toBeVisible();
    await end.fill('');
    await end.pressSequentially('1530');
    await expect(end).toHaveValue('15:30');
    await expect(editor.getByRole('alert')).toHaveCount(0);
    await editor.locator('#session-titleAr').fill('جلسة العصر');
    await editor.getByRole('button', { name: 'حفظ' }).click();
    await expect(editor).toBeHidden();
    // The grid says the same as the form: 14:00–15:30, not 2:00 PM.
    await expect(page.getByTestId('session-block').filter({ hasText: 'جلسة العصر' })).toContainText('14:00');
    await snap(page, 'ar-programme-24h');

    // English: still day first and 24-hour.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByTestId('session-block').filter({ hasText: 'جلسة العصر' }).dblclick();
    await expect(page.getByTestId('session-editor').locator('#session-end')).toHaveValue('15:30');
    await snap(page, 'en-session-editor');
    await page.getByTestId('session-editor').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('article').getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByTestId('forum-firstDay-gregorian')).toHaveValue('05/08/2015');
    await snap(page, 'en-forum-form');
  });
});

test('the last day follows the first, keeping the length; an event over two weeks asks before it is saved', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await page.locator('#forum-kind').selectOption('official_visit');
  await page.locator('#forum-titleAr').fill('زيارة وفد مدينة سيول');
  const first = {
    hijri: page.getByTestId('forum-firstDay-hijri'),
    gregorian: page.getByTestId('forum-firstDay-gregorian'),
  };
  const last = {
    hijri: page.getByTestId('forum-lastDay-hijri'),
    gregorian: page.getByTestId('forum-lastDay-gregorian'),
  };
  // A one-day visit typed in Hijri: the last day comes along, not left on today.
  await first.hijri.fill('12/03/1443');
  await first.hijri.press('Tab');
  await expect(first.gregorian).toHaveValue('18/10/2021');
  await expect(last.gregorian).toHaveValue('18/10/2021');
  // Two days, then the first day moved: still two days.
  await last.gregorian.fill('19/10/2021');
  await first.gregorian.fill('25/10/2021');
  await expect(last.gregorian).toHaveValue('26/10/2021');
  await expect(last.hijri).toHaveValue('20/03/1443');

  // Twenty-two days: asked, and "Check the dates" saves nothing and goes to the last day.
  await last.gregorian.fill('15/11/2021');
  await page.getByRole('button', { name: 'حفظ' }).click();
  const asked = page.getByTestId('long-event-question');
  await expect(asked).toBeVisible();
  await expect(asked).toContainText('هل هذا صحيح؟');
  await expect(asked).toContainText('15 نوفمبر 2021م');
  await snap(page, 'ar-long-event-question');
  await asked.getByRole('button', { name: 'مراجعة التاريخين' }).click();
  await expect(asked).toBeHidden();
  await expect(last.gregorian).toBeFocused();
  expect(await callApi<unknown[]>(page, 'forums.list')).toHaveLength(0);
  // Confirmed, it is saved with its 22 days.
  await page.keyboard.press('Control+s');
  await asked.getByRole('button', { name: 'نعم، احفظها' }).click();
  const card = page.getByRole('article', { name: 'زيارة وفد مدينة سيول', exact: true });
  await expect(card).toBeVisible();
  const [saved] = await callApi<{ firstDay: string; lastDay: string }[]>(page, 'forums.list');
  expect(saved).toMatchObject({ firstDay: '2021-10-25', lastDay: '2021-11-15' });
  // Its length confirmed once, editing something else does not ask again.
  await card.getByRole('button', { name: 'تعديل' }).click();
  await page.locator('#forum-slogan').fill('شراكة المدن الذكية');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('حُفظت التعديلات.')).toBeVisible();
  await expect(asked).toHaveCount(0);
});

test('a session ending before it starts is refused as the times are typed; past midnight only when ticked', async ({
  page,
  server,
}) => {
  const forumId = await openWithForum(page, server);
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: 'إضافة جلسة' }).click();
  const editor = page.getByTestId('session-editor');
  await editor.locator('#session-titleAr').fill('عشاء العمل');
  const start = editor.locator('#session-start');
  const end = editor.locator('#session-end');
  await start.fill('14:00');
  await end.fill('13:00');
  const problem = editor.getByText('تنتهي الجلسة قبل أن تبدأ.', { exact: false });
  // Said at once, before any save.
  await expect(problem).toBeVisible();
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  // Saving goes to the end time and saves nothing.
  await editor.locator('#session-titleAr').focus();
  await page.keyboard.press('Control+s');
  await expect(end).toBeFocused();
  await expect(editor).toBeVisible();
  const view = await callApi<{ sessions: unknown[] }>(page, 'programme.get', { forumId });
  expect(view.sessions).toHaveLength(0);
  // Equal times are no session either.
  await end.fill('14:00');
  await expect(problem).toBeVisible();
  // Fixed by typing a later end, the message goes.
  await end.fill('15:00');
  await expect(problem).toBeHidden();
  // A dinner from 21:00 to 01:00: refused until "after midnight" is ticked.
  await start.fill('21:00');
  await end.fill('01:00');
  await expect(problem).toBeVisible();
  await editor.getByRole('checkbox', { name: 'بعد منتصف الليل' }).check();
  await expect(problem).toBeHidden();
  await expect(end).toHaveValue('01:00');
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor).toBeHidden();
  const saved = await callApi<{ sessions: { start: number; end: number }[] }>(page, 'programme.get', { forumId });
  expect(saved.sessions).toMatchObject([{ start: 21 * 60, end: 25 * 60 }]);
});

test('a coffee break added by hand is titled and spans all halls, as the template makes it; undo names it', async ({
  page,
  server,
}) => {
  const forumId = await openWithForum(page, server);
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: 'إضافة جلسة', exact: true }).click();
  const editor = page.getByTestId('session-editor');
  // By hand, a session is named by its kind until a title is typed.
  await expect(editor.locator('#session-titleAr')).toHaveValue('جلسة أوراق عمل');
  await expect(editor.locator('#session-hall')).toHaveValue(/.+/);
  await editor.locator('#session-kind').selectOption('coffee_break');
  await expect(editor.locator('#session-titleAr')).toHaveValue('استراحة قهوة');
  await expect(editor.locator('#session-titleEn')).toHaveValue('Coffee break');
  await expect(editor.locator('#session-hall')).toHaveValue('');
  await editor.locator('#session-start').fill('10:00');
  await editor.locator('#session-end').fill('10:30');
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor).toBeHidden();
  const coffee = page.getByTestId('session-block').filter({ hasText: 'استراحة قهوة' });
  await expect(coffee).toHaveClass(/spanning/);
  await expect(page.getByTestId('conflict-list')).toContainText('لا تعارضات');
  await expect(page.getByRole('button', { name: 'تراجع: إضافة جلسة «استراحة قهوة»' })).toBeVisible();

  // A session whose title is cleared is still named in the undo history, never «».
  await page.getByRole('button', { name: 'إضافة جلسة', exact: true }).click();
  await editor.locator('#session-titleAr').fill('');
  await editor.locator('#session-titleEn').fill('');
  await editor.locator('#session-start').fill('11:00');
  await editor.locator('#session-end').fill('12:00');
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor).toBeHidden();
  const undo = page.locator('.history-buttons').getByRole('button').first();
  await expect(undo).toHaveAccessibleName('تراجع: إضافة جلسة «بلا عنوان»');
  await undo.click();
  await expect(page.getByText('تم التراجع: إضافة جلسة «بلا عنوان»')).toBeVisible();
  const view = await callApi<{ sessions: { kind: string; hallId: string | null; titleAr: string }[] }>(
    page,
    'programme.get',
    { forumId },
  );
  expect(view.sessions).toEqual([
    expect.objectContaining({ kind: 'coffee_break', hallId: null, titleAr: 'استراحة قهوة' }),
  ]);
});

test('focus in every form: the first field on open, the first invalid field on error, back to the opener on close', async ({
  page,
  server,
}) => {
  await openWithForum(page, server);

  // Event form.
  const newEvent = page.getByRole('button', { name: 'فعالية جديدة' });
  await newEvent.click();
  await expect(page.locator('#forum-kind')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#forum-status')).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(page.locator('#forum-titleAr')).toBeFocused();
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await expect(newEvent).toBeFocused();
  // Opened from a card's Edit: back to that Edit, although the list was drawn anew.
  const edit = page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'تعديل' });
  await edit.click();
  await expect(page.locator('#forum-kind')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();

  // Session editor, from "Add session" and from the grid.
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  const add = page.getByRole('button', { name: 'إضافة جلسة', exact: true });
  await add.click();
  const editor = page.getByTestId('session-editor');
  await expect(editor.locator('#session-kind')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(add).toBeFocused();

  // Delegation form: the name required, and the focus sent to it.
  await page.getByRole('tab', { name: 'الوفود' }).click();
  const newDelegation = page.getByRole('button', { name: 'إضافة وفد' });
  await newDelegation.click();
  await expect(page.locator('#delegation-nameAr')).toBeFocused();
  await page.locator('#delegation-city').fill('الدمام');
  await page.getByTestId('delegation-editor').getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('اكتب الاسم (بالعربية أو بالإنجليزية).')).toBeVisible();
  await expect(page.locator('#delegation-nameAr')).toBeFocused();
  await page.keyboard.type('وفد أمانة الشرقية');
  await expect(page.getByText('اكتب الاسم (بالعربية أو بالإنجليزية).')).toBeHidden();
  await page.getByTestId('delegation-editor').getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('delegation-editor')).toBeHidden();
  await expect(newDelegation).toBeFocused();

  // Person form.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  const addPerson = page.getByRole('button', { name: 'إضافة شخص' });
  await addPerson.click();
  await expect(page.locator('#person-honorific')).toBeFocused();
  await page.locator('#person-email').fill('not an address');
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.locator('#person-nameAr')).toBeFocused();
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(addPerson).toBeFocused();
  const someone = page.getByRole('button', { name: /رقية بنت سالم الحارثية/ });
  await someone.click();
  await expect(page.locator('#person-honorific')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(someone).toBeFocused();

  // Registration form (a modal dialog): its name box first, by design.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'المسجلون' }).click();
  const addRegistrant = page.getByRole('button', { name: /إضافة مسجل/ });
  await addRegistrant.click();
  await expect(page.locator('#reg-fullName')).toBeFocused();
  await page.locator('#reg-email').fill('a@b');
  await page.locator('#reg-fullName').fill('');
  await page.getByTestId('registration-form').getByRole('button', { name: 'حفظ' }).click();
  await expect(page.locator('#reg-fullName')).toBeFocused();
  await page.getByTestId('registration-form').getByRole('button', { name: 'إلغاء' }).click();
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();
  await expect(page.getByTestId('registration-form')).toBeHidden();
  await expect(addRegistrant).toBeFocused();
});

test('keys typed right after the key that opens a form or a field land in it, not one letter lost', async ({
  page,
  server,
}) => {
  // A busy laptop draws its next frame late: a quarter of a second here, while the coordinator types on.
  await page.addInitScript(() => {
    const nextFrame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => nextFrame((time) => setTimeout(() => callback(time), 250));
  });
  await openWithForum(page, server);

  // A form: the delegation form starts on its name.
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await page.getByRole('button', { name: 'إضافة وفد' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('وفد أمانة الشرقية');
  await expect(page.locator('#delegation-nameAr')).toHaveValue('وفد أمانة الشرقية');
  await page.keyboard.press('Escape');
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();

  // A modal dialog: the registration form starts on the name too.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'المسجلون' }).click();
  await page.getByRole('button', { name: /إضافة مسجل/ }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('هدى الشمري');
  await expect(page.locator('#reg-fullName')).toHaveValue('هدى الشمري');
  await page.keyboard.press('Escape');
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();

  // A field opened inside a form: a new organisation from the person form.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.locator('form.person-form').getByRole('button', { name: '+ جهة جديدة' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('أمانة منطقة الرياض');
  await expect(page.getByTestId('organisation-create').getByLabel('الاسم بالعربية')).toHaveValue('أمانة منطقة الرياض');
});

test('person search puts the best name match first, shows where it matched, and Enter picks it', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await callApi(page, 'people.save', {
    ...emptyPersonInput(),
    id: crypto.randomUUID(),
    nameAr: 'أحمد بن علي الزهراني',
    positionAr: 'أمين المنطقة الشرقية',
  });
  await seedForum(page);

  // The directory: «رقية» is the start of her name, only inside «الشرقية» for him.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await page.getByRole('searchbox').fill('رقية');
  const rows = page.getByTestId('person-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('رقية بنت سالم الحارثية');
  await expect(rows.first().locator('mark')).toHaveText('رقية');
  await expect(rows.last().locator('mark')).toHaveText('رقية');
  await expect(rows.last()).toContainText('أمين المنطقة الشرقية');

  // The chair picker: Enter puts the right person in the chair.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  await page.getByRole('button', { name: 'إضافة جلسة', exact: true }).click();
  const editor = page.getByTestId('session-editor');
  await editor.getByTestId('chair-picker').fill('رقية');
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toContainText('رقية بنت سالم الحارثية');
  // He is offered second, with the position that matched shown and marked.
  await expect(options.last()).toContainText('أمين المنطقة الشرقية');
  await expect(options.last().locator('mark')).toHaveText('رقية');
  await snap(page, 'ar-person-search');
  await page.keyboard.press('Enter');
  await expect(editor.getByTestId('chair-picker')).toContainText('رقية بنت سالم الحارثية');
});

test('undo and redo shortcuts work wherever the focus is, except in a text box with its own undo', async ({
  page,
  server,
}) => {
  const forumId = await openWithForum(page, server);
  for (const fullName of ['عبدالله القحطاني', 'نورة العنزي'])
    await callApi(page, 'registrations.save', { forumId, registration: { ...emptyRegistrationInput(), fullName } });
  const count = async () => (await callApi<unknown[]>(page, 'registrations.list', { forumId })).length;
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'المسجلون' }).click();
  const rows = page.getByTestId('registration-row');
  await expect(rows).toHaveCount(2);

  // Deleted from the keyboard in the table, the toast closed: Ctrl+Z from the table's tick box still undoes.
  const firstBox = rows.first().getByRole('checkbox');
  await firstBox.focus();
  // One row goes at once (it can be undone); a question is only for several.
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(1);
  await page.getByRole('status').getByRole('button', { name: 'إغلاق' }).click();
  await rows.first().getByRole('checkbox').focus();
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(2);
  expect(await count()).toBe(2);
  // Ctrl+Y from the same place redoes it.
  await rows.first().getByRole('checkbox').focus();
  await page.keyboard.press('Control+y');
  await expect(rows).toHaveCount(1);

  // In the search box, Ctrl+Z is the box's own: what was typed, not the deletion.
  const search = page.getByRole('searchbox');
  await search.click();
  await page.keyboard.type('نورة');
  await page.keyboard.press('Control+z');
  await expect(search).not.toHaveValue('نورة');
  await expect(page.getByText(/تم التراجع/)).toHaveCount(0);
  expect(await count()).toBe(1);

  // From a button (the page's own Back), it undoes again.
  await page.getByRole('button', { name: 'رجوع' }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/تم التراجع/)).toBeVisible();
  expect(await count()).toBe(2);
});

test('counts on screen use the Arabic plural forms', async ({ page, server }) => {
  await openApp(page, server);
  await expect(page.locator('.count')).toHaveText('لا فعاليات');
  await seedForum(page);
  await expect(page.locator('.count')).toHaveText('فعالية واحدة');
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await expect(page.getByText('شخص واحد', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page.getByRole('article', { name: TITLE, exact: true }).getByRole('button', { name: 'البرنامج' }).click();
  // The seeded hall seats 200: «200 مقعد», not «200 مقعدًا».
  await expect(page.locator('small', { hasText: '200' }).first()).toHaveText(/· 200 مقعد$/);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('small', { hasText: '200' }).first()).toHaveText(/· 200 seats$/);
});
