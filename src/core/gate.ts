import { type ChannelName, channels, type Handlers, isChannelName } from '../shared/contract';
import { AppError, type Envelope, issuesFromZod } from '../shared/errors';
import { asCaller, type Caller, CLIENT_ID, LOCAL_CLIENT } from './caller';

/**
 * The one door into core, shared by Electron's IPC and browser mode's HTTP.
 * The transport checks who is calling (sender frame, or secret + Host +
 * Origin) and which window or tab it is (`caller`, whose undo history the
 * change joins); this checks what is asked: a known channel and a payload
 * that passes the channel's schema. Nothing else reaches a handler.
 */
export type Dispatch = (channel: unknown, payload: unknown, caller?: Caller) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (msg: string) => void = console.error): Dispatch {
  return async (channel, payload, caller = { clientId: LOCAL_CLIENT }) => {
    if (!CLIENT_ID.test(caller.clientId)) {
      return fail(new AppError('invalid_request', 'The window or tab calling is not named plainly.'));
    }
    if (!isChannelName(channel)) {
      return fail(new AppError('unknown_channel', `Unknown channel ${preview(channel)}`));
    }
    let parsed: ReturnType<(typeof channels)[typeof channel]['request']['safeParse']>;
    try {
      const notPlain = notPlainData(payload);
      if (notPlain) {
        return fail(
          new AppError('invalid_request', `Invalid request for ${channel}`, [
            { path: notPlain, message: 'Only plain data (no Date, Map, class instance or function)' },
          ]),
        );
      }
      parsed = channels[channel].request.safeParse(payload);
    } catch {
      // A getter that throws, a revoked Proxy: nothing a transport delivers, and still no reason to reject.
      return fail(new AppError('invalid_request', `Unreadable request for ${channel}`));
    }
    if (!parsed.success) {
      return fail(new AppError('invalid_request', `Invalid request for ${channel}`, issuesFromZod(parsed.error)));
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const data = parsed.data;
      return { ok: true, data: await asCaller({ clientId: caller.clientId }, () => handler(data)) };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      log(`[multaqa] ${channel as ChannelName} failed: ${error instanceof Error ? error.stack : preview(error)}`);
      return fail(new AppError('internal', 'Something went wrong inside Multaqa; nothing was changed.'));
    }
  };
}

/**
 * The path to the first value that is not plain data, or null. zod's object
 * schemas accept any non-array object and `.strict()` looks only at own keys,
 * so a Date or a Map (which Electron's IPC passes through) would pass as an
 * empty object. Walked without recursion, so a deeply nested payload cannot
 * overflow the stack.
 */
function notPlainData(payload: unknown): (string | number)[] | null {
  // Each entry knows its parent, so the path is only spelled out for the value refused.
  type Entry = { value: unknown; key: string | number; parent: Entry | null };
  const pathOf = (entry: Entry) => {
    const path: (string | number)[] = [];
    for (let at: Entry | null = entry; at?.parent; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Entry[] = [{ value: payload, key: '', parent: null }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value } = entry;
    if (typeof value === 'function' || typeof value === 'symbol') return pathOf(entry);
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: i, parent: entry });
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return pathOf(entry);
    for (const [key, item] of Object.entries(value)) stack.push({ value: item, key, parent: entry });
  }
  return null;
}

/** For messages: anything a caller may send, even an object without a prototype, never throws here. */
function preview(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 80);
  try {
    return String(value).slice(0, 80);
  } catch {
    return `(${typeof value})`;
  }
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toPayload() };
}
