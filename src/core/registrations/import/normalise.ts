/**
 * Cleaning the cells of a registrants' spreadsheet: text, phone numbers,
 * e-mail addresses, a title written in the name cell, gender.
 *
 * Exists because the same fact arrives written in many ways (٠٥٥١٢٣٤٥٦٧,
 * 966551234567 stored as a number, "+966 (0)55 123 4567"; "د. أحمد",
 * "الدكتور أحمد", "Dr Ahmed") and the import must store one form beside what
 * was typed. Pure functions; problems are returned as codes, never thrown.
 */

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { GENDERS, type Gender, type Honorific, type ProfessionalTitle } from '../../../shared/domain/person';
import { HONORIFIC_FORMS, HONORIFIC_RANK } from '../../../shared/people/protocol-name';
import { normalizeArabic, toLatinDigits } from '../../../shared/text/arabic';

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/**
 * Characters that are invisible and carry no meaning in a cell: soft hyphen,
 * zero-width space, word joiner, BOM, and bidi marks/embeddings/isolates (Excel
 * and copy-paste from web pages leave them around Arabic and Latin runs).
 * ZWJ and ZWNJ are kept: they shape emoji and Persian names.
 */
const INVISIBLE = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Anything cleanText would change: an invisible character, an Arabic-Indic digit, other than single inner spaces. */
const NEEDS_CLEANING =
  /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u0660-\u0669\u06F0-\u06F9]|[^\S ]| {2}|^ | $/;

/**
 * Trims, removes invisible characters, collapses every run of whitespace (NBSP,
 * thin and ideographic spaces, tabs, line breaks) to one space, and turns
 * Arabic-Indic and Persian digits into 0-9. With `keepLineBreaks`, line breaks
 * survive (one per line, each line cleaned) for multi-line notes.
 */
