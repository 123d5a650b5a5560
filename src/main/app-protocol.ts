import { readFile } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pageFileHeaders, pagePathOf } from '../shared/page-files';

/**
 * The desktop app's page comes from its own origin, app://multaqa/, rather
 * than from file://: a file:// page shares its origin with every file on the
 * disk, so the IPC gate could only trust a folder path. The protocol serves
 * the renderer folder and nothing else, with the same headers (and CSP) as
 * browser mode; the IPC gate trusts this origin only (and, while
 * developing, the dev server).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'multaqa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready: a standard scheme (so the page has an
 * origin, relative URLs and its sessionStorage), secure (like https), with
 * fetch for the page's own files; the CSP is not bypassed.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * The file a request for app://multaqa/… names inside `rootDir`, or null:
 * another scheme or host, credentials or a port in the URL, or a path that
 * would lead out of the folder (see pagePathOf).
 */
export function appFileOf(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  const relative = pagePathOf(url.pathname);
  return relative.ok ? path.join(rootDir, relative.path) : null;
}

export interface AppRequest {
  url: string;
  method: string;
}

/** Reads a file of the page (a test passes its own). */
export type ReadPageFile = (file: string) => Promise<Uint8Array>;

/** Answers one request of the page: the file with its headers, or a refusal that names nothing on disk. */
export async function serveAppRequest(request: AppRequest, rootDir: string, read: ReadPageFile): Promise<Response> {
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'GET only');
  const file = appFileOf(rootDir, request.url);
  if (!file) return refuse(404, 'Not found');
  let content: Uint8Array;
  try {
    content = await read(file);
  } catch {
    return refuse(404, 'Not found');
  }
  const headers = pageFileHeaders(path.extname(file).toLowerCase());
  return new Response(request.method === 'HEAD' ? null : Buffer.from(content), { status: 200, headers });
}

/**
 * Reads with the callback form of fs.readFile, which Electron serves from
 * inside app.asar in an installed app; a folder or a missing file fails.
 */
export const readPageFile: ReadPageFile = promisify(readFile);

export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** Serves app://multaqa/ from the renderer folder (once the app is ready). */
export function registerAppProtocol(protocol: ProtocolLike, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir, readPageFile));
}
