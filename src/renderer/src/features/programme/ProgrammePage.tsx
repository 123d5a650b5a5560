import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockInput, parseClock } from '../../../../shared/calendar/clock';
import { forumTitle } from '../../../../shared/calendar/formatters';
import { eachDay } from '../../../../shared/calendar/hijri';
import type { Forum } from '../../../../shared/domain/forum';
import { type Conflict, isNote, type Session } from '../../../../shared/domain/programme';
import { moveSession, resizeSession, shiftRestOfDay } from '../../../../shared/domain/programme-edit';
import { applyTemplate } from '../../../../shared/domain/programme-templates';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ClockField } from '../../components/ClockField';
import { useLeave } from '../../components/form-dialog';
import { Tabs } from '../../components/Tabs';
import { api } from '../../lib/api';
import { titleOf as recordTitle } from '../../lib/record-text';
import { asSave, useProgramme } from '../../lib/use-programme';
import { ConflictList } from './ConflictList';
import { DayGrid, type DayGridActions } from './DayGrid';
import { DelegationsPanel } from './DelegationsPanel';
import { HallsPanel } from './HallsPanel';
import { SessionEditor } from './SessionEditor';
import { sessionByHand } from './session-kind';

type Tab = 'programme' | 'halls' | 'delegations';

function bySession(list: readonly Conflict[]): Map<string, Conflict[]> {
  const map = new Map<string, Conflict[]>();
  for (const c of list) for (const id of c.sessionIds) map.set(id, [...(map.get(id) ?? []), c]);
  return map;
}

