import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CellEdit,
  CellProblem,
  DuplicateAction,
  DuplicateMatch,
  ImportPreview,
  PreviewRow,
  SetAsideReason,
} from '../../../../../shared/domain/registration-import';
import { Tabs } from '../../../components/Tabs';

const KINDS = ['add', 'rejected', 'duplicate', 'set_aside'] as const;
type Kind = (typeof KINDS)[number];

/** Row heights of the lists: one line, two for a duplicate (the row and the one it matches, side by side). */
const ROW_PX = 38;
const DUPLICATE_ROW_PX = 58;

/** The decisions of the rows of a preview, by Excel row number; a duplicate matched by name alone has none until decided. */
export type Decisions = ReadonlyMap<number, DuplicateAction>;

/**
 * What happens to a row when the coordinator has said nothing of it: a
 * duplicate by e-mail or phone is skipped; one by name alone must be looked
 * at ('review': two people may share a name); rejected rows and rows set
 * aside are left out.
 */
export function decisionOf(row: PreviewRow, decisions: Decisions): DuplicateAction | 'review' {
  const decided = decisions.get(row.row);
  if (decided) return decided;
  return row.kind === 'duplicate' && row.duplicateOf?.matchedBy === 'name' ? 'review' : 'skip';
}

/** A rejected row without a name cannot be taken as it is: its name must be given first. */
export function canTake(row: PreviewRow): boolean {
  return !row.problems.some((p) => p.code === 'name_missing');
}

/**
 * The rows of the file as the import would treat them: to add, rejected
 * (each cell's reason; a cell can be corrected here, or the row taken without
 * it), duplicates (whom each matches, and what to do), and rows that are not
 * people (totals, labels, footers, hidden rows), left out unless taken in.
 * Lists are virtualised: a 10,000-row file scrolls like a 10-row one.
 */
export function PreviewRows(props: {
  preview: ImportPreview;
  decisions: Decisions;
  onDecide(decisions: Decisions): void;
  onEdit(edit: CellEdit): void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('add');
  const rows = useMemo(() => props.preview.rows.filter((r) => r.kind === kind), [props.preview.rows, kind]);
  const count: Record<Kind, number> = {
    add: props.preview.counts.add,
    rejected: props.preview.counts.rejected,
    duplicate: props.preview.counts.duplicates,
    set_aside: props.preview.counts.setAside,
  };
  const decide = (row: number, action: DuplicateAction) => props.onDecide(new Map(props.decisions).set(row, action));
  const decideAll = (which: (row: PreviewRow) => boolean, action: (row: PreviewRow) => DuplicateAction) => {
    const next = new Map(props.decisions);
    for (const row of props.preview.rows) if (which(row)) next.set(row.row, action(row));
    props.onDecide(next);
  };

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
      {kind === 'duplicate' && <DuplicateActions rows={rows} decideAll={decideAll} />}
      {kind === 'rejected' && <RejectedActions rows={rows} decideAll={decideAll} />}
      {kind === 'set_aside' && <SetAsideActions rows={rows} decideAll={decideAll} />}
      {rows.length === 0 ? (
        <p className="muted">{t(`import.none.${kind}`)}</p>
      ) : (
        <VirtualRows
          rows={rows}
          height={kind === 'duplicate' ? DUPLICATE_ROW_PX : ROW_PX}
          render={(row) => (
            <RowLine row={row} decision={decisionOf(row, props.decisions)} onDecide={decide} onEdit={props.onEdit} />
          )}
        />
      )}
    </section>
  );
}

type DecideAll = (which: (row: PreviewRow) => boolean, action: (row: PreviewRow) => DuplicateAction) => void;

