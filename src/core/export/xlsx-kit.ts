/**
 * The pieces Multaqa's Excel exports are built from: a workbook streamed into
 * memory, sheet names Excel accepts, the print setup of every sheet, and
 * cells that stay what they are.
 *
 * - Text stays text. Every text cell is an inline string (t="inlineStr",
 *   the standard string cell; t="str" is the type of a formula's cached
 *   result) with the Text number format '@': a string cell is not
 *   evaluated when the file opens, and '@' is what
 *   makes Excel keep "=HYPERLINK(…)", "+968…" or "@SUM(…)" as text when the
 *   coordinator later edits the cell. Excel's other guard, the style's
 *   quotePrefix, is not available: exceljs 4.4.0 neither writes nor reads it
 *   (there is no "quotePrefix" anywhere in its sources).
 *   The columns carry the same style, so a walk-in typed into an empty row is
 *   text too. A carriage return is written as the line feed it becomes anyway
 *   (XML reads CR as LF), so the file says what Excel shows.
 * - Right to left, as LibreOffice prints it (checked in its PDFs). In Arabic
 *   sheets, mobiles, e-mails, codes, times and English names are cells of
 *   their own direction (`readingOrder: 'ltr'`) holding exactly what was
 *   typed, no invisible characters, since coordinators copy them out of the
 *   cells; a right-to-left cell, as Excel makes one without letters in a
 *   right-to-left sheet, would print "+968 9900 1122" as "1122 9900 968+".
 *   Text with Arabic letters is set right to left (`readingOrder: 'rtl'`)
 *   with its Latin and digit runs isolated (LRI…PDI): otherwise "+968 بلدية"
 *   prints its plus after the number, and LibreOffice prints the date of
 *   "أعدت القوائم في 2026-12-05" as 05-12-2026 (or, isolated but left to the
 *   cell's own direction, sets the whole line left to right). Text without
 *   an Arabic letter keeps its own direction, or "Acme Co." prints ".Acme Co".
 * - Speed. exceljs writes the workbook, the styles and each sheet's columns
 *   and print setup, streamed into memory; the rows of each sheet are written
 *   as XML straight into exceljs's stream for that sheet (SheetRows), with the
 *   style ids exceljs gave the few shared style objects. Through exceljs's
 *   Row and Cell objects, a style-free write of the same values, sorted and
 *   named inside the timing, already took 1.16–1.26× a bare exceljs write of
 *   them, over the bench's 1.2× target with no style at all.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { hasArabic, isolateArabicRuns, isolateLatinRuns, needsIsolation } from '../../shared/text/arabic';
import type { DocLang } from './document-words';
import type { ExportProgress } from './export-progress';

/**
 * What a cell holds: a number, text, or nothing (undefined: the cell is left
 * out of the row). Never a formula.
 */
export type CellValue = string | number | undefined;

/**
 * How a column's cells are written: 'number' (serials, counts), 'text'
 * (names, organisations: wraps, Latin runs isolated in Arabic sheets), 'ltr'
 * (mobiles, e-mails, codes, times: left to right, untouched).
 */
export type CellKind = 'number' | 'text' | 'ltr';

export interface TableColumn {
  header: string;
  kind: CellKind;
  /** A fixed width (the signature column); otherwise fitted to the content. */
  width?: number;
}

export interface TableSheet {
  /** The sheet's name as wanted: made valid and unique by the book. */
  name: string;
  /** Printed under the forum's title in the page header: the sheet's whole name, which the tab may shorten. */
  heading: string;
  columns: readonly TableColumn[];
  /** Hex without '#'. */
  tabColour?: string;
  /** A sheet to sign: tall rows and every cell bordered, so the grid prints. */
  signing?: boolean;
}

/**
 * A table's rows, each made when it is written rather than all held at once
 * (a list can have 100,000), and some made once more to measure the columns.
 */
export interface Rows {
  count: number;
  row(index: number): readonly CellValue[];
}

/** A line of a sheet that is not a table (the summary). */
export interface Line {
  values: readonly CellValue[];
  emphasis?: 'title' | 'heading';
}

