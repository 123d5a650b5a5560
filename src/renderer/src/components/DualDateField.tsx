import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  formatHijri,
  formatHijriMonth,
  gregorianToHijri,
  hijriMonthLength,
  hijriToGregorian,
  parseTypedDate,
} from '../../../shared/calendar/hijri';
import { useApp } from '../app/app-context';

/** The Hijri box shows dd/mm/yyyy in Latin digits, the form people type. */
const hijriNumeric = (iso: string) =>
  formatHijri(iso, { lang: 'en', digits: 'latn', style: 'numeric' }).replace(' AH', '');

/**
 * A day, picked or typed in either calendar, always shown in both. The
 * Gregorian side is the browser's date input; the Hijri side is typed
 * (day/month/year, Latin or Arabic-Indic digits) or picked from a month grid.
 * The value is an ISO day; a Hijri day that does not exist is refused here.
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
  const [hijriText, setHijriText] = useState(() => hijriNumeric(props.value));
  const [typingError, setTypingError] = useState<string | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const hintId = useId();
  const pickerButton = useRef<HTMLButtonElement>(null);
  const closePicker = () => {
    setPickerOpen(false);
    pickerButton.current?.focus();
  };

  useEffect(() => {
    setHijriText(hijriNumeric(props.value));
    setTypingError(null);
  }, [props.value]);

  const commitHijri = () => {
    const parsed = parseTypedDate(hijriText, 'hijri');
    if (parsed.ok) {
      setTypingError(null);
      if (parsed.iso !== props.value) props.onChange(parsed.iso);
    } else {
      setTypingError(t(parsed.reason === 'nonexistent' ? 'errors.hijriNonexistent' : 'errors.dateFormat'));
    }
  };

  const gregorianInput = (
    <label className="date-part" key="g">
      <span>{t('date.gregorian')}</span>
      <input
        type="date"
        id={`${props.id}-gregorian`}
        data-testid={`${props.id}-gregorian`}
        value={props.value}
        onChange={(e) => e.target.value && props.onChange(e.target.value)}
      />
    </label>
  );
  const hijriInput = (
    <div className="date-part" key="h">
      <label htmlFor={`${props.id}-hijri`}>{t('date.hijri')}</label>
      <div className="hijri-input">
        <input
          type="text"
          inputMode="numeric"
          dir="ltr"
          id={`${props.id}-hijri`}
          data-testid={`${props.id}-hijri`}
          placeholder={t('date.typeHint')}
          aria-describedby={hintId}
          aria-invalid={typingError !== null}
          value={hijriText}
          onChange={(e) => setHijriText(e.target.value)}
          onBlur={commitHijri}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitHijri();
            }
          }}
        />
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
      </div>
      {pickerOpen && (
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
        {settings.primaryCalendar === 'hijri' ? [hijriInput, gregorianInput] : [gregorianInput, hijriInput]}
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
