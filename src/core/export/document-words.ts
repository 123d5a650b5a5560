import { type Formatters, makeFormatters } from '../../shared/calendar/formatters';
import { weekdayName } from '../../shared/calendar/hijri';
import type { AttendeeColumn, DocumentLanguage } from '../../shared/domain/export';
import { lacksEnglish } from '../../shared/domain/export-preflight';
import type { ForumKind } from '../../shared/domain/forum';
import type { SessionKind } from '../../shared/domain/programme';
import type { RegistrationCategory, RegistrationStatus } from '../../shared/domain/registration';
import type { CellProblem, ImportField, SetAsideReason } from '../../shared/domain/registration-import';
import type { Settings } from '../../shared/domain/settings';
import ar from '../../shared/i18n/ar.json';
import en from '../../shared/i18n/en.json';
import { type NamedPerson, protocolName } from '../../shared/people/protocol-name';

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

/** A column of a list of registrants, headed as the registrations table and the export's choices name it. */
export function registrantColumnName(column: AttendeeColumn, lang: DocLang): string {
  return APP_WORDS[lang].registrations.column[column];
}

/** What an import column is read as, and why a cell was refused, in the import preview's own words. */
export function importFieldName(field: ImportField, lang: DocLang): string {
  return APP_WORDS[lang].import.fields[field];
}

export function importProblemName(problem: CellProblem['code'], lang: DocLang): string {
  return APP_WORDS[lang].import.problem[problem];
}

export function setAsideReasonName(reason: SetAsideReason, lang: DocLang): string {
  return APP_WORDS[lang].import.setAside[reason];
}

/** "الملتقى الثاني…" or its English title, falling back to the other language. */
export function titleIn(record: { titleAr: string; titleEn: string }, lang: DocLang): string {
  return textIn(record.titleAr, record.titleEn, lang);
}

/** A record's name in the document's language; a missing English marked, never Arabic silently (textIn). */
export function nameIn(record: { nameAr: string; nameEn: string }, lang: DocLang): string {
  return textIn(record.nameAr, record.nameEn, lang);
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

/**
 * A day as documents write it, the weekday once and each calendar with the
 * cover's suffix: «الأربعاء ٧ ربيع الآخر ١٤٤١هـ الموافق ٤ ديسمبر ٢٠١٩م»,
 * "Wednesday 7 Rabiʻ II 1441 AH (4 December 2019)"; the user's first calendar
 * first (or that one alone, for a list's line). `fmt` gives the language's
 * digits (documentFormatters).
 */
export function writtenDay(fmt: Formatters, iso: string, lang: DocLang, calendars: 'both' | 'first' = 'both'): string {
  const dates = calendars === 'both' ? writtenDays(fmt, iso, iso, lang) : fmt.rangeBoth(iso, iso)[0];
  return `${weekdayName(iso, lang)} ${dates}`;
}

/** A span of days in both calendars, no weekday: «٤–٥ ديسمبر ٢٠٢٦م الموافق …», "… (4–5 December 2026)". */
export function writtenDays(fmt: Formatters, firstIso: string, lastIso: string, lang: DocLang): string {
  const [first, second] = fmt.rangeBoth(firstIso, lastIso);
  return lang === 'ar' ? `${first} الموافق ${second}` : `${first} (${second})`;
}

/**
 * A list as each language joins it: «بلدية مسقط وبلدية صحار وبلدية صلالة»
 * (و joined to the word after it, never standing alone), "A, B and C". Before
 * a word that is not Arabic the و keeps a space, or it would cling to Latin.
 */
export function joinedList(items: readonly string[], lang: DocLang): string {
  const parts = items.map((item) => item.trim()).filter(Boolean);
  if (lang === 'en') {
    return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  }
  return parts.reduce(
    (text, item, i) => (i === 0 ? item : `${text} و${ARABIC_START.test(item) ? '' : ' '}${item}`),
    '',
  );
}

const ARABIC_START = /^(?=\p{L})\p{Script=Arabic}/u;

/** What the event is called in running text: «أهداف الورشة», «برنامج الاجتماع», "the workshop". */
const EVENT_NOUN: Record<ForumKind, Words> = {
  forum: { ar: 'الملتقى', en: 'forum' },
  workshop: { ar: 'الورشة', en: 'workshop' },
  council_session: { ar: 'الدورة', en: 'session' },
  periodic_meeting: { ar: 'الاجتماع', en: 'meeting' },
  official_visit: { ar: 'الزيارة', en: 'visit' },
};

export function eventNoun(kind: ForumKind, lang: DocLang): string {
  return EVENT_NOUN[kind][lang];
}

/**
 * How English text marks a field that has no English when the coordinator
 * exported anyway: the Arabic is kept, inside a mark no reader takes for
 * English, so the gap is seen on the page and found by a search for it.
 */
export const MISSING_ENGLISH = { open: '[Arabic only: ', close: ']' } as const;

export function markedGap(arabic: string): string {
  return `${MISSING_ENGLISH.open}${arabic}${MISSING_ENGLISH.close}`;
}

/**
 * A field in the `lang` part of a document, from its Arabic and English
 * forms. Arabic falls back to the English (a Latin name in an Arabic line is
 * usual, and the pre-flight names it). English never falls back silently:
 * with no English, Arabic text is printed marked (markedGap); text with no
 * Arabic letter in the Arabic field (a name typed in Latin) is English already.
 */
export function textIn(ar: string, en: string | undefined, lang: DocLang): string {
  if (lang === 'ar') return ar || en || '';
  return lacksEnglish(ar, en) ? markedGap(ar) : en || ar;
}

/** A person's protocol name in the `lang` part: "H.E. Dr. Saif Al-Ghafri", never "Dr. سيف" unmarked. */
export function personNameIn(person: NamedPerson, lang: DocLang, options: { short?: boolean } = {}): string {
  if (lang === 'en' && lacksEnglish(person.nameAr, person.nameEn)) {
    return protocolName({ ...person, nameEn: markedGap(person.nameAr) }, 'en', options);
  }
  return protocolName(person, lang, options);
}