/** Checkpoints (a chance to cancel, and to answer status polls) this often. */
const CHECKPOINT_ROWS = 256;

/** Excel's limits: 31 characters, none of these, and not the name Excel keeps for itself. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\\p{Cc}]+/gu;
const RESERVED_SHEET_NAME = 'history';

/** A header or footer section holds at most 255 characters, codes included. */
const HEADER_TEXT_MAX = 110;

/** Widths in Excel's units (about one digit of the default font). */
const WIDTH = {
  min: 6,
  textMax: 40,
  ltrMax: 30,
  signingMax: 34,
  summaryMax: 64,
  textFloor: 10,
  ltrFloor: 12,
  /** A text column is kept as wide as its longest word up to this: "Metropolitan", «والمواصلات» whole. */
  wordMax: 14,
};
/** The most rows a table's column widths are measured on. */
const WIDTH_SAMPLE = 2000;
/** Bold headers and Arabic letters in Arial run a little wider than a digit. */
const CHARACTER_WIDTH = 1.15;
/** Points: a line of 11-point text, a line of the 14-point title, and a row tall enough to sign in. */
const LINE_HEIGHT = 15;
const TITLE_LINE_HEIGHT = 20;
const SIGNING_ROW_HEIGHT = 30;
/**
 * The width A4 holds between the sheets' margins (half an inch each side), in
 * pixels at 96 per inch: a column of width w is 7w + 5 pixels in the default
 * 11-point font, so this is what decides whether a table prints at 100%.
 * An eighth is kept back: LibreOffice, measured on its PDFs, prints the
 * same columns about a tenth wider than this reckoning.
 */
const PAGE_PIXELS = { portrait: (8.27 - 1) * 96 * 0.87, landscape: (11.69 - 1) * 96 * 0.87 };
const columnPixels = (widths: readonly number[]) => widths.reduce((sum, w) => sum + 7 * w + 5, 0);

type Style = Partial<ExcelJS.Style>;
/** The cell kinds, and Arabic text in an Arabic sheet, which is written right to left whatever it starts with. */
type StyleKind = CellKind | 'arabic';
type KindStyles = Readonly<Record<StyleKind, Style>>;

interface StyleSet {
  header: KindStyles;
  body: KindStyles;
  /** Lines that are not a table's rows (the summary): no rules. */
  plain: KindStyles;
  signingHeader: KindStyles;
  signingBody: KindStyles;
  title: KindStyles;
  heading: KindStyles;
}

/** Arial has Arabic letters on every Windows and Mac; Calibri, Excel's default, has none. */
const FONT: Partial<ExcelJS.Font> = { name: 'Arial', size: 11 };
const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const GRID: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/**
 * Arabic letters, diacritics and spaces only: text that is right to left and
 * needs no isolating, which most names and organisations are. A quick test
 * that spares them the Unicode-property searches of hasArabic and needsIsolation.
 */
const PLAIN_ARABIC = /^[\u0621-\u065f\u066e-\u06d3\s]+$/;

function styleSet(lang: DocLang): StyleSet {
  // Every cell starts where the sheet reads from, whatever its own direction, so columns stay straight.
  const horizontal = lang === 'ar' ? 'right' : 'left';
  const kinds = (vertical: 'top' | 'middle', extra: Style): KindStyles => ({
    number: { ...extra, alignment: { horizontal: 'center', vertical } },
    text: { ...extra, numFmt: '@', alignment: { horizontal, vertical, wrapText: true } },
    arabic: { ...extra, numFmt: '@', alignment: { horizontal, vertical, wrapText: true, readingOrder: 'rtl' } },
    // Wrapped too: a column narrowed to fit the page breaks a long e-mail rather than cutting it off.
    ltr: { ...extra, numFmt: '@', alignment: { horizontal, vertical, wrapText: true, readingOrder: 'ltr' } },
  });
  const header = { font: BOLD, fill: HEADER_FILL };
  return {
    header: kinds('middle', { ...header, border: GRID }),
    // Thin rules round every cell of the data rows: on paper a long list without them loses its rows.
    body: kinds('top', { font: FONT, border: GRID }),
    plain: kinds('top', { font: FONT }),
    signingHeader: kinds('middle', { ...header, border: GRID }),
    signingBody: kinds('middle', { font: FONT, border: GRID }),
    title: kinds('middle', { font: { ...BOLD, size: 14 } }),
    heading: kinds('middle', header),
  };
}

