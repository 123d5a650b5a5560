import { describe, expect, it } from 'vitest';
import { backupsToPrune, KEEP_DAILY, KEEP_NEWEST, KEEP_WEEKLY } from '../../../../src/core/backup/rotation';

const at = (iso: string, n = 0) => ({
  id: `${iso}#${n}`,
  createdAt: `${iso}T${String(9 + n).padStart(2, '0')}:00:00.000Z`,
});

/** One backup a day (two on some) for `days` days up to 2026-11-21. */
function daily(days: number, perDay = 1) {
  const list = [];
  for (let d = 0; d < days; d++) {
    const iso = new Date(Date.UTC(2026, 10, 21 - d)).toISOString().slice(0, 10);
    for (let n = 0; n < perDay; n++) list.push(at(iso, n));
  }
  return list;
}

describe('backup rotation', () => {
  it('keeps everything while there are few', () => {
    expect(backupsToPrune(daily(KEEP_NEWEST))).toEqual([]);
  });

  it('keeps the newest of each of the last 14 days, then one a week for 8 weeks', () => {
    const list = daily(200);
    const pruned = new Set(backupsToPrune(list));
    const kept = list.filter((b) => !pruned.has(b.id));
    expect(kept).toHaveLength(KEEP_DAILY + KEEP_WEEKLY);
    expect(kept.slice(0, KEEP_DAILY).map((b) => b.createdAt.slice(0, 10))).toEqual(
      daily(KEEP_DAILY).map((b) => b.createdAt.slice(0, 10)),
    );
    // The weekly ones are one per week: 7 days apart, going back from before the daily ones.
    const weekly = kept.slice(KEEP_DAILY).map((b) => Date.parse(b.createdAt));
    for (let i = 1; i < weekly.length; i++)
      expect(((weekly[i - 1] as number) - (weekly[i] as number)) / 86_400_000).toBe(7);
  });

  it("keeps the 10 newest of any day, so this morning's safety copies survive the afternoon", () => {
    const today = Array.from({ length: 12 }, (_, n) => at('2026-11-21', n));
    const pruned = backupsToPrune([...today, ...daily(30).slice(1)]);
    expect(pruned).not.toContain(today[11]?.id);
    expect(pruned).toContain(today[0]?.id); // the oldest of today, neither newest nor the day's newest
  });

  it('counts days that have backups, not calendar days: a month away loses nothing recent', () => {
    const before = daily(14).map((b) => ({ ...b, createdAt: b.createdAt.replace('2026-11', '2026-09') }));
    expect(backupsToPrune([at('2026-11-21'), ...before])).toEqual([]);
  });

  it('counts days in local time: just after midnight in Riyadh is a day of its own', () => {
    const newest = Array.from({ length: KEEP_NEWEST }, (_, n) => at('2026-11-22', n));
    // 23:30 on the 20th and 00:30 on the 21st in Riyadh (UTC+3: getTimezoneOffset() is -180), one UTC day.
    const evening = { id: 'evening', createdAt: '2026-11-20T20:30:00.000Z' };
    const night = { id: 'night', createdAt: '2026-11-20T21:30:00.000Z' };
    expect(backupsToPrune([...newest, evening, night], 0)).toEqual(['evening']);
    expect(backupsToPrune([...newest, evening, night], -180)).toEqual([]);
  });
});
