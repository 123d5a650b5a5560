import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import type { DeskDoor, DeskPairing } from '../../src/shared/desks/desk-channels';
import { emptyForumInput } from '../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../src/shared/domain/registration';
import { callApi, expect, type MultaqaServer, openApp, snap, test } from './fixtures';

/**
 * Check-in desks in browsers, against a hub in browser mode: each desk is a
 * browser context of its own (another laptop, a tablet, a phone), paired by
 * the link the hub's door gives, typing at its check-in box as a USB scanner
 * does. A Wi-Fi drop is both halves of the network cut: the context set
 * offline (no page, no API) and its sync socket closed, new ones refused
 * (Playwright's offline mode leaves open sockets alone).
 */

const PEOPLE = 40;

interface Hub {
  page: Page;
  forumId: string;
  people: Registration[];
}

async function hubWithForum(page: Page, server: MultaqaServer, count: number): Promise<Hub> {
  await openApp(page, server);
  const forum = await callApi<{ id: string }>(page, 'forums.create', {
    ...emptyForumInput('2026-12-04'),
    titleAr: 'ملتقى البلديات',
    titleEn: 'Municipalities forum',
  });
  const people = await page.evaluate(
    async ({ forumId, count, blank }) => {
      const saved: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch('/api/registrations.save', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-multaqa-secret': sessionStorage.getItem('multaqa.secret') ?? '',
          },
          body: JSON.stringify({
            forumId,
            registration: {
              ...blank,
              fullName: `مشارك رقم ${i + 1}`,
              fullNameEn: `Participant ${i + 1}`,
              organisation: i % 2 ? 'بلدية صلالة' : 'بلدية مسقط',
              organisationEn: i % 2 ? 'Salalah Municipality' : '',
              category: i === 0 ? 'vip' : 'participant',
              status: 'confirmed',
            },
          }),
        });
        saved.push(((await response.json()) as { data: unknown }).data);
      }
      return saved;
    },
    { forumId: forum.id, count, blank: emptyRegistrationInput() },
  );
  const door = await callApi<DeskDoor>(page, 'desks.open', { forumId: forum.id, address: '127.0.0.1', port: 0 });
  expect(door.listening?.deskUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/desk\/$/);
  return { page, forumId: forum.id, people: people as Registration[] };
}

interface Desk {
  context: BrowserContext;
  page: Page;
  /** The Wi-Fi drops: no page, no API, the sync socket closed and new ones refused. */
  cut(): Promise<void>;
  mend(): Promise<void>;
}

async function deskContext(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Desk> {
  const context = await browser.newContext({ viewport });
  let offline = false;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/desk\/sync/, (ws) => {
    if (offline) return void ws.close({ code: 1006 });
    ws.connectToServer();
    sockets.add(ws);
  });
  const page = await context.newPage();
  // Leaving the page while offline asks first (it cannot come back until the network does): the test says yes.
  page.on('dialog', (dialog) => void dialog.accept());
  return {
    context,
    page,
    async cut() {
      offline = true;
      await context.setOffline(true);
      for (const ws of sockets) await ws.close({ code: 1006 }).catch(() => {});
      sockets.clear();
    },
    async mend() {
      offline = false;
      await context.setOffline(false);
    },
  };
}

/** Opens the pairing link on a desk and waits until it is paired, its list and book loaded. */
async function pairDesk(hub: Hub, desk: Desk, number: number, total: number): Promise<string> {
  const pairing = await callApi<DeskPairing>(hub.page, 'desks.pairing', { forumId: hub.forumId });
  await desk.page.goto(pairing.url);
  await expect(desk.page.getByTestId('desk-number')).toHaveText(`المكتب ${number}`);
  // The code is gone from the address bar at once.
  expect(desk.page.url()).not.toContain('pair=');
  expect(desk.page.url()).toMatch(/\/desk\/$/);
  await expect(desk.page.getByTestId('desk-counts')).toContainText(`من ${total}`);
  await expect(desk.page.getByTestId('desk-online')).toHaveAttribute('data-online', 'true');
  await expect(desk.page.getByTestId('desk-waiting')).toBeVisible();
  return pairing.url;
}

