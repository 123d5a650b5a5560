/**
 * Reading an .xlsx workbook into the cell texts a person sees in Excel or
 * LibreOffice, and the sheets' layout (merged ranges, hidden rows and columns).
 *
 * Why not exceljs, which writes our exports: its streaming reader decodes each
 * 16 KiB chunk of a part on its own, so a multi-byte UTF-8 character cut by a
 * chunk boundary becomes U+FFFD and Arabic names are silently corrupted in any
 * large workbook; it also hides merges and hidden columns, and reads the
 * workbook only where Excel usually puts it. Here the parts are read with the
 * hostile-archive zip reader (caps on every part before it is inflated, CRC
 * checks) and parsed with saxes fed by a streaming decoder, which keeps a
 * character cut at a chunk's end for the next chunk. See docs/import.md.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { IMPORT_MAX_BYTES } from '../../../shared/domain/registration';
import { openZip, type RandomAccessZip, ZipRefused } from '../../archive/zip';
import { ImportInputError, type UnsupportedFormat } from './errors';
import type { CellRange, SheetTable } from './sheet-table';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './text-encoding';

/** The most rows with text one sheet may have (blank rows do not count): twice the registrations a forum holds. */
export const MAX_ROWS = 200_000;

/** Excel's last row: a row number past it is a damaged file, and would make `rows` a billion blank rows long. */
const EXCEL_MAX_ROWS = 1_048_576;

/**
 * What one part may inflate to. The small parts (workbook, relationships,
 * styles, content types) are held whole; shared strings and sheets are
 * streamed, and a 50 MB workbook's largest real sheet inflates to well under
 * the cap. A part declaring more is refused before a byte of it is inflated;
 * one lying about its size is stopped where it passes what it declared.
 */
const SMALL_PART_MAX_BYTES = 16 * 1024 * 1024;
const LARGE_PART_MAX_BYTES = 256 * 1024 * 1024;
/** A workbook has a few dozen parts; thousands are a crafted file. */
const MAX_PARTS = 10_000;

const UTF8_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

export interface Workbook {
  /** Visible worksheets, in workbook order (hidden ones hold lookup lists, not registrants). */
  sheets: SheetTable[];
}

/**
 * Reads an .xlsx (the bytes start with a ZIP signature). Throws
 * ImportInputError: 'unsupported_format' (another kind of ZIP: what it is),
 * 'password_protected', 'corrupt', 'unpacks_too_large', 'too_many_rows',
 * 'too_many_columns', 'cell_too_large', 'empty'.
 */
export async function readXlsx(bytes: Buffer): Promise<Workbook> {
  let zip: RandomAccessZip;
  try {
    zip = await openZip(bytes, { maxFileBytes: IMPORT_MAX_BYTES, maxEntries: MAX_PARTS });
  } catch (error) {
    throw zipError(error);
  }
  try {
    const sheets = await readSheets(zip);
    if (sheets.every((sheet) => sheet.rows.length === 0)) {
      throw new ImportInputError('empty', 'No visible sheet of the workbook has a cell with text');
    }
    return { sheets };
  } catch (error) {
    throw zipError(error);
  } finally {
    zip.close();
  }
}

/** A refusal of the zip reader as the import's: a part whose bytes do not match its header is damaged. */
function zipError(error: unknown): unknown {
  if (!(error instanceof ZipRefused)) return error;
  if (error.reason === 'encrypted') {
    return new ImportInputError('password_protected', 'The workbook is protected by a password');
  }
  return corrupt(error.message);
}

/** Refuses a part that declares more than `maxBytes` inflated, before any of it is inflated. */
function checkPartSize(zip: RandomAccessZip, path: string, maxBytes: number): void {
  const size = zip.sizes.get(path);
  if (size === undefined) throw corrupt(`${path} is missing`);
  if (size > maxBytes) {
    throw new ImportInputError('unpacks_too_large', `${path} unpacks to ${size} bytes, over ${maxBytes}`);
  }
}

function corrupt(detail: string): ImportInputError {
  return new ImportInputError('corrupt', `The workbook is damaged or cut short (${detail})`);
}

function unsupported(format: UnsupportedFormat, what: string): ImportInputError {
  return new ImportInputError('unsupported_format', `The file is ${what}, not an .xlsx workbook or a CSV`, {}, format);
}

