import type { Locator, Page } from '@playwright/test';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { newDelegation } from '../../src/shared/domain/programme-edit';
import { callApi, expect, openApp, snap, startExport, test } from './fixtures';

/**
 * Text of both directions on one line shows in its reading order, judged by
 * where the characters land on screen: «(.multaqa)» with its dot first, a
 * mobile's digit groups in order, an Arabic edition inside English, an Arabic
 * place joined by the Arabic comma, Arabic hints from the right, a file name
 * ending on its extension.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = 'ملتقى المدن العربية';

/** Where `piece` starts on screen (the left edge of its first character), inside `box`'s text. */
async function xOf(box: Locator, piece: string): Promise<number> {
  return box.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getBoundingClientRect().left;
    }
    throw new Error(`"${wanted}" is not in ${el.textContent}`);
  }, piece);
}

async function seed(page: Page): Promise<string> {
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-03-01'),
    titleAr: TITLE,
    titleEn: 'Arab cities forum',
    edition: 'الدورة الـ55',
    venue: { hotel: '', hall: '', city: 'الرباط', country: 'المملكة المغربية' },
  });
  await callApi(page, 'programme.saveDelegation', {
    forumId: forum.id,
    delegation: newDelegation(crypto.randomUUID(), {
      nameAr: 'وفد مدينة الرباط',
      city: 'الرباط',
      country: 'المملكة المغربية',
    }),
  });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();
  return forum.id;
}

test('mixed-direction text reads in order on screen, in Arabic and in English', async ({ page, server }) => {
  await openApp(page, server);
  await seed(page);
  const card = page.getByRole('article', { name: TITLE, exact: true });

  // «(.multaqa)»: the dot before the name, both in the brackets.
  const importButton = page.getByRole('button', { name: /استيراد ملف ملتقى/ });
  expect(await xOf(importButton, '.')).toBeLessThan(await xOf(importButton, 'm'));
  // The brackets hold it as a right-to-left line does: the opening one (first read) on its right.
  expect(await xOf(importButton, '(')).toBeGreaterThan(await xOf(importButton, 'm'));
  expect(await xOf(importButton, ')')).toBeLessThan(await xOf(importButton, '.'));
  // An Arabic place: the Arabic comma.
  await expect(card).toContainText('الرباط، المملكة المغربية');

  // Arabic hints start from the right, their guillemets and ellipsis where Arabic puts them.
  await card.getByRole('button', { name: 'تعديل' }).click();
  const patron = page.locator('#forum-patron');
  await expect(patron).toHaveAttribute('placeholder', 'الاسم كما يطبع بعد «تحت رعاية»');
  expect(await patron.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // The country code list reads left to right, «+966» with its plus first.
  const phone = page.locator('#forum-phoneCountry');
  await expect(phone).toHaveAttribute('dir', 'ltr');
  await expect(phone.locator('option:checked')).toHaveText('+966 السعودية');
  // Date boxes keep their hint left to right: it maps the parts as they are typed.
  const dateBox = page.getByTestId('forum-firstDay-gregorian');
  expect(await dateBox.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  await snap(page, 'laptop-ar-bidi-forum-form');
  await page.getByRole('button', { name: 'إلغاء' }).click();

  // The check-in box: its hint from the right, the ellipsis at its end (the left).
  await card.getByRole('button', { name: 'تسجيل الحضور' }).click();
  const search = page.getByRole('combobox', { name: /./ }).first();
  expect(await search.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await snap(page, 'laptop-ar-bidi-checkin');
  await page.getByRole('button', { name: 'الفعاليات', exact: true }).click();

  // A mobile in an import's samples, after an Arabic label: its groups left to right.
  await card.getByRole('button', { name: 'المسجلون' }).click();
  await page.getByRole('button', { name: 'استيراد جدول بيانات…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('اختيار ملف…').setInputFiles({
    name: 'كشف.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('الاسم,الجوال\r\nأحمد بن علي الحارثي,جوال: +968 9123 4567\r\n', 'utf8'),
  });
  const sample = dialog.locator('.import-samples bdi').filter({ hasText: '9123' });
  await expect(sample).toBeVisible();
  expect(await xOf(sample, '+')).toBeLessThan(await xOf(sample, '9123'));
  expect(await xOf(sample, '9123')).toBeLessThan(await xOf(sample, '4567'));
  await snap(page, 'laptop-ar-bidi-import');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // In English: an edition kept as the Arabic words it was typed in, isolated whole; the Arabic place with the
  // Arabic comma.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Events', exact: true }).click();
  const edition = page.getByRole('article', { name: 'Arab cities forum' }).locator('.edition');
  await expect(edition.locator('bdi')).toHaveText('الدورة الـ55');
  // Read right to left inside the English card: «الدورة» (the first word) to the right of «الـ55».
  expect(await xOf(edition, 'الدورة')).toBeGreaterThan(await xOf(edition, 'الـ'));
  await expect(page.getByRole('article', { name: 'Arab cities forum' })).toContainText('الرباط، المملكة المغربية');
  await snap(page, 'laptop-en-bidi-forums');

  // A delegation's city and country, in English: the Arabic comma between Arabic parts.
  await page.getByRole('article', { name: 'Arab cities forum' }).getByRole('button', { name: 'Programme' }).click();
  await page.getByRole('tab', { name: 'Delegations' }).click();
  await expect(page.getByTestId('delegation')).toContainText('الرباط، المملكة المغربية');
  await expect(page.getByTestId('delegation')).not.toContainText('الرباط,');

  // "Saved:" then the file name left to right, ending on its extension.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page
    .getByRole('article', { name: 'Arab cities forum' })
    .getByRole('button', { name: 'Print and export' })
    .click();
  await startExport(page);
  await expect(page.getByTestId('export-status')).toContainText('Saved:', { timeout: 30_000 });
  const fileName = page.getByTestId('export-status').locator('.file-name');
  await expect(fileName).toHaveAttribute('dir', 'ltr');
  const name = (await fileName.textContent()) ?? '';
  expect(await xOf(fileName, name.slice(-4))).toBeGreaterThan(await xOf(fileName, name.slice(0, 1)));
  await snap(page, 'laptop-en-bidi-export');
});
