import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRATION_CATEGORIES, REGISTRATION_STATUSES } from '../../../../shared/domain/registration';

export type CellEdit =
  | { kind: 'text'; dir: 'ltr' | 'auto'; type: 'text' | 'email' | 'tel' }
  | { kind: 'category' }
  | { kind: 'status' };

/**
 * A table cell edited in place. Enter (or leaving the cell) saves, Escape
 * cancels; a choice from a list saves at once. `onCommit` answers whether it
 * saved, or a message: the editor then stays open showing it (nothing was
 * saved). `onClose(refocus)`: whether the keyboard closed it, so the table
 * takes the focus back (not when the user clicked elsewhere).
 */
export function CellEditor(props: {
  label: string;
  edit: CellEdit;
  initial: string;
  onCommit(value: string): Promise<boolean | string>;
  onClose(refocus: boolean): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  // Closing moves the focus, which blurs the editor: that blur must not save a second time.
  const done = useRef(false);

  const commit = async (next: string, byKeyboard: boolean) => {
    if (done.current) return;
    if (next === props.initial) {
      done.current = true;
      props.onClose(byKeyboard);
      return;
    }
    done.current = true;
    const outcome = await props.onCommit(next);
    if (outcome === true) {
      props.onClose(byKeyboard);
      return;
    }
    done.current = false;
    setError(outcome === false ? null : outcome);
  };

  const keys = (event: KeyboardEvent) => {
    // The grid's own keys (arrows, Space, Delete) must not act while a cell is being edited.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit(value, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      done.current = true;
      props.onClose(true);
    }
  };

  const common = {
    'aria-label': props.label,
    'aria-invalid': error !== null,
    autoFocus: true,
    className: 'cell-input',
    onKeyDown: keys,
    onBlur: () => void commit(value, false),
  };

  return (
    <>
      {props.edit.kind === 'text' ? (
        <input
          {...common}
          type={props.edit.type}
          dir={props.edit.dir}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <select
          {...common}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            void commit(e.target.value, true);
          }}
        >
          {(props.edit.kind === 'category' ? REGISTRATION_CATEGORIES : REGISTRATION_STATUSES).map((v) => (
            <option key={v} value={v}>
              {t(`registrations.${props.edit.kind}.${v}`)}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span className="cell-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
