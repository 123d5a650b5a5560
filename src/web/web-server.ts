import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dispatch } from '../core/gate';
import { readBody, sendError, sendJson } from '../core/http-kit';
import { isChannelName, REQUEST_BYTE_LIMITS } from '../shared/contract';
import { AppError } from '../shared/errors';
import { pageFileHeaders, pagePathOf } from '../shared/page-files';

/**
 * Browser mode: the built renderer and the core gate over HTTP, for machines
 * without Electron and for the e2e tests. It is a door into the user's data,
 * so it is closed to everyone but the page it served:
 *
 * - it listens on 127.0.0.1 only;
 * - every request must name our own Host (127.0.0.1:<port> or localhost:<port>),
 *   which defeats DNS rebinding;
 * - API calls must carry the per-run secret and, when the browser sends an
 *   Origin, our own origin. The secret is never in a URL: the link printed
 *   carries a one-time token in its #fragment (which browsers never send to
 *   servers or in Referer), which the page exchanges for the secret at
 *   `POST /session`; the token is void after that, so the browser's history
 *   and session files hold only a spent one. Each exchange mints the next
 *   token, and `onLink` hands its link to whoever prints it (a second tab, or
 *   the same after the first was closed);
 * - bodies are capped in size and in time (slow clients are cut off);
 * - static files are served only from inside the renderer folder.
 */
export interface WebServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  secret: string;
  /** Makes the one-time tokens of the links (random, unguessable). */
  newToken: () => string;
  /** Each link after the first, as its token is minted. */
  onLink?: (url: string) => void;
  port: number;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
}

export const API_PREFIX = '/api/';
export const SECRET_HEADER = 'x-multaqa-secret';
/** Where the page exchanges its link's one-time token for the secret. */
export const SESSION_PATH = '/session';
export const TOKEN_HEADER = 'x-multaqa-token';
/**
 * Which tab is calling (an id the page makes and keeps for the tab's life):
 * each tab has its own undo. Every caller already holds the secret, so the
 * id names a tab, it does not grant anything.
 */
export const CLIENT_HEADER = 'x-multaqa-client';
/** A caller that names no tab (a script, an older page) shares this one's undo. */
const UNNAMED_TAB = 'tab:unnamed';
/** The page names its tab with a UUID; anything plain and short is taken. */
const TAB_ID = /^[A-Za-z0-9-]{1,64}$/;
const DEFAULT_MAX_BODY = 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<{ server: http.Server; url: string }> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const bodyTimeout = options.bodyTimeoutMs ?? 10_000;
  const staticRoot = path.resolve(options.staticDir);
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let token = options.newToken();
  let linkOf = (_token: string) => '';

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        return sendError(res, 403, new AppError('forbidden', 'Unknown Host header'));
      }
      const url = new URL(req.url ?? '/', 'http://local');
      const origin = req.headers.origin;
      if (url.pathname === SESSION_PATH) {
        if (origin !== undefined && !allowedOrigins.has(origin)) {
          return sendError(res, 403, new AppError('forbidden', 'Foreign Origin'));
        }
        if (req.method !== 'POST') return sendError(res, 405, new AppError('forbidden', 'POST only'));
        if (!safeEqual(String(req.headers[TOKEN_HEADER] ?? ''), token)) {
          return sendError(res, 401, new AppError('forbidden', 'This link was used already, or is not ours'));
        }
        // Spent: the next link gets a token of its own.
        token = options.newToken();
        options.onLink?.(linkOf(token));
        return sendJson(res, 200, { ok: true, data: { secret: options.secret } });
      }
      if (url.pathname.startsWith(API_PREFIX)) {
        if (origin !== undefined && !allowedOrigins.has(origin)) {
          return sendError(res, 403, new AppError('forbidden', 'Foreign Origin'));
        }
        if (!safeEqual(String(req.headers[SECRET_HEADER] ?? ''), options.secret)) {
          return sendError(res, 401, new AppError('forbidden', 'Missing or wrong secret'));
        }
        if (req.method !== 'POST') return sendError(res, 405, new AppError('forbidden', 'POST only'));
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return sendError(res, 415, new AppError('invalid_request', 'JSON only'));
        }
        // Channel names are plain ASCII ("forums.list"): no decoding, so nothing odd can hide in escapes.
        const channel = url.pathname.slice(API_PREFIX.length);
        if (!/^[A-Za-z][A-Za-z.]{0,80}$/.test(channel)) {
          return sendError(res, 404, new AppError('unknown_channel', 'Unknown channel'));
        }
        const limit = (isChannelName(channel) && REQUEST_BYTE_LIMITS[channel]) || maxBody;
        const body = await readBody(req, limit, bodyTimeout);
        if (body === 'too_large') {
          return sendError(res, 413, new AppError('payload_too_large', `The request is over ${limit} bytes`), true);
        }
        if (body === 'timeout') {
          return sendError(res, 408, new AppError('invalid_request', 'The request body was too slow'), true);
        }
        let payload: unknown;
        try {
          payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
        } catch {
          return sendError(res, 400, new AppError('invalid_request', 'The body is not JSON'));
        }
        const tab = req.headers[CLIENT_HEADER];
        if (tab !== undefined && (typeof tab !== 'string' || !TAB_ID.test(tab))) {
          return sendError(res, 400, new AppError('invalid_request', 'The tab is not named plainly'));
        }
        const caller = { clientId: tab === undefined ? UNNAMED_TAB : `tab:${tab}` };
        return sendJson(res, 200, await options.dispatch(channel, payload, caller));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, new AppError('forbidden', 'GET only'));
      }
      return await serveStatic(res, staticRoot, url.pathname, req.method === 'HEAD');
    } catch (error) {
      console.error('[multaqa web]', error);
      if (!res.headersSent) sendError(res, 500, new AppError('internal', 'Server error'));
    }
  });
  // Slow-loris: headers must arrive quickly, a whole request within the limit.
  server.headersTimeout = 10_000;
  server.requestTimeout = bodyTimeout + 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  linkOf = (t) => `http://127.0.0.1:${port}/#token=${t}`;
  return { server, url: linkOf(token) };
}

async function serveStatic(res: http.ServerResponse, root: string, pathname: string, headOnly: boolean) {
  const relative = pagePathOf(pathname);
  if (!relative.ok) {
    return relative.reason === 'unreadable'
      ? sendError(res, 400, new AppError('invalid_request', 'Bad path'))
      : sendError(res, 404, new AppError('not_found', 'Not found'));
  }
  const file = path.join(root, relative.path);
  let content: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return sendError(res, 404, new AppError('not_found', 'Not found'));
    content = await fs.readFile(file);
  } catch {
    return sendError(res, 404, new AppError('not_found', 'Not found'));
  }
  const ext = path.extname(file).toLowerCase();
  res.writeHead(200, { ...pageFileHeaders(ext), 'content-length': content.length });
  res.end(headOnly ? undefined : content);
}

function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
