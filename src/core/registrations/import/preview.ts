/**
 * What an import would do, before anything is written: the sheet's header
 * row, the mapping of its columns, and for every data row whether it is
 * added, rejected (and why, per cell) or a duplicate (and of whom). The
 * commit runs the same function on the same rows, so what it writes is what
 * the coordinator saw.
 */
import type { Delegation } from '../../../shared/domain/programme';
import type {
  CellEdit,
  GuessReason,
  ImportField,
  ImportPreview,
  ImportPreviewRequest,
  PreviewRow,
} from '../../../shared/domain/registration-import';
import { AppError } from '../../../shared/errors';
import { autoMap, autoMapColumns, detectSource, mappingProblems, normalizeHeader } from './column-mapping';
import { type DuplicateCandidate, DuplicateIndex, duplicateKeys } from './duplicates';
import { findHeaderRow } from './header-row';
import { cleanText } from './normalise';
import type { ImportFile, SheetTable } from './read-file';
import { cellTexts, type RowContext, readRow } from './row-values';
import { type SetAsideContext, setAsideReason } from './set-aside';

/** How many data rows the mapping screen shows as they are in the file. */
const SAMPLE_ROWS = 5;

export interface PreviewContext {
  defaultCountry: string;
  delegations: readonly Pick<Delegation, 'id' | 'nameAr' | 'nameEn'>[];
  registrations: readonly DuplicateCandidate[];
  /** The mapping the coordinator settled on for a file of this shape, if any. */
  rememberedMapping: (headers: readonly string[]) => ImportField[] | null;
}

export type SheetPreview = Omit<ImportPreview, 'importId' | 'fileName'>;

export function buildPreview(
  file: ImportFile,
  request: Pick<ImportPreviewRequest, 'sheet' | 'headerRow' | 'mapping' | 'edits'>,
  context: PreviewContext,
): SheetPreview {
  const sheet = sheetOf(file, request.sheet);
  const table = { ...sheet, rows: withEdits(sheet.rows, request.edits ?? []) };
  const headerRow = request.headerRow ?? findHeaderRow(table.rows);
  const base = {
    format: file.format,
    encoding: file.encoding,
    sheets: file.sheets.map((s) => ({ name: s.name, rowCount: s.rows.length, columnCount: widthOf(s.rows) })),
    sheet: table.name,
  };
  if (headerRow === null || headerRow >= table.rows.length) {
    return {
      ...base,
      headerRow: null,
      headers: [],
      hiddenColumns: [],
      mapping: [],
      reasons: [],
      source: 'generic',
      mappingProblems: [{ code: 'no_name' }],
      sample: [],
      rows: [],
      counts: NO_ROWS,
    };
  }

  const dataRows = filledDown(table, headerRow).slice(headerRow + 1);
  const width = Math.max(widthOf(table.rows.slice(headerRow, headerRow + 1)), widthOf(dataRows));
  const headers = Array.from({ length: width }, (_, i) => table.rows[headerRow]?.[i] ?? '');
  const hiddenColumns = headers.flatMap((_, i) => (table.hiddenColumns.has(i) ? [i] : []));
  const { mapping, reasons } = chooseMapping(headers, hiddenColumns, request.mapping, context);
  const problems = mappingProblems(mapping);
  const sample = dataRows.filter((r) => r.some((c) => c !== '')).slice(0, SAMPLE_ROWS);
  const preview = {
    ...base,
    headerRow,
    headers,
    hiddenColumns,
    mapping,
    reasons,
    source: detectSource(headers),
    mappingProblems: problems,
    sample,
  };
  if (problems.length > 0) return { ...preview, rows: [], counts: NO_ROWS };
  return { ...preview, ...classifyRows(table, dataRows, headerRow, headers, mapping, context) };
}

const NO_ROWS: SheetPreview['counts'] = { rows: 0, add: 0, rejected: 0, duplicates: 0, setAside: 0, blank: 0 };

