import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  formatHijri,
  formatHijriMonth,
  gregorianToHijri,
  hijriMonthLength,
  hijriToGregorian,
} from '../../../shared/calendar/hijri';
import { useApp } from '../app/app-context';
import { typedBoxEvents } from '../lib/typed-box';
import { type Calendar, type DayProblem, readTypedDay, tidyTypedDay, YEAR_RANGE } from '../lib/typed-date';

/** Both boxes show dd/mm/yyyy in Latin digits, the form people type, whatever the browser's locale. */
const numericDay = (iso: string, calendar: Calendar) =>
  calendar === 'hijri'
    ? formatHijri(iso, { lang: 'en', digits: 'latn', style: 'numeric' }).replace(' AH', '')
    : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const problemKey: Record<Calendar, Record<DayProblem, string>> = {
  gregorian: {
    format: 'errors.dateFormatGregorian',
    day: 'errors.dayTooLarge',
    month: 'errors.monthTooLarge',
    year: 'errors.yearDigits',
    nonexistent: 'errors.gregorianNonexistent',
    range: 'errors.yearRangeGregorian',
  },
  hijri: {
    format: 'errors.dateFormat',
    day: 'errors.dayTooLargeHijri',
    month: 'errors.monthTooLarge',
    year: 'errors.yearDigits',
    nonexistent: 'errors.hijriNonexistent',
    range: 'errors.yearRangeHijri',
  },
};

/**
 * A day, typed in either calendar (or picked from the Hijri month grid),
 * always shown in both. Both boxes are the app's own, day/month/year: never
 * the browser's date input, whose order follows the computer's locale. An
 * impossible part is refused as it is typed; the value changes only to a
 * real day within the years an event can have.
 */
