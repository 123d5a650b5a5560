/**
 * Malformed files through the import: every input must end, within a time
 * limit, in an ImportInputError with a known code or in well-formed sheets.
 * Anything else thrown (or an unhandled rejection, which fails the run) is a bug.
 * Seeded, so a failure replays: the failing case's label says which one it was.
 */
import ExcelJS from 'exceljs';
// exceljs's own ZIP library, to build a Word document.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IMPORT_INPUT_ERROR_CODES,
  ImportInputError,
  UNSUPPORTED_FORMATS,
} from '../../../../src/core/registrations/import/errors';
import { buildPreview, type PreviewContext } from '../../../../src/core/registrations/import/preview';
import { type ImportFile, readImportFile } from '../../../../src/core/registrations/import/read-file';
import { MAX_CELL_CHARS, MAX_COLUMNS } from '../../../../src/core/registrations/import/text-encoding';

interface FuzzInput {
  label: string;
  fileName: string;
  bytes: Uint8Array;
}

/** What happens to one input: the step a test of the whole preview would extend. */
async function importOnce(input: FuzzInput): Promise<void> {
  let file: ImportFile;
  try {
    file = await readImportFile(input.fileName, input.bytes);
  } catch (error) {
    if (!(error instanceof ImportInputError)) throw error;
    expect(IMPORT_INPUT_ERROR_CODES).toContain(error.code);
    if (error.code === 'unsupported_format') expect(UNSUPPORTED_FORMATS).toContain(error.format);
    return;
  }
  expectWellFormed(file);
  // Whatever was read previews without throwing, on every sheet: an answer, never a crash.
  for (const sheet of file.sheets) {
    const preview = buildPreview(file, { sheet: sheet.name, headerRow: null, mapping: null }, PREVIEW_CONTEXT);
    expect(preview.counts.rows).toBe(preview.rows.length);
  }
}

/** Nothing registered yet; the preview never writes, so one context serves every input. */
const PREVIEW_CONTEXT: PreviewContext = {
  defaultCountry: '966',
  delegations: [],
  registrations: [],
  rememberedMapping: () => null,
};

function expectWellFormed(file: ImportFile): void {
  expect(['xlsx', 'csv']).toContain(file.format);
  expect(file.encoding === null).toBe(file.format === 'xlsx');
  let cellsWithText = 0;
  for (const sheet of file.sheets) {
    expect(typeof sheet.name).toBe('string');
    for (const row of sheet.rows) {
      expect(Array.isArray(row)).toBe(true);
      expect(row.length).toBeLessThanOrEqual(MAX_COLUMNS);
      if (row.length > 0) expect(row[row.length - 1]).not.toBe('');
      for (const cell of row) {
        if (typeof cell !== 'string' || cell.length > MAX_CELL_CHARS || cell.startsWith('[object')) {
          expect.fail(`cell ${JSON.stringify(cell)?.slice(0, 80)} in sheet ${sheet.name}`);
        }
        if (cell !== '') cellsWithText++;
      }
    }
  }
  expect(cellsWithText).toBeGreaterThan(0);
}

/** Long enough for the largest case on a slow machine; a hang fails here, loudly, instead of stalling the run. */
const CASE_TIME_LIMIT_MS = 10_000;

