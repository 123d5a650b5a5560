import type { KeyboardEvent, ReactNode, TextareaHTMLAttributes } from 'react';

/** A labelled text box with its error under it; `dir="auto"` unless the content has a known direction. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  dir?: 'ltr' | 'rtl' | 'auto';
  type?: 'text' | 'email' | 'tel' | 'number';
  multiline?: boolean;
  /** One line of text that wraps in its box rather than scrolling out of sight (a long title). */
  wraps?: boolean;
  wide?: boolean;
  hint?: string;
  autoFocus?: boolean;
  /** In a form under the unsaved-changes rule: the field its focus starts on, rather than the first one. */
  firstFocus?: boolean;
  children?: ReactNode;
}) {
  const common = {
    id: props.id,
    dir: props.dir ?? 'auto',
    value: props.value,
    placeholder: props.hint,
    autoFocus: props.autoFocus,
    'data-first-focus': props.firstFocus || undefined,
    'aria-invalid': props.error !== undefined,
  };
  return (
    <label className={props.wide ? 'field span-2' : 'field'} htmlFor={props.id}>
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea rows={3} {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : props.wraps ? (
        <WrappingInput {...common} onChange={props.onChange} />
      ) : (
        <input type={props.type ?? 'text'} {...common} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.error && <span className="field-error">{props.error}</span>}
      {props.children}
    </label>
  );
}

/** A labelled drop-down of fixed choices, each worded by `label(value)`. */
export function SelectField<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  options: readonly V[];
  optionLabel(value: V): string;
  onChange(value: V): void;
  dir?: 'ltr' | 'rtl';
}) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <select id={props.id} dir={props.dir} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * One line of text that wraps and grows in its box instead of scrolling, so a
 * long paper title is read whole. It behaves as a line: Enter submits the
 * form, and a line break pasted in becomes a space.
 */
export function WrappingInput(
  props: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
    value: string;
    onChange(value: string): void;
  },
) {
  const { onChange, onKeyDown, ...rest } = props;
  const submitOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };
  return (
    <textarea
      rows={1}
      {...rest}
      className={['wrapping-input', rest.className].filter(Boolean).join(' ')}
      onKeyDown={submitOnEnter}
      onChange={(e) => onChange(e.target.value.replace(/\s*[\r\n]+\s*/g, ' '))}
    />
  );
}
