import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../shared/domain/settings';
import { i18nOptions } from '../shared/i18n/i18n-options';

/** The desk's own choice of language, kept on this device (the hub's setting is not the desk's to read). */
const LANGUAGE_KEY = 'multaqa.desk.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar'; // the browser blocks the site's storage
  }
}

export async function initDeskI18n(): Promise<void> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init(i18nOptions(language));
  applyLanguage(language);
}

export async function switchLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not kept across reloads on a browser that blocks the site's storage.
  }
  await i18next.changeLanguage(language);
  applyLanguage(language);
}

/** Arabic right to left, English left to right: the whole page flips, and its title follows. */
function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  document.title = `${i18next.t('desk.title')} — ${language === 'ar' ? 'ملتقى' : 'Multaqa'}`;
}
