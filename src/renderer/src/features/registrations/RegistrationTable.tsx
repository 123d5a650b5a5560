import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '../../../../shared/domain/programme';
import {
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationBulkPatch,
  registrationInputSchema,
} from '../../../../shared/domain/registration';
import { issuesFromZod } from '../../../../shared/errors';
import { registrantName } from '../../../../shared/people/protocol-name';
import {
  type RegistrationCounts,
  type RegistrationFilters,
  type SortKey,
  sortRegistrations,
} from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fieldErrors } from '../../lib/errors';
import { RegistrationFiltersBar } from './RegistrationFiltersBar';
import {
  COLUMNS,
  type Column,
  columnAt,
  fieldOf,
  OPEN_CELL,
  RegistrationRow,
  type RowActions,
  SELECT_CELL,
} from './RegistrationRow';
import { delegationName, inputOf } from './registration-text';
import type { Registrations } from './use-registrations';

/** The headers that sort, and by what; the name header also sorts by family name (the button beside it). */
const SORT_OF: Partial<Record<Column, SortKey>> = {
  code: 'code',
  name: 'name',
  organisation: 'organisation',
  category: 'category',
  status: 'status',
  checkedInAt: 'checkedInAt',
};

/** One fixed row height (long texts end in an ellipsis), so scrolling 20,000 rows stays smooth. */
const ROW_HEIGHT = 40;
const HEAD_HEIGHT = 44;
const PAGE_ROWS = 15;

/**
 * A forum's registrations as a table: search as you type, filters, sorting,
 * edit in place, bulk changes, delete with undo. Only the rows in view are in
 * the page, between two spacers that keep the scroll height of the whole list.
 * Keyboard, on the cells' own buttons (one of them is the Tab stop): arrows
 * move, Space ticks the row, Enter edits the cell (or opens the
 * registration), Delete deletes, Ctrl+A ticks every row shown.
 */
