import type { Settings } from '../domain/settings';
import { DAY_HALVES, twelveHour } from './clock';
import { formatDateRange, formatGregorian, formatHijri } from './hijri';

/**
 * Every date and number the UI shows goes through these, so the user's
 * choices (language, Latin or Arabic-Indic digits, which calendar first,
 * Gulf or Levantine month names) apply everywhere at once.
 */
export interface Formatters {
  number(n: number): string;
  /** A day in both calendars, the user's first calendar first. */
  dayBoth(iso: string): [string, string];
  /** A span of days in both calendars, the user's first calendar first. */
  rangeBoth(firstIso: string, lastIso: string): [string, string];
  /**
   * Minutes from the day's start on the user's clock: "09:30", or "9:30 AM" («9:30 ص») on the 12-hour one;
   * past midnight reads "00:30" with a "+1".
   */
  clock(minutes: number): string;
}

export function makeFormatters(settings: Settings): Formatters {
  const { language: lang, digits, gregorianMonthNames: monthNames } = settings;
  const numberFormat = new Intl.NumberFormat(`${lang}-u-nu-${digits}`);
  const twoDigits = new Intl.NumberFormat(`${lang}-u-nu-${digits}`, { minimumIntegerDigits: 2, useGrouping: false });
  const hijriFirst = settings.primaryCalendar === 'hijri';
  const order = (hijri: string, gregorian: string): [string, string] =>
    hijriFirst ? [hijri, gregorian] : [gregorian, hijri];
  return {
    number: (n) => numberFormat.format(n),
    dayBoth: (iso) =>
      order(
        formatHijri(iso, { lang, digits, style: 'long' }),
        formatGregorian(iso, { lang, digits, monthNames, style: 'long' }),
      ),
    clock: (minutes) => {
      const day = Math.floor(minutes / 1440);
      const within = minutes - day * 1440;
      const { hour, minute, half } = twelveHour(within);
      const text =
        settings.clock === '12h'
          ? `${numberFormat.format(hour)}:${twoDigits.format(minute)}\u00a0${DAY_HALVES[lang][half]}`
          : `${twoDigits.format(Math.floor(within / 60))}:${twoDigits.format(within % 60)}`;
      return day > 0 ? `${text}\u00a0(+${numberFormat.format(day)})` : text;
    },
    rangeBoth: (first, last) =>
      order(
        formatDateRange(first, last, 'hijri', { lang, digits, monthNames }),
        formatDateRange(first, last, 'gregorian', { lang, digits, monthNames }),
      ),
  };
}

/** The title in the UI's language, falling back to the other one. */
export function forumTitle(forum: { titleAr: string; titleEn: string }, lang: 'ar' | 'en'): string {
  return (lang === 'ar' ? forum.titleAr || forum.titleEn : forum.titleEn || forum.titleAr) || '';
}
