import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockInput } from '../../../shared/calendar/clock';
import { typedBoxEvents } from '../lib/typed-box';
import { type ClockProblem, readTypedClock, tidyTypedClock } from '../lib/typed-clock';

const problemKey: Record<ClockProblem, string> = {
  format: 'errors.clockFormat',
  hour: 'errors.clockHour',
  minute: 'errors.clockMinute',
};

/**
 * A time of day in the app's own box, on the 24-hour clock ("14:30"), never
 * the browser's time input (whose "02:30 PM" follows the computer's locale).
 * An impossible hour or minute is refused as it is typed; the value changes
 * only to a real time.
 */
export function ClockField(props: {
  id: string;
  label: string;
  /** Minutes from midnight, or null for none yet. */
  minutes: number | null;
  onChange(minutes: number): void;
  /** A complaint from the form about the value itself (an end before the start). */
  error?: string | undefined;
  className?: string;
  /** Shown beside the box (a "next day" switch). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const shown = props.minutes === null ? '' : clockInput(props.minutes);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<ClockProblem | null>(null);

  // The value changed elsewhere (a drag on the grid, the other box): show it.
  useEffect(() => {
    setText(shown);
    setProblem(null);
  }, [shown]);

  const read = (next: string, final: boolean) => {
    const reading = readTypedClock(next, final);
    if (reading.state === 'wrong') {
      setProblem(reading.reason);
      return;
    }
    setProblem(null);
    if (reading.state === 'complete') {
      if (reading.minutes !== props.minutes) props.onChange(reading.minutes);
      else if (final) setText(clockInput(reading.minutes));
    } else if (final) setText(shown);
  };
  const error = problem ? t(problemKey[problem]) : props.error;

  return (
    <label className={props.className ?? 'field'} htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        type="text"
        inputMode="numeric"
        dir="ltr"
        autoComplete="off"
        className="clock"
        id={props.id}
        placeholder={t('date.clockHint')}
        data-hint-ltr
        maxLength={5}
        aria-invalid={error !== undefined}
        data-refused={problem !== null}
        {...typedBoxEvents(text, setText, tidyTypedClock, read)}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {props.children}
    </label>
  );
}
