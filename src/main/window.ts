import path from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';

/**
 * Electron's safe defaults, written out so a test can check each one and so
 * nobody flips one by accident: the renderer is a plain web page with no Node,
 * isolated from the preload, sandboxed, and unable to load insecure content.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/**
 * The options of the main window. `devTools` only while developing: in an
 * installed app DevTools would put the whole API of the page (`window.multaqa`)
 * one keystroke away from anyone at a check-in laptop.
 */
export function mainWindowOptions(preloadPath: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Multaqa — ملتقى',
    backgroundColor: '#f7f6f2',
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools, preload: preloadPath },
  };
}

/**
 * The dev server's URL (electron-vite's ELECTRON_RENDERER_URL) while
 * developing, and only a loopback http one; never in a packaged app. The IPC
 * gate trusts whatever page the window loads from there, so an environment
 * variable set on an installed app must not be able to point it at any site.
 */
export function devRendererUrl(isPackaged: boolean, value: string | undefined): string | undefined {
  if (isPackaged || !value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return url.protocol === 'http:' && loopback ? value : undefined;
}

/**
 * The one window factory. The page comes from the app's own origin
 * (app://multaqa/, see app-protocol), or from the dev server in development
 * (see devRendererUrl).
 */
export function createMainWindow(outDir: string, rendererUrl: string | undefined, devTools = false): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(outDir, 'preload', 'index.js'), devTools));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl ?? APP_ENTRY_URL);
  return win;
}
