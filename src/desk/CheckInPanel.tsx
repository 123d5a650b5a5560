import type { TFunction } from 'i18next';
import { type FormEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInBook } from '../shared/desks/check-in-book';
import type { DeskRegistrant } from '../shared/desks/desk-channels';
import type { ScanVerdict } from './DeskScreen';
import type { DeskBook } from './desk-book';
import type { Pairing } from './desk-link';
import { type DeskLookup, looksLikeCode, nameIn, organisationIn } from './desk-lookup';

/** What the last Enter came to. A scan's verdict is read from the book at each render: it changes as the desk learns. */
export type Outcome =
  | { kind: 'scanned'; entryKey: string; person: DeskRegistrant }
  | { kind: 'walkIn'; entryKey: string; person: DeskRegistrant }
  | { kind: 'unknown'; code: string }
  | { kind: 'noName'; text: string }
  | { kind: 'notReady' };

const MATCHES_SHOWN = 6;
const RECENT_SHOWN = 8;

export function timeOf(iso: string, lang: 'ar' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

interface Props {
  desk: DeskBook | null;
  book: CheckInBook | null;
  pairing: Pairing;
  lookup: DeskLookup;
  lang: 'ar' | 'en';
  outcome: Outcome | null;
  setOutcome: (outcome: Outcome) => void;
  verdictOf: (entryKey: string, person: DeskRegistrant) => ScanVerdict;
  deskNumbers: ReadonlyMap<string, number>;
  /** The walk-in form is open: focus is its. */
  focusBlocked: boolean;
  onWalkIn: () => void;
}

export function CheckInPanel(props: Props) {
  const { desk, book, lookup, lang, outcome, setOutcome, focusBlocked, onWalkIn } = props;
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);

  // Focus is in the box at start and after every scan (a USB scanner types the next code at once).
  // And after the language is switched: the next badge scanned must land in the box, not on the switch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: again after each outcome and language switch, on purpose
  useLayoutEffect(() => {
    if (!focusBlocked) input.current?.focus();
  }, [outcome, focusBlocked, lang]);

  const matches = useMemo(() => (looksLikeCode(typed) ? [] : lookup.named(typed, MATCHES_SHOWN + 1)), [typed, lookup]);

  const checkIn = (person: DeskRegistrant) => {
    if (!desk || !book) return setOutcome({ kind: 'notReady' });
    const entryKey = desk.scan(person.id);
    setTyped('');
    setOutcome({ kind: 'scanned', entryKey, person });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (text === '') return;
    if (looksLikeCode(text)) {
      const person = lookup.withCode(text);
      if (person) return checkIn(person);
      setTyped('');
      return setOutcome({ kind: 'unknown', code: text });
    }
    const [only, ...more] = matches;
    if (only && more.length === 0) return checkIn(only);
    if (!only) {
      setTyped('');
      setOutcome({ kind: 'noName', text });
    }
    // Several match: the list below stays for the person to choose.
  };

  return (
    <div className="check-in">
      <form onSubmit={submit} className="scan-form">
        <label htmlFor="scan">{t('desk.scan.label')}</label>
        <div className="scan-row">
          <input
            id="scan"
            ref={input}
            className="scan-input"
            dir="auto"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('desk.scan.placeholder')}
            value={typed}
            data-testid="desk-scan"
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setTyped('');
            }}
          />
          <button type="button" className="secondary" onClick={onWalkIn} data-testid="walk-in-open">
            {t('desk.walkIn.open')} <kbd>F2</kbd>
          </button>
        </div>
      </form>
      {matches.length > 1 && (
        <section className="matches" aria-label={t('desk.scan.choose')}>
          <p>{t('desk.scan.choose')}</p>
          <ul>
            {matches.slice(0, MATCHES_SHOWN).map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  onClick={() => checkIn(r)}
                  aria-label={t('desk.scan.checkInNamed', { name: nameIn(r, lang) })}
                >
                  <bdi className="name">{nameIn(r, lang)}</bdi>
                  {organisationIn(r, lang) && <bdi className="organisation">{organisationIn(r, lang)}</bdi>}
                  <span className="code" dir="ltr">
                    {r.code}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {outcome && <OutcomeCard {...props} outcome={outcome} />}
      <Recent {...props} />
    </div>
  );
}

function verdictText(verdict: ScanVerdict, lang: 'ar' | 'en', t: TFunction): string {
  if (verdict.kind === 'counts') return t('desk.scan.done');
  if (verdict.kind === 'earlier') return t('desk.scan.alreadyAt', { time: timeOf(verdict.at, lang) });
  const time = timeOf(verdict.first.scannedAt, lang);
  if (verdict.here) return t('desk.scan.alreadyHere', { time });
  if (verdict.deskNumber === null) return t('desk.scan.alreadyOtherDesk', { time });
  return t('desk.scan.already', { desk: verdict.deskNumber, time });
}

function OutcomeCard({ outcome, lang, verdictOf }: Props & { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'unknown' || outcome.kind === 'noName' || outcome.kind === 'notReady') {
    const text =
      outcome.kind === 'unknown'
        ? t('desk.scan.unknown', { code: outcome.code })
        : outcome.kind === 'noName'
          ? t('desk.scan.noName', { text: outcome.text })
          : t('desk.scan.notReady');
    return (
      <section className="outcome refused" role="alert" data-testid="desk-outcome" data-kind={outcome.kind}>
        <p className="verdict">{text}</p>
      </section>
    );
  }
  const { person } = outcome;
  const verdict = verdictOf(outcome.entryKey, person);
  const ok = verdict.kind === 'counts';
  return (
    <section
      className={`outcome ${ok ? 'counted' : 'double'}`}
      role="alert"
      data-testid="desk-outcome"
      data-kind={ok ? 'done' : 'already'}
    >
      <p className="verdict" data-testid="desk-verdict">
        {outcome.kind === 'walkIn' && ok
          ? t('desk.walkIn.registered', { name: nameIn(person, lang) })
          : verdictText(verdict, lang, t)}
      </p>
      <p className="person">
        <bdi className="name" data-testid="desk-person">
          {nameIn(person, lang)}
        </bdi>
      </p>
      <p className="details">
        {organisationIn(person, lang) && <bdi>{organisationIn(person, lang)}</bdi>}
        <span className={`category category-${person.category}`}>{t(`registrations.category.${person.category}`)}</span>
      </p>
      {outcome.kind === 'walkIn' ? (
        <p className="badge-code">
          <span>{t('desk.walkIn.badge')}</span>
          <strong dir="ltr" data-testid="walk-in-code">
            {person.code}
          </strong>
        </p>
      ) : (
        <p className="code-line" dir="ltr">
          {person.code}
        </p>
      )}
    </section>
  );
}

function Recent({ book, pairing, lookup, lang, verdictOf }: Props) {
  const { t } = useTranslation();
  const recent = useMemo(() => {
    const prefix = `${pairing.deskId}:`;
    const scans = Object.entries(book?.scans ?? {})
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, scan]) => ({ key, scan }))
      .sort((a, b) => (a.scan.scannedAt < b.scan.scannedAt ? 1 : a.scan.scannedAt > b.scan.scannedAt ? -1 : 0));
    return scans.slice(0, RECENT_SHOWN);
  }, [book, pairing.deskId]);
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('desk.scan.recent')}</h2>
      {recent.length === 0 ? (
        <p className="empty">{t('desk.scan.nothingYet')}</p>
      ) : (
        <ol data-testid="desk-recent">
          {recent.map(({ key, scan }) => {
            const person = lookup.withId(scan.registrationId);
            const verdict = person ? verdictOf(key, person) : null;
            return (
              <li key={key} className={verdict?.kind === 'counts' ? 'counted' : 'double'}>
                <span className="time" dir="ltr">
                  {timeOf(scan.scannedAt, lang)}
                </span>
                <bdi className="name">{person ? nameIn(person, lang) : scan.registrationId}</bdi>
                {verdict && verdict.kind !== 'counts' && <span className="note">{verdictText(verdict, lang, t)}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
