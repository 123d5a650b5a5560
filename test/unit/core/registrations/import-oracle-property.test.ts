/**
 * Random Arabic and mixed workbooks, of random sizes and shapes, saved as
 * .xlsx by LibreOffice: every cell the importer reads must equal LibreOffice's
 * own reading of the same file (rules in test/support/oracle-compare.ts).
 *
 * fast-check draws the workbooks from a fixed seed (set ORACLE_SEED to explore
 * others), all before the run: LibreOffice then converts and reads them in a
 * few soffice calls, not two per workbook, which keeps the file near a minute.
 * A failing workbook is named by its index and shape; the same seed draws it again.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../../../src/core/registrations/import/read-file';
import {
  convertToXlsx,
  fodsText,
  libreOfficeReading,
  mergedRanges,
  type OracleSheet,
  type SheetCell,
  type SheetSpec,
  type TypedCell,
} from '../../../support/libreoffice';
import { compareWithLibreOffice, describeComparison } from '../../../support/oracle-compare';

const SEED = Number(process.env.ORACLE_SEED ?? 20_261_201);
const WORKBOOKS = 24;
/** Workbooks per soffice call; the calls run two at a time. */
const BATCHES = 2;

// ---------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const ARABIC_LETTERS = [...range(0x0621, 0x063a), ...range(0x0641, 0x064a)];
const DIACRITICS = range(0x064b, 0x0652);
/** Three- and four-byte characters: presentation forms, emoji (one with a joiner), a flag, symbols. */
const WIDE = ['ﷺ', 'ﻻ', 'ﺍ', '€', '—', '«', '»', '😀', '🕌', '👩‍💼', '🇸🇦', '✅', '٣', '٫'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'é', 'ü', 'ß', 'ç'];
/** What CSV and XML must escape, and OOXML's own escape prefix. */
const AWKWARD = ['"', ',', ';', "'", '&', '<', '>', '_x', '\t', '\n', '  '];

const textUnit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...ARABIC_LETTERS) },
  { weight: 4, arbitrary: fc.constantFrom(...DIACRITICS) },
  { weight: 4, arbitrary: fc.constant(' ') },
  { weight: 3, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 1, arbitrary: fc.constantFrom(...WIDE) },
  { weight: 1, arbitrary: fc.constantFrom(...AWKWARD) },
);
const shortText = fc.string({ unit: textUnit, minLength: 1, maxLength: 40 });
/** Long enough that a 16 KiB chunk of shared strings ends inside one of them ('max': the whole range, not short ones). */
const longText = fc.string({ unit: textUnit, minLength: 400, maxLength: 3_000, size: 'max' });

const numberValue = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.30000000000000004, 1e20, 1.5e21, -2.5e-7, 123456789012345680, 971501234567, 9.99e-10),
);
/**
 * Times are whole multiples of 45 minutes (1/32 of a day, exact in binary): LibreOffice writes a
 * time's day fraction to 15 digits and, reading it back, cuts 03:38:59.999997 to "03:38" where
 * Excel (and the importer, which rounds to the second) shows 03:39. Its reading is no oracle for those.
 */
const FORTY_FIVE_MINUTES = 45 * 60_000;
const dateValue = fc
  .tuple(
    fc.integer({ min: Date.UTC(1900, 2, 1) / FORTY_FIVE_MINUTES, max: Date.UTC(2099, 11, 31) / FORTY_FIVE_MINUTES }),
    fc.boolean(),
  )
  .map(([steps, withTime]) => {
    const iso = new Date(steps * FORTY_FIVE_MINUTES).toISOString();
    return withTime ? iso.slice(0, 16) : iso.slice(0, 10);
  });
/**
 * A formula's text result on one line, without white space at its ends: LibreOffice reading an
 * .xlsx trims the cached result (<v>, which has no xml:space="preserve"), where Excel, which
 * recalculates, shows the spaces the formula makes.
 */
