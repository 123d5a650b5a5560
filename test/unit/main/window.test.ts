import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/**
 * The real 'electron' package must never load here (its index.js tries to
 * download a binary). A small fake BrowserWindow records what the window
 * factory asks for, so we can also check createMainWindow itself.
 */
const fake = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    loadedFile: string | undefined;
    loadedUrl: string | undefined;
    constructor(readonly options: unknown) {
      FakeBrowserWindow.created.push(this);
    }
    once(_event: string, _listener: () => void): this {
      return this;
    }
    show(): void {}
    loadFile(file: string): Promise<void> {
      this.loadedFile = file;
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return { FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

import { menuTemplate } from '../../../src/main/menu';
import { createMainWindow, devRendererUrl, mainWindowOptions, SECURE_WEB_PREFERENCES } from '../../../src/main/window';

/**
 * Written out here, not read from SECURE_WEB_PREFERENCES, so that flipping a
 * value in the source constant makes this test fail instead of agreeing with it.
 */
const REQUIRED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

/**
 * Options that open the renderer up if present anywhere (with any value other
 * than the safe one): Node in the page, remote code, experimental Blink
 * features, or extra process arguments handed to the renderer.
 */
const MUST_BE_ABSENT = ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule', 'disableBlinkFeatures'];

/** Every [key, value] pair in a nested options object, whatever the depth. */
function allEntries(value: unknown, trail: string[] = []): Array<{ key: string; value: unknown; at: string }> {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    { key, value: inner, at: [...trail, key].join('.') },
    ...allEntries(inner, [...trail, key]),
  ]);
}

describe('SECURE_WEB_PREFERENCES', () => {
  // Guards against someone relaxing a default in the shared constant
  // (e.g. electron-vite's template ships `sandbox: false`).
  it.each(Object.entries(REQUIRED))('%s is %s', (key, expected) => {
    expect(SECURE_WEB_PREFERENCES).toHaveProperty(key, expected);
  });

  it('does not enable experimental features or drag-and-drop navigation', () => {
    expect(SECURE_WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(SECURE_WEB_PREFERENCES.navigateOnDragDrop).toBe(false);
  });
});

describe('mainWindowOptions', () => {
  const preload = path.join('/app', 'out', 'preload', 'index.js');
  const options = mainWindowOptions(preload);

  // Guards against the window factory spreading something after the safe
  // defaults that overrides one of them.
  it.each(Object.entries(REQUIRED))('webPreferences.%s is %s', (key, expected) => {
    expect(options.webPreferences).toHaveProperty(key, expected);
  });

  it('passes the preload path through unchanged', () => {
    expect(options.webPreferences?.preload).toBe(preload);
  });

  // Any new webPreferences key must be a deliberate change to this test.
  it('webPreferences holds exactly the safe defaults and the preload, nothing else', () => {
    expect(options.webPreferences).toEqual({ ...REQUIRED, ...pick(SECURE_WEB_PREFERENCES), devTools: false, preload });
    expect(Object.keys(options.webPreferences ?? {}).sort()).toEqual(
      [...Object.keys(SECURE_WEB_PREFERENCES), 'devTools', 'preload'].sort(),
    );
  });

  it('has no DevTools unless asked for while developing', () => {
    expect(mainWindowOptions(preload).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions(preload, true).webPreferences?.devTools).toBe(true);
  });

  // Guards against a weakening option tucked anywhere in the options object
  // (top level, or some nested object), not just in webPreferences.
  it('no option anywhere weakens a safe default', () => {
    const entries = allEntries(options);
    for (const { key, value, at } of entries) {
      if (key in REQUIRED) {
        expect(value, `${at} must stay ${String(REQUIRED[key as keyof typeof REQUIRED])}`).toBe(
          REQUIRED[key as keyof typeof REQUIRED],
        );
      }
      expect(MUST_BE_ABSENT, `${at} must not be set`).not.toContain(key);
      if (key === 'experimentalFeatures' || key === 'navigateOnDragDrop') expect(value, at).toBe(false);
    }
    // Each safe key appears exactly once, inside webPreferences.
    for (const key of Object.keys(REQUIRED)) {
      expect(entries.filter((e) => e.key === key).map((e) => e.at)).toEqual([`webPreferences.${key}`]);
    }
  });

  it('does not share one mutable object between windows', () => {
    const other = mainWindowOptions('/elsewhere/preload.js');
    expect(other.webPreferences).not.toBe(options.webPreferences);
    expect(options.webPreferences?.preload).toBe(preload);
  });
});

describe('createMainWindow', () => {
  // Guards against the packaged app loading anything but its own files, and
  // against the window being built with other options than the checked ones.
  it('uses mainWindowOptions with the preload under outDir and loads the page from the app origin, not file://', () => {
    const outDir = path.join('/app', 'out');
    createMainWindow(outDir, undefined);
    const win = fake.FakeBrowserWindow.created.at(-1);
    expect(win?.options).toEqual(mainWindowOptions(path.join(outDir, 'preload', 'index.js')));
    expect(win?.loadedUrl).toBe('app://multaqa/index.html');
    expect(win?.loadedFile).toBeUndefined();
  });

  it('loads the dev server URL only when one is given', () => {
    createMainWindow('/app/out', 'http://localhost:5173');
    const win = fake.FakeBrowserWindow.created.at(-1);
    expect(win?.loadedUrl).toBe('http://localhost:5173');
    expect(win?.loadedFile).toBeUndefined();
  });
});

describe('devRendererUrl', () => {
  // An installed app with ELECTRON_RENDERER_URL set would load any site, which the IPC gate would then trust.
  it('is ignored in a packaged app, whatever it says', () => {
    expect(devRendererUrl(true, 'http://localhost:5173')).toBeUndefined();
    expect(devRendererUrl(true, 'https://evil.example/')).toBeUndefined();
  });

  it('while developing, takes only a loopback http dev server', () => {
    expect(devRendererUrl(false, 'http://localhost:5173')).toBe('http://localhost:5173');
    expect(devRendererUrl(false, 'http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    for (const url of [
      'https://evil.example/',
      'http://evil.example:5173',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(devRendererUrl(false, url), url).toBeUndefined();
    }
    expect(devRendererUrl(false, undefined)).toBeUndefined();
  });
});

describe('menuTemplate', () => {
  /** Every role anywhere in the menu. */
  const roles = (items: readonly unknown[]): string[] =>
    items.flatMap((item) => {
      const { role, submenu } = item as { role?: string; submenu?: unknown };
      return [...(role ? [role] : []), ...(Array.isArray(submenu) ? roles(submenu) : [])];
    });

  it.each(['win32', 'darwin', 'linux'] as const)(
    'offers no DevTools and no reload in a packaged app (%s)',
    (platform) => {
      const found = roles(menuTemplate(true, platform));
      expect(found).not.toContain('toggleDevTools');
      expect(found).not.toContain('reload');
      expect(found).not.toContain('forceReload');
      // Electron's own View menu carries DevTools: it must not be used as a role.
      expect(found).not.toContain('viewMenu');
      expect(found).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'togglefullscreen']));
    },
  );

  it('offers DevTools while developing', () => {
    expect(roles(menuTemplate(false, 'linux'))).toContain('toggleDevTools');
  });
});

/** The non-REQUIRED safe keys (experimentalFeatures, spellcheck, ...) with their source values. */
function pick(prefs: typeof SECURE_WEB_PREFERENCES): Record<string, unknown> {
  return Object.fromEntries(Object.entries(prefs).filter(([key]) => !(key in REQUIRED)));
}
