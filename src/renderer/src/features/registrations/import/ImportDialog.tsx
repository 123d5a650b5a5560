import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_MAX_BYTES,
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  type RegistrationCategory,
  type RegistrationStatus,
} from '../../../../../shared/domain/registration';
import type {
  CellEdit,
  ImportField,
  ImportPreview,
  ImportResult,
} from '../../../../../shared/domain/registration-import';
import { useApp } from '../../../app/app-context';
import { useData } from '../../../app/data-context';
import { FileChooser, useFileDialog } from '../../../components/FileDialog';
import { SelectField } from '../../../components/TextField';
import { api } from '../../../lib/api';
import { describeError } from '../../../lib/errors';
import { fileToBase64 } from '../../../lib/file-bytes';
import './import.css';
import { FileName } from '../../../components/FileName';
import { StatusLine } from '../../../components/StatusLine';
import { useSaveFile } from '../../../lib/use-save-file';
import { MappingTable } from './MappingTable';
import { canTake, type Decisions, decisionOf, PreviewRows } from './PreviewRows';

export interface ImportDialogProps {
  forumId: string;
  /** A file dropped on the registrations page; null opens the dialog on its file picker. */
  initialFile: File | null;
  onClose(): void;
  /** After a commit: the page reloads its registrations. */
  onImported(result: ImportResult): void;
}

type Stage =
  | { name: 'choose'; error: string | null }
  | { name: 'reading'; fileName: string }
  | { name: 'preview'; preview: ImportPreview; busy: boolean }
  | { name: 'done'; preview: ImportPreview; result: ImportResult };

/** Accepted by the picker; anything else dropped is still sent, and core says what it is and how to convert it. */
const ACCEPT = '.xlsx,.csv,.txt,.tsv';

/**
 * The import of a registrants' spreadsheet, in three steps: choose a file
 * (picker or drop), look at what would happen (sheet, header row, mapping,
 * rows to add, rejected, duplicates, each decided) and import it all at once;
 * then a summary with the report to save.
 */
