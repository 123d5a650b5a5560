import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateAction, ImportPreview, PreviewRow } from '../../../../../shared/domain/registration-import';
import { Tabs } from '../../../components/Tabs';

const KINDS = ['add', 'rejected', 'duplicate'] as const;
type Kind = (typeof KINDS)[number];

/** Row height of the lists; rows are one line (long text is cut with an ellipsis and shown in full on hover). */
const ROW_PX = 38;

/**
 * The rows of the file as the import would treat them: to add, rejected
 * (each cell's reason), duplicates (whom each matches, and what to do).
 * Lists are virtualised: a 10,000-row file scrolls like a 10-row one.
 */
export function PreviewRows(props: {
  preview: ImportPreview;
  decisions: ReadonlyMap<number, DuplicateAction>;
  onDecide(decisions: ReadonlyMap<number, DuplicateAction>): void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('add');
  const rows = useMemo(() => props.preview.rows.filter((r) => r.kind === kind), [props.preview.rows, kind]);
  const count: Record<Kind, number> = {
    add: props.preview.counts.add,
    rejected: props.preview.counts.rejected,
    duplicate: props.preview.counts.duplicates,
  };
  const decide = (row: number, action: DuplicateAction) => props.onDecide(new Map(props.decisions).set(row, action));
  const decideAll = (action: DuplicateAction) =>
    props.onDecide(
      new Map(
        props.preview.rows
          .filter((r) => r.kind === 'duplicate')
          // "Update" only exists for a registration already there; a row of the file can be kept or skipped.
          .map((r) => [r.row, action === 'update' && r.duplicateOf?.registrationId == null ? 'skip' : action]),
      ),
    );

  return (
    <section className="import-rows" aria-label={t('import.rows')}>
      <Tabs
        tabs={KINDS}
        current={kind}
        label={(k) => t(`import.kind.${k}`)}
        badge={(k) => (
          <span className={k === 'rejected' && count[k] > 0 ? 'import-tab-count bad' : 'import-tab-count'}>
            {count[k]}
          </span>
        )}
        onChange={setKind}
      />
      {kind === 'duplicate' && rows.length > 0 && (
        <div className="toolbar">
          <span>{t('import.forAllDuplicates')}</span>
          {(['skip', 'keep', 'update'] as const).map((action) => (
            <button key={action} type="button" className="button small" onClick={() => decideAll(action)}>
              {t(`import.action.${action}`)}
            </button>
          ))}
        </div>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t(`import.none.${kind}`)}</p>
      ) : (
        <VirtualRows
          rows={rows}
          render={(row) => <RowLine row={row} decision={props.decisions.get(row.row) ?? 'skip'} onDecide={decide} />}
        />
      )}
    </section>
  );
}

function VirtualRows(props: { rows: PreviewRow[]; render(row: PreviewRow): ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  return (
    <div ref={scrollRef} className="import-row-scroll">
      <ul className="import-row-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = props.rows[item.index];
          return (
            row && (
              <li
                key={row.row}
                className="import-row"
                style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
              >
                {props.render(row)}
              </li>
            )
          );
        })}
      </ul>
    </div>
  );
}

function RowLine(props: {
  row: PreviewRow;
  decision: DuplicateAction;
  onDecide(row: number, action: DuplicateAction): void;
}) {
  const { t } = useTranslation();
  const { row } = props;
  const v = row.values;
  const name = v.fullName || v.fullNameEn || '—';
  return (
    <>
      <span className="import-row-number">{t('import.rowNumber', { row: row.row })}</span>
      <span className="import-row-name" title={v.organisation ? `${name} — ${v.organisation}` : name}>
        <bdi>{name}</bdi>
      </span>
      {row.kind === 'duplicate' ? null : row.kind === 'rejected' ? (
        <span className="import-row-problems">
          {row.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row's problems never reorder
            <span key={i} className="import-problem" title={p.value}>
              {t(`import.fields.${p.field}`)}: {t(`import.problem.${p.code}`)}
              {p.value && (
                <>
                  {' '}
                  (<bdi>{p.value}</bdi>)
                </>
              )}
            </span>
          ))}
        </span>
      ) : (
        <>
          <span className="import-row-org" title={v.organisation}>
            <bdi>{v.organisation}</bdi>
          </span>
          <span className="import-row-contact">
            {v.email && <bdi>{v.email}</bdi>} {v.mobileE164 && <bdi dir="ltr">{v.mobileE164}</bdi>}
          </span>
        </>
      )}
      {row.kind === 'duplicate' && row.duplicateOf && (
        <>
          <span className="import-row-match" title={`${row.duplicateOf.name} ${row.duplicateOf.organisation}`}>
            {t(`import.matchedBy.${row.duplicateOf.matchedBy}`)} <bdi>{row.duplicateOf.name}</bdi>{' '}
            {row.duplicateOf.row === null
              ? t('import.alreadyRegistered')
              : t('import.rowNumber', { row: row.duplicateOf.row })}
          </span>
          <select
            aria-label={t('import.decisionFor', { row: row.row })}
            value={props.decision}
            onChange={(event) => props.onDecide(row.row, event.target.value as DuplicateAction)}
          >
            <option value="skip">{t('import.action.skip')}</option>
            <option value="keep">{t('import.action.keep')}</option>
            {row.duplicateOf.registrationId && <option value="update">{t('import.action.update')}</option>}
          </select>
        </>
      )}
    </>
  );
}
