import { type Hall, PROGRAMME_WIDE_KINDS, type Session } from '../../../../shared/domain/programme';

/**
 * Where each session of a day goes on the time grid: its column (a hall, or
 * "elsewhere" for a field visit), and its lane when sessions in one column
 * overlap (a conflict the user should see, not a block hidden behind another).
 * Breaks and registration without a hall span every column: the whole
 * programme stops for them.
 */
export const ELSEWHERE = 'elsewhere';

export interface Placed {
  session: Session;
  /** Column index; -1 for a session that spans all columns. */
  column: number;
  lane: number;
  lanes: number;
}

export interface DayLayout {
  columns: { key: string; hall: Hall | null }[];
  /**
   * In reading order, which is the grid's Tab order: by start time, then by
   * column (a break spanning every hall first, then the halls as they read),
   * then by lane.
   */
  placed: Placed[];
  /** The visible range of the day, in minutes, whole hours. */
  from: number;
  to: number;
}

export function spansAllHalls(session: Session): boolean {
  return session.hallId === null && PROGRAMME_WIDE_KINDS.has(session.kind);
}

export function layoutDay(sessions: readonly Session[], halls: readonly Hall[]): DayLayout {
  const columns = [...halls.map((hall) => ({ key: hall.id, hall })), { key: ELSEWHERE, hall: null }];
  const columnOf = new Map(halls.map((h, i) => [h.id, i]));
  const byColumn = new Map<number, Session[]>();
  const placed: Placed[] = [];
  for (const session of sessions) {
    if (spansAllHalls(session)) {
      placed.push({ session, column: -1, lane: 0, lanes: 1 });
      continue;
    }
    const column = session.hallId !== null ? (columnOf.get(session.hallId) ?? halls.length) : halls.length;
    byColumn.set(column, [...(byColumn.get(column) ?? []), session]);
  }
  for (const [column, list] of byColumn) placed.push(...lanesFor(column, list));
  placed.sort(
    (a, b) =>
      a.session.start - b.session.start || a.column - b.column || a.lane - b.lane || a.session.end - b.session.end,
  );

  const starts = sessions.map((s) => s.start);
  const ends = sessions.map((s) => Math.max(s.end, s.start + 5));
  const from = Math.min(8 * 60, Math.floor(Math.min(...starts, 8 * 60) / 60) * 60);
  const to = Math.max(18 * 60, Math.ceil(Math.max(...ends, 18 * 60) / 60) * 60);
  return { columns, placed, from, to };
}

/** Greedy lanes within clusters of overlapping sessions, so a cluster shares its column's width. */
function lanesFor(column: number, sessions: Session[]): Placed[] {
  const sorted = [...sessions].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = -1;
  let laneEnds: number[] = [];
  const close = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    out.push(...cluster);
    cluster = [];
    laneEnds = [];
  };
  for (const session of sorted) {
    const end = Math.max(session.end, session.start + 1);
    if (session.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((e) => e <= session.start);
    if (lane === -1) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    cluster.push({ session, column, lane, lanes: 1 });
    clusterEnd = Math.max(clusterEnd, end);
  }
  close();
  return out;
}
