import { toArabicDigits, toLatinDigits } from '../text/arabic';

/**
 * A forum's edition as data: an ordinal number and the noun it counts
 * (الملتقى الثاني، الدورة الخامسة والخمسون، الورشة الثالثة), printed with the
 * ordinal agreeing with the noun in Arabic (masculine or feminine), or in
 * digits («الدورة الـ55») when the coordinator prefers, and as an English
 * ordinal ("2nd Forum", "55th Session").
 */
export const EDITION_NOUNS = ['forum', 'session', 'workshop', 'conference', 'meeting', 'edition'] as const;
export type EditionNoun = (typeof EDITION_NOUNS)[number];

/** How the Arabic ordinal is written: in words (الخامسة والخمسون) or digits (الـ55). */
export const EDITION_STYLES = ['words', 'digits'] as const;
export type EditionStyle = (typeof EDITION_STYLES)[number];

/** The largest edition written in words; a hundredth and beyond is written in digits (الدورة الـ101). */
export const EDITION_WORDS_MAX = 99;
export const EDITION_MAX = 999;

const NOUNS: Readonly<Record<EditionNoun, { ar: string; en: string; feminine: boolean }>> = {
  forum: { ar: 'الملتقى', en: 'Forum', feminine: false },
  session: { ar: 'الدورة', en: 'Session', feminine: true },
  workshop: { ar: 'الورشة', en: 'Workshop', feminine: true },
  conference: { ar: 'المؤتمر', en: 'Conference', feminine: false },
  meeting: { ar: 'الاجتماع', en: 'Meeting', feminine: false },
  edition: { ar: 'النسخة', en: 'Edition', feminine: true },
};

export function editionNounWord(noun: EditionNoun, lang: 'ar' | 'en'): string {
  return NOUNS[noun][lang];
}

/** 1–10 as ordinals, masculine then feminine: الأول / الأولى … العاشر / العاشرة. */
const UNITS: readonly (readonly [string, string])[] = [
  ['الأول', 'الأولى'],
  ['الثاني', 'الثانية'],
  ['الثالث', 'الثالثة'],
  ['الرابع', 'الرابعة'],
  ['الخامس', 'الخامسة'],
  ['السادس', 'السادسة'],
  ['السابع', 'السابعة'],
  ['الثامن', 'الثامنة'],
  ['التاسع', 'التاسعة'],
  ['العاشر', 'العاشرة'],
];

/** The tens as ordinals, the same for both genders: العشرون … التسعون. */
const TENS = ['', '', 'العشرون', 'الثلاثون', 'الأربعون', 'الخمسون', 'الستون', 'السبعون', 'الثمانون', 'التسعون'];

/**
 * An Arabic ordinal 1–99 agreeing with its noun: الثاني / الثانية, الحادي
 * عشر / الحادية عشرة, الخامس والخمسون / الخامسة والخمسون. In compounds «الأول»
 * becomes «الحادي» (الحادي عشر، الحادي والعشرون).
 */
export function arabicOrdinal(n: number, feminine: boolean): string {
  const g = feminine ? 1 : 0;
  const unit = n % 10;
  const ten = Math.floor(n / 10);
  const compoundUnit = (u: number) => (u === 1 ? (feminine ? 'الحادية' : 'الحادي') : (UNITS[u - 1]?.[g] ?? ''));
  if (n >= 1 && n <= 10) return UNITS[n - 1]?.[g] ?? '';
  if (n > 10 && n < 20) return `${compoundUnit(unit)} ${feminine ? 'عشرة' : 'عشر'}`;
  if (n >= 20 && n <= 99) return unit === 0 ? (TENS[ten] ?? '') : `${compoundUnit(unit)} و${TENS[ten]}`;
  return '';
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd. */
export function englishOrdinal(n: number): string {
  const lastTwo = n % 100;
  const suffix =
    lastTwo >= 11 && lastTwo <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "first" … "twelfth" for an edition a title spells out; '' beyond. */
export function englishOrdinalWord(n: number): string {
  return ENGLISH_WORDS[n - 1] ?? '';
}

export interface EditionFields {
  editionNumber: number | null;
  editionNoun: EditionNoun;
  editionStyle: EditionStyle;
  /** The edition as typed before it was data, when it could not be read as a number: printed as written. */
  edition: string;
}

/**
 * The edition as printed: «الملتقى الثاني», «الدورة الخامسة والخمسون» or
 * «الدورة الـ55» (in the chosen digits), "2nd Forum", "55th Session"; the text
 * of an older version when there is no number; '' when there is neither.
 */
export function editionPhrase(f: EditionFields, lang: 'ar' | 'en', digits: 'latn' | 'arab' = 'latn'): string {
  const n = f.editionNumber;
  if (n === null) return f.edition;
  const noun = NOUNS[f.editionNoun];
  if (lang === 'en') return `${englishOrdinal(n)} ${noun.en}`;
  if (f.editionStyle === 'words' && n <= EDITION_WORDS_MAX) return `${noun.ar} ${arabicOrdinal(n, noun.feminine)}`;
  const number = digits === 'arab' ? toArabicDigits(String(n)) : String(n);
  return `${noun.ar} الـ${number}`;
}

/** The noun an event of this kind counts by default: a council session's الدورة, a workshop's الورشة. */
export function defaultEditionNoun(kind: string): EditionNoun {
  if (kind === 'council_session') return 'session';
  if (kind === 'workshop') return 'workshop';
  if (kind === 'periodic_meeting') return 'meeting';
  return 'forum';
}

const ARABIC_NOUNS: readonly [string, EditionNoun][] = [
  ['الملتقى', 'forum'],
  ['ملتقى', 'forum'],
  ['الدورة', 'session'],
  ['دورة', 'session'],
  ['الورشة', 'workshop'],
  ['ورشة', 'workshop'],
  ['المؤتمر', 'conference'],
  ['مؤتمر', 'conference'],
  ['الاجتماع', 'meeting'],
  ['اجتماع', 'meeting'],
  ['النسخة', 'edition'],
  ['نسخة', 'edition'],
];

const ENGLISH_WORDS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];

/** Every Arabic ordinal 1–99 in both genders, with and without «ال», to read a typed edition back. */
const ARABIC_ORDINALS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const fold = (s: string) => s.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  for (let n = 1; n <= EDITION_WORDS_MAX; n++) {
    for (const feminine of [false, true]) {
      const word = arabicOrdinal(n, feminine);
      map.set(fold(word), n);
      // Without the article on each word: «ثاني», «خامسة وخمسون».
      map.set(fold(word.replace(/(^|\s|و)ال/g, '$1')), n);
    }
  }
  return map;
})();

