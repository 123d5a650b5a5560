import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FieldStop,
  isMapLink,
  MAX_STOP_MINUTES,
  MAX_STOPS,
  newFieldStop,
  stopSchedule,
  stopsOverrun,
} from '../../../../shared/domain/field-visit';
import { DAY_MINUTES } from '../../../../shared/domain/programme-edit';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { ListEditor } from '../../components/ListEditor';
import { MoveButtons } from '../../components/MoveButtons';
import { PersonPicker } from '../../components/PersonPicker';
import { TextField } from '../../components/TextField';

/**
 * A field visit's stops in order, each with its place, address or map link,
 * minutes on site and on the road to the next, who receives the guests and
 * the cars. The times beside each stop are worked out from the session's
 * start as the minutes are typed, and the editor says where the tour ends
 * against the session's own end. Nothing here is saved on its own: the stops
 * are part of the session's draft, saved (and undone) with it.
 */
export function FieldStopsEditor(props: {
  start: number;
  end: number;
  stops: readonly FieldStop[];
  /** Problems found when the session was checked, keyed by path ("stops.0.mapLink"). */
  errors: Readonly<Record<string, string>>;
  onChange(stops: FieldStop[]): void;
  /** Moves the session's end to where the stops take it. */
  onFitEnd(end: number): void;
}) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { stops } = props;
  const schedule = stopSchedule({ start: props.start, stops });
  const overrun = stopsOverrun({ start: props.start, end: props.end, stops });
  const listRef = useRef<HTMLFieldSetElement>(null);
  /** The stop whose place takes the focus once drawn (one just added), or -1 for the add button (after a removal). */
  const focusAfter = useRef<number | null>(null);

  useLayoutEffect(() => {
    const index = focusAfter.current;
    if (index === null) return;
    focusAfter.current = null;
    const root = listRef.current;
    const target =
      index >= 0
        ? root?.querySelectorAll<HTMLElement>('[data-stop-first]')[index]
        : root?.querySelector<HTMLElement>('[data-testid="stop-add"]');
    target?.focus();
  });

  const setStop = (id: string, patch: Partial<FieldStop>) =>
    props.onChange(stops.map((s) => (s.id === id ? { ...s, ...patch } : s)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...stops];
    const [stop] = next.splice(index, 1);
    if (stop) next.splice(index + by, 0, stop);
    props.onChange(next);
  };
  const add = () => {
    // The motorcade is usually the same car to car: a new stop starts with the previous one's vehicles.
    const previous = stops.at(-1);
    focusAfter.current = stops.length;
    props.onChange([...stops, newFieldStop(crypto.randomUUID(), { vehicles: previous ? [...previous.vehicles] : [] })]);
  };
  const remove = (index: number) => {
    focusAfter.current = index > 0 ? index - 1 : stops.length > 1 ? 0 : -1;
    props.onChange(stops.filter((_, i) => i !== index));
  };
  const range = (from: number, to: number) => `${fmt.clock(from % DAY_MINUTES)} – ${fmt.clock(to % DAY_MINUTES)}`;

  return (
    <fieldset className="field-stops" ref={listRef} data-testid="field-stops">
      <legend>{t('visit.stops')}</legend>
      {stops.length === 0 && <p className="muted">{t('visit.noStops')}</p>}
      <ol>
        {schedule.stops.map(({ stop, number, arrive, leave, nextArrive }, index) => {
          const error = (field: keyof FieldStop) => props.errors[`stops.${index}.${field}`];
          const mapProblem = isMapLink(stop.mapLink.trim()) ? undefined : t('errors.mapLink');
          const place = stop.placeAr || stop.placeEn || t('visit.stopN', { n: fmt.number(number) });
          return (
            <li key={stop.id} className="stop-row" data-testid="stop-row">
              <div className="stop-head">
                <strong>{t('visit.stopN', { n: fmt.number(number) })}</strong>
                <span className="stop-times" data-testid="stop-times">
                  {t('visit.onSite', { range: range(arrive, leave) })}
                </span>
                <span className="row-actions">
                  <MoveButtons
                    upLabel={t('visit.moveStopUp', { place })}
                    downLabel={t('visit.moveStopDown', { place })}
                    onUp={index === 0 ? undefined : () => move(index, -1)}
                    onDown={index === stops.length - 1 ? undefined : () => move(index, 1)}
                  />
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('visit.removeStop', { place })}
                    onClick={() => remove(index)}
                  >
                    ×
                  </button>
                </span>
              </div>
              <div className="form-grid compact">
                <label className="field" htmlFor={`stop-placeAr-${stop.id}`}>
                  <span>{t('visit.field.placeAr')}</span>
                  <input
                    id={`stop-placeAr-${stop.id}`}
                    type="text"
                    dir="rtl"
                    data-stop-first
                    value={stop.placeAr}
                    aria-invalid={error('placeAr') !== undefined}
                    onChange={(e) => setStop(stop.id, { placeAr: e.target.value })}
                  />
                  {error('placeAr') && <span className="field-error">{error('placeAr')}</span>}
                </label>
                <TextField
                  id={`stop-placeEn-${stop.id}`}
                  label={t('visit.field.placeEn')}
                  dir="ltr"
                  value={stop.placeEn}
                  onChange={(v) => setStop(stop.id, { placeEn: v })}
                  error={error('placeEn')}
                />
                <TextField
                  id={`stop-address-${stop.id}`}
                  label={t('visit.field.address')}
                  value={stop.address}
                  onChange={(v) => setStop(stop.id, { address: v })}
                  error={error('address')}
                />
                <TextField
                  id={`stop-mapLink-${stop.id}`}
                  label={t('visit.field.mapLink')}
                  dir="ltr"
                  value={stop.mapLink}
                  onChange={(v) => setStop(stop.id, { mapLink: v })}
                  // Checked as it is typed, so a link put right is no longer refused before the next save.
                  error={mapProblem}
                  hint="https://maps.google.com/…"
                />
                <MinutesField
                  id={`stop-onSite-${stop.id}`}
                  label={t('visit.field.onSiteMinutes')}
                  minutes={stop.onSiteMinutes}
                  onChange={(m) => setStop(stop.id, { onSiteMinutes: m })}
                />
                <MinutesField
                  id={`stop-travel-${stop.id}`}
                  label={t(index === stops.length - 1 ? 'visit.field.travelBack' : 'visit.field.travelMinutes')}
                  minutes={stop.travelMinutes}
                  onChange={(m) => setStop(stop.id, { travelMinutes: m })}
                  hint={t(index === stops.length - 1 ? 'visit.endsAt' : 'visit.nextAt', {
                    time: fmt.clock(nextArrive % DAY_MINUTES),
                  })}
                />
                <div className="field">
                  <span>{t('visit.field.host')}</span>
                  <PersonPicker
                    label={t('visit.field.hostAt', { place })}
                    personId={stop.hostId}
                    text={stop.hostName}
                    allowText
                    onChange={(hostId, text) => setStop(stop.id, { hostId, hostName: hostId ? '' : text })}
                    testId="stop-host"
                  />
                </div>
                {!stop.hostId && (
                  <TextField
                    id={`stop-hostNameEn-${stop.id}`}
                    label={t('visit.field.hostNameEn')}
                    dir="ltr"
                    value={stop.hostNameEn}
                    onChange={(v) => setStop(stop.id, { hostNameEn: v })}
                    error={error('hostNameEn')}
                  />
                )}
                <TextField
                  id={`stop-contact-${stop.id}`}
                  label={t('visit.field.contact')}
                  dir="ltr"
                  type="tel"
                  value={stop.contact}
                  onChange={(v) => setStop(stop.id, { contact: v })}
                  error={error('contact')}
                />
              </div>
              <ListEditor
                id={`stop-vehicles-${stop.id}`}
                label={t('visit.field.vehicles')}
                items={stop.vehicles}
                placeholder={t('visit.vehicleHint')}
                onChange={(vehicles) => setStop(stop.id, { vehicles })}
              />
            </li>
          );
        })}
      </ol>
      <div className="stops-foot">
        <button
          type="button"
          className="button small"
          onClick={add}
          disabled={stops.length >= MAX_STOPS}
          data-testid="stop-add"
        >
          {t('visit.addStop')}
        </button>
        {stops.length > 0 && (
          <span className={overrun > 0 ? 'field-error' : 'muted'} data-testid="stops-summary" role="status">
            {overrun > 0
              ? t('visit.overrun', {
                  end: fmt.clock(schedule.end % DAY_MINUTES),
                  sessionEnd: fmt.clock(props.end % DAY_MINUTES),
                  minutes: fmt.number(overrun),
                })
              : t('visit.tourEnds', { end: fmt.clock(schedule.end % DAY_MINUTES) })}
          </span>
        )}
        {stops.length > 0 && overrun !== 0 && schedule.end <= 2 * DAY_MINUTES && (
          <button type="button" className="button small" onClick={() => props.onFitEnd(schedule.end)}>
            {t('visit.fitEnd', { end: fmt.clock(schedule.end % DAY_MINUTES) })}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/**
 * Whole minutes typed in either digits. A value that is not a number of
 * minutes (a letter, a negative, past half a day) is kept on screen with the
 * reason and refused on save (data-refused), and the stop keeps its last good value.
 */
function MinutesField(props: {
  id: string;
  label: string;
  minutes: number;
  onChange(minutes: number): void;
  hint?: string;
}) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const [text, setText] = useState(String(props.minutes));
  const [wrong, setWrong] = useState(false);
  // The value changed elsewhere (the stops reordered, a reload of the draft): show it, unless it is being typed.
  const [shown, setShown] = useState(props.minutes);
  if (shown !== props.minutes) {
    setShown(props.minutes);
    if (Number(toLatinDigits(text.trim())) !== props.minutes) {
      setText(String(props.minutes));
      setWrong(false);
    }
  }
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        dir="ltr"
        value={text}
        aria-invalid={wrong}
        data-refused={wrong}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          const latin = toLatinDigits(typed.trim());
          const n = /^\d{1,4}$/.test(latin) ? Number(latin) : Number.NaN;
          const ok = Number.isInteger(n) && n >= 0 && n <= MAX_STOP_MINUTES;
          setWrong(!ok);
          if (ok) props.onChange(n);
        }}
      />
      {wrong ? (
        <span className="field-error">{t('errors.stopMinutes', { max: fmt.number(MAX_STOP_MINUTES) })}</span>
      ) : (
        props.hint && <span className="muted small">{props.hint}</span>
      )}
    </label>
  );
}
