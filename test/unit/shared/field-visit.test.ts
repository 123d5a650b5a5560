import { describe, expect, it } from 'vitest';
import {
  fieldStopSchema,
  isMapLink,
  newFieldStop,
  stopSchedule,
  stopsOverrun,
} from '../../../src/shared/domain/field-visit';
import { sessionSchema } from '../../../src/shared/domain/programme';
import {
  copyProgramme,
  mapPeople,
  newSession,
  peopleOf,
  refersTo,
  removePerson,
} from '../../../src/shared/domain/programme-edit';
import { applyTemplate } from '../../../src/shared/domain/programme-templates';

const uuid = () => crypto.randomUUID();
const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Seed 004's tour: the call centre 30 min, 15 on the road, the projects agency 40, 10, the control room 25, 20 back. */
const tour = (start = at('10:45'), end = at('13:05')) =>
  newSession(uuid(), {
    kind: 'field_visit',
    day: '2026-12-07',
    start,
    end,
    stops: [
      newFieldStop(uuid(), { placeAr: 'مركز البلاغات 940', onSiteMinutes: 30, travelMinutes: 15 }),
      newFieldStop(uuid(), { placeAr: 'وكالة التعمير والمشاريع', onSiteMinutes: 40, travelMinutes: 10 }),
      newFieldStop(uuid(), { placeAr: 'غرفة التحكم', onSiteMinutes: 25, travelMinutes: 20 }),
    ],
  });

describe("a field visit's times", () => {
  it('reaches the first stop at the start, leaves after its time on site, and reaches the next after the drive', () => {
    const { stops, end } = stopSchedule(tour());
    expect(stops.map((s) => [s.number, hhmm(s.arrive), hhmm(s.leave), hhmm(s.nextArrive)])).toEqual([
      [1, '10:45', '11:15', '11:30'],
      [2, '11:30', '12:10', '12:20'],
      [3, '12:20', '12:45', '13:05'],
    ]);
    expect(hhmm(end)).toBe('13:05');
  });

  it('moves every stop with the session, and a longer stay moves only the stops after it', () => {
    const later = stopSchedule(tour(at('11:00')));
    expect(later.stops.map((s) => hhmm(s.arrive))).toEqual(['11:00', '11:45', '12:35']);
    const session = tour();
    const longer = { ...session, stops: session.stops.map((s, i) => (i === 1 ? { ...s, onSiteMinutes: 55 } : s)) };
    expect(stopSchedule(longer).stops.map((s) => hhmm(s.arrive))).toEqual(['10:45', '11:30', '12:35']);
  });

  it('says how far the stops run past the session, or fall short of it, and nothing with no stops', () => {
    expect(stopsOverrun(tour(at('10:45'), at('13:05')))).toBe(0);
    expect(stopsOverrun(tour(at('10:45'), at('13:00')))).toBe(5);
    expect(stopsOverrun(tour(at('10:45'), at('13:30')))).toBe(-25);
    const empty = newSession(uuid(), { kind: 'field_visit', day: '2026-12-07', start: 600, end: 660 });
    expect(stopsOverrun(empty)).toBe(0);
    expect(stopSchedule(empty)).toEqual({ stops: [], end: 600 });
  });

  it('runs past midnight without wrapping the minutes (the clock shows the next day)', () => {
    const { stops, end } = stopSchedule(tour(at('23:30'), at('23:59')));
    expect(stops[1]?.arrive).toBe(at('23:30') + 45);
    expect(end).toBe(at('23:30') + 140);
  });
});

describe("a stop's fields", () => {
  it('refuses minutes that are negative, fractional or past half a day, with the sentence to show', () => {
    for (const onSiteMinutes of [-5, 2.5, 721]) {
      const parsed = fieldStopSchema.safeParse(newFieldStop(uuid(), { onSiteMinutes }));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('errors.stopMinutes');
    }
    expect(fieldStopSchema.safeParse(newFieldStop(uuid(), { onSiteMinutes: 0, travelMinutes: 720 })).success).toBe(
      true,
    );
  });

  it('takes a web map link only: never a script, a file or a bare word', () => {
    for (const good of ['', 'https://maps.app.goo.gl/abc', 'http://maps.example.com/?q=26.43,50.10']) {
      expect(isMapLink(good)).toBe(true);
    }
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'maps.google.com', 'https://', 'الدمام']) {
      expect(isMapLink(bad)).toBe(false);
      const parsed = fieldStopSchema.safeParse(newFieldStop(uuid(), { mapLink: bad }));
      expect(parsed.error?.issues[0]?.message).toBe('errors.mapLink');
    }
  });

  it('reads a session written before those present and stops as having none', () => {
    const { presentIds: _p, stops: _s, ...old } = newSession(uuid(), { day: '2026-12-07', start: 540, end: 600 });
    const parsed = sessionSchema.parse(old);
    expect(parsed.presentIds).toEqual([]);
    expect(parsed.stops).toEqual([]);
    const { hostNameEn: _h, ...oldStop } = newFieldStop(uuid());
    expect(fieldStopSchema.parse(oldStop).hostNameEn).toBe('');
  });
});

describe('people named by those present and by the stops', () => {
  const [guest, host, other] = [uuid(), uuid(), uuid()];
  const session = {
    ...tour(),
    presentIds: [guest, other],
    stops: tour().stops.map((s, i) => (i === 0 ? { ...s, hostId: host } : s)),
  };
  const programme = { halls: [], delegations: [], sessions: [session] };

  it('are carried in a handover and found as referred to', () => {
    expect([...peopleOf(programme)]).toEqual(expect.arrayContaining([guest, host, other]));
    expect(refersTo(programme, host)).toBe(true);
    expect(refersTo(programme, guest)).toBe(true);
  });

  it('follow a merge of two records without listing anyone twice', () => {
    const merged = mapPeople(programme, (id) => (id === other ? guest : id === host ? other : id));
    expect(merged.sessions[0]?.presentIds).toEqual([guest]);
    expect(merged.sessions[0]?.stops[0]?.hostId).toBe(other);
  });

  it('leave the lists when deleted, a host keeping the name as printed', () => {
    const gone = removePerson(removePerson(programme, host, 'م. خالد الدوسري'), guest, 'x');
    expect(gone.sessions[0]?.presentIds).toEqual([other]);
    expect(gone.sessions[0]?.stops[0]).toMatchObject({ hostId: null, hostName: 'م. خالد الدوسري' });
  });

  it('keep their stops, with fresh ids, in a copy of the programme', () => {
    const copy = copyProgramme(programme, uuid);
    expect(copy.sessions[0]?.stops.map((s) => s.placeAr)).toEqual(session.stops.map((s) => s.placeAr));
    expect(copy.sessions[0]?.stops[0]?.id).not.toBe(session.stops[0]?.id);
  });
});

describe('the official visit template', () => {
  it('tours three stops whose times fill the field visit exactly', () => {
    const sessions = applyTemplate('official_visit', '2026-12-07', uuid(), uuid);
    const visits = sessions.filter((s) => s.kind === 'field_visit');
    expect(visits).toHaveLength(1);
    const [visit] = visits;
    expect(visit?.stops.map((s) => s.placeEn)).toEqual([
      'Call centre',
      'Projects agency',
      'Control and operations room',
    ]);
    if (visit) expect(stopsOverrun(visit)).toBe(0);
    for (const s of sessions) expect(sessionSchema.safeParse(s).success).toBe(true);
  });
});
