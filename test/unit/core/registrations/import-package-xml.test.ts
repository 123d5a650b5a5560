/**
 * .xlsx packages written by hand, part by part, for what the format allows
 * and spreadsheet programs rarely write: each test states what the file holds
 * and so what must be read, and LibreOffice's own reading of the same file is
 * checked against the same statement (so the expectation is not ours alone).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../../../src/core/registrations/import/read-file';
import { noteText, personName, seededRandom } from '../../../support/arabic-registrants';
import {
  boundariesInsideCharacters,
  type HandWorkbook,
  handWrittenXlsx,
  inlineCell,
  rowXml,
  worksheetXml,
} from '../../../support/hand-written-xlsx';
import { libreOfficeReading, type OracleSheet, trimmedTable, xmlEscape } from '../../../support/libreoffice';
import { cellName, compareWithLibreOffice, describeComparison } from '../../../support/oracle-compare';

// ---------------------------------------------------------------------------
// (a) The workbook part where _rels/.rels says, not at xl/workbook.xml
// ---------------------------------------------------------------------------

const REGISTRANTS: string[][] = [
  ['الاسم', 'الجهة', 'البريد الإلكتروني'],
  ['الدكتورة فاطمة الزعابي', 'بلدية دبي', 'fatima@dm.gov.ae'],
  ['المهندس خالد بن راشد', 'أمانة منطقة الرياض', 'khalid@alriyadh.gov.sa'],
];

/** REGISTRANTS as shared-string cells. */
function sharedStringRows(table: string[][], strings: string[]): string {
  return table
    .map((row, r) =>
      rowXml(
        r + 1,
        row.map((text, c) => {
          let index = strings.indexOf(text);
          if (index < 0) index = strings.push(text) - 1;
          return `<c r="${cellName(r, c)}" t="s"><v>${index}</v></c>`;
        }),
      ),
    )
    .join('');
}

function relocatedWorkbook(workbookPath: string, sheetPath: string): HandWorkbook {
  const strings: string[] = [];
  const sheetData = sharedStringRows(REGISTRANTS, strings);
  return {
    workbookPath,
    sharedStrings: strings,
    sheets: [
      { name: 'المسجلون', path: sheetPath, sheetData },
      // A hidden sheet before nothing: the shown one must still be found by its relationship.
      { name: 'قوائم', path: sheetPath.replace(/[^/]+$/, 'lists.xml'), sheetData: '', hidden: true },
    ],
  };
}

const RELOCATED = [
  { label: 'xl/workbook2.xml', workbookPath: 'xl/workbook2.xml', sheetPath: 'xl/worksheets/sheet1.xml' },
  { label: 'a folder of its own (book/main.xml)', workbookPath: 'book/main.xml', sheetPath: 'book/sheets/people.xml' },
];

// ---------------------------------------------------------------------------
// (b) Formulas whose cached result is text in the sheet itself
// ---------------------------------------------------------------------------

/**
 * What each cell holds, and so shows: a t="str" formula's text result in <v>;
 * a t="inlineStr" formula's result in <is><t>; an inline string without a
 * formula; a shared string beside them, so the row is not all inline.
 */
const FORMULA_CELLS: { xml: string; shows: string }[] = [
  {
    xml: `<c r="A1" t="str"><f>CONCATENATE("الدكتور"," ","أحمد")</f><v>الدكتور أحمد</v></c>`,
    shows: 'الدكتور أحمد',
  },
  {
    xml: `<c r="B1" t="inlineStr"><f>"بلدية"&amp;" دبي"</f><is><t>بلدية دبي</t></is></c>`,
    shows: 'بلدية دبي',
  },
  { xml: inlineCell('C1', 'مدير المراسم'), shows: 'مدير المراسم' },
  { xml: `<c r="D1" t="s"><v>0</v></c>`, shows: 'fatima@dm.gov.ae' },
  {
    xml: `<c r="E1" t="inlineStr"><is><r><t>سعادة </t></r><r><rPr><b/></rPr><t>الشيخ سعيد</t></r></is></c>`,
    shows: 'سعادة الشيخ سعيد',
  },
];

const formulaWorkbook: HandWorkbook = {
  workbookPath: 'xl/workbook.xml',
  sharedStrings: ['fatima@dm.gov.ae'],
  sheets: [
    {
      name: 'Sheet1',
      path: 'xl/worksheets/sheet1.xml',
      sheetData: rowXml(
        1,
        FORMULA_CELLS.map((c) => c.xml),
      ),
    },
  ],
};

// ---------------------------------------------------------------------------
// (c) A sheet of inline Arabic strings past 64 KiB, no shared strings at all
// ---------------------------------------------------------------------------

const random = seededRandom(64);
/** 1,500 registrants: a name, notes with diacritics, and (every fifth row) a name in two rich-text runs. */
const INLINE_TABLE: string[][] = Array.from({ length: 1_500 }, (_, i) => [
  personName(random),
  noteText(random, 40, 160),
  i % 5 === 0 ? `${personName(random)} 🕌` : '',
]).map((row) => trimmedTable([row])[0] ?? []);

const inlineSheetData = INLINE_TABLE.map((row, r) =>
  rowXml(
    r + 1,
    row.map((text, c) => {
      if (c !== 2) return inlineCell(cellName(r, c), text);
      // Split inside the name: the runs join with nothing between them.
      const cut = Math.floor(text.length / 2);
      return `<c r="${cellName(r, c)}" t="inlineStr"><is><r><t xml:space="preserve">${xmlEscape(text.slice(0, cut))}</t></r><r><rPr><i/></rPr><t xml:space="preserve">${xmlEscape(text.slice(cut))}</t></r></is></c>`;
    }),
  ),
).join('');

