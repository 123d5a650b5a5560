import { promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { DESK_PAGE_PATH } from '../../shared/desks/desk-channels';
import { AppError } from '../../shared/errors';
import { sendError } from '../http-kit';

/**
 * The desk page (src/desk, built by vite.desk.config.mts into out/desk): the
 * check-in screen a desk's browser loads from the door. It holds no data, so
 * it is served without a credential; everything it then asks of the hub
 * carries one.
 *
 * Only the built page's own files are served: its index.html at
 * DESK_PAGE_PATH and the js and css under assets/, found by exact name in a
 * list read once from the folder, so no path typed in a request can reach
 * another file.
 */

/** Off the main thread: the hub's window keeps answering while the script is compressed. */
const gzip = promisify(gzipCallback);

const ASSETS = `${DESK_PAGE_PATH}assets/`;
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface PageFile {
  body: Buffer;
  /** The same, compressed once: the script is about 5.5 MB, 1.9 MB gzipped, over a venue's Wi-Fi. */
  gzipped: Buffer;
  type: string;
  /** The html changes at every build: never kept; the assets are named by their hash: kept for a year. */
  cache: string;
}

/**
 * The built page in its folder (out/desk beside the shell's own bundle: the
 * shell knows where it was built to, and says so in the core's options), read
 * the first time a desk asks for it and kept.
 */
export class DeskPage {
  private files: Promise<Map<string, PageFile>> | null = null;

  constructor(readonly dir: string) {}

  /** The page's files by request path, or null when they cannot be read (the page is not built). */
  async read(log: (message: string) => void): Promise<Map<string, PageFile> | null> {
    try {
      this.files ??= readPage(this.dir);
      return await this.files;
    } catch (error) {
      this.files = null;
      log(`[multaqa desks] the desk page cannot be read from ${this.dir}: ${(error as Error).message}`);
      return null;
    }
  }
}

/** The address typed by hand from the hub's screen often loses its last slash. */
const WITHOUT_SLASH = DESK_PAGE_PATH.replace(/\/$/, '');

/** Is this a request for the page (the listener's one exception to the credential)? */
export function isDeskPageRequest(pathname: string): boolean {
  return pathname === DESK_PAGE_PATH || pathname === WITHOUT_SLASH || pathname.startsWith(ASSETS);
}

/**
 * The page's policy: its own files only; 'wasm-unsafe-eval' so Automerge's
 * wasm compiles (nothing else is evaluated); connections to the door itself
 * only, http and its sync socket; never framed.
 */
export function deskPagePolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function readPage(dir: string): Promise<Map<string, PageFile>> {
  const found = new Map<string, PageFile>();
  const html = await fs.readFile(path.join(dir, 'index.html'));
  found.set(DESK_PAGE_PATH, {
    body: html,
    gzipped: await gzip(html),
    type: 'text/html; charset=utf-8',
    cache: 'no-store',
  });
  for (const name of await fs.readdir(path.join(dir, 'assets'))) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = await fs.readFile(path.join(dir, 'assets', name));
    found.set(`${ASSETS}${name}`, {
      body,
      gzipped: await gzip(body),
      type,
      cache: 'public, max-age=31536000, immutable',
    });
  }
  return found;
}

/** Answers a request for the page's html, js or css; `host` is the door's own `<address>:<port>`. */
export async function serveDeskPage(
  built: DeskPage | null,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  host: string,
  log: (message: string) => void,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, new AppError('forbidden', 'GET only'));
  if (pathname === WITHOUT_SLASH) {
    res.writeHead(308, { location: DESK_PAGE_PATH, 'cache-control': 'no-store', 'content-length': 0 });
    return void res.end();
  }
  const page = (await built?.read(log)) ?? null;
  if (!page) return sendError(res, 404, new AppError('not_found', 'The desk page is not built.'));
  const file = page.get(pathname);
  if (!file) return sendError(res, 404, new AppError('not_found', 'Not found'));
  const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzipped ? file.gzipped : file.body;
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': body.length,
    ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': file.cache,
    'content-security-policy': deskPagePolicy(host),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