// ---------------------------------------------------------------------------
// The package: where the workbook is, and which parts it names
// ---------------------------------------------------------------------------

interface Relationship {
  /** The last segment of the type URI: 'worksheet', 'styles', 'officeDocument' ... (transitional and strict differ before it). */
  type: string;
  /** The part's path in the archive, or the target as written for an external one (a hyperlink's address). */
  path: string;
}

/** Content types of a workbook's main part: .xlsx, .xlsm, .xltx and .xltm, transitional or strict. */
const WORKBOOK_CONTENT_TYPE =
  /spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/;

async function readSheets(zip: RandomAccessZip): Promise<SheetTable[]> {
  const workbookPath = await findWorkbookPart(zip);
  const workbookXml = await partText(zip, workbookPath, SMALL_PART_MAX_BYTES);
  const rels = relationships(await optionalPartText(zip, relsPathOf(workbookPath)), directoryOf(workbookPath));
  const { sheets, date1904 } = workbookSheets(workbookXml, rels);
  const partOfType = (type: string) => [...rels.values()].find((rel) => rel.type === type)?.path ?? null;
  const stylesPath = partOfType('styles');
  const sharedStringsPath = partOfType('sharedStrings');
  for (const path of [stylesPath, sharedStringsPath, ...sheets.map((s) => s.path)]) {
    if (path !== null && !zip.sizes.has(path)) throw corrupt(`${path} is missing`);
  }
  const dateStyles = stylesPath === null ? [] : readDateStyles(await partText(zip, stylesPath, SMALL_PART_MAX_BYTES));
  const sharedStrings = sharedStringsPath === null ? [] : await readSharedStrings(zip, sharedStringsPath);
  const context: SheetContext = { sharedStrings, dateStyles, date1904 };
  const tables: SheetTable[] = [];
  for (const sheet of sheets) {
    const links = relationships(await optionalPartText(zip, relsPathOf(sheet.path)), directoryOf(sheet.path));
    tables.push(await readSheet(zip, sheet.name, sheet.path, context, links));
  }
  return tables;
}

/**
 * The workbook part: where the package's relationships say (`_rels/.rels`,
 * officeDocument), checked to be a workbook by its content type. A ZIP that
 * is no workbook is named for what it is.
 */
