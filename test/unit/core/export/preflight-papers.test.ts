/**
 * The pre-flight before a field visit's and a delegation's papers: what the
 * itinerary, the movement sheet, the briefing file and the airport-reception
 * schedule would print in Arabic inside an English paper, and what they would
 * print blank (a stop nobody receives the guests at, a member with no flight
 * or hotel, a delegation landing with nobody to meet it).
 */
import { describe, expect, it } from 'vitest';
import { preflight } from '../../../../src/core/export/preflight';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../../src/shared/domain/export';
import type { PreflightFinding } from '../../../../src/shared/domain/export-preflight';
import type { Forum } from '../../../../src/shared/domain/forum';
import type { Directory } from '../../../../src/shared/domain/person';
import type { Delegation, DelegationMember, Programme } from '../../../../src/shared/domain/programme';
import { DELEGATION, PERSON, seedDirectory, seedForum, seedProgramme } from './seed-002-input';
import {
  STOP,
  PERSON as VISIT_PERSON,
  SESSION as VISIT_SESSION,
  visitDirectory,
  visitForum,
  visitProgramme,
} from './seed-004-input';

function check(
  options: Partial<ExportOptions> & Pick<ExportOptions, 'kind'>,
  records: { forum: Forum; programme: Programme; directory: Directory },
) {
  return preflight({
    ...records,
    registrations: [],
    options: { ...DEFAULT_EXPORT_OPTIONS[options.kind], ...options } as ExportOptions,
  });
}

const visit = { forum: visitForum, programme: visitProgramme, directory: visitDirectory };
const seed = { forum: seedForum, programme: seedProgramme, directory: seedDirectory };

/** Seed 004 with the field visit's session changed. */
function withTour(edit: (tour: Programme['sessions'][number]) => Programme['sessions'][number]) {
  return {
    ...visit,
    programme: {
      ...visitProgramme,
      sessions: visitProgramme.sessions.map((s) => (s.id === VISIT_SESSION.tour ? edit(s) : s)),
    },
  };
}

const detailsOf = (findings: readonly PreflightFinding[]) =>
  findings.filter((f) => f.problem === 'missingDetail').map((f) => f.target);

