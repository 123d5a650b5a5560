import { describe, expect, it } from 'vitest';
import { type Conflict, findConflicts, type ProgrammeToCheck } from '../../../../src/core/programme/conflicts';
import { clockMinutes } from '../../../../src/shared/calendar/clock';
import { type Hall, isNote, type Session, type SessionItem } from '../../../../src/shared/domain/programme';
import { newSession } from '../../../../src/shared/domain/programme-edit';
import { FIRST_REVISION } from '../../../../src/shared/domain/revision';

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const at = clockMinutes;

const PRESENTER = uuid();
const CHAIR = uuid();
const OTHER = uuid();
const HALL_A: Hall = { id: uuid(), nameAr: 'قاعة عمان', nameEn: 'Oman Hall', capacity: 250, updatedAt: FIRST_REVISION };
const HALL_B: Hall = { id: uuid(), nameAr: 'قاعة صحار', nameEn: 'Sohar Hall', capacity: 60, updatedAt: FIRST_REVISION };

function item(personId: string | null, nameWithoutRecord = ''): SessionItem {
  return { id: uuid(), kind: 'paper', titleAr: 'ورقة عمل', titleEn: '', personId, nameWithoutRecord };
}

function session(overrides: Partial<Session> & { from: string; to: string }): Session {
  const { from, to, ...rest } = overrides;
  return newSession(uuid(), {
    titleAr: 'جلسة أوراق العمل',
    day: '2026-12-04',
    start: at(from),
    end: at(to),
    hallId: HALL_A.id,
    ...rest,
  });
}

function check(sessions: Session[], overrides: Partial<ProgrammeToCheck> = {}): Conflict[] {
  return findConflicts({
    firstDay: '2026-12-04',
    lastDay: '2026-12-05',
    expectedAttendance: 200,
    halls: [HALL_A, HALL_B],
    sessions,
    personIds: new Set([PRESENTER, CHAIR, OTHER]),
    ...overrides,
  });
}

const kinds = (conflicts: Conflict[]) => conflicts.map((c) => c.kind).sort();