/**
 * Reads an edition typed as free text by an older version: «الثاني»,
 * «الدورة الـ55», «الدورة 55», «الخامسة والخمسون», "2nd", "55th session",
 * "Second". The noun, when the text names one, else the event kind's.
 * Null when the text is not an edition number alone (it is then kept as written).
 */
export function readEditionText(
  text: string,
  kind: string,
): { editionNumber: number; editionNoun: EditionNoun; editionStyle: EditionStyle } | null {
  let rest = toLatinDigits(text)
    .replace(/[\u0640\u064B-\u065F\u200E\u200F\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!rest) return null;
  let noun = defaultEditionNoun(kind);
  let arabicNoun = false;
  for (const [word, meaning] of ARABIC_NOUNS) {
    if (rest.startsWith(`${word} `) || rest.startsWith(`${word}:`) || rest === word) {
      noun = meaning;
      arabicNoun = true;
      rest = rest.slice(word.length).replace(/^:/, '').trim();
      break;
    }
  }
  const english = /^(\d{1,3})\s*(st|nd|rd|th)?(?:\s+(forum|session|workshop|conference|meeting|edition))?$/i.exec(rest);
  if (english) {
    const n = Number(english[1]);
    const named = english[3]?.toLowerCase() as EditionNoun | undefined;
    if (n < 1 || n > EDITION_MAX) return null;
    // «الدورة 55» was written in digits; "2nd", "55th session" say nothing of how Arabic should write it.
    const style: EditionStyle = arabicNoun && !english[2] ? 'digits' : 'words';
    return { editionNumber: n, editionNoun: named ?? noun, editionStyle: style };
  }
  const digitsWithArticle = /^(?:ال|الـ|ال-)\s*(\d{1,3})$/.exec(rest);
  if (digitsWithArticle) {
    const n = Number(digitsWithArticle[1]);
    return n >= 1 && n <= EDITION_MAX ? { editionNumber: n, editionNoun: noun, editionStyle: 'digits' } : null;
  }
  const englishWord = /^([a-z]+)(?:\s+(forum|session|workshop|conference|meeting|edition))?$/i.exec(rest);
  if (englishWord) {
    const index = ENGLISH_WORDS.indexOf(englishWord[1]?.toLowerCase() ?? '');
    const named = englishWord[2]?.toLowerCase() as EditionNoun | undefined;
    return index >= 0 ? { editionNumber: index + 1, editionNoun: named ?? noun, editionStyle: 'words' } : null;
  }
  const folded = rest.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/ و /g, ' و');
  const n = ARABIC_ORDINALS.get(folded);
  return n ? { editionNumber: n, editionNoun: noun, editionStyle: 'words' } : null;
}

/** The typed number as the schema takes it: null for an empty box, 'bad' for anything but a whole number. */
export function readEditionNumber(typed: string): number | null | 'bad' {
  const raw = toLatinDigits(typed).trim();
  if (raw === '') return null;
  if (!/^\d{1,4}$/.test(raw)) return 'bad';
  return Number(raw);
}
