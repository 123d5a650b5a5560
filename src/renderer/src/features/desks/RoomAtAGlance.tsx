import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskArrivals } from '../../../../shared/desks/desk-channels';
import { registrantName } from '../../../../shared/people/protocol-name';
import { useApp } from '../../app/app-context';
import { clockAt, deskLabel } from './desk-text';

const QUARTER_MS = 15 * 60_000;

/** The venue's day an instant falls on (the machine's clock), as an ISO day. */
function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The latest day's quarters with arrivals, from its first to its last, the
 * empty ones between filled in: a forum of several days charts the day at hand.
 */
function dayQuarters(quarters: DeskArrivals['quarters']): { day: string; bars: { start: string; count: number }[] } {
  const last = quarters.at(-1);
  if (!last) return { day: '', bars: [] };
  const day = localDay(last.start);
  const ofDay = quarters.filter((q) => localDay(q.start) === day);
  const counts = new Map(ofDay.map((q) => [Date.parse(q.start), q.count]));
  const bars: { start: string; count: number }[] = [];
  for (let at = Date.parse(ofDay[0]?.start ?? last.start); at <= Date.parse(last.start); at += QUARTER_MS) {
    bars.push({ start: new Date(at).toISOString(), count: counts.get(at) ?? 0 });
  }
  return { day, bars };
}

