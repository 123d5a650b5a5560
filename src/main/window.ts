import path from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

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

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Multaqa — ملتقى',
    backgroundColor: '#f7f6f2',
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}

/** The one window factory. `rendererUrl` is the dev server in development. */
export function createMainWindow(outDir: string, rendererUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(outDir, 'preload', 'index.js')));
  win.once('ready-to-show', () => win.show());
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(path.join(outDir, 'renderer', 'index.html'));
  return win;
}
