import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockBoxText } from '../../../shared/calendar/clock';
import { useApp } from '../app/app-context';
import { typedBoxEvents } from '../lib/typed-box';
import { type ClockProblem, readTypedClock, tidyTypedClock } from '../lib/typed-clock';

const problemKey: Record<ClockProblem, string> = {
  format: 'errors.clockFormat',
  hour: 'errors.clockHour',
  hour12: 'errors.clockHour12',
  minute: 'errors.clockMinute',
};

/**
 * A time of day in the app's own box, on the app's clock ("14:30", or
 * "2:30 PM" / «2:30 م» when the settings ask for 12 hours), never the
 * browser's time input (whose "02:30 PM" follows the computer's locale).
 * Either way of writing a time is read, whichever clock is shown.
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
  const { settings } = useApp();
  const boxText = (minutes: number) => clockBoxText(minutes, settings.clock, settings.language);
  const shown = props.minutes === null ? '' : boxText(props.minutes);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<ClockProblem | null>(null);

  const box = useRef<HTMLInputElement>(null);
  // The value changed elsewhere (a drag on the grid, the other box, the clock setting): show it. Not while
  // it is being typed and already reads so: "3:45 p" is 15:45, and the "m" still to come must not land
  // after a «3:45 م» put in its place.
  useEffect(() => {
    setText((typed) => {
      const [reading, value] = [readTypedClock(typed, true), readTypedClock(shown, true)];
      const typing = document.activeElement === box.current;
      const same = reading.state === 'complete' && value.state === 'complete' && reading.minutes === value.minutes;
      return typing && same ? typed : shown;
    });
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
      else if (final) setText(boxText(reading.minutes));
    } else if (final) setText(shown);
  };
  const error = problem ? t(problemKey[problem]) : props.error;

  return (
    <label className={props.className ?? 'field'} htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        type="text"
        // The 12-hour clock's marker (ص, م, PM) is typed too: a keyboard of digits alone would not do.
        inputMode={settings.clock === '12h' ? 'text' : 'numeric'}
        dir="ltr"
        autoComplete="off"
        className="clock"
        ref={box}
        id={props.id}
        placeholder={t(settings.clock === '12h' ? 'date.clockHint12' : 'date.clockHint')}
        data-hint-ltr
        maxLength={settings.clock === '12h' ? 12 : 5}
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
