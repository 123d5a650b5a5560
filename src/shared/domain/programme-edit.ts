import {
  CEREMONY_KINDS,
  type Delegation,
  type NamedPerson,
  type Programme,
  type Session,
  type SessionItem,
} from './programme';
import { FIRST_REVISION } from './revision';

/**
 * Pure edits of a programme, shared by the day view (which computes a move
 * and sends the result) and core (which applies merges and deletions of
 * people). Each returns new objects and never mutates its input, so core's
 * undo history can keep the old ones as they are.
 */

/** Times snap to this many minutes when dragged or moved by keyboard. */
export const SNAP_MINUTES = 5;
export const DAY_MINUTES = 24 * 60;

export function snap(minutes: number, step = SNAP_MINUTES): number {
  return Math.round(minutes / step) * step;
}

export function newSession(
  id: string,
  fields: Pick<Session, 'day' | 'start' | 'end'> & Partial<Omit<Session, 'id'>>,
): Session {
  return {
    kind: 'papers',
    titleAr: '',
    titleEn: '',
    hallId: null,
    place: '',
    chairId: null,
    expectedAttendance: null,
    items: [],
    headTableIds: [],
    speakerOrder: [],
    presentIds: [],
    stops: [],
    updatedAt: FIRST_REVISION,
    ...fields,
    id,
  };
}

export function newDelegation(id: string, fields: Partial<Omit<Delegation, 'id'>> = {}): Delegation {
  return {
    nameAr: '',
    nameEn: '',
    organisationId: null,
    city: '',
    country: '',
    headId: null,
    memberIds: [],
    updatedAt: FIRST_REVISION,
    direction: 'incoming',
    memberDetails: [],
    cars: [],
    hostOfficer: { personId: null, name: '' },
    receptionParty: [],
    talkingPoints: [],
    presentations: [],
    sessionIds: [],
    ...fields,
    id,
  };
}

/** Moves a session to a new start (keeping its length), optionally to another hall; never before 00:00. */
export function moveSession(session: Session, start: number, hallId: string | null = session.hallId): Session {
  const length = session.end - session.start;
  const from = Math.max(0, Math.min(start, 2 * DAY_MINUTES - length));
  return { ...session, start: from, end: from + length, hallId };
}

/** Changes a session's end; a session is at least one snap long. */
export function resizeSession(session: Session, end: number): Session {
  return { ...session, end: Math.min(2 * DAY_MINUTES, Math.max(session.start + SNAP_MINUTES, end)) };
}

/**
 * "Shift the rest of the day": every session of `day` that starts at or after
 * `from` moves by `by` minutes (negative moves earlier). Returns the moved
 * sessions only; those that would start before midnight stop there.
 */
export function shiftRestOfDay(sessions: readonly Session[], day: string, from: number, by: number): Session[] {
  return sessions.filter((s) => s.day === day && s.start >= from).map((s) => moveSession(s, s.start + by));
}

/** The people who speak in a session (each item's person), each once, in running order. */
export function speakersOf(session: Session): string[] {
  return [...new Set(session.items.map((i) => i.personId).filter((id): id is string => id !== null))];
}

/**
 * Keeps a protocol-ordered list in step with who should be on it: people who
 * left are dropped, the order the user dragged is kept, and each newcomer is
 * put after the last person of the same or higher rank, so an untouched list
 * is in default protocol order and a dragged one stays as dragged.
 */
export function syncProtocolList(
  current: readonly string[],
  wanted: readonly string[],
  rankOf: (id: string) => number,
): string[] {
  const wantedSet = new Set(wanted);
  const list = current.filter((id, i) => wantedSet.has(id) && current.indexOf(id) === i);
  for (const id of wanted) {
    if (list.includes(id)) continue;
    const rank = rankOf(id);
    let at = list.length;
    while (at > 0 && rankOf(list[at - 1] as string) > rank) at--;
    list.splice(at, 0, id);
  }
  return list;
}

/**
 * A session's one protocol list: its head table and its speakers together,
 * each once. The head table's order leads; a speaker who does not sit at it
 * goes right after the speaker before them in the speaking order, or, for the
 * first speaker, by rank as a newcomer would.
 */
