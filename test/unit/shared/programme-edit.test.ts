import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../../src/core/programme/conflicts';
import { clockMinutes } from '../../../src/shared/calendar/clock';
import { FORUM_KINDS } from '../../../src/shared/domain/forum';
import {
  BREAK_KINDS,
  type Delegation,
  type Hall,
  type Programme,
  type Session,
  type SessionItem,
  sessionSchema,
} from '../../../src/shared/domain/programme';
import {
  copyProgramme,
  DAY_MINUTES,
  fromProtocolRows,
  itemsInPrintOrder,
  moveSession,
  newDelegation,
  newSession,
  protocolRows,
  refersTo,
  removePerson,
  replacePerson,
  resizeSession,
  SNAP_MINUTES,
  shiftRestOfDay,
  snap,
  speakersOf,
  syncProtocolList,
  withSyncedSpeakers,
} from '../../../src/shared/domain/programme-edit';
import { applyTemplate, DAY_TEMPLATES } from '../../../src/shared/domain/programme-templates';
import { FIRST_REVISION } from '../../../src/shared/domain/revision';

const uuid = () => crypto.randomUUID();
const DAY1 = '2026-12-04';
const DAY2 = '2026-12-05';

function item(personId: string | null, nameWithoutRecord = ''): SessionItem {
  return { id: uuid(), kind: 'paper', titleAr: 'ورقة عمل', titleEn: '', personId, nameWithoutRecord };
}

function session(start: number, end: number, fields: Partial<Omit<Session, 'id'>> = {}): Session {
  return newSession(uuid(), { titleAr: 'جلسة', day: DAY1, start, end, ...fields });
}

function delegation(fields: Partial<Delegation> = {}): Delegation {
  return newDelegation(uuid(), {
    nameAr: 'وفد',
    nameEn: '',
    organisationId: null,
    city: '',
    country: '',
    headId: null,
    memberIds: [],
    ...fields,
  });
}

