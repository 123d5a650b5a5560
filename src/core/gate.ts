import { type ChannelName, channels, type Handlers, isChannelName } from '../shared/contract';
import { AppError, type Envelope, issuesFromZod } from '../shared/errors';

/**
 * The one door into core, shared by Electron's IPC and browser mode's HTTP.
 * The transport checks who is calling (sender frame, or secret + Host +
 * Origin); this checks what is asked: a known channel and a payload that
 * passes the channel's schema. Nothing else reaches a handler.
 */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (msg: string) => void = console.error): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) {
      return fail(new AppError('unknown_channel', `Unknown channel ${preview(channel)}`));
    }
    const parsed = channels[channel].request.safeParse(payload);
    if (!parsed.success) {
      return fail(new AppError('invalid_request', `Invalid request for ${channel}`, issuesFromZod(parsed.error)));
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      log(`[multaqa] ${channel as ChannelName} failed: ${error instanceof Error ? error.stack : preview(error)}`);
      return fail(new AppError('internal', 'Something went wrong inside Multaqa; nothing was changed.'));
    }
  };
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
