import { type RefObject, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import type { DeskDoor, DeskPairing } from '../../../../shared/desks/desk-channels';
import type { Forum } from '../../../../shared/domain/forum';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describeError } from '../../lib/errors';
import { agoText, countdownText, spacedCode } from './desk-text';
import { RoomAtAGlance } from './RoomAtAGlance';
import { useDeskDoor } from './use-desk-door';
import { VipAlerts } from './VipAlerts';
import './desks.css';

const LOOPBACK = '127.0.0.1';

/**
 * Focus for a control an action is about to show (the code button once the door opens): wished for
 * before the action, and given in the commit of the first render that holds the control, so keys
 * pressed right after land there. A render in between without it (a poll's answer) keeps the wish;
 * a failed action drops it.
 */
function useFocusWhenShown() {
  const wish = useRef<(() => HTMLElement | null) | null>(null);
  useLayoutEffect(() => {
    const target = wish.current?.();
    if (!target) return;
    wish.current = null;
    target.focus();
  });
  return {
    want: useCallback((target: () => HTMLElement | null) => {
      wish.current = target;
    }, []),
    drop: useCallback(() => {
      wish.current = null;
    }, []),
  };
}

/**
 * The hub's door page: the door for the check-in desks (closed until the
 * coordinator opens it, on one of this machine's addresses), a code and a
 * QR code for each new desk, the paired desks (online, last seen, revoke),
 * and the room at a glance with the protocol team's VIP alerts. Kept fresh
 * while open (use-desk-door polls).
 */
export function DeskDoorPage(props: { forum: Forum; onBack(): void }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { door, doorError, arrivals, arrivalsError, open, close, revoke, pairing } = useDeskDoor(props.forum.id);
  const [code, setCode] = useState<DeskPairing | null>(null);
  const pairingButton = useRef<HTMLButtonElement>(null);
  const focus = useFocusWhenShown();

  // Closed from here or elsewhere (another window): a code shown for a closed door would lead nowhere.
  const listening = door?.listening ?? null;
  useEffect(() => {
    if (listening === null) setCode(null);
  }, [listening]);

  return (
    <main className="page wide door-page" data-testid="door-page">
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1 tabIndex={-1}>
          {t('hub.title')} <span className="muted count">{forumTitle(props.forum, settings.language)}</span>
        </h1>
      </div>

      <VipAlerts vips={arrivals?.vips ?? null} />

      <div className="door-layout">
        <div className="door-side">
          {doorError && (
            <p className="form-error" role="alert">
              {describeError(doorError, t)}
            </p>
          )}
          {door && (
            <DoorPanel
              door={door}
              onOpen={async (address, port) => {
                focus.want(() => pairingButton.current);
                try {
                  await open(address, port);
                } catch (error) {
                  focus.drop();
                  throw error;
                }
              }}
              onClose={async () => {
                await close();
              }}
            />
          )}
          {door?.listening && (
            <PairingPanel pairing={code} buttonRef={pairingButton} onMake={async () => setCode(await pairing())} />
          )}
          {door && <DeskList door={door} onRevoke={revoke} />}
        </div>
        <div className="door-main">
          {arrivalsError && (
            <p className="form-error" role="alert">
              {describeError(arrivalsError, t)}
            </p>
          )}
          {arrivals ? <RoomAtAGlance room={arrivals} /> : <p className="muted">{t('app.loading')}</p>}
        </div>
      </div>
    </main>
  );
}

