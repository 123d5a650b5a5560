import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isRegistrantTextField,
  REGISTRANT_TEXT_FIELDS,
  type RegistrantTextField,
} from '../../../../shared/domain/registrant-fields';
import type { Registration } from '../../../../shared/domain/registration';
import { registrantName } from '../../../../shared/people/protocol-name';
import { useApp } from '../../app/app-context';
import { type CellEdit, CellEditor } from './CellEditor';
import { clockOf } from './registration-text';

export const COLUMNS = [
  'code',
  'name',
  'organisation',
  'position',
  'mobile',
  'email',
  'category',
  'status',
  'delegation',
  'checkedInAt',
] as const;
export type Column = (typeof COLUMNS)[number];

/**
 * Cells as the keyboard walks them: 0 is the row's tick box, then the
 * columns above, then the row's "open" button.
 */
export const SELECT_CELL = 0;
export const OPEN_CELL = COLUMNS.length + 1;
export const columnAt = (cell: number): Column | undefined => COLUMNS[cell - 1];

/** A text field's editor, as the registrant fields' table describes the field. */
const textEdit = (field: RegistrantTextField): CellEdit => {
  const { dir, input } = REGISTRANT_TEXT_FIELDS[field];
  return { kind: 'text', dir: dir === 'ltr' ? 'ltr' : 'auto', type: input };
};

const EDIT_OF: Partial<Record<Column, CellEdit>> = {
  // The name cell edits the Arabic or the English name, so it follows the text typed.
  name: { kind: 'text', dir: 'auto', type: 'text' },
  organisation: textEdit('organisation'),
  position: textEdit('position'),
  mobile: textEdit('mobile'),
  email: textEdit('email'),
  category: { kind: 'category' },
  status: { kind: 'status' },
};

/** Columns whose values read left to right in either language: the badge code, and the fields that do. */
const LTR_COLUMNS: ReadonlySet<Column> = new Set(
  COLUMNS.filter((c) => c === 'code' || (isRegistrantTextField(c) && REGISTRANT_TEXT_FIELDS[c].dir === 'ltr')),
);

export type EditableField =
  | 'fullName'
  | 'fullNameEn'
  | 'organisation'
  | 'position'
  | 'mobile'
  | 'email'
  | 'category'
  | 'status';

/** The field a cell edits: the name cell edits the name it shows (the English one in the English UI, when there is one). */
export function fieldOf(column: Column, r: Registration, lang: 'ar' | 'en'): EditableField | null {
  if (column === 'name') return lang === 'en' && r.fullNameEn ? 'fullNameEn' : 'fullName';
  return EDIT_OF[column] ? (column as EditableField) : null;
}

/** What a row asks of its table; the table passes one stable object, so rows that did not change are not rendered again. */
export interface RowActions {
  toggle(id: string): void;
  open(r: Registration): void;
  commit(r: Registration, column: Column, value: string): Promise<boolean | string>;
  closeEditor(byKeyboard: boolean): void;
}

/**
 * One registration in the table. Each cell's value is a button (the keyboard
 * walks them; `tabCell` is the row's Tab stop, if it has it); the cell being
 * edited holds its editor instead.
 */
export const RegistrationRow = memo(function RegistrationRow(props: {
  r: Registration;
  rowIndex: number;
  height: number;
  selected: boolean;
  tabCell: number | null;
  editing: Column | null;
  delegation: string | undefined;
  actions: RowActions;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { r, actions } = props;
  const lang = settings.language;
  const name = registrantName(r, lang);
  const focusable = (cell: number) => ({
    'data-cell': `${r.id}:${cell}`,
    tabIndex: props.tabCell === cell ? 0 : -1,
  });

  const content = (column: Column): ReactNode => {
    switch (column) {
      case 'code':
        return <bdi dir="ltr">{r.code}</bdi>;
      case 'name':
        return <bdi>{name}</bdi>;
      case 'organisation':
      case 'position':
        return <bdi>{r[column]}</bdi>;
      case 'mobile':
      case 'email':
        return <bdi dir="ltr">{r[column]}</bdi>;
      case 'category':
        return <span className={`badge category-${r.category}`}>{t(`registrations.category.${r.category}`)}</span>;
      case 'status':
        return <span className={`badge reg-status status-${r.status}`}>{t(`registrations.status.${r.status}`)}</span>;
      case 'delegation':
        return props.delegation && <bdi>{props.delegation}</bdi>;
      case 'checkedInAt':
        return r.checkedInAt && <time dateTime={r.checkedInAt}>{clockOf(r.checkedInAt, fmt)}</time>;
    }
  };

  return (
    <tr
      aria-rowindex={props.rowIndex + 2}
      className={props.selected ? 'selected' : undefined}
      style={{ height: props.height }}
      data-testid="registration-row"
    >
      <td className="col-select">
        <input
          type="checkbox"
          aria-label={t('registrations.selectOne', { name })}
          checked={props.selected}
          onChange={() => actions.toggle(r.id)}
          {...focusable(SELECT_CELL)}
        />
      </td>
      {COLUMNS.map((column, c) => {
        const edit = EDIT_OF[column];
        const field = fieldOf(column, r, lang);
        if (props.editing === column && edit && field) {
          return (
            <td key={column} className={`col-${column} editing`}>
              <CellEditor
                label={t(`registrations.column.${column}`)}
                edit={edit}
                initial={r[field]}
                onCommit={(value) => actions.commit(r, column, value)}
                onClose={actions.closeEditor}
              />
            </td>
          );
        }
        return (
          <td key={column} className={`col-${column}`}>
            <button
              type="button"
              className={LTR_COLUMNS.has(column) ? 'cell-button ltr' : 'cell-button'}
              {...focusable(c + 1)}
            >
              {content(column)}
            </button>
          </td>
        );
      })}
      <td className="col-open">
        <button
          type="button"
          className="icon-button"
          aria-label={t('registrations.openOne', { name })}
          title={t('registrations.openOne', { name })}
          onClick={() => actions.open(r)}
          {...focusable(OPEN_CELL)}
        >
          ✎
        </button>
      </td>
    </tr>
  );
});