/** "2026-12-04 08:55" in the computer's own time zone: the clock the coordinator sees in the hall. */
export function localDateTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** Shortens s to at most max UTF-16 units without splitting a character. */
function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trimEnd();
}

/** shorten, at the end of a word when one ends in the last third. */
function shortenAtWord(s: string, max: number): string {
  const cut = shorten(s, max);
  if (cut.length === s.length || s[cut.length] === ' ') return cut;
  const space = cut.lastIndexOf(' ');
  return space >= (max * 2) / 3 ? cut.slice(0, space).trimEnd() : cut;
}

/** Words a shortened name must not end on: it would read as cut off. */
const DANGLING_WORD = /\s+(?:و|في|من|على|عن|إلى|مع|بين|and|of|the|for|in|on|at|to|with|a|an)$/iu;
/** Punctuation and dashes a shortened name must not end on. */
const DANGLING_MARK = /[\s\p{P}\p{Pd}]+$/u;

/**
 * A name shortened to `max` characters so that it still says what it is:
 * a leading label is dropped ("Workshop: smart cities" is "smart cities" on
 * the tab, the kind being the sheet's heading), then the first of its parts
 * split at a dash or a comma is kept when it is long enough to mean
 * something, else it is cut at a word; never ending on a dash, a comma or a
 * word such as "of" / «و».
 */
export function meaningfulName(name: string, max: number): string {
  if (name.length <= max) return name;
  const colon = name.search(/[:：]/);
  const rest = colon > 0 && colon <= 20 ? name.slice(colon + 1).trim() : '';
  if (rest) return meaningfulName(rest.charAt(0).toLocaleUpperCase('en') + rest.slice(1), max);
  const [first = ''] = name.split(/\s+[—–-]\s+|[,،؛;]\s*/u);
  if (first.length < name.length && first.length <= max && first.length >= max / 3) return first.trim();
  let cut = shortenAtWord(name, max);
  for (let previous = ''; previous !== cut; ) {
    previous = cut;
    cut = cut.replace(DANGLING_MARK, '').replace(DANGLING_WORD, '');
  }
  return cut || shorten(name, max);
}

/**
 * A valid sheet name, unique in the book (Excel compares names ignoring
 * case): forbidden characters become spaces, long names are shortened to 31
 * characters as meaningfulName shortens them, and a name already taken, as two organisations whose names
 * start alike are once cut, gets " (2)", " (3)"… An apostrophe becomes ’:
 * Excel refuses one at either end, and exceljs writes the print titles'
 * reference to the sheet without escaping it.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>, fallback: string): string {
  const clean = (s: string) => s.replace(SHEET_NAME_FORBIDDEN, ' ').replace(/'/g, '’').replace(/\s+/g, ' ').trim();
  const base = clean(wanted) ? wanted.replace(/\s+/g, ' ').trim() : fallback;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = clean(meaningfulName(base, SHEET_NAME_MAX - suffix.length)) + suffix;
    const key = name.toLowerCase();
    if (!taken.has(key) && key !== RESERVED_SHEET_NAME) {
      taken.add(key);
      return name;
    }
  }
}

/** The right-to-left mark: a strong right-to-left character that prints nothing. */
const RLM = '\u200F';

/**
 * Text for a header or footer: '&' starts a code there, so a literal one is
 * doubled. A page header is laid out left to right whatever the sheet's
 * direction, so Arabic text there is held between right-to-left marks:
 * without them the closing guillemet of «…» (a neutral at the line's end)
 * takes the header's direction and prints at the wrong end, before the
 * title. The other script's runs inside are isolated as in the cells.
 */
