/**
 * Reading a registrants' file, .xlsx workbook or CSV, into sheets of the cell
 * texts a person sees in Excel.
 *
 * The format is decided by the bytes, not the name: coordinators bring .xls
 * files that are web pages, CSVs named .xlsx, and Word documents renamed in
 * hope. What is not an .xlsx workbook or text is refused with what it is
 * (ImportInputError 'unsupported_format' + format), so the renderer can say
 * what to do with it. Workbooks are read by read-xlsx.ts.
 */
import { IMPORT_MAX_BYTES } from '../../../shared/domain/registration';
import { ImportInputError, type UnsupportedFormat } from './errors';
import { MAX_ROWS, readXlsx } from './read-xlsx';
import { plainSheet, type SheetTable } from './sheet-table';
import { type CsvEncoding, decodeCsvBytes, parseCsv } from './text-encoding';

export type { SheetTable } from './sheet-table';

export interface ImportFile {
  format: 'xlsx' | 'csv';
  /** How a CSV's bytes were decoded; null for a workbook. */
  encoding: CsvEncoding | null;
  /** In workbook order; hidden sheets are left out (they hold lookup lists, not registrants). */
  sheets: SheetTable[];
}

export { MAX_ROWS } from './read-xlsx';

/** Extensions whose files are read as text whatever their bytes look like. */
const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);

/** Past this share of control characters, "text" is a binary file (real CSVs have none but tabs and line breaks). */
const MAX_CONTROL_CHAR_SHARE = 0.02;
/** How much of a file without a known signature is looked at to tell text from binary, and HTML from CSV. */
const TEXT_SNIFF_BYTES = 8192;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d];
const IMAGE_SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
];

/**
 * Reads a registrants' file. Throws ImportInputError (and nothing else) when
 * the file is refused: 'too_large', 'empty', 'unsupported_format',
 * 'password_protected', 'corrupt', 'too_many_rows', 'too_many_columns',
 * 'cell_too_large'.
 */
export async function readImportFile(fileName: string, bytes: Uint8Array): Promise<ImportFile> {
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ImportInputError('too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  }
  if (bytes.length === 0) throw new ImportInputError('empty', 'The file is empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  if (startsWith(buffer, ZIP_SIGNATURE)) {
    const { sheets } = await readXlsx(buffer);
    return { format: 'xlsx', encoding: null, sheets };
  }
  if (startsWith(buffer, OLE_SIGNATURE)) throw oleFormat(buffer);
  if (startsWith(buffer, PDF_SIGNATURE)) throw unsupported('pdf', 'a PDF document');
  if (IMAGE_SIGNATURES.some((signature) => startsWith(buffer, signature))) throw unsupported('image', 'a picture');
  return readText(fileName, buffer);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function unsupported(format: UnsupportedFormat, what: string): ImportInputError {
  return new ImportInputError('unsupported_format', `The file is ${what}, not an .xlsx workbook or a CSV`, {}, format);
}

/**
 * What an OLE compound file (Office 97-2003) is, by the streams its directory
 * names (in UTF-16): an encrypted .xlsx, an old workbook, an old Word document.
 */
function oleFormat(bytes: Buffer): ImportInputError {
  const holds = (stream: string) => bytes.includes(stream, 0, 'utf16le');
  if (holds('EncryptedPackage') || holds('EncryptionInfo')) {
    return new ImportInputError('password_protected', 'The workbook is protected by a password');
  }
  if (holds('WordDocument')) return unsupported('doc', 'a Word 97-2003 (.doc) document');
  if (holds('PowerPoint Document')) return unsupported('pptx', 'a PowerPoint 97-2003 (.ppt) presentation');
  if (holds('Workbook') || holds('Book')) return unsupported('xls', 'an Excel 97-2003 (.xls) workbook');
  return unsupported('unknown', 'an Office 97-2003 file of a kind Multaqa does not know');
}

// ---------------------------------------------------------------------------
// Text files
// ---------------------------------------------------------------------------

function readText(fileName: string, bytes: Uint8Array): ImportFile {
  // Judged on the start only: a 50 MB binary file is not decoded whole to be refused.
  const head = decodeCsvBytes(bytes.subarray(0, TEXT_SNIFF_BYTES)).text;
  const format = textFormat(head);
  if (format) throw unsupported(format, TEXT_FORMAT_NAMES[format]);
  if (!TEXT_EXTENSIONS.has(extensionOf(fileName)) && !looksLikeText(head)) {
    throw unsupported('unknown', 'of a kind Multaqa does not know');
  }

  const { text, encoding } = decodeCsvBytes(bytes);
  const rows = parseCsv(text);
  let rowsWithText = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = trimTrailingEmpty(rows[i] ?? []);
    rows[i] = row;
    if (row.length > 0 && ++rowsWithText > MAX_ROWS) throw tooManyRows(i);
  }
  return { format: 'csv', encoding, sheets: [plainSheet(baseName(fileName), rows)] };
}

type TextFormat = 'html' | 'xls' | 'ods' | 'slk' | 'dif' | 'unknown';

const TEXT_FORMAT_NAMES: Record<TextFormat, string> = {
  html: 'a web page',
  xls: 'an Excel XML Spreadsheet 2003',
  ods: 'a flat OpenDocument spreadsheet (.fods)',
  slk: 'a SYLK (.slk) spreadsheet',
  dif: 'a DIF (.dif) spreadsheet',
  unknown: 'an XML document',
};

/**
 * Spreadsheets saved as text that are not CSV: what many systems' "export to
 * Excel" saves as .xls (an HTML table, Excel's XML Spreadsheet 2003), flat
 * OpenDocument, SYLK and DIF. Read as CSV they would be markup and codes.
 */
function textFormat(text: string): TextFormat | null {
  const head = text.trimStart();
  // SYLK opens with an ID record; DIF with its TABLE header, then "0,1".
  if (/^ID;/.test(head)) return 'slk';
  if (/^TABLE\r?\n0,1\r?\n/.test(head)) return 'dif';
  if (!head.startsWith('<')) return null;
  const lower = head.toLowerCase();
  if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xls';
  if (lower.includes('application/vnd.oasis.opendocument.spreadsheet') || lower.includes('<office:document'))
    return 'ods';
  if (lower.startsWith('<!doctype html') || lower.includes('<html') || lower.includes('<table')) return 'html';
  if (lower.startsWith('<?xml')) return 'unknown';
  return null;
}

function looksLikeText(text: string): boolean {
  const n = text.length;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) controls++;
  }
  return controls <= n * MAX_CONTROL_CHAR_SHARE;
}

function trimTrailingEmpty(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return end === row.length ? row : row.slice(0, end);
}

function extensionOf(fileName: string): string {
  const name = baseNameWithExtension(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function baseName(fileName: string): string {
  const name = baseNameWithExtension(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function baseNameWithExtension(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

function tooManyRows(row: number): ImportInputError {
  return new ImportInputError('too_many_rows', `A sheet has more than ${MAX_ROWS} rows`, { row });
}
