import type { Locator, Page } from '@playwright/test';
import { expect, openApp, snap, test } from './fixtures';
import { createSeed002, SEED_002 } from './seed-002';

/**
 * The programme journey: the Muscat–Sohar forum of seed 002 gets its people, halls,
 * a laid-out first day, the opening ceremony under its patron, the Seoul
 * delegation, two working-paper sessions and a dialogue session; a presenter
 * booked twice is flagged, fixed by dragging, and the flag goes.
 */
interface NewPerson {
  honorific: string;
  title: string;
  gender?: string;
  nameAr: string;
  nameEn: string;
  positionAr: string;
}

const PATRON: NewPerson = {
  honorific: 'maali',
  title: 'engineer',
  nameAr: 'محسن بن محمد الشيخ',
  nameEn: 'Mohsin bin Mohammed Al-Sheikh',
  positionAr: 'رئيس بلدية مسقط',
};
const PRESENTER: NewPerson = {
  honorific: 'saada',
  title: 'doctor',
  nameAr: 'سالم بن سعيد الهنائي',
  nameEn: 'Salim bin Saeed Al-Hinai',
  positionAr: 'مدير عام التخطيط العمراني ببلدية صحار',
};
const ENGINEER: NewPerson = {
  honorific: 'none',
  title: 'engineer',
  gender: 'female',
  nameAr: 'مريم بنت خلفان البلوشية',
  nameEn: 'Maryam bint Khalfan Al-Balushi',
  positionAr: 'مهندسة تخطيط حضري ببلدية مسقط',
};
const SEOUL_HEAD: NewPerson = {
  honorific: 'saada',
  title: 'none',
  nameAr: 'كيم جونغ هو',
  nameEn: 'Kim Jong-ho',
  positionAr: 'نائب عمدة مدينة سيؤول',
};
const SEOUL_MEMBER: NewPerson = {
  honorific: 'none',
  title: 'none',
  nameAr: 'لي مين جون',
  nameEn: 'Lee Min-jun',
  positionAr: 'مدير مشروعات المدينة الذكية',
};
const SEOUL_SENIOR: NewPerson = {
  honorific: 'saada',
  title: 'doctor',
  gender: 'female',
  nameAr: 'بارك سو يون',
  nameEn: 'Park Soo-yeon',
  positionAr: 'مستشارة التخطيط الحضري',
};

async function addPerson(page: Page, p: NewPerson) {
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.locator('#person-honorific').selectOption(p.honorific);
  await page.locator('#person-title').selectOption(p.title);
  await page.locator('#person-gender').selectOption(p.gender ?? 'male');
  await page.locator('#person-nameAr').fill(p.nameAr);
  await page.locator('#person-nameEn').fill(p.nameEn);
  await page.locator('#person-positionAr').fill(p.positionAr);
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('people-table')).toContainText(p.nameAr);
}

async function pickPerson(picker: Locator, name: string) {
  await picker.fill(name);
  await picker
    .page()
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
}

const block = (page: Page, title: string) => page.getByTestId('session-block').filter({ hasText: title });

async function openSession(page: Page, title: string) {
  await block(page, title).dblclick();
  await expect(page.getByTestId('session-editor')).toBeVisible();
}

async function saveSession(page: Page) {
  await page.getByTestId('session-editor').getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('session-editor')).toBeHidden();
}

