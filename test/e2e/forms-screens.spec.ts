import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * The forms as a coordinator sees them on a 1366×768 laptop, in Arabic and
 * in English, each with something typed and something refused: the
 * screenshots (test-results/screens/laptop-*.png) are looked at by people.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = { ar: 'زيارة وفد مدينة سيول', en: 'Visit of the Seoul delegation' };

async function seed(page: Page): Promise<void> {
  await callApi(page, 'forums.create', {
    ...emptyForumInput('2021-10-18'),
    kind: 'official_visit',
    titleAr: TITLE.ar,
    titleEn: TITLE.en,
    lastDay: '2021-10-19',
  });
  const [forum] = await callApi<{ id: string }[]>(page, 'forums.list');
  await callApi(page, 'programme.saveHall', {
    forumId: forum?.id,
    hall: { id: crypto.randomUUID(), nameAr: 'قاعة المجلس', nameEn: 'Council hall', capacity: 120 },
  });
  await callApi(page, 'people.save', {
    ...emptyPersonInput(),
    id: crypto.randomUUID(),
    honorific: 'saada',
    nameAr: 'رقية بنت سالم الحارثية',
    nameEn: 'Ruqayya Al-Harthi',
    positionAr: 'مديرة العلاقات الدولية',
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
}

for (const lang of ['ar', 'en'] as const) {
  test(`the forms at 1366×768 in ${lang === 'ar' ? 'Arabic' : 'English'}`, async ({ page, server }) => {
    test.setTimeout(90_000);
    await openApp(page, server);
    await seed(page);
    if (lang === 'en') {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const words =
      lang === 'ar'
        ? { edit: 'تعديل', programme: 'البرنامج', add: 'إضافة جلسة', people: 'الأشخاص', registrants: 'المسجلون' }
        : { edit: 'Edit', programme: 'Programme', add: 'Add session', people: 'People', registrants: 'Registrations' };
    const card = page.getByRole('article', { name: TITLE[lang], exact: true });

    // Event form: a Gregorian day refused as typed, then the unsaved-changes question.
    await card.getByRole('button', { name: words.edit }).click();
    await page.getByTestId('forum-lastDay-gregorian').fill('');
    await page.getByTestId('forum-lastDay-gregorian').pressSequentially('32');
    await snap(page, `laptop-${lang}-forum-form`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('unsaved-question')).toBeVisible();
    await snap(page, `laptop-${lang}-unsaved-question`);
    await page.getByTestId('unsaved-question').getByRole('button').first().click();

    // Session editor: a coffee break by hand, its end before its start.
    await card.getByRole('button', { name: words.programme }).click();
    await page.getByRole('button', { name: words.add, exact: true }).click();
    const editor = page.getByTestId('session-editor');
    await editor.locator('#session-kind').selectOption('coffee_break');
    await editor.locator('#session-start').fill('10:30');
    await editor.locator('#session-end').fill('10:00');
    await snap(page, `laptop-${lang}-session-editor`);
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-question').getByRole('button').first().click();

    // Delegation form, its name missing.
    await page.getByRole('tab', { name: lang === 'ar' ? 'الوفود' : 'Delegations' }).click();
    await page.getByRole('button', { name: lang === 'ar' ? 'إضافة وفد' : 'Add delegation' }).click();
    await page
      .getByTestId('delegation-editor')
      .getByRole('button', { name: lang === 'ar' ? 'حفظ' : 'Save', exact: true })
      .click();
    await snap(page, `laptop-${lang}-delegation-form`);
    await page.keyboard.press('Escape');

    // Person form and the directory search.
    await page.getByRole('button', { name: words.people, exact: true }).click();
    await page.getByRole('searchbox').fill('رقية');
    await snap(page, `laptop-${lang}-people-search`);
    await page.getByRole('button', { name: lang === 'ar' ? 'إضافة شخص' : 'Add person' }).click();
    await page.locator('#person-nameAr').fill('هدى الشمري');
    await snap(page, `laptop-${lang}-person-form`);
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-question').getByRole('button').first().click();

    // Registration form (a dialog).
    await page.getByRole('button', { name: lang === 'ar' ? 'الفعاليات' : 'Events', exact: true }).click();
    await card.getByRole('button', { name: words.registrants }).click();
    await page.getByRole('button', { name: lang === 'ar' ? /إضافة مسجل/ : /Add registration/ }).click();
    await expect(page.getByTestId('registration-form')).toBeVisible();
    await snap(page, `laptop-${lang}-registration-form`);
  });
}
