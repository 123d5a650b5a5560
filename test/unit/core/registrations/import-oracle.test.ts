/**
 * Big Arabic registrant lists, saved as .xlsx by LibreOffice from text this
 * test writes, must read cell for cell as LibreOffice itself reads them back.
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

const FIXTURES: { label: string; count: number; sheets: () => SheetSpec[] }[] = [
  { label: '1,000 registrants (three sheets, one hidden)', count: 1_000, sheets: thousandSpec },
  { label: '10,000 registrants', count: 10_000, sheets: () => [registrantsSheet('المسجلون', 10_000, 10_000)] },
  {
    label: '50,000 registrants',
    count: 50_000,
    // Shorter notes and a formula every tenth row keep LibreOffice's conversion near a minute.
    sheets: () => [
      registrantsSheet('المسجلون', 50_000, 50_000, { minNoteChars: 60, maxNoteChars: 160, formulaEvery: 10 }),
    ],
  },
];

const timings: string[] = [];

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${step}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

let dir = '';
const fixtures = new Map<number, Fixture>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-oracle-'));
  const version = await timed('LibreOffice version check', libreOfficeVersion);
  timings.push(`LibreOffice ${version}`);
  // Each fixture is converted and read back by its own soffice, all three at once.
  await Promise.all(
    FIXTURES.map(async ({ label, count, sheets: makeSheets }) => {
      const fods = path.join(dir, `registrants-${count}.fods`);
      const sheets = await timed(`${count}: write .fods`, async () => {
        const specs = makeSheets();
        await fs.writeFile(fods, fodsText(specs));
        return specs;
      });
      const [xlsx = ''] = await timed(`${count}: LibreOffice .fods -> .xlsx`, () => convertToXlsx([fods], dir));
      const [libreOffice = []] = await timed(`${count}: LibreOffice .xlsx -> CSV`, () => libreOfficeReading([xlsx]));
      fixtures.set(count, { label, sheets, xlsx, libreOffice, ours: null });
    }),
  );
}, 900_000);

afterAll(async () => {
  console.info(`import oracle timings:\n  ${timings.join('\n  ')}`);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function fixture(count: number): Fixture {
  const found = fixtures.get(count);
  if (!found) throw new Error(`fixture ${count} was not made`);
  return found;
}

function ourReading(count: number): Promise<ImportFile> {
  const found = fixture(count);
  found.ours ??= timed(`${count}: readImportFile`, async () =>
    readImportFile(`registrants-${count}.xlsx`, new Uint8Array(await fs.readFile(found.xlsx))),
  );
  return found.ours;
}

describe.each(FIXTURES)('$label saved by LibreOffice', ({ count }) => {
  it('is read back by LibreOffice exactly as it was written (the oracle is sound)', () => {
    const { sheets, libreOffice } = fixture(count);
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
    const { sheets, libreOffice } = fixture(count);
    const ours = await ourReading(count);
    const comparison = compareWithLibreOffice(ours.sheets, libreOffice, {
      hiddenSheets: new Set(sheets.filter((sheet) => sheet.hidden).map((sheet) => sheet.name)),
      merges: sheets.flatMap(mergedRanges),
    });
    // The first differing cells, readably, then where they are.
    expect(
      describeComparison(comparison),
      `differing cells by column: ${differencesByColumn(comparison.differences)}`,
    ).toBe('agrees');
    expect(comparison.cellsCompared).toBeGreaterThan(count * 9);
  }, 300_000);

  it('holds no U+FFFD in any cell', async () => {
    const ours = await ourReading(count);
    const corrupted = ours.sheets.flatMap((sheet) =>
      sheet.rows.flatMap((row, r) =>
        row.flatMap((cell, c) => (cell.includes('\ufffd') ? [`«${sheet.name}» ${cellName(r, c)}`] : [])),
      ),
    );
    expect(corrupted.length, `first: ${corrupted.slice(0, 10).join(', ')}`).toBe(0);
  }, 300_000);
});