export function cleanText(raw: string, options: { keepLineBreaks?: boolean } = {}): string {
  // Most cells are clean already: one test instead of four rewrites, on every cell of a large import.
  if (!NEEDS_CLEANING.test(raw)) return raw;
  const visible = toLatinDigits(raw.replace(INVISIBLE, ''));
  if (!options.keepLineBreaks) return visible.replace(/\s+/g, ' ').trim();
  return visible
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

/**
 * Answers that mean "none", folded (see foldAnswer): a form's "anonymous",
 * «لا يوجد», "N/A". Read as an empty cell, in any column.
 */
const PLACEHOLDERS = new Set(
  [
    'anonymous',
    'anon',
    'n/a',
    'na',
    'n.a.',
    'none',
    'nil',
    'null',
    'not applicable',
    'not available',
    'لا يوجد',
    'لايوجد',
    'لا توجد',
    'لاتوجد',
    'لا شيء',
    'لا شي',
    'غير متوفر',
    'غير متاح',
    'غير موجود',
    'لا ينطبق',
    'بدون',
  ].map(foldAnswer),
);

/** The letters placeholders start with (any case): a cell starting otherwise is not folded to be looked up. */
const PLACEHOLDER_STARTS = /^[\s(]*[anbلغ]/i;

/** A cell that holds no value: a placeholder word, or no letter or digit at all ("-", "—", "..."). */
export function isPlaceholder(raw: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(raw)) return true;
  // Most cells of a large import are names, numbers and addresses: told apart without folding.
  if (raw.length > 24 || !PLACEHOLDER_STARTS.test(raw)) return false;
  return PLACEHOLDERS.has(foldAnswer(raw));
}

/** Letter variants, case and punctuation folded: "N/A" = "n a", «لا يوجد» = «لا يوجد.». */
function foldAnswer(text: string): string {
  return normalizeArabic(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------

export interface PhoneResult {
  /** The cell as typed, cleaned (see cleanText): what the directory shows and keeps. */
  typed: string;
  /** "+966551234567", or null when the cell is empty or not a phone number. */
  e164: string | null;
  /** Further numbers the cell holds ("0551234567 / 0501234567", one per line), in E.164; absent when none. */
  others?: string[];
  problem?: 'invalid';
}

/**
 * Reads a phone number written in any of the usual ways, with `defaultCountry`
 * (the forum's calling code, "966" or "+966") for numbers written nationally:
 * "+966 55 123 4567", "00966551234567", "0551234567", "551234567" (a number cell
 * that lost its 0), "966551234567" (a number cell that lost its +), Arabic-Indic
 * digits, "(968) 9123 4567" (another country's code without '+'), Excel's
 * "966551234567.0" or "9.66551234567E+11", landlines, a label around the number
 * ("جوال: 9123 4567", "9123 4567 (واتساب)"), an extension, a leading apostrophe.
 * Whether a number exists is libphonenumber's call (its full metadata, kept up
 * to date by its maintainers), not a table of ours. A cell holding several
 * numbers is read by its first one, the others given in `others`; `typed` keeps
 * them all. Never throws. An empty cell (or a placeholder: "-", «لا يوجد»,
 * "N/A") is not a problem: `{ typed, e164: null }`.
 */
export function normalisePhone(raw: string, defaultCountry: string): PhoneResult {
  const typed = cleanText(raw);
  if (isPlaceholder(typed)) return { typed, e164: null };
  // "966", "+966" and "00966" all name the same default.
  const country = defaultCountry.replace(/\D/g, '').replace(/^0+/, '');
  const numbers: string[] = [];
  // Most cells hold one number and nothing else: the cleaned cell is its one part.
  for (const part of PHONE_CHARACTERS.test(raw) ? [typed] : phoneParts(raw)) {
    const e164 = toE164(withoutLabels(part), country) ?? null;
    if (e164 === null) {
      // "0551234567 0501234567": two numbers side by side, each whole.
      const side = part
        .trim()
        .split(/\s+/)
        .filter((token) => /\d/.test(token));
      const each = side.length > 1 ? side.map((token) => toE164(token, country)) : [];
      if (each.length === 0 || each.some((n) => n === null)) return { typed, e164: null, problem: 'invalid' };
      numbers.push(...(each as string[]));
    } else {
      numbers.push(e164);
    }
  }
  const [first = null, ...rest] = [...new Set(numbers)];
  if (first === null) return { typed, e164: null, problem: 'invalid' };
  return rest.length > 0 ? { typed, e164: first, others: rest } : { typed, e164: first };
}

/** The numbers of a cell: one per line, or split by / , ; ، ؛ | \\ "or" «أو». */
function phoneParts(raw: string): string[] {
  return raw
    .split(/\r\n?|\n|\u2028|[/,;،؛|\\]|\s(?:or|أو)\s/i)
    .map((part) => cleanText(part))
    .filter((part) => /\d/.test(part));
}

/** Words that name a number rather than belong to it: "جوال:", "(واتساب)", "Mobile", "ext. 12". */
const LEADING_LABEL =
  /^(?:[\p{L}][\p{L}\p{M} .]{0,30}[:：]|(?:tel|phone|mobile|mob|cell|whatsapp|جوال|الجوال|هاتف|الهاتف|موبايل|واتساب|واتس)\b)\s*/iu;
const TRAILING_LABEL =
  /\s*(?:\([\p{L}\p{M} ]{1,30}\)|[-–]?\s*(?:whatsapp|واتساب|واتس|mobile|جوال|هاتف|office|مكتب|منزل|home|work))$/iu;
const EXTENSION = /\s*(?:ext\.?|extension|x|تحويلة|داخلي)\s*\d{1,6}$/i;

/** Only what a phone number is written with: a cell like this has no label to take off. */
const PHONE_CHARACTERS = /^[\d\s+\-().]*$/;

function withoutLabels(part: string): string {
  let text = part.trim().replace(/^['‘’]/, '');
  if (PHONE_CHARACTERS.test(text)) return text;
  for (let pass = 0; pass < 2; pass++) {
    text = text.replace(LEADING_LABEL, '').replace(TRAILING_LABEL, '').replace(EXTENSION, '').trim();
  }
  return text;
}

function toE164(text: string, defaultCountry: string): string | null {
  let t = text.replace(/^tel:/i, '').trim();
  // A number cell saved as text by Excel: "966551234567.0", "9.66551234567E+11".
  const decimal = /^(\d+)\.0+$/.exec(t);
  if (decimal?.[1]) t = decimal[1];
  const scientific = /^(\d)\.(\d+)e\+?(\d+)$/i.exec(t);
  if (scientific) {
    const [, head = '', tail = '', exponent = ''] = scientific;
    // "9.66552E+11" has lost digits: refuse rather than invent zeros.
    if (tail.length !== Number(exponent)) return null;
    t = head + tail;
  }
  // Letters among the digits or other symbols: not a number we can dial.
  if (/[^\d\s+\-().]/.test(t)) return null;
  const compact = t.replace(/[\s\-().]/g, '');
  if (compact.lastIndexOf('+') > 0) return null;
  let digits = compact.replace(/^\+/, '');
  if (digits === '' || digits.length > E164_MAX_DIGITS + 1) return null;
  let international = compact.startsWith('+');
  if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (international) return digits.startsWith('0') ? null : fromInternational(digits);
  return fromNational(digits, defaultCountry);
}

/** E.164: at most 15 digits, country code included. */
const E164_MAX_DIGITS = 15;

/** "+<digits>" when libphonenumber knows it as a number, also with a trunk 0 written after the code ("+966 (0)55 ..."). */
function fromInternational(digits: string): string | null {
  const phone = parsePhoneNumberFromString(`+${digits}`);
  if (phone) {
    if (phone.isValid()) return phone.number;
    const code = phone.countryCallingCode;
    const national = digits.slice(code.length);
    if (national.startsWith('0')) {
      const withoutTrunk = parsePhoneNumberFromString(`+${code}${national.slice(1)}`);
      if (withoutTrunk?.isValid()) return withoutTrunk.number;
    }
  }
  return null;
}

function fromNational(digits: string, defaultCountry: string): string | null {
  if (/^[1-9]\d{0,3}$/.test(defaultCountry)) {
    // 0551234567 (trunk 0 and the national number), or 551234567 (a number cell that lost its 0).
    const national = parsePhoneNumberFromString(digits, { defaultCallingCode: defaultCountry });
    if (national?.isValid() && national.countryCallingCode === defaultCountry) return national.number;
    // 966551234567 or 9660551234567: the country code without '+' (a number cell, or "(966) ...").
    if (digits.startsWith(defaultCountry)) {
      const e164 = fromInternational(digits);
      if (e164) return e164;
    }
  }
  // 96891234567: another country's code without '+'.
  return digits.startsWith('0') ? null : fromInternational(digits);
}

// ---------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------

export interface EmailResult {
  /** Lower-cased and cleaned; '' for an empty cell. Kept even when invalid, so it can be shown and fixed. */
  value: string;
  problem?: 'invalid';
}

const EMAIL_MAX = 254;

/**
 * Cleans an e-mail cell: trims, drops "mailto:" and the angle brackets of
 * "Ahmed <ahmed@example.com>", turns full-width characters into ASCII (NFKC),
 * lower-cases. Checks it with the same rule as the person form (zod's e-mail
 * pattern), so an address the import accepts can always be saved. Several
 * addresses in one cell are invalid: which one to keep is the coordinator's call.
 */
export function normaliseEmail(raw: string): EmailResult {
  const cleaned = cleanText(raw);
  // NFKC folds full-width letters (＠, ａ) only: plain ASCII, nearly every address, needs none.
  let value = /[^\x20-\x7E]/.test(cleaned) ? cleaned.normalize('NFKC') : cleaned;
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  if (bracketed?.[1] !== undefined) value = bracketed[1];
  value = value
    .replace(/^mailto:/i, '')
    // "ahmed@muscat.om;": a separator left at the end of a list pasted into the cell.
    .replace(/[\s;,]+$/, '')
    .trim()
    .toLowerCase();
  // Empty, or a placeholder such as "-": no address, nothing wrong.
  if (!/[\p{L}\p{N}]/u.test(value)) return { value: '' };
  const ok = value.length <= EMAIL_MAX && z.regexes.email.test(value);
  return ok ? { value } : { value, problem: 'invalid' };
}

// ---------------------------------------------------------------------------
// Title and honorific written in the name cell
// ---------------------------------------------------------------------------

export interface NameTitle {
  honorific: Honorific;
  title: ProfessionalTitle;
  /** The name without the words taken off its front (patronymics, "الشيخ", "الأمير" stay). */
  name: string;
  /** The gender the words imply (الدكتورة، السيدة، Mrs.), when they say one. */
  gender: Gender | null;
}

interface Prefix {
  pattern: RegExp;
  honorific?: Honorific;
  title?: ProfessionalTitle;
  gender?: Gender;
  /** A one-letter abbreviation (أ. د. م.): "أ.د." and "أ.م." are read as one title. */
  abbreviation?: boolean;
}

/** Optional diacritics and tatweel between letters. */
const MARKS = '[\\u064B-\\u065F\\u0670\\u0640]*';
/** Letters people write interchangeably (hamza forms of alef, ة/ه, ى/ي). */
const LETTER_CLASS: Readonly<Record<string, string>> = {
  ا: '[اأإآ]',
  أ: '[اأإآ]',
  إ: '[اأإآ]',
  آ: '[اأإآ]',
  ة: '[ةه]',
  ى: '[ىي]',
};
/** What may separate a title from what follows: "د. أحمد", "د/أحمد", "الدكتور: أحمد", "Dr.Ahmed". */
const SEPARATORS = '[\\s.:/\\\\\\-–_،,]*';
const NOT_LETTER = '(?![\\p{L}\\p{M}\\p{N}])';

function arabicPhrase(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => [...word].map((ch) => (LETTER_CLASS[ch] ?? ch) + MARKS).join(''))
    .join('\\s+');
}

function arabic(phrases: readonly string[], meaning: Omit<Prefix, 'pattern'>): Prefix {
  // Longest first, so "صاحب السمو الملكي" is taken whole rather than "صاحب السمو".
  const alternatives = [...phrases].sort((a, b) => b.length - a.length).map(arabicPhrase);
  return { ...meaning, pattern: new RegExp(`^(?:${alternatives.join('|')})${NOT_LETTER}${SEPARATORS}`, 'u') };
}

/** A one-letter abbreviation: the letter, then a dot, a slash or a space ("د.", "د/", "د "). */
function abbreviation(letter: string, meaning: Omit<Prefix, 'pattern' | 'abbreviation'>): Prefix {
  return {
    ...meaning,
    abbreviation: true,
    pattern: new RegExp(`^${arabicPhrase(letter)}(?:[.:/\\\\]|\\s|$)${SEPARATORS}`, 'u'),
  };
}

function english(alternatives: readonly string[], meaning: Omit<Prefix, 'pattern'>): Prefix {
  return { ...meaning, pattern: new RegExp(`^(?:${alternatives.join('|')})${NOT_LETTER}${SEPARATORS}`, 'iu') };
}

/**
 * The honorifics as the import reads them, from the one table of honorifics:
 * each printed form and other spelling in Arabic (longest first, so «صاحب السمو
 * الملكي» is taken whole rather than «صاحب السمو», and «سعادة السيدة» rather
 * than «سعادة»), then the English ones. A form the same for both genders
 * implies none.
 */
function honorificPrefixes(): Prefix[] {
  const arabicForms: { phrase: string; honorific: Honorific; gender?: Gender }[] = [];
  const englishForms: Prefix[] = [];
  for (const [key, forms] of Object.entries(HONORIFIC_FORMS)) {
    const honorific = key as Honorific;
    if (honorific === 'none') continue;
    const gendered = forms.ar.male !== forms.ar.female;
    for (const gender of GENDERS) {
      if (!arabicForms.some((f) => f.phrase === forms.ar[gender]))
        arabicForms.push({ phrase: forms.ar[gender], honorific, ...(gendered ? { gender } : {}) });
      for (const phrase of forms.alsoWritten?.[gender] ?? []) arabicForms.push({ phrase, honorific, gender });
    }
    for (const phrase of forms.alsoWritten?.any ?? []) arabicForms.push({ phrase, honorific });
    for (const gender of GENDERS) {
      const alternatives = forms.english?.[gender] ?? [];
      if (alternatives.length > 0) englishForms.push(english(alternatives, { honorific, gender }));
    }
    if (forms.english?.any) englishForms.push(english(forms.english.any, { honorific }));
  }
  const arabicPrefixes = arabicForms
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map(({ phrase, ...meaning }) => arabic([phrase], meaning));
  // No English word is the start of another: each pattern ends where a letter does not follow.
  return [...arabicPrefixes, ...englishForms];
}

const PREFIXES: readonly Prefix[] = [
  ...honorificPrefixes(),

  // Professional titles.
  arabic(['الأستاذ الدكتور'], { title: 'professor', gender: 'male' }),
  arabic(['الأستاذة الدكتورة'], { title: 'professor', gender: 'female' }),
  arabic(['البروفيسور', 'بروفيسور', 'البروفسور', 'بروفسور'], { title: 'professor' }),
  arabic(['الدكتور', 'دكتور'], { title: 'doctor', gender: 'male' }),
  arabic(['الدكتورة', 'دكتورة'], { title: 'doctor', gender: 'female' }),
  arabic(['المهندس', 'مهندس'], { title: 'engineer', gender: 'male' }),
  arabic(['المهندسة', 'مهندسة'], { title: 'engineer', gender: 'female' }),
  arabic(['الأستاذ', 'أستاذ'], { title: 'ustadh', gender: 'male' }),
  arabic(['الأستاذة', 'أستاذة'], { title: 'ustadh', gender: 'female' }),
  abbreviation('د', { title: 'doctor' }),
  abbreviation('م', { title: 'engineer' }),
  abbreviation('أ', { title: 'ustadh' }),
  english(['prof', 'professor'], { title: 'professor' }),
  english(['dr', 'doctor'], { title: 'doctor' }),
  english(['eng', 'engr', 'engineer'], { title: 'engineer' }),
];

/**
 * Any prefix at all, as one test: most name cells carry none, and trying the
 * prefixes one by one costs ten times more on every row of a large import.
 */
const ANY_PREFIX = new RegExp(PREFIXES.map((p) => `(?:${p.pattern.source})`).join('|'), 'iu');

/** A doctorate written after an English name: "Ahmed Ali, PhD". */
const PHD_SUFFIX = /[\s,،]+ph\.?\s?d\.?$/i;

const TITLE_RANK: Readonly<Record<ProfessionalTitle, number>> = {
  professor: 0,
  doctor: 1,
  engineer: 2,
  ustadh: 3,
  none: 4,
};

/**
 * Takes the honorific and professional title off the front of a name cell:
 * "سعادة الدكتور خالد بن عبدالله" -> saada, doctor, "خالد بن عبدالله".
 * Recognises the Arabic words with or without hamza and ة/ه, with diacritics,
 * the abbreviations with a dot, a slash or a space ("د.", "د/", "م.", "أ."), and
 * the English ones (Dr, Eng., Prof., Mr, Mrs, Ms, H.E., H.H.). Combinations:
 * "أ.د." and "الأستاذ الدكتور" are professor; "أ.م." / "أ.م.د." (associate or
 * assistant professor) are doctor; otherwise the highest title and honorific win.
 * Only the front is read: "بن"/"بنت", "الشيخ", "الأمير" and "آل" stay in the name.
 */
export function splitNameTitle(raw: string): NameTitle {
  let rest = cleanText(raw);
  if (!ANY_PREFIX.test(rest) && !PHD_SUFFIX.test(rest))
    return { honorific: 'none', title: 'none', name: rest, gender: null };
  const found: Prefix[] = [];
  for (;;) {
    const next = firstPrefix(rest);
    if (!next) break;
    // «صاحب السمو الشيخ محمد», "H.H. Sheikh Mohammed": after another honorific, الشيخ is part of the name.
    const sheikhAfter = next.prefix.honorific === 'sheikh' && found.some((p) => p.honorific);
    if (sheikhAfter && !found.some((p) => p.honorific === 'fadila')) break;
    if (!sheikhAfter) found.push(next.prefix);
    rest = rest.slice(next.length);
  }
  if (PHD_SUFFIX.test(rest)) {
    found.push({ pattern: PHD_SUFFIX, title: 'doctor' });
    rest = rest.replace(PHD_SUFFIX, '');
  }

  let honorific: Honorific = 'none';
  for (const p of found) {
    if (p.honorific && (honorific === 'none' || HONORIFIC_RANK[p.honorific] < HONORIFIC_RANK[honorific])) {
      honorific = p.honorific;
    }
  }
  // "H.E. Mr.", "H.E. Mrs.": the combined forms «سعادة السيد» / «معالي السيدة».
  if (found.some((p) => p.honorific === 'sayyid')) {
    if (honorific === 'saada') honorific = 'saada_sayyid';
    if (honorific === 'maali') honorific = 'maali_sayyid';
  }
  const genders = new Set(found.flatMap((p) => (p.gender ? [p.gender] : [])));
  const [gender] = genders;
  return {
    honorific,
    title: combinedTitle(found),
    name: rest.trim(),
    gender: genders.size === 1 && gender ? gender : null,
  };
}

function firstPrefix(text: string): { prefix: Prefix; length: number } | null {
  for (const prefix of PREFIXES) {
    const match = prefix.pattern.exec(text);
    if (match) return { prefix, length: match[0].length };
  }
  return null;
}

function combinedTitle(found: readonly Prefix[]): ProfessionalTitle {
  const titles = found.filter((p) => p.title);
  for (let i = 0; i + 1 < titles.length; i++) {
    const first = titles[i];
    const second = titles[i + 1];
    if (first?.title !== 'ustadh' || !second) continue;
    // أ.م. = أستاذ مشارك / أستاذ مساعد: an academic rank held with a doctorate.
    if (first.abbreviation && second.abbreviation && second.title === 'engineer') return 'doctor';
    if (second.title === 'doctor') return 'professor';
  }
  let best: ProfessionalTitle = 'none';
  for (const p of titles) {
    if (p.title && TITLE_RANK[p.title] < TITLE_RANK[best]) best = p.title;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Gender
// ---------------------------------------------------------------------------

const GENDER_WORDS: Readonly<Record<string, Gender>> = Object.fromEntries([
  ...['ذكر', 'رجل', 'male', 'm', 'man'].map((w) => [normalizeArabic(w), 'male'] as const),
  ...['أنثى', 'انثى', 'امرأة', 'female', 'f', 'woman'].map((w) => [normalizeArabic(w), 'female'] as const),
]);

/**
 * "ذكر" / "أنثى" / "Male" / "F" / "رجل" / "امرأة" -> 'male' | 'female'; a bilingual
 * form answer "أنثى / Female" too. Anything else (empty, "Other", both) -> null.
 */
export function parseGender(raw: string): Gender | null {
  const words = normalizeArabic(cleanText(raw))
    .split(/[\s/|\\,،;؛()\-.]+/)
    .filter(Boolean);
  const genders = new Set<Gender>();
  for (const word of words) {
    const gender = GENDER_WORDS[word];
    if (!gender) return null;
    genders.add(gender);
  }
  const [only] = genders;
  return genders.size === 1 && only ? only : null;
}
