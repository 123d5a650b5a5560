import { addDays, daysBetween, isIsoDate } from '../../../shared/calendar/hijri';

/** An event longer than this is more likely a typo in a date than a real event: saving it asks first. */
export const LONG_EVENT_DAYS = 14;

/** How many days the event spans, both ends counted; 0 when the days are not a span. */
export function eventLength(firstDay: string, lastDay: string): number {
  if (!isIsoDate(firstDay) || !isIsoDate(lastDay)) return 0;
  const span = daysBetween(firstDay, lastDay);
  return span < 0 ? 0 : span + 1;
}

/**
 * The last day once the first day moves to `newFirst`: the event keeps its
 * length, so a two-day visit moved to another week stays a two-day visit
 * (and never silently stretches to the old last day years away). A last day
 * that was before the first one follows as a one-day event.
 */
export function lastDayAfterMove(oldFirst: string, oldLast: string, newFirst: string): string {
  const length = eventLength(oldFirst, oldLast);
  return length === 0 ? newFirst : addDays(newFirst, length - 1);
}