/** A forum's workspace: the day view with its conflicts, the halls, and the delegations. */
export function ProgrammePage(props: { forum: Forum; onBack(): void }) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const { undo } = useData();
  const { forum } = props;
  const { view, apply } = useProgramme(forum.id);
  const [tab, setTab] = useState<Tab>('programme');
  const forumDays = useMemo(() => eachDay(forum.firstDay, forum.lastDay), [forum.firstDay, forum.lastDay]);
  const [day, setDay] = useState(forumDays[0] ?? forum.firstDay);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Session | null>(null);
  const [shift, setShift] = useState({ from: '', by: '15' });
  const leave = useLeave();
  /** Another session in the editor (or none): what is typed in the open one is not dropped unasked. */
  const edit = (session: Session | null) => {
    if (session?.id !== editing?.id) leave(() => setEditing(session));
  };

  const sessions = view?.sessions ?? [];
  const [conflicts, notes] = useMemo(() => {
    const all = view?.conflicts ?? [];
    return [all.filter((c) => !isNote(c)), all.filter(isNote)];
  }, [view?.conflicts]);
  const halls = view?.halls ?? [];
  const days = useMemo(() => [...new Set([...forumDays, ...sessions.map((s) => s.day)])].sort(), [forumDays, sessions]);
  const daySessions = useMemo(() => sessions.filter((s) => s.day === day), [sessions, day]);
  const conflictsBySession = useMemo(() => bySession(conflicts), [conflicts]);
  const notesBySession = useMemo(() => bySession(notes), [notes]);
  const titleOf = (s: Session) => recordTitle(s, settings.language) || t('programme.untitled');

  /**
   * Saves sessions edited from `bases` (by default the view's versions of
   * them): each goes with the revision it was edited from, so one saved
   * meanwhile in another window is refused rather than overwritten.
   */
  const save = (list: Session[], bases = list.flatMap((s) => sessions.find((x) => x.id === s.id) ?? [])) =>
    apply(() => api['programme.saveSessions']({ forumId: forum.id, sessions: list.map(asSave) }), {
      kind: 'session',
      bases,
      // The editor open on a session saved elsewhere meanwhile now holds its newer version.
      onNewer: (newer) => setEditing((open) => (open ? (newer.sessions.find((s) => s.id === open.id) ?? null) : open)),
    });

  const remove = async (session: Session) => {
    setEditing(null);
    if (await apply(() => api['programme.deleteSessions']({ forumId: forum.id, ids: [session.id] }))) {
      notify({
        message: t('programme.deleted', { title: titleOf(session) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  const duplicate = async (session: Session) => {
    const copy: Session = {
      ...moveSession({ ...session, id: crypto.randomUUID() }, session.end),
      items: session.items.map((i) => ({ ...i, id: crypto.randomUUID() })),
    };
    setEditing(null);
    if (await save([copy])) setSelectedId(copy.id);
  };

  const actions: DayGridActions = {
    select: setSelectedId,
    open: (id) => edit(sessions.find((s) => s.id === id) ?? null),
    move: (session, start, hallId) => void save([moveSession(session, start, hallId)]),
    resize: (session, end) => void save([resizeSession(session, end)]),
    remove: (session) => void remove(session),
    duplicate: (session) => void duplicate(session),
  };

  const addSession = () => {
    const lastEnd = Math.max(9 * 60, ...daySessions.map((s) => s.end));
    edit(sessionByHand(crypto.randomUUID(), { day, start: lastEnd, end: lastEnd + 60 }, halls[0]?.id ?? null));
  };

  const applyDayTemplate = async () => {
    const made = applyTemplate(forum.kind, day, halls[0]?.id ?? null, () => crypto.randomUUID());
    const first = [...made].sort((a, b) => a.start - b.start)[0];
    // The button goes with the empty day: the focus goes to the day's first session, not to the page's body.
    if ((await save(made)) && first) focusOnceDrawn.current = first.id;
  };
  /** A session to take the focus once the grid draws it (it is not there yet when the save returns). */
  const focusOnceDrawn = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: looked for each time the day's sessions are drawn anew
  useEffect(() => {
    const id = focusOnceDrawn.current;
    const block = id && document.querySelector<HTMLElement>(`.session-block[data-session-id="${id}"]`);
    if (!block) return;
    focusOnceDrawn.current = null;
    block.focus();
  }, [daySessions]);

  const selected = sessions.find((s) => s.id === selectedId);
  const shiftFrom = shift.from || (selected && selected.day === day ? clockInput(selected.start) : '');
  const doShift = async () => {
    const by = Number.parseInt(toLatinDigits(shift.by), 10);
    const from = parseClock(shiftFrom);
    if (!Number.isFinite(by) || by === 0 || from === null) {
      notify({ message: t('programme.shiftInvalid'), tone: 'error' });
      return;
    }
    const moved = shiftRestOfDay(sessions, day, from, by);
    if (moved.length === 0) notify({ message: t('programme.shiftNothing') });
    else if (await save(moved))
      notify({
        message: t('programme.shifted', { count: moved.length }),
        action: { label: t('common.undo'), run: undo },
      });
  };

  const goTo = (sessionId: string) => {
    const session = sessions.find((s) => s.id === sessionId);
    if (!session) return;
    setTab('programme');
    setDay(session.day);
    setSelectedId(session.id);
    edit(session);
    requestAnimationFrame(() =>
      document.querySelector(`[data-session-id="${session.id}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  };

  const [firstDates, secondDates] = fmt.rangeBoth(forum.firstDay, forum.lastDay);

  return (
    <main className="page wide" data-testid="programme-page">
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1>{forumTitle(forum, settings.language) || t('forums.untitled')}</h1>
        <span className="muted">
          {firstDates} · {secondDates}
        </span>
      </div>
      <Tabs
        tabs={['programme', 'halls', 'delegations'] as const}
        current={tab}
        label={(k) => t(`programme.tab.${k}`)}
        badge={(k) =>
          k === 'programme' &&
          conflicts.length > 0 && <span className="tab-count"> ⚠ {fmt.number(conflicts.length)}</span>
        }
        onChange={(next) => leave(() => setTab(next))}
      />

      {view === null && <p className="muted">{t('app.loading')}</p>}
      {view && tab === 'halls' && <HallsPanel forumId={forum.id} halls={halls} apply={apply} />}
      {view && tab === 'delegations' && (
        <DelegationsPanel
          forumId={forum.id}
          firstDay={forum.firstDay}
          lastDay={forum.lastDay}
          delegations={view.delegations}
          sessions={view.sessions}
          apply={apply}
        />
      )}
      {view && tab === 'programme' && (
        <>
          <div className="day-tabs" role="tablist" aria-label={t('programme.days')}>
            {days.map((d, i) => {
              const [primary, secondary] = fmt.dayBoth(d);
              const outside = !forumDays.includes(d);
              return (
                <button
                  key={d}
                  type="button"
                  role="tab"
                  aria-selected={d === day}
                  className={d === day ? 'day-tab active' : outside ? 'day-tab outside' : 'day-tab'}
                  onClick={() => setDay(d)}
                  data-testid="day-tab"
                >
                  <strong>{outside ? t('programme.outsideDay') : t('programme.dayN', { n: fmt.number(i + 1) })}</strong>
                  <span>{primary}</span>
                  <small>{secondary}</small>
                </button>
              );
            })}
          </div>
          <div className="toolbar">
            <button type="button" className="button primary" onClick={addSession}>
              {t('programme.addSession')}
            </button>
            {daySessions.length === 0 && (
              <button type="button" className="button" onClick={() => void applyDayTemplate()}>
                {t('programme.applyTemplate', { kind: t(`forum.kind.${forum.kind}`) })}
              </button>
            )}
            <span className="shift">
              <ClockField
                id="shift-from"
                className="inline-field"
                label={t('programme.shiftFrom')}
                minutes={parseClock(shiftFrom)}
                onChange={(m) => setShift({ ...shift, from: clockInput(m) })}
              />
              <label htmlFor="shift-by">{t('programme.shiftBy')}</label>
              <input
                id="shift-by"
                type="text"
                dir="ltr"
                inputMode="numeric"
                className="narrow"
                value={shift.by}
                onChange={(e) => setShift({ ...shift, by: e.target.value })}
              />
              <button type="button" className="button" onClick={() => void doShift()}>
                {t('programme.shift')}
              </button>
            </span>
          </div>
          <p className="muted keyboard-hint">{t('programme.keyboardHint')}</p>
          <div className={editing ? 'workspace editing' : 'workspace'}>
            <DayGrid
              sessions={daySessions}
              halls={halls}
              conflicts={conflictsBySession}
              notes={notesBySession}
              selectedId={selectedId}
              actions={actions}
            />
            <aside className="side">
              {editing ? (
                <SessionEditor
                  key={`${editing.id}@${editing.updatedAt}`}
                  session={editing}
                  days={forumDays}
                  halls={halls}
                  onSave={async (s) => {
                    const ok = await save([s], [editing]);
                    if (ok) setSelectedId(s.id);
                    return ok;
                  }}
                  onDuplicate={(s) => void duplicate(s)}
                  onDelete={(s) => void remove(s)}
                  onClose={() => setEditing(null)}
                />
              ) : (
                <ConflictList conflicts={conflicts} notes={notes} sessions={sessions} halls={halls} onGo={goTo} />
              )}
            </aside>
          </div>
        </>
      )}
    </main>
  );
}
