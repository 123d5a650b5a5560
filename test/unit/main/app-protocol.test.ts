import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  appFileOf,
  readPageFile,
  registerAppProtocol,
  serveAppRequest,
} from '../../../src/main/app-protocol';
import { pagePathOf } from '../../../src/shared/page-files';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security-policy';

/**
 * The desktop app's page is served by its own protocol, app://multaqa/, from
 * the renderer folder. Attacked here as a page (or anything that can make the
 * window request a URL) would: every way out of the folder, other schemes and
 * hosts, and methods other than reading.
 */
const ROOT = path.join(path.sep, 'app', 'out', 'renderer');
const LEAK_MARKER = 'TOP-SECRET-OUTSIDE-RENDERER';

describe('appFileOf: the path a request names', () => {
  it('maps the page and its files inside the renderer folder', () => {
    expect(appFileOf(ROOT, 'app://multaqa/')).toBe(path.join(ROOT, 'index.html'));
    expect(appFileOf(ROOT, 'app://multaqa/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(appFileOf(ROOT, 'app://multaqa/assets/index-abc.js?v=1#x')).toBe(path.join(ROOT, 'assets', 'index-abc.js'));
    // A literal "%2e%2e" name after one decoding is just a name inside the folder.
    expect(appFileOf(ROOT, 'app://multaqa/%252e%252e/x')).toBe(path.join(ROOT, '%2e%2e', 'x'));
    // An "absolute" path is still read inside the folder.
    expect(appFileOf(ROOT, 'app://multaqa//etc/passwd')).toBe(path.join(ROOT, 'etc', 'passwd'));
    expect(appFileOf(ROOT, 'app://multaqa/%2Fetc%2Fpasswd')).toBe(path.join(ROOT, 'etc', 'passwd'));
    // Encoded dot segments are folded by the URL parser itself, at the folder's top at most.
    expect(appFileOf(ROOT, 'app://multaqa/%2e%2e/%2e%2e/package.json')).toBe(path.join(ROOT, 'package.json'));
    expect(appFileOf(ROOT, 'app://multaqa/assets/%2E%2E/%2E%2E/secret.txt')).toBe(path.join(ROOT, 'secret.txt'));
  });

  it.each([
    ['dots and encoded slashes', 'app://multaqa/assets%2f..%2f..%2fsecret.txt'],
    ['backslashes', 'app://multaqa/..%5c..%5csecret.txt'],
    ['a backslash inside a name', 'app://multaqa/assets%5cx.js'],
    ['a Windows drive', 'app://multaqa/C:/Windows/win.ini'],
    ['an encoded Windows drive', 'app://multaqa/C%3A%5CWindows%5Cwin.ini'],
    ['a NUL', 'app://multaqa/index.html%00.png'],
    ['broken percent-encoding', 'app://multaqa/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['a host that starts like ours', 'app://multaqa.evil/index.html'],
    ['credentials', 'app://user:pw@multaqa/index.html'],
    ['a port', 'app://multaqa:8080/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://multaqa/index.html'],
    ['not a URL', '../../etc/passwd'],
  ])('refuses %s', (_label, url) => {
    expect(appFileOf(ROOT, url)).toBeNull();
  });

  it('never leaves the folder, whatever segments a URL is made of', () => {
    const pieces = ['..', '.', '%2e', '%2e%2e', '%2f', '%5c', 'a', '', '%00', 'C:', '%252e', '/', '\\'];
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const file = appFileOf(ROOT, `app://multaqa/${a}/${b}/${c}`);
          if (file !== null) expect(file.startsWith(ROOT + path.sep), `${a}/${b}/${c} -> ${file}`).toBe(true);
        }
      }
    }
  });

  it("is the same rule as browser mode's server", () => {
    expect(pagePathOf('/%2e%2e/x')).toEqual({ ok: false, reason: 'outside' });
    expect(pagePathOf('/a%00')).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('serveAppRequest: what the window gets', () => {
  let tmp: string;
  let root: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'multaqa-protocol-'));
    root = path.join(tmp, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ملتقى</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(tmp, 'secret.txt'), LEAK_MARKER);
    mkdirSync(path.join(tmp, 'renderer-evil'));
    writeFileSync(path.join(tmp, 'renderer-evil', 'x.txt'), LEAK_MARKER);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root, readPageFile);

  it('serves the page with the same CSP as browser mode, never framed or sniffed', async () => {
    const reply = await get('app://multaqa/');
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('ملتقى');
    expect(reply.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await get('app://multaqa/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it.each([
    'app://multaqa/%2e%2e/secret.txt',
    'app://multaqa/..%2fsecret.txt',
    'app://multaqa/..%5csecret.txt',
    'app://multaqa/%2e%2e/renderer-evil/x.txt',
    `app://multaqa/${encodeURIComponent('/etc/passwd')}`,
    'app://multaqa/secret.txt%00.html',
    'app://multaqa/assets',
    'app://multaqa/missing.js',
  ])('%s -> 404, nothing from outside', async (url) => {
    const reply = await get(url);
    expect(reply.status).toBe(404);
    expect(await reply.text()).not.toContain(LEAK_MARKER);
  });

  it('answers reading only: POST and PUT are refused, HEAD has no body', async () => {
    expect((await get('app://multaqa/index.html', 'POST')).status).toBe(405);
    expect((await get('app://multaqa/index.html', 'PUT')).status).toBe(405);
    const head = await get('app://multaqa/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers one handler, for the app scheme, registered as standard and secure without bypassing the CSP', async () => {
    const handled: string[] = [];
    registerAppProtocol(
      {
        handle: (scheme) => {
          handled.push(scheme);
        },
      },
      root,
    );
    expect(handled).toEqual(['app']);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect('bypassCSP' in APP_SCHEME_PRIVILEGES.privileges).toBe(false);
  });
});
