import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyPersonInput } from '../../src/shared/domain/person';
import { newSession } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * Every page and form through axe-core, in Arabic and in English: no serious
 * or critical violation. What it names is printed, so a failure says what to fix.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = { ar: 'ورشة التحول الرقمي في العمل البلدي', en: 'Digital transformation workshop' };

async function seed(page: Page): Promise<void> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-04-12'),
    kind: 'workshop',
    titleAr: TITLE.ar,
    titleEn: TITLE.en,
  });
  const hall = crypto.randomUUID();
  await callApi(page, 'programme.saveHall', {
    forumId: forum.id,
    hall: { id: hall, nameAr: 'قاعة التدريب', nameEn: 'Training room', capacity: 40 },
  });
  await callApi(page, 'people.save', { ...emptyPersonInput(), id: crypto.randomUUID(), nameAr: 'سالم الهنائي' });
  await callApi(page, 'programme.saveSessions', {
    forumId: forum.id,
    sessions: [
      newSession(crypto.randomUUID(), {
        day: '2026-04-12',
        start: 540,
        end: 555,
        kind: 'registration',
        titleAr: 'التسجيل',
      }),
      newSession(crypto.randomUUID(), {
        day: '2026-04-12',
        start: 555,
        end: 660,
        titleAr: 'الجلسة الأولى',
        hallId: hall,
      }),
    ],
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
}

async function check(page: Page, where: string): Promise<string[]> {
  await page.waitForTimeout(150);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' ; ')}`,
    );
}

for (const lang of ['ar', 'en'] as const) {
  test(`every page has no serious or critical accessibility violation, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async ({
    page,
    server,
  }) => {
    test.setTimeout(120_000);
    await openApp(page, server);
    await seed(page);
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const w =
      lang === 'ar'
        ? {
            events: 'الفعاليات',
            newEvent: 'فعالية جديدة',
            cancel: 'إلغاء',
            programme: 'البرنامج',
            halls: 'القاعات',
            delegations: 'الوفود',
            addDelegation: 'إضافة وفد',
            people: 'الأشخاص',
            addPerson: 'إضافة شخص',
            organisations: 'الجهات',
            registrants: 'المسجلون',
            checkIn: 'تسجيل الحضور',
            export: 'طباعة وتصدير',
            backups: 'النسخ الاحتياطية',
            settings: 'الإعدادات',
            addRegistration: /إضافة مسجل/,
            close: 'إغلاق',
          }
        : {
            events: 'Events',
            newEvent: 'New event',
            cancel: 'Cancel',
            programme: 'Programme',
            halls: 'Halls',
            delegations: 'Delegations',
            addDelegation: 'Add delegation',
            people: 'People',
            addPerson: 'Add person',
            organisations: 'Organisations',
            registrants: 'Registrations',
            checkIn: 'Check-in',
            export: 'Print and export',
            backups: 'Backups',
            settings: 'Settings',
            addRegistration: /Add registration/,
            close: 'Close',
          };
    const found: string[] = [];
    const card = () => page.getByRole('article', { name: TITLE[lang], exact: true });
    const nav = (name: string) => page.locator('.topbar').getByRole('button', { name, exact: true }).click();

    found.push(...(await check(page, 'events')));
    await snap(page, `laptop-${lang}-a11y-events`);
    await page.getByRole('button', { name: new RegExp(w.newEvent) }).click();
    found.push(...(await check(page, 'event form')));
    await page.getByRole('button', { name: w.cancel, exact: true }).click();

    await card().getByRole('button', { name: w.programme }).click();
    await expect(page.getByTestId('session-block')).toHaveCount(2);
    found.push(...(await check(page, 'programme')));
    await page.getByTestId('session-block').last().dblclick();
    found.push(...(await check(page, 'session editor')));
    await page.getByTestId('session-editor').getByRole('button', { name: w.close }).click();
    await page.getByRole('tab', { name: w.halls }).click();
    found.push(...(await check(page, 'halls')));
    await page.getByRole('tab', { name: w.delegations }).click();
    await page.getByRole('button', { name: w.addDelegation }).click();
    found.push(...(await check(page, 'delegation form')));
    await page.keyboard.press('Escape');

    await nav(w.people);
    found.push(...(await check(page, 'people')));
    await page.getByRole('button', { name: w.addPerson }).click();
    found.push(...(await check(page, 'person form')));
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: w.organisations }).click();
    found.push(...(await check(page, 'organisations')));

    await nav(w.events);
    await card().getByRole('button', { name: w.registrants }).click();
    found.push(...(await check(page, 'registrations')));
    await page.getByRole('button', { name: w.addRegistration }).click();
    found.push(...(await check(page, 'registration form')));
    await page.keyboard.press('Escape');
    await nav(w.events);
    await card().getByRole('button', { name: w.checkIn }).click();
    found.push(...(await check(page, 'check-in')));
    await nav(w.events);
    await card().getByRole('button', { name: w.export }).click();
    found.push(...(await check(page, 'export')));
    await nav(w.backups);
    found.push(...(await check(page, 'backups')));
    await nav(w.settings);
    found.push(...(await check(page, 'settings')));

    expect(found).toEqual([]);
  });
}