describe("the pre-flight before a field visit's papers (seed 004)", () => {
  it('finds the stops overrunning the tour, printed as a warning on both papers', () => {
    for (const kind of ['itinerary', 'movementSheet'] as const) {
      const { findings } = check({ kind }, visit);
      const overrun = findings.find((f) => f.target.kind === 'visit');
      // 10:45 plus the stops and the drives is 13:05; the tour was booked until 13:00.
      expect(overrun).toMatchObject({
        problem: 'missingDetail',
        target: { kind: 'visit', id: VISIT_SESSION.tour, field: 'overrun' },
        text: '\u206613:00 → 13:05\u2069',
        ownerAr: 'جولة ميدانية',
      });
    }
    const onTime = withTour((s) => ({ ...s, end: 13 * 60 + 5 }));
    expect(check({ kind: 'itinerary' }, onTime).findings.some((f) => f.target.kind === 'visit')).toBe(false);
  });

  it("asks the guests' itinerary for nothing the drivers' sheet alone prints; the drivers' sheet for what they need", () => {
    const guests = detailsOf(check({ kind: 'itinerary' }, visit).findings);
    expect(guests.filter((t) => t.kind === 'stop')).toEqual([]);
    const drivers = detailsOf(check({ kind: 'movementSheet' }, visit).findings).filter((t) => t.kind === 'stop');
    const stop = (id: string, field: string) => ({ kind: 'stop', sessionId: VISIT_SESSION.tour, id, field });
    expect(drivers).toEqual([
      // The projects agency: an address, but nobody to call (its host was typed, with no mobile, and no site telephone).
      stop(STOP.projects, 'contact'),
      // The control room: neither an address nor a map link, and nobody to call.
      stop(STOP.crisis, 'address'),
      stop(STOP.crisis, 'contact'),
    ]);
  });

  it('finds a stop with no place, no host and no cars, on both papers as they print them', () => {
    const bare = withTour((s) => ({
      ...s,
      stops: s.stops.map((stop) =>
        stop.id === STOP.projects
          ? { ...stop, placeAr: '', placeEn: '', hostName: '', hostNameEn: '', vehicles: ['  '.trim()] }
          : stop,
      ),
    }));
    const stop = (field: string) => ({ kind: 'stop', sessionId: VISIT_SESSION.tour, id: STOP.projects, field });
    const guests = detailsOf(check({ kind: 'itinerary' }, bare).findings);
    expect(guests).toContainEqual(stop('place'));
    expect(guests).toContainEqual(stop('host'));
    expect(guests).not.toContainEqual(stop('vehicles'));
    const drivers = detailsOf(check({ kind: 'movementSheet' }, bare).findings);
    expect(drivers).toContainEqual(stop('vehicles'));
  });

  it("lists a stop's place and typed host with no English, and a host or party member's name, only in English", () => {
    const arabicOnly = withTour((s) => ({
      ...s,
      stops: s.stops.map((stop) => (stop.id === STOP.projects ? { ...stop, placeEn: '', hostNameEn: '' } : stop)),
    }));
    const directory: Directory = {
      ...visitDirectory,
      people: visitDirectory.people.map((p) =>
        p.id === VISIT_PERSON.servicesHead || p.id === VISIT_PERSON.deputy ? { ...p, nameEn: '', positionEn: '' } : p,
      ),
    };
    const records = { ...arabicOnly, directory };
    const english = check({ kind: 'itinerary', language: 'en' }, records).findings.filter(
      (f) => f.problem === 'noEnglish',
    );
    const targets = english.map((f) => f.target);
    const stop = (field: string) => ({ kind: 'stop', sessionId: VISIT_SESSION.tour, id: STOP.projects, field });
    expect(targets).toContainEqual(stop('placeEn'));
    expect(targets).toContainEqual(stop('hostNameEn'));
    expect(english.find((f) => f.target.kind === 'stop' && f.target.field === 'placeEn')?.text).toBe(
      'وكالة التعمير والمشاريع',
    );
    // The call centre's host prints with his position; the deputy, in the accompanying party, by name alone.
    expect(targets).toContainEqual({ kind: 'person', id: VISIT_PERSON.servicesHead, field: 'nameEn' });
    expect(targets).toContainEqual({ kind: 'person', id: VISIT_PERSON.servicesHead, field: 'positionEn' });
    expect(targets).toContainEqual({ kind: 'person', id: VISIT_PERSON.deputy, field: 'nameEn' });
    expect(targets).not.toContainEqual({ kind: 'person', id: VISIT_PERSON.deputy, field: 'positionEn' });
    // The Arabic paper asks for no English.
    expect(
      check({ kind: 'itinerary', language: 'ar' }, records).findings.filter((f) => f.problem === 'noEnglish'),
    ).toEqual([]);
  });

  it("lists the visit's place typed with no English, which the English papers print marked", () => {
    const typed = withTour((s) => ({ ...s, hallId: null, place: 'مقر الأمانة', placeEn: '' }));
    const targets = check({ kind: 'movementSheet', language: 'en' }, typed).findings.map((f) => f.target);
    expect(targets).toContainEqual({ kind: 'session', id: VISIT_SESSION.tour, field: 'placeEn' });
    const filled = withTour((s) => ({
      ...s,
      hallId: null,
      place: 'مقر الأمانة',
      placeEn: 'Municipality headquarters',
    }));
    expect(check({ kind: 'movementSheet', language: 'en' }, filled).findings.map((f) => f.target)).not.toContainEqual({
      kind: 'session',
      id: VISIT_SESSION.tour,
      field: 'placeEn',
    });
  });

  it('says nothing for a paper the export itself refuses: a visit gone, or no visit with stops', () => {
    expect(check({ kind: 'itinerary', sessionId: '00000000-0000-4000-8000-000000000999' }, visit)).toEqual({
      findings: [],
      more: 0,
    });
    const noStops = withTour((s) => ({ ...s, stops: [] }));
    expect(check({ kind: 'movementSheet' }, noStops)).toEqual({ findings: [], more: 0 });
  });
});

