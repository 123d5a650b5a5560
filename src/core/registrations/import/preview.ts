/**
 * What an import would do, before anything is written: the sheet's header
 * row, the mapping of its columns, and for every data row whether it is
 * added, rejected (and why, per cell) or a duplicate (and of whom). The
 * commit runs the same function on the same rows, so what it writes is what
 * the coordinator saw.
 */
import type { Delegation } from '../../../shared/domain/programme';
import type { Registration } from '../../../shared/domain/registration';
import type {
  GuessReason,
  ImportField,
  ImportPreview,
  ImportPreviewRequest,
  PreviewRow,
} from '../../../shared/domain/registration-import';
import { AppError } from '../../../shared/errors';
import { autoMap, autoMapColumns, detectSource, mappingProblems, normalizeHeader } from './column-mapping';
import { DuplicateIndex, duplicateKeys } from './duplicates';
import { findHeaderRow } from './header-row';
import { cleanText } from './normalise';
import type { ImportFile, SheetTable } from './read-file';
import { type RowContext, readRow } from './row-values';

/** How many data rows the mapping screen shows as they are in the file. */
const SAMPLE_ROWS = 5;

export interface PreviewContext {
  defaultCountry: string;
  delegations: readonly Pick<Delegation, 'id' | 'nameAr' | 'nameEn'>[];
  registrations: readonly Registration[];
  /** The mapping the coordinator settled on for a file of this shape, if any. */
  rememberedMapping: (headers: readonly string[]) => ImportField[] | null;
}

export type SheetPreview = Omit<ImportPreview, 'importId' | 'fileName'>;

export function buildPreview(
  file: ImportFile,
  request: Pick<ImportPreviewRequest, 'sheet' | 'headerRow' | 'mapping'>,
  context: PreviewContext,
): SheetPreview {
  const table = sheetOf(file, request.sheet);
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
      mapping: [],
      reasons: [],
      source: 'generic',
      mappingProblems: [{ code: 'no_name' }],
      sample: [],
      rows: [],
      counts: { rows: 0, add: 0, rejected: 0, duplicates: 0, blank: 0 },
    };
  }

  const dataRows = table.rows.slice(headerRow + 1);
  const width = Math.max(widthOf(table.rows.slice(headerRow, headerRow + 1)), widthOf(dataRows));
  const headers = Array.from({ length: width }, (_, i) => table.rows[headerRow]?.[i] ?? '');
  const { mapping, reasons } = chooseMapping(headers, request.mapping, context);
  const problems = mappingProblems(mapping);
  const sample = dataRows.filter((r) => r.some((c) => c !== '')).slice(0, SAMPLE_ROWS);
  const preview = {
    ...base,
    headerRow,
    headers,
    mapping,
    reasons,
    source: detectSource(headers),
    mappingProblems: problems,
    sample,
  };
  if (problems.length > 0) {
    return { ...preview, rows: [], counts: { rows: 0, add: 0, rejected: 0, duplicates: 0, blank: 0 } };
  }
  return { ...preview, ...classifyRows(dataRows, headerRow, headers, mapping, context) };
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

/** The user's mapping when given, else the one remembered for this shape, else the automatic guess. */
function chooseMapping(
  headers: readonly string[],
  requested: readonly ImportField[] | null,
  context: PreviewContext,
): { mapping: ImportField[]; reasons: GuessReason[] } {
  const guesses = autoMapColumns(headers);
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
  const counts = { rows: 0, add: 0, rejected: 0, duplicates: 0, blank: 0 };

  dataRows.forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== '')) {
      counts.blank++;
      return;
    }
    const row = headerRow + i + 2; // 1-based, after the header row
    const { values, problems } = readRow(cells, noteLabels, mapping, rowContext);
    counts.rows++;
    if (problems.length > 0) {
      counts.rejected++;
      rows.push({ row, kind: 'rejected', values, problems, duplicateOf: null });
      return;
    }
    const keys = keysOf(values);
    const duplicateOf = existing.find(keys) ?? earlier.find(keys);
    earlier.add(keys, {
      row,
      registrationId: null,
      name: values.fullName || values.fullNameEn,
      organisation: values.organisation,
    });
    if (duplicateOf) counts.duplicates++;
    else counts.add++;
    rows.push({ row, kind: duplicateOf ? 'duplicate' : 'add', values, problems, duplicateOf });
  });
  // Trailing blank rows are the sheet's padding, not gaps between data rows.
  let trailing = dataRows.length - 1;
  while (trailing >= 0 && !dataRows[trailing]?.some((c) => c.trim() !== '')) {
    counts.blank--;
    trailing--;
  }
  return { rows, counts };
}

function delegationIndex(delegations: PreviewContext['delegations']): Map<string, string> {
  const index = new Map<string, string>();
  for (const d of delegations) {
    for (const name of [d.nameAr, d.nameEn]) if (name) index.set(normalizeHeader(name), d.id);
  }
  return index;
}