/** The sheet's rows with the cells corrected in the preview; the file's own rows are left as they are. */
function withEdits(rows: string[][], edits: readonly CellEdit[]): string[][] {
  if (edits.length === 0) return rows;
  const edited = [...rows];
  for (const { row, column, value } of edits) {
    const cells = [...(edited[row - 1] ?? [])];
    while (cells.length < column) cells.push('');
    cells[column] = value;
    while (edited.length < row - 1) edited.push([]);
    edited[row - 1] = cells;
  }
  return edited;
}

/**
 * The rows with each vertically merged value written into every row it
 * covers below the header: an organisation merged over the four rows of its
 * delegation belongs to each of the four. Only the merge's first column is
 * filled: the columns it spans across are one cell on the page, not four values.
 */
function filledDown(table: SheetTable, headerRow: number): string[][] {
  const vertical = table.merges.filter((m) => m.bottom > m.top && m.top > headerRow);
  if (vertical.length === 0) return table.rows;
  const rows = [...table.rows];
  for (const { top, left, bottom } of vertical) {
    const value = table.rows[top]?.[left] ?? '';
    if (value === '') continue;
    for (let r = top + 1; r <= Math.min(bottom, rows.length - 1); r++) {
      const cells = [...(rows[r] ?? [])];
      if ((cells[left] ?? '') !== '') continue;
      while (cells.length < left) cells.push('');
      cells[left] = value;
      rows[r] = cells;
    }
  }
  return rows;
}

/**
 * The sheet asked for. When none is named: the first whose header row has a
 * name column (workbooks often open on a cover or instructions sheet), else
 * the first with any value.
 */
function sheetOf(file: ImportFile, name: string): SheetTable {
  const named = file.sheets.find((s) => s.name === name);
  if (named) return named;
  if (name !== '') throw new AppError('not_found', `No sheet "${name}" in this file.`);
  const withData = file.sheets.filter((s) => s.rows.some((r) => r.some((c) => c !== '')));
  const first = withData.find(hasNameColumn) ?? withData[0] ?? file.sheets[0];
  if (!first) throw new AppError('not_found', 'The file has no sheet.');
  return first;
}

function hasNameColumn(sheet: SheetTable): boolean {
  const headerRow = findHeaderRow(sheet.rows);
  if (headerRow === null) return false;
  return !mappingProblems(autoMap(sheet.rows[headerRow] ?? [])).some((p) => p.code === 'no_name');
}

