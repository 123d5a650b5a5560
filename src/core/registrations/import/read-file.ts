/**
 * Reading a registrants' file, .xlsx workbook or CSV, into sheets of the cell
 * texts a person sees in Excel.
 *
 * The format is decided by the bytes, not the name: coordinators bring .xls
 * files that are web pages, CSVs named .xlsx, and Word documents renamed in
 * hope. What is not an .xlsx workbook or text is refused with what it is
 * (ImportInputError 'unsupported_format' + format), so the renderer can say
 * what to do with it.
 *
 * Workbooks are read with exceljs's streaming reader, but only after the ZIP
 * has been checked here (see readWorkbook): exceljs can wait forever on a cut
 * or damaged archive, and a damaged file must end in 'corrupt', quickly.
 */
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_BYTES } from '../../../shared/domain/registration';
import { ImportInputError, type UnsupportedFormat } from './errors';
import { type CsvEncoding, decodeCsvBytes, MAX_CELL_CHARS, MAX_COLUMNS, parseCsv } from './text-encoding';

export interface SheetTable {
  /** The sheet's name; for a CSV, the file name without its extension. */
  name: string;
  /**
   * The cell texts: `rows[i]` is Excel row i + 1 (blank rows are kept, as `[]`);
   * trailing empty cells are trimmed; the sheet ends at its last row with text.
   */
  rows: string[][];
}

export interface ImportFile {
  format: 'xlsx' | 'csv';
  /** How a CSV's bytes were decoded; null for a workbook. */
  encoding: CsvEncoding | null;
  /** In workbook order; hidden sheets are left out (they hold lookup lists, not registrants). */
  sheets: SheetTable[];
}

/** The most rows with text one sheet may have (blank rows do not count): twice the registrations a forum holds. */
export const MAX_ROWS = 200_000;

/** Excel's last row: a row number past it is a damaged file, and would make `rows` a billion blank rows long. */
const EXCEL_MAX_ROWS = 1_048_576;

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

  if (startsWith(buffer, ZIP_SIGNATURE)) return readWorkbook(buffer);
  if (startsWith(buffer, OLE_SIGNATURE)) {
    // An encrypted .xlsx is an OLE file holding these two streams (their names are UTF-16 in its directory).
    if (buffer.includes('EncryptedPackage', 0, 'utf16le') || buffer.includes('EncryptionInfo', 0, 'utf16le')) {
      throw new ImportInputError('password_protected', 'The workbook is protected by a password');
    }
    throw unsupported('xls', 'an Excel 97-2003 (.xls) workbook');
  }
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

function corrupt(detail: string): ImportInputError {
  return new ImportInputError('corrupt', `The workbook is damaged or cut short (${detail})`);
}

// ---------------------------------------------------------------------------
// Text files
// ---------------------------------------------------------------------------

function readText(fileName: string, bytes: Uint8Array): ImportFile {
  // Judged on the start only: a 50 MB binary file is not decoded whole to be refused.
  const head = decodeCsvBytes(bytes.subarray(0, TEXT_SNIFF_BYTES)).text;
  const markup = markupFormat(head);
  if (markup === 'html') throw unsupported('html', 'a web page');
  if (markup === 'xls') throw unsupported('xls', 'an Excel XML Spreadsheet 2003');
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
  return { format: 'csv', encoding, sheets: [{ name: baseName(fileName), rows }] };
}

/**
 * What many systems' "export to Excel" saves as .xls: an HTML table, or
 * Excel's XML Spreadsheet 2003. Excel opens both; read as CSV they are tags.
 */
