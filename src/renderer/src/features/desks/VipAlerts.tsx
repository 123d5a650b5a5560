import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomArrival } from '../../../../shared/desks/desk-channels';
import { registrantName } from '../../../../shared/people/protocol-name';
import { useApp } from '../../app/app-context';
import { useFocusAfterRender } from '../../lib/focus-after-render';
import { clockAt, deskLabel } from './desk-text';

/**
 * The protocol team's alert when a VIP arrives: «وصل معالي الدكتور …», with
 * the desk and the time. Each stays until dismissed (the team may be looking
 * away when it comes) and is announced by screen readers as it appears. The
 * VIPs already in when the page first heard of them are not alerted again;
 * everyone who arrives after is, at whatever desk.
 */
export function VipAlerts(props: { vips: readonly RoomArrival[] | null }) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const lang = settings.language;
  const known = useRef<Set<string> | null>(null);
  const [alerts, setAlerts] = useState<RoomArrival[]>([]);
  const ids = useId();
  const list = useRef<HTMLOListElement>(null);
  const focusAfter = useFocusAfterRender();

  useEffect(() => {
    if (!props.vips) return;
    if (known.current === null) {
      known.current = new Set(props.vips.map((v) => v.id));
      return;
    }
    const seen = known.current;
    const arrived = props.vips.filter((v) => !seen.has(v.id));
    if (arrived.length === 0) return;
    for (const v of arrived) seen.add(v.id);
    // Latest first, as the answer lists them.
    setAlerts((current) => [...arrived, ...current]);
  }, [props.vips]);

  const dismiss = (id: string, index: number) => {
    setAlerts((current) => current.filter((a) => a.id !== id));
    // The next alert's button, or the page's heading once none is left: never the page's body.
    focusAfter(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button');
      const next = buttons?.[Math.min(index, buttons.length - 1)];
      return next ?? document.querySelector<HTMLElement>('.door-page h1');
    });
  };

  return (
    <section className="vip-alerts" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="sr-only">
        {t('hub.vip.title')}
      </h2>
      {/* Present while empty too, so an alert appearing in it is announced. */}
      <ol ref={list} aria-live="assertive" aria-relevant="additions">
        {alerts.map((a, index) => {
          const name = registrantName(a, lang);
          return (
            <li key={a.id} className="vip-alert" data-testid="vip-alert">
              <strong className="vip-alert-text">
                {t('hub.vip.arrived', { name: `\u2068${name}\u2069`, context: a.gender === 'female' ? 'female' : '' })}
              </strong>
              <span className="vip-alert-details">
                {t('hub.vip.where', { desk: deskLabel(a.desk, t, fmt, true), time: clockAt(a.checkedInAt, fmt) })}
              </span>
              <button
                type="button"
                className="button small"
                aria-label={t('hub.vip.dismissNamed', { name })}
                onClick={() => dismiss(a.id, index)}
              >
                {t('hub.vip.dismiss')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