function widthOf(rows: readonly (readonly string[])[]): number {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

/**
 * The user's mapping when given, else the one remembered for this shape, else
 * the automatic guess, which leaves the sheet's hidden columns out (a hidden
 * civil-ID column is not meant for anyone's notes).
 */
function chooseMapping(
  headers: readonly string[],
  hiddenColumns: readonly number[],
  requested: readonly ImportField[] | null,
  context: PreviewContext,
): { mapping: ImportField[]; reasons: GuessReason[] } {
  const hidden = new Set(hiddenColumns);
  const guesses = autoMapColumns(headers).map((guess, i) =>
    hidden.has(i) ? { field: 'ignore' as const, reason: 'hidden' as const } : guess,
  );
  if (requested) {
    // A mapping for another header row may be shorter or longer: the rest follows the guess.
    const mapping = headers.map((_, i) => requested[i] ?? guesses[i]?.field ?? 'ignore');
    return { mapping, reasons: guesses.map((g) => g.reason) };
  }
  const remembered = context.rememberedMapping(headers);
  if (remembered && remembered.length === headers.length) {
    return { mapping: remembered, reasons: headers.map(() => 'remembered') };
  }
  return { mapping: guesses.map((g) => g.field), reasons: guesses.map((g) => g.reason) };
}

function classifyRows(
  table: SheetTable,
  dataRows: readonly (readonly string[])[],
  headerRow: number,
  headers: readonly string[],
  mapping: readonly ImportField[],
  context: PreviewContext,
): Pick<SheetPreview, 'rows' | 'counts'> {
  const rowContext: RowContext = {
    defaultCountry: context.defaultCountry,
    delegationByName: delegationIndex(context.delegations),
    memo: new Map(),
  };
  const noteLabels = headers.map((h) => cleanText(h));
  const keysOf = duplicateKeys();
  const existing = DuplicateIndex.ofRegistrations(context.registrations, keysOf);
  const earlier = new DuplicateIndex();
  const rows: PreviewRow[] = [];
  const counts = { ...NO_ROWS };
  const setAsideContext = setAsideContextOf(table, dataRows, headerRow, mapping);

  dataRows.forEach((cells, i) => {
    const texts = cellTexts(cells);
    if (isBlankRow(texts)) {
      counts.blank++;
      return;
    }
    const index = headerRow + 1 + i;
    const row = index + 1; // 1-based, as Excel numbers it
    const { values, problems } = readRow(cells, noteLabels, mapping, rowContext, texts);
    counts.rows++;
    const setAside = table.hiddenRows.has(index)
      ? 'hidden_row'
      : setAsideReason(texts, {
          ...setAsideContext,
          mergedAcross: (column) => setAsideContext.mergedAcross(index, column),
        });
    if (setAside) {
      counts.setAside++;
      rows.push({ row, kind: 'set_aside', values, problems, duplicateOf: null, setAside });
      return;
    }
    if (problems.length > 0) {
      counts.rejected++;
      rows.push({ row, kind: 'rejected', values, problems, duplicateOf: null, setAside: null });
      return;
    }
    const keys = keysOf(values);
    const duplicateOf = existing.find(keys) ?? earlier.find(keys);
    earlier.add(keys, {
      row,
      registrationId: null,
      name: values.fullName || values.fullNameEn,
      organisation: values.organisation,
      email: values.email,
      mobile: values.mobileE164 ?? values.mobile,
    });
    if (duplicateOf) counts.duplicates++;
    else counts.add++;
    rows.push({ row, kind: duplicateOf ? 'duplicate' : 'add', values, problems, duplicateOf, setAside: null });
  });
  // Trailing blank rows are the sheet's padding, not gaps between data rows.
  let trailing = dataRows.length - 1;
  while (trailing >= 0 && isBlankRow(cellTexts(dataRows[trailing] ?? []))) {
    counts.blank--;
    trailing--;
  }
  return { rows, counts };
}

/** What telling people from other rows needs of the whole sheet: its organisations and its merges across. */
function setAsideContextOf(
  table: SheetTable,
  dataRows: readonly (readonly string[])[],
  headerRow: number,
  mapping: readonly ImportField[],
): Omit<SetAsideContext, 'mergedAcross'> & { mergedAcross(row: number, column: number): boolean } {
  const organisationColumn = mapping.indexOf('organisation');
  // Thousands of rows share a few dozen organisations: each is folded once.
  const organisations = new Set<string>();
  if (organisationColumn >= 0) {
    const seen = new Set<string>();
    for (const cells of dataRows) {
      const organisation = cells[organisationColumn];
      if (!organisation || seen.has(organisation)) continue;
      seen.add(organisation);
      organisations.add(normalizeHeader(organisation));
    }
  }
  const across = new Set(
    table.merges.filter((m) => m.right > m.left && m.top > headerRow).map((m) => `${m.top}:${m.left}`),
  );
  const header = (table.rows[headerRow] ?? []).map((cell) => cleanText(cell));
  return { mapping, header, organisations, mergedAcross: (row, column) => across.has(`${row}:${column}`) };
}

/** A row with no value (its cells as cellTexts gives them): empty cells, or only dashes and «لا يوجد». */
function isBlankRow(texts: readonly string[]): boolean {
  return texts.every((text) => text === '');
}

function delegationIndex(delegations: PreviewContext['delegations']): Map<string, string> {
  const index = new Map<string, string>();
  for (const d of delegations) {
    for (const name of [d.nameAr, d.nameEn]) if (name) index.set(normalizeHeader(name), d.id);
  }
  return index;
}