/** Who is in, by category and desk, per quarter hour, the latest, the VIPs and the doubles. */
export function RoomAtAGlance(props: { room: DeskArrivals }) {
  const { t } = useTranslation();
  const { fmt, settings } = useApp();
  const lang = settings.language;
  const { room } = props;
  const ids = useId();
  const percent = room.total === 0 ? 0 : Math.round((room.checkedIn / room.total) * 100);
  const chart = dayQuarters(room.quarters);
  const tallest = Math.max(1, ...chart.bars.map((b) => b.count));
  const largestDesk = Math.max(1, ...room.byDesk.map((d) => d.checkedIn));
  const categories = room.byCategory.filter((c) => c.total > 0);

  return (
    <section className="room" aria-labelledby={`${ids}-room`} data-testid="room">
      <h2 id={`${ids}-room`} className="section-title">
        {t('hub.room.title')}
      </h2>
      <div className="room-grid">
        <section className="panel room-total" aria-labelledby={`${ids}-total`}>
          <h3 id={`${ids}-total`}>{t('registrations.dashboard.checkedIn')}</h3>
          <p className="big-number" data-testid="room-count">
            {t('checkIn.progress', { done: fmt.number(room.checkedIn), total: fmt.number(room.total) })}
          </p>
          <div className="bar-track" aria-hidden="true">
            <div className="bar-fill" style={{ inlineSize: `${percent}%` }} />
          </div>
        </section>

        <section className="panel room-chart wide" aria-labelledby={`${ids}-chart`}>
          <h3 id={`${ids}-chart`}>
            {t('hub.room.perQuarter')}
            {chart.day && <span className="muted count"> {fmt.dayBoth(chart.day)[0]}</span>}
          </h3>
          {chart.bars.length === 0 ? (
            <p className="muted">{t('checkIn.nobodyYet')}</p>
          ) : (
            <ol className="quarter-chart" data-testid="quarter-chart">
              {chart.bars.map((b) => {
                const from = clockAt(b.start, fmt);
                const to = clockAt(new Date(Date.parse(b.start) + QUARTER_MS).toISOString(), fmt);
                const onHour = new Date(b.start).getMinutes() === 0;
                return (
                  <li key={b.start} className="quarter">
                    <span className="sr-only">{t('hub.room.quarterText', { from, to, n: fmt.number(b.count) })}</span>
                    <span className="quarter-count" aria-hidden="true">
                      {b.count > 0 ? fmt.number(b.count) : ''}
                    </span>
                    <span className="quarter-track" aria-hidden="true">
                      <span className="quarter-bar" style={{ blockSize: `${(b.count / tallest) * 100}%` }} />
                    </span>
                    <span className={onHour ? 'quarter-time on-hour' : 'quarter-time'} aria-hidden="true">
                      {onHour || chart.bars.length <= 16 ? from : ''}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        <section className="panel bar-list" aria-labelledby={`${ids}-categories`}>
          <h3 id={`${ids}-categories`}>{t('registrations.dashboard.byCategory')}</h3>
          <dl data-testid="room-by-category">
            {categories.map((c) => (
              <div key={c.category} className="bar-row">
                <dt>{t(`registrations.category.${c.category}`)}</dt>
                <dd>
                  <span className="bar-track" aria-hidden="true">
                    <span
                      className="bar-fill"
                      style={{ inlineSize: `${(c.checkedIn / Math.max(1, c.total)) * 100}%` }}
                    />
                  </span>
                  <span className="bar-count wide-count">
                    {t('hub.room.ofTotal', { done: fmt.number(c.checkedIn), total: fmt.number(c.total) })}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="panel bar-list" aria-labelledby={`${ids}-desks`}>
          <h3 id={`${ids}-desks`}>{t('hub.room.byDesk')}</h3>
          <dl data-testid="room-by-desk">
            {room.byDesk.map((d) => (
              <div key={String(d.desk)} className="bar-row" data-testid="room-desk">
                <dt>{deskLabel(d.desk, t, fmt)}</dt>
                <dd>
                  <span className="bar-track" aria-hidden="true">
                    <span className="bar-fill" style={{ inlineSize: `${(d.checkedIn / largestDesk) * 100}%` }} />
                  </span>
                  <span className="bar-count">{fmt.number(d.checkedIn)}</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="panel room-list" aria-labelledby={`${ids}-latest`}>
          <h3 id={`${ids}-latest`}>{t('hub.room.latest')}</h3>
          {room.latest.length === 0 ? (
            <p className="muted">{t('checkIn.nobodyYet')}</p>
          ) : (
            <ol data-testid="room-latest">
              {room.latest.map((a) => (
                <li key={a.id} className="room-arrival">
                  <time dateTime={a.checkedInAt}>{clockAt(a.checkedInAt, fmt)}</time>
                  <span className="room-name">
                    <bdi>{registrantName(a, lang)}</bdi>
                  </span>
                  <span className={`badge category-${a.category}`}>{t(`registrations.category.${a.category}`)}</span>
                  <span className="muted room-desk">{deskLabel(a.desk, t, fmt)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="panel room-list" aria-labelledby={`${ids}-doubles`}>
          <h3 id={`${ids}-doubles`}>
            {t('hub.room.doubles')} <span className="muted count">{fmt.number(room.doubleCount)}</span>
          </h3>
          {room.doubles.length === 0 ? (
            <p className="muted">{t('hub.room.noDoubles')}</p>
          ) : (
            <ol data-testid="room-doubles">
              {room.doubles.map((d) => (
                <li key={`${d.person.id}:${d.scan.at}:${d.scan.desk}`} className="room-double">
                  <span className="room-name">
                    <bdi>{registrantName(d.person, lang)}</bdi>
                  </span>
                  <span>
                    {t('hub.room.scannedAt', {
                      desk: deskLabel(d.scan.desk, t, fmt, true),
                      time: clockAt(d.scan.at, fmt),
                    })}
                  </span>
                  <strong className="room-already">
                    {t('hub.room.already', {
                      desk: deskLabel(d.first.desk, t, fmt, true),
                      time: clockAt(d.first.at, fmt),
                    })}
                  </strong>
                </li>
              ))}
            </ol>
          )}
          {room.doubleCount > room.doubles.length && (
            <p className="muted">
              {t('hub.room.moreDoubles', { n: fmt.number(room.doubleCount - room.doubles.length) })}
            </p>
          )}
        </section>

        <section className="panel room-list" aria-labelledby={`${ids}-vips`}>
          <h3 id={`${ids}-vips`}>
            {t('hub.room.vipsIn')} <span className="muted count">{fmt.number(room.vips.length)}</span>
          </h3>
          {room.vips.length === 0 ? (
            <p className="muted">{t('hub.room.noVips')}</p>
          ) : (
            <ol data-testid="room-vips">
              {room.vips.map((a) => (
                <li key={a.id} className="room-arrival">
                  <time dateTime={a.checkedInAt}>{clockAt(a.checkedInAt, fmt)}</time>
                  <span className="room-name">
                    <bdi>{registrantName(a, lang)}</bdi>
                  </span>
                  <span className="muted room-desk">{deskLabel(a.desk, t, fmt)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}
