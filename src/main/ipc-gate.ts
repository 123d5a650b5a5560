import type { Dispatch } from '../core/gate';
import { CHANNEL_NAMES, ipcChannel } from '../shared/contract';
import { AppError } from '../shared/errors';

/**
 * Electron's side of the gate: one `ipcMain.handle` per contract channel.
 * A message is served only when it comes from our window's main frame showing
 * our own page; then `dispatch` parses the payload with the channel's schema.
 */
export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
}

export interface TrustedSender {
  /** webContents id of the app window. */
  contentsId(): number | undefined;
  /** URL prefix of the app's page: its own origin (app://multaqa), or the dev server while developing. */
  appUrlPrefix: string;
}

export function isTrustedSender(event: IpcEventLike, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  return (
    event.sender.id === trusted.contentsId() &&
    frame !== null &&
    frame.parent === null &&
    isUnder(frame.url, trusted.appUrlPrefix)
  );
}

/**
 * Compares parsed, normalised URLs against the prefix as a folder (with its
 * trailing slash), so `…/renderer-evil/`, `localhost:51730` or
 * `localhost:5173@evil.example` never pass for `…/renderer` or `localhost:5173`.
 */
function isUnder(url: string, prefix: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return parsed.href.startsWith(new URL(folder).href);
}

export function registerIpcGate(ipcMain: IpcMainLike, dispatch: Dispatch, trusted: TrustedSender): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, payload) => {
      if (!isTrustedSender(event, trusted)) {
        return { ok: false, error: new AppError('forbidden', 'Sender is not the Multaqa window').toPayload() };
      }
      // The window is the caller: its undo is its own (core/caller).
      return dispatch(name, payload, { clientId: `window:${event.sender.id}` });
    });
  }
}
