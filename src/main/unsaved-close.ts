import { type BrowserWindow, dialog } from 'electron';
import type { Language } from '../shared/domain/settings';
import ar from '../shared/i18n/ar.json';
import en from '../shared/i18n/en.json';

/**
 * A form with unsaved changes makes the page refuse to unload (its
 * beforeunload). A browser then asks the user; Electron asks nobody and simply
 * keeps the window open, so the shell asks here, in the app's language:
 * discarding lets the window close (or reload), keeping leaves it as it is.
 */
export function askBeforeDiscarding(win: BrowserWindow, language: () => Language): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const words = (language() === 'en' ? en : ar).unsaved;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: [words.discard, words.keep],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: words.title,
      message: words.title,
      detail: words.body,
    });
    // Preventing this event overrides the page's refusal: the unload goes ahead.
    if (choice === 0) event.preventDefault();
  });
}
