import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Dispatch } from '../../../src/core/gate';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../src/main/app-protocol';
import {
  type IpcEventLike,
  type IpcMainLike,
  isTrustedSender,
  registerIpcGate,
  type TrustedSender,
} from '../../../src/main/ipc-gate';
import { CHANNEL_NAMES, type ChannelName, type Handlers, ipcChannel } from '../../../src/shared/contract';
import type { Envelope } from '../../../src/shared/errors';

/**
 * The IPC gate is the only way the renderer reaches core in the desktop app.
 * These tests play Electron's ipcMain (a Map of handlers) and send messages
 * as our window, as another window, as an iframe and as a foreign page.
 */
const APP_PREFIX = 'file:///app/out/renderer';
const APP_PAGE = `${APP_PREFIX}/index.html`;
const WINDOW_ID = 7;

type IpcListener = (event: IpcEventLike, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, IpcListener>();
  const calls: string[] = [];
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      calls.push(channel);
      handlers.set(channel, listener);
    },
  };
  return { ipcMain, handlers, calls };
}

function event(overrides: { id?: number; url?: string; parent?: unknown; noFrame?: boolean } = {}): IpcEventLike {
  return {
    sender: { id: overrides.id ?? WINDOW_ID },
    senderFrame: overrides.noFrame ? null : { url: overrides.url ?? APP_PAGE, parent: overrides.parent ?? null },
  };
}

const trusted = (prefix = APP_PREFIX, contentsId: () => number | undefined = () => WINDOW_ID): TrustedSender => ({
  appUrlPrefix: prefix,
  contentsId,
});

const INFO = { version: 'test', dataDir: '/data', backupsDir: '/data/backups' };

/** A real dispatch over fake handlers: only app.info and forums.create are implemented. */
function realDispatch() {
  const create = vi.fn(async (input: unknown) => ({ created: input }));
  const handlers = {
    'app.info': async () => INFO,
    'forums.create': create,
  } as unknown as Handlers;
  return { dispatch: createDispatch(handlers, () => {}), create };
}

function setup(t: TrustedSender = trusted()) {
  const ipc = fakeIpcMain();
  const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, data: 'dispatched' }));
  registerIpcGate(ipc.ipcMain, dispatch, t);
  const send = (channel: ChannelName, e: IpcEventLike, payload?: unknown) => {
    const listener = ipc.handlers.get(ipcChannel(channel));
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(e, payload) as Promise<Envelope<unknown>>;
  };
  return { ...ipc, dispatch, send };
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };

