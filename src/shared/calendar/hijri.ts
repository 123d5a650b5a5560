/**
 * Umm al-Qura Hijri <-> Gregorian conversion and date formatting.
 *
 * Dates travel as ISO calendar days 'YYYY-MM-DD' (no time, no zone). Every Date built
 * here is UTC midnight and every Intl formatter uses timeZone 'UTC', so the machine's
 * zone can never shift a day (a local-midnight Date in UTC+3 is still the previous day
 * in UTC, and vice versa west of Greenwich).
 *
 * Pure module (no Node APIs, no DOM): only the built-in Intl API.
 */

import { toArabicDigits, toLatinDigits } from '../text/arabic';

export interface HijriDate {
  year: number;
  /** 1..12 (1 = Muharram) */
  month: number;
  day: number;
}

/** Latin 0123 or Arabic-Indic ٠١٢٣ */
export type Digits = 'latn' | 'arab';
/** ديسمبر (Gulf, Egypt) vs كانون الأول (Levant) */
export type GregorianMonthNames = 'gulf' | 'levant';

type Lang = 'ar' | 'en';

const DAY_MS = 86_400_000;

/** Levantine (Syriac-derived) month names; Intl only gives them for ar-SY/ar-LB etc. */
const LEVANT_MONTHS = [
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
] as const;

// ---------------------------------------------------------------------------
// Intl plumbing
// ---------------------------------------------------------------------------

/*
 * Locales. 'islamic-umalqura' is the Saudi official calendar (table-based); plain
 * 'islamic' is an astronomical approximation that is off by a day or two from what
 * Saudi documents print. The calendar is always given explicitly: ICU's default for
 * ar-SA has changed between versions (umalqura in older ICU, gregory in ICU 78), and
 * -nu-latn so numeric parts are always parseable ASCII digits; Arabic-Indic digits
 * are applied by us afterwards.
 */
const HIJRI_LOCALE: Record<Lang, string> = {
  ar: 'ar-SA-u-ca-islamic-umalqura-nu-latn',
  en: 'en-u-ca-islamic-umalqura-nu-latn',
};
const GREGORIAN_LOCALE: Record<Lang, string> = {
  ar: 'ar-u-ca-gregory-nu-latn',
  en: 'en-u-ca-gregory-nu-latn',
};

const NUMERIC: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric' };
const NAMES: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long' };

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build; cache one per locale+options. Always UTC (see top). */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatterCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatterCache.set(key, f);
  }
  return f;
}

/** formatToParts as a type -> value record (we never rely on the order or the literals). */
function parts(f: Intl.DateTimeFormat, ms: number): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const out: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/**
 * Reads a numeric part. Defensive: some engines have put the era into the year part
 * ("1436 AH"), so keep only the (optionally signed) digits.
 */
function numericPart(value: string | undefined): number {
  const m = /-?\d+/.exec(toLatinDigits(value ?? ''));
  if (!m) throw new Error(`Intl returned no number in "${value}"`);
  return Number(m[0]);
}

