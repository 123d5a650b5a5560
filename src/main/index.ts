import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { type Core, openCore } from '../core/app-core';
import { createDispatch } from '../core/gate';
import type { Language } from '../shared/domain/settings';
import { AppError } from '../shared/errors';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { registerIpcGate } from './ipc-gate';
import { menuTemplate } from './menu';
import { guardDownloads, guardSession, guardWebContents } from './security';
import { askBeforeDiscarding } from './unsaved-close';
import { createMainWindow, devRendererUrl } from './window';

/**
 * The Electron shell: lifecycle, one window, the guards and the IPC gate.
 * Everything the app knows how to do is in core.
 */
const outDir = path.join(__dirname, '..');
// Ignored in an installed app: see devRendererUrl.
const devServerUrl = devRendererUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** The app's language as last read, for the questions the shell itself asks (they must be answered at once). */
let language: Language = 'ar';

app.enableSandbox();
// Before the app is ready, or the scheme is not a standard, secure one.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// A second launch focuses the running app instead of opening the store twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, console.warn));
  app.whenReady().then(start, fatal);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!core) return;
    // Let queued writes land and release the data folder before exiting.
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.close().finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  guardSession(session.defaultSession);
  guardDownloads(session.defaultSession, (id) => id !== undefined && id === mainWindow?.webContents.id, console.warn);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(app.isPackaged, process.platform)));
  const dataDir = process.env.MULTAQA_DATA_DIR ? path.resolve(process.env.MULTAQA_DATA_DIR) : app.getPath('userData');
  core = await openCore({
    dataDir,
    appVersion: app.getVersion(),
    holder: 'desktop',
    // Bundled beside this file by electron-vite (its second main entry).
    importWorker: path.join(__dirname, 'import-worker.js'),
    exportsDir: process.env.MULTAQA_EXPORTS_DIR ?? path.join(app.getPath('documents'), 'Multaqa'),
    // electron-builder copies resources/fonts next to the app (extraResources).
    fontsDir: app.isPackaged
      ? path.join(process.resourcesPath, 'fonts')
      : path.join(app.getAppPath(), 'resources', 'fonts'),
    reveal: async (file, how) => {
      if (how === 'folder') return shell.showItemInFolder(file);
      const problem = await shell.openPath(file);
      if (problem) throw new AppError('not_found', problem);
    },
    dailyBackups: true,
    // The check-in desks' page, built beside the renderer (vite.desk.config.mts), served by their door.
    deskPageDir: path.join(outDir, 'desk'),
  });
  registerAppProtocol(protocol, path.join(outDir, 'renderer'));
  // The gate trusts the app's own origin only (the dev server only while developing, never when packaged).
  const appUrlPrefix = devServerUrl ?? APP_ORIGIN;
  registerIpcGate(ipcMain, createDispatch(core.handlers), {
    appUrlPrefix,
    contentsId: () => mainWindow?.webContents.id,
  });
  const readLanguage = () =>
    core?.handlers['settings.get']().then(
      (settings) => {
        language = settings.language;
      },
      () => {},
    );
  await readLanguage();
  mainWindow = createMainWindow(outDir, devServerUrl, !app.isPackaged);
  // The page retitles itself when the language is switched; read it again then (and whenever the window comes back).
  mainWindow.on('page-title-updated', () => void readLanguage());
  mainWindow.on('focus', () => void readLanguage());
  askBeforeDiscarding(mainWindow, () => language);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function fatal(error: unknown): void {
  dialog.showErrorBox('Multaqa — ملتقى', `تعذر تشغيل ملتقى / Multaqa could not start:\n${(error as Error).message}`);
  app.exit(1);
}