async function importWithinTimeLimit(input: FuzzInput): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${input.label}: no outcome after ${CASE_TIME_LIMIT_MS} ms`)),
      CASE_TIME_LIMIT_MS,
    );
  });
  try {
    await Promise.race([importOnce(input), overtime]);
  } catch (error) {
    throw new Error(`${input.label} (${input.fileName}, ${input.bytes.length} bytes): ${String(error)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------

type Random = () => number;

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const below = (random: Random, n: number) => Math.floor(random() * n);

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[below(random, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => below(random, 256));
}

function flipped(random: Random, bytes: Uint8Array, flips: number, from = 0): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (let i = 0; i < flips; i++) {
    const at = from + below(random, copy.length - from);
    copy[at] = (copy[at] ?? 0) ^ (1 + below(random, 255));
  }
  return copy;
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const NAMES = ['أحمد بن علي العتيبي', 'نورة القحطاني', 'د. خالد الزهراني', 'Sara Ali', 'معالي الشيخ', ''];
const TEXTS = [
  ...NAMES,
  'ahmed@moh.gov.sa',
  '0551234567',
  '٠٥٠١٢٣٤٥٦٧',
  '+966 50 765 4321',
  '2024-05-01',
  '01/05/2024',
  '5/1/2024 10:23:45',
  '١٤٤٦/١١/٠٥هـ',
  'وزارة الصحة، الرياض',
  'a "quoted" word',
  'line one\nline two',
  '#N/A',
  '=SUM(A1:A3)',
  '🙂 مرحبا',
];

async function workbookBytes(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** One cell of every kind exceljs writes, picked at random. */
function randomCellValue(random: Random): ExcelJS.CellValue {
  switch (below(random, 10)) {
    case 0:
      return pick(random, [966551234567, 551234567, 0.1 + 0.2, -42, 1e21, 2.5e-7, 45413]);
    case 1:
      return new Date(
        Date.UTC(1990 + below(random, 40), below(random, 12), 1 + below(random, 28), below(random, 2) * 13),
      );
    case 2:
      return { formula: 'A1*2', result: pick(random, [0, 7, 'نص']) };
    case 3:
      return { formula: 'VLOOKUP(A1,Z:Z,2,0)', result: { error: pick(random, ['#N/A', '#REF!', '#DIV/0!'] as const) } };
    case 4:
      return { richText: [{ text: pick(random, NAMES) }, { text: ' ✓', font: { bold: true } }] };
    case 5:
      return { text: 'راسلنا', hyperlink: 'mailto:info@example.com' };
    case 6:
      return random() < 0.5;
    case 7:
      return { error: '#VALUE!' };
    default:
      return pick(random, TEXTS);
  }
}

function randomWorkbook(random: Random): Promise<Uint8Array> {
  return workbookBytes((workbook) => {
    const sheetCount = 1 + below(random, 3);
    for (let s = 0; s < sheetCount; s++) {
      const state = pick(random, ['visible', 'visible', 'hidden'] as const);
      const sheet = workbook.addWorksheet(`ورقة ${s + 1}`, { state });
      if (random() < 0.2) continue;
      if (random() < 0.5) {
        sheet.getCell('A1').value = 'كشف المسجلين';
        sheet.mergeCells('A1:D1');
      }
      const rows = 1 + below(random, 30);
      for (let r = 0; r < rows; r++) {
        sheet.addRow(Array.from({ length: 1 + below(random, 8) }, () => randomCellValue(random)));
      }
    }
  });
}

interface Fixtures {
  workbook: Uint8Array;
  randomWorkbooks: Uint8Array[];
  docx: Uint8Array;
  emptyWorkbooks: Uint8Array[];
  wideWorkbooks: Uint8Array[];
  bigCellWorkbooks: Uint8Array[];
}

async function buildFixtures(): Promise<Fixtures> {
  const random = seededRandom(1);
  const workbook = await workbookBytes((book) => {
    const sheet = book.addWorksheet('المسجلون');
    sheet.getCell('A1').value = 'منتدى المدن الذكية 2025';
    sheet.mergeCells('A1:F1');
    sheet.getRow(3).values = ['الاسم', 'الجوال', 'البريد', 'التاريخ', 'الحضور', 'المجموع'];
    for (let i = 0; i < 40; i++) {
      sheet.addRow([
        pick(random, NAMES),
        966551234567 + i,
        { text: `user${i}@example.com`, hyperlink: `mailto:user${i}@example.com` },
        new Date(Date.UTC(2025, 0, 1 + i, i % 2 ? 9 : 0)),
        i % 3 === 0,
        i % 5 === 0 ? { formula: 'B4/0', result: { error: '#DIV/0!' } } : { formula: 'B4*2', result: i * 2 },
      ]);
    }
    book.addWorksheet('Lists', { state: 'hidden' }).addRow(['الرياض', 'جدة']);
    book.addWorksheet('Empty');
  });
  const docxZip = new JSZip();
  docxZip.file('[Content_Types].xml', '<Types/>');
  docxZip.file('word/document.xml', '<w:document><w:body><w:p>الاسم</w:p></w:body></w:document>');
  const wide = (columns: number) =>
    workbookBytes((book) => {
      book.addWorksheet('Wide').addRow(Array.from({ length: columns }, (_, i) => `c${i}`));
    });
  const bigCell = (length: number) =>
    workbookBytes((book) => {
      book.addWorksheet('Big').addRow(['Name', 'ن'.repeat(length)]);
    });
  return {
    workbook,
    randomWorkbooks: await Promise.all(Array.from({ length: 30 }, () => randomWorkbook(random))),
    docx: await docxZip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    emptyWorkbooks: await Promise.all([
      workbookBytes((book) => book.addWorksheet('One')),
      workbookBytes((book) => {
        book.addWorksheet('Styled').getCell('C3').style = { font: { bold: true } };
        book.addWorksheet('Hidden', { state: 'hidden' }).addRow(['x']);
      }),
      workbookBytes((book) => {
        book.addWorksheet('Blank strings').addRow(['', '', { formula: 'A1', result: '' }]);
      }),
    ]),
    wideWorkbooks: await Promise.all([wide(MAX_COLUMNS), wide(MAX_COLUMNS + 1), wide(MAX_COLUMNS + 300)]),
    bigCellWorkbooks: await Promise.all([bigCell(MAX_CELL_CHARS), bigCell(MAX_CELL_CHARS + 1)]),
  };
}

// ---------------------------------------------------------------------------
// Text encodings for the CSV cases
// ---------------------------------------------------------------------------

/** Windows-1256, by inverting Node's decoder; what it cannot hold becomes "?". */
const CP1256 = (() => {
  const decoder = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return map;
})();

function cp1256(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => CP1256.get(ch) ?? 0x3f));
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  if (order === 'be') bytes.swap16();
  return new Uint8Array(bytes);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function randomCsvText(random: Random): string {
  const delimiter = pick(random, [',', ';', '\t']);
  const quote = (cell: string) => (/[",;\t\n]/.test(cell) || random() < 0.1 ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = Array.from({ length: 1 + below(random, 40) }, () =>
    Array.from({ length: below(random, 9) }, () => quote(pick(random, TEXTS))).join(delimiter),
  );
  // Now and then, what a broken export leaves: a stray quote, a cut line.
  if (random() < 0.3) lines.push(`"unclosed${delimiter}${pick(random, TEXTS)}`);
  return lines.join(pick(random, ['\r\n', '\n', '\r']));
}

function randomlyEncoded(random: Random, text: string): { how: string; bytes: Uint8Array } {
  switch (below(random, 7)) {
    case 0:
      return { how: 'utf-8', bytes: utf8(text) };
    case 1: {
      // UTF-8 with a few Windows-1256 words pasted in: valid as neither.
      const parts = text.split(' ').map((word) => (random() < 0.2 ? cp1256(word) : utf8(word)));
      return {
        how: 'utf-8 and windows-1256',
        bytes: new Uint8Array(Buffer.concat(parts.flatMap((p) => [p, utf8(' ')]))),
      };
    }
    case 2:
      return { how: 'utf-16le without BOM', bytes: utf16(text, 'le') };
    case 3:
      return { how: 'utf-16be without BOM', bytes: utf16(text, 'be') };
    case 4:
      return { how: 'windows-1256', bytes: cp1256(text) };
    case 5: {
      const bytes = Array.from(utf8(text));
      for (let i = 0; i < 1 + below(random, 20); i++) bytes.splice(below(random, bytes.length + 1), 0, 0);
      return { how: 'utf-8 with NUL bytes', bytes: Uint8Array.from(bytes) };
    }
    default:
      return { how: 'utf-8 with a BOM', bytes: utf8(`\uFEFF${text}`) };
  }
}

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

const FILE_NAMES = ['registrants.xlsx', 'registrants.csv', 'registrants.txt', 'registrants.xls', 'registrants'];

interface Category {
  name: string;
  seed: number;
  inputs: (random: Random, fixtures: Fixtures) => FuzzInput[];
}

const times = (count: number, make: (i: number) => FuzzInput) => Array.from({ length: count }, (_, i) => make(i));

const CATEGORIES: Category[] = [
  {
    name: 'random bytes, bare or behind a ZIP, OLE or PDF signature',
    seed: 101,
    inputs: (random) =>
      times(60, (i) => {
        const signature = pick(random, [
          [],
          [],
          [0x50, 0x4b, 0x03, 0x04],
          [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
          [0x25, 0x50, 0x44, 0x46, 0x2d],
        ]);
        const bytes = new Uint8Array([...signature, ...randomBytes(random, below(random, 4000))]);
        return { label: `random bytes #${i}`, fileName: pick(random, FILE_NAMES), bytes };
      }),
  },
  {
    name: 'a workbook cut short at random offsets',
    seed: 102,
    inputs: (random, { workbook }) =>
      times(60, (i) => {
        const length = below(random, workbook.length);
        return {
          label: `workbook cut at ${length} (#${i})`,
          fileName: 'registrants.xlsx',
          bytes: workbook.subarray(0, length),
        };
      }),
  },
  {
    name: 'a workbook with random bytes changed, anywhere or in its table of contents',
    seed: 103,
    inputs: (random, { workbook }) =>
      times(100, (i) => {
        const tableOfContents = i % 4 === 0;
        const bytes = flipped(random, workbook, 1 + below(random, 8), tableOfContents ? workbook.length - 1500 : 0);
        return { label: `workbook with changed bytes #${i}`, fileName: 'registrants.xlsx', bytes };
      }),
  },
  {
    name: 'random workbooks: dates, formula errors, rich text, links, merged titles, hidden sheets',
    seed: 104,
    inputs: (_, { randomWorkbooks }) =>
      randomWorkbooks.map((bytes, i) => ({ label: `random workbook #${i}`, fileName: 'registrants.xlsx', bytes })),
  },
  {
    name: 'a Word document renamed .xlsx, whole, cut or changed',
    seed: 105,
    inputs: (random, { docx }) =>
      times(10, (i) => {
        const bytes = i === 0 ? docx : i % 2 ? docx.subarray(0, below(random, docx.length)) : flipped(random, docx, 2);
        return { label: `docx #${i}`, fileName: 'registrants.xlsx', bytes };
      }),
  },
  {
    name: 'megabyte cells, in a workbook and in a CSV',
    seed: 106,
    inputs: (_, { bigCellWorkbooks }) => [
      ...bigCellWorkbooks.map((bytes, i) => ({ label: `big cell workbook #${i}`, fileName: 'big.xlsx', bytes })),
      {
        label: 'big quoted CSV cell',
        fileName: 'big.csv',
        bytes: utf8(`Name,Notes\nx,"${'ن'.repeat(MAX_CELL_CHARS + 1)}"\n`),
      },
      { label: 'big CSV cell', fileName: 'big.csv', bytes: utf8(`Name,Notes\nx,${'a'.repeat(MAX_CELL_CHARS)}\n`) },
    ],
  },
  {
    name: `${MAX_COLUMNS} columns and more, in a workbook and in a CSV`,
    seed: 107,
    inputs: (random, { wideWorkbooks }) => [
      ...wideWorkbooks.map((bytes, i) => ({ label: `wide workbook #${i}`, fileName: 'wide.xlsx', bytes })),
      ...times(4, (i) => {
        const columns = MAX_COLUMNS - 1 + below(random, 5);
        return {
          label: `CSV of ${columns} columns (#${i})`,
          fileName: 'wide.csv',
          bytes: utf8(`${'x,'.repeat(columns)}x\n`),
        };
      }),
    ],
  },
  {
    name: 'workbooks and CSVs with nothing in them',
    seed: 108,
    inputs: (_, { emptyWorkbooks }) => [
      ...emptyWorkbooks.map((bytes, i) => ({ label: `empty workbook #${i}`, fileName: 'empty.xlsx', bytes })),
      { label: 'blank CSV', fileName: 'empty.csv', bytes: utf8(',,,\r\n\r\n, ,\r\n') },
      { label: 'BOM only', fileName: 'empty.csv', bytes: utf8('\uFEFF') },
    ],
  },
  {
    name: 'CSVs in mixed encodings, with dates in text, stray quotes and NUL bytes',
    seed: 109,
    inputs: (random) =>
      times(80, (i) => {
        const { how, bytes } = randomlyEncoded(random, randomCsvText(random));
        return { label: `CSV #${i} (${how})`, fileName: pick(random, FILE_NAMES), bytes };
      }),
  },
];

describe('import fuzz: every malformed input ends in rows or in a known refusal', () => {
  let fixtures: Fixtures | undefined;
  beforeAll(async () => {
    fixtures = await buildFixtures();
  }, 30_000);

  for (const category of CATEGORIES) {
    it(category.name, async () => {
      if (!fixtures) throw new Error('fixtures not built');
      const inputs = category.inputs(seededRandom(category.seed), fixtures);
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) await importWithinTimeLimit(input);
    }, 60_000);
  }
});
