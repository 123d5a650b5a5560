import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusAfterRender } from '../lib/focus-after-render';

/**
 * An ordered list of short texts (organisers, partners, objectives): add, edit, remove.
 * With `english`, each row has a second box for the item's English, kept beside it by
 * position: removing a row removes its English too.
 */
export function ListEditor(props: {
  id: string;
  label: string;
  items: string[];
  placeholder: string;
  multiline?: boolean;
  onChange(items: string[]): void;
  english?: { label: string; items: string[]; onChange(items: string[]): void };
}) {
  const { t } = useTranslation();
  const { english } = props;
  const set = (index: number, value: string) => props.onChange(props.items.map((v, i) => (i === index ? value : v)));
  /** The English of every row, as long as the list (a file from before had none). */
  const englishItems = props.items.map((_, i) => english?.items[i] ?? '');
  const setEnglish = (index: number, value: string) =>
    english?.onChange(englishItems.map((v, i) => (i === index ? value : v)));
  const listRef = useRef<HTMLFieldSetElement>(null);
  /**
   * The row to focus once the list is drawn again: a row added takes the focus so the keyboard types
   * straight into it; a row removed (its × gone with it) hands the focus to the row before, or to "+ new item".
   */
  const focusAfterRender = useFocusAfterRender();
  // The new row's box, or the row before the removed one (the add button when none is left).
  const focusRow = (index: number) =>
    focusAfterRender(
      () =>
        listRef.current?.querySelectorAll<HTMLInputElement>('li input[data-list-item]')[Math.max(index, 0)] ??
        listRef.current?.querySelector<HTMLButtonElement>(':scope > button'),
    );
  const add = () => {
    focusRow(props.items.length);
    props.onChange([...props.items, '']);
  };
  const remove = (index: number) => {
    focusRow(index - 1);
    props.onChange(props.items.filter((_, i) => i !== index));
    english?.onChange(englishItems.filter((_, i) => i !== index));
  };

  return (
    <fieldset className="list-editor" id={props.id} ref={listRef}>
      <legend>{props.label}</legend>
      <ol>
        {props.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a plain list of strings
          <li key={index}>
            <input
              type="text"
              dir="auto"
              data-list-item
              value={item}
              aria-label={`${props.label} ${index + 1}`}
              placeholder={props.placeholder}
              onChange={(e) => set(index, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (index === props.items.length - 1 && item.trim()) add();
                }
              }}
            />
            {english && (
              <input
                type="text"
                dir="ltr"
                id={`${props.id}-en-${index}`}
                value={englishItems[index]}
                aria-label={`${props.label} ${english.label} ${index + 1}`}
                placeholder={english.label}
                onChange={(e) => setEnglish(index, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    if (index === props.items.length - 1 && item.trim()) add();
                  }
                }}
              />
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={`${t('common.remove')} ${index + 1}`}
              onClick={() => remove(index)}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button small" onClick={add} data-testid={`${props.id}-add`}>
        + {t('forum.newItem')}
      </button>
    </fieldset>
  );
}
