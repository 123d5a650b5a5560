import {
  DndContext,
  type DragEndEvent,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type KeyboardEvent, memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Conflict, type Hall, type Session, sessionKindTraits } from '../../../../shared/domain/programme';
import { itemsInPrintOrder, SNAP_MINUTES, snap } from '../../../../shared/domain/programme-edit';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { personName } from '../../lib/people-text';
import { titleOf } from '../../lib/record-text';
import { ELSEWHERE, layoutDay, type Placed } from './day-layout';
import { chairRole } from './session-kind';

/** Pixels per minute: an hour is 72 px, a 5-minute snap is 6 px. */
export const PX_PER_MINUTE = 1.2;

/** A block lower than this (under 40 minutes) shows one line: its title, then its times, in smaller type. */
const COMPACT_BELOW_PX = 48;

export interface DayGridActions {
  select(id: string): void;
  open(id: string): void;
  move(session: Session, start: number, hallId: string | null): void;
  resize(session: Session, end: number): void;
  remove(session: Session): void;
  duplicate(session: Session): void;
}

/**
 * One day on a time grid, a column per hall (side by side, in reading
 * order), plus "elsewhere" for field visits. Sessions move by dragging
 * (time and hall) and resize by their bottom edge, snapping to 5 minutes;
 * by keyboard, Alt+↑/↓ moves, Alt+Shift+↑/↓ resizes, Alt+←/→ changes hall.
 */
export function DayGrid(props: {
  sessions: readonly Session[];
  halls: readonly Hall[];
  conflicts: ReadonlyMap<string, Conflict[]>;
  /** Quiet notes (a typed name, no title yet): shown apart from the conflicts, never in red. */
  notes: ReadonlyMap<string, Conflict[]>;
  selectedId: string | null;
  actions: DayGridActions;
}) {
  const { t } = useTranslation();
  const { fmt, settings } = useApp();
  const layout = useMemo(() => layoutDay(props.sessions, props.halls), [props.sessions, props.halls]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const byId = useMemo(() => new Map(props.sessions.map((s) => [s.id, s])), [props.sessions]);
  const height = (layout.to - layout.from) * PX_PER_MINUTE;
  const columnWidth = 100 / layout.columns.length;

  const onDragEnd = ({ active, over, delta }: DragEndEvent) => {
    const [mode, id] = String(active.id).split(':');
    const session = id ? byId.get(id) : undefined;
    if (!session) return;
    const minutes = snap(delta.y / PX_PER_MINUTE);
    if (mode === 'resize') {
      if (minutes !== 0) props.actions.resize(session, session.end + minutes);
      return;
    }
    // A spanning break only moves in time; a drop outside every column keeps the hall.
    const spanning = layout.placed.find((p) => p.session.id === id)?.column === -1;
    const column = over ? String(over.id).slice('column:'.length) : null;
    const nextHall = spanning ? null : column === null ? session.hallId : column === ELSEWHERE ? null : column;
    if (minutes !== 0 || nextHall !== session.hallId) props.actions.move(session, session.start + minutes, nextHall);
  };

  const onKey = (event: KeyboardEvent, placed: Placed) => {
    const { session } = placed;
    const rtl = settings.language === 'ar';
    if (event.key === 'Enter') props.actions.open(session.id);
    else if (event.key === 'Delete') props.actions.remove(session);
    else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') props.actions.duplicate(session);
    else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const by = event.key === 'ArrowUp' ? -SNAP_MINUTES : SNAP_MINUTES;
      if (event.shiftKey) props.actions.resize(session, session.end + by);
      else props.actions.move(session, session.start + by, session.hallId);
    } else if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight') && placed.column !== -1) {
      // "Forward" is the reading direction: leftwards in Arabic, rightwards in English.
      const forward = (event.key === 'ArrowLeft') === rtl;
      const next = layout.columns[placed.column + (forward ? 1 : -1)];
      if (next) props.actions.move(session, session.start, next.hall?.id ?? null);
    } else return;
    event.preventDefault();
  };

  const hours: number[] = [];
  for (let m = layout.from; m <= layout.to; m += 60) hours.push(m);

  return (
    <div className="day-grid" data-testid="day-grid">
      <div className="grid-head" style={{ gridTemplateColumns: `repeat(${layout.columns.length}, 1fr)` }}>
        {layout.columns.map((c) => (
          <div key={c.key} className="grid-column-head" data-testid="hall-head">
            <bdi>
              {c.hall
                ? settings.language === 'ar'
                  ? c.hall.nameAr || c.hall.nameEn
                  : c.hall.nameEn || c.hall.nameAr
                : t('programme.elsewhere')}
            </bdi>
            {c.hall?.capacity != null && (
              <small className="muted">
                {' '}
                · {t('programme.seats', { count: c.hall.capacity, number: fmt.number(c.hall.capacity) })}
              </small>
            )}
          </div>
        ))}
      </div>
      <div className="grid-body">
        <div className="time-axis" style={{ height }} aria-hidden="true">
          {hours.map((m) => (
            <span key={m} style={{ insetBlockStart: (m - layout.from) * PX_PER_MINUTE }}>
              {fmt.clock(m)}
            </span>
          ))}
        </div>
        <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragEnd={onDragEnd}>
          <div className="grid-canvas" style={{ height }}>
            {layout.columns.map((c, i) => (
              <Column key={c.key} id={c.key} index={i} width={columnWidth} />
            ))}
            {layout.placed.map((placed) => (
              <SessionBlock
                key={placed.session.id}
                placed={placed}
                from={layout.from}
                columnWidth={columnWidth}
                conflicts={props.conflicts.get(placed.session.id) ?? []}
                notes={props.notes.get(placed.session.id)?.length ?? 0}
                selected={props.selectedId === placed.session.id}
                onSelect={props.actions.select}
                onOpen={props.actions.open}
                onKey={onKey}
              />
            ))}
          </div>
        </DndContext>
      </div>
    </div>
  );
}

