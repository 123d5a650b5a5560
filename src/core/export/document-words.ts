import { type Formatters, makeFormatters } from '../../shared/calendar/formatters';
import type { DocumentLanguage } from '../../shared/domain/export';
import type { SessionKind } from '../../shared/domain/programme';
import type { RegistrationCategory, RegistrationStatus } from '../../shared/domain/registration';
import type { Settings } from '../../shared/domain/settings';
import ar from '../../shared/i18n/ar.json';
import en from '../../shared/i18n/en.json';

/** A language a document is written in (a bilingual document is written in both, one part at a time). */
export type DocLang = 'ar' | 'en';

/** The language a document is laid out in: Arabic, also when it is bilingual (Arabic first). */
export function layoutLang(language: DocumentLanguage): DocLang {
  return language === 'en' ? 'en' : 'ar';
}

/** A phrase in both languages, for the words only documents use; each writer keeps its own. */
export type Words = Readonly<Record<DocLang, string>>;

/**
 * The names the app already shows (categories, statuses, session kinds)
 * come from the app's own translations, so a document and the screen never
 * call the same thing by two names.
 */
const APP_WORDS = { ar, en } as const;

export function categoryName(category: RegistrationCategory, lang: DocLang): string {
  return APP_WORDS[lang].registrations.category[category];
}

export function statusName(status: RegistrationStatus, lang: DocLang): string {
  return APP_WORDS[lang].registrations.status[status];
}

export function sessionKindName(kind: SessionKind, lang: DocLang): string {
  return APP_WORDS[lang].session.kind[kind];
}

/** "الملتقى الثاني…" or its English title, falling back to the other language. */
export function titleIn(record: { titleAr: string; titleEn: string }, lang: DocLang): string {
  return lang === 'ar' ? record.titleAr || record.titleEn : record.titleEn || record.titleAr;
}

/** A record's name in the document's language, falling back to the other one. */
export function nameIn(record: { nameAr: string; nameEn: string }, lang: DocLang): string {
  return lang === 'ar' ? record.nameAr || record.nameEn : record.nameEn || record.nameAr;
}

/**
 * Numbers, clocks and dates for the `lang` part of a document: the user's
 * calendars, and their digits in Arabic only. English is written with Latin
 * digits whatever the setting, as an English reader expects "20 Shawwal 1436"
 * and "09:00 – 10:30" (Arabic-Indic digits in a left-to-right line also turn a
 * range around).
 */
export function documentFormatters(settings: Settings, lang: DocLang): Formatters {
  return makeFormatters({ ...settings, language: lang, digits: lang === 'en' ? 'latn' : settings.digits });
}
