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
