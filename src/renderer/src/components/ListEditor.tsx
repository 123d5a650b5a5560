import { useTranslation } from 'react-i18next';

/** An ordered list of short texts (organisers, partners, objectives): add, edit, remove. */
export function ListEditor(props: {
  id: string;
  label: string;
  items: string[];
  placeholder: string;
  multiline?: boolean;
  onChange(items: string[]): void;
}) {
  const { t } = useTranslation();
  const set = (index: number, value: string) => props.onChange(props.items.map((v, i) => (i === index ? value : v)));
  const remove = (index: number) => props.onChange(props.items.filter((_, i) => i !== index));
  const add = () => props.onChange([...props.items, '']);

  return (
    <fieldset className="list-editor" id={props.id}>
      <legend>{props.label}</legend>
      <ol>
        {props.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a plain list of strings
          <li key={index}>
            <input
              type="text"
              dir="auto"
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