describe('registerIpcGate registration', () => {
  // Every contract channel must be reachable, and only under its namespaced name:
  // no handler left out, none registered twice, no raw or extra channels.
  it('registers exactly one handler per contract channel, under ipcChannel(name)', () => {
    const { calls, handlers } = setup();
    expect(calls).toHaveLength(CHANNEL_NAMES.length);
    expect(new Set(calls).size).toBe(calls.length);
    expect([...handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
    for (const name of calls) expect(name.startsWith('multaqa:')).toBe(true);
  });

  it('dispatches each IPC channel to its own contract channel', async () => {
    const { send, dispatch } = setup();
    for (const name of CHANNEL_NAMES) {
      dispatch.mockClear();
      await send(name, event(), { probe: name });
      expect(dispatch).toHaveBeenCalledExactlyOnceWith(name, { probe: name }, { clientId: `window:${WINDOW_ID}` });
    }
  });

  // Undo belongs to the window: the caller is the sending webContents, which the page cannot choose.
  it('names the sending window as the caller, whatever the payload claims', async () => {
    const { send, dispatch } = setup();
    await send('history.undo', event(), { clientId: 'window:99' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith(
      'history.undo',
      { clientId: 'window:99' },
      { clientId: 'window:7' },
    );
  });
});

describe('registerIpcGate refuses untrusted senders without calling core', () => {
  // Another window (or a webContents created by something else) must not use our API.
  it('another webContents id -> forbidden', async () => {
    const { send, dispatch } = setup();
    expect(await send('app.info', event({ id: WINDOW_ID + 1 }))).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // An iframe inside our window (even one showing our own page) is not the app.
  it('a subframe (parent !== null) -> forbidden', async () => {
    const { send, dispatch } = setup();
    expect(await send('app.info', event({ parent: { url: APP_PAGE } }))).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // A frame that has gone (navigated away, destroyed) has no URL to check.
  it('senderFrame null -> forbidden', async () => {
    const { send, dispatch } = setup();
    expect(await send('app.info', event({ noFrame: true }))).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // Before the window exists, or after it closed, nothing is trusted.
  it('no app window (contentsId undefined) -> forbidden', async () => {
    const { send, dispatch } = setup(trusted(APP_PREFIX, () => undefined));
    expect(await send('app.info', event())).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // Our window showing someone else's page (if a navigation ever slipped through).
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'file:///app/out/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('main frame at %s -> forbidden', async (url) => {
    const { send, dispatch } = setup();
    expect(await send('forums.list', event({ url }))).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  // A sibling folder whose name merely starts like ours (file:///app/out/renderer-evil/...)
  // is not our page. Fails today: see the isTrustedSender prefix tests below.
  it('main frame in a sibling folder extending the prefix -> forbidden', async () => {
    const { send, dispatch } = setup();
    expect(await send('forums.list', event({ url: `${APP_PREFIX}-evil/index.html` }))).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses on every channel, not just one', async () => {
    const { send, dispatch } = setup();
    for (const name of CHANNEL_NAMES) {
      expect(await send(name, event({ url: 'https://evil.example/' }))).toEqual(FORBIDDEN);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('isTrustedSender URL prefix', () => {
  it('accepts our own page, with a hash route', () => {
    expect(isTrustedSender(event(), trusted())).toBe(true);
    expect(isTrustedSender(event({ url: `${APP_PAGE}#/forums/1` }), trusted())).toBe(true);
  });

  it('accepts the dev server page', () => {
    const dev = trusted('http://localhost:5173');
    expect(isTrustedSender(event({ url: 'http://localhost:5173/' }), dev)).toBe(true);
    expect(isTrustedSender(event({ url: 'http://localhost:5173/#/forums' }), dev)).toBe(true);
  });

  /**
   * main/index.ts builds the prefix as pathToFileURL(out/renderer).href, with
   * no trailing slash, and in development uses ELECTRON_RENDERER_URL
   * (e.g. 'http://localhost:5173'). A plain startsWith then also trusts a
   * sibling folder, another port and even another host. These must be refused.
   */
  it.each([
    [APP_PREFIX, 'file:///app/out/renderer-evil/index.html'],
    [APP_PREFIX, 'file:///app/out/renderer.evil/index.html'],
    [APP_PREFIX, 'file:///app/out/rendererX'],
    ['http://localhost:5173', 'http://localhost:51730/'],
    ['http://localhost:5173', 'http://localhost:5173.evil.example/'],
    ['http://localhost:5173', 'http://localhost:5173@evil.example/'],
  ])('prefix %s does not trust %s', (prefix, url) => {
    expect(isTrustedSender(event({ url }), trusted(prefix))).toBe(false);
  });
});

describe('the app origin (app://multaqa) as the trusted prefix', () => {
  // What main/index.ts trusts in an installed app: its own protocol's origin, not a folder on disk.
  const app = trusted(APP_ORIGIN);
  it('trusts the page served by the app protocol', () => {
    expect(isTrustedSender(event({ url: APP_ENTRY_URL }), app)).toBe(true);
    expect(isTrustedSender(event({ url: `${APP_ORIGIN}/index.html#/forums` }), app)).toBe(true);
  });

  it.each([
    'app://multaqa.evil/index.html',
    'app://evil/index.html',
    'app://x@multaqa/index.html',
    'app://multaqa:81/index.html',
    'file:///app/out/renderer/index.html',
    'http://localhost:5173/',
    'https://multaqa/index.html',
    'about:blank',
  ])('does not trust %s', (url) => {
    expect(isTrustedSender(event({ url }), app)).toBe(false);
  });
});

describe('registerIpcGate with a real dispatch', () => {
  // The schema is checked after the sender: a trusted window sending a bad
  // payload gets field issues back and the handler never runs.
  it('trusted sender, payload failing the schema -> invalid_request with issues', async () => {
    const ipc = fakeIpcMain();
    const { dispatch, create } = realDispatch();
    registerIpcGate(ipc.ipcMain, dispatch, trusted());
    const reply = (await ipc.handlers.get(ipcChannel('forums.create'))?.(event(), {})) as Envelope<unknown>;
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_request');
    expect(reply.error.issues?.length).toBeGreaterThan(0);
    expect(reply.error.issues?.map((i) => i.path[0])).toContain('titleAr');
    expect(create).not.toHaveBeenCalled();
  });

  it('trusted sender, valid payload -> the handler result', async () => {
    const ipc = fakeIpcMain();
    const { dispatch } = realDispatch();
    registerIpcGate(ipc.ipcMain, dispatch, trusted());
    expect(await ipc.handlers.get(ipcChannel('app.info'))?.(event(), undefined)).toEqual({ ok: true, data: INFO });
  });

  it('untrusted sender with a valid payload -> forbidden, handler not run', async () => {
    const ipc = fakeIpcMain();
    const { dispatch, create } = realDispatch();
    registerIpcGate(ipc.ipcMain, dispatch, trusted());
    const reply = await ipc.handlers.get(ipcChannel('forums.create'))?.(event({ id: 99 }), {});
    expect(reply).toEqual(FORBIDDEN);
    expect(create).not.toHaveBeenCalled();
  });
});
