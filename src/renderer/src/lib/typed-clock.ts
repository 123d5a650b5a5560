import { toLatinDigits } from '../../../shared/text/arabic';

/**
 * Reading a time of day as it is typed, always on the 24-hour clock
 * ("14:30"), whatever the browser's locale would show. An hour past 23 or a
 * minute past 59 is refused the moment it is typed.
 */
export type ClockTyping =
  | { state: 'empty' }
  | { state: 'partial' }
  | { state: 'complete'; minutes: number }
  | { state: 'wrong'; reason: ClockProblem };

export type ClockProblem = 'format' | 'hour' | 'minute';

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
  const s = toLatinDigits(text).trim();
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