export function protocolRows(
  headTableIds: readonly string[],
  speakerOrder: readonly string[],
  rankOf: (id: string) => number,
): string[] {
  const rows = [...new Set(headTableIds)];
  let previous: string | null = null;
  for (const id of speakerOrder) {
    if (!rows.includes(id)) {
      if (previous === null) rows.splice(0, rows.length, ...syncProtocolList(rows, [...rows, id], rankOf));
      else rows.splice(rows.indexOf(previous) + 1, 0, id);
    }
    previous = id;
  }
  return rows;
}

/** The head table and the speaker order read back from the one list, as the user ordered it. */
export function fromProtocolRows(
  rows: readonly string[],
  atHeadTable: ReadonlySet<string>,
  speakers: ReadonlySet<string>,
): { headTableIds: string[]; speakerOrder: string[] } {
  return {
    headTableIds: rows.filter((id) => atHeadTable.has(id)),
    speakerOrder: rows.filter((id) => speakers.has(id)),
  };
}

/**
 * The order a session's speakers are listed in. A ceremony's speeches follow
 * protocol: a newcomer goes in by rank and the coordinator's arrangement
 * stands. Any other session's speakers follow its items' running order, so
 * the first paper's presenter is listed first whatever their rank.
 */
export function speakerListOf(session: Session, rankOf: (id: string) => number): string[] {
  return CEREMONY_KINDS.has(session.kind)
    ? syncProtocolList(session.speakerOrder, speakersOf(session), rankOf)
    : speakersOf(session);
}

/** The session with its speaker order brought in step with its items. */
export function withSyncedSpeakers(session: Session, rankOf: (id: string) => number): Session {
  return { ...session, speakerOrder: speakerListOf(session, rankOf) };
}

/**
 * A session's items in the order they are printed: the running order, except
 * in a ceremony, whose speeches follow its speaker order (the protocol order
 * the coordinator set); an item without a person keeps its running place
 * among those after the ordered ones.
 */
export function itemsInPrintOrder(session: Session): SessionItem[] {
  if (!CEREMONY_KINDS.has(session.kind)) return [...session.items];
  const place = new Map(session.speakerOrder.map((id, i) => [id, i]));
  const rank = (item: SessionItem) => (item.personId ? (place.get(item.personId) ?? place.size) : place.size);
  return session.items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}

const swap = (id: string, from: string, to: string) => (id === from ? to : id);
const unique = (ids: string[]) => [...new Set(ids)];

/**
 * After merging two records of one person: every reference to `from` now
 * points at `to` (chair, presenter, head table, delegation), without
 * listing anyone twice. Returns the same object when nothing referred to `from`.
 */
export function replacePerson(programme: Programme, from: string, to: string): Programme {
  if (!refersTo(programme, from)) return programme;
  return mapPeople(programme, (id) => swap(id, from, to));
}

/** Every reference to a person passed through `to`, without listing anyone twice (a merge, a handover's matches). */
export function mapPeople(programme: Programme, to: (id: string) => string): Programme {
  return {
    ...programme,
    sessions: programme.sessions.map((s) => ({
      ...s,
      chairId: s.chairId && to(s.chairId),
      items: s.items.map((i) => (i.personId ? { ...i, personId: to(i.personId) } : i)),
      headTableIds: unique(s.headTableIds.map(to)),
      speakerOrder: unique(s.speakerOrder.map(to)),
      presentIds: unique(s.presentIds.map(to)),
      stops: s.stops.map((stop) => (stop.hostId ? { ...stop, hostId: to(stop.hostId) } : stop)),
    })),
    delegations: programme.delegations.map((d) => {
      const headId = d.headId && to(d.headId);
      const named = (p: NamedPerson) => (p.personId ? { ...p, personId: to(p.personId) } : p);
      // Two records of one person merged: the first one's journey is kept.
      const details = d.memberDetails.map((m) => ({ ...m, personId: to(m.personId) }));
      return {
        ...d,
        headId,
        memberIds: unique(d.memberIds.map(to)).filter((id) => id !== headId),
        memberDetails: details.filter((m, i) => details.findIndex((x) => x.personId === m.personId) === i),
        hostOfficer: named(d.hostOfficer),
        receptionParty: d.receptionParty.map(named),
      };
    }),
  };
}