const formulaResult = fc
  .string({ unit: textUnit, minLength: 1, maxLength: 100 })
  .map((text) => text.replace(/\n/g, ' ').trim() || 'نص');

const typedCell: fc.Arbitrary<TypedCell> = fc.oneof(
  { weight: 8, arbitrary: shortText.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: longText.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: numberValue.map((value) => ({ kind: 'number' as const, value })) },
  { weight: 1, arbitrary: dateValue.map((iso) => ({ kind: 'date' as const, iso })) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'boolean' as const, value })) },
  {
    weight: 1,
    arbitrary: formulaResult.map((result) => ({
      kind: 'formula' as const,
      formula: `of:="${result.replaceAll('"', '""')}"`,
      result,
    })),
  },
);
const cell: fc.Arbitrary<TypedCell | null> = fc.option(typedCell, { freq: 3 });

const SHAPES = {
  small: { minRows: 1, rows: 12, columns: 5 },
  medium: { minRows: 20, rows: 80, columns: 8 },
  large: { minRows: 100, rows: 250, columns: 10 },
};
type Shape = keyof typeof SHAPES;

const mergeArbitrary = fc.record({
  row: fc.nat(),
  column: fc.nat(),
  rows: fc.integer({ min: 1, max: 4 }),
  columns: fc.integer({ min: 1, max: 3 }),
});

function sheetArbitrary(name: string, shape: Shape): fc.Arbitrary<SheetSpec> {
  const { minRows, rows, columns } = SHAPES[shape];
  return fc
    .record({
      // 'max': lengths over the whole range, not fast-check's default of short arrays.
      table: fc.array(fc.array(cell, { maxLength: columns, size: 'max' }), {
        minLength: minRows,
        maxLength: rows,
        size: 'max',
      }),
      merges: fc.array(mergeArbitrary, { maxLength: 4 }),
      hiddenRows: fc.array(fc.tuple(fc.nat(), fc.constantFrom('collapse' as const, 'filter' as const)), {
        maxLength: 5,
      }),
      hiddenColumns: fc.uniqueArray(fc.nat({ max: columns - 1 }), { maxLength: 2 }),
      hidden: fc.boolean(),
    })
    .map(({ table, merges, hiddenRows, hiddenColumns, hidden }) => {
      const height = table.length;
      const sheetRows: SheetCell[][] = table.map((row) => [...row]);
      const taken = new Set<string>();
      for (const merge of merges) {
        const firstRow = merge.row % height;
        const anchorRow = sheetRows[firstRow] ?? [];
        if (anchorRow.length === 0) continue;
        const firstColumn = merge.column % anchorRow.length;
        const anchor = anchorRow[firstColumn];
        if (anchor === null || anchor === undefined || typeof anchor === 'string' || 'cell' in anchor) continue;
        const lastRow = Math.min(height - 1, firstRow + merge.rows - 1);
        const lastColumn = firstColumn + merge.columns - 1;
        const cells: string[] = [];
        for (let r = firstRow; r <= lastRow; r++)
          for (let c = firstColumn; c <= lastColumn; c++) cells.push(`${r},${c}`);
        if (cells.some((key) => taken.has(key)) || cells.length === 1) continue;
        for (const key of cells) taken.add(key);
        // The cells a merge covers are empty, the row padded out to them.
        for (let r = firstRow; r <= lastRow; r++) {
          const row = sheetRows[r] ?? [];
          while (row.length <= lastColumn) row.push(null);
          for (let c = firstColumn; c <= lastColumn; c++) if (r !== firstRow || c !== firstColumn) row[c] = null;
          sheetRows[r] = row;
        }
        anchorRow[firstColumn] = { cell: anchor, rowsSpanned: lastRow - firstRow + 1, columnsSpanned: merge.columns };
      }
      return {
        name,
        rows: sheetRows,
        hidden,
        hiddenRows: new Map(hiddenRows.map(([row, how]) => [row % height, how])),
        hiddenColumns,
      };
    });
}

