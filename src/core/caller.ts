import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is calling: the window (Electron) or browser tab that sent the
 * request. Undo belongs to the window that made the change, so core's
 * history asks here whose change it is recording or undoing. The transport
 * says who is calling (the sender's webContents, the tab's header) and the
 * gate runs the handler as that caller; code that runs outside any request
 * (start-up, tests calling handlers directly) is the one local caller.
 */
export interface Caller {
  clientId: string;
}

/** A client id as a transport may give it: short, plain, never a path or markup. */
export const CLIENT_ID = /^[A-Za-z0-9:._-]{1,80}$/;

export const LOCAL_CLIENT = 'local';

const callers = new AsyncLocalStorage<Caller>();

/** Runs `run` (and everything it awaits) as `caller`. */
export function asCaller<R>(caller: Caller, run: () => R): R {
  return callers.run(caller, run);
}

/** The window or tab whose request is running now. */
export function currentClientId(): string {
  return callers.getStore()?.clientId ?? LOCAL_CLIENT;
}
