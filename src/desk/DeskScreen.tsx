import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { arrivalsOf, doublesByEntry, type ScanEntry } from '../shared/desks/check-in-book';
import type { DeskRegistrant } from '../shared/desks/desk-channels';
import { CheckInPanel, type Outcome } from './CheckInPanel';
import { DeskBook } from './desk-book';
import {
  HubError,
  type KeptRegistrants,
  keptDeskNumbers,
  keptRegistrants,
  type Pairing,
  refreshFromHub,
  savePairing,
} from './desk-link';
import { DeskLookup } from './desk-lookup';
import { LanguageSwitch } from './LanguageSwitch';
import { WalkInForm } from './WalkInForm';

/** How often the registrant list is read again from the hub: often while it is out of reach, to see a revocation. */
const REFRESH_ONLINE_MS = 60_000;
const REFRESH_OFFLINE_MS = 5_000;

/** What a scan of this desk came to, decided from the book as this desk holds it now. */
export type ScanVerdict =
  | { kind: 'counts' }
  | { kind: 'double'; first: ScanEntry; deskNumber: number | null; here: boolean }
  | { kind: 'earlier'; at: string };

export function DeskScreen({ pairing, onRevoked }: { pairing: Pairing; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ar';
  const [desk, setDesk] = useState<DeskBook | null>(null);
  const [registrants, setRegistrants] = useState<KeptRegistrants | null>(() => keptRegistrants(pairing));
  const [deskNumbers, setDeskNumbers] = useState(() => keptDeskNumbers(pairing));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [walkInOpen, setWalkInOpen] = useState(false);

  useEffect(() => {
    let open: DeskBook | null = null;
    let cancelled = false;
    void DeskBook.open(pairing).then((opened) => {
      if (cancelled) void opened.close();
      else {
        open = opened;
        setDesk(opened);
      }
    });
    return () => {
      cancelled = true;
      void open?.close();
    };
  }, [pairing]);

  const idle = useMemo(() => ({ book: null, online: false, waiting: 0, kept: true }), []);
  const state = useSyncExternalStore(
    useCallback((l: () => void) => desk?.subscribe(l) ?? (() => {}), [desk]),
    () => desk?.snapshot() ?? idle,
  );

  // What is still waiting when the hub refuses the desk is told on the revoked screen.
  const waiting = useRef(0);
  waiting.current = state.waiting;
  const revoked = useCallback(() => {
    savePairing({ ...pairing, revokedAt: new Date().toISOString(), unsent: waiting.current });
    void desk?.close();
    onRevoked();
  }, [pairing, desk, onRevoked]);

  const refresh = useCallback(async () => {
    try {
      const fresh = await refreshFromHub(pairing);
      setRegistrants(fresh.registrants);
      setDeskNumbers(new Map([...fresh.deskNumbers, [pairing.deskId, pairing.deskNumber]]));
    } catch (error) {
      if (error instanceof HubError && error.kind === 'refused') revoked();
      // Out of reach: the list kept on this desk serves meanwhile.
    }
  }, [pairing, revoked]);

  // The list for lookups, read again now and then, and at once when the socket drops (a revocation closes it).
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), state.online ? REFRESH_ONLINE_MS : REFRESH_OFFLINE_MS);
    return () => clearInterval(timer);
  }, [refresh, state.online]);

  // Leaving the page while the hub is out of reach: it cannot be opened again until the network is back.
  useEffect(() => {
    if (state.online) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.online]);

  const book = state.book;
  const lookup = useMemo(() => new DeskLookup(registrants?.list ?? [], book), [registrants, book]);
  const arrivals = useMemo(() => arrivalsOf(book?.scans ?? {}), [book]);
  const doubles = useMemo(() => doublesByEntry(arrivals), [arrivals]);

  // A scan from a desk paired after this one's list of desks was read: read again, to say «at desk 4».
  const unknownDesks = useMemo(() => {
    const ids = new Set<string>();
    for (const scan of arrivals.checkedIn.values()) if (!deskNumbers.has(scan.deskId)) ids.add(scan.deskId);
    return [...ids].sort().join(' ');
  }, [arrivals, deskNumbers]);
  useEffect(() => {
    if (unknownDesks !== '' && state.online) void refresh();
  }, [unknownDesks, state.online, refresh]);

  const verdictOf = useCallback(
    (entryKey: string, person: DeskRegistrant): ScanVerdict => {
      const double = doubles.get(entryKey);
      if (double) {
        const here = double.first.deskId === pairing.deskId;
        return { kind: 'double', first: double.first, deskNumber: deskNumbers.get(double.first.deskId) ?? null, here };
      }
      // Checked in at the hub's own screen before this desk's scan (the book does not hold that).
      const mine = arrivals.checkedIn.get(person.id);
      if (person.checkedInAt && mine && Date.parse(person.checkedInAt) < mine.at) {
        return { kind: 'earlier', at: person.checkedInAt };
      }
      return { kind: 'counts' };
    },
    [doubles, arrivals, deskNumbers, pairing.deskId],
  );

  const checkedIn = useMemo(() => {
    const ids = new Set(arrivals.checkedIn.keys());
    for (const r of registrants?.list ?? []) if (r.checkedInAt) ids.add(r.id);
    return [...ids].filter((id) => lookup.withId(id) !== null).length;
  }, [arrivals, registrants, lookup]);

  // The people whose counting scan is this desk's (a double scanned here counts at the other desk).
  const mine = useMemo(() => countMine(arrivals, `${pairing.deskId}:`), [arrivals, pairing.deskId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2' && !walkInOpen) {
        event.preventDefault();
        setWalkInOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [walkInOpen]);

  return (
    <div className="desk-page">
      <header className="desk-bar">
        <h1>
          {t('desk.title')} ·{' '}
          <span data-testid="desk-number">{t('desk.status.desk', { number: pairing.deskNumber })}</span>
        </h1>
        <LanguageSwitch />
      </header>
      <div className="desk-status" role="status" aria-live="polite">
        <span className={state.online ? 'online' : 'offline'} data-testid="desk-online" data-online={state.online}>
          {state.online ? t('desk.status.online') : t('desk.status.offline')}
        </span>
        {book ? (
          <span data-testid="desk-waiting" data-waiting={state.waiting}>
            {state.waiting > 0 ? t('desk.status.waiting', { count: state.waiting }) : t('desk.status.allSent')}
          </span>
        ) : (
          <span>{t('desk.status.loading')}</span>
        )}
        {!state.kept && (
          <span className="not-kept" data-testid="desk-not-kept">
            {t('desk.status.notKept')}
          </span>
        )}
        <span data-testid="desk-counts">
          {t('desk.status.checkedIn', { count: checkedIn, total: lookup.everyone.length })} ·{' '}
          {t('desk.status.mine', { count: mine })}
        </span>
      </div>
      <main className="desk-main">
        <CheckInPanel
          desk={desk}
          book={book}
          pairing={pairing}
          lookup={lookup}
          lang={lang}
          outcome={outcome}
          setOutcome={setOutcome}
          verdictOf={verdictOf}
          deskNumbers={deskNumbers}
          focusBlocked={walkInOpen}
          onWalkIn={() => setWalkInOpen(true)}
        />
      </main>
      {walkInOpen && (
        <WalkInForm
          desk={desk}
          book={book}
          pairing={pairing}
          onClose={() => setWalkInOpen(false)}
          onSaved={(saved) => {
            setWalkInOpen(false);
            setOutcome(saved);
          }}
        />
      )}
    </div>
  );
}

function countMine(arrivals: ReturnType<typeof arrivalsOf>, prefix: string): number {
  let n = 0;
  for (const scan of arrivals.checkedIn.values()) if (scan.entryId.startsWith(prefix)) n++;
  return n;
}
