import ExcelJS from 'exceljs';
// exceljs's own ZIP library: the tests use it to build archives that are not workbooks, and to edit workbooks.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportInputError, type UnsupportedFormat } from '../../../../src/core/registrations/import/errors';
import { MAX_ROWS, readImportFile } from '../../../../src/core/registrations/import/read-file';
import { plainSheet } from '../../../../src/core/registrations/import/sheet-table';
import { MAX_CELL_CHARS, MAX_COLUMNS } from '../../../../src/core/registrations/import/text-encoding';
import { IMPORT_MAX_BYTES } from '../../../../src/shared/domain/registration';

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

async function workbookBytes(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function zipBytes(files: Record<string, string>, options: { storedFirst?: string } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  if (options.storedFirst) zip.file(options.storedFirst, files[options.storedFirst] ?? '', { compression: 'STORE' });
  for (const [name, content] of Object.entries(files)) {
    if (name !== options.storedFirst) zip.file(name, content, { compression: 'DEFLATE' });
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/** A workbook with one part's text changed: how the tests write what exceljs will not. */
async function editedWorkbook(bytes: Uint8Array, part: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)?.async('string');
  if (xml === undefined) throw new Error(`no ${part} in the fixture`);
  zip.file(part, edit(xml));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function refusal(fileName: string, bytes: Uint8Array): Promise<ImportInputError> {
  try {
    await readImportFile(fileName, bytes);
  } catch (error) {
    if (error instanceof ImportInputError) return error;
    throw error;
  }
  throw new Error('expected an ImportInputError');
}

async function expectUnsupported(fileName: string, bytes: Uint8Array, format: UnsupportedFormat): Promise<void> {
  const error = await refusal(fileName, bytes);
  expect({ code: error.code, format: error.format }).toEqual({ code: 'unsupported_format', format });
}

async function rowsOf(bytes: Uint8Array, sheet = 0): Promise<string[][]> {
  const file = await readImportFile('registrants.xlsx', bytes);
  return file.sheets[sheet]?.rows ?? [];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The first bytes of an OLE compound file (.xls, .doc, an encrypted .xlsx), then a directory with `streams`. */
function oleBytes(streams: string[]): Uint8Array {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const directory = streams.map((name) =>
    Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(128 - name.length * 2)]),
  );
  return new Uint8Array(Buffer.concat([header, Buffer.alloc(504), ...directory]));
}

/** Bytes from a seeded generator, so a failure can be replayed. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

// ---------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------

describe('readImportFile: workbooks', () => {
  it('reads the shown sheets in workbook order, leaves hidden ones out, and keeps an empty one', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('المسجلون').addRow(['الاسم', 'الجوال']);
      workbook.addWorksheet('Lists', { state: 'hidden' }).addRow(['الرياض', 'جدة']);
      workbook.addWorksheet('Empty');
      workbook.addWorksheet('Secret', { state: 'veryHidden' }).addRow(['x']);
      workbook.addWorksheet('VIP').addRow(['Name']);
    });
    const file = await readImportFile('forum.xlsx', bytes);
    expect(file.format).toBe('xlsx');
    expect(file.encoding).toBeNull();
    expect(file.sheets.map((sheet) => sheet.name)).toEqual(['المسجلون', 'Empty', 'VIP']);
    expect(file.sheets.map((sheet) => sheet.rows)).toEqual([[['الاسم', 'الجوال']], [], [['Name']]]);
  });

  it('follows the tab order of workbook.xml, not the order of the sheet files', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('First').addRow(['1']);
      workbook.addWorksheet('Second').addRow(['2']);
    });
    // Dragging "Second" before "First" in Excel reorders <sheet> elements and keeps the files.
    const swapped = await editedWorkbook(bytes, 'xl/workbook.xml', (xml) =>
      xml.replace(/(<sheet [^>]*name="First"[^>]*\/>)(<sheet [^>]*name="Second"[^>]*\/>)/, '$2$1'),
    );
    const file = await readImportFile('forum.xlsx', swapped);
    expect(file.sheets.map((sheet) => [sheet.name, sheet.rows[0]?.[0]])).toEqual([
      ['Second', '2'],
      ['First', '1'],
    ]);
  });

  it('finds parts named by absolute paths, as some programs write them', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow(['Name', new Date(Date.UTC(2025, 4, 1))]);
    });
    const absolute = await editedWorkbook(bytes, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replaceAll('Target="', 'Target="/xl/'),
    );
    expect(await rowsOf(absolute)).toEqual([['Name', '2025-05-01']]);
  });

  it('keeps blank rows so rows[i] is Excel row i + 1, with a merged title above the header', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.getCell('A1').value = 'كشف المسجلين في منتدى المدن الذكية';
      sheet.mergeCells('A1:D1');
      sheet.getCell('B3').value = 'التاريخ: 1446/11/05هـ';
      sheet.getRow(5).values = ['الاسم', 'جهة العمل', 'البريد الإلكتروني', 'الجوال'];
      sheet.getRow(6).values = ['أحمد', 'وزارة الصحة', 'ahmed@moh.gov.sa', '0551234567'];
      sheet.getCell('F6').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } } };
      sheet.getCell('A9').value = 'آخر سطر';
    });
    expect(await rowsOf(bytes)).toEqual([
      ['كشف المسجلين في منتدى المدن الذكية'],
      [],
      ['', 'التاريخ: 1446/11/05هـ'],
      [],
      ['الاسم', 'جهة العمل', 'البريد الإلكتروني', 'الجوال'],
      ['أحمد', 'وزارة الصحة', 'ahmed@moh.gov.sa', '0551234567'],
      [],
      [],
      ['آخر سطر'],
    ]);
  });

  it('writes dates as YYYY-MM-DD, with HH:MM when there is a time, read in UTC', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.addRow([new Date(Date.UTC(2025, 4, 1)), new Date(Date.UTC(2024, 11, 31, 23, 59, 40))]);
      // Google Forms' timestamp column, with seconds.
      sheet.getCell('C1').value = new Date(Date.UTC(2025, 0, 5, 9, 3, 27));
      sheet.getCell('C1').numFmt = 'm/d/yyyy h:mm:ss';
      // A time of day alone, and a date computed by a formula.
      sheet.getCell('D1').value = 0.75;
      sheet.getCell('D1').numFmt = 'h:mm';
      sheet.getCell('E1').value = { formula: 'A1+1', result: 45779 };
      sheet.getCell('E1').numFmt = 'dd/mm/yyyy';
      // A date typed as text stays as typed.
      sheet.getCell('F1').value = '05/01/2025';
    });
    expect(await rowsOf(bytes)).toEqual([
      ['2025-05-01', '2024-12-31 23:59', '2025-01-05 09:03', '18:00', '2025-05-02', '05/01/2025'],
    ]);
  });

  it('counts dates from 1904 in a workbook that says so', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('Regs');
      sheet.getCell('A1').value = new Date(Date.UTC(2025, 4, 1));
      // 2025-05-01 is day 44316 counted from 1904 (45778 from 1900).
      sheet.getCell('B1').value = { formula: 'A1', result: 44316 };
      sheet.getCell('B1').numFmt = 'yyyy-mm-dd';
    });
    expect(await rowsOf(bytes)).toEqual([['2025-05-01', '2025-05-01']]);
  });

  it('writes numbers with all their digits and without float noise', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook
        .addWorksheet('Regs')
        .addRow([966551234567, 551234567, 0.1 + 0.2, 12.5, -3, 1e21, Number('1234567890123456789'), 2.5e-7, 0]);
    });
    expect(await rowsOf(bytes)).toEqual([
      [
        '966551234567',
        '551234567',
        '0.3',
        '12.5',
        '-3',
        '1000000000000000000000',
        '1234567890123460000',
        '0.00000025',
        '0',
      ],
    ]);
  });

  it('keeps strings as typed: Arabic-Indic digits, leading zeros, spaces', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow(['٠٥٠١٢٣٤٥٦٧', '0551234567', ' +966 55 123 4567 ', '١٤٤٦/١١/٠٥']);
    });
    expect(await rowsOf(bytes)).toEqual([['٠٥٠١٢٣٤٥٦٧', '0551234567', ' +966 55 123 4567 ', '١٤٤٦/١١/٠٥']]);
  });

  it('joins rich text runs and shows hyperlinks by their text', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.getCell('A1').value = { richText: [{ text: 'د. ' }, { text: 'سارة', font: { bold: true } }] };
      sheet.getCell('B1').value = { text: 'sara@example.com', hyperlink: 'mailto:sara@example.com' };
      sheet.getCell('C1').value = { text: 'الموقع', hyperlink: 'https://example.com' };
    });
    expect(await rowsOf(bytes)).toEqual([['د. سارة', 'sara@example.com', 'الموقع']]);
  });

  it('shows the address of a hyperlink written without text, an e-mail without "mailto:"', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.getCell('A1').value = 'Name';
      sheet.getCell('B2').value = { text: 'to be blanked', hyperlink: 'mailto:noura@example.com' };
      sheet.getCell('D2').value = { text: 'to be blanked', hyperlink: 'https://example.com/a?b=1&c=2' };
    });
    // exceljs always writes the text; other programs may leave the cell empty.
    const blanked = await editedWorkbook(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(/<c r="B2"[^>]*>.*?<\/c>/, '<c r="B2"/>').replace(/<c r="D2"[^>]*>.*?<\/c>/, ''),
    );
    expect(await rowsOf(blanked)).toEqual([['Name'], ['', 'noura@example.com', '', 'https://example.com/a?b=1&c=2']]);
  });

  it('shows formulas by their results, and formula errors, error cells and booleans as Excel does', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.addRow([
        { formula: 'B1*2', result: 10 },
        { formula: 'CONCAT("a","b")', result: 'ab' },
        { formula: 'B1-B1', result: 0 },
        { formula: 'VLOOKUP(A1,X:Y,2,0)', result: { error: '#N/A' } },
        { formula: 'A1/0', result: { error: '#DIV/0!' } },
        { error: '#REF!' },
        true,
        false,
        { formula: 'ZZ1' },
      ]);
      // exceljs writes A3 as a shared formula (<f t="shared" si="0"/>) with A2 as its master.
      sheet.getCell('A2').value = { formula: 'A1+1', result: 11 };
      sheet.getCell('A3').value = { sharedFormula: 'A2', result: 12 };
    });
    const rows = await rowsOf(bytes);
    expect(rows).toEqual([['10', 'ab', '0', '', '', '', 'TRUE', 'FALSE'], ['11'], ['12']]);
    expect(rows.flat().join()).not.toContain('[object');
  });

  it('reads a workbook without a shared strings part (numbers only)', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow([1, 2, 3]);
    });
    expect(await rowsOf(bytes)).toEqual([['1', '2', '3']]);
  });

  it('decodes the escapes Excel writes for characters XML cannot hold', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow(['first_x000D_\nsecond', 'keep_x005F_x0041_']);
    });
    expect(await rowsOf(bytes)).toEqual([['first\r\nsecond', 'keep_x0041_']]);
  });

  it(`accepts ${MAX_COLUMNS} columns (and formatted cells past them) and refuses text past them`, async () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    const full = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.addRow(wide(MAX_COLUMNS));
      sheet.getRow(1).getCell(MAX_COLUMNS + 500).style = { font: { bold: true } };
    });
    expect((await rowsOf(full))[0]).toHaveLength(MAX_COLUMNS);

    const tooWide = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.addRow(['Name']);
      sheet.addRow(wide(MAX_COLUMNS + 1));
    });
    const error = await refusal('wide.xlsx', tooWide);
    expect(error.code).toBe('too_many_columns');
    expect(error.where).toEqual({ row: 1, column: MAX_COLUMNS });
  });

  it(`accepts a cell of ${MAX_CELL_CHARS} characters and refuses a longer one, saying where`, async () => {
    const withCell = (text: string) =>
      workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet('Regs');
        sheet.addRow(['Name', 'Notes']);
        sheet.getCell('C4').value = text;
      });
    expect((await rowsOf(await withCell('x'.repeat(MAX_CELL_CHARS))))[3]?.[2]).toHaveLength(MAX_CELL_CHARS);
    const error = await refusal('big.xlsx', await withCell('ن'.repeat(MAX_CELL_CHARS + 1)));
    expect(error.code).toBe('cell_too_large');
    expect(error.where).toEqual({ row: 3, column: 2 });
  });

  it(`refuses a sheet with more than ${MAX_ROWS} rows with text; blank rows do not count`, async () => {
    const rowXml = (r: number) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    const rowsXml = (count: number, start: number) =>
      Array.from({ length: count }, (_, i) => rowXml(start + i)).join('');
    const base = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow([0]);
    });
    const sheetWith = (rows: string) =>
      editedWorkbook(base, 'xl/worksheets/sheet1.xml', (xml) =>
        xml.replace(/<sheetData>.*<\/sheetData>/, `<sheetData>${rows}</sheetData>`),
      );

    const fits = await rowsOf(await sheetWith(rowsXml(MAX_ROWS, 11)));
    expect(fits).toHaveLength(MAX_ROWS + 10);
    expect(fits[9]).toEqual([]);

    const error = await refusal('long.xlsx', await sheetWith(rowsXml(MAX_ROWS + 1, 1)));
    expect(error.code).toBe('too_many_rows');
    expect(error.where).toEqual({ row: MAX_ROWS });
  });

  it('refuses a row number past Excel’s last row as damaged', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Regs').addRow(['Name']);
    });
    const far = await editedWorkbook(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(
        '</sheetData>',
        '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
      ),
    );
    expect((await refusal('far.xlsx', far)).code).toBe('corrupt');
  });

  it('refuses a workbook with no text in any shown sheet as empty', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('One');
      workbook.addWorksheet('Two').getCell('B2').style = { font: { bold: true } };
      workbook.addWorksheet('Hidden', { state: 'hidden' }).addRow(['only here']);
    });
    expect((await refusal('empty.xlsx', bytes)).code).toBe('empty');
  });
});

// ---------------------------------------------------------------------------
// Damaged workbooks
// ---------------------------------------------------------------------------

describe('readImportFile: damaged workbooks', () => {
  const sample = () =>
    workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Regs');
      sheet.addRow(['الاسم', 'الجوال', 'التاريخ']);
      for (let i = 0; i < 200; i++) sheet.addRow([`مسجل ${i}`, 966551234567 + i, new Date(Date.UTC(2025, 0, 1 + i))]);
      workbook.addWorksheet('Second').addRow(['x']);
    });

  it('refuses a workbook cut short anywhere as corrupt, each within a second', async () => {
    const bytes = await sample();
    const spread = Array.from({ length: 101 }, (_, i) => 4 + Math.floor(((bytes.length - 5) * i) / 100));
    // The last bytes hold the end-of-archive record and the table of contents before it.
    const nearTheEnd = [1, 2, 10, 21, 22, 23, 40, 100, 300].map((cut) => bytes.length - cut);
    for (const length of [...spread, ...nearTheEnd]) {
      const started = performance.now();
      const error = await refusal('cut.xlsx', bytes.subarray(0, length));
      expect({ length, code: error.code }).toEqual({ length, code: 'corrupt' });
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('refuses a workbook with a changed byte in a part it reads, even where the change would look plausible', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Regs').addRow(['الاسم', 'الجوال']).commit();
    workbook.getWorksheet('Regs')?.addRow(['مسجل 150', '0551234567']);
    // Stored, not deflated: the cell's bytes are in the file as they are, and a flip inflates without complaint.
    const stored = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
    const at = stored.indexOf('مسجل 150');
    expect(at).toBeGreaterThan(0);
    expect(await rowsOf(stored)).toEqual([
      ['الاسم', 'الجوال'],
      ['مسجل 150', '0551234567'],
    ]);
    const changed = Buffer.from(stored);
    changed[at + 'مسجل 1'.length + 5] = '6'.charCodeAt(0); // "150" -> "160"
    expect((await refusal('changed.xlsx', changed)).code).toBe('corrupt');
  });

  it('ends every single-byte change of a workbook in its rows or in corrupt', async () => {
    const bytes = await sample();
    for (let offset = 0; offset < bytes.length; offset += 97) {
      const damaged = Uint8Array.from(bytes);
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x20;
      const outcome = await readImportFile('flip.xlsx', damaged).then(
        (file) => file.sheets[0]?.rows.length,
        (error: unknown) => (error instanceof ImportInputError ? error.code : error),
      );
      // A change in a part the reader skips (a timestamp, docProps, the theme) is harmless. Changing
      // the signature makes the file something else, an archive's flags an encrypted one, or a
      // declared size one past the cap on a part.
      expect([201, 'corrupt', 'unsupported_format', 'password_protected', 'unpacks_too_large']).toContain(outcome);
    }
  });

  it('refuses a ZIP whose table of contents points outside the file', async () => {
    const bytes = Uint8Array.from(await sample());
    const view = new DataView(bytes.buffer);
    view.setUint32(bytes.length - 22 + 16, bytes.length * 2, true);
    expect((await refusal('bad.xlsx', bytes)).code).toBe('corrupt');
  });
});

// ---------------------------------------------------------------------------
// Formats, by content
// ---------------------------------------------------------------------------

describe('readImportFile: what the file is, by its content', () => {
  it('refuses other ZIP-based documents saying what they are', async () => {
    await expectUnsupported(
      'list.xlsx',
      await zipBytes({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
      'docx',
    );
    await expectUnsupported('list.xlsx', await zipBytes({ 'ppt/presentation.xml': '<p:presentation/>' }), 'pptx');
    await expectUnsupported(
      'list.xlsx',
      await zipBytes(
        { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' },
        { storedFirst: 'mimetype' },
      ),
      'ods',
    );
    await expectUnsupported('list.xlsx', await zipBytes({ 'xl/workbook.bin': 'binary' }), 'xls');
    await expectUnsupported('list.zip', await zipBytes({ 'registrants.xlsx': 'inside' }), 'zip');
  });

  it('tells an encrypted workbook from an old .xls', async () => {
    const encrypted = await refusal('secret.xlsx', oleBytes(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
    expect(encrypted.code).toBe('password_protected');
    await expectUnsupported('old.xlsx', oleBytes(['Root Entry', 'Workbook']), 'xls');
  });

  it('refuses PDFs, pictures and web pages saying what they are', async () => {
    await expectUnsupported('list.xlsx', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf');
    await expectUnsupported(
      'list.xlsx',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'image',
    );
    await expectUnsupported('list.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image');
    await expectUnsupported('list.xls', utf8('GIF89a'), 'image');
    const html = '<!DOCTYPE html>\n<html><body><table><tr><td>الاسم</td></tr></table></body></html>';
    await expectUnsupported('export.xls', utf8(html), 'html');
    await expectUnsupported('export.csv', utf8('\uFEFF  <table border="1"><tr><td>Name</td></tr></table>'), 'html');
    const xml2003 = '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>';
    await expectUnsupported('export.xls', utf8(xml2003), 'xls');
  });

  it('refuses bytes of no known kind, whatever their name, unless named as text', async () => {
    for (const name of ['list.xlsx', 'list.xls', 'list', 'list.dat']) {
      await expectUnsupported(name, randomBytes(5000, 7), 'unknown');
    }
    // A name that says text is read as text (here a cell of noise, or a refusal of its own).
    const asText = await readImportFile('list.csv', randomBytes(50, 7)).then(
      (file) => file.format,
      (error: unknown) => (error instanceof ImportInputError ? error.code : error),
    );
    expect(['csv', 'too_many_columns', 'empty']).toContain(asText);
  });

  it('refuses no bytes as empty and too many as too large, before looking at them', async () => {
    expect((await refusal('none.xlsx', new Uint8Array(0))).code).toBe('empty');
    expect((await refusal('huge.xlsx', new Uint8Array(IMPORT_MAX_BYTES + 1))).code).toBe('too_large');
  });
});

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

describe('readImportFile: CSV', () => {
  it('reads a CSV as one sheet named after the file, blank lines as [] and trailing empty cells trimmed', async () => {
    const text = '\uFEFFكشف المسجلين,,\r\n\r\nالاسم,الجوال,\r\nأحمد,0551234567,\r\n';
    const file = await readImportFile('C:\\Users\\me\\Desktop\\مسجلون.2025.csv', utf8(text));
    expect(file).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      sheets: [plainSheet('مسجلون.2025', [['كشف المسجلين'], [], ['الاسم', 'الجوال'], ['أحمد', '0551234567']])],
    });
  });

  it('reads text by its content whatever the name: a tab-separated "Excel export", UTF-16 and Windows-1256', async () => {
    const tsv = await readImportFile('export.xls', utf8('Name\tMobile\nSara\t0551234567\n'));
    expect(tsv.sheets[0]?.rows).toEqual([
      ['Name', 'Mobile'],
      ['Sara', '0551234567'],
    ]);
    const utf16 = await readImportFile(
      'unicode.txt',
      new Uint8Array(Buffer.from('الاسم\tالجوال\r\nسارة\t055\r\n', 'utf16le')),
    );
    expect(utf16.encoding).toBe('utf-16le');
    expect(utf16.sheets[0]?.rows[1]).toEqual(['سارة', '055']);
    // "الاسم,الجوال" in Windows-1256.
    const cp1256 = new Uint8Array([0xc7, 0xe1, 0xc7, 0xd3, 0xe3, 0x2c, 0xc7, 0xe1, 0xcc, 0xe6, 0xc7, 0xe1, 0x0a]);
    const legacy = await readImportFile('legacy.csv', cp1256);
    expect(legacy).toMatchObject({
      encoding: 'windows-1256',
      sheets: [{ name: 'legacy', rows: [['الاسم', 'الجوال']] }],
    });
  });

  it(`refuses a CSV with more than ${MAX_ROWS} rows with text, and one with none`, async () => {
    const lines = (n: number) => `Name\n${'x\n\n'.repeat(n)}`;
    expect((await readImportFile('ok.csv', utf8(lines(MAX_ROWS - 1)))).sheets[0]?.rows).toHaveLength(2 * MAX_ROWS - 1);
    const error = await refusal('long.csv', utf8(lines(MAX_ROWS)));
    expect(error).toMatchObject({ code: 'too_many_rows', where: { row: 2 * MAX_ROWS - 1 } });
    expect((await refusal('blank.csv', utf8(',,\n\n,\n'))).code).toBe('empty');
  });
});