/** Types a badge code into the box that has the focus, as a USB scanner does, and waits for the box to clear. */
async function scan(desk: Desk, code: string): Promise<void> {
  const box = desk.page.getByTestId('desk-scan');
  await expect(box).toBeFocused();
  await desk.page.keyboard.type(code);
  await desk.page.keyboard.press('Enter');
  await expect(box).toHaveValue('');
}

/** Serious or critical accessibility violations on the desk page as it is now, named so a failure says what to fix. */
async function accessibilityProblems(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' ; ')}`);
}

async function checkedInAtHub(hub: Hub): Promise<Registration[]> {
  const list = await callApi<Registration[]>(hub.page, 'registrations.list', { forumId: hub.forumId });
  return list.filter((r) => r.checkedInAt !== null);
}

test('three desks, one offline mid-burst and reloaded: each person counted once, the later scan told so', async ({
  page,
  server,
  browser,
}) => {
  test.setTimeout(90_000);
  const hub = await hubWithForum(page, server, PEOPLE);
  const code = (i: number) => hub.people[i]?.code ?? '';
  const desks = [await deskContext(browser), await deskContext(browser), await deskContext(browser)];
  const [one, two, three] = desks as [Desk, Desk, Desk];
  await pairDesk(hub, one, 1, PEOPLE);
  await pairDesk(hub, two, 2, PEOPLE);
  await pairDesk(hub, three, 3, PEOPLE);

  // All online: desks 1 and 2 share out the first thirty; desk 3 scans three of desk 1's again.
  for (let i = 0; i < 15; i++) {
    await scan(one, code(i));
    await scan(two, code(15 + i));
  }
  await expect(one.page.getByTestId('desk-verdict')).toHaveText('تم تسجيل الحضور');
  for (let i = 0; i < 3; i++) {
    await scan(three, code(i));
    await expect(three.page.getByTestId('desk-verdict')).toHaveText(/^حضر مسبقاً في المكتب 1 الساعة \d\d:\d\d$/);
  }

  // What desk 3 scanned so far, the hub confirmed holding.
  await expect(three.page.getByTestId('desk-waiting')).toHaveAttribute('data-waiting', '0');
  // Desk 3's Wi-Fi drops. It keeps checking in: ten new people, and two desk 1 had.
  await three.cut();
  await expect(three.page.getByTestId('desk-online')).toHaveAttribute('data-online', 'false');
  for (let i = 30; i < 38; i++) await scan(three, code(i));
  await scan(three, code(3));
  await expect(three.page.getByTestId('desk-verdict')).toHaveText(/^حضر مسبقاً في المكتب 1/);
  await scan(three, code(4));
  await expect(three.page.getByTestId('desk-waiting')).toHaveAttribute('data-waiting', '10');
  // Meanwhile, later by the clock, desk 1 scans two of the people desk 3 has; desk 2 scans one of its own again.
  await scan(one, code(30));
  await scan(one, code(31));
  await expect(one.page.getByTestId('desk-verdict')).toHaveText('تم تسجيل الحضور');
  await scan(two, code(38));
  await scan(two, code(39));
  await scan(two, code(15));
  await expect(two.page.getByTestId('desk-verdict')).toHaveText(/^حضر مسبقاً في هذا المكتب الساعة/);

  // The hub has none of desk 3's offline scans.
  const before = new Set((await checkedInAtHub(hub)).map((r) => r.code));
  for (let i = 32; i < 38; i++) expect(before.has(code(i))).toBe(false);

  // Desk 3 is reloaded while offline: the browser cannot fetch the page (plain http, no service worker)...
  await expect(three.page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  // ... and when the network is back, the page opens again paired, with its ten check-ins still to send.
  await three.mend();
  const deskPage = new URL(await one.page.evaluate(() => window.location.href));
  await three.page.goto(`http://${deskPage.host}/desk/`);
  await expect(three.page.getByTestId('desk-number')).toHaveText('المكتب 3');
  await expect(three.page.getByTestId('desk-online')).toHaveAttribute('data-online', 'true');
  await expect(three.page.getByTestId('desk-waiting')).toHaveAttribute('data-waiting', '0', { timeout: 15_000 });

  // The hub counts each of the forty once.
  await expect.poll(async () => (await checkedInAtHub(hub)).length, { timeout: 20_000 }).toBe(PEOPLE);
  const all = await callApi<Registration[]>(hub.page, 'registrations.list', { forumId: hub.forumId });
  expect(all).toHaveLength(PEOPLE);
  expect(new Set(all.filter((r) => r.checkedInAt).map((r) => r.id)).size).toBe(PEOPLE);

  // Desk 1 scanned 31 after desk 3 had, offline: as soon as desk 1 holds desk 3's scan, it says so.
  await expect(one.page.getByTestId('desk-verdict')).toHaveText(/^حضر مسبقاً في المكتب 3 الساعة \d\d:\d\d$/, {
    timeout: 15_000,
  });
  await expect(one.page.getByTestId('desk-recent').locator('li').first()).toContainText('حضر مسبقاً في المكتب 3');
  await expect(one.page.getByTestId('desk-counts')).toContainText(`الحاضرون: ${PEOPLE} من ${PEOPLE}`);
  await snap(one.page, 'desk-ar-1366-double');
  for (const d of desks) await d.context.close();
});