export function RegistrationTable(props: {
  registrations: Registrations;
  counts: RegistrationCounts;
  delegations: readonly Delegation[];
  onOpen(r: Registration): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const { undo } = useData();
  const lang = settings.language;
  const { list, index, update, remove, bulkUpdate } = props.registrations;
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<RegistrationFilters>({});
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<{ id: string | null; cell: number }>({ id: null, cell: 2 });
  const [editing, setEditing] = useState<{ id: string; column: Column } | null>(null);
  const [toDelete, setToDelete] = useState<string[] | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  /**
   * When the keyboard moved (a time): the active cell takes the focus once it is rendered, after
   * the scroll. A wish older than a second is dropped: the user has gone elsewhere since.
   */
  const focusWanted = useRef(0);

  // Sorting 20,000 names with Arabic collation takes tens of milliseconds: done when the
  // sort or the data changes, never per keystroke; a search only filters the sorted list.
  const sorted = useMemo(() => sortRegistrations(list ?? [], sort.key, sort.descending, lang), [list, sort, lang]);
  const filtering = query.trim() !== '' || Object.values(filters).some((v) => v != null);
  const shown = useMemo(() => {
    if (!filtering) return sorted;
    const hits = new Set(index.search(query, filters).map((r) => r.id));
    return sorted.filter((r) => hits.has(r.id));
  }, [sorted, index, query, filters, filtering]);
  const byId = useMemo(() => new Map((list ?? []).map((r) => [r.id, r])), [list]);
  const delegationNames = useMemo(
    () => new Map(props.delegations.map((d) => [d.id, delegationName(d, lang)])),
    [props.delegations, lang],
  );

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => shown[i]?.id ?? i,
    // The rows start below the header, which is sticky: it must not hide the row scrolled to.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = (items[0]?.start ?? HEAD_HEIGHT) - HEAD_HEIGHT;
  const padBottom = virtualizer.getTotalSize() - ((items.at(-1)?.end ?? HEAD_HEIGHT) - HEAD_HEIGHT);

  const activeIndex = active.id === null ? -1 : shown.findIndex((r) => r.id === active.id);
  // The Tab stop: the active cell when its row is in the page, else the first row in view.
  const tabRowId = items.some((i) => i.index === activeIndex) ? active.id : shown[items[0]?.index ?? -1]?.id;
  const shownSelected = useMemo(() => shown.filter((r) => selected.has(r.id)).length, [shown, selected]);

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = shownSelected > 0 && shownSelected < shown.length;
  }, [shownSelected, shown.length]);

  useEffect(() => {
    if (Date.now() - focusWanted.current > 1000 || active.id === null) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.id}:${active.cell}"]`);
    if (target) {
      focusWanted.current = 0;
      target.focus({ preventScroll: true });
    }
  });

  const moveTo = (rowIndex: number, cell = active.cell) => {
    const i = Math.max(0, Math.min(shown.length - 1, rowIndex));
    const row = shown[i];
    if (!row) return;
    focusWanted.current = Date.now();
    setActive({ id: row.id, cell: Math.max(SELECT_CELL, Math.min(OPEN_CELL, cell)) });
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const refocus = () => {
    focusWanted.current = Date.now();
    setActive((a) => ({ ...a }));
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const selectAllShown = (on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const r of shown) {
        if (on) next.add(r.id);
        else next.delete(r.id);
      }
      return next;
    });

  const startEdit = (r: Registration, column: Column) => {
    if (fieldOf(column, r, lang)) setEditing({ id: r.id, column });
    else props.onOpen(r);
  };
  const endEdit = (byKeyboard: boolean) => {
    setEditing(null);
    if (byKeyboard) refocus();
  };

  /** Saves one edited cell: whether it was saved, or the message to show under it. */
  const commitEdit = async (r: Registration, column: Column, value: string): Promise<boolean | string> => {
    const field = fieldOf(column, r, lang);
    if (!field) return false;
    const input = { ...inputOf(r), [field]: value };
    if (field === 'mobile') input.mobileE164 = null; // core reads the new number
    if (!input.fullName.trim() && !input.fullNameEn.trim()) return t('errors.nameRequired');
    const parsed = registrationInputSchema.safeParse(input);
    if (!parsed.success) return fieldErrors(issuesFromZod(parsed.error), t)[field] ?? t('errors.code.invalid_request');
    // Only this cell's field goes (and a new mobile's reading, which core redoes), with the version it was
    // read from: a check-in at the door since then is refused, and could not be carried back anyway.
    const patch =
      field === 'mobile' ? { mobile: parsed.data.mobile, mobileE164: null } : { [field]: parsed.data[field] };
    const outcome = await update(r.id, { ...patch, expectedUpdatedAt: r.updatedAt });
    if (outcome && 'issues' in outcome) {
      // Core may refuse another field than this one (a mobile it cannot read): say which.
      const messages = fieldErrors(outcome.issues, t);
      return messages[field] ?? Object.values(messages)[0] ?? t('errors.code.invalid_request');
    }
    return outcome !== null;
  };

  const deleteRows = async (ids: string[]) => {
    setToDelete(null);
    const gone = new Set(ids);
    const first = byId.get(ids[0] ?? '');
    // The current cell moves to the nearest row that stays.
    const after = shown.slice(Math.max(activeIndex, 0)).find((r) => !gone.has(r.id));
    const stays = after ?? shown.findLast((r) => !gone.has(r.id));
    if (!(await remove(ids))) return;
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    if (stays) {
      focusWanted.current = Date.now();
      setActive((a) => ({ ...a, id: stays.id }));
    }
    notify({
      message:
        ids.length === 1 && first
          ? t('registrations.deleted', { name: registrantName(first, lang) })
          : t('registrations.deletedMany', { number: fmt.number(ids.length) }),
      action: { label: t('common.undo'), run: undo },
    });
  };
  /** One row goes at once (undo is one key away); several ask first. */
  const requestDelete = (ids: string[]) => {
    if (ids.length > 1) setToDelete(ids);
    else if (ids.length === 1) void deleteRows(ids);
  };
  const selectedIds = () => [...selected].filter((id) => byId.has(id));

  const bulk = async (patch: RegistrationBulkPatch) => {
    const ids = selectedIds();
    if (ids.length === 0) return;
    if (await bulkUpdate(ids, patch)) {
      notify({
        message: t('registrations.bulkDone', { number: fmt.number(ids.length) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  /** The cell a control belongs to, from its `data-cell` ("<id>:<cell>"). */
  const cellOf = (target: EventTarget) => {
    const control = (target as HTMLElement).closest<HTMLElement>('[data-cell]');
    const [id = '', cell] = control?.dataset.cell?.split(':') ?? [];
    const r = byId.get(id);
    return r ? { r, cell: Number(cell), control: control as HTMLElement } : null;
  };

  const onKey = (event: KeyboardEvent<HTMLTableElement>) => {
    const hit = cellOf(event.target);
    if (!hit) return; // a header's button, or a cell being edited (its editor keeps its keys)
    const current = shown.indexOf(hit.r);
    const isBox = hit.cell === SELECT_CELL;
    const rtl = document.documentElement.dir === 'rtl';
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          moveTo(current + 1, hit.cell);
          return true;
        case 'ArrowUp':
          moveTo(current - 1, hit.cell);
          return true;
        case 'PageDown':
          moveTo(current + PAGE_ROWS, hit.cell);
          return true;
        case 'PageUp':
          moveTo(current - PAGE_ROWS, hit.cell);
          return true;
        case 'Home':
          moveTo(event.ctrlKey ? 0 : current, event.ctrlKey ? hit.cell : SELECT_CELL);
          return true;
        case 'End':
          moveTo(event.ctrlKey ? shown.length - 1 : current, event.ctrlKey ? hit.cell : OPEN_CELL);
          return true;
        case 'ArrowLeft':
        case 'ArrowRight':
          // The next cell is to the left in Arabic.
          moveTo(current, hit.cell + ((event.key === 'ArrowLeft') === rtl ? 1 : -1));
          return true;
        case ' ':
          if (isBox) return false; // the tick box ticks itself
          toggle(hit.r.id);
          return true;
        case 'Enter':
        case 'F2': {
          const column = columnAt(hit.cell);
          if (!column) return false; // the tick box and the open button do what they do
          startEdit(hit.r, column);
          return true;
        }
        case 'Delete':
          requestDelete(selected.size > 0 ? selectedIds() : [hit.r.id]);
          return true;
        case 'Escape':
          if (selected.size === 0) return false;
          setSelected(new Set());
          return true;
        case 'a':
          if (!(event.ctrlKey || event.metaKey)) return false;
          selectAllShown(true);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLTableElement>) => {
    const hit = cellOf(event.target);
    if (hit) setActive({ id: hit.r.id, cell: hit.cell });
  };
  const onDoubleClick = (event: MouseEvent<HTMLTableElement>) => {
    const hit = cellOf(event.target);
    const column = hit && columnAt(hit.cell);
    if (hit && column) startEdit(hit.r, column);
  };

  // Rows and the filters are memoised (scrolling renders this table every frame): they get
  // stable functions that call this render's.
  const latest = useRef({ toggle, onOpen: props.onOpen, commitEdit, endEdit, moveTo });
  latest.current = { toggle, onOpen: props.onOpen, commitEdit, endEdit, moveTo };
  const rowActions = useMemo<RowActions>(
    () => ({
      toggle: (id) => latest.current.toggle(id),
      open: (r) => latest.current.onOpen(r),
      commit: (r, column, value) => latest.current.commitEdit(r, column, value),
      closeEditor: (byKeyboard) => latest.current.endEdit(byKeyboard),
    }),
    [],
  );
  const leaveSearch = useMemo(() => () => latest.current.moveTo(0), []);

  const sortBy = (key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));

  const sortMark = (key: SortKey) =>
    sort.key === key && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>;
  const header = (column: Column) => {
    const key = SORT_OF[column];
    const label = t(`registrations.column.${column}`);
    const sortedHere = key && (sort.key === key || (column === 'name' && sort.key === 'familyName'));
    return (
      <th
        key={column}
        scope="col"
        className={`col-${column}`}
        aria-sort={sortedHere ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        {key ? (
          <button type="button" className="sort-button" onClick={() => sortBy(key)}>
            {label}
            {sortMark(key)}
          </button>
        ) : (
          label
        )}
        {column === 'name' && (
          <button
            type="button"
            className={sort.key === 'familyName' ? 'sort-button family active' : 'sort-button family'}
            title={t('registrations.sortFamilyHint')}
            onClick={() => sortBy('familyName')}
          >
            {t('registrations.sortFamily')}
            {sortMark('familyName')}
          </button>
        )}
      </th>
    );
  };

  const total = list?.length ?? 0;

  return (
    <section className="registrations" aria-label={t('registrations.tab.list')}>
      <RegistrationFiltersBar
        query={query}
        filters={filters}
        counts={props.counts}
        delegations={props.delegations}
        onQuery={setQuery}
        onFilters={setFilters}
        onLeaveSearch={leaveSearch}
      />

      <div className="bulk-bar" data-testid="bulk-bar">
        <span className="muted" aria-live="polite">
          {filtering && t('registrations.showing', { shown: fmt.number(shown.length), total: fmt.number(total) })}
        </span>
        {selected.size > 0 && (
          <>
            <strong>{t('registrations.selected', { number: fmt.number(selected.size) })}</strong>
            <select
              aria-label={t('registrations.setCategory')}
              value=""
              onChange={(e) => void bulk({ category: e.target.value as Registration['category'] })}
            >
              <option value="">{t('registrations.setCategory')}</option>
              {REGISTRATION_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`registrations.category.${c}`)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('registrations.setStatus')}
              value=""
              onChange={(e) => void bulk({ status: e.target.value as Registration['status'] })}
            >
              <option value="">{t('registrations.setStatus')}</option>
              {REGISTRATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`registrations.status.${s}`)}
                </option>
              ))}
            </select>
            <button type="button" className="button small danger-outline" onClick={() => requestDelete(selectedIds())}>
              {t('registrations.deleteSelected')}
            </button>
            <button type="button" className="button small" onClick={() => setSelected(new Set())}>
              {t('registrations.clearSelection')}
            </button>
          </>
        )}
        <span className="muted keyboard-hint">{t('registrations.keyboardHint')}</span>
      </div>

      {list !== null && total === 0 ? (
        <p className="empty">{t('registrations.empty')}</p>
      ) : (
        <div className="reg-scroll" ref={scrollRef}>
          <table
            className="data-table reg-table"
            aria-label={t('registrations.tableLabel')}
            aria-rowcount={shown.length + 1}
            data-testid="registrations-table"
            onKeyDown={onKey}
            onClick={onClick}
            onDoubleClick={onDoubleClick}
          >
            <thead>
              <tr aria-rowindex={1} style={{ height: HEAD_HEIGHT }}>
                <th scope="col" className="col-select">
                  <input
                    ref={selectAllRef}
                    type="checkbox"
                    aria-label={t('registrations.selectAll')}
                    checked={shown.length > 0 && shownSelected === shown.length}
                    onChange={(e) => selectAllShown(e.target.checked)}
                  />
                </th>
                {COLUMNS.map(header)}
                <th scope="col" className="col-open">
                  <span className="sr-only">{t('people.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && <Spacer height={padTop} />}
              {items.map((item) => {
                const r = shown[item.index];
                return (
                  r && (
                    <RegistrationRow
                      key={r.id}
                      r={r}
                      rowIndex={item.index}
                      height={ROW_HEIGHT}
                      selected={selected.has(r.id)}
                      tabCell={r.id === tabRowId ? active.cell : null}
                      editing={editing?.id === r.id ? editing.column : null}
                      delegation={r.delegationId ? delegationNames.get(r.delegationId) : undefined}
                      actions={rowActions}
                    />
                  )
                );
              })}
              {padBottom > 0 && <Spacer height={padBottom} />}
            </tbody>
          </table>
          {list === null && <p className="muted">{t('app.loading')}</p>}
          {list !== null && filtering && shown.length === 0 && <p className="empty">{t('registrations.noMatch')}</p>}
        </div>
      )}

      {toDelete && (
        <ConfirmDialog
          title={t('registrations.deleteConfirm.title')}
          body={t('registrations.deleteConfirm.body', { number: fmt.number(toDelete.length) })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={() => void deleteRows(toDelete)}
          onCancel={() => setToDelete(null)}
        />
      )}
    </section>
  );
}

/** Stands in for the rows out of view, keeping the scroll height of the whole list. */
function Spacer(props: { height: number }) {
  return (
    <tr className="spacer" style={{ height: props.height }}>
      <td colSpan={COLUMNS.length + 2} aria-hidden="true" />
    </tr>
  );
}