const inlineWorkbook: HandWorkbook = {
  workbookPath: 'xl/workbook.xml',
  sheets: [{ name: 'المسجلون', path: 'xl/worksheets/sheet1.xml', sheetData: inlineSheetData }],
};

// ---------------------------------------------------------------------------
// Writing them, and LibreOffice's reading of them, once
// ---------------------------------------------------------------------------

let dir = '';
const files = new Map<string, { path: string; bytes: Uint8Array; libreOffice: OracleSheet[] }>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-package-xml-'));
  const workbooks: [string, HandWorkbook][] = [
    ...RELOCATED.map(({ label, workbookPath, sheetPath }): [string, HandWorkbook] => [
      label,
      relocatedWorkbook(workbookPath, sheetPath),
    ]),
    ['formulas', formulaWorkbook],
    ['inline', inlineWorkbook],
  ];
  const written = await Promise.all(
    workbooks.map(async ([label, workbook], i) => {
      const file = path.join(dir, `package-${i}.xlsx`);
      const bytes = await handWrittenXlsx(workbook);
      await fs.writeFile(file, bytes);
      return { label, file, bytes: new Uint8Array(bytes) };
    }),
  );
  const readings = await libreOfficeReading(written.map(({ file }) => file));
  for (const [i, { label, file, bytes }] of written.entries()) {
    files.set(label, { path: file, bytes, libreOffice: readings[i] ?? [] });
  }
}, 300_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function fixture(label: string) {
  const found = files.get(label);
  if (!found) throw new Error(`no fixture ${label}`);
  return found;
}

describe.each(RELOCATED.map(({ label }) => label))('a workbook part at %s, named by _rels/.rels', (label) => {
  it('is read as a workbook: its shown sheet, every cell', async () => {
    const file = await readImportFile('registrants.xlsx', fixture(label).bytes);
    expect(file.format).toBe('xlsx');
    expect(file.sheets.map(({ name, rows }) => ({ name, rows }))).toEqual([{ name: 'المسجلون', rows: REGISTRANTS }]);
  });

  it('is read by LibreOffice as the test states (the expectation is not ours alone)', () => {
    const reading = fixture(label).libreOffice;
    expect(reading.map((sheet) => sheet.name)).toEqual(['المسجلون', 'قوائم']);
    expect(reading[0]?.rows).toEqual(REGISTRANTS);
  });
});

describe('formulas whose cached result is text in the sheet, and inline strings', () => {
  it('shows each cached text: t="str" with <v>, t="inlineStr" with <is><t>, rich inline runs', async () => {
    const file = await readImportFile('formulas.xlsx', fixture('formulas').bytes);
    const row = file.sheets[0]?.rows[0] ?? [];
    // Each cell beside its XML, so a failure names every kind of cell that reads wrong.
    expect(FORMULA_CELLS.map(({ xml }, i) => ({ xml, read: row[i] ?? '' }))).toEqual(
      FORMULA_CELLS.map(({ xml, shows }) => ({ xml, read: shows })),
    );
    expect(file.sheets.map(({ name, rows }) => ({ name, rows }))).toEqual([
      { name: 'Sheet1', rows: [FORMULA_CELLS.map((c) => c.shows)] },
    ]);
  });

  it('is read by LibreOffice as the test states', () => {
    expect(fixture('formulas').libreOffice[0]?.rows).toEqual([FORMULA_CELLS.map((c) => c.shows)]);
  });
});

describe('a sheet of inline Arabic strings larger than 64 KiB', () => {
  it('is an attack: its XML is over 64 KiB and 16 KiB boundaries fall inside characters', () => {
    const xml = worksheetXml(inlineSheetData);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(64 * 1024);
    expect(boundariesInsideCharacters(xml)).toBeGreaterThanOrEqual(10);
  });

  it('reads every cell exactly as written, rich-text runs joined', async () => {
    const file = await readImportFile('inline.xlsx', fixture('inline').bytes);
    const rows = file.sheets[0]?.rows ?? [];
    const wrong = INLINE_TABLE.flatMap((row, r) =>
      row.flatMap((text, c) => ((rows[r]?.[c] ?? '') === text ? [] : [`${cellName(r, c)}: ${rows[r]?.[c]}`])),
    );
    expect(wrong.length, `first: ${wrong.slice(0, 5).join(' | ')}`).toBe(0);
    expect(rows.length).toBe(INLINE_TABLE.length);
  });

  it('holds no U+FFFD in any cell', async () => {
    const file = await readImportFile('inline.xlsx', fixture('inline').bytes);
    const corrupted = (file.sheets[0]?.rows ?? []).flatMap((row, r) =>
      row.flatMap((cell, c) => (cell.includes('\ufffd') ? [cellName(r, c)] : [])),
    );
    expect(corrupted.length, `first: ${corrupted.slice(0, 10).join(', ')}`).toBe(0);
  });

  it('reads every cell as LibreOffice reads it, and LibreOffice reads it as written', async () => {
    const { bytes, libreOffice } = fixture('inline');
    expect(libreOffice[0]?.rows).toEqual(INLINE_TABLE);
    const file = await readImportFile('inline.xlsx', bytes);
    expect(describeComparison(compareWithLibreOffice(file.sheets, libreOffice))).toBe('agrees');
  });
});
