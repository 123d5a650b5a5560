import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportInputError } from '../../../../src/core/registrations/import/errors';
import {
  type CsvDelimiter,
  decodeCsvBytes,
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  parseCsv,
  sniffDelimiter,
} from '../../../../src/core/registrations/import/text-encoding';

// ---------------------------------------------------------------------------
// Encoders for the fixtures (Node has TextEncoder for UTF-8 only)
// ---------------------------------------------------------------------------

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, order: 'le' | 'be', bom = false): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + s;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const code = units.charCodeAt(i);
    const [first, second] = order === 'le' ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff];
    out[i * 2] = first;
    out[i * 2 + 1] = second;
  }
  return out;
}

/** Windows-1256, built by inverting Node's decoder. */
const CP1256 = (() => {
  const decoder = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return map;
})();
function cp1256(s: string): Uint8Array {
  return Uint8Array.from(
    [...s].map((ch) => {
      const b = CP1256.get(ch);
      if (b === undefined) throw new Error(`not in windows-1256: ${ch}`);
      return b;
    }),
  );
}

const ARABIC_CSV =
  'الاسم,جهة العمل,الجوال\r\nأحمد بن علي,وزارة الصحة,0551234567\r\nفاطمة الزهراء,أمانة منطقة الرياض,0501234567\r\n';

function inputError(fn: () => unknown): ImportInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportInputError) return e;
    throw e;
  }
  throw new Error('expected an ImportInputError');
}