function headerText(s: string, rightToLeft: boolean): string {
  const text = shorten(s.replace(/\s+/g, ' ').trim(), HEADER_TEXT_MAX).replace(/&/g, '&&');
  if (!hasArabic(text)) return text;
  return rightToLeft ? RLM + isolateLatinRuns(text) + RLM : isolateArabicRuns(text);
}

/**
 * Each column as wide as its longest cell, within limits: long text wraps
 * rather than widening the page, and its row is made tall enough (RowFit).
 * A big list is measured on an even sample of its rows: making all 20,000
 * rows twice (once to measure, once to write) added about a quarter to the
 * time the list takes. Text longer than the sample's still wraps in its row.
 */
function fittedWidths(columns: readonly TableColumn[], rows: Rows, maxOf: (kind: CellKind) => number): number[] {
  const longest = columns.map((c) => c.header.length);
  const largest = columns.map(() => 0);
  const step = Math.max(1, rows.count / WIDTH_SAMPLE);
  for (let sample = 0; sample < rows.count; sample += step) {
    const row = rows.row(Math.floor(sample));
    for (let i = 0; i < columns.length; i++) {
      const value = row[i];
      if (typeof value === 'string') {
        if (value.length > (longest[i] as number)) longest[i] = value.length;
      } else if (typeof value === 'number' && value > (largest[i] as number)) largest[i] = value;
    }
  }
  return columns.map((column, i) => {
    if (column.width) return column.width;
    const length = Math.max(longest[i] as number, String(largest[i]).length);
    return Math.min(maxOf(column.kind), Math.max(WIDTH.min, Math.ceil(length * CHARACTER_WIDTH) + 2));
  });
}

/**
 * The width of each text column's longest word (0 for the other kinds),
 * measured on the same sample as fittedWidths. LibreOffice and Excel break
 * a word longer than its column anywhere ("Metropolita / n"), which reads
 * far worse than a list printed a little smaller.
 */
function wordWidths(columns: readonly TableColumn[], rows: Rows): number[] {
  const longestWord = (text: string) => Math.max(...text.split(/\s+/).map((word) => word.length));
  const longest = columns.map((c) => (c.kind === 'text' ? longestWord(c.header) : 0));
  const step = Math.max(1, rows.count / WIDTH_SAMPLE);
  for (let sample = 0; sample < rows.count; sample += step) {
    const row = rows.row(Math.floor(sample));
    for (let i = 0; i < columns.length; i++) {
      const value = row[i];
      if (columns[i]?.kind !== 'text' || typeof value !== 'string' || value.length <= (longest[i] as number)) continue;
      longest[i] = Math.max(longest[i] as number, longestWord(value));
    }
  }
  // A word's letters are narrower than CHARACTER_WIDTH's bold and Arabic worst case (measured on LibreOffice's PDFs).
  return longest.map((length) => (length === 0 ? 0 : length + 2));
}

/**
 * Narrows the columns of text, names, e-mails and codes, the widest first,
 * until the table fits the page's width at 100%: their cells wrap, and their
 * rows grow (RowFit), which reads better on paper than a whole list shrunk to
 * 5 points. Not below WIDTH.textFloor / ltrFloor, nor a text column below
 * its longest word (up to WIDTH.wordMax): a table that cannot fit even so is
 * scaled down by the print setup's fit to width, as little as it then needs.
 */
function fitToPage(
  columns: readonly TableColumn[],
  widths: readonly number[],
  words: readonly number[],
  pagePixels: number,
): number[] {
  const floor = (i: number) => {
    const column = columns[i];
    if (!column || column.width !== undefined || column.kind === 'number') return Infinity;
    return column.kind === 'text' ? Math.max(WIDTH.textFloor, Math.min(words[i] ?? 0, WIDTH.wordMax)) : WIDTH.ltrFloor;
  };
  const capped = (cap: number) =>
    widths.map((w, i) => (floor(i) === Infinity ? w : Math.min(w, Math.max(cap, floor(i)))));
  if (columnPixels(widths) <= pagePixels) return [...widths];
  let cap = Math.max(...widths);
  while (cap > WIDTH.textFloor && columnPixels(capped(cap)) > pagePixels) cap--;
  return capped(cap);
}

