/**
 * Big Arabic registrant lists, saved as .xlsx by LibreOffice from text this
 * test writes (flat ODS, and one CSV), must read cell for cell as LibreOffice
 * itself reads them back.
 *
 * Why: a reader that decodes each 16 KiB chunk of the unpacked XML on its own
 * turns a character split by a chunk boundary into U+FFFD; in these files,
 * almost all Arabic, two bytes a letter, with notes of hundreds of characters,
 * boundaries fall inside a character hundreds of times, in the shared strings
 * and (through the badge-name formulas, whose cached text is inline) in the
 * sheet XML. No fixture here is written by the library under test.
 *
 * How cells are compared (numbers to 15 significant digits, dates in the
 * importer's own format, merges) is set out in test/support/oracle-compare.ts.
 * Timings of each step are printed at the end.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFile, readImportFile } from '../../../../src/core/registrations/import/read-file';
import { registrantsSheet } from '../../../support/arabic-registrants';
import {
  convertToXlsx,
  csvText,
  fodsText,
  libreOfficeReading,
  libreOfficeVersion,
  mergedRanges,
  type OracleSheet,
  type SheetSpec,
  writtenTable,
} from '../../../support/libreoffice';
import {
  cellName,
  compareWithLibreOffice,
  describeComparison,
  differencesByColumn,
} from '../../../support/oracle-compare';

interface Fixture {
  label: string;
  sheets: SheetSpec[];
  xlsx: string;
  libreOffice: OracleSheet[];
  /** The importer's reading, made once for the tests that look at it. */
  ours: Promise<ImportFile> | null;
}

/** A lookup-list sheet, hidden as such sheets are: the importer leaves it out, LibreOffice's CSV has it. */
const LOOKUP_SHEET: SheetSpec = {
  name: 'قوائم',
  hidden: true,
  rows: [['الجهات'], ['بلدية دبي'], ['أمانة منطقة الرياض']],
};

function thousandSpec(): SheetSpec[] {
  const main = registrantsSheet('المسجلون', 1000, 1_000);
  // A few rows hidden by hand and by a filter, and the phone column hidden: LibreOffice's reading
  // keeps them, and so must the importer's rows (what to do with them is decided after reading).
  return [
    {
      ...main,
      hiddenRows: new Map([
        [5, 'collapse'],
        [6, 'collapse'],
        [40, 'filter'],
        [41, 'filter'],
      ]),
      hiddenColumns: [4],
    },
    registrantsSheet('الوفود', 200, 2_000),
    LOOKUP_SHEET,
  ];
}

/** The text columns of a registrants' sheet (name, organisation, position, e-mail, notes, badge name), as a CSV sends them. */
const CSV_COLUMNS = [1, 2, 3, 5, 7, 8];

/** A list sent as CSV: LibreOffice names the sheet after the file, so the spec is named as the file is. */
function csvSpec(): SheetSpec[] {
  const rows = writtenTable(registrantsSheet('x', 3_000, 3_000)).slice(1);
  return [{ name: 'قائمة المسجلين', rows: rows.map((row) => CSV_COLUMNS.map((c) => row[c] ?? '')) }];
}

interface FixtureKind {
  label: string;
  count: number;
  /** What LibreOffice is given: a flat ODS, or a CSV (text cells only). */
  source: 'fods' | 'csv';
  sheets: () => SheetSpec[];
}

const FIXTURES: FixtureKind[] = [
  { label: '1,000 registrants (three sheets, one hidden)', count: 1_000, source: 'fods', sheets: thousandSpec },
  { label: '3,000 registrants sent as CSV', count: 3_000, source: 'csv', sheets: csvSpec },
  {
    label: '10,000 registrants',
    count: 10_000,
    source: 'fods',
    sheets: () => [registrantsSheet('المسجلون', 10_000, 10_000)],
  },
  {
    label: '50,000 registrants',
    count: 50_000,
    source: 'fods',
    // Shorter notes and a formula every tenth row keep LibreOffice's conversion near a minute.
    sheets: () => [
      registrantsSheet('المسجلون', 50_000, 50_000, { minNoteChars: 60, maxNoteChars: 160, formulaEvery: 10 }),
    ],
  },
];

