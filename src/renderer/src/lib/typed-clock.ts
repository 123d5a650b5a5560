import { toLatinDigits } from '../../../shared/text/arabic';

/**
 * Reading a time of day as it is typed, on the 24-hour clock ("14:30") or
 * with the 12-hour clock's marker ("2:30 pm", «2:30 م», "2:30 ص"), whichever
 * clock the app shows, never the browser's locale. An hour past 23 (past 12
 * with a marker) or a minute past 59 is refused the moment it is typed.
 */
export type ClockTyping =
  | { state: 'empty' }
  | { state: 'partial' }
  | { state: 'complete'; minutes: number }
  | { state: 'wrong'; reason: ClockProblem };

/** `hour12`: an hour outside 1–12 before a 12-hour marker («14:30 م»). */
export type ClockProblem = 'format' | 'hour' | 'hour12' | 'minute';

/** Four digits in a row ("0930", "1430") are hours and minutes: they become "09:30". */
export function tidyTypedClock(text: string): string {
  const latin = toLatinDigits(text.trim());
  return /^\d{4}$/.test(latin) ? `${latin.slice(0, 2)}:${latin.slice(2)}` : text;
}

/**
 * What the box holds so far. `final` is set when the user leaves the box or
 * presses Enter: then "9" reads 09:00 and "930" reads 09:30.
 */
export function readTypedClock(text: string, final = false): ClockTyping {
  const latin = toLatinDigits(text).trim();
  const half = DAY_HALF.exec(latin);
  if (half?.[1] !== undefined) return withHalf(readTypedClock(latin.slice(0, half.index), final), half[1]);
  const s = latin;
  if (s === '') return { state: 'empty' };
  const match = /^(\d{0,2})(?:\s*[:.٫]\s*(\d{0,2}))?$/.exec(s);
  if (!match) {
    // "930" and "0930" without a colon, read once the box is left.
    if (final && /^\d{3,4}$/.test(s)) return readTypedClock(`${s.slice(0, -2)}:${s.slice(-2)}`, true);
    return /^\d{3,4}$/.test(s) ? { state: 'partial' } : { state: 'wrong', reason: 'format' };
  }
  const [hourText = '', minuteText] = [match[1], match[2]];
  if (hourText !== '' && Number(hourText) > 23) return { state: 'wrong', reason: 'hour' };
  if (minuteText !== undefined && minuteText !== '' && Number(minuteText) > 59) {
    return { state: 'wrong', reason: 'minute' };
  }
  if (minuteText !== undefined && minuteText.length === 1 && Number(minuteText) > 5) {
    return { state: 'wrong', reason: 'minute' };
  }
  const whole = hourText !== '' && minuteText?.length === 2;
  if (whole) return { state: 'complete', minutes: Number(hourText) * 60 + Number(minuteText) };
  if (!final) return { state: 'partial' };
  if (hourText === '' || (minuteText !== undefined && minuteText.length === 1)) {
    return { state: 'wrong', reason: 'format' };
  }
  return { state: 'complete', minutes: Number(hourText) * 60 };
}

/**
 * A 12-hour marker at the end of the text, Arabic or Latin, whole or begun ("p" as "pm" is typed):
 * ص / صباحًا and a, am, a.m. before noon; م / مساءً and p, pm, p.m. after.
 */
const DAY_HALF = /\s*(a\.?m?\.?|p\.?m?\.?|ص(?:باحا?ً?)?|م(?:ساءً?)?)$/i;

/** The reading of the digits before a marker, on the 12-hour clock: the hour 1–12, 12 AM midnight, 12 PM noon. */
function withHalf(reading: ClockTyping, marker: string): ClockTyping {
  if (reading.state !== 'complete') return reading.state === 'empty' ? { state: 'wrong', reason: 'format' } : reading;
  const hour = Math.floor(reading.minutes / 60);
  if (hour < 1 || hour > 12) return { state: 'wrong', reason: 'hour12' };
  const afternoon = /^[pم]/i.test(marker);
  return { state: 'complete', minutes: (hour % 12) * 60 + (reading.minutes % 60) + (afternoon ? 720 : 0) };
}