function Column(props: { id: string; index: number; width: number }) {
  const { setNodeRef, isOver } = useDroppable({ id: `column:${props.id}` });
  return (
    <div
      ref={setNodeRef}
      className={isOver ? 'grid-column over' : 'grid-column'}
      style={{ insetInlineStart: `${props.index * props.width}%`, width: `${props.width}%` }}
    />
  );
}

const SessionBlock = memo(function SessionBlock(props: {
  placed: Placed;
  from: number;
  columnWidth: number;
  conflicts: Conflict[];
  notes: number;
  selected: boolean;
  onSelect(id: string): void;
  onOpen(id: string): void;
  onKey(event: KeyboardEvent, placed: Placed): void;
}) {
  const { t } = useTranslation();
  const { fmt, settings } = useApp();
  const { people } = useData();
  const { session, column, lane, lanes } = props.placed;
  const move = useDraggable({ id: `move:${session.id}` });
  const resize = useDraggable({ id: `resize:${session.id}` });
  const lang = settings.language;
  const title = titleOf(session, lang) || t('programme.untitled');
  const length = Math.max(session.end - session.start, SNAP_MINUTES);
  const grow = resize.transform ? resize.transform.y : 0;
  const width = column === -1 ? 100 : props.columnWidth / lanes;
  const start = column === -1 ? 0 : column * props.columnWidth + lane * width;
  // As the programme prints them: a ceremony's speakers in protocol order, others in running order.
  const speakers = [...new Set(itemsInPrintOrder(session).flatMap((i) => (i.personId ? [i.personId] : [])))]
    .map((id) => people.get(id))
    .filter((p) => p !== undefined)
    .map((p) => personName(p, lang, true));
  const chairPerson = session.chairId ? people.get(session.chairId) : undefined;
  const chair = chairPerson
    ? t(`programme.${chairRole(session.kind)}On`, {
        name: personName(chairPerson, lang, true),
      })
    : '';
  const time = `${fmt.clock(session.start)} – ${fmt.clock(session.end)}`;
  const conflictCount = props.conflicts.length;
  const blockHeight = Math.max(length * PX_PER_MINUTE + grow, SNAP_MINUTES * PX_PER_MINUTE);
  // Too low for a time line above the title (a 15- or 30-minute session): one line, the title first, in smaller type.
  const compact = length * PX_PER_MINUTE < COMPACT_BELOW_PX;
  const counts = [
    conflictCount ? t('programme.conflictCount', { count: conflictCount }) : '',
    props.notes ? t('programme.noteCount', { count: props.notes }) : '',
  ].filter(Boolean);
  // The whole block on hover, however little of it shows, and how to open it.
  const tooltip = [`${title} · ${time}`, chair, speakers.join(lang === 'ar' ? '، ' : ', '), session.place, ...counts]
    .filter(Boolean)
    .concat(t('programme.openHint'))
    .join('\n');
  const flags = (
    <>
      {conflictCount > 0 && (
        <span className="conflict-flag" title={t('programme.conflictCount', { count: conflictCount })}>
          ⚠ {fmt.number(conflictCount)}
        </span>
      )}
      {props.notes > 0 && (
        <span className="note-flag" title={t('programme.noteCount', { count: props.notes })}>
          ⓘ {fmt.number(props.notes)}
        </span>
      )}
    </>
  );

  return (
    <button
      type="button"
      ref={move.setNodeRef}
      {...move.attributes}
      {...move.listeners}
      data-testid="session-block"
      data-session-id={session.id}
      data-tone={sessionKindTraits(session.kind).tone}
      data-conflicts={conflictCount}
      data-notes={props.notes}
      data-compact={compact}
      title={tooltip}
      aria-label={[`${title}, ${time}`, chair, ...counts].filter(Boolean).join(', ')}
      aria-pressed={props.selected}
      className={[
        'session-block',
        column === -1 ? 'spanning' : '',
        compact ? 'compact' : '',
        props.selected ? 'selected' : '',
        conflictCount ? 'has-conflict' : '',
        move.isDragging || resize.isDragging ? 'dragging' : '',
      ].join(' ')}
      style={{
        insetBlockStart: (session.start - props.from) * PX_PER_MINUTE,
        height: blockHeight,
        insetInlineStart: `${start}%`,
        width: `${width}%`,
        transform: move.transform ? `translate3d(${move.transform.x}px, ${move.transform.y}px, 0)` : undefined,
      }}
      onClick={() => props.onSelect(session.id)}
      onDoubleClick={() => props.onOpen(session.id)}
      onKeyDown={(e) => props.onKey(e, props.placed)}
      aria-roledescription={t('programme.sessionRole')}
    >
      {compact ? (
        <span className="session-line">
          <bdi className="session-title">{title}</bdi>
          <span className="session-time">{time}</span>
          {flags}
        </span>
      ) : (
        <>
          <span className="session-time">
            {time}
            {flags}
          </span>
          <span className="session-title" dir="auto">
            {title}
          </span>
          {chair && (
            <span className="session-chair" dir="auto">
              {chair}
            </span>
          )}
          {speakers.length > 0 && (
            <span className="session-people" dir="auto">
              {speakers.join(lang === 'ar' ? '، ' : ', ')}
            </span>
          )}
          {session.place && (
            <span className="session-place" dir="auto">
              {session.place}
            </span>
          )}
        </>
      )}
      <span
        ref={resize.setNodeRef}
        className="resize-handle"
        aria-hidden="true"
        data-testid="resize-handle"
        {...resize.listeners}
      />
    </button>
  );
});