test('pairing by typed code, a walk-in with its reserved code, a revoked desk refused at once; screens in both languages', async ({
  page,
  server,
  browser,
}) => {
  test.setTimeout(60_000);
  const hub = await hubWithForum(page, server, 6);
  const desk = await deskContext(browser);
  const deskOrigin = (
    await callApi<DeskDoor>(hub.page, 'desks.state', { forumId: hub.forumId })
  ).listening?.deskUrl?.replace(/\/desk\/$/, '');
  await desk.page.goto(`${deskOrigin}/desk/`);

  // Typed by hand: look-alikes, too short, and a code the hub never gave are each told, in Arabic.
  const box = desk.page.getByTestId('pair-code');
  await expect(box).toBeFocused();
  await desk.page.keyboard.type('AB0CD1EF');
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByTestId('pair-problem')).toContainText('لا يحتوي رمز الربط على: 0 1');
  await box.fill('ABCDEFG');
  await box.press('Enter');
  await expect(desk.page.getByTestId('pair-problem')).toHaveText('رمز الربط ثمانية أحرف وأرقام، وكُتب منه 7.');
  await box.fill('ABCDEFGH');
  await box.press('Enter');
  await expect(desk.page.getByTestId('pair-problem')).toContainText('رمز الربط غير معروف');
  await snap(desk.page, 'desk-ar-1366-pair-typo');
  const problems = await accessibilityProblems(desk.page, 'pairing');
  // In English too.
  await desk.page.getByTestId('desk-language').click();
  await box.fill('abcd-efg');
  await box.press('Enter');
  await expect(desk.page.getByTestId('pair-problem')).toHaveText(
    'A pairing code has eight letters and digits; 7 were typed.',
  );
  await desk.page.getByTestId('desk-language').click();

  // The right code, typed in lower case with a space.
  const { code } = await callApi<DeskPairing>(hub.page, 'desks.pairing', { forumId: hub.forumId });
  await box.fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await box.press('Enter');
  await expect(desk.page.getByTestId('desk-number')).toHaveText('المكتب 1');
  await expect(desk.page.getByTestId('desk-counts')).toContainText('من 6');

  // A reload keeps the desk paired.
  await desk.page.reload();
  await expect(desk.page.getByTestId('desk-number')).toHaveText('المكتب 1');
  await expect(desk.page.getByTestId('desk-waiting')).toBeVisible();

  // A scan, a typo, a name.
  await scan(desk, hub.people[0]?.code ?? '');
  await expect(desk.page.getByTestId('desk-verdict')).toHaveText('تم تسجيل الحضور');
  await expect(desk.page.getByTestId('desk-person')).toHaveText('مشارك رقم 1');
  await scan(desk, '99999');
  await expect(desk.page.getByTestId('desk-outcome')).toHaveText('لا يوجد مسجل بالرمز 99999');
  // By name, Arabic spelling folded («رقم ٢» typed with an Arabic-Indic digit finds «مشارك رقم 2»).
  await desk.page.keyboard.type('مشارك رقم ٢');
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByTestId('desk-person')).toHaveText('مشارك رقم 2');

  // A walk-in: F2, Escape asks before discarding what was typed, the badge code comes from the desk's block.
  await desk.page.keyboard.press('F2');
  const name = desk.page.getByTestId('walk-in-name');
  await expect(name).toBeFocused();
  await desk.page.keyboard.type('سالم الحارثي');
  await desk.page.keyboard.press('Escape');
  await expect(desk.page.getByTestId('walk-in-discard')).toBeVisible();
  await desk.page.keyboard.press('Escape');
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('سالم الحارثي');
  await desk.page.getByTestId('walk-in-name-en').fill('Salem Al Harthy');
  await desk.page.getByTestId('walk-in-organisation').fill('بلدية صحار');
  await desk.page.getByTestId('walk-in-category').selectOption('media');
  await desk.page.getByTestId('walk-in-mobile').fill('055 123 4567');
  await snap(desk.page, 'desk-ar-1366-walk-in-form');
  problems.push(...(await accessibilityProblems(desk.page, 'walk-in form')));
  await desk.page.getByTestId('walk-in-save').click();
  const block = await desk.page.evaluate(
    () => (JSON.parse(localStorage.getItem('multaqa.desk.pairing') ?? '{}') as { codes: { first: number } }).codes,
  );
  await expect(desk.page.getByTestId('walk-in-code')).toHaveText(String(block.first));
  await expect(desk.page.getByTestId('desk-scan')).toBeFocused();
  await snap(desk.page, 'desk-ar-1366-walk-in');
  await expect
    .poll(async () => {
      const list = await callApi<Registration[]>(hub.page, 'registrations.list', { forumId: hub.forumId });
      const salem = list.find((r) => r.fullName === 'سالم الحارثي');
      return (
        salem && {
          code: salem.code,
          category: salem.category,
          mobile: salem.mobileE164,
          in: salem.checkedInAt !== null,
        }
      );
    })
    .toEqual({ code: String(block.first), category: 'media', mobile: '+966551234567', in: true });
  // A walk-in with no Arabic name is refused at the desk, nothing filed.
  await desk.page.keyboard.press('F2');
  await desk.page.getByTestId('walk-in-save').click();
  await expect(desk.page.getByTestId('walk-in-problem')).toHaveText('اكتب الاسم بالعربية.');
  await desk.page.keyboard.press('Escape');
  await expect(desk.page.getByTestId('walk-in-form')).toBeHidden();

  // English, and the phone-sized screen.
  await desk.page.getByTestId('desk-language').click();
  await expect(desk.page.locator('html')).toHaveAttribute('dir', 'ltr');
  await scan(desk, hub.people[0]?.code ?? '');
  await expect(desk.page.getByTestId('desk-verdict')).toHaveText(/^Already checked in at this desk at \d\d:\d\d$/);
  await snap(desk.page, 'desk-en-1366-double');
  await scan(desk, hub.people[3]?.code ?? '');
  await expect(desk.page.getByTestId('desk-person')).toHaveText('Participant 4');
  // The registrant's English organisation, in English.
  await expect(desk.page.locator('.details')).toContainText('Salalah Municipality');
  await snap(desk.page, 'desk-en-1366');
  await desk.page.setViewportSize({ width: 390, height: 844 });
  await snap(desk.page, 'desk-en-390');
  problems.push(...(await accessibilityProblems(desk.page, 'check-in, English, phone')));
  await desk.page.keyboard.press('F2');
  await expect(desk.page.getByTestId('walk-in-name')).toBeFocused();
  await snap(desk.page, 'desk-en-390-walk-in-form');
  await desk.page.keyboard.press('Escape');
  await expect(desk.page.getByTestId('desk-scan')).toBeFocused();
  await desk.page.getByTestId('desk-language').click();
  await expect(desk.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await snap(desk.page, 'desk-ar-390');
  await desk.page.setViewportSize({ width: 1366, height: 768 });
  await snap(desk.page, 'desk-ar-1366');

  // Revoked at the hub: the desk is told at once, and stays refused after a reload.
  const door = await callApi<DeskDoor>(hub.page, 'desks.state', { forumId: hub.forumId });
  const deskId = door.desks[0]?.id ?? '';
  await callApi(hub.page, 'desks.revoke', { forumId: hub.forumId, deskId });
  await expect(desk.page.getByTestId('desk-revoked')).toContainText('أُلغي ربط هذا المكتب', { timeout: 5_000 });
  await expect(desk.page.getByTestId('desk-revoked-unsent')).toHaveCount(0);
  await desk.page.reload();
  await expect(desk.page.getByTestId('desk-revoked')).toBeVisible();

  // A second desk, revoked while its Wi-Fi was down with a check-in still to send: told what the hub never got.
  const late = await deskContext(browser);
  await pairDesk(hub, late, 2, 7);
  await late.cut();
  await scan(late, hub.people[5]?.code ?? '');
  await expect(late.page.getByTestId('desk-waiting')).toHaveAttribute('data-waiting', '1');
  const lateId = (await callApi<DeskDoor>(hub.page, 'desks.state', { forumId: hub.forumId })).desks[1]?.id ?? '';
  await callApi(hub.page, 'desks.revoke', { forumId: hub.forumId, deskId: lateId });
  await late.mend();
  await expect(late.page.getByTestId('desk-revoked-unsent')).toContainText(
    'لم يصل إلى الحاسوب المضيف من تسجيلات هذا المكتب: 1.',
    { timeout: 10_000 },
  );
  const sixth = (await callApi<Registration[]>(hub.page, 'registrations.list', { forumId: hub.forumId })).find(
    (r) => r.code === hub.people[5]?.code,
  );
  expect(sixth?.checkedInAt).toBeNull();
  await late.context.close();
  await snap(desk.page, 'desk-ar-1366-revoked');
  expect(problems).toEqual([]);
  // Its credential is refused on the API too.
  const status = await desk.page.evaluate(async () => {
    const pairing = JSON.parse(localStorage.getItem('multaqa.desk.pairing') ?? '{}') as {
      credential: string;
      forumId: string;
    };
    const response = await fetch('/desk/api/desk.registrants', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-multaqa-desk': pairing.credential },
      body: JSON.stringify({ forumId: pairing.forumId }),
    });
    return response.status;
  });
  expect(status).toBe(401);
  await desk.context.close();
});

test('a browser that keeps no data for the page (a private window): the desk still checks in, and says what it cannot keep', async ({
  page,
  server,
  browser,
}) => {
  const hub = await hubWithForum(page, server, 3);
  const desk = await deskContext(browser);
  await desk.context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('The site may not keep data.', 'SecurityError');
      },
    });
  });
  await pairDesk(hub, desk, 1, 3);
  await expect(desk.page.getByTestId('desk-not-kept')).toContainText('هذا المتصفح لا يحفظ بيانات هذه الصفحة');
  await scan(desk, hub.people[2]?.code ?? '');
  await expect(desk.page.getByTestId('desk-verdict')).toHaveText('تم تسجيل الحضور');
  await snap(desk.page, 'desk-ar-1366-not-kept');
  await expect.poll(async () => (await checkedInAtHub(hub)).map((r) => r.code)).toEqual([hub.people[2]?.code]);
  await desk.context.close();
});