function markupFormat(text: string): 'html' | 'xls' | null {
  const head = text.trimStart().toLowerCase();
  if (!head.startsWith('<')) return null;
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xls';
  if (head.startsWith('<!doctype html') || head.includes('<html') || head.includes('<table')) return 'html';
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

// ---------------------------------------------------------------------------
// ZIP: just enough of it to check an archive before exceljs streams it
// ---------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const END_OF_CENTRAL_DIRECTORY_SIZE = 22;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;

/**
 * The archive's entries, from its central directory (the table of contents at
 * its end). A file cut short loses that end first, so this is where truncation
 * is caught. ZIP64 (for archives past 4 GB or 65,535 entries) is not read: a
 * 50 MB workbook needs neither.
 */
function centralDirectory(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  if (end < 0) throw corrupt('its end is missing');
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw corrupt('ZIP64 archive');
  const directoryEnd = offset + size;
  if (directoryEnd > end) throw corrupt('its table of contents is outside the file');

  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directoryEnd || zip.readUInt32LE(p) !== CENTRAL_HEADER_SIGNATURE) {
      throw corrupt('its table of contents is damaged');
    }
    const nameLength = zip.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (next > directoryEnd) throw corrupt('its table of contents is damaged');
    entries.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      crc: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      uncompressedSize: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
    });
    p = next;
  }
  return entries;
}

/** The offset of the end-of-central-directory record (searched from the end: a comment may follow it), or -1. */
function findEndOfCentralDirectory(zip: Buffer): number {
  const last = zip.length - END_OF_CENTRAL_DIRECTORY_SIZE;
  const first = Math.max(0, last - 0xffff);
  for (let p = last; p >= first; p--) {
    if (
      zip.readUInt32LE(p) === END_OF_CENTRAL_DIRECTORY_SIGNATURE &&
      p + END_OF_CENTRAL_DIRECTORY_SIZE + zip.readUInt16LE(p + 20) <= zip.length
    ) {
      return p;
    }
  }
  return -1;
}

/** An entry's compressed bytes, or null when its local header does not match the table of contents. */
function entryBytes(zip: Buffer, entry: ZipEntry): Buffer | null {
  const p = entry.localHeaderOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_HEADER_SIGNATURE) return null;
  const nameLength = zip.readUInt16LE(p + 26);
  const start = p + 30 + nameLength + zip.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length || zip.toString('utf8', p + 30, p + 30 + nameLength) !== entry.name) return null;
  return zip.subarray(start, end);
}

/**
 * Inflates an entry and checks its length and CRC against the table of
 * contents, streaming (a sheet may inflate to hundreds of MB), handing each
 * chunk to `take`; resolves to the compressed bytes. Rejects with 'corrupt'
 * ('password_protected' for an encrypted entry) when anything is off: a
 * flipped byte in a stored entry would otherwise change a registrant's data
 * silently, and a bad deflate stream can leave exceljs waiting forever.
 */
function inflateEntry(zip: Buffer, entry: ZipEntry, take: (chunk: Buffer) => void): Promise<Buffer> {
  if (entry.flags & ENCRYPTED_FLAG) {
    return Promise.reject(new ImportInputError('password_protected', 'The workbook is protected by a password'));
  }
  const compressed = entryBytes(zip, entry);
  if (!compressed) return Promise.reject(corrupt(`${entry.name} is not where the table of contents says`));
  const damaged = corrupt(`${entry.name} is damaged`);
  if (entry.method === STORED) {
    if (compressed.length !== entry.uncompressedSize || crc32(compressed) !== entry.crc) return Promise.reject(damaged);
    take(compressed);
    return Promise.resolve(compressed);
  }
  if (entry.method !== DEFLATED) {
    return Promise.reject(corrupt(`${entry.name} uses compression method ${entry.method}`));
  }
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let size = 0;
    let crc = 0;
    let failed = false;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        failed = true;
        inflater.destroy();
        return;
      }
      crc = crc32(chunk, crc);
      take(chunk);
    });
    inflater.on('error', () => {
      failed = true;
    });
    inflater.on('close', () => {
      if (failed || size !== entry.uncompressedSize || crc !== entry.crc) reject(damaged);
      else resolve(compressed);
    });
    inflater.end(compressed);
  });
}

