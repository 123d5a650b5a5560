import net from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { addScan, type CheckInBook } from '../../src/shared/desks/check-in-book';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../src/shared/domain/registration';
import { callApi, expect, openApp, snap, test } from './fixtures';

/**
 * The hub's door page, from the keyboard alone: the door opened on this
 * machine only (a port typo and a port in use refused first, the door left
 * closed), a code made for a new desk and its QR code shown; a desk paired
 * from the test's side with that code, as a desk's browser does it, whose
 * scans travel in the check-in book over the listener's sync socket (the
 * same Automerge Repo a desk page runs). The desk shows online, the room's
 * counts and latest arrivals move, a VIP's scan raises the protocol team's
 * alert, a person the hub checked in and a desk scanned again is listed as a
 * double; the desk is revoked (Escape first keeps it) and refused at once;
 * the door is closed and the port no longer answers.
 */

test.use({ viewport: { width: 1366, height: 768 } });

async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i <= (options.max ?? 40); i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}

/** Chooses a select's option with the arrow keys until it holds `value`. */
async function arrowTo(page: Page, select: Locator, value: string) {
  await expect(select).toBeFocused();
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const from = values.indexOf(await select.inputValue());
  const to = values.indexOf(value);
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await expect(select).toHaveValue(value);
}