// ---------------------------------------------------------------------------
// ISO days
// ---------------------------------------------------------------------------

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** UTC midnight of y-m-d. setUTCFullYear, not Date.UTC, which maps years 0..99 to 1900s. */
function utcMs(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function msToIso(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Parses a real Gregorian day, or null. */
function parseIso(s: string): { y: number; m: number; d: number; ms: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = utcMs(y, m, d);
  // Date silently rolls 2015-04-31 over to 05-01; a round trip catches that.
  return msToIso(ms) === s ? { y, m, d, ms } : null;
}

function isoMs(iso: string): number {
  const p = parseIso(iso);
  if (!p) throw new RangeError(`Not an ISO calendar day: "${iso}"`);
  return p.ms;
}

/** Valid real Gregorian day written 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  return parseIso(s) !== null;
}

export function addDays(iso: string, n: number): string {
  return msToIso(isoMs(iso) + n * DAY_MS);
}

/** b - a in days (negative when b is before a). */
export function daysBetween(aIso: string, bIso: string): number {
  // Both are UTC midnights, so the difference is an exact multiple of a day.
  return Math.round((isoMs(bIso) - isoMs(aIso)) / DAY_MS);
}

/** Every day from first to last inclusive; [] when last is before first. */
export function eachDay(firstIso: string, lastIso: string): string[] {
  const n = daysBetween(firstIso, lastIso);
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(firstIso, i));
  return out;
}

/** The local calendar day of `now` (the user's wall clock, so here local, not UTC). */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

// ---------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------

export function gregorianToHijri(iso: string): HijriDate {
  const p = parts(formatter(HIJRI_LOCALE.en, NUMERIC), isoMs(iso));
  return { year: numericPart(p.year), month: numericPart(p.month), day: numericPart(p.day) };
}

/**
 * Days from 1 Muharram 1 AH in the arithmetic (civil) Islamic calendar. Umm al-Qura
 * never strays more than a couple of days from it, so it is a good first guess.
 */
function civilDayIndex(h: HijriDate): number {
  return (h.year - 1) * 354 + Math.floor((3 + 11 * h.year) / 30) + Math.ceil(29.5 * (h.month - 1)) + h.day - 1;
}

/** Unix day number (days since 1970-01-01) of civil 1 Muharram 1 AH = 622-07-19 (proleptic Gregorian). */
const CIVIL_EPOCH_UNIX_DAY = -492_148;

function sameHijri(a: HijriDate, b: HijriDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * The Gregorian day of a Umm al-Qura date, or null when that Hijri day does not exist
 * (day 30 of a 29-day month, month 13, day 0...). Intl only converts Gregorian -> Hijri,
 * so we guess with the civil calendar, correct the guess, then verify.
 */
export function hijriToGregorian(h: HijriDate): string | null {
  const { year, month, day } = h;
  if (![year, month, day].every(Number.isInteger)) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 30) return null;

  let unixDay = CIVIL_EPOCH_UNIX_DAY + civilDayIndex(h);
  // Newton-like correction: shift by the civil-index distance to what Intl says.
  for (let i = 0; i < 3; i++) {
    const got = gregorianToHijri(msToIso(unixDay * DAY_MS));
    if (sameHijri(got, h)) return msToIso(unixDay * DAY_MS);
    const delta = civilDayIndex(h) - civilDayIndex(got);
    if (delta === 0) break;
    unixDay += delta;
  }
  // Month-end days can make the correction oscillate; settle it by a small scan.
  for (const off of [0, -1, 1, -2, 2, -3, 3]) {
    const iso = msToIso((unixDay + off) * DAY_MS);
    if (sameHijri(gregorianToHijri(iso), h)) return iso;
  }
  return null; // e.g. 30 of a 29-day month: the day after 29 is 1 of the next month.
}

export function hijriMonthLength(year: number, month: number): 29 | 30 {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Hijri month must be 1..12, got ${month}`);
  }
  if (hijriToGregorian({ year, month, day: 1 }) === null) {
    throw new RangeError(`Hijri year out of range: ${year}`);
  }
  return hijriToGregorian({ year, month, day: 30 }) === null ? 29 : 30;
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

function digitsOf(s: string, digits: Digits): string {
  return digits === 'arab' ? toArabicDigits(s) : s;
}

export function weekdayName(iso: string, lang: Lang): string {
  return parts(formatter(GREGORIAN_LOCALE[lang], NAMES), isoMs(iso)).weekday ?? '';
}

/** Day, month number/name and year of an ISO day in either calendar (Latin digits). */
interface DayParts {
  day: number;
  month: number;
  monthName: string;
  year: number;
}

function hijriParts(iso: string, lang: Lang): DayParts {
  const h = gregorianToHijri(iso);
  const monthName = parts(formatter(HIJRI_LOCALE[lang], NAMES), isoMs(iso)).month ?? '';
  return { day: h.day, month: h.month, monthName, year: h.year };
}

function gregorianParts(iso: string, lang: Lang, monthNames: GregorianMonthNames): DayParts {
  const p = parseIso(iso);
  if (!p) throw new RangeError(`Not an ISO calendar day: "${iso}"`);
  const monthName =
    lang === 'ar' && monthNames === 'levant'
      ? (LEVANT_MONTHS[p.m - 1] ?? '')
      : (parts(formatter(GREGORIAN_LOCALE[lang], NAMES), p.ms).month ?? '');
  return { day: p.d, month: p.m, monthName, year: p.y };
}

function numericDate(p: DayParts): string {
  return `${pad(p.day, 2)}/${pad(p.month, 2)}/${pad(p.year, 4)}`;
}

/**
 * ar long:    "الأربعاء ٢٠ شوال ١٤٣٦ هـ"       ar numeric: "20/10/1436هـ"
 * en long:    "Wednesday 20 Shawwal 1436 AH"   en numeric: "20/10/1436 AH"
 * Built from parts (not Intl's own pattern) so the output is the same on every engine.
 */
export function formatHijri(iso: string, opts: { lang: Lang; digits: Digits; style?: 'long' | 'numeric' }): string {
  const { lang, digits, style = 'long' } = opts;
  const p = hijriParts(iso, lang);
  const text =
    style === 'numeric'
      ? numericDate(p) + (lang === 'ar' ? 'هـ' : ' AH')
      : `${weekdayName(iso, lang)} ${p.day} ${p.monthName} ${p.year} ${lang === 'ar' ? 'هـ' : 'AH'}`;
  return digitsOf(text, digits);
}

/**
 * ar long:    "الأربعاء ٥ أغسطس ٢٠١٥م" (levant: "الأربعاء ٥ آب ٢٠١٥م")   ar numeric: "05/08/2015م"
 * en long:    "Wednesday 5 August 2015"                                en numeric: "05/08/2015"
 */
export function formatGregorian(
  iso: string,
  opts: { lang: Lang; digits: Digits; monthNames?: GregorianMonthNames; style?: 'long' | 'numeric' },
): string {
  const { lang, digits, monthNames = 'gulf', style = 'long' } = opts;
  const p = gregorianParts(iso, lang, monthNames);
  const suffix = lang === 'ar' ? 'م' : '';
  const text =
    style === 'numeric'
      ? numericDate(p) + suffix
      : `${weekdayName(iso, lang)} ${p.day} ${p.monthName} ${p.year}${suffix}`;
  return digitsOf(text, digits);
}

/**
 * Compact range for lists, no weekdays:
 *   same day    "4 ديسمبر 2025م"
 *   same month  "4–5 ديسمبر 2025م"   /  "13–14 جمادى الآخرة 1447هـ"
 *   otherwise   "30 نوفمبر 2025م – 2 ديسمبر 2025م"
 * Ends given in the wrong order are swapped rather than rejected (this is display code).
 */
export function formatDateRange(
  firstIso: string,
  lastIso: string,
  calendar: 'hijri' | 'gregorian',
  opts: { lang: Lang; digits: Digits; monthNames?: GregorianMonthNames },
): string {
  const { lang, digits, monthNames = 'gulf' } = opts;
  const [a, b] = daysBetween(firstIso, lastIso) < 0 ? [lastIso, firstIso] : [firstIso, lastIso];
  const partsOf = (iso: string) =>
    calendar === 'hijri' ? hijriParts(iso, lang) : gregorianParts(iso, lang, monthNames);
  const suffix = calendar === 'hijri' ? (lang === 'ar' ? 'هـ' : ' AH') : lang === 'ar' ? 'م' : '';
  const full = (p: DayParts) => `${p.day} ${p.monthName} ${p.year}${suffix}`;

  const pa = partsOf(a);
  const pb = partsOf(b);
  let text: string;
  if (a === b) text = full(pa);
  else if (pa.year === pb.year && pa.month === pb.month) text = `${pa.day}–${full(pb)}`;
  else text = `${full(pa)} – ${full(pb)}`;
  return digitsOf(text, digits);
}

// ---------------------------------------------------------------------------
// Parsing what a coordinator types
// ---------------------------------------------------------------------------

/** Bidi marks and tatweel that sneak in when text is pasted or typed as "هـ". */
const TYPING_NOISE = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\u0640]/g;
/** Trailing era marker: Hijri (هـ typed with or without tatweel, heh doachashmee, AH) or Gregorian. */
const ERA_SUFFIX = /\s*(ه|ھ|a\.?\s?h\.?|م|a\.?\s?d\.?|c\.?\s?e\.?)$/i;
/** d/m/yyyy or yyyy/m/d with '/', '-' or '.' used consistently. */
const TYPED_DATE = /^(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})$/;

type ParseResult = { ok: true; iso: string } | { ok: false; reason: 'format' | 'nonexistent' };

function suffixCalendar(suffix: string): 'hijri' | 'gregorian' {
  return /^(ه|ھ|a\.?\s?h)/i.test(suffix) ? 'hijri' : 'gregorian';
}

/**
 * Accepts "20/10/1436", "20-10-1436", "1436/10/20", "٢٠/١٠/١٤٣٦هـ", "5/8/2015", "2015-08-05",
 * with Arabic-Indic or Persian digits and an optional era suffix. Day first unless the
 * first number has four digits; years must have four digits.
 * 'format' = not a date shape (or an era suffix of the other calendar);
 * 'nonexistent' = well formed but no such day (31/4/2015, 30 of a 29-day Hijri month, month 13).
 */
export function parseTypedDate(text: string, calendar: 'hijri' | 'gregorian'): ParseResult {
  let s = toLatinDigits(text.normalize('NFC')).replace(TYPING_NOISE, '').trim();
  const era = ERA_SUFFIX.exec(s);
  if (era) {
    if (suffixCalendar(era[1] ?? '') !== calendar) return { ok: false, reason: 'format' };
    s = s.slice(0, era.index).trim();
  }
  const m = TYPED_DATE.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const [first, , mid, last] = [m[1] ?? '', m[2], m[3] ?? '', m[4] ?? ''];

  let year: number;
  let day: number;
  if (first.length === 4 && last.length <= 2) [year, day] = [Number(first), Number(last)];
  else if (first.length <= 2 && last.length === 4) [year, day] = [Number(last), Number(first)];
  else return { ok: false, reason: 'format' };
  const month = Number(mid);

  if (calendar === 'hijri') {
    const iso = hijriToGregorian({ year, month, day });
    return iso !== null && isIsoDate(iso) ? { ok: true, iso } : { ok: false, reason: 'nonexistent' };
  }
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return year >= 1 && isIsoDate(iso) ? { ok: true, iso } : { ok: false, reason: 'nonexistent' };
}

/** "شوال 1436هـ" / "Shawwal 1436 AH": the heading of a Hijri month (for the picker). */
export function formatHijriMonth(year: number, month: number, opts: { lang: Lang; digits: Digits }): string {
  const first = hijriToGregorian({ year, month, day: 1 });
  if (!first) throw new RangeError(`No Hijri month ${month}/${year}`);
  const p = hijriParts(first, opts.lang);
  return digitsOf(`${p.monthName} ${p.year}${opts.lang === 'ar' ? 'هـ' : ' AH'}`, opts.digits);
}
