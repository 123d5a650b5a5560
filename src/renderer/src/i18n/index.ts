import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings';
import { i18nOptions } from '../../../shared/i18n/i18n-options';

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init(i18nOptions(language));
  applyDocumentLanguage(language);
}

/** The whole page flips with the language: lang for fonts and hyphenation, dir for layout. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}
