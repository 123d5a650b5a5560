/**
 * The door for the desks, attacked from the network: every channel of the
 * hub's contract tried on the desk listener (all refused, only the desk
 * channels served), no credential, a wrong one, a revoked one, another
 * forum's list or book, a foreign Host or Origin, a desk speaking on the sync
 * socket in another desk's name, pairing codes guessed, reused, expired.
 * node:http is used because fetch will not let us set Host.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type AutomergeUrl, cbor, type PeerId, Repo } from '@automerge/automerge-repo';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Core } from '../../../../src/core/app-core';
import { DeskRegistry, PAIRING_LIFETIME_MS, WRONG_CODES_ALLOWED } from '../../../../src/core/desks/desk-registry';
import { CHANNEL_NAMES } from '../../../../src/shared/contract';
import { addScan, addWalkIn, type CheckInBook, newRegistrationId } from '../../../../src/shared/desks/check-in-book';
import { DESK_CHANNEL_NAMES, DESK_CREDENTIAL_HEADER } from '../../../../src/shared/desks/desk-channels';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';
import { openAt } from '../backup/backup-fixture';
import { tempDirsPerTest } from '../temp-dir';
import { checkedInCount, folderWithForum, personId, RetryingClientAdapter, waitUntil } from './desk-fixture';

const tempDir = tempDirsPerTest();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Reply {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { code: string } };
}

function request(
  port: number,
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string>; host?: string; method?: string } = {},
): Promise<Reply> {
  const text = options.body === undefined ? '' : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: options.method ?? 'POST',
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: raw ? JSON.parse(raw) : { ok: false } });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

interface Opened {
  core: Core;
  forumId: string;
  port: number;
}

async function openDoor(people = 20, deskPageDir?: string): Promise<Opened> {
  const dir = await tempDir();
  const { forumId } = await folderWithForum(dir, people);
  const core = await openAt(dir, deskPageDir ? { deskPageDir } : {});
  cleanups.push(() => core.close());
  const door = await core.handlers['desks.open']({ forumId, address: '127.0.0.1', port: 0 });
  if (!door.listening) throw new Error('The door did not open');
  return { core, forumId, port: door.listening.port };
}

async function pair({ core, forumId, port }: Opened) {
  const { code } = await core.handlers['desks.pairing']({ forumId });
  const reply = await request(port, '/desk/api/desk.pair', { body: { code } });
  expect(reply.status).toBe(200);
  return reply.body.data as {
    deskId: string;
    credential: string;
    bookUrl: AutomergeUrl;
    deskNumber: number;
    codes: { first: number; last: number };
  };
}

/** A GET as a browser makes it, the body as bytes (the page is not JSON). */
function get(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A desk's Repo on the sync socket, as the desk page makes it. */
function deskRepo(port: number, credential: string, peerId: string) {
  const repo = new Repo({
    network: [new RetryingClientAdapter(`ws://127.0.0.1:${port}/desk/sync?desk=${credential}`, 100)],
    peerId: peerId as PeerId,
  });
  cleanups.push(() => repo.shutdown());
  return repo;
}

/** Opens the sync socket by hand; resolves with how it ended, or 'open'. */
function rawSocket(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ socket: WebSocket | null; outcome: string }>((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => resolve({ socket, outcome: 'open' }));
    socket.on('unexpected-response', (_req: unknown, res: http.IncomingMessage) =>
      resolve({ socket: null, outcome: String(res.statusCode) }),
    );
    socket.on('error', () => resolve({ socket: null, outcome: 'error' }));
  });
}