/** axe-core's serious and critical findings on the page, named, so a failure says what to fix. */
async function axeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A port something else listens on, for the door to find in use. */
async function portInUse(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Paired {
  deskId: string;
  deskNumber: number;
  credential: string;
  forumId: string;
  bookUrl: string;
}

/** What a desk's browser does with the code: exchanges it for its credential at the listener. */
async function pair(origin: string, code: string): Promise<Paired> {
  const response = await fetch(`${origin}/desk/api/desk.pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const envelope = (await response.json()) as { ok: boolean; data: Paired };
  expect(envelope.ok).toBe(true);
  return envelope.data;
}

/** A desk: its own Automerge Repo syncing the forum's book over the listener's socket, as the desk page does. */
async function deskRepo(origin: string, paired: Paired) {
  const { Repo } = await import('@automerge/automerge-repo');
  const { WebSocketClientAdapter } = await import('@automerge/automerge-repo-network-websocket');
  const socket = `${origin.replace(/^http/, 'ws')}/desk/sync?desk=${paired.credential}`;
  // Once revoked, or the door closed, the desk's reconnections are refused (401, refused): in Node the
  // adapter throws those as uncaught errors, where a desk's browser only reports a closed socket.
  class QuietAdapter extends WebSocketClientAdapter {
    override onError = () => {};
    override connect(...args: Parameters<InstanceType<typeof WebSocketClientAdapter>['connect']>): void {
      super.connect(...args);
      this.socket?.on('error', () => {});
    }
  }
  const repo = new Repo({
    network: [new QuietAdapter(socket, 200)],
    peerId: `desk-${paired.deskId}-e2e` as never,
  });
  const book = await repo.find<CheckInBook>(paired.bookUrl as never);
  return {
    scan(registrationId: string, scannedAt = new Date().toISOString()) {
      book.change((b) => {
        addScan(b, { registrationId, deskId: paired.deskId, scannedAt });
      });
    },
    close: () => repo.shutdown(),
  };
}

test('the door page: open, pair a desk, watch the room, a VIP alert, revoke, close', async ({ page, server }) => {
  await openApp(page, server);
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات الرقمية',
    titleEn: 'Digital Municipalities Forum',
  });
  const add = (fields: Partial<Registration>) =>
    callApi<Registration>(page, 'registrations.save', {
      forumId: forum.id,
      registration: { ...emptyRegistrationInput(), status: 'confirmed', ...fields },
    });
  const vip = await add({
    fullName: 'عبدالله بن سعد الحربي',
    fullNameEn: 'Abdullah bin Saad Al-Harbi',
    category: 'vip',
    honorific: 'maali',
    title: 'doctor',
    gender: 'male',
    organisation: 'وزارة الشؤون البلدية',
  });
  const guest = await add({ fullName: 'سارة العتيبي', fullNameEn: 'Sarah Al-Otaibi', gender: 'female' });
  const walker = await add({ fullName: 'خالد الزهراني', fullNameEn: 'Khalid Al-Zahrani', category: 'speaker' });
  await add({ fullName: 'منى القحطاني', fullNameEn: 'Mona Al-Qahtani', category: 'media' });
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();

  // To the check-in screen, and from it to the desks and the room.
  await tabTo(page, page.getByRole('button', { name: 'تسجيل الحضور' }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checkin-page')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'المكاتب والقاعة' }), { back: true });
  await page.keyboard.press('Enter');
  const door = page.getByTestId('door-page');
  await expect(door).toBeVisible();
  await expect(door.getByTestId('door-closed')).toContainText('مغلق');
  await expect(door.getByTestId('room-count')).toHaveText('حضر 0 من 4');

  // The door, on this machine only; a typo in the port and a port in use leave it closed.
  const address = door.getByLabel('العنوان');
  await tabTo(page, address);
  await arrowTo(page, address, '127.0.0.1');
  await expect(door.getByText('هو هذا الحاسوب وحده')).toBeVisible();
  await page.keyboard.press('Tab');
  const port = door.getByLabel('المنفذ');
  await expect(port).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('70000');
  await page.keyboard.press('Enter');
  await expect(door.getByTestId('door-error')).toHaveText('المنفذ رقم من 0 إلى 65535. لم يُفتح الباب.');
  const taken = await portInUse();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(String(taken.port));
  await page.keyboard.press('Enter');
  await expect(door.getByTestId('door-error')).toContainText('برنامج آخر يستخدم هذا المنفذ');
  await expect(door.getByTestId('door-closed')).toBeVisible();
  await taken.close();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(door.getByTestId('door-open')).toBeVisible();
  const where = (await door.getByTestId('door-address').textContent()) ?? '';
  expect(where).toMatch(/^127\.0\.0\.1:\d+$/);
  const origin = `http://${where}`;

  // A new desk: the focus is on the code button already.
  const make = door.getByRole('button', { name: 'رمز لمكتب جديد' });
  await expect(make).toBeFocused();
  await page.keyboard.press('Enter');
  const qr = door.getByTestId('pairing-qr');
  await expect(qr).toBeVisible();
  // The QR code drew (an image from a blob: URL, which the page's policy allows), at its size.
  await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const code = ((await door.getByTestId('pairing-code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expect(door.getByTestId('pairing-code')).toHaveText(`${code.slice(0, 4)} ${code.slice(4)}`);
  await expect(door.getByTestId('pairing-expiry')).toHaveText(/^ينتهي بعد (10:00|9:[0-5]\d)$/);
  await expect(door.getByTestId('pairing-url')).toHaveText(`${origin}/desk/`);

  // The desk pairs and starts scanning.
  const paired = await pair(origin, code);
  expect(paired).toMatchObject({ deskNumber: 1, forumId: forum.id });
  const desk = await deskRepo(origin, paired);
  try {
    const row = door.getByTestId('desk-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('المكتب 1');
    await expect(row.getByTestId('desk-state')).toHaveText('متصل', { timeout: 10_000 });

    desk.scan(guest.id);
    await expect(door.getByTestId('room-count')).toHaveText('حضر 1 من 4', { timeout: 10_000 });
    await expect(door.getByTestId('room-latest')).toContainText('سارة العتيبي');
    await expect(door.getByTestId('room-desk').filter({ hasText: 'المكتب 1' })).toContainText('1');

    // Checked in at the hub's own screen, then scanned at the desk: counted once, at the hub, and a double.
    await callApi(page, 'registrations.checkIn', { forumId: forum.id, id: walker.id, checkedIn: true });
    desk.scan(walker.id);
    const doubles = door.getByTestId('room-doubles');
    await expect(doubles).toContainText('خالد الزهراني', { timeout: 10_000 });
    await expect(doubles).toContainText(/حضر مسبقاً في الحاسوب الرئيسي الساعة \d\d:\d\d/);
    await expect(doubles).toContainText(/مُسح في المكتب 1 الساعة \d\d:\d\d/);
    await expect(door.getByTestId('room-count')).toHaveText('حضر 2 من 4');
    await expect(door.getByTestId('room-desk').filter({ hasText: 'الحاسوب الرئيسي' })).toContainText('1');

    // The VIP arrives at the desk: the protocol team's alert, announced, until dismissed.
    desk.scan(vip.id);
    const alert = door.getByTestId('vip-alert');
    await expect(alert).toHaveCount(1, { timeout: 10_000 });
    // The name is isolated (U+2068 … U+2069) so that a Latin name reads whole inside the Arabic sentence.
    await expect(alert).toContainText('وصل \u2068معالي الدكتور عبدالله بن سعد الحربي\u2069');
    await expect(alert).toContainText(/في المكتب 1 الساعة \d\d:\d\d/);
    await expect(page.locator('[aria-live="assertive"] [data-testid="vip-alert"]')).toHaveCount(1);
    await expect(door.getByTestId('room-vips')).toContainText('عبدالله بن سعد الحربي');
    await expect(door.getByTestId('quarter-chart').locator('li.quarter')).not.toHaveCount(0);
    await door.getByRole('heading', { level: 1 }).focus();
    await snap(page, 'desk-door-ar');
    expect(await axeFindings(page)).toEqual([]);

    // The same page in English: a look, then back.
    const toggle = page.locator('.lang-toggle');
    await tabTo(page, toggle, { back: true, max: 60 });
    await page.keyboard.press('Enter');
    await expect(door.getByTestId('room-count')).toHaveText('3 of 4 checked in');
    await expect(alert).toContainText('\u2068H.E. Dr. Abdullah bin Saad Al-Harbi\u2069 has arrived');
    await expect(door.getByTestId('room-doubles')).toContainText(/already checked in at the hub at \d\d:\d\d/);
    await snap(page, 'desk-door-en');
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect(door.getByTestId('room-count')).toHaveText('حضر 3 من 4');

    // Dismissed from the keyboard; the alert stays dismissed at the next answers.
    await tabTo(page, alert.getByRole('button'));
    await page.keyboard.press('Enter');
    await expect(alert).toHaveCount(0);
    await expectFocusOnPage(page);
    await page.waitForTimeout(3500);
    await expect(alert).toHaveCount(0);
    // Leaving the page and coming back: a VIP already in is listed, not alerted again.
    await tabTo(page, door.getByRole('button', { name: 'رجوع' }), { back: true, max: 60 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('checkin-page')).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'المكاتب والقاعة' }), { back: true });
    await page.keyboard.press('Enter');
    await expect(door.getByTestId('room-vips')).toContainText('عبدالله بن سعد الحربي');
    await page.waitForTimeout(3500);
    await expect(alert).toHaveCount(0);
    await expect(row.getByTestId('desk-state')).toHaveText('متصل');

    // Revoke: Escape keeps the desk; confirmed, it is refused at once.
    const revoke = door.getByRole('button', { name: 'إلغاء ربط المكتب 1' });
    await tabTo(page, revoke);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('revoke-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'إبقاء الربط' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(revoke).toBeFocused();
    await expect(row.getByTestId('desk-state')).toHaveText('متصل');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Shift+Tab');
    await expect(dialog.getByRole('button', { name: 'إلغاء الربط' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(row.getByTestId('desk-state')).toHaveText('أُلغي ربطه');
    await expect(revoke).toHaveCount(0);
    await expect(door.getByRole('heading', { name: 'المكاتب', exact: true })).toBeFocused();
    const refused = await fetch(`${origin}/desk/api/desk.registrants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-multaqa-desk': paired.credential },
      body: JSON.stringify({ forumId: forum.id }),
    });
    expect(refused.status).toBe(401);
    // What the desk sent before stays counted.
    await expect(door.getByTestId('room-count')).toHaveText('حضر 3 من 4');

    // Close the door: the port answers no more.
    const closeButton = door.getByRole('button', { name: 'إغلاق الباب' });
    await tabTo(page, closeButton, { back: true });
    await page.keyboard.press('Enter');
    await expect(door.getByTestId('door-closed')).toBeVisible();
    await expect(door.getByRole('button', { name: 'فتح الباب' })).toBeFocused();
    await expect(door.getByTestId('pairing')).toHaveCount(0);
    const gone = await fetch(`${origin}/desk/api/desk.pair`, { method: 'POST' }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(Error);
  } finally {
    await desk.close();
  }
});

async function expectFocusOnPage(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null))
    .toBe(true);
}