async function findWorkbookPart(zip: RandomAccessZip): Promise<string> {
  const packageRels = relationships(await optionalPartText(zip, '_rels/.rels'), '');
  const main = [...packageRels.values()].find((rel) => rel.type === 'officeDocument')?.path;
  const contentTypes = await optionalPartText(zip, '[Content_Types].xml');
  const typeOf = (path: string) => contentTypeOf(contentTypes, path);
  if (main !== undefined && zip.sizes.has(main)) {
    const type = typeOf(main);
    if (WORKBOOK_CONTENT_TYPE.test(type) || (type === '' && main.endsWith('.xml') && main.startsWith('xl/'))) {
      return main;
    }
    throw unsupported(officeFormat(type, main), 'an Office document that is not an .xlsx workbook');
  }
  // A package without its relationships: the place Excel always uses.
  if (zip.sizes.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw unsupported(await zipFormat(zip), 'an archive that holds no workbook');
}

function officeFormat(contentType: string, path: string): UnsupportedFormat {
  if (/sheet\.binary|\.xlsb|binary\.macroEnabled/.test(contentType) || path.endsWith('.bin')) return 'xls';
  if (/wordprocessingml|ms-word/.test(contentType) || path.startsWith('word/')) return 'docx';
  if (/presentationml|ms-powerpoint/.test(contentType) || path.startsWith('ppt/')) return 'pptx';
  return 'zip';
}

/** What a ZIP that is not an Office package is, by the parts inside it. */
async function zipFormat(zip: RandomAccessZip): Promise<UnsupportedFormat> {
  const names = [...zip.sizes.keys()];
  if (zip.sizes.has('mimetype')) {
    // OpenDocument files name their type in a first entry.
    const mimetype = (await zip.read('mimetype', 256).catch(() => Buffer.alloc(0))).toString('latin1');
    if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  // Numbers, Pages and Keynote keep their content in IWA archives under Index/.
  if (names.some((name) => name === 'Index.zip' || name.startsWith('Index/') || name.endsWith('.iwa'))) return 'iwork';
  if (names.includes('xl/workbook.bin')) return 'xls';
  if (names.includes('word/document.xml')) return 'docx';
  if (names.some((name) => name.startsWith('ppt/'))) return 'pptx';
  return 'zip';
}

/** The content type [Content_Types].xml gives a part: its Override, else its extension's Default; '' if none. */
function contentTypeOf(contentTypesXml: string, path: string): string {
  let byExtension = '';
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  for (const [, tag = '', attributeText = ''] of contentTypesXml.matchAll(
    /<(?:[\w.-]+:)?(Override|Default)\s([^>]*)>/g,
  )) {
    const attributes = xmlAttributes(attributeText);
    const type = attributes.get('ContentType') ?? '';
    if (tag === 'Override' && (attributes.get('PartName') ?? '').replace(/^\//, '') === path) return type;
    if (tag === 'Default' && (attributes.get('Extension') ?? '').toLowerCase() === extension) byExtension = type;
  }
  return byExtension;
}

interface SheetPart {
  name: string;
  path: string;
}

/**
 * The visible worksheets named by workbook.xml, in order, and its date
 * system. Read with regular expressions: it is a small, flat part.
 */
function workbookSheets(
  workbookXml: string,
  rels: Map<string, Relationship>,
): { sheets: SheetPart[]; date1904: boolean } {
  const sheets: SheetPart[] = [];
  let date1904 = false;
  for (const [, tag = '', attributeText = ''] of workbookXml.matchAll(/<(?:[\w.-]+:)?(sheet|workbookPr)\s([^>]*)>/g)) {
    const attributes = xmlAttributes(attributeText);
    if (tag === 'workbookPr') {
      const value = attributes.get('date1904');
      date1904 = value === '1' || value === 'true';
      continue;
    }
    const state = attributes.get('state');
    if (state === 'hidden' || state === 'veryHidden') continue;
    let rel: Relationship | undefined;
    for (const [key, value] of attributes) if (key.endsWith(':id')) rel = rels.get(value);
    // Chart sheets and dialog sheets have no cells.
    if (rel?.type !== 'worksheet') continue;
    sheets.push({ name: attributes.get('name') || `Sheet${sheets.length + 1}`, path: rel.path });
  }
  return { sheets, date1904 };
}

function relationships(relsXml: string, baseDirectory: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const [, attributeText = ''] of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*)>/g)) {
    const attributes = xmlAttributes(attributeText);
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id === undefined || target === undefined) continue;
    const type = (attributes.get('Type') ?? '').split('/').pop() ?? '';
    const external = attributes.get('TargetMode') === 'External';
    rels.set(id, { type, path: external ? target : resolvePartPath(baseDirectory, target) });
  }
  return rels;
}

/** "xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels". */
function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

function directoryOf(partPath: string): string {
  return partPath.slice(0, partPath.lastIndexOf('/') + 1);
}

/** A target relative to `baseDirectory` (or absolute, from the archive's root) as an entry name. */
function resolvePartPath(baseDirectory: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseDirectory.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function xmlAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  // The lookbehind starts a name only where one can start: without it, a long run of name characters
  // not followed by "=" is tried from each of its characters, which is quadratic.
  const pattern = /(?<![\w.:-])([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const [, name = '', doubleQuoted, singleQuoted] of text.matchAll(pattern)) {
    attributes.set(name, decodeXmlEntities(doubleQuoted ?? singleQuoted ?? ''));
  }
  return attributes;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return XML_ENTITIES[name] ?? entity;
  });
}

// ---------------------------------------------------------------------------
// Parts as text, decoded across chunk boundaries
// ---------------------------------------------------------------------------

async function partText(zip: RandomAccessZip, path: string, maxBytes: number): Promise<string> {
  let text = '';
  for await (const piece of decodedPart(zip, path, maxBytes)) text += piece;
  return text;
}

async function optionalPartText(zip: RandomAccessZip, path: string): Promise<string> {
  return zip.sizes.has(path) ? partText(zip, path, SMALL_PART_MAX_BYTES) : '';
}

/**
 * A part's text as it inflates. The decoder holds back the bytes of a
 * character cut at a chunk's end until the next chunk completes it. A
 * U+FFFD the decoder makes (bytes that are not UTF-8 at all) is counted
 * against those the file itself holds: a part that would come out with
 * replacement characters it does not have is refused, never read changed.
 */