/** Deep-freezes so that any mutation of an input throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

describe('snap', () => {
  it('rounds to the nearest 5 minutes by default', () => {
    expect(SNAP_MINUTES).toBe(5);
    expect(snap(600)).toBe(600);
    expect(snap(602)).toBe(600);
    expect(snap(603)).toBe(605);
    expect(snap(607.4)).toBe(605);
    expect(snap(0)).toBe(0);
  });

  it('takes another step', () => {
    expect(snap(7, 15)).toBe(0);
    expect(snap(8, 15)).toBe(15);
    expect(snap(52, 30)).toBe(60);
  });
});

describe('newSession', () => {
  it('fills the defaults and keeps the given id even if fields carry another', () => {
    const id = uuid();
    const s = newSession(id, { day: DAY1, start: 540, end: 600, titleAr: 'الافتتاح', kind: 'opening' });
    expect(s).toEqual({
      id,
      kind: 'opening',
      titleAr: 'الافتتاح',
      titleEn: '',
      day: DAY1,
      start: 540,
      end: 600,
      hallId: null,
      place: '',
      chairId: null,
      expectedAttendance: null,
      items: [],
      headTableIds: [],
      speakerOrder: [],
      updatedAt: FIRST_REVISION,
      presentIds: [],
      stops: [],
    });
    expect(sessionSchema.safeParse(s).success).toBe(true);
  });
});

describe('an item of its own time', () => {
  it('is kept, and one that ends before it starts is refused with its sentence', () => {
    const timed = { ...item(uuid()), time: { start: 600, end: 620 } };
    expect(sessionSchema.safeParse(session(600, 690, { items: [timed] })).success).toBe(true);
    // Written before items had times: no time at all, or none.
    expect(sessionSchema.safeParse(session(600, 690, { items: [item(uuid())] })).success).toBe(true);
    expect(sessionSchema.safeParse(session(600, 690, { items: [{ ...item(uuid()), time: null }] })).success).toBe(true);
    for (const time of [
      { start: 620, end: 600 },
      { start: 600, end: 600 },
    ]) {
      const result = sessionSchema.safeParse(session(600, 690, { items: [{ ...item(uuid()), time }] }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['items', 0, 'time', 'end'],
        message: 'errors.itemEndBeforeStart',
      });
    }
  });
});

describe('moveSession', () => {
  const hallA = uuid();
  const hallB = uuid();
  const base = frozen(session(600, 690, { hallId: hallA }));

  it('keeps the length and the hall', () => {
    expect(moveSession(base, 720)).toEqual({ ...base, start: 720, end: 810 });
  });

  it('moves to another hall, or to none', () => {
    expect(moveSession(base, 600, hallB)).toMatchObject({ start: 600, end: 690, hallId: hallB });
    expect(moveSession(base, 600, null).hallId).toBeNull();
  });

  it('never starts before 00:00, keeping the length', () => {
    expect(moveSession(base, -30)).toMatchObject({ start: 0, end: 90 });
  });

  it('never runs past the end of the next day', () => {
    const moved = moveSession(base, 2 * DAY_MINUTES);
    expect(moved.end).toBe(2 * DAY_MINUTES);
    expect(moved.end - moved.start).toBe(90);
    expect(sessionSchema.safeParse(moved).success).toBe(true);
  });

  it('returns a new object and leaves the input alone', () => {
    const moved = moveSession(base, 700);
    expect(moved).not.toBe(base);
    expect(base.start).toBe(600);
  });
});

describe('resizeSession', () => {
  const base = frozen(session(600, 690));

  it('changes only the end', () => {
    expect(resizeSession(base, 720)).toEqual({ ...base, end: 720 });
    expect(resizeSession(base, 630)).toMatchObject({ start: 600, end: 630 });
  });

  it('keeps a session at least 5 minutes long', () => {
    expect(resizeSession(base, 602).end).toBe(605);
    expect(resizeSession(base, 600).end).toBe(605);
    expect(resizeSession(base, 500).end).toBe(605);
  });

  it('never ends past the end of the next day', () => {
    expect(resizeSession(base, 5000).end).toBe(2 * DAY_MINUTES);
  });
});

describe('shiftRestOfDay', () => {
  const early = session(480, 540, { titleAr: 'التسجيل' });
  const atFrom = session(600, 660);
  const later = session(700, 760);
  const otherDay = session(700, 760, { day: DAY2 });
  const all = frozen([early, atFrom, later, otherDay]);

  it('moves only the sessions of that day starting at or after `from`, and returns only those', () => {
    const moved = shiftRestOfDay(all, DAY1, 600, 30);
    expect(moved.map((s) => s.id)).toEqual([atFrom.id, later.id]);
    expect(moved.map((s) => [s.start, s.end])).toEqual([
      [630, 690],
      [730, 790],
    ]);
  });

  it('shifts earlier with a negative amount', () => {
    const moved = shiftRestOfDay(all, DAY1, 600, -15);
    expect(moved.map((s) => [s.start, s.end])).toEqual([
      [585, 645],
      [685, 745],
    ]);
  });

  it('stops at midnight: a session shifted earlier than 00:00 starts at 00:00 with its length', () => {
    const moved = shiftRestOfDay(all, DAY1, 0, -500);
    expect(moved.map((s) => [s.start, s.end])).toEqual([
      [0, 60],
      [100, 160],
      [200, 260],
    ]);
  });

  it('nothing to move gives an empty list', () => {
    expect(shiftRestOfDay(all, DAY1, 800, 30)).toEqual([]);
    expect(shiftRestOfDay(all, '2026-12-06', 0, 30)).toEqual([]);
  });
});

describe('one protocol list for the head table and the speakers', () => {
  const rank: Record<string, number> = { hh: 0, m1: 1, m2: 1, s1: 2, s2: 2, n1: 3, n2: 3 };
  const rankOf = (id: string) => rank[id] ?? 3;

  it('lists each person once, the head table in its own (dragged) order', () => {
    expect(protocolRows(['s1', 'm1'], ['m1', 's1'], rankOf)).toEqual(['s1', 'm1']);
  });

  it('puts a speaker off the head table after the speaker before them, the first one by rank', () => {
    // n1 speaks after m1: right after m1, before s1 who sits at the head table.
    expect(protocolRows(['m1', 's1'], ['m1', 'n1'], rankOf)).toEqual(['m1', 'n1', 's1']);
    // The first speaker, off the head table, goes in by rank: a معالي before a سعادة.
    expect(protocolRows(['hh', 's1'], ['m2', 's1'], rankOf)).toEqual(['hh', 'm2', 's1']);
    expect(protocolRows([], ['n2', 's2'], rankOf)).toEqual(['n2', 's2']);
  });

  it('reads the head table and the speaking order back from the one list', () => {
    const rows = ['hh', 'n1', 'm1', 's1'];
    expect(fromProtocolRows(rows, new Set(['hh', 'm1', 's1']), new Set(['n1', 's1']))).toEqual({
      headTableIds: ['hh', 'm1', 's1'],
      speakerOrder: ['n1', 's1'],
    });
  });
});

describe('syncProtocolList', () => {
  // Lower is higher in protocol: صاحب السمو 0, معالي 1, سعادة 2, others 3.
  const rank: Record<string, number> = { hh: 0, m1: 1, m2: 1, s1: 2, s2: 2, n1: 3, n2: 3 };
  const rankOf = (id: string) => rank[id] ?? 3;

  it('an empty list comes out in protocol order, stable within a rank', () => {
    expect(syncProtocolList([], ['n1', 's1', 'm1', 'n2', 'hh', 'm2'], rankOf)).toEqual([
      'hh',
      'm1',
      'm2',
      's1',
      'n1',
      'n2',
    ]);
  });

  it('drops those who left', () => {
    expect(syncProtocolList(['m1', 's1', 'n1'], ['n1', 'm1'], rankOf)).toEqual(['m1', 'n1']);
  });

  it('keeps an order the user dragged', () => {
    expect(syncProtocolList(['n1', 's1', 'm1'], ['m1', 's1', 'n1'], rankOf)).toEqual(['n1', 's1', 'm1']);
  });

  it('puts a newcomer after the last person of the same or higher rank', () => {
    // Dragged list: n1 before m1. A new سعادة goes after m1 (the last of higher rank).
    expect(syncProtocolList(['n1', 'm1'], ['n1', 'm1', 's1'], rankOf)).toEqual(['n1', 'm1', 's1']);
    // A new معالي goes after the existing معالي, before سعادة.
    expect(syncProtocolList(['m1', 's1', 'n1'], ['m1', 's1', 'n1', 'm2'], rankOf)).toEqual(['m1', 'm2', 's1', 'n1']);
    // A new صاحب السمو, with nobody above, goes first.
    expect(syncProtocolList(['m1', 'n1'], ['m1', 'n1', 'hh'], rankOf)).toEqual(['hh', 'm1', 'n1']);
    // Someone of the lowest rank goes last.
    expect(syncProtocolList(['n1', 'm1'], ['n1', 'm1', 'n2'], rankOf)).toEqual(['n1', 'm1', 'n2']);
  });

  it('never lists anyone twice', () => {
    expect(syncProtocolList(['m1', 'n1', 'm1'], ['m1', 'n1', 'n1', 's1', 's1'], rankOf)).toEqual(['m1', 's1', 'n1']);
  });

  it('does not change its input', () => {
    const current = frozen(['n1', 'm1']);
    syncProtocolList(current, ['n1', 'm1', 'hh'], rankOf);
    expect(current).toEqual(['n1', 'm1']);
  });
});

describe('speakers', () => {
  it('speakersOf lists each item person once, in running order, without name-only items', () => {
    const s = session(600, 690, { items: [item('b'), item(null, 'ضيف'), item('a'), item('b')] });
    expect(speakersOf(s)).toEqual(['b', 'a']);
  });

  it('withSyncedSpeakers lists a papers session by its running order, whatever the ranks or an old order', () => {
    const rankOf = (id: string) => (id === 'maali' ? 1 : 3);
    // Written by an older version, which ranked every session's speakers.
    const s = frozen(session(600, 690, { items: [item('none'), item('maali')], speakerOrder: ['maali', 'none'] }));
    const synced = withSyncedSpeakers(s, rankOf);
    expect(synced.speakerOrder).toEqual(['none', 'maali']);
    expect(synced.items).toBe(s.items);
    expect(s.speakerOrder).toEqual(['maali', 'none']);
    expect(itemsInPrintOrder(s).map((i) => i.personId)).toEqual(['none', 'maali']);
  });

  it("withSyncedSpeakers ranks a ceremony's fresh speeches, and keeps the order the coordinator set", () => {
    const rankOf = (id: string) => (id === 'maali' ? 1 : 3);
    const fresh = frozen(session(600, 690, { kind: 'opening', items: [item('none'), item('maali')] }));
    expect(withSyncedSpeakers(fresh, rankOf).speakerOrder).toEqual(['maali', 'none']);
    const set = frozen({ ...fresh, speakerOrder: ['none', 'maali'] });
    expect(withSyncedSpeakers(set, rankOf).speakerOrder).toEqual(['none', 'maali']);
    // The speeches print in that order; a speech without a person keeps its running place after them.
    const withGuest = { ...set, items: [item(null, 'ضيف'), ...set.items] };
    expect(itemsInPrintOrder(withGuest).map((i) => i.personId ?? i.nameWithoutRecord)).toEqual([
      'none',
      'maali',
      'ضيف',
    ]);
    expect(itemsInPrintOrder(fresh).map((i) => i.personId)).toEqual(['none', 'maali']);
  });
});

describe('replacePerson and removePerson', () => {
  const keep = uuid();
  const gone = uuid();
  const other = uuid();

  function programmeNaming(id: string): Programme {
    return frozen({
      halls: [],
      sessions: [
        session(600, 690, {
          chairId: id,
          items: [item(keep), item(id), item(other)],
          headTableIds: [keep, id, other],
          speakerOrder: [id, keep, other],
        }),
        session(700, 760, { items: [item(other)], speakerOrder: [other] }),
      ],
      delegations: [
        delegation({ headId: id, memberIds: [keep, other] }),
        delegation({ headId: other, memberIds: [id, keep] }),
      ],
    });
  }

  it('replacePerson moves every reference to the kept id, without listing anyone twice', () => {
    const p = programmeNaming(gone);
    const out = replacePerson(p, gone, keep);
    const [s1, s2] = out.sessions;
    expect(s1?.chairId).toBe(keep);
    expect(s1?.items.map((i) => i.personId)).toEqual([keep, keep, other]);
    expect(s1?.headTableIds).toEqual([keep, other]);
    expect(s1?.speakerOrder).toEqual([keep, other]);
    expect(s2).toEqual(p.sessions[1]);
    expect(out.delegations.map((d) => [d.headId, d.memberIds])).toEqual([
      [keep, [other]],
      [other, [keep]],
    ]);
    expect(refersTo(out, gone)).toBe(false);
    expect(JSON.stringify(out)).not.toContain(gone);
  });

  it('replacePerson gives back the same object when nothing refers to the person', () => {
    const p = programmeNaming(other);
    expect(replacePerson(p, gone, keep)).toBe(p);
  });

  it('removePerson keeps the printed name as text and takes the person off chairs, head tables, delegations', () => {
    const p = programmeNaming(gone);
    const out = removePerson(p, gone, 'سعادة المهندس جمال بن ناصر الملحم');
    const s1 = out.sessions[0];
    expect(s1?.chairId).toBeNull();
    expect(s1?.items[1]).toEqual({
      ...p.sessions[0]?.items[1],
      personId: null,
      nameWithoutRecord: 'سعادة المهندس جمال بن ناصر الملحم',
    });
    expect(s1?.items.map((i) => i.personId)).toEqual([keep, null, other]);
    expect(s1?.headTableIds).toEqual([keep, other]);
    expect(s1?.speakerOrder).toEqual([keep, other]);
    expect(out.delegations.map((d) => [d.headId, d.memberIds])).toEqual([
      [null, [keep, other]],
      [other, [keep]],
    ]);
    expect(refersTo(out, gone)).toBe(false);
  });

  it('removePerson gives back the same object when nothing refers to the person', () => {
    const p = programmeNaming(other);
    expect(removePerson(p, gone, 'x')).toBe(p);
  });

  it('refersTo sees chairs, head tables, items, heads and members', () => {
    const empty: Programme = { halls: [], sessions: [], delegations: [] };
    const id = uuid();
    expect(refersTo(empty, id)).toBe(false);
    expect(refersTo({ ...empty, sessions: [session(0, 60, { chairId: id })] }, id)).toBe(true);
    expect(refersTo({ ...empty, sessions: [session(0, 60, { headTableIds: [id] })] }, id)).toBe(true);
    expect(refersTo({ ...empty, sessions: [session(0, 60, { items: [item(id)] })] }, id)).toBe(true);
    expect(refersTo({ ...empty, delegations: [delegation({ headId: id })] }, id)).toBe(true);
    expect(refersTo({ ...empty, delegations: [delegation({ memberIds: [id] })] }, id)).toBe(true);
  });
});

describe('copyProgramme', () => {
  it('gives fresh ids to halls, sessions, items and delegations, and remaps hall links', () => {
    const hallA: Hall = { id: uuid(), nameAr: 'قاعة عمان', nameEn: '', capacity: 250, updatedAt: FIRST_REVISION };
    const hallB: Hall = { id: uuid(), nameAr: 'قاعة صحار', nameEn: '', capacity: 60, updatedAt: FIRST_REVISION };
    const person = uuid();
    const original: Programme = frozen({
      halls: [hallA, hallB],
      sessions: [
        session(600, 690, { hallId: hallA.id, items: [item(person)], chairId: person }),
        session(600, 690, { hallId: hallB.id }),
        session(700, 760, { hallId: null, kind: 'field_visit' }),
        session(800, 860, { hallId: uuid() }), // a stray link
      ],
      delegations: [delegation({ headId: person })],
    });
    const copy = copyProgramme(original, uuid);

    const originalIds = new Set([
      ...original.halls.map((h) => h.id),
      ...original.sessions.flatMap((s) => [s.id, ...s.items.map((i) => i.id)]),
      ...original.delegations.map((d) => d.id),
    ]);
    const copyIds = [
      ...copy.halls.map((h) => h.id),
      ...copy.sessions.flatMap((s) => [s.id, ...s.items.map((i) => i.id)]),
      ...copy.delegations.map((d) => d.id),
    ];
    expect(copyIds).toHaveLength(originalIds.size);
    expect(new Set(copyIds).size).toBe(copyIds.length);
    for (const id of copyIds) expect(originalIds.has(id)).toBe(false);

    const [cA, cB] = copy.halls;
    expect(copy.halls.map(({ id: _id, ...rest }) => rest)).toEqual(original.halls.map(({ id: _id, ...rest }) => rest));
    expect(copy.sessions.map((s) => s.hallId)).toEqual([cA?.id, cB?.id, null, null]);
    // People are shared, not copied.
    expect(copy.sessions[0]?.chairId).toBe(person);
    expect(copy.sessions[0]?.items[0]?.personId).toBe(person);
    expect(copy.delegations[0]?.headId).toBe(person);
    // Everything else is as it was.
    expect(copy.sessions.map((s) => [s.start, s.end, s.kind, s.titleAr])).toEqual(
      original.sessions.map((s) => [s.start, s.end, s.kind, s.titleAr]),
    );
  });
});

describe('day templates', () => {
  const hall: Hall = {
    id: uuid(),
    nameAr: 'القاعة الرئيسية',
    nameEn: 'Main hall',
    capacity: null,
    updatedAt: FIRST_REVISION,
  };

  it('parseClock reads HH:MM', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('08:30')).toBe(510);
    expect(clockMinutes('16:05')).toBe(965);
  });

  it('there is a template for every kind of forum', () => {
    expect(Object.keys(DAY_TEMPLATES).sort()).toEqual([...FORUM_KINDS].sort());
  });

  describe.each(FORUM_KINDS)('%s', (kind) => {
    const sessions = applyTemplate(kind, DAY1, hall.id, uuid);

    it('is in time order, between 06:00 and 20:00, and every session has a length', () => {
      expect(sessions.length).toBeGreaterThan(0);
      for (const [i, s] of sessions.entries()) {
        expect(s.start).toBeGreaterThanOrEqual(6 * 60);
        expect(s.end).toBeLessThanOrEqual(20 * 60);
        expect(s.end).toBeGreaterThan(s.start);
        if (i > 0) expect(s.start).toBeGreaterThanOrEqual(sessions[i - 1]?.start ?? 0);
      }
    });

    it('has no two overlapping sessions that are not breaks', () => {
      const working = sessions.filter((s) => !BREAK_KINDS.has(s.kind));
      for (const [i, a] of working.entries()) {
        for (const b of working.slice(i + 1)) {
          expect(a.end <= b.start || b.end <= a.start, `${a.titleEn} / ${b.titleEn}`).toBe(true);
        }
      }
    });

    it('gives sessions that the session schema accepts, with fresh ids and titles in both languages', () => {
      for (const s of sessions) {
        const parsed = sessionSchema.safeParse(s);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(s.titleAr).not.toBe('');
        expect(s.titleEn).not.toBe('');
        expect(s.day).toBe(DAY1);
      }
      expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length);
    });

    it('puts the working sessions in the hall; breaks, registration and field visits take none', () => {
      for (const s of sessions) {
        const hallless = BREAK_KINDS.has(s.kind) || s.kind === 'registration' || s.kind === 'field_visit';
        expect(s.hallId, `${s.kind} ${s.titleEn}`).toBe(hallless ? null : hall.id);
      }
      expect(sessions.some((s) => s.hallId === hall.id)).toBe(true);
    });

    it('has no conflicts on either day of the forum', () => {
      for (const day of [DAY1, DAY2]) {
        const found = findConflicts({
          firstDay: DAY1,
          lastDay: DAY2,
          expectedAttendance: 200,
          halls: [hall],
          sessions: applyTemplate(kind, day, hall.id, uuid),
          personIds: new Set(),
        });
        expect(found).toEqual([]);
      }
    });

    it('without a hall it has no conflicts either', () => {
      const found = findConflicts({
        firstDay: DAY1,
        lastDay: DAY1,
        expectedAttendance: null,
        halls: [],
        sessions: applyTemplate(kind, DAY1, null, uuid),
        personIds: new Set(),
      });
      expect(found).toEqual([]);
    });
  });

  it('the forum day has registration, opening, two paper sessions, prayer break, lunch, panel and closing', () => {
    const kinds = applyTemplate('forum', DAY1, hall.id, uuid).map((s) => s.kind);
    for (const k of ['registration', 'opening', 'prayer_break', 'lunch', 'panel', 'closing'] as const) {
      expect(kinds).toContain(k);
    }
    expect(kinds.filter((k) => k === 'papers')).toHaveLength(2);
    expect(kinds[0]).toBe('registration');
    expect(kinds.at(-1)).toBe('closing');
    expect(kinds.indexOf('opening')).toBeLessThan(kinds.indexOf('papers'));
  });

  it('a template applied twice in one hall is flagged, so the check is meaningful', () => {
    const found = findConflicts({
      firstDay: DAY1,
      lastDay: DAY1,
      expectedAttendance: null,
      halls: [hall],
      sessions: [...applyTemplate('workshop', DAY1, hall.id, uuid), ...applyTemplate('workshop', DAY1, hall.id, uuid)],
      personIds: new Set(),
    });
    expect(found.some((c) => c.kind === 'hall_double_booked')).toBe(true);
  });

  it('a template applied outside the forum days is flagged', () => {
    const sessions = applyTemplate('workshop', '2026-12-07', hall.id, uuid);
    const found = findConflicts({
      firstDay: DAY1,
      lastDay: DAY2,
      expectedAttendance: null,
      halls: [hall],
      sessions,
      personIds: new Set(),
    });
    expect(found.filter((c) => c.kind === 'outside_forum_days')).toHaveLength(sessions.length);
  });
});
