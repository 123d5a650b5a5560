/**
 * Comparing what the importer read from an .xlsx with what LibreOffice reads
 * from the same file (see libreoffice.ts), cell by cell, with a report a
 * person can act on: which cell, what each side says, and where they part.
 *
 * The rules, and why they are fair:
 * - Text cells (LibreOffice quotes every text cell in its CSV) must be equal,
 *   character for character. This is where a misread byte shows.
 * - Number cells (written unquoted, shown in LibreOffice's General format) must
 *   be the same number to 15 significant digits, and ours must be written
 *   without an exponent: LibreOffice's General shows 1.23456789012346E+017 where
 *   the importer deliberately writes 123456789012346000 (an ID or a phone stored
 *   as a number must keep its digits). Anything short of the same value fails.
 * - Dates and booleans are unquoted but not numbers: the fixtures give dates
 *   the formats the importer shows ("YYYY-MM-DD", "YYYY-MM-DD HH:MM"), so
 *   they must be equal exactly too, with one allowance: the importer shows a
 *   date by its value, not its format, so a date-time at midnight is
 *   "YYYY-MM-DD" where LibreOffice shows "YYYY-MM-DD 00:00".
 * - A cell covered by a merge is empty in LibreOffice's reading; the importer may
 *   leave it empty or fill it with the merge's value (a vertically merged
 *   organisation applies to every row it covers), nothing else.
 * - Hidden sheets are left out by the importer, so they are left out here.
 */
import type { SheetTable } from '../../src/core/registrations/import/read-file';
import type { MergedRange, OracleSheet } from './libreoffice';

export interface CellDifference {
  sheet: string;
  /** 0-based. */
  row: number;
  column: number;
  ours: string;
  libreOffice: string;
}

export interface Comparison {
  /** Sheet names differ (order included): then cells are compared by position. */
  sheetNames: { ours: string[]; libreOffice: string[] } | null;
  differences: CellDifference[];
  /** Rows whose last cell is empty, against the reader's promise to trim them. */
  untrimmedRows: { sheet: string; row: number }[];
  cellsCompared: number;
  /** Cells holding U+FFFD, by side: LibreOffice's count is the file's own (0 in every fixture here). */
  replacementCells: { ours: number; libreOffice: number };
}

const REPLACEMENT = '\ufffd';
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const SHOWN_NUMBER = /^-?\d+(?:\.\d+)?(?:E[+-]\d+)?$/;
const MIDNIGHT = /^\d{4}-\d{2}-\d{2} 00:00$/;

export function compareWithLibreOffice(
  ours: readonly SheetTable[],
  libreOffice: readonly OracleSheet[],
  options: { hiddenSheets?: ReadonlySet<string>; merges?: readonly MergedRange[] } = {},
): Comparison {
  const shown = libreOffice.filter((sheet) => !options.hiddenSheets?.has(sheet.name));
  const oursNames = ours.map((sheet) => sheet.name);
  const theirNames = shown.map((sheet) => sheet.name);
  const comparison: Comparison = {
    sheetNames: oursNames.join('\n') === theirNames.join('\n') ? null : { ours: oursNames, libreOffice: theirNames },
    differences: [],
    untrimmedRows: [],
    cellsCompared: 0,
    replacementCells: { ours: 0, libreOffice: 0 },
  };
  for (let s = 0; s < Math.max(ours.length, shown.length); s++) {
    const mine = ours[s]?.rows ?? [];
    const theirs = shown[s];
    const name = theirs?.name ?? ours[s]?.name ?? `sheet ${s + 1}`;
    const coveredBy = coverMap(options.merges?.filter((range) => range.sheet === name) ?? []);
    for (const [r, row] of mine.entries()) {
      if (row.length > 0 && row[row.length - 1] === '') comparison.untrimmedRows.push({ sheet: name, row: r });
    }
    const rowCount = Math.max(mine.length, theirs?.rows.length ?? 0);
    for (let r = 0; r < rowCount; r++) {
      const ourRow = mine[r] ?? [];
      const theirRow = theirs?.rows[r] ?? [];
      for (let c = 0; c < Math.max(ourRow.length, theirRow.length); c++) {
        const a = ourRow[c] ?? '';
        const b = theirRow[c] ?? '';
        comparison.cellsCompared++;
        if (a.includes(REPLACEMENT)) comparison.replacementCells.ours++;
        if (b.includes(REPLACEMENT)) comparison.replacementCells.libreOffice++;
        if (a === b) continue;
        if (theirs?.valueCells.has(`${r}:${c}`) && (sameNumber(a, b) || sameMidnight(a, b))) continue;
        const anchor = coveredBy.get(`${r}:${c}`);
        if (anchor && b === '' && a === (theirs?.rows[anchor.row]?.[anchor.column] ?? '')) continue;
        comparison.differences.push({ sheet: name, row: r, column: c, ours: a, libreOffice: b });
      }
    }
  }
  return comparison;
}

