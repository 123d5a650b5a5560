/**
 * Reading a registrants' CSV file: its bytes to text, its text to rows.
 *
 * Exists because the CSV files coordinators bring are saved by every kind of
 * Excel and web form: UTF-8 with or without a BOM, "Unicode text" (UTF-16,
 * usually tab-separated), or the Arabic Windows code page 1256; separated by
 * commas, or by semicolons / tabs where Excel's list separator is not a comma.
 * Pure: no Node APIs beyond TextDecoder, which Node and the browser both have.
 */
import { ImportInputError } from './errors';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';
export type CsvDelimiter = ',' | ';' | '\t';

/** A file wider than this is not a registrants list (or not split on the right character). */
export const MAX_COLUMNS = 1000;
/** The longest cell accepted, in characters (UTF-16 code units): 1 Mi. */
export const MAX_CELL_CHARS = 1024 * 1024;

/** How many bytes the UTF-16 detector looks at. */
const SNIFF_BYTES = 8192;
/** How much text, and how many records, the delimiter sniffer looks at. */
const SNIFF_CHARS = 64 * 1024;
const SNIFF_RECORDS = 50;

// ---------------------------------------------------------------------------
// Bytes -> text
// ---------------------------------------------------------------------------

/**
 * Decodes a CSV file, detecting its encoding:
 * 1. a BOM (UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF) decides, and is dropped;
 * 2. UTF-16 without a BOM is recognised by its high bytes: 00 for Latin text,
 *    06 for Arabic letters, all on the odd (LE) or the even (BE) positions. Neither
 *    byte occurs in real UTF-8 or Windows-1256 text;
 * 3. bytes that are valid UTF-8 are UTF-8 (plain ASCII included);
 * 4. anything else is Windows-1256, the code page Arabic Windows saves "CSV" in.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decode(bytes.subarray(3), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return decode(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decode(bytes.subarray(2), 'utf-16be');

  const utf16 = sniffUtf16(bytes);
  if (utf16) return decode(bytes, utf16);

  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decode(bytes, 'windows-1256');
  }
}

function decode(bytes: Uint8Array, encoding: CsvEncoding): { text: string; encoding: CsvEncoding } {
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** 'utf-16le' / 'utf-16be' when the high bytes (00 or 06) sit on one parity only. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 2) return null;
  let evenHigh = 0;
  let oddHigh = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0x00 || b === 0x06) {
      if (i % 2 === 0) evenHigh++;
      else oddHigh++;
    }
  }
  const pairs = n / 2;
  // Most characters of a CSV (letters, digits, separators, line ends) are in the
  // Latin or Arabic block; allow some others (emoji, presentation forms, U+2019 ...).
  if (oddHigh >= pairs * 0.5 && evenHigh <= pairs * 0.1) return 'utf-16le';
  if (evenHigh >= pairs * 0.5 && oddHigh <= pairs * 0.1) return 'utf-16be';
  return null;
}

// ---------------------------------------------------------------------------
// Text -> rows
// ---------------------------------------------------------------------------

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Splits CSV text into rows of cell texts (RFC 4180, read leniently as Excel does):
 * - cells may be quoted; `""` inside quotes is one `"`; delimiters and line breaks
 *   inside quotes belong to the cell (a line break in a cell becomes `\n`);
 * - records end with CRLF, LF or CR; a final line break does not start a new row;
 * - a quote in the middle of an unquoted cell is an ordinary character, and text
 *   after a closing quote is kept (`"a"b` -> `ab`); an unclosed quote runs to the end;
 * - blank lines are kept as `['']`, so row numbers match what Excel shows;
 * - rows are not padded: a short row is shorter.
 * The delimiter is sniffed (see sniffDelimiter) unless given. The Arabic comma '،'
 * is text, never a delimiter. A leading BOM is dropped.
 *
 * Throws ImportInputError: 'empty' (nothing but blanks), 'too_many_columns'
 * (a row wider than MAX_COLUMNS), 'cell_too_large' (a cell over MAX_CELL_CHARS).
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportInputError('empty', 'The file has no text');
  const delimiter = options.delimiter ?? sniffDelimiter(body);
  const rows = tokenise(body, delimiter, { checkLimits: true, maxRecords: Number.POSITIVE_INFINITY });
  if (rows.every((row) => row.every((cell) => cell.trim() === ''))) {
    throw new ImportInputError('empty', 'Every cell of the file is empty');
  }
  return rows;
}

/**
 * Picks the delimiter among `,` `;` and tab that splits the first records of the
 * file most consistently: the one for which the most records have the same number
 * (more than one) of cells, less one for every stray quote it leaves (a quote inside
 * an unquoted cell, text after a closing quote, an unclosed quote: what splitting
 * at the wrong character does, and what Excel never writes). Ties go to the one
 * giving more cells, then to `,`. A file none of them splits (one column) gets `,`.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const truncated = text.length > SNIFF_CHARS;
  const sample = truncated ? text.slice(0, SNIFF_CHARS) : text;
  let best: { delimiter: CsvDelimiter; score: number; width: number } = { delimiter: ',', score: 0, width: 1 };
  for (const delimiter of DELIMITERS) {
    const stats = { strayQuotes: 0 };
    const records = tokenise(sample, delimiter, { checkLimits: false, maxRecords: SNIFF_RECORDS, stats });
    // The last record of a cut sample may be cut too.
    if (truncated && records.length < SNIFF_RECORDS && records.length > 1) records.pop();
    const widths = new Map<number, number>();
    for (const record of records) {
      if (record.length < 2) continue;
      widths.set(record.length, (widths.get(record.length) ?? 0) + 1);
    }
    for (const [width, agreeing] of widths) {
      const score = agreeing - stats.strayQuotes;
      if (score > best.score || (score === best.score && width > best.width)) best = { delimiter, score, width };
    }
  }
  return best.delimiter;
}

function tokenise(
  text: string,
  delimiter: CsvDelimiter,
  options: { checkLimits: boolean; maxRecords: number; stats?: { strayQuotes: number } },
): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let cell: string;
    if (text[i] === '"') {
      // Quoted cell: copy up to each quote; `""` is an escaped quote.
      let value = '';
      let start = i + 1;
      let closed = false;
      while (!closed) {
        const q = text.indexOf('"', start);
        if (q === -1) {
          value += text.slice(start);
          i = n;
          break;
        }
        if (text[q + 1] === '"') {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        closed = true;
      }
      // Excel keeps whatever follows the closing quote up to the next delimiter.
      const end = cellEnd(text, i, delimiter);
      value += text.slice(i, end);
      // Excel never writes an unclosed quote or text after a closing one.
      if (options.stats && (!closed || end > i)) options.stats.strayQuotes++;
      i = end;
      cell = value.replace(/\r\n?/g, '\n');
    } else {
      const end = cellEnd(text, i, delimiter);
      cell = text.slice(i, end);
      i = end;
      if (options.stats && cell.includes('"')) options.stats.strayQuotes++;
    }

    pushCell(row, cell, rows.length, options.checkLimits);

    if (i >= n) break;
    if (text[i] === delimiter) {
      i++;
      // "a,b," ends with an empty cell.
      if (i >= n) pushCell(row, '', rows.length, options.checkLimits);
      continue;
    }
    // A line break: CRLF, LF or CR.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (rows.length >= options.maxRecords) return rows;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function pushCell(row: string[], cell: string, rowIndex: number, checkLimits: boolean): void {
  if (checkLimits && cell.length > MAX_CELL_CHARS) {
    throw new ImportInputError('cell_too_large', `A cell is longer than ${MAX_CELL_CHARS} characters`, {
      row: rowIndex,
      column: row.length,
    });
  }
  row.push(cell);
  if (checkLimits && row.length > MAX_COLUMNS) {
    throw new ImportInputError('too_many_columns', `A row has more than ${MAX_COLUMNS} columns`, { row: rowIndex });
  }
}

/** The index of the delimiter or line break that ends the unquoted text starting at `from`. */
function cellEnd(text: string, from: number, delimiter: CsvDelimiter): number {
  let end = from;
  while (end < text.length) {
    const ch = text[end];
    if (ch === delimiter || ch === '\n' || ch === '\r') break;
    end++;
  }
  return end;
}