// ---------------------------------------------------------------------------
// decodeCsvBytes
// ---------------------------------------------------------------------------

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(ARABIC_CSV)]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: ARABIC_CSV, encoding: 'utf-8' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvBytes(utf8(ARABIC_CSV))).toEqual({ text: ARABIC_CSV, encoding: 'utf-8' });
    expect(decodeCsvBytes(utf8('Name,Email\nJohn,john@example.com\n'))).toEqual({
      text: 'Name,Email\nJohn,john@example.com\n',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16 with a BOM, both byte orders ("Unicode text" from Excel is UTF-16LE, tab-separated)', () => {
    const text = 'الاسم\tالبريد الإلكتروني\nسارة\tsara@example.com\n';
    expect(decodeCsvBytes(utf16(text, 'le', true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeCsvBytes(utf16(text, 'be', true))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('detects UTF-16 without a BOM from its high bytes', () => {
    expect(decodeCsvBytes(utf16(ARABIC_CSV, 'le'))).toEqual({ text: ARABIC_CSV, encoding: 'utf-16le' });
    expect(decodeCsvBytes(utf16(ARABIC_CSV, 'be'))).toEqual({ text: ARABIC_CSV, encoding: 'utf-16be' });
    // Latin only: NULs on one side.
    expect(decodeCsvBytes(utf16('Name,Email\n', 'le')).encoding).toBe('utf-16le');
    // Arabic only, without one ASCII character: no NUL at all, 06 on one side.
    expect(decodeCsvBytes(utf16('أحمد،سارة', 'le'))).toEqual({ text: 'أحمد،سارة', encoding: 'utf-16le' });
  });

  it('falls back to Windows-1256 when the bytes are not UTF-8', () => {
    const bytes = cp1256(ARABIC_CSV);
    expect(decodeCsvBytes(bytes)).toEqual({ text: ARABIC_CSV, encoding: 'windows-1256' });
    expect(parseCsv(decodeCsvBytes(bytes).text)[1]).toEqual(['أحمد بن علي', 'وزارة الصحة', '0551234567']);
  });

  it('treats ASCII as UTF-8 and an empty file as empty UTF-8 text', () => {
    expect(decodeCsvBytes(utf8('a,b\n1,2\n')).encoding).toBe('utf-8');
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('keeps emoji and supplementary characters in UTF-8 and UTF-16', () => {
    const text = 'الاسم,ملاحظات\nريم,حضور مؤكد 👍\n';
    expect(decodeCsvBytes(utf8(text)).text).toBe(text);
    expect(decodeCsvBytes(utf16(text, 'le', true)).text).toBe(text);
  });

  const realistic = fc.string({
    unit: fc.constantFrom(...[...'أحمدسارةعلي ةىؤئء٠١٢٣abcXYZ019,;\t"\r\n،؛.@+-_()👍é']),
    maxLength: 200,
  });

  it('round-trips UTF-8 (with and without BOM) and UTF-16 with BOM (property)', () => {
    fc.assert(
      fc.property(realistic, (text) => {
        expect(decodeCsvBytes(utf8(text)).text).toBe(text);
        expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])).text).toBe(text);
        expect(decodeCsvBytes(utf16(text, 'le', true)).text).toBe(text);
        expect(decodeCsvBytes(utf16(text, 'be', true)).text).toBe(text);
      }),
    );
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const { text, encoding } = decodeCsvBytes(bytes);
        expect(typeof text).toBe('string');
        expect(['utf-8', 'utf-16le', 'utf-16be', 'windows-1256']).toContain(encoding);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// parseCsv
// ---------------------------------------------------------------------------

describe('parseCsv: records and line endings', () => {
  it('splits an Arabic CSV with CRLF line endings; a final line break adds no row', () => {
    expect(parseCsv(ARABIC_CSV)).toEqual([
      ['الاسم', 'جهة العمل', 'الجوال'],
      ['أحمد بن علي', 'وزارة الصحة', '0551234567'],
      ['فاطمة الزهراء', 'أمانة منطقة الرياض', '0501234567'],
    ]);
  });

  it('accepts LF, CR (old Mac Excel) and a mix of them', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    expect(parseCsv('a,b\n1,2\n3,4')).toEqual(expected);
    expect(parseCsv('a,b\r1,2\r3,4\r')).toEqual(expected);
    expect(parseCsv('a,b\r\n1,2\n3,4\r')).toEqual(expected);
  });

  it('keeps a blank line as a one-cell row so row numbers match the sheet', () => {
    expect(parseCsv('Name,Email\n\nSara,sara@example.com\n')).toEqual([
      ['Name', 'Email'],
      [''],
      ['Sara', 'sara@example.com'],
    ]);
  });

  it('keeps empty cells, including a trailing one, and does not pad short rows', () => {
    expect(parseCsv('a,b,c\n1,,3\n4,5,\n6\n')).toEqual([['a', 'b', 'c'], ['1', '', '3'], ['4', '5', ''], ['6']]);
    expect(parseCsv('a,b,')).toEqual([['a', 'b', '']]);
  });

  it('drops a BOM left at the start of the text', () => {
    expect(parseCsv('\uFEFFالاسم,الجوال\nريم,0551234567')[0]).toEqual(['الاسم', 'الجوال']);
  });

  it('keeps spaces inside cells as they are (cleaning is another step)', () => {
    expect(parseCsv(' أحمد , الرياض \n')).toEqual([[' أحمد ', ' الرياض ']]);
  });
});

describe('parseCsv: quotes', () => {
  it('reads quoted cells holding delimiters, escaped quotes and line breaks', () => {
    const text =
      'الاسم,العنوان,ملاحظات\r\n' +
      '"العتيبي, محمد","الرياض\r\nحي الملقا","قال: ""سأحضر"" إن شاء الله"\r\n' +
      '"O\'Brien, Sean","Dublin\nIreland",""\r\n';
    expect(parseCsv(text)).toEqual([
      ['الاسم', 'العنوان', 'ملاحظات'],
      ['العتيبي, محمد', 'الرياض\nحي الملقا', 'قال: "سأحضر" إن شاء الله'],
      ["O'Brien, Sean", 'Dublin\nIreland', ''],
    ]);
  });

  it('turns a CR or CRLF inside quotes into LF', () => {
    expect(parseCsv('"a\rb","c\r\nd"\n')).toEqual([['a\nb', 'c\nd']]);
  });

  it('sniffs a one-row file whose quoted cells hold the other delimiters', () => {
    expect(parseCsv('"";","')).toEqual([['', ',']]);
    expect(parseCsv('"a,b";"c;d"\n')).toEqual([['a,b', 'c;d']]);
  });

  it('treats a quote inside an unquoted cell as text, as Excel does', () => {
    expect(parseCsv('Screen,Note\n27" monitor,ok\n')).toEqual([
      ['Screen', 'Note'],
      ['27" monitor', 'ok'],
    ]);
  });

  it('keeps text after a closing quote, and lets an unclosed quote run to the end', () => {
    expect(parseCsv('"a"b,c\n')).toEqual([['ab', 'c']]);
    expect(parseCsv('x,"unclosed\nstill, the same cell')).toEqual([['x', 'unclosed\nstill, the same cell']]);
  });

  it('reads a row of empty quoted cells', () => {
    expect(parseCsv('a,b\n"",""\n')).toEqual([
      ['a', 'b'],
      ['', ''],
    ]);
  });
});

describe('parseCsv: delimiters', () => {
  it('never splits on the Arabic comma', () => {
    expect(parseCsv('الاسم,الجهات\nأحمد،محمد,وزارة الصحة، وزارة التعليم\n')).toEqual([
      ['الاسم', 'الجهات'],
      ['أحمد،محمد', 'وزارة الصحة، وزارة التعليم'],
    ]);
    // A file "separated" by Arabic commas is one column.
    expect(sniffDelimiter('الاسم،الجهة\nأحمد،الوزارة\n')).toBe(',');
    expect(parseCsv('الاسم،الجهة\nأحمد،الوزارة\n')).toEqual([['الاسم،الجهة'], ['أحمد،الوزارة']]);
  });

  it('sniffs semicolons (Excel where the list separator is ;), even with decimal commas in cells', () => {
    const text = 'الاسم;الجهة;الرسوم\nأحمد;وزارة المالية;1,5\nسارة;جامعة الملك سعود;2,25\n';
    expect(sniffDelimiter(text)).toBe(';');
    expect(parseCsv(text)[2]).toEqual(['سارة', 'جامعة الملك سعود', '2,25']);
  });

  it('sniffs tabs (Excel "Unicode text"), even with commas in cells', () => {
    const text = 'Name\tOrganization\tCity\nJohn Smith\tAcme, Inc.\tRiyadh\nعلي\tشركة أرامكو السعودية\tالظهران\n';
    expect(sniffDelimiter(text)).toBe('\t');
    expect(parseCsv(text)[1]).toEqual(['John Smith', 'Acme, Inc.', 'Riyadh']);
  });

  it('sniffs through a title row and a short row above the header', () => {
    const text = 'كشف المسجلين في منتدى المدن الذكية\n\nم;الاسم;الجوال\n1;أحمد;0551234567\n2;سارة;0501234567\n';
    expect(sniffDelimiter(text)).toBe(';');
    expect(parseCsv(text)[2]).toEqual(['م', 'الاسم', 'الجوال']);
  });

  it('ignores delimiters inside quoted cells when sniffing', () => {
    const text = '"a;b;c",d\n"e;f;g",h\n"i;j;k",l\n';
    expect(sniffDelimiter(text)).toBe(',');
  });

  it('defaults to a comma for a single column', () => {
    expect(sniffDelimiter('الاسم\nأحمد\nسارة\n')).toBe(',');
    expect(parseCsv('الاسم\nأحمد\nسارة\n')).toEqual([['الاسم'], ['أحمد'], ['سارة']]);
  });

  it('uses the delimiter given instead of sniffing', () => {
    expect(parseCsv('a;b,c\n', { delimiter: ',' })).toEqual([['a;b', 'c']]);
    expect(parseCsv('a;b,c\n', { delimiter: ';' })).toEqual([['a', 'b,c']]);
  });

  it('sniffs on the start of a long file only, and still reads all of it', () => {
    const row = 'أحمد بن عبدالله;وزارة الشؤون البلدية والقروية والإسكان;0551234567\n';
    const text = `الاسم;الجهة;الجوال\n${row.repeat(5000)}`;
    expect(sniffDelimiter(text)).toBe(';');
    expect(parseCsv(text)).toHaveLength(5001);
  });
});

describe('parseCsv: limits and refusals', () => {
  it('refuses an empty file, a blank one, or one whose cells are all empty', () => {
    for (const text of ['', '   \r\n\t\n', '\uFEFF', ',,,\n,,,\n', ';;\n"";""\n']) {
      const error = inputError(() => parseCsv(text));
      expect(error.code).toBe('empty');
      expect(error.name).toBe('ImportInputError');
      expect(error.message).toMatch(/empty|no text/i);
    }
  });

  it(`accepts ${MAX_COLUMNS} columns and refuses one more, saying which row`, () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect(parseCsv(`${wide(MAX_COLUMNS)}\n`)[0]).toHaveLength(MAX_COLUMNS);
    const error = inputError(() => parseCsv(`a,b\n1,2\n${wide(MAX_COLUMNS + 1)}\n`));
    expect(error.code).toBe('too_many_columns');
    expect(error.where).toEqual({ row: 2 });
    // A trailing delimiter counts as a cell too.
    expect(inputError(() => parseCsv(`${wide(MAX_COLUMNS)},`)).code).toBe('too_many_columns');
  });

  it(`accepts a cell of ${MAX_CELL_CHARS} characters and refuses a longer one, quoted or not`, () => {
    const big = 'x'.repeat(MAX_CELL_CHARS);
    expect(parseCsv(`a,${big}\n`)[0]?.[1]).toHaveLength(MAX_CELL_CHARS);
    const unquoted = inputError(() => parseCsv(`a,b\nc,${big}y\n`));
    expect(unquoted.code).toBe('cell_too_large');
    expect(unquoted.where).toEqual({ row: 1, column: 1 });
    expect(inputError(() => parseCsv(`"${big}"""\n`)).code).toBe('cell_too_large');
  });
});

describe('parseCsv: properties', () => {
  const cell = fc.string({
    unit: fc.constantFrom(...[...'أحمد سارة،؛ abc 019٠١٢ , ; \t " \n @+']),
    maxLength: 12,
  });
  const table = fc
    .integer({ min: 1, max: 6 })
    .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }))
    .filter((rows) => rows.some((row) => row.some((c) => c.trim() !== '')));
  const delimiter = fc.constantFrom<CsvDelimiter>(',', ';', '\t');
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

  const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;

  it('reads back every table written with every cell quoted (given delimiter)', () => {
    fc.assert(
      fc.property(table, delimiter, lineEnd, (rows, d, eol) => {
        const text = rows.map((row) => row.map(quote).join(d)).join(eol) + eol;
        expect(parseCsv(text, { delimiter: d })).toEqual(rows);
      }),
    );
  });

  it('reads back tables quoted only where needed, sniffing the delimiter when there are 2+ columns', () => {
    fc.assert(
      fc.property(table, delimiter, (rows, d) => {
        const text = rows
          .map((row) => row.map((c) => (/[",;\t\r\n]/.test(c) || c === '' ? quote(c) : c)).join(d))
          .join('\r\n');
        const width = rows[0]?.length ?? 0;
        expect(parseCsv(text, width >= 2 ? {} : { delimiter: d })).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