/** Opens the door on one of this machine's addresses (an explicit choice), or says where it is open and closes it. */
function DoorPanel(props: {
  door: DeskDoor;
  onOpen(address: string, port: number): Promise<void>;
  onClose(): Promise<void>;
}) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { door } = props;
  const addresses = door.addresses;
  // The venue's network rather than this machine alone, when the machine is on one.
  const preferred = addresses.find((a) => a !== LOOPBACK) ?? LOOPBACK;
  const [chosen, setAddress] = useState(preferred);
  // The machine left the network the choice was on (the list is asked again every few seconds).
  const address = addresses.includes(chosen) ? chosen : preferred;
  const [port, setPort] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const ids = useId();
  const openButton = useRef<HTMLButtonElement>(null);
  const focus = useFocusWhenShown();

  // Not disabled while busy: a focused button that is disabled drops the focus to the page's body.
  const run = async (action: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      busy.current = false;
    }
  };

  const submit = () => {
    const typed = toLatinDigits(port.trim());
    const number = Number(typed);
    if (!/^\d{1,5}$/.test(typed) || number > 65535) {
      setError(t('hub.door.portInvalid'));
      return;
    }
    void run(() => props.onOpen(address, number));
  };

  if (door.listening) {
    const where = `${door.listening.address}:${door.listening.port}`;
    return (
      <section className="panel door-panel open" aria-labelledby={`${ids}-title`} data-testid="door-open">
        <h2 id={`${ids}-title`}>{t('hub.door.title')}</h2>
        <p className="door-state">
          <span className="badge door-badge open">{t('hub.door.isOpen')}</span>{' '}
          <bdi dir="ltr" className="door-address" data-testid="door-address">
            {where}
          </bdi>
        </p>
        {door.listening.address === LOOPBACK && <p className="field-hint">{t('hub.door.loopbackOnly')}</p>}
        <p className="field-hint">{t('hub.door.closeNote')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              focus.want(() => openButton.current);
              try {
                await props.onClose();
              } catch (error) {
                focus.drop();
                throw error;
              }
            })
          }
        >
          {t('hub.door.close')}
        </button>
      </section>
    );
  }

  return (
    <section className="panel door-panel" aria-labelledby={`${ids}-title`} data-testid="door-closed">
      <h2 id={`${ids}-title`}>{t('hub.door.title')}</h2>
      <p>
        <span className="badge door-badge">{t('hub.door.isClosed')}</span> {t('hub.door.closedNote')}
      </p>
      <form
        className="door-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field" htmlFor={`${ids}-address`}>
          <span>{t('hub.door.address')}</span>
          <select
            id={`${ids}-address`}
            value={address}
            dir="ltr"
            aria-describedby={`${ids}-address-hint`}
            onChange={(e) => setAddress(e.target.value)}
          >
            {addresses.map((a) => (
              <option key={a} value={a}>
                {a === LOOPBACK ? `${a} — ${t('hub.door.thisMachineOnly')}` : a}
              </option>
            ))}
          </select>
        </label>
        <p className="field-hint" id={`${ids}-address-hint`}>
          {t('hub.door.addressHint', { loopback: LOOPBACK })}
        </p>
        <label className="field" htmlFor={`${ids}-port`}>
          <span>{t('hub.door.port')}</span>
          <input
            id={`${ids}-port`}
            type="text"
            inputMode="numeric"
            dir="ltr"
            className="door-port"
            value={port}
            aria-describedby={`${ids}-port-hint`}
            aria-invalid={error !== null}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <p className="field-hint" id={`${ids}-port-hint`}>
          {t('hub.door.portHint', { any: fmt.number(0) })}
        </p>
        {error && (
          <p className="form-error" role="alert" data-testid="door-error">
            {error}
          </p>
        )}
        <button ref={openButton} type="submit" className="button primary">
          {t('hub.door.open')}
        </button>
      </form>
    </section>
  );
}

