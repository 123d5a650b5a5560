import { daysBetween } from '../../shared/calendar/hijri';
import { BREAK_KINDS, type Conflict, type Hall, type Session } from '../../shared/domain/programme';

export type { Conflict };

/**
 * Everything wrong with a programme that a coordinator must see while
 * planning. Each conflict names the sessions (and the person or hall) it is
 * about, so the UI can show it on the session and link to the fix.
 *
 * Intervals are half-open [start, end): back-to-back sessions (one ends at
 * 10:30, the next starts at 10:30) do not overlap, and a zero-length session
 * overlaps nothing (it is flagged on its own). Times are turned into minutes
 * from the forum's first day, so a session running past midnight overlaps
 * the next morning's.
 */
export interface ProgrammeToCheck {
  firstDay: string;
  lastDay: string;
  expectedAttendance: number | null;
  halls: readonly Hall[];
  sessions: readonly Session[];
  /** Ids of the people the directory knows. */
  personIds: ReadonlySet<string>;
}

interface Span {
  session: Session;
  from: number;
  to: number;
}

const DAY = 24 * 60;

/** Who takes part in a session, each once: its chair, its head table and every item's person. */
function participants(session: Session): Set<string> {
  const ids = new Set<string>(session.headTableIds);
  if (session.chairId) ids.add(session.chairId);
  for (const item of session.items) if (item.personId) ids.add(item.personId);
  return ids;
}

export function findConflicts(programme: ProgrammeToCheck): Conflict[] {
  const conflicts: Conflict[] = [];
  const capacityOf = new Map(programme.halls.map((h) => [h.id, h.capacity]));
  const spans: Span[] = [];

  for (const session of programme.sessions) {
    const one: [string] = [session.id];
    if (!session.titleAr && !session.titleEn) conflicts.push({ kind: 'untitled', sessionIds: one });
    if (session.day < programme.firstDay || session.day > programme.lastDay) {
      conflicts.push({ kind: 'outside_forum_days', sessionIds: one });
    }
    for (const item of session.items) {
      const known = item.personId !== null && programme.personIds.has(item.personId);
      if (!known && (item.personId !== null || item.nameWithoutRecord)) {
        conflicts.push({
          kind: 'person_without_record',
          itemId: item.id,
          name: item.nameWithoutRecord,
          sessionIds: one,
        });
      }
    }
    if (session.end < session.start) {
      conflicts.push({ kind: 'ends_before_start', sessionIds: one });
      continue;
    }
    if (session.end === session.start) {
      conflicts.push({ kind: 'zero_length', sessionIds: one });
      continue;
    }
    const capacity = session.hallId ? capacityOf.get(session.hallId) : null;
    const expected = session.expectedAttendance ?? programme.expectedAttendance;
    if (session.hallId && capacity != null && expected != null && expected > capacity) {
      conflicts.push({ kind: 'over_capacity', hallId: session.hallId, expected, capacity, sessionIds: one });
    }
    const offset = daysBetween(programme.firstDay, session.day) * DAY;
    spans.push({ session, from: offset + session.start, to: offset + session.end });
  }

  // Sweep in start order: each session is compared only with those still running.
  spans.sort((a, b) => a.from - b.from || a.to - b.to);
  const running: Span[] = [];
  const participantsOf = new Map(spans.map((s) => [s.session.id, participants(s.session)]));
  for (const span of spans) {
    for (let i = running.length - 1; i >= 0; i--) {
      if ((running[i] as Span).to <= span.from) running.splice(i, 1);
    }
    for (const other of running) conflicts.push(...overlapConflicts(other, span, participantsOf));
    running.push(span);
  }
  return conflicts;
}

function overlapConflicts(a: Span, b: Span, participantsOf: Map<string, Set<string>>): Conflict[] {
  const pair: [string, string] = [a.session.id, b.session.id];
  const found: Conflict[] = [];
  if (a.session.hallId && a.session.hallId === b.session.hallId) {
    found.push({ kind: 'hall_double_booked', hallId: a.session.hallId, sessionIds: pair });
  }
  if (BREAK_KINDS.has(a.session.kind) !== BREAK_KINDS.has(b.session.kind)) {
    found.push({ kind: 'break_overlap', sessionIds: pair });
  }
  const inB = participantsOf.get(b.session.id) ?? new Set<string>();
  for (const personId of participantsOf.get(a.session.id) ?? []) {
    if (inB.has(personId)) found.push({ kind: 'person_double_booked', personId, sessionIds: pair });
  }
  return found;
}