/** Seed 002's delegations with travel entered: Sohar's outgoing, its head with everything, Fatma with gaps. */
const ARRIVAL = { flight: 'WY 643', day: '2026-12-03', time: 10 * 60 + 5, airport: 'مطار مسقط الدولي' };
const CAR = {
  id: '00000000-0000-4000-8000-000000000951',
  car: 'GMC Yukon',
  driverName: 'سالم',
  phone: '+968 9000 0000',
};
const member = (personId: string, fields: Partial<DelegationMember> = {}): DelegationMember => ({
  personId,
  role: '',
  arrival: ARRIVAL,
  departure: { ...ARRIVAL, day: '2026-12-06', flight: 'WY 644' },
  hotel: 'فندق شيراتون عمان',
  room: '',
  carId: CAR.id,
  ...fields,
});

function withDelegation(id: string, edit: (d: Delegation) => Delegation) {
  return {
    ...seed,
    programme: { ...seedProgramme, delegations: seedProgramme.delegations.map((d) => (d.id === id ? edit(d) : d)) },
  };
}

const sohar = withDelegation(DELEGATION.sohar, (d) => ({
  ...d,
  direction: 'outgoing',
  cars: [CAR],
  hostOfficer: { personId: null, name: 'ضابط الارتباط' },
  memberDetails: [
    member(PERSON.salim),
    member(PERSON.fatma, { arrival: { ...ARRIVAL, time: null }, hotel: '', departure: null }),
  ],
}));