/** A code for one more desk: the QR code, the code itself to type, its time left, the desk page's address. */
function PairingPanel(props: {
  pairing: DeskPairing | null;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onMake(): Promise<void>;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { pairing } = props;
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const ids = useId();
  // The QR code is core's own SVG, but shown as an image, never as markup: an <img> runs no script and
  // reaches nothing of the page, whatever the SVG holds. A blob: URL, which the page's policy allows for images.
  const [qrUrl, setQrUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pairing) return;
    const url = URL.createObjectURL(new Blob([pairing.qrSvg], { type: 'image/svg+xml' }));
    setQrUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setQrUrl(null);
    };
  }, [pairing]);

  useEffect(() => {
    if (!pairing) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [pairing]);

  const make = async () => {
    setError(null);
    try {
      await props.onMake();
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const left = pairing ? Date.parse(pairing.expiresAt) - now : 0;
  const expired = pairing !== null && left <= 0;
  const deskPage = pairing ? pairing.url.replace(/#.*$/, '') : '';

  return (
    <section className="panel pairing-panel" aria-labelledby={`${ids}-title`} data-testid="pairing">
      <h2 id={`${ids}-title`}>{t('hub.pairing.title')}</h2>
      {!pairing && <p className="field-hint">{t('hub.pairing.how')}</p>}
      {pairing && !expired && (
        <div className="pairing-code-block">
          {qrUrl && <img className="pairing-qr" src={qrUrl} alt={t('hub.pairing.qrAlt')} data-testid="pairing-qr" />}
          <p className="pairing-label">{t('hub.pairing.code')}</p>
          <p className="pairing-code" data-testid="pairing-code">
            <bdi dir="ltr" lang="en">
              {spacedCode(pairing.code)}
            </bdi>
          </p>
          <p className="pairing-expiry" data-testid="pairing-expiry">
            {t('hub.pairing.expiresIn', { time: countdownText(left, settings) })}
          </p>
          <p className="field-hint">{t('hub.pairing.typeAt')}</p>
          <p className="pairing-url">
            <bdi dir="ltr" data-testid="pairing-url">
              {deskPage}
            </bdi>
          </p>
          <p className="field-hint">{t('hub.pairing.how')}</p>
        </div>
      )}
      {expired && (
        <p className="form-error" role="alert">
          {t('hub.pairing.expired')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button ref={props.buttonRef} type="button" className="button primary" onClick={() => void make()}>
        {pairing ? t('hub.pairing.another') : t('hub.pairing.make')}
      </button>
    </section>
  );
}

/** The forum's paired desks: online or not, last seen, revoke (asked first). */
function DeskList(props: { door: DeskDoor; onRevoke(deskId: string): Promise<DeskDoor> }) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const [asking, setAsking] = useState<DeskDoor['desks'][number] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Revoking takes the desk's button away: the list's heading then takes the focus, not the page's body. */
  const revoking = useRef(false);

  // "Last seen" moves on between two answers from core.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  const desks = [...props.door.desks].sort((a, b) => a.number - b.number);
  const name = (n: number) => t('hub.desks.desk', { n: fmt.number(n) });
  const nameInText = (n: number) => t('hub.desks.deskInText', { n: fmt.number(n) });

  const confirmRevoke = async (desk: DeskDoor['desks'][number]) => {
    setAsking(null);
    try {
      await props.onRevoke(desk.id);
      notify({ message: t('hub.desks.revokedToast', { desk: name(desk.number) }) });
    } catch (e) {
      notify({ message: describeError(e, t), tone: 'error' });
    }
  };

  return (
    <section className="panel desk-list" aria-labelledby={`${ids}-title`} data-testid="desk-list">
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {t('hub.desks.title')}
      </h2>
      {desks.length === 0 ? (
        <p className="muted">{t('hub.desks.none')}</p>
      ) : (
        <table className="data-table desk-table">
          <thead>
            <tr>
              <th scope="col">{t('hub.desks.number')}</th>
              <th scope="col">{t('hub.desks.state')}</th>
              <th scope="col">
                <span className="sr-only">{t('hub.desks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {desks.map((d) => (
              <tr key={d.id} data-testid="desk-row" className={d.revokedAt ? 'revoked' : undefined}>
                <th scope="row">
                  {name(d.number)}
                  <span className="desk-paired muted">
                    {t('hub.desks.pairedAt', { time: agoText(d.pairedAt, now, settings) })}
                  </span>
                </th>
                <td>
                  {d.revokedAt ? (
                    <span className="badge desk-state revoked" data-testid="desk-state">
                      {t('hub.desks.revoked')}
                    </span>
                  ) : (
                    <span className={`badge desk-state ${d.online ? 'online' : 'offline'}`} data-testid="desk-state">
                      {d.online ? t('hub.desks.online') : t('hub.desks.offline')}
                    </span>
                  )}
                  <span className="desk-seen muted">
                    {t('hub.desks.lastSeen', {
                      time: d.lastSeenAt ? agoText(d.lastSeenAt, now, settings) : t('hub.desks.neverSeen'),
                    })}
                  </span>
                </td>
                <td>
                  {!d.revokedAt && (
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={t('hub.desks.revokeNamed', { desk: nameInText(d.number) })}
                      onClick={() => setAsking(d)}
                    >
                      {t('hub.desks.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <ConfirmDialog
          title={t('hub.desks.revokeTitle', { desk: nameInText(asking.number) })}
          body={t('hub.desks.revokeBody', { desk: name(asking.number) })}
          confirmLabel={t('hub.desks.revoke')}
          cancelLabel={t('hub.desks.keep')}
          danger
          testId="revoke-dialog"
          returnFocus={() => (revoking.current ? headingRef.current : null)}
          onConfirm={() => {
            revoking.current = true;
            void confirmRevoke(asking);
          }}
          onCancel={() => {
            revoking.current = false;
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}
