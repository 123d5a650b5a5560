import type http from 'node:http';
import type { AppError, AppErrorPayload } from '../shared/errors';

/**
 * The pieces of an HTTP door into the app that browser mode's server and
 * the check-in desks' listener share: a body read with a cap on its size and
 * on the time it may take (a slow or huge body is cut off), and JSON answers
 * that no browser caches or sniffs.
 */

/** The request's body, or why it was not read to the end. */
export function readBody(req: http.IncomingMessage, max: number, timeoutMs: number) {
  return new Promise<Buffer | 'too_large' | 'timeout'>((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return resolve('too_large');
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const finish = (result: Buffer | 'too_large' | 'timeout') => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return finish('too_large');
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** `close` drops the connection after refusing a body we did not read to the end. */
export function sendError(res: http.ServerResponse, status: number, error: AppError, close = false) {
  const payload: AppErrorPayload = error.toPayload();
  sendJson(res, status, { ok: false, error: payload }, close);
}