async function* decodedPart(zip: RandomAccessZip, path: string, maxBytes: number): AsyncGenerator<string> {
  checkPartSize(zip, path, maxBytes);
  let decoder: StringDecoder | null = null;
  let madeReplacements = 0;
  let fileReplacements = 0;
  let tail: Buffer = Buffer.alloc(0);
  for await (const raw of zip.chunks(path, maxBytes)) {
    let chunk: Buffer = raw;
    if (!decoder) {
      // A byte-order mark names the encoding; Excel and LibreOffice write UTF-8 without one.
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      if (utf16) chunk = chunk.subarray(2);
      else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const text = decoder.write(chunk);
    if (text.includes('\uFFFD')) {
      madeReplacements += countOf(text, '\uFFFD');
      fileReplacements += replacementsIn(tail, chunk);
    } else if (chunk.includes(0xef)) {
      fileReplacements += replacementsIn(tail, chunk);
    }
    tail = chunk.subarray(Math.max(0, chunk.length - 2));
    if (text) yield text;
  }
  const rest = decoder?.end() ?? '';
  madeReplacements += countOf(rest, '\uFFFD');
  if (madeReplacements > fileReplacements) throw corrupt(`${path} is not valid UTF-8 text`);
  if (rest) yield rest;
}

/** The U+FFFD characters written in the file (EF BF BD), in `chunk` and across its start. */
function replacementsIn(previousTail: Buffer, chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(UTF8_REPLACEMENT); i >= 0; i = chunk.indexOf(UTF8_REPLACEMENT, i + 3)) n++;
  if (previousTail.length > 0 && Buffer.concat([previousTail, chunk.subarray(0, 2)]).includes(UTF8_REPLACEMENT)) n++;
  return n;
}

function countOf(text: string, character: string): number {
  let n = 0;
  for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) n++;
  return n;
}

/** The element's name without its namespace prefix (strict OOXML writes `x:c`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

/** Streams a part through saxes; a malformed part is 'corrupt'. */
async function parsePart(zip: RandomAccessZip, path: string, handler: XmlHandler): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('text', (text) => handler.text(text));
  parser.on('cdata', (text) => handler.text(text));
  parser.on('closetag', (tag) => handler.close(localName(tag.name)));
  for await (const text of decodedPart(zip, path, LARGE_PART_MAX_BYTES)) {
    parser.write(text);
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) throw corrupt(`${path}: ${(failure as Error).message}`);
}

// ---------------------------------------------------------------------------
// Styles and shared strings
// ---------------------------------------------------------------------------

/** Excel's built-in number formats that show a date or a time (ids 14-22, 27-36, 45-47, 50-58). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** For each cell style (the `s` of a cell), whether its number format shows a date or time. */
function readDateStyles(stylesXml: string): boolean[] {
  const customFormats = new Map<number, string>();
  for (const [, attributeText = ''] of stylesXml.matchAll(/<(?:[\w.-]+:)?numFmt\s([^>]*)>/g)) {
    const attributes = xmlAttributes(attributeText);
    customFormats.set(Number(attributes.get('numFmtId')), attributes.get('formatCode') ?? '');
  }
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const dateStyles: boolean[] = [];
  for (const [, attributeText = ''] of cellXfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g)) {
    const id = Number(xmlAttributes(attributeText).get('numFmtId') ?? 0);
    const custom = customFormats.get(id);
    dateStyles.push(custom === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(custom));
  }
  return dateStyles;
}

/** A format code shows a date or time when it has y m d h s (or b, Buddhist years) outside quotes and [...]. */
function isDateFormat(format: string): boolean {
  return /[ymdhsb]/i.test(
    format
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
}

/**
 * The shared strings, in order. A rich string is its runs joined; phonetic
 * guides (rPh, furigana) are not part of what the cell shows.
 */
async function readSharedStrings(zip: RandomAccessZip, path: string): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await parsePart(zip, path, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText && current !== null) current += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(stringText(current ?? ''));
        current = null;
      }
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------

interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

interface CellInProgress {
  row: number;
  column: number;
  type: string;
  style: number;
  value: string;
  inline: string;
}