export function DualDateField(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onChange(iso: string): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { language: lang, digits } = settings;
  // A box's complaint is about the day it was typed over; once the day changes elsewhere, it no longer applies.
  const [complaint, setComplaint] = useState<{ message: string; over: string } | null>(null);
  const typingError = complaint?.over === props.value ? complaint.message : null;
  const [pickerOpen, setPickerOpen] = useState(false);
  const hintId = useId();
  const pickerButton = useRef<HTMLButtonElement>(null);
  const closePicker = () => {
    setPickerOpen(false);
    pickerButton.current?.focus();
  };

  const box = (calendar: Calendar) => (
    <div className="date-part" key={calendar}>
      <label htmlFor={`${props.id}-${calendar}`}>{t(`date.${calendar}`)}</label>
      <div className="hijri-input">
        <DayBox
          id={`${props.id}-${calendar}`}
          calendar={calendar}
          value={props.value}
          describedBy={hintId}
          onProblem={(message) => setComplaint(message === null ? null : { message, over: props.value })}
          onChange={props.onChange}
        />
        {calendar === 'hijri' && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('date.openHijriPicker')}
            aria-expanded={pickerOpen}
            ref={pickerButton}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && pickerOpen) {
                e.preventDefault();
                setPickerOpen(false);
              }
            }}
            onClick={() => setPickerOpen((open) => !open)}
          >
            <CalendarIcon />
          </button>
        )}
      </div>
      {calendar === 'hijri' && pickerOpen && (
        <HijriMonthGrid
          value={props.value}
          lang={lang}
          digits={digits}
          onPick={(iso) => {
            closePicker();
            props.onChange(iso);
          }}
          onEscape={closePicker}
        />
      )}
    </div>
  );
  const [first, second] = fmt.dayBoth(props.value);
  const error = typingError ?? props.error;

  return (
    <fieldset className="date-field" id={props.id}>
      <legend>{props.label}</legend>
      <div className="date-parts">
        {settings.primaryCalendar === 'hijri' ? [box('hijri'), box('gregorian')] : [box('gregorian'), box('hijri')]}
      </div>
      <p className="date-both" id={hintId} data-testid={`${props.id}-both`}>
        {first} <span aria-hidden="true">—</span> {second}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One calendar's box: what is typed is read as it is typed, and becomes the value once it is a whole real day. */
function DayBox(props: {
  id: string;
  calendar: Calendar;
  value: string;
  describedBy: string;
  onProblem(message: string | null): void;
  onChange(iso: string): void;
}) {
  const { t } = useTranslation();
  const { calendar } = props;
  const [text, setText] = useState(() => numericDay(props.value, calendar));
  const [wrong, setWrong] = useState(false);
  const range = YEAR_RANGE[calendar];

  // The value changed elsewhere (the other box, the picker, the first day dragging the last): show it.
  useEffect(() => {
    setText(numericDay(props.value, calendar));
    setWrong(false);
  }, [props.value, calendar]);

  const read = (next: string, final: boolean) => {
    const reading = readTypedDay(next, calendar, final);
    if (reading.state === 'wrong') {
      setWrong(true);
      props.onProblem(t(problemKey[calendar][reading.reason], range));
      return;
    }
    setWrong(false);
    props.onProblem(null);
    if (reading.state === 'complete' && reading.iso !== props.value) props.onChange(reading.iso);
    else if (final && reading.state === 'complete') setText(numericDay(reading.iso, calendar));
    else if (final && reading.state === 'empty') setText(numericDay(props.value, calendar));
  };

  return (
    <input
      type="text"
      inputMode="numeric"
      dir="ltr"
      autoComplete="off"
      id={props.id}
      data-testid={props.id}
      placeholder={t('date.typeHint')}
      data-hint-ltr
      aria-describedby={props.describedBy}
      aria-invalid={wrong}
      data-refused={wrong}
      {...typedBoxEvents(text, setText, tidyTypedDay, read)}
    />
  );
}

/** A Hijri month as a grid of days, weeks starting on Saturday as on Gulf calendars. */
function HijriMonthGrid(props: {
  value: string;
  lang: 'ar' | 'en';
  digits: 'latn' | 'arab';
  onPick(iso: string): void;
  /** Escape closes the grid alone, never the form around it. */
  onEscape(): void;
}) {
  const { t } = useTranslation();
  const selected = gregorianToHijri(props.value);
  const [shown, setShown] = useState({ year: selected.year, month: selected.month });
  const firstIso = hijriToGregorian({ ...shown, day: 1 }) ?? props.value;
  const length = hijriMonthLength(shown.year, shown.month);
  // getUTCDay: 0 = Sunday … 6 = Saturday; shift so Saturday is column 0.
  const lead = (new Date(`${firstIso}T00:00:00Z`).getUTCDay() + 1) % 7;
  const step = (delta: number) =>
    setShown(({ year, month }) => {
      const m = month + delta;
      return m < 1 ? { year: year - 1, month: 12 } : m > 12 ? { year: year + 1, month: 1 } : { year, month: m };
    });
  const number = new Intl.NumberFormat(`${props.lang}-u-nu-${props.digits}`);

  return (
    <fieldset
      className="hijri-grid"
      aria-label={formatHijriMonth(shown.year, shown.month, props)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        props.onEscape();
      }}
    >
      <div className="hijri-grid-head">
        <button type="button" className="icon-button" aria-label={t('date.prevMonth')} onClick={() => step(-1)}>
          ‹
        </button>
        <strong>{formatHijriMonth(shown.year, shown.month, props)}</strong>
        <button type="button" className="icon-button" aria-label={t('date.nextMonth')} onClick={() => step(1)}>
          ›
        </button>
      </div>
      <div className="hijri-grid-days">
        {Array.from({ length: lead }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: empty cells before day 1, nothing to tell apart
          <span key={`lead-${i}`} />
        ))}
        {Array.from({ length }, (_, i) => {
          const iso = addDays(firstIso, i);
          const isSelected = iso === props.value;
          return (
            <button
              type="button"
              key={iso}
              className={isSelected ? 'day selected' : 'day'}
              aria-pressed={isSelected}
              data-iso={iso}
              onClick={() => props.onPick(iso)}
            >
              {number.format(i + 1)}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

function CalendarIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
