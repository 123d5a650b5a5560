import { describe, expect, it } from 'vitest';
import { layoutDay, spansAllHalls } from '../../../src/renderer/src/features/programme/day-layout';
import { clockInput, clockMinutes, parseClock } from '../../../src/shared/calendar/clock';
import type { Hall, Session } from '../../../src/shared/domain/programme';
import { newSession } from '../../../src/shared/domain/programme-edit';
import { FIRST_REVISION } from '../../../src/shared/domain/revision';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const HALLS: Hall[] = [
  { id: id(), nameAr: 'قاعة عمان', nameEn: '', capacity: 250, updatedAt: FIRST_REVISION },
  { id: id(), nameAr: 'قاعة صحار', nameEn: '', capacity: 80, updatedAt: FIRST_REVISION },
];
const session = (from: string, to: string, fields: Partial<Session> = {}) =>
  newSession(id(), {
    day: '2026-12-04',
    start: clockMinutes(from),
    end: clockMinutes(to),
    hallId: HALLS[0]?.id ?? null,
    ...fields,
  });

const placedOf = (sessions: Session[]) => {
  const layout = layoutDay(sessions, HALLS);
  return new Map(layout.placed.map((p) => [p.session.id, p]));
};

describe('day layout', () => {
  it('puts each session in its hall column, hall-less ones in "elsewhere", and spans breaks over every hall', () => {
    const a = session('09:00', '10:00');
    const b = session('09:00', '10:00', { hallId: HALLS[1]?.id ?? null });
    const visit = session('10:00', '11:00', { kind: 'field_visit', hallId: null });
    const lunch = session('13:00', '14:00', { kind: 'lunch', hallId: null });
    const lunchInHall = session('13:00', '14:00', { kind: 'lunch' });
    const placed = placedOf([a, b, visit, lunch, lunchInHall]);
    expect(placed.get(a.id)?.column).toBe(0);
    expect(placed.get(b.id)?.column).toBe(1);
    expect(placed.get(visit.id)?.column).toBe(2);
    expect(placed.get(lunch.id)?.column).toBe(-1);
    expect(spansAllHalls(lunchInHall)).toBe(false);
    expect(placed.get(lunchInHall.id)?.column).toBe(0);
  });

  it('gives overlapping sessions in one hall their own lanes, and back-to-back ones the full width', () => {
    const first = session('09:00', '10:00');
    const clash = session('09:30', '10:30');
    const next = session('10:30', '11:00');
    const placed = placedOf([first, clash, next]);
    expect([placed.get(first.id)?.lane, placed.get(clash.id)?.lane]).toEqual([0, 1]);
    expect([placed.get(first.id)?.lanes, placed.get(clash.id)?.lanes]).toEqual([2, 2]);
    expect(placed.get(next.id)).toMatchObject({ lane: 0, lanes: 1 });
  });

  it('lists the sessions by time, then hall (a break over every hall first), which is the Tab order', () => {
    const meeting = session('09:15', '10:15');
    const reception = session('09:00', '09:15', { hallId: HALLS[1]?.id ?? null });
    const prayer = session('11:45', '12:05', { kind: 'prayer_break', hallId: null });
    const lunch = session('13:00', '14:00', { kind: 'lunch', hallId: null });
    const side = session('09:15', '10:00', { hallId: HALLS[1]?.id ?? null });
    const visit = session('09:15', '11:00', { kind: 'field_visit', hallId: null });
    const clash = session('09:30', '10:00');
    const order = layoutDay([lunch, prayer, visit, side, clash, meeting, reception], HALLS).placed.map(
      (p) => p.session.id,
    );
    expect(order).toEqual([reception.id, meeting.id, side.id, visit.id, clash.id, prayer.id, lunch.id]);
  });

  it('shows at least 08:00–18:00 and widens to whole hours around earlier or later sessions', () => {
    expect(layoutDay([], HALLS)).toMatchObject({ from: 480, to: 1080 });
    const layout = layoutDay([session('06:40', '07:10'), session('21:00', '22:15')], HALLS);
    expect([layout.from, layout.to]).toEqual([360, 1380]);
    expect(layout.columns.map((c) => c.key)).toEqual([HALLS[0]?.id, HALLS[1]?.id, 'elsewhere']);
  });
});

describe('clock inputs', () => {
  it('writes and reads 24-hour times, Arabic-Indic digits included; past midnight wraps', () => {
    expect(clockInput(545)).toBe('09:05');
    expect(clockInput(1440 + 30)).toBe('00:30');
    expect(parseClock('٠٩:٠٥')).toBe(545);
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('10:75')).toBeNull();
    expect(parseClock('ten')).toBeNull();
  });
});