export function ImportDialog(props: ImportDialogProps) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { change } = useData();
  const [stage, setStage] = useState<Stage>({ name: 'choose', error: null });
  const [decisions, setDecisions] = useState<Decisions>(new Map());
  /** Cells corrected in the preview, by "row:column": sent with every preview and the commit. */
  const [edits, setEdits] = useState<ReadonlyMap<string, CellEdit>>(new Map());
  const [category, setCategory] = useState<RegistrationCategory>('participant');
  const [status, setStatus] = useState<RegistrationStatus>('registered');
  const importId = stage.name === 'preview' || stage.name === 'done' ? stage.preview.importId : null;

  // Core keeps the file's rows while the dialog is open; let it go when the dialog closes.
  useEffect(() => {
    if (!importId) return;
    return () => void api['import.close']({ importId }).catch(() => {});
  }, [importId]);

  const open = useCallback(
    async (file: File) => {
      setStage({ name: 'reading', fileName: file.name });
      try {
        const base64 = await fileToBase64(file);
        const preview = await api['import.open']({ forumId: props.forumId, fileName: file.name, base64 });
        setDecisions(new Map());
        setEdits(new Map());
        setStage({ name: 'preview', preview, busy: false });
      } catch (error) {
        setStage({ name: 'choose', error: describeError(error, t) });
      }
    },
    [props.forumId, t],
  );

  const repreview = async (request: {
    sheet?: string;
    headerRow?: number | null;
    mapping?: ImportField[] | null;
    edits?: ReadonlyMap<string, CellEdit>;
  }) => {
    if (stage.name !== 'preview') return;
    const { preview } = stage;
    setStage({ name: 'preview', preview, busy: true });
    try {
      const next = await api['import.preview']({
        forumId: props.forumId,
        importId: preview.importId,
        sheet: request.sheet ?? preview.sheet,
        headerRow: request.headerRow === undefined ? preview.headerRow : request.headerRow,
        mapping: request.mapping === undefined ? preview.mapping : request.mapping,
        edits: [...(request.edits ?? edits).values()],
      });
      setStage({ name: 'preview', preview: next, busy: false });
    } catch (error) {
      setStage({ name: 'choose', error: describeError(error, t) });
    }
  };

  const commit = async () => {
    if (stage.name !== 'preview') return;
    const { preview } = stage;
    setStage({ name: 'preview', preview, busy: true });
    const result = await change(() =>
      api['import.commit']({
        forumId: props.forumId,
        importId: preview.importId,
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        mapping: preview.mapping,
        edits: [...edits.values()],
        defaults: { category, status },
        decisions: [...decisions].map(([row, action]) => ({ row, action })),
      }),
    );
    if (!result) {
      setStage({ name: 'preview', preview, busy: false });
      return;
    }
    setStage({ name: 'done', preview, result });
    props.onImported(result);
  };

  const saveFile = useSaveFile();
  const saveReport = async () => {
    if (!importId) return;
    await change(async () => {
      const report = await api['import.report']({ forumId: props.forumId, importId, language: settings.language });
      saveFile(report.fileName, report.base64);
    });
  };

  const { dialogProps, chooseRef, take } = useFileDialog({
    choosing: stage.name === 'choose',
    acceptDrop: true, // a file dropped on a preview starts over with it
    maxBytes: IMPORT_MAX_BYTES,
    tooLarge: t('import.refused.too_large'),
    onFile: (file) => void open(file),
    onRefused: (error) => setStage({ name: 'choose', error }),
  });

  // A file dropped on the registrations page: checked like one chosen here.
  useEffect(() => {
    if (props.initialFile) take(props.initialFile);
  }, [props.initialFile, take]);

  return (
    <dialog
      {...dialogProps}
      className="dialog import-dialog"
      aria-labelledby="import-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <div className="import-head">
        <h2 id="import-title">{t('import.title')}</h2>
        {(stage.name === 'preview' || stage.name === 'done') && (
          <span className="muted">
            <FileName name={stage.preview.fileName} />
            {stage.preview.encoding && ` · ${stage.preview.encoding}`}
            {stage.preview.source !== 'generic' && ` · ${t(`import.source.${stage.preview.source}`)}`}
          </span>
        )}
      </div>

      {stage.name === 'choose' && (
        <FileChooser
          className="import-drop"
          accept={ACCEPT}
          label={t('import.choose')}
          error={stage.error}
          chooseRef={chooseRef}
          onPick={take}
        >
          <p>{t('import.dropHere')}</p>
          <p className="muted">{t('import.accepted')}</p>
        </FileChooser>
      )}

      {stage.name === 'reading' && <StatusLine inDialog>{t('import.reading', { file: stage.fileName })}</StatusLine>}

      {stage.name === 'preview' && (
        <div className="import-body" aria-busy={stage.busy}>
          <div className="import-options">
            {stage.preview.sheets.length > 1 && (
              <SelectField
                id="import-sheet"
                label={t('import.sheet')}
                value={stage.preview.sheet}
                options={stage.preview.sheets.map((s) => s.name)}
                optionLabel={(name) => {
                  const sheet = stage.preview.sheets.find((s) => s.name === name);
                  return t('import.sheetOption', { name, rows: sheet?.rowCount ?? 0 });
                }}
                onChange={(sheet) => void repreview({ sheet, headerRow: null, mapping: null })}
              />
            )}
            <label className="field" htmlFor="import-header-row">
              <span>{t('import.headerRow')}</span>
              <input
                id="import-header-row"
                type="number"
                min={1}
                value={stage.preview.headerRow === null ? '' : stage.preview.headerRow + 1}
                onChange={(event) => {
                  const row = Number(event.target.value);
                  if (Number.isInteger(row) && row >= 1) void repreview({ headerRow: row - 1, mapping: null });
                }}
              />
            </label>
            <SelectField<RegistrationCategory>
              id="import-category"
              label={t('import.defaultCategory')}
              value={category}
              options={REGISTRATION_CATEGORIES}
              optionLabel={(c) => t(`registrations.category.${c}`)}
              onChange={setCategory}
            />
            <SelectField<RegistrationStatus>
              id="import-status"
              label={t('import.defaultStatus')}
              value={status}
              options={REGISTRATION_STATUSES}
              optionLabel={(s) => t(`registrations.status.${s}`)}
              onChange={setStatus}
            />
          </div>
          <MappingTable preview={stage.preview} onChange={(mapping) => void repreview({ mapping })} />
          <PreviewRows
            preview={stage.preview}
            decisions={decisions}
            onDecide={setDecisions}
            onEdit={(edit) => {
              const next = new Map(edits).set(`${edit.row}:${edit.column}`, edit);
              setEdits(next);
              void repreview({ edits: next });
            }}
          />
        </div>
      )}

      {stage.name === 'done' && (
        <div className="import-done" role="status">
          <p className="import-done-line">{t('import.done', stage.result)}</p>
          <ul>
            <li>{t('import.count.added', { count: stage.result.added })}</li>
            <li>{t('import.count.updated', { count: stage.result.updated })}</li>
            <li>{t('import.count.skipped', { count: stage.result.skipped })}</li>
            <li>{t('import.count.rejected', { count: stage.result.rejected })}</li>
            <li>{t('import.count.setAside', { count: stage.result.setAside })}</li>
          </ul>
          <p className="muted">{t('import.undoHint')}</p>
        </div>
      )}

      <div className="dialog-actions">
        {stage.name === 'preview' && (
          <CommitButton
            preview={stage.preview}
            decisions={decisions}
            busy={stage.busy}
            number={fmt.number}
            onCommit={() => void commit()}
          />
        )}
        {(stage.name === 'preview' || stage.name === 'done') && (
          <button type="button" className="button" onClick={() => void saveReport()}>
            {t('import.saveReport')}
          </button>
        )}
        {stage.name === 'preview' && (
          <button type="button" className="button" onClick={() => setStage({ name: 'choose', error: null })}>
            {t('import.another')}
          </button>
        )}
        <button type="button" className="button" onClick={props.onClose}>
          {stage.name === 'done' ? t('common.close') : t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * Import, with the number of rows it would write (in the app's digits, worded
 * by the language's plural forms); while duplicates matched by name alone are
 * undecided it says how many are left to look at instead.
 */
function CommitButton(props: {
  preview: ImportPreview;
  decisions: Decisions;
  busy: boolean;
  /** Digits as the app writes them. */
  number(n: number): string;
  onCommit(): void;
}) {
  const { t } = useTranslation();
  const { preview, decisions } = props;
  let toWrite = 0;
  let toReview = 0;
  for (const row of preview.rows) {
    const decision = decisionOf(row, decisions);
    if (decision === 'review') toReview++;
    else if (row.kind === 'add') toWrite++;
    else if (decision !== 'skip' && (row.kind === 'duplicate' || canTake(row))) toWrite++;
  }
  return (
    <button
      type="button"
      className="button primary"
      disabled={props.busy || preview.mappingProblems.length > 0 || toReview > 0 || toWrite === 0}
      onClick={props.onCommit}
    >
      {toReview > 0
        ? t('import.reviewFirst', { count: toReview, number: props.number(toReview) })
        : t('import.commit', { count: toWrite, number: props.number(toWrite) })}
    </button>
  );
}
