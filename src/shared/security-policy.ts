/**
 * The renderer's Content-Security-Policy, the same in Electron (a meta tag,
 * written at build time) and in browser mode (the meta tag and a response
 * header): only our own files, no remote code,
 * no inline scripts, no plugins, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