async function readSheet(
  zip: RandomAccessZip,
  name: string,
  path: string,
  context: SheetContext,
  links: Map<string, Relationship>,
): Promise<SheetTable> {
  const rows: string[][] = [];
  const merges: CellRange[] = [];
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  const blankLinks: { row: number; column: number; address: string }[] = [];
  let rowsWithText = 0;
  let rowIndex = -1;
  let cells: string[] = [];
  let nextColumn = 0;
  let cell: CellInProgress | null = null;
  /** Where text goes: a cell's <v>, an inline string's <t> (not inside a phonetic guide), or nowhere. */
  let reading: 'value' | 'inline' | null = null;
  let phonetic = 0;

  const endRow = () => {
    if (rowIndex < 0 || cells.length === 0) return;
    if (++rowsWithText > MAX_ROWS) {
      throw new ImportInputError('too_many_rows', `A sheet has more than ${MAX_ROWS} rows`, { row: rowIndex });
    }
    while (rows.length < rowIndex) rows.push([]);
    // A row written twice (a damaged or odd writer) keeps its last cells, as Excel shows it.
    rows[rowIndex] = cells;
  };

  await parsePart(zip, path, {
    open(tag, attributes) {
      switch (tag) {
        case 'row': {
          // The row number is optional in the file format: a row without one follows the previous row.
          const number = attributes.r === undefined ? rowIndex + 2 : Number(attributes.r);
          if (!Number.isInteger(number) || number < 1 || number > EXCEL_MAX_ROWS) {
            throw corrupt(`${path}: row number ${attributes.r}`);
          }
          rowIndex = number - 1;
          cells = [];
          nextColumn = 0;
          if (isTrue(attributes.hidden)) hiddenRows.add(rowIndex);
          return;
        }
        case 'c': {
          const at = attributes.r === undefined ? null : cellAt(attributes.r);
          const column = at?.column ?? nextColumn;
          if (rowIndex < 0) throw corrupt(`${path}: a cell outside a row`);
          cell = {
            row: rowIndex,
            column,
            type: attributes.t ?? 'n',
            style: Number(attributes.s ?? 0),
            value: '',
            inline: '',
          };
          nextColumn = column + 1;
          return;
        }
        case 'v':
          if (cell) reading = 'value';
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (cell && phonetic === 0) reading = 'inline';
          return;
        case 'col': {
          if (!isTrue(attributes.hidden)) return;
          const first = Number(attributes.min) - 1;
          const last = Math.min(Number(attributes.max) - 1, MAX_COLUMNS - 1);
          for (let c = first; c <= last && Number.isInteger(c) && c >= 0; c++) hiddenColumns.add(c);
          return;
        }
        case 'mergeCell': {
          const range = rangeAt(attributes.ref ?? '');
          if (range) merges.push(range);
          return;
        }
        case 'hyperlink': {
          // A link over a range shows in its first cell.
          const range = rangeAt(attributes.ref ?? '');
          const at = range && { row: range.top, column: range.left };
          let rel: Relationship | undefined;
          for (const [key, value] of Object.entries(attributes)) if (key.endsWith(':id')) rel = links.get(value);
          if (at && rel && at.column < MAX_COLUMNS) {
            blankLinks.push({ ...at, address: rel.path.replace(/^mailto:/i, '') });
          }
          return;
        }
      }
    },
    text(text) {
      if (!cell || reading === null) return;
      if (reading === 'value') cell.value += text;
      else cell.inline += text;
    },
    close(tag) {
      if (tag === 'v' || tag === 't') reading = null;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'c' && cell) {
        const text = cellText(cell, context);
        if (text !== '') {
          checkCell(text, cell.row, cell.column);
          while (cells.length < cell.column) cells.push('');
          cells[cell.column] = text;
        }
        cell = null;
      } else if (tag === 'row') {
        endRow();
        cells = [];
      }
    },
  });
  showLinkAddresses(rows, blankLinks);
  return { name, rows, merges, hiddenRows, hiddenColumns };
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function checkCell(text: string, row: number, column: number): void {
  if (column >= MAX_COLUMNS) {
    throw new ImportInputError('too_many_columns', `A row has more than ${MAX_COLUMNS} columns`, { row, column });
  }
  if (text.length > MAX_CELL_CHARS) {
    throw new ImportInputError('cell_too_large', `A cell is longer than ${MAX_CELL_CHARS} characters`, {
      row,
      column,
    });
  }
}

