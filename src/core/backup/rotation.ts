/**
 * Which backups to keep: the newest of each of the last 14 days that have a
 * backup, the newest of each of the last 8 weeks before those, and the 10
 * newest whatever their day (so the copy taken before this morning's import
 * survives this afternoon's three restores). Days and weeks are counted among
 * those that have backups, not on the calendar: a coordinator back from a
 * month away still finds two weeks of work behind them.
 */
export const KEEP_DAILY = 14;
export const KEEP_WEEKLY = 8;
export const KEEP_NEWEST = 10;

export interface Dated {
  id: string;
  createdAt: string;
}

/** The ids to delete, given every backup in the folder. */
export function backupsToPrune(backups: readonly Dated[], timeZoneOffsetMinutes = 0): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set(newestFirst.slice(0, KEEP_NEWEST).map((b) => b.id));
  const local = (b: Dated) => new Date(Date.parse(b.createdAt) - timeZoneOffsetMinutes * 60_000);
  const dayOf = (b: Dated) => local(b).toISOString().slice(0, 10);
  const days = new Map<string, string>();
  for (const b of newestFirst) if (!days.has(dayOf(b))) days.set(dayOf(b), b.id);
  const dailyDays = [...days.keys()].slice(0, KEEP_DAILY);
  for (const day of dailyDays) keep.add(days.get(day) as string);
  // The weekly ones come from the days before the daily ones.
  const oldestDailyDay = dailyDays.at(-1) ?? '';
  const weeks = new Map<number, string>();
  for (const b of newestFirst) {
    if (dayOf(b) >= oldestDailyDay) continue;
    const week = weekNumber(local(b));
    if (!weeks.has(week)) weeks.set(week, b.id);
  }
  for (const id of [...weeks.values()].slice(0, KEEP_WEEKLY)) keep.add(id);
  return newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id);
}

/** Weeks since the epoch, each starting on Sunday (the first working day in most Arab countries). */
function weekNumber(date: Date): number {
  const days = Math.floor(date.getTime() / 86_400_000);
  // 1 January 1970 was a Thursday, the fifth day (index 4) of a week that starts on Sunday.
  return Math.floor((days + 4) / 7);
}