/** `ours` is a plain decimal and `shown` (LibreOffice's General) the same number to 15 significant digits. */
function sameNumber(ours: string, shown: string): boolean {
  if (!PLAIN_NUMBER.test(ours) || !SHOWN_NUMBER.test(shown)) return false;
  return Number(ours).toPrecision(15) === Number(shown).toPrecision(15);
}

/** `shown` is a date-time at midnight ("2030-09-14 00:00") and `ours` its date. */
function sameMidnight(ours: string, shown: string): boolean {
  return MIDNIGHT.test(shown) && ours === shown.slice(0, 10);
}

/** "row:column" of each covered cell -> its merge's first cell. */
function coverMap(ranges: readonly MergedRange[]): Map<string, { row: number; column: number }> {
  const map = new Map<string, { row: number; column: number }>();
  for (const range of ranges) {
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      for (let c = range.firstColumn; c <= range.lastColumn; c++) {
        if (r !== range.firstRow || c !== range.firstColumn) {
          map.set(`${r}:${c}`, { row: range.firstRow, column: range.firstColumn });
        }
      }
    }
  }
  return map;
}

/** "AB12" for row 11, column 27 (0-based). */
export function cellName(row: number, column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/**
 * 'agrees' when nothing differs; otherwise a report: counts, then the first
 * `limit` differing cells, each with the first character where they part and
 * the code points around it (a U+FFFD pair where one Arabic letter was reads
 * plainly as such).
 */
export function describeComparison(comparison: Comparison, limit = 8): string {
  const { sheetNames, differences, untrimmedRows, cellsCompared, replacementCells } = comparison;
  // A U+FFFD the file itself holds is a cell like any other: only differences count.
  if (!sheetNames && differences.length === 0 && untrimmedRows.length === 0) return 'agrees';
  const lines: string[] = [];
  if (sheetNames) {
    lines.push(
      `sheets differ: ours [${sheetNames.ours.join(', ')}], LibreOffice [${sheetNames.libreOffice.join(', ')}]`,
    );
  }
  lines.push(
    `${differences.length} of ${cellsCompared} cells differ; ${replacementCells.ours} of ours hold U+FFFD ` +
      `(LibreOffice's reading: ${replacementCells.libreOffice})`,
  );
  for (const difference of differences.slice(0, limit)) lines.push(describeDifference(difference));
  if (differences.length > limit) lines.push(`… and ${differences.length - limit} more`);
  if (untrimmedRows.length > 0) {
    const first = untrimmedRows[0];
    lines.push(
      `${untrimmedRows.length} rows end with an empty cell (first: ${first?.sheet} row ${(first?.row ?? 0) + 1})`,
    );
  }
  return lines.join('\n');
}

function describeDifference({ sheet, row, column, ours, libreOffice }: CellDifference): string {
  const a = [...ours];
  const b = [...libreOffice];
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const around = (chars: string[]) =>
    chars
      .slice(Math.max(0, at - 2), at + 4)
      .map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
      .join(' ');
  // The 60 characters around the parting, so a long note shows where it went wrong.
  const clip = (chars: string[]) => {
    const from = Math.max(0, at - 30);
    const to = at + 30;
    return `${from > 0 ? '…' : ''}${JSON.stringify(chars.slice(from, to).join(''))}${to < chars.length ? '…' : ''}`;
  };
  return (
    `  «${sheet}» ${cellName(row, column)}: from character ${at}, ours [${around(a)}] LibreOffice [${around(b)}]\n` +
    `    ours        ${clip(a)}\n    LibreOffice ${clip(b)}`
  );
}

/** Differing cells counted by column letter, for a summary ("H: 130, I: 28"). */
export function differencesByColumn(differences: readonly CellDifference[]): string {
  const counts = new Map<string, number>();
  for (const { column } of differences) {
    const letter = cellName(0, column).replace(/\d+$/, '');
    counts.set(letter, (counts.get(letter) ?? 0) + 1);
  }
  return [...counts].map(([letter, count]) => `${letter}: ${count}`).join(', ');
}
