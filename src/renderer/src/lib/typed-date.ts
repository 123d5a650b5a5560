import { parseTypedDate } from '../../../shared/calendar/hijri';
import { toLatinDigits } from '../../../shared/text/arabic';

/**
 * Reading a day as it is typed into a date box, in either calendar, always
 * day/month/year (a four-digit year typed first is read year/month/day). An
 * impossible part is refused the moment it is typed (day 32, month 13, a
 * five-digit year), not when the form is saved.
 */
export type Calendar = 'hijri' | 'gregorian';

export type DayTyping =
  | { state: 'empty' }
  /** Nothing wrong so far, but not a whole day yet. */
  | { state: 'partial' }
  | { state: 'complete'; iso: string }
  | { state: 'wrong'; reason: DayProblem };

export type DayProblem = 'format' | 'day' | 'month' | 'year' | 'nonexistent' | 'range';

/** The years an event can fall in: about 1900–2100 in either calendar. */
export const YEAR_RANGE: Record<Calendar, { min: number; max: number }> = {
  gregorian: { min: 1900, max: 2100 },
  hijri: { min: 1318, max: 1525 },
};
const MAX_DAY: Record<Calendar, number> = { gregorian: 31, hijri: 30 };

/** Bidi marks and tatweel that come with pasted text or a typed "هـ". */
const MARKS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\u0640]/g;
/** A trailing era: هـ, AH, م, AD, CE. */
const ERA = /\s*(ه|ھ|a\.?\s?h\.?|م|a\.?\s?d\.?|c\.?\s?e\.?)\s*$/i;

/**
 * Eight digits typed in a row ("04072018", even into the year of a box that
 * already held a day) are a whole day: they become "04/07/2018".
 */
export function tidyTypedDay(text: string): string {
  const run = /\d{8}/.exec(toLatinDigits(text));
  if (!run) return text;
  const digits = run[0];
  // Day first, as everywhere in the app, unless that reading cannot be a day ("20180704").
  const month = Number(digits.slice(2, 4));
  const year = Number(digits.slice(4, 8));
  const dayFirst = month >= 1 && month <= 12 && year >= YEAR_RANGE.hijri.min && year <= YEAR_RANGE.gregorian.max;
  return !dayFirst
    ? `${digits.slice(6, 8)}/${digits.slice(4, 6)}/${digits.slice(0, 4)}`
    : `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4, 8)}`;
}

/**
 * What the box holds so far. `final` is set when the user leaves the box or
 * presses Enter: a day that is still short ("5/8/201") is then wrong, not partial.
 */
export function readTypedDay(text: string, calendar: Calendar, final = false): DayTyping {
  const s = toLatinDigits(text).replace(MARKS, '').trim().replace(ERA, '');
  if (s === '') return { state: 'empty' };
  if (!/^[\d\s/.-]+$/.test(s)) return { state: 'wrong', reason: 'format' };
  const parts = s.split(/\s*[/.-]\s*/);
  if (parts.length > 3) return { state: 'wrong', reason: 'format' };
  const yearFirst = (parts[0] ?? '').length >= 3;
  const [dayText, monthText, yearText] = yearFirst
    ? [parts[2] ?? '', parts[1] ?? '', parts[0] ?? '']
    : [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
  if (dayText.length > 2 || Number(dayText) > MAX_DAY[calendar]) return { state: 'wrong', reason: 'day' };
  if (monthText.length > 2 || Number(monthText) > 12) return { state: 'wrong', reason: 'month' };
  if (yearText.length > 4) return { state: 'wrong', reason: 'year' };
  const year = Number(yearText);
  const range = YEAR_RANGE[calendar];
  if (yearText.length === 4 && (year < range.min || year > range.max)) return { state: 'wrong', reason: 'range' };

  const lastPart = parts.at(-1) ?? '';
  const whole = parts.length === 3 && (yearFirst ? lastPart.length === 2 : lastPart.length === 4);
  if (!whole && !final) return { state: 'partial' };
  if (parts.length < 3 || dayText === '' || monthText === '' || yearText.length !== 4) {
    return { state: 'wrong', reason: 'format' };
  }
  if (Number(dayText) === 0) return { state: 'wrong', reason: 'day' };
  if (Number(monthText) === 0) return { state: 'wrong', reason: 'month' };
  const parsed = parseTypedDate(`${dayText}/${monthText}/${yearText}`, calendar);
  return parsed.ok ? { state: 'complete', iso: parsed.iso } : { state: 'wrong', reason: 'nonexistent' };
}