test('seed 002 programme: people, halls, opening under its patron, Seoul delegation, a double booking fixed by dragging', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  await openApp(page, server);
  await createSeed002(page);

  // People, with the printed protocol name previewed as it is typed.
  await page.getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await page.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.locator('#person-honorific').selectOption('maali');
  await page.locator('#person-title').selectOption('doctor');
  await page.locator('#person-gender').selectOption('female');
  await page.locator('#person-nameAr').fill('فاطمة');
  await expect(page.getByTestId('printed-name')).toContainText('معالي الدكتورة فاطمة');
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await page.getByTestId('unsaved-question').getByRole('button', { name: 'تجاهل التعديلات' }).click();
  for (const person of [PATRON, PRESENTER, ENGINEER, SEOUL_HEAD, SEOUL_MEMBER, SEOUL_SENIOR])
    await addPerson(page, person);
  // Search folds hamza and taa marbuta: "البلوشيه" finds "البلوشية".
  await page.getByRole('searchbox').fill('البلوشيه');
  await expect(page.getByTestId('person-row')).toHaveCount(1);
  await page.getByRole('searchbox').fill('');
  await snap(page, 'ar-people');

  // The programme: halls first.
  await page.getByRole('button', { name: 'الفعاليات' }).click();
  await page
    .getByRole('article', { name: SEED_002.titleAr, exact: true })
    .getByRole('button', { name: 'البرنامج' })
    .click();
  await expect(page.getByTestId('programme-page')).toBeVisible();
  await page.getByRole('tab', { name: 'القاعات' }).click();
  for (const [name, seats] of [
    ['قاعة عمان', '250'],
    ['قاعة صحار', '80'],
  ]) {
    await page.getByLabel('قاعة جديدة (الاسم بالعربية)').fill(name as string);
    await page
      .getByRole('row')
      .last()
      .getByLabel('المقاعد')
      .fill(seats as string);
    await page.getByRole('button', { name: 'إضافة قاعة' }).click();
    await expect(page.getByTestId('halls-table').locator(`input[value="${name}"]`)).toBeVisible();
  }

  // Day 1 laid out from the forum template, then edited.
  await page.getByRole('tab', { name: /البرنامج/ }).click();
  await expect(page.getByTestId('day-tab')).toHaveCount(2);
  await page.getByRole('button', { name: /ترتيب يوم نموذجي/ }).click();
  await expect(page.getByTestId('session-block')).toHaveCount(9);
  await expect(page.getByTestId('conflict-list')).toContainText('لا تعارضات');

  // The opening ceremony under its patron: he heads the head table and gives the word.
  await openSession(page, 'حفل الافتتاح');
  const editor = page.getByTestId('session-editor');
  await pickPerson(editor.getByTestId('head-table').getByRole('combobox'), 'الهنائي');
  await pickPerson(editor.getByTestId('head-table').getByRole('combobox'), 'الشيخ');
  // By rank: معالي before سعادة, although he was added second.
  await expect(editor.getByTestId('head-table').getByTestId('protocol-row').first()).toContainText(
    'معالي المهندس محسن بن محمد الشيخ',
  );
  await editor.getByRole('button', { name: 'إضافة فقرة' }).click();
  await editor.getByTestId('item-row').last().getByLabel('العنوان (عربي)').fill('كلمة راعي الحفل');
  await pickPerson(editor.getByTestId('item-row').last().getByTestId('presenter-picker'), 'الشيخ');
  await snap(page, 'ar-session-editor');
  await saveSession(page);
  await expect(block(page, 'حفل الافتتاح')).toContainText('معالي م. محسن بن محمد الشيخ');

  // Two working-paper sessions with their presenters, and a dialogue session.
  await openSession(page, 'الجلسة الأولى');
  await editor.locator('#session-titleAr').fill('الجلسة الأولى: التخطيط الحضري واستدامة الخدمات');
  await editor.getByRole('button', { name: 'إضافة فقرة' }).click();
  await editor.getByTestId('item-row').last().getByLabel('العنوان (عربي)').fill('تجربة بلدية صحار في التخطيط العمراني');
  await pickPerson(editor.getByTestId('item-row').last().getByTestId('presenter-picker'), 'الهنائي');
  await saveSession(page);
  await openSession(page, 'الجلسة الثانية');
  await editor.getByRole('button', { name: 'إضافة فقرة' }).click();
  await editor.getByTestId('item-row').last().getByLabel('العنوان (عربي)').fill('المدن الذكية: تجربة سيؤول');
  await pickPerson(editor.getByTestId('item-row').last().getByTestId('presenter-picker'), 'كيم');
  await saveSession(page);
  await openSession(page, 'جلسة حوارية');
  await editor.locator('#session-kind').selectOption('discussion');
  await editor.locator('#session-titleAr').fill('جلسة نقاشية: تحديات العمل البلدي');
  await pickPerson(editor.getByTestId('chair-picker'), 'البلوشية');
  await saveSession(page);
  await expect(page.getByTestId('conflict-list')).toContainText('لا تعارضات');

  // A side workshop in the second hall at the same time as the first session, with the same presenter.
  await page.getByRole('button', { name: 'إضافة جلسة' }).click();
  await editor.locator('#session-kind').selectOption('workshop');
  await editor.locator('#session-titleAr').fill('ورشة جانبية: نظم المعلومات الجغرافية');
  await editor.locator('#session-start').fill('11:00');
  await editor.locator('#session-end').fill('12:00');
  await editor.locator('#session-hall').selectOption({ label: 'قاعة صحار' });
  await editor.locator('#session-attendance').fill('٤٠'); // a side workshop draws fewer than the forum's 200
  await editor.getByRole('button', { name: 'إضافة فقرة' }).click();
  await pickPerson(editor.getByTestId('item-row').last().getByTestId('presenter-picker'), 'الهنائي');
  await saveSession(page);

  const workshop = block(page, 'ورشة جانبية');
  await expect(workshop).toHaveAttribute('data-conflicts', /[1-9]/);
  await expect(block(page, 'الجلسة الأولى')).toHaveAttribute('data-conflicts', /[1-9]/);
  const conflicts = page.getByTestId('conflict-list');
  await expect(conflicts.locator('[data-kind="person_double_booked"]')).toContainText(
    'سعادة الدكتور سالم بن سعيد الهنائي في مكانين في وقت واحد',
  );
  await snap(page, 'ar-programme-conflict');

  // Fix it by dragging the workshop down by 90 minutes (72 px an hour) to 12:30, after the prayer break.
  // In the middle of the window first, away from the edges where dragging scrolls the page.
  await workshop.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await workshop.boundingBox();
  if (!box) throw new Error('no workshop block');
  await page.mouse.move(box.x + box.width / 2, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 40, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + 12 + 108, { steps: 10 });
  await page.mouse.up();
  await expect(workshop).toContainText('12:30 – 13:30');
  await expect(workshop).toHaveAttribute('data-conflicts', '0');
  await expect(conflicts).toContainText('لا تعارضات');
  await snap(page, 'ar-programme-fixed');

  // Undo brings the clash back, redo fixes it again (Ctrl+Z / Ctrl+Y outside text fields).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(workshop).toContainText('11:00 – 12:00');
  await expect(conflicts.locator('[data-kind="person_double_booked"]')).toBeVisible();
  await page.keyboard.press('Control+y');
  await expect(workshop).toContainText('12:30 – 13:30');

  // Keyboard: Alt+↓ moves by 5 minutes, Alt+Shift+↓ lengthens by 5.
  await workshop.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(workshop).toContainText('12:35 – 13:35');
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(workshop).toContainText('12:35 – 13:40');
  // Alt+→ in Arabic moves to the hall on the right (قاعة عمان), where the second session already is.
  await page.keyboard.press('Alt+ArrowRight');
  await expect(conflicts.locator('[data-kind="hall_double_booked"]')).toContainText('قاعة عمان');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(conflicts).toContainText('لا تعارضات');

  // "Shift the rest of the day": everything from 16:00 moves 15 minutes later, in one undoable step.
  await page.locator('#shift-from').fill('16:00');
  await page.locator('#shift-by').fill('15');
  await page.getByRole('button', { name: 'إزاحة', exact: true }).click();
  await expect(block(page, 'الجلسة الختامية')).toContainText('16:15 – 16:45');
  await expect(block(page, 'جلسة نقاشية')).toContainText('15:00 – 16:00');
  await page.getByRole('button', { name: /^تراجع: / }).click();
  await expect(block(page, 'الجلسة الختامية')).toContainText('16:00 – 16:30');

  // The Seoul delegation: members in protocol order by rank, then as dragged.
  await page.getByRole('tab', { name: 'الوفود' }).click();
  await page.getByRole('button', { name: 'إضافة وفد' }).click();
  await page.locator('#delegation-nameAr').fill('وفد مدينة سيؤول');
  await page.locator('#delegation-nameEn').fill('Seoul delegation');
  await page.locator('#delegation-city').fill('سيؤول');
  await page.locator('#delegation-country').fill('كوريا الجنوبية');
  await pickPerson(page.getByTestId('delegation-head'), 'كيم');
  const members = page.getByTestId('delegation-members');
  await pickPerson(members.getByRole('combobox'), 'لي مين');
  await pickPerson(members.getByRole('combobox'), 'بارك');
  await expect(members.getByTestId('protocol-row').first()).toContainText('سعادة الدكتورة بارك سو يون');
  await snap(page, 'ar-delegation');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('delegation')).toContainText('وفد مدينة سيؤول');
  await expect(page.getByTestId('delegation').locator('li').first()).toContainText('سعادة كيم جونغ هو');

  // Everything is kept across a server restart.
  await server.restart();
  await openApp(page, server);
  await page
    .getByRole('article', { name: SEED_002.titleAr, exact: true })
    .getByRole('button', { name: 'البرنامج' })
    .click();
  await expect(page.getByTestId('session-block')).toHaveCount(10);
  await expect(block(page, 'ورشة جانبية')).toContainText('12:35 – 13:40');
  await snap(page, 'ar-programme-day1');

  // The same screens in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('conflict-list')).toContainText('No conflicts');
  await expect(block(page, 'Opening ceremony')).toContainText('H.E. Eng. Mohsin bin Mohammed Al-Sheikh');
  await snap(page, 'en-programme-day1');
  await block(page, 'ورشة جانبية').dblclick();
  await snap(page, 'en-session-editor');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Delegations' }).click();
  await snap(page, 'en-delegations');
  await page.getByRole('button', { name: 'People', exact: true }).click();
  await snap(page, 'en-people');
});
