import { describe, expect, it, vi } from 'vitest';
import {
  type DownloadingSession,
  type GuardedContents,
  type GuardedSession,
  guardDownloads,
  guardSession,
  guardWebContents,
} from '../../../src/main/security';

/**
 * security.ts is written against small structural types, so plain objects
 * stand in for Electron's webContents and session. The fakes record every
 * listener so the tests can fire events the way Chromium would.
 */
type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      windowOpenHandler = handler;
    },
  };
  /** Fires `name` like Chromium does; true when some listener called preventDefault. */
  const emit = (name: string, url?: string): boolean => {
    const preventDefault = vi.fn();
    for (const listener of listeners.get(name) ?? []) listener({ preventDefault }, url);
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as GuardedContents,
    listeners,
    emit,
    openWindow: (url: string) => windowOpenHandler?.({ url }),
  };
}

function fakeSession() {
  let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  let checkHandler: ((...args: unknown[]) => boolean) | null = null;
  const session: GuardedSession = {
    setPermissionRequestHandler: (handler) => {
      requestHandler = handler;
    },
    setPermissionCheckHandler: (handler) => {
      checkHandler = handler;
    },
  };
  return {
    session,
    /** The answers the app gave to one permission request (normally exactly one). */
    request(permission: string): boolean[] {
      const answers: boolean[] = [];
      requestHandler?.({}, permission, (granted) => answers.push(granted));
      return answers;
    },
    check: (...args: unknown[]) => checkHandler?.(...args),
    installed: () => ({ request: requestHandler !== null, check: checkHandler !== null }),
  };
}

const APP_URL = 'file:///app/out/renderer/index.html';
const TARGETS = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  APP_URL,
  `${APP_URL}#/forums`,
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

describe('guardWebContents', () => {
  // A link, a dropped file or injected script must not take the window
  // (which holds the preload API) to another page, not even our own: the app
  // is one page and never navigates.
  it.each(TARGETS)('prevents will-navigate to %s', (url) => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect(f.emit('will-navigate', url)).toBe(true);
  });

  // A server redirect during a load is a navigation too.
  it.each(TARGETS)('prevents will-redirect to %s', (url) => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect(f.emit('will-redirect', url)).toBe(true);
  });

  // window.open / target=_blank must not create a second, unguarded window.
  it.each(TARGETS)('denies window.open to %s', (url) => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect(f.openWindow(url)).toEqual({ action: 'deny' });
  });

  // A <webview> would embed arbitrary content with its own preferences.
  it('prevents will-attach-webview', () => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect(f.emit('will-attach-webview')).toBe(true);
  });

  it('installs the window-open handler and a listener for each guarded event', () => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect([...f.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(f.openWindow('https://evil.example/')).toBeDefined();
  });

  it('logs each refusal with the URL it refused', () => {
    const f = fakeContents();
    const log = vi.fn();
    guardWebContents(f.contents, log);
    f.emit('will-navigate', 'https://evil.example/nav');
    f.openWindow('https://evil.example/popup');
    expect(log.mock.calls.flat().join('\n')).toContain('https://evil.example/nav');
    expect(log.mock.calls.flat().join('\n')).toContain('https://evil.example/popup');
  });
});

describe('guardSession', () => {
  // The app needs no camera, microphone, location or notifications; a page
  // that somehow ran in the window must not be granted any of them.
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'midiSysex', 'fullscreen'])(
    'answers a %s permission request with false, exactly once',
    (permission) => {
      const f = fakeSession();
      guardSession(f.session);
      expect(f.request(permission)).toEqual([false]);
    },
  );

  // Permission *checks* (navigator.permissions.query, etc.) must also say no.
  it.each(['media', 'geolocation', 'notifications', 'openExternal'])(
    'permission check for %s is false',
    (permission) => {
      const f = fakeSession();
      guardSession(f.session);
      expect(f.check({}, permission, 'file:///app/out/renderer/index.html', {})).toBe(false);
    },
  );

  it('installs both handlers', () => {
    const f = fakeSession();
    guardSession(f.session);
    expect(f.installed()).toEqual({ request: true, check: true });
  });
});

describe('guardDownloads', () => {
  type DownloadListener = (
    event: { preventDefault(): void },
    item: { getURL(): string },
    contents: { id: number } | null,
  ) => void;

  /** A session whose will-download the test fires; true when the download was refused. */
  function downloads(ourWindowId: number) {
    let listener: DownloadListener | undefined;
    const session: DownloadingSession = {
      on(_event, l) {
        listener = l as DownloadListener;
        return session;
      },
    };
    guardDownloads(session, (id) => id === ourWindowId);
    return (url: string, fromId: number | null): boolean => {
      const preventDefault = vi.fn();
      listener?.({ preventDefault }, { getURL: () => url }, fromId === null ? null : { id: fromId });
      return preventDefault.mock.calls.length > 0;
    };
  }

  it("lets the app's own window save a file it made in memory", () => {
    expect(downloads(7)('blob:file:///9d7c6f0e-2f6a-4b3a-9a57-0a4f2d1c5b11', 7)).toBe(false);
  });

  it('refuses a download from a site, a file:// URL, or from any other web contents', () => {
    const refused = downloads(7);
    expect(refused('https://evil.example/payload.exe', 7)).toBe(true);
    expect(refused('http://127.0.0.1:5178/x.zip', 7)).toBe(true);
    expect(refused('file:///C:/Windows/System32/cmd.exe', 7)).toBe(true);
    expect(refused('data:application/octet-stream;base64,TVo=', 7)).toBe(true);
    expect(refused('blob:https://evil.example/uuid', 8)).toBe(true);
    expect(refused('blob:file:///uuid', null)).toBe(true);
  });
});