describe('conflicts', () => {
  it('a clean programme has none (back-to-back in one hall, parallel in two halls)', () => {
    const opening = session({ from: '09:00', to: '10:00', kind: 'opening', chairId: CHAIR });
    const first = session({ from: '10:00', to: '11:30', items: [item(PRESENTER)] });
    const parallel = session({
      from: '10:00',
      to: '11:30',
      hallId: HALL_B.id,
      expectedAttendance: 50,
      items: [item(OTHER)],
    });
    expect(check([opening, first, parallel])).toEqual([]);
  });

  it('the same presenter in two overlapping sessions, named with both sessions', () => {
    const a = session({ from: '10:00', to: '11:30', items: [item(PRESENTER)] });
    const b = session({
      from: '11:00',
      to: '12:00',
      hallId: HALL_B.id,
      expectedAttendance: 40,
      items: [item(PRESENTER)],
    });
    expect(check([a, b])).toEqual([{ kind: 'person_double_booked', personId: PRESENTER, sessionIds: [a.id, b.id] }]);
  });

  it('a chair of one session presenting in another at the same time', () => {
    const a = session({ from: '10:00', to: '11:00', chairId: CHAIR });
    const b = session({ from: '10:30', to: '11:30', hallId: HALL_B.id, expectedAttendance: 40, items: [item(CHAIR)] });
    expect(kinds(check([a, b]))).toEqual(['person_double_booked']);
  });

  it('a person who chairs and presents in the same session is not in conflict with themself', () => {
    expect(check([session({ from: '10:00', to: '11:00', chairId: CHAIR, items: [item(CHAIR), item(CHAIR)] })])).toEqual(
      [],
    );
  });

  it('same start time counts as overlap; back-to-back does not', () => {
    const a = session({ from: '10:00', to: '11:00' });
    const sameStart = session({ from: '10:00', to: '10:30' });
    const after = session({ from: '11:00', to: '12:00' });
    expect(check([a, sameStart, after])).toEqual([
      { kind: 'hall_double_booked', hallId: HALL_A.id, sessionIds: [sameStart.id, a.id] },
    ]);
  });

  it('a zero-length session is flagged and overlaps nothing', () => {
    const a = session({ from: '10:00', to: '11:00', items: [item(PRESENTER)] });
    const zero = session({ from: '10:30', to: '10:30', items: [item(PRESENTER)] });
    expect(check([a, zero])).toEqual([{ kind: 'zero_length', sessionIds: [zero.id] }]);
  });

  it('a session ending before it starts', () => {
    const backwards = session({ from: '11:00', to: '10:00' });
    expect(check([backwards])).toEqual([{ kind: 'ends_before_start', sessionIds: [backwards.id] }]);
  });

  it('a session across midnight overlaps the next morning', () => {
    const night = session({ from: '22:00', to: '00:00', kind: 'side_meeting', items: [item(PRESENTER)] });
    night.end = 24 * 60 + 60; // 01:00 the next day
    const early = session({
      day: '2026-12-05',
      from: '00:30',
      to: '02:00',
      hallId: HALL_B.id,
      expectedAttendance: 30,
      items: [item(PRESENTER)],
    });
    expect(kinds(check([night, early]))).toEqual(['person_double_booked']);
  });

  it('sessions outside the forum days', () => {
    const before = session({ day: '2026-12-03', from: '10:00', to: '11:00' });
    const after = session({ day: '2026-12-06', from: '10:00', to: '11:00' });
    expect(check([before, after])).toEqual([
      { kind: 'outside_forum_days', sessionIds: [before.id] },
      { kind: 'outside_forum_days', sessionIds: [after.id] },
    ]);
  });

  it('expected attendance over the hall capacity, from the forum or the session', () => {
    const plenary = session({ from: '10:00', to: '11:00', hallId: HALL_B.id });
    expect(check([plenary])).toEqual([
      { kind: 'over_capacity', hallId: HALL_B.id, expected: 200, capacity: 60, sessionIds: [plenary.id] },
    ]);
    expect(check([{ ...plenary, expectedAttendance: 60 }])).toEqual([]);
    expect(check([plenary], { halls: [HALL_A, { ...HALL_B, capacity: null, updatedAt: FIRST_REVISION }] })).toEqual([]);
  });

  it('a presenter with no person record, by typed name or by a dangling id', () => {
    const typed = item(null, 'د. أحمد الغامدي');
    const dangling = item(uuid());
    const s = session({ from: '10:00', to: '11:00', items: [typed, dangling, item(null)] });
    expect(check([s])).toEqual([
      { kind: 'person_without_record', itemId: typed.id, name: 'د. أحمد الغامدي', sessionIds: [s.id] },
      { kind: 'person_without_record', itemId: dangling.id, name: '', sessionIds: [s.id] },
    ]);
  });

  it('a typed name and a missing title are notes; a dangling id and a clash are conflicts', () => {
    const typed = item(null, 'د. أحمد الغامدي');
    const dangling = item(uuid());
    const s = session({ from: '10:00', to: '11:00', titleAr: '', titleEn: '', items: [typed, dangling] });
    const found = check([s, session({ from: '10:30', to: '11:30' })]);
    expect(found.filter(isNote).map((c) => c.kind)).toEqual(['untitled', 'person_without_record']);
    expect(found.filter((c) => !isNote(c)).map((c) => c.kind)).toEqual(['person_without_record', 'hall_double_booked']);
  });

  it('a session with no title in either language', () => {
    const s = session({ from: '10:00', to: '11:00', titleAr: '', titleEn: '' });
    expect(check([s])).toEqual([{ kind: 'untitled', sessionIds: [s.id] }]);
  });

  it('a break may overlap nothing else, but two breaks may overlap each other', () => {
    const prayer = session({ from: '12:00', to: '12:30', kind: 'prayer_break', hallId: null, titleAr: 'استراحة صلاة' });
    const coffee = session({ from: '12:00', to: '12:30', kind: 'coffee_break', hallId: null, titleAr: 'استراحة قهوة' });
    const workshop = session({ from: '11:30', to: '12:15', hallId: HALL_B.id, expectedAttendance: 40 });
    expect(check([prayer, coffee, workshop])).toEqual([
      { kind: 'break_overlap', sessionIds: [workshop.id, prayer.id] },
      { kind: 'break_overlap', sessionIds: [workshop.id, coffee.id] },
    ]);
  });
});
