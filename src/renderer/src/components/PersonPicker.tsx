import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';
import { useData } from '../app/data-context';
import { personName, rankPeople } from '../lib/people-text';
import { MatchText } from './MatchText';

const MAX_SUGGESTIONS = 8;

/**
 * Pick a person from the directory by typing part of a name, position or
 * organisation (Arabic-normalised). With `allowText`, a name typed without
 * picking anyone is kept as text (an item whose presenter has no record yet,
 * which the day view then lists among its quiet notes, not its conflicts).
 */
export function PersonPicker(props: {
  label: string;
  personId: string | null;
  text?: string;
  allowText?: boolean;
  onChange(personId: string | null, text: string): void;
  exclude?: readonly string[];
  testId?: string;
  /** A row just added: its box takes the focus as it is drawn, so what is typed next lands in it. */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { directory, people, organisations } = useData();
  const [query, setQuery] = useState(props.text ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const box = useRef<HTMLInputElement>(null);
  // Focused as it is drawn (not on a later frame), so keys typed right after "add" land in the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the box first appears
  useLayoutEffect(() => {
    if (props.autoFocus) box.current?.focus();
  }, []);
  const lang = settings.language;
  const chosen = props.personId ? people.get(props.personId) : undefined;

  const suggestions = useMemo(() => {
    if (!query.trim()) return [];
    const excluded = new Set(props.exclude ?? []);
    return rankPeople(
      directory.people.filter((p) => !excluded.has(p.id)),
      query,
      (p) => (p.organisationId ? organisations.get(p.organisationId) : undefined),
      lang,
    ).slice(0, MAX_SUGGESTIONS);
  }, [query, directory.people, organisations, props.exclude, lang]);

  if (chosen || (props.personId && !chosen)) {
    return (
      <div className="person-chosen" data-testid={props.testId}>
        <span className="sr-only">{props.label}</span>
        <span className={chosen ? '' : 'missing'}>
          {chosen ? personName(chosen, lang) : t('programme.unknownPerson')}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label={t('programme.clearPerson', { label: props.label })}
          onClick={() => {
            setQuery('');
            props.onChange(null, '');
          }}
        >
          ×
        </button>
      </div>
    );
  }

  const pick = (id: string) => {
    setOpen(false);
    setQuery('');
    props.onChange(id, '');
  };

  return (
    <div className="person-picker">
      <input
        type="text"
        dir="auto"
        role="combobox"
        aria-label={props.label}
        aria-expanded={open && suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        data-testid={props.testId}
        ref={box}
        placeholder={props.allowText ? t('programme.pickOrType') : t('programme.pickPerson')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (props.allowText) props.onChange(null, e.target.value);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, suggestions.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && open && suggestions[active]) {
            e.preventDefault();
            pick(suggestions[active].person.id);
          } else if (e.key === 'Escape' && open && suggestions.length > 0) {
            // Closes the suggestions only; the form around stays open (see form-dialog).
            e.preventDefault();
            setOpen(false);
          } else return;
          e.stopPropagation();
        }}
      />
      {open && suggestions.length > 0 && (
        <div className="suggestions" id={listId} role="listbox">
          {suggestions.map(({ person: p, match }, i) => {
            const position = lang === 'ar' ? p.positionAr || p.positionEn : p.positionEn || p.positionAr;
            // Found by another field (a position, an e-mail): that field is shown, with the match marked.
            const shownElsewhere = match && match.field !== 'name' ? match : null;
            return (
              <div
                key={p.id}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                data-match-tier={match?.tier}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(p.id);
                }}
              >
                <MatchText text={personName(p, lang)} match={match?.field === 'name' ? match : null} />
                {(shownElsewhere || position) && (
                  <small className="muted">
                    {' '}
                    — <MatchText text={shownElsewhere ? shownElsewhere.text : position} match={shownElsewhere} />
                  </small>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
