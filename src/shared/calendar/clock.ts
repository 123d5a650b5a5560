import { toLatinDigits } from '../text/arabic';

/** Minutes from the day's start as an <input type="time"> value, "09:05" (within one day). */
export function clockInput(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "9:05", "09:05" or "٠٩:٠٥" to minutes; null when it is not a time of day. */
export function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(toLatinDigits(text.trim()));
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** A time written in the code ("08:30" in a template): the same reading, but a typo is a bug, so it throws. */
export function clockMinutes(hhmm: string): number {
  const minutes = parseClock(hhmm);
  if (minutes === null) throw new RangeError(`Not a time of day: "${hhmm}"`);
  return minutes;
}

/** The 12-hour clock's markers as the app writes them: «2:30 م» in Arabic, "2:30 PM" in English. */
export const DAY_HALVES = { ar: { am: 'ص', pm: 'م' }, en: { am: 'AM', pm: 'PM' } } as const;

/** Minutes within one day on the 12-hour clock: the hour 1–12 (noon is 12 PM, midnight 12 AM) and its half. */
export function twelveHour(minutes: number): { hour: number; minute: number; half: 'am' | 'pm' } {
  const m = ((minutes % 1440) + 1440) % 1440;
  const hour24 = Math.floor(m / 60);
  return { hour: hour24 % 12 === 0 ? 12 : hour24 % 12, minute: m % 60, half: hour24 < 12 ? 'am' : 'pm' };
}

/** A time for the app's own time box, in Latin digits: "14:30", or "2:30 PM" / "2:30 م" on the 12-hour clock. */
export function clockBoxText(minutes: number, clock: '24h' | '12h', lang: 'ar' | 'en'): string {
  if (clock === '24h') return clockInput(minutes);
  const { hour, minute, half } = twelveHour(minutes);
  return `${hour}:${String(minute).padStart(2, '0')} ${DAY_HALVES[lang][half]}`;
}