/**
 * A hyperlink cell shows its text; one written without text (by a program:
 * Excel always fills it in) shows its address, an e-mail without "mailto:".
 */
function showLinkAddresses(rows: string[][], links: readonly { row: number; column: number; address: string }[]) {
  for (const { row, column, address } of links) {
    if (address === '' || rows[row]?.[column]) continue;
    checkCell(address, row, column);
    while (rows.length <= row) rows.push([]);
    const cells = rows[row] ?? [];
    while (cells.length < column) cells.push('');
    cells[column] = address;
    rows[row] = cells;
  }
}

/**
 * "B7" (or "$B$7") as 0-based indexes within Excel's grid; null if not a cell.
 * Read character by character: it runs once per cell of every sheet.
 */
function cellAt(ref: string): { row: number; column: number } | null {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let column = 0;
  let letters = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    column = column * 26 + code - 96;
    letters++;
  }
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return null;
    row = row * 10 + code - 48;
    digits++;
  }
  if (letters === 0 || letters > 3 || digits === 0 || digits > 7) return null;
  return row >= 1 && row <= EXCEL_MAX_ROWS ? { row: row - 1, column: column - 1 } : null;
}

/** "A2:A5" as a range; a single cell "B3" as a range of one; null if not a range. */
function rangeAt(ref: string): CellRange | null {
  const [from = '', to = from] = ref.split(':');
  const start = cellAt(from);
  const end = cellAt(to);
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

// ---------------------------------------------------------------------------
// Cells: the text a person sees
// ---------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** Excel's serial day 0 (30 Dec 1899) in Unix days, and the 1904 date system's offset from it. */
const SERIAL_DAY_0 = -25569;
const DATE_1904_OFFSET_DAYS = 1462;
/** A date-time before Excel's day 1 is a time of day with no date. */
const FIRST_DAY_MS = Date.UTC(1899, 11, 31);

function cellText(cell: CellInProgress, context: SheetContext): string {
  switch (cell.type) {
    case 's': {
      const index = Number(cell.value);
      return Number.isInteger(index) ? (context.sharedStrings[index] ?? '') : '';
    }
    // A formula's text result (str) or a string written in the cell (inlineStr; some writers put it in <v>).
    case 'str':
    case 'inlineStr':
      return stringText(cell.inline || cell.value);
    case 'b':
      return cell.value.trim() === '1' ? 'TRUE' : 'FALSE';
    // Error values (#N/A, #REF! ...): nothing to show.
    case 'e':
      return '';
    case 'd': {
      const iso = cell.value.trim();
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
      return Number.isNaN(ms) ? iso : dateText(ms);
    }
    default: {
      const raw = cell.value.trim();
      if (raw === '') return stringText(cell.inline);
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (context.dateStyles[cell.style]) {
        return dateText((n + SERIAL_DAY_0 + (context.date1904 ? DATE_1904_OFFSET_DAYS : 0)) * MS_PER_DAY);
      }
      return numberText(n);
    }
  }
}

/** Undoes OOXML's escaping of characters XML cannot hold: "_x000D_" is a carriage return. */
function stringText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A number as Excel shows it in a General cell, but never in exponent form:
 * IDs and phone numbers stored as numbers must keep their digits. Excel keeps
 * 15 significant digits, which also drops binary noise (0.1 + 0.2 is "0.3").
 */
function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const text = String(Number(n.toPrecision(15)));
  return text.includes('e') ? withoutExponent(text) : text;
}

/** "1.5e+21" -> "1500000000000000000000", "-2.5e-7" -> "-0.00000025". */
function withoutExponent(text: string): string {
  const [mantissa = '', exponentText = '0'] = text.split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** "YYYY-MM-DD", "YYYY-MM-DD HH:MM" when there is a time, "HH:MM" for a time alone; the serial is wall-clock time. */
function dateText(ms: number): string {
  // A time of day stored as a fraction of a day lands a hair off the second.
  const date = new Date(Math.round(ms / 1000) * 1000);
  if (Number.isNaN(date.getTime())) return '';
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
  if (date.getTime() < FIRST_DAY_MS) return time;
  const day = `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
  return date.getTime() % MS_PER_DAY === 0 ? day : `${day} ${time}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
