import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../../../shared/calendar/formatters';
import { weekdayName } from '../../../../shared/calendar/hijri';
import type { Person } from '../../../../shared/domain/person';
import type { Conflict, Hall, Session } from '../../../../shared/domain/programme';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { personName } from '../../lib/people-text';

interface Names {
  sessions: ReadonlyMap<string, Session>;
  halls: ReadonlyMap<string, Hall>;
  people: ReadonlyMap<string, Person>;
  lang: 'ar' | 'en';
  fmt: Formatters;
  t: TFunction;
}

const pick = (lang: 'ar' | 'en', ar: string, en: string) => (lang === 'ar' ? ar || en : en || ar);

/** One sentence per conflict, naming the sessions, the person or the hall involved. */
export function conflictText(conflict: Conflict, n: Names): string {
  const session = (id: string) => {
    const s = n.sessions.get(id);
    if (!s) return '';
    const title = pick(n.lang, s.titleAr, s.titleEn) || n.t('programme.untitled');
    return n.t('conflict.sessionAt', { title, day: weekdayName(s.day, n.lang), time: n.fmt.clock(s.start) });
  };
  const [a, b] = conflict.sessionIds;
  const params: Record<string, string | number> = { a: session(a), b: b ? session(b) : '' };
  if ('personId' in conflict) {
    const person = n.people.get(conflict.personId);
    params.person = person ? personName(person, n.lang) : n.t('programme.unknownPerson');
  }
  if ('hallId' in conflict) {
    const hall = n.halls.get(conflict.hallId);
    params.hall = hall ? pick(n.lang, hall.nameAr, hall.nameEn) : '';
  }
  if (conflict.kind === 'over_capacity') {
    params.expected = n.fmt.number(conflict.expected);
    params.capacity = n.fmt.number(conflict.capacity);
  }
  if (conflict.kind === 'person_without_record') params.name = conflict.name || n.t('programme.unknownPerson');
  return n.t(`conflict.${conflict.kind}`, params);
}

const keyOf = (c: Conflict) =>
  `${c.kind}:${c.sessionIds.join(':')}:${'personId' in c ? c.personId : ''}:${'itemId' in c ? c.itemId : ''}`;

/**
 * Every conflict of the programme, red and counted, then its notes, quiet and
 * apart (see isNote); each links to its (first) session, which opens for the fix.
 */
export function ConflictList(props: {
  conflicts: readonly Conflict[];
  notes: readonly Conflict[];
  sessions: readonly Session[];
  halls: readonly Hall[];
  onGo(sessionId: string): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { people } = useData();
  const names: Names = {
    sessions: new Map(props.sessions.map((s) => [s.id, s])),
    halls: new Map(props.halls.map((h) => [h.id, h])),
    people,
    lang: settings.language,
    fmt,
    t,
  };
  const link = (c: Conflict, className: string) => (
    <li key={keyOf(c)}>
      <button type="button" className={className} data-kind={c.kind} onClick={() => props.onGo(c.sessionIds[0])}>
        {conflictText(c, names)}
      </button>
    </li>
  );
  return (
    <div className="conflicts-and-notes">
      <section className="conflicts" aria-labelledby="conflicts-title" data-testid="conflict-list">
        <h2 id="conflicts-title">
          {t('programme.conflicts')}{' '}
          <span className={props.conflicts.length ? 'count' : 'count none'}>{fmt.number(props.conflicts.length)}</span>
        </h2>
        {props.conflicts.length === 0 ? (
          <p className="muted">{t('programme.noConflicts')}</p>
        ) : (
          <ul>{props.conflicts.map((c) => link(c, 'conflict-link'))}</ul>
        )}
      </section>
      {props.notes.length > 0 && (
        <section className="notes" aria-labelledby="notes-title" data-testid="note-list">
          <h2 id="notes-title">{t('programme.notes')}</h2>
          <p className="muted">{t('programme.notesHint')}</p>
          <ul>{props.notes.map((c) => link(c, 'note-link'))}</ul>
        </section>
      )}
    </div>
  );
}