/**
 * How a row's height follows its text: Excel and LibreOffice keep a row one
 * line high when they open a file, however much its cells wrap, so a row
 * whose text needs more lines is given their height.
 */
interface RowFit {
  /** Characters a line of each column holds; Infinity where text does not wrap. */
  capacity: readonly number[];
  lineHeight: number;
  /** The height of every row, wrapped or not (a row to sign in). */
  minHeight?: number;
}

function rowFit(kinds: readonly CellKind[], widths: readonly number[], lineHeight: number, scale = 1): RowFit {
  return {
    capacity: kinds.map((kind, i) =>
      kind === 'number' ? Infinity : Math.max(1, (((widths[i] ?? WIDTH.min) - 2) / CHARACTER_WIDTH) * scale),
    ),
    lineHeight,
  };
}

function linesOf(text: string, capacity: number): number {
  if (!text.includes('\n')) return Math.ceil(text.length / capacity);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / capacity)), 0);
}

/**
 * exceljs 4.4.0's streaming writer, past its typings: the sheet's part of the
 * zip, which keeps the buffers it is given, and the book's style registry,
 * which gives a style object its id (a new one the first time, then the same
 * for that object).
 */
interface SheetStream {
  stream: { write(chunk: Buffer): unknown };
}
interface StyleRegistry {
  styles: { addStyleModel(style: Style): number };
}

/** What XML text cannot hold as it is: escaped, or dropped (the controls XML 1.0 refuses), as exceljs does. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
const XML_UNSAFE = /[<>&'"\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const XML_UNSAFE_ALL = new RegExp(XML_UNSAFE.source, 'g');
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Tested first: most cells have nothing to escape, and a replace with a function costs even then. */
function xmlText(text: string): string {
  return XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE_ALL, (c) => XML_ESCAPES[c] ?? '') : text;
}

/** A column's letters in a cell's reference: A…Z, AA… */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The rows are encoded into buffers of this size, each handed to exceljs's stream when full. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A sheet's rows, written as the XML exceljs writes for them (the same row,
 * cell and attribute order) without its Row and Cell objects: those, the
 * style merged into every cell and the XML built node by node cost more than
 * the bench's whole margin. exceljs has already written the sheet's columns and
 * opened its <sheetData> (XlsxBook.rows), and closes it when the sheet is
 * committed. Each row is encoded into a buffer as it is made: a string of
 * many rows joined first took two to three times as long to encode.
 */
class SheetRows {
  private number = 0;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly references: string[] = [];

  constructor(
    private readonly sheet: SheetStream,
    private readonly styleId: (style: Style) => number,
    private readonly rightToLeft: boolean,
  ) {}