describe('the desk listener', () => {
  it('serves none of the hub’s channels: every one of the contract is refused, with or without a credential', async () => {
    const opened = await openDoor();
    const { credential } = await pair(opened);
    const withCredential = { [DESK_CREDENTIAL_HEADER]: credential };
    for (const name of CHANNEL_NAMES) {
      for (const pathname of [`/api/${name}`, `/desk/api/${name}`, `/desk/api/../../api/${name}`]) {
        const reply = await request(opened.port, pathname, {
          body: { forumId: opened.forumId },
          headers: withCredential,
        });
        expect([reply.status, name, pathname]).toEqual([404, name, pathname]);
        expect(reply.body.ok).toBe(false);
      }
    }
    // Nothing else either: no page of the hub, no session exchange of browser mode.
    for (const pathname of ['/', '/index.html', '/session', '/desk/api/', '/desk/api/desk.registrants.x']) {
      expect((await request(opened.port, pathname, { method: 'GET', headers: withCredential })).status).toBe(404);
    }
    // The desk channels are served.
    expect(DESK_CHANNEL_NAMES.sort()).toEqual(['desk.desks', 'desk.pair', 'desk.registrants']);
    const list = await request(opened.port, '/desk/api/desk.registrants', {
      body: { forumId: opened.forumId },
      headers: withCredential,
    });
    expect(list.status).toBe(200);
    const first = (list.body.data as Record<string, unknown>[])[0];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      ['category', 'checkedInAt', 'code', 'fullName', 'fullNameEn', 'id', 'organisation', 'organisationEn'].sort(),
    );
  });

  it('serves the desk page without a credential, its own files only, under its own policy', async () => {
    const built = await tempDir();
    await fs.mkdir(path.join(built, 'assets'));
    await fs.writeFile(path.join(built, 'index.html'), '<!doctype html><title>desk</title>');
    await fs.writeFile(path.join(built, 'assets', 'index-abc123.js'), 'console.log("desk");'.repeat(50));
    await fs.writeFile(path.join(built, 'assets', 'index-abc123.css'), 'body{}');
    await fs.writeFile(path.join(built, 'assets', 'index-abc123.js.map'), '{"secret":true}');
    await fs.writeFile(path.join(built, 'secret.json'), '{"secret":true}');
    const { port } = await openDoor(20, built);

    const page = await get(port, '/desk/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>desk</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');

    const script = await get(port, '/desk/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(script.body).toString()).toContain('console.log("desk")');
    expect((await get(port, '/desk/assets/index-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(port, '/desk/', {}, 'HEAD')).status).toBe(200);

    // Nothing else of the folder, however the path is written; no other method; no foreign Host.
    for (const pathname of [
      '/desk/assets/index-abc123.js.map',
      '/desk/assets/../secret.json',
      '/desk/assets/%2e%2e/secret.json',
      '/desk/assets/..%2fsecret.json',
      '/desk/assets/',
      '/desk/index.html',
      '/desk/desk',
      '/secret.json',
    ]) {
      expect([pathname, (await get(port, pathname)).status]).toEqual([pathname, 404]);
    }
    // The address typed without its last slash is sent to the page.
    const typed = await get(port, '/desk');
    expect([typed.status, typed.headers.location]).toEqual([308, '/desk/']);
    expect((await request(port, '/desk/', { body: {} })).status).toBe(405);
    expect((await get(port, '/desk/', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(port, '/desk/', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses no credential, a wrong one, a revoked one, another forum, a foreign Host or Origin', async () => {
    const opened = await openDoor();
    const { core, forumId, port } = opened;
    const desk = await pair(opened);
    const body = { forumId };
    const call = (headers: Record<string, string>, host?: string) =>
      request(port, '/desk/api/desk.registrants', { body, headers, ...(host ? { host } : {}) });
    expect((await call({})).status).toBe(401);
    expect((await call({ [DESK_CREDENTIAL_HEADER]: 'f'.repeat(64) })).status).toBe(401);
    // One character off, and the credential with a character more.
    const flipped = `${desk.credential.slice(0, -1)}${desk.credential.endsWith('0') ? '1' : '0'}`;
    expect((await call({ [DESK_CREDENTIAL_HEADER]: flipped })).status).toBe(401);
    expect((await call({ [DESK_CREDENTIAL_HEADER]: `${desk.credential}0` })).status).toBe(401);
    const good = { [DESK_CREDENTIAL_HEADER]: desk.credential };
    expect((await call(good)).status).toBe(200);
    // DNS rebinding: a page at evil.example resolving to this address.
    expect((await call(good, `evil.example:${port}`)).status).toBe(403);
    expect((await call(good, `localhost:${port}`)).status).toBe(403);
    expect((await call({ ...good, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ ...good, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    // Another forum's list.
    const other = await core.handlers['forums.create']({ ...emptyForumInput('2026-12-05'), titleAr: 'ملتقى آخر' });
    const elsewhere = await request(port, '/desk/api/desk.registrants', { body: { forumId: other.id }, headers: good });
    expect(elsewhere.status).toBe(403);
    // The forum's desks by number: with the credential, for its own forum only.
    const desks = (headers: Record<string, string>, id = forumId) =>
      request(port, '/desk/api/desk.desks', { body: { forumId: id }, headers });
    expect((await desks({})).status).toBe(401);
    expect((await desks(good, other.id)).status).toBe(403);
    const numbered = await desks(good);
    expect(numbered.status).toBe(200);
    expect(numbered.body.data).toEqual([{ id: desk.deskId, number: 1 }]);
    // Junk bodies.
    expect((await request(port, '/desk/api/desk.registrants', { body: { forumId, x: 1 }, headers: good })).status).toBe(
      400,
    );
    expect(
      (await request(port, '/desk/api/desk.registrants', { body: 'x'.repeat(20_000), headers: good })).status,
    ).toBe(413);
    // Revoked: refused from the next request on.
    const door = await core.handlers['desks.revoke']({ forumId, deskId: desk.deskId });
    expect(door.desks.find((d) => d.id === desk.deskId)?.revokedAt).not.toBeNull();
    expect((await call(good)).status).toBe(401);
    expect((await desks(good)).status).toBe(401);
    // A desk of another forum cannot be revoked from this one.
    const second = await pair(opened);
    await expect(core.handlers['desks.revoke']({ forumId: other.id, deskId: second.deskId })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('the sync socket: credential, Host and Origin checked; a desk gets its own forum’s book only; revoking closes it', async () => {
    const opened = await openDoor();
    const { core, forumId, port } = opened;
    const desk = await pair(opened);
    const sync = `ws://127.0.0.1:${port}/desk/sync`;
    expect((await rawSocket(sync)).outcome).toBe('401');
    expect((await rawSocket(`${sync}?desk=${'0'.repeat(64)}`)).outcome).toBe('401');
    expect((await rawSocket(`${sync}?desk=${desk.credential}`, { origin: 'http://evil.example' })).outcome).toBe('403');
    expect((await rawSocket(`ws://127.0.0.1:${port}/other?desk=${desk.credential}`)).outcome).toBe('404');

    // A message in another desk's name closes the socket before the hub reads it.
    const raw = await rawSocket(`${sync}?desk=${desk.credential}`);
    expect(raw.outcome).toBe('open');
    const closed = new Promise<void>((resolve) => raw.socket?.on('close', () => resolve()));
    raw.socket?.send(cbor.encode({ type: 'join', senderId: 'desk-ffffffffffffffff-x', peerMetadata: {} }));
    await closed;

    // The desk, as itself: scans reach the hub and are applied.
    const repo = deskRepo(port, desk.credential, `desk-${desk.deskId}-tab1`);
    const book = await repo.find<CheckInBook>(desk.bookUrl);
    book.change((b) => {
      addScan(b, { registrationId: personId(3), deskId: desk.deskId, scannedAt: '2026-12-04T09:14:00.000Z' });
    });
    await waitUntil('the scan is applied', async () => (await checkedInCount(core, forumId)) === 1, 20_000);
    await waitUntil('the desk shows online', async () => {
      const state = await core.handlers['desks.state']({ forumId });
      return state.desks.find((d) => d.id === desk.deskId)?.online === true;
    });

    // Another forum's book is not given to this desk, though it asks for it by its URL.
    const other = await core.handlers['forums.create']({ ...emptyForumInput('2026-12-05'), titleAr: 'ملتقى آخر' });
    await core.handlers['desks.open']({ forumId: other.id, address: '127.0.0.1', port });
    const otherDesk = await pair({ core, forumId: other.id, port });
    expect(otherDesk.bookUrl).not.toBe(desk.bookUrl);
    await expect(repo.find(otherDesk.bookUrl, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();

    // Revoked: its socket is closed at once, and it cannot come back.
    await core.handlers['desks.revoke']({ forumId, deskId: desk.deskId });
    const state = await core.handlers['desks.state']({ forumId });
    expect(state.desks.find((d) => d.id === desk.deskId)?.online).toBe(false);
    expect((await rawSocket(`${sync}?desk=${desk.credential}`)).outcome).toBe('401');
  }, 60_000);

  it('pairing: each code once; a wrong or expired code refused; ten wrong codes void those waiting', async () => {
    const opened = await openDoor();
    const { core, forumId, port } = opened;
    const { code } = await core.handlers['desks.pairing']({ forumId });
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    // Typed in lower case with spaces: still the code.
    const first = await request(port, '/desk/api/desk.pair', { body: { code: ` ${code.toLowerCase()} ` } });
    expect(first.status).toBe(200);
    expect((await request(port, '/desk/api/desk.pair', { body: { code } })).status).toBe(403);
    const waiting = (await core.handlers['desks.pairing']({ forumId })).code;
    for (let i = 0; i < WRONG_CODES_ALLOWED; i++) {
      expect((await request(port, '/desk/api/desk.pair', { body: { code: 'AAAAAAAA' } })).status).toBe(403);
    }
    expect((await request(port, '/desk/api/desk.pair', { body: { code: waiting } })).status).toBe(403);
    // The desks are numbered in the order paired.
    const next = await pair(opened);
    expect(next.deskNumber).toBe(2);

    let now = Date.parse('2026-12-04T08:00:00.000Z');
    const registry = await DeskRegistry.open(await tempDir(), () => now);
    const late = registry.newPairing(forumId);
    now += PAIRING_LIFETIME_MS;
    await expect(registry.pair(late.code)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the door is closed until opened, on an address of this machine only; closing it cuts every desk off', async () => {
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, 3);
    const core = await openAt(dir);
    cleanups.push(() => core.close());
    const state = await core.handlers['desks.state']({ forumId });
    expect(state.listening).toBeNull();
    expect(state.addresses).toContain('127.0.0.1');
    await expect(core.handlers['desks.pairing']({ forumId })).rejects.toMatchObject({ code: 'conflict' });
    await expect(core.handlers['desks.open']({ forumId, address: '8.8.8.8', port: 0 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const open = await core.handlers['desks.open']({ forumId, address: '127.0.0.1', port: 0 });
    const port = open.listening?.port ?? 0;
    expect(open.listening?.deskUrl).toBe(`http://127.0.0.1:${port}/desk/`);
    const closed = await core.handlers['desks.close']({ forumId });
    expect(closed.listening).toBeNull();
    await expect(request(port, '/desk/api/desk.pair', { body: { code: 'AAAAAAAA' } })).rejects.toThrow();
  });

  it('walk-ins at two desks take codes from their own reserved blocks: never the same code, nor the hub’s', async () => {
    const opened = await openDoor(5);
    const { core, forumId, port } = opened;
    const desk1 = await pair(opened);
    const desk2 = await pair(opened);
    expect(desk1.codes.last - desk1.codes.first + 1).toBe(500);
    expect(desk2.codes.first).toBeGreaterThan(desk1.codes.last);
    const book1 = await deskRepo(port, desk1.credential, `desk-${desk1.deskId}-t`).find<CheckInBook>(desk1.bookUrl);
    const book2 = await deskRepo(port, desk2.credential, `desk-${desk2.deskId}-t`).find<CheckInBook>(desk2.bookUrl);
    const walkIn = (deskId: string, code: number, fullName: string) => ({
      registrationId: newRegistrationId(),
      deskId,
      code: String(code),
      fullName,
      fullNameEn: '',
      organisation: 'بلدية صلالة',
      registeredAt: '2026-12-04T09:30:00.000Z',
    });
    // A category chosen at the desk is kept; a walk-in filed without one (an older desk) is a participant.
    // A number typed at the desk is read with the forum's calling code; one that cannot be read is kept as typed.
    const salem = {
      ...walkIn(desk1.deskId, desk1.codes.first, 'سالم الحارثي'),
      category: 'vip' as const,
      mobile: '055 123 4567',
    };
    const muna = { ...walkIn(desk2.deskId, desk2.codes.first, 'منى البلوشي'), mobile: 'بعد قليل' };
    // A desk giving a code of another desk's block: refused, no one registered under it.
    const forged = walkIn(desk2.deskId, desk1.codes.first + 1, 'مزوّر');
    book1.change((b) => {
      addWalkIn(b, salem);
    });
    book2.change((b) => {
      addWalkIn(b, muna);
      addWalkIn(b, forged);
    });
    // The hub registers a walk-in of its own meanwhile: its code is past both blocks.
    const atHub = await core.handlers['registrations.save']({
      forumId,
      registration: { ...emptyRegistrationInput(), fullName: 'خالد' },
      checkIn: true,
    });
    expect(Number(atHub.code)).toBeGreaterThan(desk2.codes.last);
    const list = async () => core.handlers['registrations.list']({ forumId });
    await waitUntil('both walk-ins are registered', async () => (await list()).length === 5 + 3, 20_000);
    const registered = await list();
    const byId = new Map(registered.map((r) => [r.id, r]));
    expect(byId.get(salem.registrationId)).toMatchObject({
      code: salem.code,
      fullName: 'سالم الحارثي',
      checkedInAt: '2026-12-04T09:30:00.000Z',
      status: 'attended',
    });
    expect(byId.get(salem.registrationId)?.category).toBe('vip');
    expect(byId.get(muna.registrationId)?.code).toBe(muna.code);
    expect(byId.get(muna.registrationId)?.category).toBe('participant');
    expect(byId.get(salem.registrationId)).toMatchObject({ mobile: '055 123 4567', mobileE164: '+966551234567' });
    expect(byId.get(muna.registrationId)).toMatchObject({ mobile: 'بعد قليل', mobileE164: null });
    expect(byId.has(forged.registrationId)).toBe(false);
    expect(new Set(registered.map((r) => r.code)).size).toBe(registered.length);
    // The registrants list the desks read shows them.
    const forDesk = await request(port, '/desk/api/desk.registrants', {
      body: { forumId },
      headers: { [DESK_CREDENTIAL_HEADER]: desk1.credential },
    });
    expect((forDesk.body.data as { code: string }[]).map((r) => r.code)).toContain(muna.code);
  }, 60_000);
});