/** One line of actions per kind of match present: a match by e-mail is not judged like a match by name. */
function DuplicateActions(props: { rows: PreviewRow[]; decideAll: DecideAll }) {
  const { t } = useTranslation();
  const matches = countBy(props.rows, (r) => r.duplicateOf?.matchedBy ?? null);
  return (
    <div className="import-bulk">
      {[...matches].map(([match, n]) => (
        <div key={match} className="toolbar">
          <span>{t('import.forAllMatches', { match: t(`import.matchedBy.${match}`), count: n })}</span>
          {(['skip', 'keep', 'update'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className="button small"
              onClick={() =>
                props.decideAll(
                  (r) => r.kind === 'duplicate' && r.duplicateOf?.matchedBy === match,
                  // "Update" only exists for a registration already there; a row of the file can be kept or skipped.
                  (r) => (action === 'update' && r.duplicateOf?.registrationId == null ? 'skip' : action),
                )
              }
            >
              {t(`import.action.${action}`)}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}

/** For every row with the same problem: take them without the cell it is in. */
function RejectedActions(props: { rows: PreviewRow[]; decideAll: DecideAll }) {
  const { t } = useTranslation();
  const byCode = new Map<CellProblem['code'], number>();
  for (const row of props.rows) {
    if (!canTake(row)) continue;
    for (const code of new Set(row.problems.map((p) => p.code))) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  return (
    <div className="import-bulk">
      <p className="muted">{t('import.fixHint')}</p>
      {[...byCode].map(([code, n]) => (
        <div key={code} className="toolbar">
          <span>{t('import.forAllProblems', { problem: t(`import.problem.${code}`), count: n })}</span>
          <button
            type="button"
            className="button small"
            onClick={() =>
              props.decideAll(
                (r) => r.kind === 'rejected' && canTake(r) && r.problems.some((p) => p.code === code),
                () => 'keep',
              )
            }
          >
            {t('import.takeWithout')}
          </button>
        </div>
      ))}
    </div>
  );
}

function SetAsideActions(props: { rows: PreviewRow[]; decideAll: DecideAll }) {
  const { t } = useTranslation();
  const reasons = countBy(props.rows, (r) => r.setAside);
  return (
    <div className="import-bulk">
      <p className="muted">{t('import.setAsideHint')}</p>
      {[...reasons].map(([reason, n]) => (
        <div key={reason} className="toolbar">
          <span>{t('import.forAllSetAside', { reason: t(`import.setAside.${reason}`), count: n })}</span>
          <button
            type="button"
            className="button small"
            onClick={() =>
              props.decideAll(
                (r) => r.kind === 'set_aside' && r.setAside === reason,
                () => 'keep',
              )
            }
          >
            {t('import.takeIn')}
          </button>
        </div>
      ))}
    </div>
  );
}

/** How many rows fall under each key (null keys left out), in first-seen order. */
function countBy<K extends string>(rows: readonly PreviewRow[], key: (row: PreviewRow) => K | null): Map<K, number> {
  const counts = new Map<K, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function VirtualRows(props: { rows: PreviewRow[]; height: number; render(row: PreviewRow): ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.height,
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
                style={{ height: props.height, transform: `translateY(${item.start}px)` }}
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
  decision: DuplicateAction | 'review';
  onDecide(row: number, action: DuplicateAction): void;
  onEdit(edit: CellEdit): void;
}) {
  const { t } = useTranslation();
  const { row } = props;
  const v = row.values;
  const name = v.fullName || v.fullNameEn || '—';
  const number = <span className="import-row-number">{t('import.rowNumber', { row: row.row })}</span>;
  const nameCell = (
    <span className="import-row-name" title={v.organisation ? `${name} — ${v.organisation}` : name}>
      <bdi>{name}</bdi>
    </span>
  );
  const contact = (who: { email: string; mobile: string }) => (
    <span className="import-row-contact">
      {who.email && <bdi>{who.email}</bdi>} {who.mobile && <bdi dir="ltr">{who.mobile}</bdi>}
    </span>
  );

  if (row.kind === 'duplicate' && row.duplicateOf) {
    const of = row.duplicateOf;
    return (
      <div className="import-duplicate">
        <div className="import-duplicate-line">
          {number}
          {nameCell}
          <span className="import-row-org">
            <bdi>{v.organisation}</bdi>
          </span>
          {contact({ email: v.email, mobile: v.mobileE164 ?? v.mobile })}
          <select
            aria-label={t('import.decisionFor', { row: row.row })}
            value={props.decision}
            className={props.decision === 'review' ? 'undecided' : undefined}
            onChange={(event) => props.onDecide(row.row, event.target.value as DuplicateAction)}
          >
            {props.decision === 'review' && (
              <option value="review" disabled>
                {t('import.action.review')}
              </option>
            )}
            <option value="skip">{t('import.action.skip')}</option>
            <option value="keep">{t('import.action.keep')}</option>
            {of.registrationId && <option value="update">{t('import.action.update')}</option>}
          </select>
        </div>
        <div className="import-duplicate-line import-duplicate-match">
          <span className="import-row-number" aria-hidden="true">
            ↳
          </span>
          <span className="import-row-name">
            <bdi>{of.name}</bdi>
          </span>
          <span className="import-row-org">
            <bdi>{of.organisation}</bdi>
          </span>
          {contact(of)}
          <span className="import-duplicate-why">
            {t(`import.matchedBy.${of.matchedBy satisfies DuplicateMatch}`)} ·{' '}
            {of.row === null ? t('import.alreadyRegistered') : t('import.rowNumber', { row: of.row })}
          </span>
        </div>
      </div>
    );
  }

  if (row.kind === 'rejected' || row.kind === 'set_aside') {
    const taken = props.decision === 'keep';
    return (
      <>
        {number}
        {nameCell}
        {row.kind === 'set_aside' && row.setAside ? (
          <span className="import-row-reason">{t(`import.setAside.${row.setAside satisfies SetAsideReason}`)}</span>
        ) : (
          <span className="import-row-problems">
            {row.problems.map((p) => (
              <ProblemCell key={`${p.field}:${p.column}`} row={row.row} problem={p} onEdit={props.onEdit} />
            ))}
          </span>
        )}
        {canTake(row) && (
          <label className="import-row-take">
            <input
              type="checkbox"
              checked={taken}
              onChange={(event) => props.onDecide(row.row, event.target.checked ? 'keep' : 'skip')}
            />
            {t(row.kind === 'rejected' ? 'import.takeWithoutOne' : 'import.takeInOne')}
          </label>
        )}
      </>
    );
  }

  return (
    <>
      {number}
      {nameCell}
      <span className="import-row-org" title={v.organisation}>
        <bdi>{v.organisation}</bdi>
      </span>
      {contact({ email: v.email, mobile: v.mobileE164 ?? '' })}
    </>
  );
}

/** A cell that cannot be read: its reason and text; a click opens it for correction (Enter applies, Escape cancels). */
function ProblemCell(props: { row: number; problem: CellProblem; onEdit(edit: CellEdit): void }) {
  const { t } = useTranslation();
  const { problem } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const label = t(`import.fields.${problem.field}`);
  const column = problem.column;
  if (editing !== null && column !== null) {
    return (
      <input
        className="import-problem-edit"
        aria-label={t('import.correctCell', { field: label, row: props.row })}
        // biome-ignore lint/a11y/noAutofocus: the field was opened by the click on it, to be typed in at once
        autoFocus
        value={editing}
        onChange={(event) => setEditing(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            props.onEdit({ row: props.row, column, value: editing });
            setEditing(null);
          } else if (event.key === 'Escape') {
            // Only this field closes, not the dialog around it.
            event.preventDefault();
            event.stopPropagation();
            setEditing(null);
          }
        }}
        onBlur={() => setEditing(null)}
      />
    );
  }
  const content = (
    <>
      {label}: {t(`import.problem.${problem.code}`)}
      {problem.value && (
        <>
          {' '}
          (<bdi>{problem.value}</bdi>)
        </>
      )}
    </>
  );
  return column === null ? (
    <span className="import-problem" title={problem.value}>
      {content}
    </span>
  ) : (
    <button
      type="button"
      className="import-problem"
      title={t('import.clickToCorrect')}
      onClick={() => setEditing(problem.value)}
    >
      {content}
    </button>
  );
}
