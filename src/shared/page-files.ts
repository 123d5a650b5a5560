import { CONTENT_SECURITY_POLICY } from './security-policy';

/**
 * How the app's own page files (index.html, its scripts, styles and fonts)
 * are served, the same by browser mode's server and by the desktop app's
 * app:// protocol: their type, never sniffed, and the page with its CSP,
 * never framed and never cached.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The response headers of a page file, by its extension (".html", lower case). */
export function pageFileHeaders(extension: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(extension === '.html'
      ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY', 'cache-control': 'no-store' }
      : {}),
  };
}

/**
 * Where a request for the page's files points inside the page's folder: its
 * path relative to that folder ("assets/app.js"; "/" is "index.html"), or why
 * it is refused. Decoded once, then checked segment by segment, so that
 * neither "../", an encoded "%2e%2e" or "%2f", a backslash, a drive ("C:"),
 * nor a NUL can lead out of the folder, whatever the operating system.
 */
export type PagePath = { ok: true; path: string } | { ok: false; reason: 'unreadable' | 'outside' };

export function pagePathOf(pathname: string): PagePath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (decoded.includes('\0')) return { ok: false, reason: 'unreadable' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\\') || s.includes(':'))) {
    return { ok: false, reason: 'outside' };
  }
  return { ok: true, path: segments.length === 0 ? 'index.html' : segments.join('/') };
}
