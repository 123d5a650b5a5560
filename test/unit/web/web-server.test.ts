import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../src/core/app-core';
import { createDispatch, type Dispatch } from '../../../src/core/gate';
import type { Handlers } from '../../../src/shared/contract';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security-policy';
import { startWebServer, type WebServerOptions } from '../../../src/web/web-server';

/**
 * Browser mode is a door into the user's data on a port any local process (and
 * any web page the user visits) can reach. These tests talk to it as the app,
 * as a foreign web page (wrong Origin), as a DNS-rebinding page (wrong Host),
 * as a local process without the secret, and as a slow or greedy client.
 *
 * node:http is used rather than fetch because fetch will not let us set Host.
 */

const SECRET = randomBytes(24).toString('hex');
/** Written to files outside the served folder; must never appear in a response. */
const LEAK_MARKER = 'TOP-SECRET-OUTSIDE-STATIC-DIR';
const INDEX_HTML = '<!doctype html><html lang="ar" dir="rtl"><body><div id="root"></div></body></html>';
const APP_JS = 'console.log("multaqa");';
const INFO = { version: 'test', dataDir: '/data', backupsDir: '/data/backups' };

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Host header to send: our own by default; null sends none. */
  host?: string | null;
}

let tmp: string;
let staticDir: string;
const servers: http.Server[] = [];

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'multaqa-web-'));
  staticDir = path.join(tmp, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  // Things an attacker would like to read, next to (not inside) the served folder.
  writeFileSync(path.join(tmp, 'secret.txt'), LEAK_MARKER);
  writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ leak: LEAK_MARKER }));
  // A sibling whose name starts like the served folder's ("static" / "static-evil").
  mkdirSync(path.join(tmp, 'static-evil'));
  writeFileSync(path.join(tmp, 'static-evil', 'x.txt'), LEAK_MARKER);
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** A real gate over fake handlers; `dispatch` is a spy so tests can see whether core was reached. */
function fakeDispatch() {
  const handlers = {
    'app.info': async () => INFO,
    'forums.get': async ({ id }: { id: string }) => ({ id }),
  } as unknown as Handlers;
  return vi.fn<Dispatch>(createDispatch(handlers, () => {}));
}

/** Tokens handed out in turn, so a test knows each link's. */
function tokens() {
  let n = 0;
  return () => `${'ab'.repeat(20)}${String(n++).padStart(8, '0')}`;
}

async function start(overrides: Partial<WebServerOptions> = {}) {
  const dispatch = fakeDispatch();
  const { server, url } = await startWebServer({
    dispatch,
    staticDir,
    secret: SECRET,
    newToken: tokens(),
    port: 0,
    ...overrides,
  });
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { server, url, port, dispatch, send: (options: RequestOptions) => send(port, options) };
}

function send(port: number, options: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.host !== null) headers.host = options.host ?? `127.0.0.1:${port}`;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** An API call as the app makes it: POST, JSON, our secret, our Host. */
function api(channel: string, body?: string, headers: Record<string, string> = {}): RequestOptions {
  return {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', 'x-multaqa-secret': SECRET, ...headers },
    ...(body === undefined ? {} : { body }),
  };
}

const json = (reply: Reply) => JSON.parse(reply.body) as { ok: boolean; data?: unknown; error?: { code: string } };