async function entryText(zip: Buffer, entry: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateEntry(zip, entry, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** An entry exceljs will read: its table-of-contents record and its checked compressed bytes. */
interface CheckedEntry {
  entry: ZipEntry;
  compressed: Buffer;
}

async function checkedEntry(zip: Buffer, entry: ZipEntry): Promise<CheckedEntry> {
  return { entry, compressed: await inflateEntry(zip, entry, () => {}) };
}

/** What a ZIP that is not a workbook is, by the parts inside it. */
function zipFormat(zip: Buffer, entries: Map<string, ZipEntry>): UnsupportedFormat {
  if (entries.has('xl/workbook.bin')) return 'xls';
  if (entries.has('word/document.xml')) return 'docx';
  for (const name of entries.keys()) if (name.startsWith('ppt/')) return 'pptx';
  // OpenDocument files name their type in a first, uncompressed entry.
  const mimetype = entries.get('mimetype');
  const bytes = mimetype?.method === STORED ? entryBytes(zip, mimetype) : null;
  if (bytes?.toString('latin1').startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  return 'zip';
}

// ---------------------------------------------------------------------------
// The workbook's parts (workbook.xml and relationships)
// ---------------------------------------------------------------------------

interface WorkbookParts {
  /** Visible worksheets, in workbook order. */
  sheets: { name: string; path: string }[];
  styles: string | null;
  sharedStrings: string | null;
  /** Dates count from 1904 (old Mac Excel), not 1900. */
  date1904: boolean;
}

const WORKBOOK_PATH = 'xl/workbook.xml';
const WORKBOOK_RELS_PATH = 'xl/_rels/workbook.xml.rels';

/**
 * Reads workbook.xml and its relationships with a few regular expressions:
 * they are small, flat, machine-written parts, and reading them here rather
 * than through exceljs lets exceljs be handed just the sheets that are shown,
 * in order (it otherwise goes by ZIP order and by part names only Excel uses).
 */
function workbookParts(workbookXml: string, relsXml: string): WorkbookParts {
  const rels = relationships(relsXml, 'xl/');
  const sheets: WorkbookParts['sheets'] = [];
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
    // Chart sheets have no cells.
    if (rel?.type !== 'worksheet') continue;
    sheets.push({ name: attributes.get('name') || `Sheet${sheets.length + 1}`, path: rel.path });
  }
  const partOfType = (type: string) => [...rels.values()].find((rel) => rel.type === type)?.path ?? null;
  return { sheets, styles: partOfType('styles'), sharedStrings: partOfType('sharedStrings'), date1904 };
}

interface Relationship {
  /** The last segment of the type URI: 'worksheet', 'styles', 'hyperlink' ... (transitional and strict OOXML differ before it). */
  type: string;
  /** The part's path in the archive, or the target as written for an external one (a hyperlink's address). */
  path: string;
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
// Workbooks
// ---------------------------------------------------------------------------

/**
 * Reads an .xlsx. Before exceljs sees a byte:
 * 1. the ZIP's table of contents is read and every part exceljs will read is
 *    inflated and checked (length, CRC): a cut or damaged archive ends here in
 *    'corrupt', where exceljs's unzipper may wait forever for data that never comes;
 * 2. exceljs is handed a new archive stream made of those parts only (their
 *    original compressed bytes behind fresh local headers), in the order its
 *    streaming reader needs: styles and shared strings before the sheets (else
 *    it spools every sheet to a temp file, registrants' data on disk, and may
 *    read the sheets before the styles that say which numbers are dates), and
 *    the visible sheets in workbook order, named as it expects.
 * Any error exceljs still throws is a damaged part: 'corrupt'.
 */
async function readWorkbook(zip: Buffer): Promise<ImportFile> {
  const entries = new Map(centralDirectory(zip).map((entry) => [entry.name, entry]));
  const workbookEntry = entries.get(WORKBOOK_PATH);
  if (!workbookEntry) throw unsupported(zipFormat(zip, entries), 'not a workbook');
  const relsEntry = entries.get(WORKBOOK_RELS_PATH);
  if (!relsEntry) throw corrupt(`${WORKBOOK_RELS_PATH} is missing`);

  const parts = workbookParts(await entryText(zip, workbookEntry), await entryText(zip, relsEntry));
  const entryAt = (path: string): ZipEntry => {
    const entry = entries.get(path);
    if (!entry) throw corrupt(`${path} is missing`);
    return entry;
  };
  // Every entry is looked up before any is inflated: a throw between two inflations would leave one unawaited.
  const stylesEntry = parts.styles === null ? null : entryAt(parts.styles);
  const sharedStringsEntry = parts.sharedStrings === null ? null : entryAt(parts.sharedStrings);
  const sheetEntries = parts.sheets.map((sheet) => entryAt(sheet.path));
  const [styles, sharedStrings, sheetParts] = await Promise.all([
    stylesEntry && checkedEntry(zip, stylesEntry),
    sharedStringsEntry && checkedEntry(zip, sharedStringsEntry),
    Promise.all(sheetEntries.map((entry) => checkedEntry(zip, entry))),
  ]);

  const input = exceljsInput(parts.date1904, styles, sharedStrings, sheetParts);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    // 'emit' reports each hyperlink's cell and leaves the cell's shown text as its value.
    hyperlinks: 'emit',
  });
  const sheets: SheetTable[] = [];
  try {
    for await (const worksheet of reader) {
      // exceljs emits the sheets it was handed, in the order it was handed them.
      const sheet = parts.sheets[sheets.length];
      if (!sheet) break;
      const { rows, hyperlinks } = await readWorksheet(worksheet, parts.date1904);
      if (hyperlinks.length > 0) await showHyperlinkAddresses(zip, entries, sheet.path, rows, hyperlinks);
      sheets.push({ name: sheet.name, rows });
    }
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw corrupt(error instanceof Error ? error.message : String(error));
  }
  if (sheets.every((sheet) => sheet.rows.length === 0)) {
    throw new ImportInputError('empty', 'No visible sheet of the workbook has a cell with text');
  }
  return { format: 'xlsx', encoding: null, sheets };
}

/** The archive stream exceljs reads: see readWorkbook. */
function exceljsInput(
  date1904: boolean,
  styles: CheckedEntry | null,
  sharedStrings: CheckedEntry | null,
  sheets: CheckedEntry[],
): Readable {
  const chunks: Buffer[] = [];
  const addEntry = (name: string, { entry, compressed }: CheckedEntry) => {
    chunks.push(localHeader(name, entry), compressed);
  };
  const addText = (name: string, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const entry = { crc: crc32(bytes), method: STORED, compressedSize: bytes.length, uncompressedSize: bytes.length };
    chunks.push(localHeader(name, entry), bytes);
  };
  // exceljs needs of workbook.xml only the date system (names and order are ours), and it reads
  // sheets as they stream only once it has seen the workbook's relationships and shared strings.
  addText(WORKBOOK_PATH, `<workbook><workbookPr date1904="${date1904 ? 1 : 0}"/></workbook>`);
  addText(WORKBOOK_RELS_PATH, '<Relationships/>');
  if (styles) addEntry('xl/styles.xml', styles);
  if (sharedStrings) addEntry('xl/sharedStrings.xml', sharedStrings);
  else addText('xl/sharedStrings.xml', '<sst/>');
  for (const [i, sheet] of sheets.entries()) addEntry(`xl/worksheets/sheet${i + 1}.xml`, sheet);
  const end = Buffer.alloc(END_OF_CENTRAL_DIRECTORY_SIZE);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  chunks.push(end);
  return Readable.from(chunks, { objectMode: false });
}

function localHeader(
  name: string,
  entry: Pick<ZipEntry, 'crc' | 'method' | 'compressedSize' | 'uncompressedSize'>,
): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30 + nameBytes.length);
  header.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  // Flags 0: sizes here, no data descriptor (which unzipper finds by scanning for its signature).
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  nameBytes.copy(header, 30);
  return header;
}