  add(values: readonly CellValue[], kinds: readonly CellKind[], styles: KindStyles, fit: RowFit): void {
    const r = String(++this.number);
    let cells = '';
    let first = 0;
    let last = 0;
    let lines = 1;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const kind = kinds[i] ?? 'text';
      let content: string;
      if (typeof value === 'string') {
        // A string is text wherever it is, even a heading over a column of numbers.
        let style = kind === 'number' ? styles.text : styles[kind];
        let text = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
        if (this.rightToLeft && kind === 'text') {
          if (PLAIN_ARABIC.test(text)) style = styles.arabic;
          else if (hasArabic(text)) {
            style = styles.arabic;
            if (needsIsolation(text)) text = isolateLatinRuns(text);
          }
        }
        const capacity = fit.capacity[i] ?? Infinity;
        if (text.length > capacity || text.includes('\n')) lines = Math.max(lines, linesOf(text, capacity));
        // An inline string: text as text, which t="str" (a formula's cached result) is not.
        const space = text !== text.trim() ? ' xml:space="preserve"' : '';
        content = ` s="${this.styleId(style)}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
      } else if (value !== undefined) {
        content = ` s="${this.styleId(styles[kind])}"><v>${value}</v></c>`;
      } else if (fit.minHeight) {
        // A sheet to sign has its grid drawn round the empty cells too.
        content = ` s="${this.styleId(styles[kind])}"/>`;
      } else {
        // An empty cell of a list is left out: typed into, it takes its column's style (Text).
        continue;
      }
      this.references[i] ??= columnLetters(i + 1);
      cells += `<c r="${this.references[i]}${r}"${content}`;
      first ||= i + 1;
      last = i + 1;
    }
    const height = lines > 1 ? Math.max(lines * fit.lineHeight, fit.minHeight ?? 0) : fit.minHeight;
    // A row with neither a cell nor a height is left out, as exceljs leaves it (the summary's blank lines).
    if (!cells && !height) return;
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    const spans = cells ? ` spans="${first}:${last}"` : '';
    this.write(`<row r="${r}"${ht}${spans} x14ac:dyDescent="0.25">${cells}</row>`);
  }

  /** Hands the rows written so far to exceljs's stream, which keeps the buffer. */
  flush(): void {
    if (this.used === 0) return;
    this.sheet.stream.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  private write(xml: string): void {
    // UTF-8 takes at most 3 bytes for a UTF-16 unit.
    const room = xml.length * 3;
    if (this.used + room > this.buffer.length) {
      this.flush();
      if (room > this.buffer.length) this.buffer = Buffer.allocUnsafe(room);
    }
    this.used += this.buffer.write(xml, this.used);
  }
}

/**
 * An .xlsx written sheet by sheet, in one language, every sheet set up to
 * print: A4, as wide as one page, the header row repeated on every page, the
 * forum's title above and page numbers and the time below.
 */
export class XlsxBook {
  private readonly chunks: Buffer[] = [];
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly taken = new Set<string>();
  private readonly styles: StyleSet;
  private readonly rightToLeft: boolean;
  private readonly footer: string;
  private readonly styleIds = new Map<Style, number>();
  /** exceljs's id for one of the book's style objects: asked of exceljs once, then a plain lookup for each cell. */
  private readonly styleId = (style: Style): number => {
    let id = this.styleIds.get(style);
    if (id === undefined) {
      id = (this.workbook as unknown as StyleRegistry).styles.addStyleModel(style);
      this.styleIds.set(style, id);
    }
    return id;
  };

  constructor(
    private readonly options: {
      lang: DocLang;
      /** The forum's title, printed at the top of every page. */
      title: string;
      /** When the lists were made, printed at the foot of every page: a list printed at 8:30 is not the one of 9:15. */
      madeAt: string;
      /** The name of a sheet whose own name is empty. */
      fallbackName: string;
      progress: ExportProgress;
    },
  ) {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.chunks.push(chunk);
        done();
      },
    });
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    this.styles = styleSet(options.lang);
    this.rightToLeft = options.lang === 'ar';
    const pages = '&P / &N';
    const madeAt = headerText(options.madeAt, this.rightToLeft);
    // The page number in the middle, the time at the end of the reading direction.
    this.footer = this.rightToLeft ? `&L${madeAt}&C${pages}` : `&C${pages}&R${madeAt}`;
  }

  /** A table: a header row (frozen, and printed on every page), then the rows. */
  async table(sheet: TableSheet, rows: Rows): Promise<void> {
    const { progress } = this.options;
    await progress.checkpoint();
    const textMax = sheet.signing ? WIDTH.signingMax : WIDTH.textMax;
    const measured = fittedWidths(sheet.columns, rows, (kind) => (kind === 'text' ? textMax : WIDTH.ltrMax));
    // A sheet to sign stays upright: more rows to a page, and a clipboard holds it that way.
    const landscape = !sheet.signing && columnPixels(measured) > PAGE_PIXELS.portrait;
    const widths = fitToPage(
      sheet.columns,
      measured,
      wordWidths(sheet.columns, rows),
      landscape ? PAGE_PIXELS.landscape : PAGE_PIXELS.portrait,
    );
    const worksheet = this.addSheet(sheet.name, sheet.heading, {
      tabColour: sheet.tabColour,
      landscape,
      frozenHeader: true,
    });
    const kinds = sheet.columns.map((c) => c.kind);
    const out = this.rows(
      worksheet,
      kinds.map((kind, i) => ({ width: widths[i], style: this.styles.body[kind] })),
    );
    const fit = rowFit(kinds, widths, LINE_HEIGHT);
    const header = sheet.signing ? this.styles.signingHeader : this.styles.header;
    out.add(
      sheet.columns.map((c) => c.header),
      kinds,
      header,
      fit,
    );
    progress.advance();
    const body = sheet.signing ? this.styles.signingBody : this.styles.body;
    const bodyFit = sheet.signing ? { ...fit, minHeight: SIGNING_ROW_HEIGHT } : fit;
    for (let i = 0; i < rows.count; i++) {
      if (i % CHECKPOINT_ROWS === CHECKPOINT_ROWS - 1) await progress.checkpoint();
      out.add(rows.row(i), kinds, body, bodyFit);
      progress.advance();
    }
    out.flush();
    worksheet.commit();
  }

  /** Lines that are not a table (the summary), in columns of the given kinds. */
  async lines(name: string, kinds: readonly CellKind[], lines: readonly Line[]): Promise<void> {
    const { progress } = this.options;
    await progress.checkpoint();
    const worksheet = this.addSheet(name, '', { landscape: false, frozenHeader: false });
    const widths = fittedWidths(
      kinds.map((kind) => ({ header: '', kind })),
      { count: lines.length, row: (i) => lines[i]?.values ?? [] },
      () => WIDTH.summaryMax,
    );
    const out = this.rows(
      worksheet,
      kinds.map((kind, i) => ({ width: widths[i], style: this.styles.plain[kind] })),
    );
    const fit = rowFit(kinds, widths, LINE_HEIGHT);
    const titleFit = rowFit(kinds, widths, TITLE_LINE_HEIGHT, 11 / 14);
    for (const line of lines) {
      const emphasis = line.emphasis ?? 'plain';
      out.add(line.values, kinds, this.styles[emphasis], emphasis === 'title' ? titleFit : fit);
      progress.advance();
    }
    out.flush();
    worksheet.commit();
  }

  async finish(): Promise<Buffer> {
    await this.workbook.commit();
    return Buffer.concat(this.chunks);
  }

  private addSheet(
    wanted: string,
    heading: string,
    layout: { tabColour?: string; landscape: boolean; frozenHeader: boolean },
  ): ExcelJS.Worksheet {
    const { rightToLeft } = this;
    const name = uniqueSheetName(wanted, this.taken, this.options.fallbackName);
    const title = `&C&B${headerText(this.options.title, rightToLeft)}&B`;
    return this.workbook.addWorksheet(name, {
      properties: layout.tabColour ? { tabColor: { argb: `FF${layout.tabColour}` } } : {},
      views: [
        layout.frozenHeader
          ? { rightToLeft, state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }
          : { rightToLeft },
      ],
      pageSetup: {
        paperSize: 9, // A4
        orientation: layout.landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as the rows need
        margins: { left: 0.5, right: 0.5, top: 0.9, bottom: 0.7, header: 0.3, footer: 0.3 },
        // The workbook turns this into the sheet's _xlnm.Print_Titles name, the streaming writer too
        // (its workbook part reads each sheet's pageSetup as the ordinary writer does).
        ...(layout.frozenHeader ? { printTitlesRow: '1:1' } : {}),
      },
      headerFooter: {
        oddHeader: heading ? `${title}\n${headerText(heading, rightToLeft)}` : title,
        oddFooter: this.footer,
      },
    });
  }

  /**
   * The sheet's columns (width, and the style a cell typed into them takes),
   * then its rows. Committing an empty first row is what has exceljs write the
   * columns and open <sheetData>, as it does before the first row it writes;
   * the row itself, without cells or height, is not written.
   */
  private rows(worksheet: ExcelJS.Worksheet, columns: Partial<ExcelJS.Column>[]): SheetRows {
    worksheet.columns = columns;
    worksheet.addRow([]).commit();
    return new SheetRows(worksheet as unknown as SheetStream, this.styleId, this.rightToLeft);
  }
}