describe('static files', () => {
  // The page must arrive with its CSP (no remote or inline script) and nosniff.
  it('serves index.html at / with the CSP and nosniff', async () => {
    const { send } = await start();
    const reply = await send({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a js asset with its type and nosniff', async () => {
    const { send } = await start();
    const reply = await send({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(APP_JS);
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD without a body, and refuses other methods on static paths', async () => {
    const { send } = await start();
    const head = await send({ method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await send({ method: 'POST', path: '/', body: 'x' })).status).toBe(405);
  });

  it('answers 404 for a missing file', async () => {
    const { send } = await start();
    expect((await send({ path: '/nope.js' })).status).toBe(404);
  });

  // Listing or "serving" a folder must not happen.
  it.each(['/assets', '/assets/', '/assets/.', '/assets/../assets'])('answers 404 for the directory %s', async (p) => {
    const { send } = await start();
    const reply = await send({ path: p });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('app.js');
  });

  // Reading files outside the renderer folder: the parent's secret.txt and
  // package.json, /etc/passwd, a sibling folder sharing the prefix, NUL tricks.
  it.each([
    '/../package.json',
    '/../secret.txt',
    '/..%2fpackage.json',
    '/..%2fsecret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/.%2e/secret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/..%2fstatic-evil%2fx.txt',
    '/../static-evil/x.txt',
    '/<absolute path of secret.txt, encoded>',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/index.html%00',
    '/index.html%00.js',
    '/..%00/secret.txt',
    '/%00',
    '/%',
    '/%E0%A4%A',
  ])('never serves a file outside the folder for %s (400 or 404)', async (raw) => {
    const { send } = await start();
    const p = raw.startsWith('/<') ? `/${encodeURIComponent(path.join(tmp, 'secret.txt'))}` : raw;
    const reply = await send({ path: p });
    expect([400, 404]).toContain(reply.status);
    expect(reply.body).not.toContain(LEAK_MARKER);
    expect(reply.body).not.toContain('root:');
  });
});

describe('network exposure', () => {
  // Another machine on the network must not reach the user's data.
  it('listens on 127.0.0.1 only', async () => {
    const { server, url, port } = await start();
    const address = server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(url).toBe(`http://127.0.0.1:${port}/#token=${tokens()()}`);
  });
});

describe('the link: a one-time token, never the secret', () => {
  const exchange = (token: string, headers: Record<string, string> = {}): RequestOptions => ({
    method: 'POST',
    path: '/session',
    headers: { 'x-multaqa-token': token, ...headers },
  });
  const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

  // The link is in the browser's history and session files: once used, it must open nothing.
  it('exchanges the token for the secret once; the same link again gets nothing', async () => {
    const links: string[] = [];
    const { url, send } = await start({ onLink: (link) => links.push(link) });
    expect(url).not.toContain(SECRET);
    const first = await send(exchange(tokenOf(url)));
    expect(first.status).toBe(200);
    expect(json(first)).toEqual({ ok: true, data: { secret: SECRET } });
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await send(exchange(tokenOf(url)));
    expect(again.status).toBe(401);
    expect(again.body).not.toContain(SECRET);
    // The next link is handed out for another tab, and opens once too.
    expect(links).toHaveLength(1);
    expect(links[0]).not.toContain(SECRET);
    expect((await send(exchange(tokenOf(links[0] as string)))).status).toBe(200);
    expect((await send(exchange(tokenOf(links[0] as string)))).status).toBe(401);
  });

  it.each([
    ['a wrong token', (token: string) => exchange(token.replace(/.$/, (c) => (c === '0' ? '1' : '0')))],
    ['no token', () => ({ method: 'POST', path: '/session' })],
    ['GET', (token: string) => ({ ...exchange(token), method: 'GET' })],
    ['a foreign Origin', (token: string) => exchange(token, { origin: 'http://evil.example' })],
    ['a foreign Host', (token: string) => ({ ...exchange(token), host: 'evil.example' })],
  ] as [string, (token: string) => RequestOptions][])(
    '%s gets no secret, and the token stays good',
    async (_label, ask) => {
      const { url, send } = await start();
      const reply = await send(ask(tokenOf(url)));
      expect([401, 403, 405]).toContain(reply.status);
      expect(reply.body).not.toContain(SECRET);
      expect((await send(exchange(tokenOf(url)))).status).toBe(200);
    },
  );
});

describe('API: secret', () => {
  it('POST /api/app.info with the secret, JSON and our Host -> 200 {ok:true}', async () => {
    const { send } = await start();
    const reply = await send(api('app.info'));
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({ ok: true, data: INFO });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  // Any local process or page can find the port; only the page we served knows the secret.
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong, same length', SECRET.replace(/.$/, (c) => (c === '0' ? '1' : '0'))],
    ['shorter (a prefix of the real one)', SECRET.slice(0, -1)],
    ['longer (the real one plus a character)', `${SECRET}0`],
    ['uppercased', SECRET.toUpperCase()],
  ])('secret %s -> 401, core not reached', async (_label, secret) => {
    const { send, dispatch } = await start();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== undefined) headers['x-multaqa-secret'] = secret;
    const reply = await send({ method: 'POST', path: '/api/app.info', headers });
    expect(reply.status).toBe(401);
    expect(json(reply).ok).toBe(false);
    expect(reply.body).not.toContain(INFO.dataDir);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a secret in the query string does not count', async () => {
    const { send, dispatch } = await start();
    const reply = await send({
      method: 'POST',
      path: `/api/app.info?secret=${SECRET}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('Host header (DNS rebinding)', () => {
  // A page on evil.example that rebinds its name to 127.0.0.1 sends its own
  // name as Host; so does anything proxied from another port or host.
  const foreignHosts = (port: number) => [
    'evil.example',
    `evil.example:${port}`,
    `attacker.com:${port}`,
    `127.0.0.1:${port + 1}`,
    `localhost:${port + 1}`,
    '127.0.0.1',
    'localhost',
    `localhost.evil.example:${port}`,
    `127.0.0.1:${port}.evil.example`,
    `[::1]:${port}`,
    `0.0.0.0:${port}`,
  ];

  it('refuses foreign Hosts on the API with 403, core not reached', async () => {
    const { send, port, dispatch } = await start();
    for (const host of foreignHosts(port)) {
      const reply = await send({ ...api('app.info'), host });
      expect(reply.status, host).toBe(403);
      expect(reply.body, host).not.toContain(INFO.dataDir);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses foreign Hosts on static files with 403', async () => {
    const { send, port } = await start();
    for (const host of foreignHosts(port)) {
      for (const p of ['/', '/assets/app.js']) {
        const reply = await send({ path: p, host });
        expect(reply.status, `${host} ${p}`).toBe(403);
        expect(reply.body).not.toContain('multaqa');
      }
    }
  });

  it('refuses a request with no Host at all', async () => {
    const { send, dispatch } = await start();
    expect([400, 403]).toContain((await send({ path: '/', host: null })).status);
    expect([400, 403]).toContain((await send({ ...api('app.info'), host: null })).status);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts 127.0.0.1:<port> and localhost:<port>', async () => {
    const { send, port } = await start();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await send({ path: '/', host })).status, host).toBe(200);
      expect((await send({ ...api('app.info'), host })).status, host).toBe(200);
    }
  });
});

describe('Origin header (cross-site requests)', () => {
  // A page on another site (or another local server, or a sandboxed iframe /
  // file:// page, which send "null") must not drive the API, even with the secret.
  it('refuses foreign Origins with 403, core not reached', async () => {
    const { send, port, dispatch } = await start();
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port + 1}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
      `http://evil.example:${port}`,
      'file://',
    ]) {
      const reply = await send(api('app.info', undefined, { origin }));
      expect(reply.status, origin).toBe(403);
      expect(reply.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts our own origins', async () => {
    const { send, port } = await start();
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const reply = await send(api('app.info', undefined, { origin }));
      expect(reply.status, origin).toBe(200);
      expect(json(reply).ok).toBe(true);
    }
  });

  // The browser's CORS preflight for a cross-site call must not be approved.
  it('does not approve a CORS preflight from a foreign page', async () => {
    const { send } = await start();
    const reply = await send({
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-multaqa-secret',
      },
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('API: request shape', () => {
  it('GET /api/app.info (with the secret) -> 405', async () => {
    const { send, dispatch } = await start();
    const reply = await send({ method: 'GET', path: '/api/app.info', headers: { 'x-multaqa-secret': SECRET } });
    expect(reply.status).toBe(405);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // text/plain and form posts are what a cross-site <form> or simple fetch can send.
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined])(
    'content-type %s -> 415',
    async (type) => {
      const { send, dispatch } = await start();
      const headers: Record<string, string> = { 'x-multaqa-secret': SECRET };
      if (type) headers['content-type'] = type;
      const reply = await send({ method: 'POST', path: '/api/app.info', headers, body: '{}' });
      expect(reply.status).toBe(415);
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it.each(['{', 'not json', '{"id":}', "{'a':1}"])('invalid JSON %j -> 400', async (body) => {
    const { send, dispatch } = await start();
    const reply = await send(api('forums.get', body));
    expect(reply.status).toBe(400);
    expect(json(reply).error?.code).toBe('invalid_request');
    expect(dispatch).not.toHaveBeenCalled();
  });

  // Over HTTP the same contract schemas apply as over IPC.
  it('a payload failing the schema -> invalid_request envelope', async () => {
    const { send } = await start();
    const reply = await send(api('forums.get', JSON.stringify({ id: 'x', extra: 1 })));
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it.each(['nope', '__proto__', 'constructor', 'toString'])('unknown channel %s -> unknown_channel', async (name) => {
    const { send } = await start();
    const reply = await send(api(name));
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  /**
   * A malformed percent-escape in the channel makes decodeURIComponent throw in
   * src/web/web-server.ts (the `const channel = decodeURIComponent(...)` line);
   * the outer catch turns it into a 500 'internal' and logs a stack trace. It is
   * the client's mistake and should be refused as such (400), as static paths are.
   */
  it('a malformed escape in the channel name is a client error, not a 500', async () => {
    const { send, dispatch } = await start();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const reply = await send(api('%E0%A4%A'));
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(json(reply).ok).toBe(false);
      expect(dispatch).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('API: which tab is calling', () => {
  // Each tab has its own undo: the tab's id reaches the gate as the caller, plainly named or refused.
  it("passes the tab's id to the gate as the caller, and a caller without one as the unnamed tab", async () => {
    const { send, dispatch } = await start();
    const tab = randomUUID();
    expect((await send(api('app.info', undefined, { 'x-multaqa-client': tab }))).status).toBe(200);
    expect(dispatch).toHaveBeenLastCalledWith('app.info', undefined, { clientId: `tab:${tab}` });
    expect((await send(api('app.info'))).status).toBe(200);
    expect(dispatch).toHaveBeenLastCalledWith('app.info', undefined, { clientId: 'tab:unnamed' });
  });

  it.each([
    ['a path', '../window:1'],
    ['markup', '<script>'],
    ['too long', 'x'.repeat(100)],
    ['empty', ''],
  ])('a tab id that is %s -> 400, core not reached', async (_label, tab) => {
    const { send, dispatch } = await start();
    const reply = await send(api('app.info', undefined, { 'x-multaqa-client': tab }));
    expect(reply.status).toBe(400);
    expect(json(reply).error?.code).toBe('invalid_request');
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('API: body limits', () => {
  const id = randomUUID();

  it('accepts a body under the limit', async () => {
    const { send } = await start({ maxBodyBytes: 1024 });
    const reply = await send(api('forums.get', JSON.stringify({ id })));
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({ ok: true, data: { id } });
  });

  // A declared Content-Length over the cap is refused before reading the body.
  it('Content-Length over maxBodyBytes -> 413, core not reached', async () => {
    const { port, dispatch } = await start({ maxBodyBytes: 1024 });
    const reply = await sendStreaming(port, { 'content-length': '5000' }, []);
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('payload_too_large');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a full declared body over maxBodyBytes -> 413', async () => {
    const { send, dispatch } = await start({ maxBodyBytes: 1024 });
    const reply = await send(api('forums.get', JSON.stringify({ id, pad: 'x'.repeat(2000) })));
    expect(reply.status).toBe(413);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // Without Content-Length (chunked), the server must count as it reads.
  it('chunked body growing over maxBodyBytes -> 413, core not reached', async () => {
    const { port, dispatch } = await start({ maxBodyBytes: 1024 });
    const chunks = Array.from({ length: 6 }, () => 'x'.repeat(400));
    const reply = await sendStreaming(port, {}, chunks);
    expect(reply.status).toBe(413);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // Slow loris: headers and one byte, then silence. The server must let go.
  it('a body that stalls is cut off (408 or connection closed) well before 2 s', async () => {
    const { port, dispatch } = await start({ bodyTimeoutMs: 300 });
    const began = Date.now();
    const outcome = await stallingRequest(port, { 'content-length': '100' }, 'stall', 2500);
    expect(outcome).not.toBe('hung');
    expect(['status 408', 'closed']).toContain(outcome);
    expect(Date.now() - began).toBeLessThan(2000);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // A client dribbling a byte at a time must not keep the request open forever
  // by resetting an idle timer.
  it('a body that dribbles a byte every 100 ms is cut off too', async () => {
    const { port, dispatch } = await start({ bodyTimeoutMs: 300 });
    const began = Date.now();
    const outcome = await stallingRequest(port, { 'content-length': '1000' }, 'dribble', 2500);
    expect(['status 408', 'closed']).toContain(outcome);
    expect(Date.now() - began).toBeLessThan(2000);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('with a real core behind the gate', () => {
  // The whole path: HTTP -> checks -> schema -> core -> files on disk -> envelope.
  it('creates a forum and lists it back', async () => {
    const dataDir = path.join(tmp, 'data');
    const core = await openCore({ dataDir, appVersion: 'test', holder: 'test' });
    try {
      const { server } = await startWebServer({
        dispatch: createDispatch(core.handlers, () => {}),
        staticDir,
        secret: SECRET,
        newToken: tokens(),
        port: 0,
      });
      servers.push(server);
      const { port } = server.address() as AddressInfo;
      const info = json(await send(port, api('app.info')));
      expect(info).toMatchObject({ ok: true, data: { version: 'test' } });

      const input = { ...emptyForumInput('2025-03-10'), titleAr: 'ملتقى الرياض للتقنية' };
      const created = json(await send(port, api('forums.create', JSON.stringify(input))));
      expect(created).toMatchObject({ ok: true, data: { titleAr: 'ملتقى الرياض للتقنية' } });

      const listed = json(await send(port, api('forums.list')));
      expect(listed.ok).toBe(true);
      expect((listed.data as Array<{ titleAr: string }>).map((f) => f.titleAr)).toEqual(['ملتقى الرياض للتقنية']);

      // The same call without the secret changes nothing.
      const refused = await send(port, {
        method: 'POST',
        path: '/api/forums.create',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect(refused.status).toBe(401);
      expect((json(await send(port, api('forums.list'))).data as unknown[]).length).toBe(1);
    } finally {
      await core.close();
    }
  });
});

/** An authorised POST /api/forums.get whose body the caller writes (or does not). */
function openApiPost(port: number, extraHeaders: Record<string, string>): http.ClientRequest {
  return http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/forums.get',
    agent: false,
    headers: { 'content-type': 'application/json', 'x-multaqa-secret': SECRET, ...extraHeaders },
  });
}

/** POST /api/forums.get writing `chunks` (a few ms apart) without ending; resolves on the response. */
function sendStreaming(port: number, extraHeaders: Record<string, string>, chunks: string[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = openApiPost(port, extraHeaders);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.flushHeaders();
    let i = 0;
    const next = () => {
      const chunk = chunks[i++];
      if (chunk === undefined || req.destroyed) return;
      req.write(chunk, () => setTimeout(next, 10));
    };
    next();
  });
}

/**
 * Sends headers and then one byte ('stall') or a byte every 100 ms ('dribble'),
 * never finishing. Resolves with what the server did, or 'hung' after `giveUpMs`.
 */
function stallingRequest(
  port: number,
  extraHeaders: Record<string, string>,
  mode: 'stall' | 'dribble',
  giveUpMs: number,
): Promise<string> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const req = openApiPost(port, extraHeaders);
    const done = (outcome: string) => {
      clearTimeout(giveUp);
      clearInterval(timer);
      req.destroy();
      resolve(outcome);
    };
    const giveUp = setTimeout(() => done('hung'), giveUpMs);
    req.on('response', (res) => {
      res.resume();
      done(`status ${res.statusCode}`);
    });
    req.on('error', () => done('closed'));
    req.on('close', () => done('closed'));
    req.write('{');
    if (mode === 'dribble') timer = setInterval(() => req.write(' '), 100);
  });
}