/** Everyone a programme names: chairs, presenters, head tables, delegation heads and members. */
export function peopleOf(programme: Programme): Set<string> {
  const ids = new Set<string>();
  for (const s of programme.sessions) {
    if (s.chairId) ids.add(s.chairId);
    for (const item of s.items) if (item.personId) ids.add(item.personId);
    for (const id of [...s.headTableIds, ...s.speakerOrder, ...s.presentIds]) ids.add(id);
    for (const stop of s.stops) if (stop.hostId) ids.add(stop.hostId);
  }
  for (const d of programme.delegations) {
    if (d.headId) ids.add(d.headId);
    for (const id of d.memberIds) ids.add(id);
    for (const p of [d.hostOfficer, ...d.receptionParty]) if (p.personId) ids.add(p.personId);
  }
  return ids;
}

/**
 * After deleting a person: sessions keep the name as typed text (so the item
 * is flagged as having no record rather than silently losing its presenter),
 * and the person leaves chairs, head tables and delegations.
 */
export function removePerson(programme: Programme, id: string, printedName: string): Programme {
  if (!refersTo(programme, id)) return programme;
  const without = (ids: string[]) => ids.filter((x) => x !== id);
  return {
    ...programme,
    sessions: programme.sessions.map((s) => ({
      ...s,
      chairId: s.chairId === id ? null : s.chairId,
      items: s.items.map((i) => (i.personId === id ? { ...i, personId: null, nameWithoutRecord: printedName } : i)),
      headTableIds: without(s.headTableIds),
      speakerOrder: without(s.speakerOrder),
      presentIds: without(s.presentIds),
      // A stop's host keeps their name as typed, as an item's presenter does.
      stops: s.stops.map((stop) => (stop.hostId === id ? { ...stop, hostId: null, hostName: printedName } : stop)),
    })),
    delegations: programme.delegations.map(
      (d): Delegation => ({
        ...d,
        headId: d.headId === id ? null : d.headId,
        memberIds: without(d.memberIds),
        memberDetails: d.memberDetails.filter((m) => m.personId !== id),
        // The liaison officer and the reception party keep the name, as a session's presenter does.
        hostOfficer: d.hostOfficer.personId === id ? { personId: null, name: printedName } : d.hostOfficer,
        receptionParty: d.receptionParty.map((p) => (p.personId === id ? { personId: null, name: printedName } : p)),
      }),
    ),
  };
}

export function refersTo(programme: Programme, personId: string): boolean {
  return (
    programme.sessions.some(
      (s) =>
        s.chairId === personId ||
        s.headTableIds.includes(personId) ||
        s.presentIds.includes(personId) ||
        s.items.some((i) => i.personId === personId) ||
        s.stops.some((stop) => stop.hostId === personId),
    ) ||
    programme.delegations.some(
      (d) =>
        d.headId === personId ||
        d.memberIds.includes(personId) ||
        d.hostOfficer.personId === personId ||
        d.receptionParty.some((p) => p.personId === personId),
    )
  );
}

/** A copy of a programme with fresh ids for its halls, sessions, items and delegations (people are shared). */
export function copyProgramme(programme: Programme, makeId: () => string): Programme {
  const hallIds = new Map(programme.halls.map((h) => [h.id, makeId()]));
  const sessionIds = new Map(programme.sessions.map((s) => [s.id, makeId()]));
  return {
    halls: programme.halls.map((h) => ({ ...h, id: hallIds.get(h.id) as string })),
    sessions: programme.sessions.map((s) => ({
      ...s,
      id: sessionIds.get(s.id) as string,
      hallId: s.hallId ? (hallIds.get(s.hallId) ?? null) : null,
      items: s.items.map((i) => ({ ...i, id: makeId() })),
      stops: s.stops.map((stop) => ({ ...stop, id: makeId() })),
    })),
    // A copied delegation attends the copies of the sessions it attended.
    delegations: programme.delegations.map((d) => ({
      ...d,
      id: makeId(),
      sessionIds: d.sessionIds.flatMap((id) => sessionIds.get(id) ?? []),
    })),
  };
}