describe("the pre-flight before a delegation's papers (seed 002)", () => {
  it("lists each member's missing flight, time and hotel in the briefing file's travel table", () => {
    const { findings } = check({ kind: 'briefing', delegationId: DELEGATION.sohar }, sohar);
    const fatma = (field: string) => ({
      kind: 'member',
      delegationId: DELEGATION.sohar,
      personId: PERSON.fatma,
      field,
    });
    expect(detailsOf(findings)).toEqual([fatma('arrivalTime'), fatma('departure'), fatma('hotel')]);
    expect(findings.find((f) => f.target.kind === 'member')?.ownerAr).toBe('فاطمة بنت علي البلوشية');
  });

  it('finds a delegation with no liaison officer, no head, or nobody at all', () => {
    const noOfficer = withDelegation(DELEGATION.sohar, (d) => ({ ...d, direction: 'outgoing', headId: null }));
    const delegation = (field: string) => ({ kind: 'delegationDetail', id: DELEGATION.sohar, field });
    const found = detailsOf(check({ kind: 'briefing', delegationId: DELEGATION.sohar }, noOfficer).findings);
    expect(found).toContainEqual(delegation('head'));
    expect(found).toContainEqual(delegation('hostOfficer'));
    // Fatma has no travel entered at all: no flight in, none out, no hotel.
    const fatma = (field: string) => ({
      kind: 'member',
      delegationId: DELEGATION.sohar,
      personId: PERSON.fatma,
      field,
    });
    expect(found).toEqual(expect.arrayContaining([fatma('arrival'), fatma('departure'), fatma('hotel')]));
    const empty = withDelegation(DELEGATION.sohar, (d) => ({ ...d, headId: null, memberIds: [] }));
    const none = detailsOf(check({ kind: 'briefing', delegationId: DELEGATION.sohar }, empty).findings);
    expect(none).toContainEqual(delegation('members'));
    expect(none).not.toContainEqual(delegation('head'));
  });

  it("lists in English the forum's venue and organisers, the delegation's name and the sessions the briefing prints", () => {
    const unnamed = {
      ...withDelegation(DELEGATION.sohar, (d) => ({ ...d, nameEn: '' })),
      directory: {
        ...seedDirectory,
        people: seedDirectory.people.map((p) => (p.id === PERSON.salim ? { ...p, nameEn: '' } : p)),
      },
    };
    const targets = check({ kind: 'briefing', language: 'en', delegationId: DELEGATION.sohar }, unnamed)
      .findings.filter((f) => f.problem === 'noEnglish')
      .map((f) => f.target);
    expect(targets).toContainEqual({ kind: 'delegation', id: DELEGATION.sohar, field: 'nameEn' });
    expect(targets).toContainEqual({ kind: 'forum', field: 'hotelEn', index: null });
    expect(targets).toContainEqual({ kind: 'forum', field: 'organisersEn', index: 1 });
    // An edition kept as text by an older version, which the English briefing prints marked.
    const oldEdition = { ...unnamed, forum: { ...seedForum, editionNumber: null, edition: 'الملتقى الثاني' } };
    expect(
      check({ kind: 'briefing', language: 'en', delegationId: DELEGATION.sohar }, oldEdition).findings.map(
        (f) => f.target,
      ),
    ).toContainEqual({ kind: 'forum', field: 'editionNumber', index: null });
    // Salim, the head, prints with his position; seed 002's visit is typed with an Arabic place only.
    expect(targets).toContainEqual({ kind: 'person', id: PERSON.salim, field: 'nameEn' });
    expect(targets).toContainEqual({ kind: 'session', id: expect.any(String), field: 'placeEn' });
    expect(
      check({ kind: 'briefing', language: 'ar', delegationId: DELEGATION.sohar }, unnamed).findings.filter(
        (f) => f.problem === 'noEnglish',
      ),
    ).toEqual([]);
  });

  it('says nothing for a briefing with no delegation chosen, or one gone', () => {
    expect(check({ kind: 'briefing', delegationId: null }, sohar)).toEqual({ findings: [], more: 0 });
    const gone = check({ kind: 'briefing', delegationId: '00000000-0000-4000-8000-000000000998' }, sohar);
    expect(gone).toEqual({ findings: [], more: 0 });
  });

  it('finds an incoming member the reception schedule leaves out, an arrival with no time or car, and nobody to receive them', () => {
    const seoul = withDelegation(DELEGATION.seoul, (d) => ({
      ...d,
      cars: [CAR],
      memberDetails: [member(PERSON.kim, { arrival: { ...ARRIVAL, flight: '', time: null }, carId: null })],
    }));
    const { findings } = check({ kind: 'reception' }, seoul);
    const of = (personId: string, field: string) => ({
      kind: 'member',
      delegationId: DELEGATION.seoul,
      personId,
      field,
    });
    const found = detailsOf(findings);
    expect(found).toEqual(
      expect.arrayContaining([
        of(PERSON.kim, 'flight'),
        of(PERSON.kim, 'arrivalTime'),
        of(PERSON.kim, 'car'),
        // Lee has no arrival: the schedule would not list her at all.
        of(PERSON.lee, 'arrival'),
        { kind: 'delegationDetail', id: DELEGATION.seoul, field: 'receptionParty' },
      ]),
    );
    // Sohar's delegation is incoming too, and nobody's arrival is entered: both members named, no reception asked for.
    for (const personId of [PERSON.salim, PERSON.fatma]) {
      expect(found).toContainEqual({ kind: 'member', delegationId: DELEGATION.sohar, personId, field: 'arrival' });
    }
    expect(found).not.toContainEqual({ kind: 'delegationDetail', id: DELEGATION.sohar, field: 'receptionParty' });
    // One delegation chosen: the other's members are not asked about.
    const one = detailsOf(check({ kind: 'reception', delegationId: DELEGATION.seoul }, seoul).findings);
    expect(one.some((t) => t.kind === 'member' && t.delegationId === DELEGATION.sohar)).toBe(false);
    // Received, with a car and a time: nothing left but Lee's missing arrival.
    const ready = withDelegation(DELEGATION.seoul, (d) => ({
      ...d,
      cars: [CAR],
      receptionParty: [{ personId: null, name: 'فريق المراسم' }],
      memberDetails: [member(PERSON.kim)],
    }));
    expect(detailsOf(check({ kind: 'reception', delegationId: DELEGATION.seoul }, ready).findings)).toEqual([
      of(PERSON.lee, 'arrival'),
    ]);
  });
});