const timings: string[] = [];

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${step}: ${seconds(started)}`);
  }
}

let dir = '';
/** By label. */
const fixtures = new Map<string, Fixture>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-oracle-'));
  const version = await timed('LibreOffice version check', libreOfficeVersion);
  timings.push(`LibreOffice ${version}`);
  // The .fods texts one after the other (generating is synchronous: timed together they would
  // count each other's time), then each fixture converted and read back by its own soffice, all at once.
  const written = FIXTURES.map(({ label, count, source, sheets: makeSheets }) => {
    const started = performance.now();
    const sheets = makeSheets();
    const [first] = sheets;
    const text = source === 'csv' && first ? csvText(writtenTable(first)) : fodsText(sheets);
    const file = path.join(dir, source === 'csv' ? `${first?.name}.csv` : `registrants-${count}.fods`);
    timings.push(`${label}: generate .${source} (${(text.length / 1e6).toFixed(1)} M chars): ${seconds(started)}`);
    return { label, sheets, text, file };
  });
  await Promise.all(written.map(({ file, text }) => fs.writeFile(file, text)));
  await Promise.all(
    written.map(async ({ label, sheets, file }) => {
      const [xlsx = ''] = await timed(`${label}: LibreOffice ${path.extname(file)} -> .xlsx (in parallel)`, () =>
        convertToXlsx([file], dir),
      );
      const [libreOffice = []] = await timed(`${label}: LibreOffice .xlsx -> CSV (in parallel)`, () =>
        libreOfficeReading([xlsx]),
      );
      timings.push(`${label}: .xlsx size ${((await fs.stat(xlsx)).size / 1e6).toFixed(1)} MB`);
      fixtures.set(label, { label, sheets, xlsx, libreOffice, ours: null });
    }),
  );
}, 900_000);

afterAll(async () => {
  console.info(`import oracle timings:\n  ${timings.join('\n  ')}`);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function fixture(label: string): Fixture {
  const found = fixtures.get(label);
  if (!found) throw new Error(`fixture ${label} was not made`);
  return found;
}

function ourReading(label: string): Promise<ImportFile> {
  const found = fixture(label);
  found.ours ??= timed(`${label}: readImportFile`, async () =>
    readImportFile(path.basename(found.xlsx), new Uint8Array(await fs.readFile(found.xlsx))),
  );
  return found.ours;
}

describe.each(FIXTURES.map(({ label, count }) => [label, count] as const))(
  '%s saved by LibreOffice',
  (label, count) => {
    it('is read back by LibreOffice exactly as it was written (the oracle is sound)', () => {
      const { sheets, libreOffice } = fixture(label);
      expect(libreOffice.map((sheet) => sheet.name)).toEqual(sheets.map((sheet) => sheet.name));
      for (const [i, spec] of sheets.entries()) {
        const written = writtenTable(spec);
        const read = libreOffice[i]?.rows ?? [];
        const differing: string[] = [];
        for (let r = 0; r < Math.max(written.length, read.length); r++) {
          const a = written[r] ?? [];
          const b = read[r] ?? [];
          for (let c = 0; c < Math.max(a.length, b.length); c++) {
            if ((a[c] ?? '') !== (b[c] ?? '')) differing.push(`${cellName(r, c)} wrote ${a[c]} read ${b[c]}`);
          }
        }
        expect(differing.slice(0, 5), `«${spec.name}»: ${differing.length} cells`).toEqual([]);
      }
    });

    it('reads every cell of every shown sheet as LibreOffice reads it', async () => {
      const { sheets, libreOffice } = fixture(label);
      const ours = await ourReading(label);
      const comparison = compareWithLibreOffice(ours.sheets, libreOffice, {
        hiddenSheets: new Set(sheets.filter((sheet) => sheet.hidden).map((sheet) => sheet.name)),
        merges: sheets.flatMap(mergedRanges),
      });
      // The first differing cells, readably, then where they are.
      expect(
        describeComparison(comparison),
        `differing cells by column: ${differencesByColumn(comparison.differences)}`,
      ).toBe('agrees');
      // Every registrant's cells were looked at (the CSV has six columns, the workbooks nine).
      expect(comparison.cellsCompared).toBeGreaterThan(count * CSV_COLUMNS.length);
    }, 300_000);

    it('holds no U+FFFD in any cell', async () => {
      const ours = await ourReading(label);
      const corrupted = ours.sheets.flatMap((sheet) =>
        sheet.rows.flatMap((row, r) =>
          row.flatMap((cell, c) => (cell.includes('\ufffd') ? [`«${sheet.name}» ${cellName(r, c)}`] : [])),
        ),
      );
      expect(corrupted.length, `first: ${corrupted.slice(0, 10).join(', ')}`).toBe(0);
    }, 300_000);
  },
);