const SHEET_NAMES = ['المسجلون', 'الوفود', 'Sheet1', 'قائمة 2', 'الضيوف', 'Guests'];

const workbookArbitrary: fc.Arbitrary<{ shape: Shape; sheets: SheetSpec[] }> = fc
  .record({
    shape: fc.constantFrom<Shape>('small', 'small', 'medium', 'medium', 'large'),
    names: fc.uniqueArray(fc.constantFrom(...SHEET_NAMES), { minLength: 1, maxLength: 3 }),
  })
  .chain(({ shape, names }) =>
    fc.tuple(...names.map((name) => sheetArbitrary(name, shape))).map((sheets) => ({ shape, sheets })),
  )
  .map(({ shape, sheets }) => {
    // At least one sheet is shown, and a shown sheet has a cell: else the importer rightly says "empty".
    const [first, ...rest] = sheets;
    if (!first) throw new Error('a workbook without sheets');
    const shown = { ...first, hidden: false };
    if (!shown.rows.some((row) => row.some((c) => c !== null))) shown.rows = [['ملتقى'], ...shown.rows.slice(1)];
    return { shape, sheets: [shown, ...rest] };
  });

const workbooks = fc.sample(workbookArbitrary, { seed: SEED, numRuns: WORKBOOKS });

function describeWorkbook(index: number, { shape, sheets }: { shape: Shape; sheets: SheetSpec[] }): string {
  const parts = sheets.map(
    (sheet) =>
      `«${sheet.name}»${sheet.hidden ? ' hidden' : ''} ${sheet.rows.length}×${Math.max(0, ...sheet.rows.map((row) => row.length))}`,
  );
  return `workbook ${index} (${shape}: ${parts.join(', ')})`;
}

// ---------------------------------------------------------------------------
// LibreOffice, once for all of them
// ---------------------------------------------------------------------------

let dir = '';
let files: string[] = [];
let readings: OracleSheet[][] = [];
const timings: string[] = [];

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${step}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-oracle-property-'));
  const fods = await timed('write .fods', () =>
    Promise.all(
      workbooks.map(async ({ sheets }, i) => {
        const file = path.join(dir, `workbook-${String(i).padStart(2, '0')}.fods`);
        await fs.writeFile(file, fodsText(sheets));
        return file;
      }),
    ),
  );
  const batches = Array.from({ length: BATCHES }, (_, b) => fods.filter((_, i) => i % BATCHES === b));
  const converted = await timed('LibreOffice .fods -> .xlsx', () =>
    Promise.all(batches.map((batch) => convertToXlsx(batch, dir))),
  );
  const read = await timed('LibreOffice .xlsx -> CSV', () =>
    Promise.all(converted.map((batch) => libreOfficeReading(batch))),
  );
  files = fods.map((_, i) => converted[i % BATCHES]?.[Math.floor(i / BATCHES)] ?? '');
  readings = fods.map((_, i) => read[i % BATCHES]?.[Math.floor(i / BATCHES)] ?? []);
}, 600_000);

afterAll(async () => {
  console.info(`import oracle property (seed ${SEED}) timings:\n  ${timings.join('\n  ')}`);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe(`random workbooks saved by LibreOffice (seed ${SEED})`, () => {
  it.each(workbooks.map((workbook, index) => [describeWorkbook(index, workbook), index, workbook] as const))(
    '%s reads cell for cell as LibreOffice reads it',
    async (_, index, workbook) => {
      const file = files[index] ?? '';
      const ours = await readImportFile(path.basename(file), new Uint8Array(await fs.readFile(file)));
      const comparison = compareWithLibreOffice(ours.sheets, readings[index] ?? [], {
        hiddenSheets: new Set(workbook.sheets.filter((sheet) => sheet.hidden).map((sheet) => sheet.name)),
        merges: workbook.sheets.flatMap(mergedRanges),
      });
      expect(describeComparison(comparison)).toBe('agrees');
      expect(comparison.replacementCells.libreOffice).toBe(0);
    },
    60_000,
  );
});
