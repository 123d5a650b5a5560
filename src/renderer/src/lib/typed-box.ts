import type { ChangeEvent, KeyboardEvent } from 'react';

/**
 * The events of a box whose text is read as it is typed (the app's own date
 * and time boxes): each keystroke is tidied and read as a part of a value,
 * and the whole text is read again, as final, on leaving the box or on Enter.
 */
export function typedBoxEvents(
  text: string,
  setText: (text: string) => void,
  tidy: (typed: string) => string,
  read: (text: string, final: boolean) => void,
) {
  return {
    value: text,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const next = tidy(event.target.value);
      setText(next);
      read(next, false);
    },
    onBlur: () => read(text, true),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      read(text, true);
    },
  };
}
