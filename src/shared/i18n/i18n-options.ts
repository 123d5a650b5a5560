import type { InitOptions } from 'i18next';
import type { Language } from '../domain/settings';
import ar from './ar.json';
import en from './en.json';

/** How each page sets i18next up (the app's window, a desk's page): both languages, Arabic the fallback. */
export function i18nOptions(language: Language): InitOptions {
  return {
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: language,
    fallbackLng: 'ar',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false,
  };
}
