import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import type { Forum } from '../../../../shared/domain/forum';
import type { Registration, RegistrationInput } from '../../../../shared/domain/registration';
import { registrantName } from '../../../../shared/people/protocol-name';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { RegistrationForm } from './RegistrationForm';
import { clockOf } from './registration-text';
import { useRegistrations } from './use-registrations';

const MAX_MATCHES = 8;
const RECENT = 20;
/** What a barcode scanner types: the badge's digits (Arabic-Indic ones too, from an Arabic keyboard layout). */
const CODE_TYPED = /^\s*[0-9٠-٩]+\s*$/;

type Outcome =
  | { kind: 'in'; registration: Registration }
  | { kind: 'already'; registration: Registration }
  | { kind: 'undone'; registration: Registration }
  | { kind: 'unknown'; text: string };

/**
 * The door: one search box that takes a name, a mobile or a scanned badge
 * code. A scanner types the code and Enter, which checks the person in at
 * once; typed text lists matches, and Enter checks in the highlighted one.
 * No dialogs on the way: two thousand people in an hour is one every 1.8 s.
 * After every action the focus is back in the box.
 */
export function CheckInPage(props: { forum: Forum; onBack(): void; onDesks(): void }) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const lang = settings.language;
  const { list, index, checkIn, save } = useRegistrations(props.forum.id);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [walkIn, setWalkIn] = useState<Partial<RegistrationInput> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // A scanner can send the same badge twice before the first answer arrives.
  const pending = useRef(new Set<string>());
  const listId = useId();

  const matches = useMemo(() => (query.trim() ? index.search(query).slice(0, MAX_MATCHES) : []), [index, query]);
  const checkedIn = useMemo(
    () =>
      (list ?? [])
        .filter((r): r is Registration & { checkedInAt: string } => r.checkedInAt !== null)
        // ISO instants in UTC sort as text, newest first.
        .sort((a, b) => (a.checkedInAt < b.checkedInAt ? 1 : a.checkedInAt > b.checkedInAt ? -1 : 0)),
    [list],
  );

  const refocus = () => inputRef.current?.focus();

  const admit = async (found: Registration) => {
    // The search index can be a render behind: what matters is the registration as it is now.
    const r = list?.find((x) => x.id === found.id) ?? found;
    setQuery('');
    setHighlight(0);
    refocus();
    if (r.checkedInAt) {
      setOutcome({ kind: 'already', registration: r });
      return;
    }
    if (pending.current.has(r.id)) return;
    pending.current.add(r.id);
    const next = await checkIn(r.id, true);
    pending.current.delete(r.id);
    if (next) setOutcome({ kind: 'in', registration: next });
  };

  const takeBack = async (r: Registration) => {
    const next = await checkIn(r.id, false);
    if (next) setOutcome({ kind: 'undone', registration: next });
    refocus();
  };

  const openWalkIn = () => {
    // What was typed and found nobody is most likely the walk-in's name (or mobile).
    const typed = query.trim();
    setWalkIn(typed === '' ? {} : CODE_TYPED.test(typed) ? { mobile: toLatinDigits(typed) } : { fullName: typed });
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setHighlight((h) => Math.min(h + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setHighlight((h) => Math.max(h - 1, 0));
    else if (event.key === 'Escape') setQuery('');
    else if (event.key === 'Enter') {
      if (list === null) return; // still loading: nobody can be found yet
      const text = event.currentTarget.value;
      // A badge code checks in whoever it belongs to, even when it also matches mobiles.
      const found = (CODE_TYPED.test(text) ? index.byCode(text) : undefined) ?? matches[highlight];
      if (found) void admit(found);
      else if (text.trim()) {
        setOutcome({ kind: 'unknown', text: text.trim() });
        setQuery('');
      }
    } else return;
    event.preventDefault();
  };

  // Back to the box once the walk-in form has gone (a removed dialog gives the focus to nobody).
  useEffect(() => {
    if (walkIn === null) inputRef.current?.focus();
  }, [walkIn]);

  // F2 opens the walk-in form from anywhere; a key typed while the focus wandered off
  // (after a click on Undo, say) goes to the search box, so a scanned badge is never lost.
  useEffect(() => {
    const onWindowKey = (event: globalThis.KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'F2') {
        event.preventDefault();
        openWalkIn();
        return;
      }
      const inField = event.target instanceof HTMLElement && event.target.closest('input, textarea, select');
      // Not Space: on a focused button it presses the button.
      if (!inField && event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey)
        refocus();
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  });

  // An undo from the top bar can take back what the card announces: it then goes.
  const current = outcome && 'registration' in outcome ? list?.find((r) => r.id === outcome.registration.id) : null;
  const stale = current === undefined || (outcome?.kind === 'in' && !current?.checkedInAt);
  const shownOutcome = stale ? null : outcome;

  const status = (r: Registration) =>
    r.checkedInAt ? t('checkIn.inSince', { time: clockOf(r.checkedInAt, fmt) }) : t(`registrations.status.${r.status}`);

  return (
    <main className="page wide checkin-page" data-testid="checkin-page">
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1>
          {t('checkIn.title')} <span className="muted count">{forumTitle(props.forum, lang)}</span>
        </h1>
        <p className="checkin-progress" data-testid="checkin-progress">
          {t('checkIn.progress', { done: fmt.number(checkedIn.length), total: fmt.number(list?.length ?? 0) })}
        </p>
        <button type="button" className="button" onClick={props.onDesks}>
          {t('hub.openPage')}
        </button>
        <button type="button" className="button primary" onClick={openWalkIn}>
          {t('checkIn.walkIn')} <kbd>F2</kbd>
        </button>
      </div>

      <div className="checkin-layout">
        <div className="checkin-main">
          <input
            ref={inputRef}
            type="search"
            className="checkin-search"
            dir="auto"
            // biome-ignore lint/a11y/noAutofocus: the door's one control; the screen is useless until it has the focus
            autoFocus
            role="combobox"
            aria-label={t('checkIn.searchLabel')}
            aria-expanded={matches.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={matches[highlight] ? `${listId}-${highlight}` : undefined}
            placeholder={t('checkIn.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setHighlight(0);
            }}
            onKeyDown={onKey}
          />
          <div id={listId} role="listbox" aria-label={t('checkIn.matches')} className="checkin-matches">
            {matches.map((r, i) => (
              <div
                key={r.id}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === highlight}
                className={`checkin-match${i === highlight ? ' active' : ''}${r.checkedInAt ? ' in' : ''}`}
                onMouseDown={(e) => {
                  // Keep the focus in the box; the click itself checks in.
                  e.preventDefault();
                  void admit(r);
                }}
              >
                <span className="match-name">
                  <bdi>{registrantName(r, lang)}</bdi>
                </span>
                <span className="match-org">
                  <bdi>{r.organisation}</bdi>
                </span>
                <bdi dir="ltr" className="match-code">
                  {r.code}
                </bdi>
                <bdi dir="ltr" className="match-mobile">
                  {r.mobile}
                </bdi>
                <span className={`badge reg-status status-${r.status}`}>{status(r)}</span>
              </div>
            ))}
          </div>
          {query.trim() !== '' && matches.length === 0 && (
            <p className="muted">{t('checkIn.noMatch', { key: 'F2' })}</p>
          )}
          <div className="checkin-outcome-region" aria-live="assertive">
            {shownOutcome && <OutcomeCard outcome={shownOutcome} />}
          </div>
          <p className="muted keyboard-hint">{t('checkIn.keyboardHint')}</p>
        </div>

        <aside className="panel checkin-recent" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('checkIn.recent')}</h2>
          {checkedIn.length === 0 ? (
            <p className="muted">{t('checkIn.nobodyYet')}</p>
          ) : (
            <ol>
              {checkedIn.slice(0, RECENT).map((r) => (
                <li key={r.id} data-testid="recent-checkin">
                  <time dateTime={r.checkedInAt}>{clockOf(r.checkedInAt, fmt)}</time>
                  <span className="recent-name">
                    <bdi>{registrantName(r, lang)}</bdi>
                  </span>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('checkIn.undoNamed', { name: registrantName(r, lang) })}
                    onClick={() => void takeBack(r)}
                  >
                    {t('common.undo')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>

      {walkIn && (
        <RegistrationForm
          registration={null}
          prefill={walkIn}
          walkIn
          delegations={[]}
          sessions={[]}
          onSave={(input) => save(input, { checkIn: true })}
          onClose={(saved) => {
            setWalkIn(null);
            if (saved) {
              setQuery('');
              setOutcome({ kind: 'in', registration: saved });
            }
          }}
        />
      )}
    </main>
  );
}

/** The big answer to the last action, readable from a step away. */
function OutcomeCard(props: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { outcome } = props;
  if (outcome.kind === 'unknown') {
    return (
      <div className="checkin-outcome error" data-testid="checkin-outcome">
        <strong>{t('checkIn.unknown')}</strong>
        <span className="outcome-name">
          <bdi>{outcome.text}</bdi>
        </span>
      </div>
    );
  }
  const r = outcome.registration;
  const heading =
    outcome.kind === 'in'
      ? t('checkIn.done')
      : outcome.kind === 'already'
        ? t('checkIn.already', { time: r.checkedInAt ? clockOf(r.checkedInAt, fmt) : '' })
        : t('checkIn.undone');
  const tone = outcome.kind === 'in' ? 'ok' : outcome.kind === 'already' ? 'warning' : 'neutral';
  return (
    <div className={`checkin-outcome ${tone}`} data-testid="checkin-outcome">
      <strong>{heading}</strong>
      <span className="outcome-name">
        <bdi>{registrantName(r, settings.language)}</bdi>
      </span>
      <span className="outcome-details">
        <span className={`badge category-${r.category}`}>{t(`registrations.category.${r.category}`)}</span>
        {r.organisation && <bdi>{r.organisation}</bdi>}
        <bdi dir="ltr">{r.code}</bdi>
      </span>
    </div>
  );
}
