import { expect, type Page } from '@playwright/test';

/**
 * The forum of seed 002: the second
 * exchange forum between the municipalities of Muscat and Sohar, 4–5 December,
 * under the patronage of the chairman of Muscat Municipality, ~200 participants.
 */
export const SEED_002 = {
  /** The edition's number, typed in Arabic-Indic digits: الملتقى الثاني. */
  editionNumber: '٢',
  titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
  titleEn: 'Second Experience Exchange Forum of the Municipalities of Muscat and Sohar',
  slogan: 'حلول مبتكرة لخدمات بلدية مستدامة',
  patron: 'معالي المهندس/محسن بن محمد الشيخ رئيس بلدية مسقط',
  hall: 'قاعة عمان',
  hotel: 'فندق شيراتون عمان',
  city: 'مسقط',
  country: 'سلطنة عمان',
  organisers: ['بلدية مسقط', 'بلدية صحار'],
  partners: ['مدينة سيؤول'],
  objectives: [
    'إثراء الخبرات وتبادلها بين البلديتين',
    'استعراض التحديات التي تواجه العمل البلدي وإيجاد الحلول المثلى لها',
    'تبني مبادرات التطوير والابتكار في التنمية الحضرية',
  ],
  attendance: '200',
};

async function fillList(page: Page, id: string, items: string[]) {
  for (const [i, item] of items.entries()) {
    await page.getByTestId(`${id}-add`).click();
    await page.locator(`#${id} li input[data-list-item]`).nth(i).fill(item);
  }
}

/** Fills the new-forum form with seed 002 and saves it (typing the first day in Hijri, Arabic-Indic digits). */
export async function createSeed002(page: Page, shoot?: (name: string) => Promise<void>) {
  await page.getByRole('button', { name: 'فعالية جديدة' }).click();
  await expect(page.getByRole('heading', { name: 'فعالية جديدة' })).toBeVisible();
  await page.locator('#forum-kind').selectOption('forum');
  await page.locator('#forum-status').selectOption('published');
  await page.locator('#forum-editionNumber').fill(SEED_002.editionNumber);
  await expect(page.getByTestId('edition-printed')).toHaveText('يطبع: الملتقى الثاني · 2nd Forum');
  await page.locator('#forum-titleAr').fill(SEED_002.titleAr);
  await page.locator('#forum-titleEn').fill(SEED_002.titleEn);
  await page.locator('#forum-slogan').fill(SEED_002.slogan);
  await page.locator('#forum-patron').fill(SEED_002.patron);
  await page.locator('#forum-expectedAttendance').fill(SEED_002.attendance);
  // First day typed in Hijri: 24 Jumada al-Akhirah 1448 is Friday 4 December 2026.
  await page.getByTestId('forum-firstDay-hijri').fill('٢٤/٠٦/١٤٤٨');
  await page.getByTestId('forum-firstDay-hijri').press('Enter');
  await expect(page.getByTestId('forum-firstDay-gregorian')).toHaveValue('04/12/2026');
  // Last day typed in Gregorian, day first; the Hijri side follows.
  await page.getByTestId('forum-lastDay-gregorian').fill('05/12/2026');
  await expect(page.getByTestId('forum-lastDay-hijri')).toHaveValue('25/06/1448');
  await expect(page.getByTestId('forum-lastDay-both')).toContainText('25 جمادى الآخرة 1448');
  await expect(page.getByTestId('forum-lastDay-both')).toContainText('5 ديسمبر 2026م');
  await page.locator('#forum-venue-hall').fill(SEED_002.hall);
  await page.locator('#forum-venue-hotel').fill(SEED_002.hotel);
  await page.locator('#forum-venue-city').fill(SEED_002.city);
  await page.locator('#forum-venue-country').fill(SEED_002.country);
  await fillList(page, 'forum-organisers', SEED_002.organisers);
  await fillList(page, 'forum-partners', SEED_002.partners);
  await fillList(page, 'forum-objectives', SEED_002.objectives);
  await page
    .locator('#forum-description')
    .fill('ملتقى لتبادل الخبرات والتجارب بين بلدية مسقط وبلدية صحار بمشاركة وفد من سيؤول.');
  await shoot?.('ar-forum-form');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText('أُنشئت الفعالية.')).toBeVisible();
}