/** What exceljs's WorksheetReader.parse() yields, in batches (its typings say any). */
interface WorksheetEvent {
  eventType: string;
  value: unknown;
}

interface HyperlinkRef {
  /** The cell (or range, whose first cell shows the link). */
  ref?: string;
  /** The relationship holding the address; absent for a link to a place in the workbook. */
  rId?: string;
}

async function readWorksheet(
  worksheet: ExcelJS.stream.xlsx.WorksheetReader,
  date1904: boolean,
): Promise<{ rows: string[][]; hyperlinks: HyperlinkRef[] }> {
  const rows: string[][] = [];
  const hyperlinks: HyperlinkRef[] = [];
  let rowsWithText = 0;
  let lastRowNumber = 0;
  const events = worksheet.parse() as unknown as AsyncIterable<WorksheetEvent[]>;
  for await (const batch of events) {
    for (const event of batch) {
      if (event.eventType === 'hyperlink') {
        hyperlinks.push(event.value as HyperlinkRef);
        continue;
      }
      if (event.eventType !== 'row') continue;
      const row = event.value as ExcelJS.Row;
      // The row number is optional in the file format: a row without one follows the previous row.
      const rowNumber = Number.isInteger(row.number) ? row.number : lastRowNumber + 1;
      if (rowNumber < 1 || rowNumber > EXCEL_MAX_ROWS) throw corrupt(`row number ${rowNumber}`);
      lastRowNumber = rowNumber;
      const cells: string[] = [];
      row.eachCell((cell, column) => {
        const text = cellText(cell, date1904);
        if (text === '') return;
        checkCell(text, rowNumber - 1, column - 1);
        while (cells.length < column - 1) cells.push('');
        cells.push(text);
      });
      if (cells.length === 0) continue;
      if (++rowsWithText > MAX_ROWS) throw tooManyRows(rowNumber - 1);
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    }
  }
  return { rows, hyperlinks };
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
async function showHyperlinkAddresses(
  zip: Buffer,
  entries: Map<string, ZipEntry>,
  sheetPath: string,
  rows: string[][],
  hyperlinks: HyperlinkRef[],
): Promise<void> {
  const blank = hyperlinks.flatMap((link) => {
    const at = cellAt(link.ref ?? '');
    return at && link.rId && at.column < MAX_COLUMNS && !rows[at.row]?.[at.column] ? [{ ...at, rId: link.rId }] : [];
  });
  if (blank.length === 0) return;
  const slash = sheetPath.lastIndexOf('/');
  const relsEntry = entries.get(`${sheetPath.slice(0, slash + 1)}_rels/${sheetPath.slice(slash + 1)}.rels`);
  if (!relsEntry) return;
  const rels = relationships(await entryText(zip, relsEntry), sheetPath.slice(0, slash + 1));
  for (const { row, column, rId } of blank) {
    const address = rels.get(rId)?.path.replace(/^mailto:/i, '') ?? '';
    if (address === '') continue;
    checkCell(address, row, column);
    while (rows.length <= row) rows.push([]);
    const cells = rows[row] ?? [];
    while (cells.length < column) cells.push('');
    cells[column] = address;
    rows[row] = cells;
  }
}

/** "B7" (or "$B$7", or the first cell of "B7:C9") as 0-based indexes within Excel's grid; null if not a cell. */
function cellAt(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::|$)/.exec(ref);
  if (!match) return null;
  const [, letters = '', digits = ''] = match;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(digits);
  return row >= 1 && row <= EXCEL_MAX_ROWS ? { row: row - 1, column: column - 1 } : null;
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

function cellText(cell: ExcelJS.Cell, date1904: boolean): string {
  const value = cell.value;
  if (typeof value === 'string') return stringText(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value.getTime());
  if (value === null || value === undefined) return '';
  if ('richText' in value) {
    let text = '';
    // A run's text is null when the file has an empty run.
    for (const run of value.richText) if (typeof run.text === 'string') text += run.text;
    return stringText(text);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    // exceljs drops a result of 0 from `value` (but not from `cell.result`), and keeps a shared
    // formula's result in `value` only (such cells are not typed as formulas).
    const result = cell.result ?? value.result;
    if (typeof result === 'number') {
      return isDateFormat(cell.numFmt)
        ? dateText((result + SERIAL_DAY_0 + (date1904 ? DATE_1904_OFFSET_DAYS : 0)) * MS_PER_DAY)
        : numberText(result);
    }
    if (typeof result === 'string') return stringText(result);
    if (typeof result === 'boolean') return result ? 'TRUE' : 'FALSE';
    if (result instanceof Date) return dateText(result.getTime());
  }
  // Error values (#N/A, #REF! ...), a formula whose result is one or is missing: nothing to show.
  return '';
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
  if (!Number.isFinite(n)) return '';
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

/** "YYYY-MM-DD", "YYYY-MM-DD HH:MM" when there is a time, "HH:MM" for a time alone; read in UTC as exceljs writes them. */
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

/** exceljs's own test for a date format (so formula results agree with plain cells): y m d h s b outside quotes and [..]. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
