import type { TFunction } from 'i18next';
import type { Formatters } from '../../../shared/calendar/formatters';
import { isIsoDate } from '../../../shared/calendar/hijri';

/** The local day (YYYY-MM-DD) and minutes past midnight of a moment, for the app's date and clock formatters. */
function localParts(iso: string): { day: string; minutes: number } {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    minutes: at.getHours() * 60 + at.getMinutes(),
  };
}

/**
 * A moment in both calendars (the user's first calendar first, the user's
 * digits) with its clock time: `first` "24 جمادى الآخرة 1448هـ، 09:30",
 * `second` "4 ديسمبر 2026م".
 */
export function formatMoment(fmt: Formatters, iso: string): { first: string; second: string; clock: string } {
  const { day, minutes } = localParts(iso);
  const [first, second] = fmt.rangeBoth(day, day);
  return { first, second, clock: fmt.clock(minutes) };
}

/** One line for a sentence: "24 جمادى الآخرة 1448هـ (4 ديسمبر 2026م)، 09:30". */
export function momentLine(fmt: Formatters, iso: string, lang: 'ar' | 'en'): string {
  const { first, second, clock } = formatMoment(fmt, iso);
  return `${first} (${second})${lang === 'ar' ? '،' : ','} ${clock}`;
}

/** A forum's first day in both calendars, the user's first calendar first; nothing for a day that is not one. */
export function dayText(fmt: Formatters, iso: string): string {
  return isIsoDate(iso) ? fmt.rangeBoth(iso, iso).join(' — ') : '';
}

/** A file size in kilobytes under a megabyte, else megabytes with one decimal. */
export function formatSize(bytes: number, fmt: Formatters, t: TFunction): string {
  const kb = bytes / 1024;
  if (kb < 1024) return t('backups.sizeKB', { size: fmt.number(Math.max(1, Math.round(kb))) });
  return t('backups.sizeMB', { size: fmt.number(Math.round((kb / 1024) * 10) / 10) });
}

/** A message from core that is an i18n key ("backups.refused.folderNotWritable") in words; any other text as it is. */
export function messageText(message: string, t: TFunction): string {
  return /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(message) ? t(message, { defaultValue: message }) : message;
}
