import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Delegation,
  type DelegationCar,
  type DelegationMember,
  type NamedPerson,
  PROGRAMME_WIDE_KINDS,
  type Session,
  type TravelLeg,
} from '../../../../shared/domain/programme';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ClockField } from '../../components/ClockField';
import { DualDateField } from '../../components/DualDateField';
import { PersonPicker } from '../../components/PersonPicker';
import { TextField } from '../../components/TextField';
import { personName } from '../../lib/people-text';
import { titleOf } from '../../lib/record-text';

/** A member's journey and stay as the form starts it: nothing arranged yet. */
export function emptyMember(personId: string): DelegationMember {
  return { personId, role: '', arrival: null, departure: null, hotel: '', room: '', carId: null };
}

/**
 * Per person of the delegation (the head first), their role, their arrival
 * and departure flights, hotel and room, and the car that takes them. A
 * flight is added with its own button, its day starting from the event's
 * first (arrival) or last (departure) day, its flight box taking the focus.
 */
export function MembersTravel(props: {
  delegation: Delegation;
  firstDay: string;
  lastDay: string;
  onChange(details: DelegationMember[]): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { people } = useData();
  const { delegation } = props;
  const [opened, setOpened] = useState<string | null>(null);
  const ids = [...(delegation.headId ? [delegation.headId] : []), ...delegation.memberIds];
  if (ids.length === 0) return null;
  const detailOf = (id: string) => delegation.memberDetails.find((m) => m.personId === id) ?? emptyMember(id);
  // In place when the person has details already, so an edit typed back leaves the form unchanged.
  const put = (next: DelegationMember) =>
    props.onChange(
      delegation.memberDetails.some((m) => m.personId === next.personId)
        ? delegation.memberDetails.map((m) => (m.personId === next.personId ? next : m))
        : [...delegation.memberDetails, next],
    );

  return (
    <section className="delegation-travel" aria-labelledby="delegation-travel-title">
      <h3 id="delegation-travel-title">{t('delegation.travel')}</h3>
      {ids.map((id, n) => {
        const person = people.get(id);
        const m = detailOf(id);
        const field = (key: 'role' | 'hotel' | 'room', dir?: 'ltr') => (
          <TextField
            id={`travel-${n}-${key}`}
            label={t(`delegation.${key}`)}
            value={m[key]}
            dir={dir}
            onChange={(v) => put({ ...m, [key]: v })}
          />
        );
        return (
          <fieldset key={id} className="traveller" data-testid="traveller">
            <legend>
              {person ? personName(person, settings.language) : t('programme.unknownPerson')}
              {id === delegation.headId && <span className="muted"> ({t('delegation.headShort')})</span>}
            </legend>
            <div className="form-grid compact">
              {field('role')}
              <label className="field" htmlFor={`travel-${n}-car`}>
                <span>{t('delegation.car')}</span>
                <select
                  id={`travel-${n}-car`}
                  value={m.carId ?? ''}
                  onChange={(e) => put({ ...m, carId: e.target.value || null })}
                >
                  <option value="">{t('delegation.noCar')}</option>
                  {delegation.cars.map((c, i) => (
                    <option key={c.id} value={c.id}>
                      {[c.car || t('delegation.carNumber', { n: i + 1 }), c.driverName].filter(Boolean).join(' — ')}
                    </option>
                  ))}
                </select>
              </label>
              {field('hotel')}
              {field('room', 'ltr')}
            </div>
            {(['arrival', 'departure'] as const).map((way) => {
              const leg = m[way];
              const key = `${n}-${way}`;
              if (!leg) {
                return (
                  <button
                    key={way}
                    type="button"
                    className="button small"
                    data-testid={`travel-${key}-add`}
                    onClick={() => {
                      setOpened(key);
                      const day = way === 'arrival' ? props.firstDay : props.lastDay;
                      put({ ...m, [way]: { flight: '', day, time: null, airport: '' } });
                    }}
                  >
                    + {t(`delegation.${way}Add`)}
                  </button>
                );
              }
              return (
                <LegFields
                  key={way}
                  id={`travel-${key}`}
                  legend={t(`delegation.${way}`)}
                  removeLabel={t(`delegation.${way}Remove`)}
                  leg={leg}
                  focusFlight={opened === key}
                  onChange={(next) => put({ ...m, [way]: next })}
                  onRemove={() => put({ ...m, [way]: null })}
                />
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}

/** One flight: its number, the day and local time in the app's own boxes, and the airport. */
function LegFields(props: {
  id: string;
  legend: string;
  removeLabel: string;
  leg: TravelLeg;
  focusFlight: boolean;
  onChange(leg: TravelLeg): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { leg } = props;
  return (
    <fieldset className="travel-leg" data-testid={props.id}>
      <legend>{props.legend}</legend>
      <div className="form-grid compact">
        <TextField
          id={`${props.id}-flight`}
          label={t('delegation.flight')}
          dir="ltr"
          hint="QR 713"
          value={leg.flight}
          autoFocus={props.focusFlight}
          onChange={(flight) => props.onChange({ ...leg, flight })}
        />
        <TextField
          id={`${props.id}-airport`}
          label={t('delegation.airport')}
          value={leg.airport}
          onChange={(airport) => props.onChange({ ...leg, airport })}
        />
        <div className="field span-2">
          <DualDateField
            id={`${props.id}-day`}
            label={t('delegation.flightDay')}
            value={leg.day}
            onChange={(day) => props.onChange({ ...leg, day })}
          />
        </div>
        <ClockField
          id={`${props.id}-time`}
          label={t('delegation.flightTime')}
          minutes={leg.time}
          onChange={(time) => props.onChange({ ...leg, time })}
        />
      </div>
      <button type="button" className="button small danger-outline" onClick={props.onRemove}>
        {props.removeLabel}
      </button>
    </fieldset>
  );
}

/** The cars put at the delegation's disposal: car, driver, phone; the phone's complaint comes from core. */
export function CarsEditor(props: {
  cars: readonly DelegationCar[];
  errors: Readonly<Record<string, string>>;
  onChange(cars: DelegationCar[]): void;
}) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<string | null>(null);
  const set = (i: number, next: DelegationCar) => props.onChange(props.cars.map((c, j) => (j === i ? next : c)));
  return (
    <fieldset className="delegation-cars" data-testid="delegation-cars">
      <legend>{t('delegation.cars')}</legend>
      {props.cars.map((car, i) => (
        <div key={car.id} className="form-grid compact car-row" data-testid="delegation-car">
          <TextField
            id={`car-${i}-car`}
            label={t('delegation.carName')}
            hint={t('delegation.carHint')}
            value={car.car}
            autoFocus={added === car.id}
            onChange={(v) => set(i, { ...car, car: v })}
          />
          <TextField
            id={`car-${i}-driver`}
            label={t('delegation.driverName')}
            value={car.driverName}
            onChange={(v) => set(i, { ...car, driverName: v })}
          />
          <TextField
            id={`car-${i}-phone`}
            label={t('delegation.driverPhone')}
            type="tel"
            dir="ltr"
            value={car.phone}
            error={props.errors[`cars.${i}.phone`]}
            onChange={(v) => set(i, { ...car, phone: v })}
          />
          <div className="field car-remove">
            <button
              type="button"
              className="button small danger-outline"
              onClick={() => props.onChange(props.cars.filter((_, j) => j !== i))}
            >
              {t('delegation.removeCar', { n: i + 1 })}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        data-testid="delegation-car-add"
        onClick={() => {
          const id = crypto.randomUUID();
          setAdded(id);
          props.onChange([...props.cars, { id, car: '', driverName: '', phone: '' }]);
        }}
      >
        + {t('delegation.addCar')}
      </button>
    </fieldset>
  );
}

/** The liaison officer and who receives the delegation: people of the directory or names typed. */
export function ReceptionFields(props: {
  hostOfficer: NamedPerson;
  receptionParty: readonly NamedPerson[];
  onHostOfficer(p: NamedPerson): void;
  onReceptionParty(list: NamedPerson[]): void;
}) {
  const { t } = useTranslation();
  // Keys for the rows (a typed name has no id of its own); the row just added takes the focus.
  const [rows, setRows] = useState(() => props.receptionParty.map(() => crypto.randomUUID()));
  const [added, setAdded] = useState<string | null>(null);
  const set = (i: number, p: NamedPerson) =>
    props.onReceptionParty(props.receptionParty.map((x, j) => (j === i ? p : x)));
  return (
    <fieldset className="delegation-reception" data-testid="delegation-reception">
      <legend>{t('delegation.receptionTitle')}</legend>
      <div className="field">
        <span>{t('delegation.hostOfficer')}</span>
        <PersonPicker
          label={t('delegation.hostOfficer')}
          personId={props.hostOfficer.personId}
          text={props.hostOfficer.name}
          allowText
          onChange={(personId, name) => props.onHostOfficer({ personId, name })}
          testId="delegation-hostOfficer"
        />
      </div>
      <p className="field-label">{t('delegation.receptionParty')}</p>
      <ol className="reception-party">
        {props.receptionParty.map((p, i) => (
          <li key={rows[i] ?? i}>
            <PersonPicker
              label={`${t('delegation.receptionParty')} ${i + 1}`}
              personId={p.personId}
              text={p.name}
              allowText
              onChange={(personId, name) => set(i, { personId, name })}
              testId={`reception-${i}`}
              autoFocus={rows[i] !== undefined && rows[i] === added}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`${t('common.remove')} ${i + 1}`}
              onClick={() => {
                setRows(rows.filter((_, j) => j !== i));
                props.onReceptionParty(props.receptionParty.filter((_, j) => j !== i));
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        data-testid="reception-add"
        onClick={() => {
          const key = crypto.randomUUID();
          setAdded(key);
          setRows([...rows, key]);
          props.onReceptionParty([...props.receptionParty, { personId: null, name: '' }]);
        }}
      >
        + {t('delegation.addReception')}
      </button>
    </fieldset>
  );
}

/** The sessions the delegation attends, for its own programme; the shared breaks go in it anyway. */
export function AttendedSessions(props: {
  sessions: readonly Session[];
  chosen: readonly string[];
  onChange(ids: string[]): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const lang = settings.language;
  const offered = [...props.sessions]
    .filter((s) => !PROGRAMME_WIDE_KINDS.has(s.kind))
    .sort((a, b) => a.day.localeCompare(b.day) || a.start - b.start);
  if (offered.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    props.onChange(offered.map((s) => s.id).filter((x) => (x === id ? on : props.chosen.includes(x))));
  return (
    <fieldset className="choice checklist attended-sessions" data-testid="delegation-sessions">
      <legend>{t('delegation.sessions')}</legend>
      <p className="field-hint">{t('delegation.sessionsHint')}</p>
      {offered.map((s) => (
        <label key={s.id}>
          <input
            type="checkbox"
            checked={props.chosen.includes(s.id)}
            onChange={(e) => toggle(s.id, e.target.checked)}
          />
          <bdi>{fmt.dayBoth(s.day)[0]}</bdi> <bdi dir="ltr">{fmt.clock(s.start)}</bdi> —{' '}
          {titleOf(s, lang) || t(`session.kind.${s.kind}`)}
        </label>
      ))}
    </fieldset>
  );
}
