import type { Locator, Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * Nothing typed is lost: every form (event, session, person, delegation,
 * registration) asks before it drops unsaved changes, whichever way it is
 * left, and Escape inside a picker closes only the picker.
 */

const TITLE = 'ورشة عمل رؤية الوزارة';

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
  await openApp(page, server);
  await seedForum(page);
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
