/**
 * LibreOffice as an independent producer and an independent reader of .xlsx
 * files, for the import tests.
 *
 * A fixture made by the library that later reads it hides that library's bugs:
 * exceljs decoding each 16 KiB chunk of XML on its own passed every test whose
 * workbooks exceljs had written. So the tests write their tables as text (a
 * flat OpenDocument spreadsheet, .fods, or a CSV), let LibreOffice turn them
 * into .xlsx, and ask LibreOffice again what the .xlsx says (its CSV export of
 * every sheet, cells as shown): that reading is the oracle the importer's must
 * equal, cell for cell.
 *
 * Needs LibreOffice 7.2 or later (`soffice` on the PATH; Debian/Ubuntu package
 * libreoffice-calc). Every call runs its own soffice with its own throw-away
 * profile, so calls may run in parallel and never wait on another's profile lock.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------
// Tables written as text
// ---------------------------------------------------------------------------

/** A typed cell; a plain string in a row is a text cell, null an empty cell. */
export type TypedCell =
  | { kind: 'text'; text: string }
  /** Shown in LibreOffice's General format. */
  | { kind: 'number'; value: number }
  /** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM' for a date and time; shown in that same form. */
  | { kind: 'date'; iso: string }
  | { kind: 'boolean'; value: boolean }
  /**
   * A formula (OpenFormula, e.g. `of:=[.A2]&" "&[.B2]`) whose result is text: in the .xlsx its cached
   * result sits in the sheet's own XML (t="str"), not in the shared strings.
   */
  | { kind: 'formula'; formula: string; result: string };

export interface SpanningCell {
  cell: string | TypedCell;
  /** How many rows / columns the cell is merged over (1 when absent); the cells it covers must be null. */
  rowsSpanned?: number;
  columnsSpanned?: number;
}

export type SheetCell = string | TypedCell | SpanningCell | null;

export interface SheetSpec {
  /** Letters, digits and spaces only: LibreOffice names its CSV files after the sheets. */
  name: string;
  rows: SheetCell[][];
  hidden?: boolean;
  /** 0-based row index -> how it is hidden: 'collapse' (hidden by hand) or 'filter' (hidden by a filter). */
  hiddenRows?: ReadonlyMap<number, 'collapse' | 'filter'>;
  /** 0-based column indexes hidden by hand. */
  hiddenColumns?: readonly number[];
}

/** A merged range, 0-based and inclusive, as the tests reason about it. */
export interface MergedRange {
  sheet: string;
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

const FODS_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"',
].join(' ');

/**
 * Date formats that show what the importer shows for a date ("YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM"), so that LibreOffice's "as shown" reading and ours can
 * be compared exactly.
 */
const FODS_STYLES = `<office:automatic-styles>
<number:date-style style:name="N_DATE"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<number:date-style style:name="N_DATETIME"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>
<style:style style:name="ce_date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_DATE"/>
<style:style style:name="ce_datetime" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_DATETIME"/>
<style:style style:name="ta_shown" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>`;

/**
 * A flat OpenDocument spreadsheet (.fods, one XML file) holding `sheets`.
 * Throws when a spec cannot be written faithfully (a character XML cannot
 * hold, a merge over a cell that is not null, a date that is not ISO).
 */
export function fodsText(sheets: readonly SheetSpec[]): string {
  if (sheets.length === 0) throw new Error('A spreadsheet needs at least one sheet');
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<office:document ${FODS_NAMESPACES} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">\n`,
    FODS_STYLES,
    '\n<office:body><office:spreadsheet>\n',
  ];
  for (const sheet of sheets) parts.push(fodsTable(sheet));
  parts.push('</office:spreadsheet></office:body></office:document>\n');
  return parts.join('');
}

function fodsTable(sheet: SheetSpec): string {
  if (!/^[\p{L}\p{N} ]+$/u.test(sheet.name)) throw new Error(`Sheet name "${sheet.name}" is not letters and digits`);
  const covered = coveredCells(sheet);
  const width = Math.max(1, ...sheet.rows.map((row) => row.length));
  const hiddenColumns = new Set(sheet.hiddenColumns ?? []);
  const parts: string[] = [
    `<table:table table:name="${xmlEscape(sheet.name)}" table:style-name="${sheet.hidden ? 'ta_hidden' : 'ta_shown'}">\n`,
  ];
  for (let c = 0; c < width; c++) {
    parts.push(hiddenColumns.has(c) ? '<table:table-column table:visibility="collapse"/>' : '<table:table-column/>');
  }
  for (const [r, row] of sheet.rows.entries()) {
    const visibility = sheet.hiddenRows?.get(r);
    parts.push(visibility ? `\n<table:table-row table:visibility="${visibility}">` : '\n<table:table-row>');
    // An empty row still needs one cell to be a valid row.
    if (row.length === 0) parts.push('<table:table-cell/>');
    for (const [c, cell] of row.entries()) {
      if (covered.has(`${r},${c}`)) {
        if (cell !== null) throw new Error(`Sheet "${sheet.name}" row ${r} column ${c} is covered by a merge`);
        parts.push('<table:covered-table-cell/>');
      } else {
        parts.push(fodsCell(cell));
      }
    }
    parts.push('</table:table-row>');
  }
  parts.push('\n</table:table>\n');
  return parts.join('');
}

/** "row,column" of every cell a merge covers (not its first cell). */
function coveredCells(sheet: SheetSpec): Set<string> {
  const covered = new Set<string>();
  for (const range of mergedRanges(sheet)) {
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      for (let c = range.firstColumn; c <= range.lastColumn; c++) {
        if (r !== range.firstRow || c !== range.firstColumn) covered.add(`${r},${c}`);
      }
    }
  }
  return covered;
}

/** The merged ranges a sheet spec declares. */
export function mergedRanges(sheet: SheetSpec): MergedRange[] {
  const ranges: MergedRange[] = [];
  for (const [r, row] of sheet.rows.entries()) {
    for (const [c, cell] of row.entries()) {
      if (cell === null || typeof cell === 'string' || !('cell' in cell)) continue;
      const rows = cell.rowsSpanned ?? 1;
      const columns = cell.columnsSpanned ?? 1;
      if (rows > 1 || columns > 1) {
        ranges.push({
          sheet: sheet.name,
          firstRow: r,
          firstColumn: c,
          lastRow: r + rows - 1,
          lastColumn: c + columns - 1,
        });
      }
    }
  }
  return ranges;
}

function fodsCell(cell: SheetCell): string {
  if (cell === null) return '<table:table-cell/>';
  if (typeof cell === 'string') return fodsTypedCell({ kind: 'text', text: cell }, '');
  if ('cell' in cell) {
    const spans = [
      cell.rowsSpanned && cell.rowsSpanned > 1 ? ` table:number-rows-spanned="${cell.rowsSpanned}"` : '',
      cell.columnsSpanned && cell.columnsSpanned > 1 ? ` table:number-columns-spanned="${cell.columnsSpanned}"` : '',
    ].join('');
    const inner = typeof cell.cell === 'string' ? { kind: 'text' as const, text: cell.cell } : cell.cell;
    return fodsTypedCell(inner, spans);
  }
  return fodsTypedCell(cell, '');
}

function fodsTypedCell(cell: TypedCell, spans: string): string {
  switch (cell.kind) {
    case 'text':
      return `<table:table-cell${spans} office:value-type="string">${odfParagraphs(cell.text)}</table:table-cell>`;
    case 'number': {
      if (!Number.isFinite(cell.value)) throw new Error(`${cell.value} is not a number a sheet can hold`);
      // String() writes the shortest text that reads back as the same double.
      const value = String(cell.value);
      return `<table:table-cell${spans} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
    }
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(cell.iso);
      if (!match) throw new Error(`"${cell.iso}" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
      const style = match[4] === undefined ? 'ce_date' : 'ce_datetime';
      const value = match[4] === undefined ? cell.iso : `${cell.iso}:00`;
      return `<table:table-cell${spans} table:style-name="${style}" office:value-type="date" office:date-value="${value}"><text:p>${cell.iso.replace('T', ' ')}</text:p></table:table-cell>`;
    }
    case 'boolean':
      return `<table:table-cell${spans} office:value-type="boolean" office:boolean-value="${cell.value}"><text:p>${cell.value ? 'TRUE' : 'FALSE'}</text:p></table:table-cell>`;
    case 'formula':
      return `<table:table-cell${spans} table:formula="${xmlEscape(cell.formula)}" office:value-type="string" office:string-value="${xmlEscape(cell.result)}">${odfParagraphs(cell.result)}</table:table-cell>`;
  }
}

/**
 * Text as ODF paragraphs. ODF collapses white space in text:p, so each line is
 * a paragraph, a tab is text:tab, and every space after the first of a run
 * (and a leading one) is text:s: otherwise "أحمد  علي" would come back with one space.
 */
function odfParagraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // Most lines have no run of spaces, no edge space and no tab: escaped whole.
      if (!/^ | $| {2}|\t/.test(line)) return `<text:p>${xmlEscape(line)}</text:p>`;
      let body = '';
      let spaces = 0;
      const flushSpaces = (atStart: boolean) => {
        if (spaces === 0) return;
        const literal = atStart ? 0 : 1;
        body += ' '.repeat(literal);
        const rest = spaces - literal;
        if (rest > 0) body += rest === 1 ? '<text:s/>' : `<text:s text:c="${rest}"/>`;
        spaces = 0;
      };
      for (const ch of line) {
        if (ch === ' ') {
          spaces++;
          continue;
        }
        flushSpaces(body === '');
        body += ch === '\t' ? '<text:tab/>' : xmlEscape(ch);
      }
      // Trailing spaces would be collapsed away too: all as text:s.
      if (spaces > 0) {
        body += spaces === 1 ? '<text:s/>' : `<text:s text:c="${spaces}"/>`;
      }
      return `<text:p>${body}</text:p>`;
    })
    .join('');
}

/**
 * What each cell of a spec was written to show, as LibreOffice shows it:
 * the text, a formula's result, a date as "YYYY-MM-DD[ HH:MM]", TRUE / FALSE,
 * a number as String() writes it (LibreOffice's General agrees for the
 * integers and short decimals the fixtures hold); '' for an empty or covered cell.
 */
export function writtenTable(sheet: SheetSpec): string[][] {
  return trimmedTable(
    sheet.rows.map((row) =>
      row.map((cell) => {
        if (cell === null) return '';
        const typed = typeof cell === 'string' ? cell : 'cell' in cell ? cell.cell : cell;
        return typeof typed === 'string' ? typed : shownText(typed);
      }),
    ),
  );
}

function shownText(cell: TypedCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.iso.replace('T', ' ');
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'formula':
      return cell.result;
  }
}

/** Throws on a character XML 1.0 cannot hold: a control character other than tab, LF and CR, U+FFFE, U+FFFF, a lone surrogate. */
function checkXmlChars(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const high = code >= 0xd800 && code <= 0xdbff;
    const low = code >= 0xdc00 && code <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (control || code === 0xfffe || code === 0xffff || low || (high && !(next >= 0xdc00 && next <= 0xdfff))) {
      throw new Error(`XML cannot hold U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
    }
    if (high) i++;
  }
}

export function xmlEscape(text: string): string {
  checkXmlChars(text);
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** A table as RFC 4180 CSV (UTF-8, CRLF), every cell quoted so LibreOffice keeps it whole. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// Running LibreOffice
// ---------------------------------------------------------------------------

export class LibreOfficeError extends Error {}

/** The soffice to run: $SOFFICE when set (another install, or a stand-in for the tests of this module). */
function sofficeCommand(): string {
  return process.env.SOFFICE || 'soffice';
}
/** Long enough for the 50,000-row fixtures on a busy 2-core machine; a hung soffice is killed after it. */
const DEFAULT_TIMEOUT_MS = 240_000;
const MISSING =
  'LibreOffice is needed for the import oracle tests and `soffice` was not found: install it (apt-get install libreoffice-calc)';

interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs soffice headless with a profile of its own (removed afterwards), in its
 * own process group so a timeout kills soffice.bin too, not just the wrapper script.
 */
async function runSoffice(args: readonly string[], timeoutMs: number): Promise<RunResult> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-lo-profile-'));
  try {
    return await new Promise<RunResult>((resolve, reject) => {
      const child = spawn(
        sofficeCommand(),
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--invisible',
          '--nologo',
          '--norestore',
          '--nolockcheck',
          ...args,
        ],
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }, timeoutMs);
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(error.code === 'ENOENT' ? new LibreOfficeError(MISSING) : error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (timedOut)
          reject(new LibreOfficeError(`soffice ${args.join(' ')} took over ${timeoutMs} ms and was killed`));
        else if (code !== 0) {
          reject(new LibreOfficeError(`soffice ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr}`));
        } else resolve({ stdout, stderr });
      });
    });
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** Per soffice command: checked once per run. */
const versionChecks = new Map<string, Promise<string>>();

/** "7.4.7.2"; throws when LibreOffice is missing or older than 7.2 (which cannot export every sheet to CSV). */
export function libreOfficeVersion(): Promise<string> {
  const command = sofficeCommand();
  let check = versionChecks.get(command);
  if (!check) {
    check = runSoffice(['--version'], 60_000).then(({ stdout }) => {
      const match = /LibreOffice\s+(\d+)\.(\d+)[\d.]*/.exec(stdout);
      if (!match) throw new LibreOfficeError(`Cannot tell LibreOffice's version from "${stdout.trim()}"`);
      const [version = '', major = '0', minor = '0'] = match;
      if (Number(major) < 7 || (Number(major) === 7 && Number(minor) < 2)) {
        throw new LibreOfficeError(`${version} is too old: the oracle needs LibreOffice 7.2 or later`);
      }
      return version.replace('LibreOffice', '').trim();
    });
    versionChecks.set(command, check);
  }
  return check;
}

/** The CSV import options for files this module writes: comma, double quote, UTF-8 (76), from line 1. */
const CSV_IMPORT_FILTER = 'CSV:44,34,76,1';

/**
 * Converts .fods or .csv files to .xlsx in `outDir` with one soffice, and
 * returns the .xlsx paths in the same order. Several files per call spare a
 * start-up each; separate calls may run in parallel.
 */
export async function convertToXlsx(
  inputs: readonly string[],
  outDir: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string[]> {
  await libreOfficeVersion();
  const csv = inputs.filter((file) => path.extname(file).toLowerCase() === '.csv');
  if (csv.length > 0 && csv.length !== inputs.length) throw new Error('Convert CSV and .fods files in separate calls');
  const infilter = csv.length > 0 ? [`--infilter=${CSV_IMPORT_FILTER}`] : [];
  await fs.mkdir(outDir, { recursive: true });
  const { stderr } = await runSoffice([...infilter, '--convert-to', 'xlsx', '--outdir', outDir, ...inputs], timeoutMs);
  const outputs = inputs.map((input) => path.join(outDir, `${path.basename(input, path.extname(input))}.xlsx`));
  for (const [i, output] of outputs.entries()) {
    const stat = await fs.stat(output).catch(() => null);
    if (!stat || stat.size === 0)
      throw new LibreOfficeError(`LibreOffice wrote no ${output} from ${inputs[i]}: ${stderr}`);
  }
  return outputs;
}

/** A sheet as LibreOffice reads it: every cell as shown, in workbook order; hidden sheets included. */
export interface OracleSheet {
  name: string;
  rows: string[][];
  /**
   * "row:column" (0-based) of the cells LibreOffice wrote unquoted although it quotes every text
   * cell: numbers, dates and booleans, shown in their format. Lets a comparison tell the number
   * 501234567 from the text "0501234567" without trusting the reader under test.
   */
  valueCells: ReadonlySet<string>;
}

/**
 * CSV export options: comma (44), double quote (34), UTF-8 (76), from line 1,
 * no column formats, language 0, EVERY TEXT CELL QUOTED (true), special numbers
 * detected, cells saved AS SHOWN (true), formulas' results not their text
 * (false), spaces kept (false), every sheet, one file each (-1: LibreOffice 7.2+).
 */
const CSV_EXPORT_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1';

/**
 * LibreOffice's own reading of each .xlsx: every sheet's cells as shown, each
 * row with its trailing empty cells trimmed (a blank row is []), without the
 * blank rows after the last row with text. One soffice for all `files`;
 * returns their sheets in the same order.
 */
export async function libreOfficeReading(
  files: readonly string[],
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<OracleSheet[][]> {
  await libreOfficeVersion();
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-lo-csv-'));
  try {
    const { stdout, stderr } = await runSoffice(
      ['--convert-to', CSV_EXPORT_FILTER, '--outdir', outDir, ...files],
      timeoutMs,
    );
    // soffice says which file it converts ("convert /a/b.xlsx -> ...") and then, per sheet, in workbook
    // order, "Writing sheet NAME -> PATH": the only statement of the order and of each file's sheet name.
    const written = new Map<string, { name: string; csv: string }[]>();
    let current: { name: string; csv: string }[] | null = null;
    for (const line of stdout.split('\n')) {
      const convert = /^convert (.+?\.xlsx)(?: -> .*)? using filter/.exec(line);
      if (convert?.[1]) {
        current = [];
        written.set(path.resolve(convert[1]), current);
        continue;
      }
      const sheet = /^Writing sheet (.*) -> (.+\.csv)$/.exec(line);
      if (sheet?.[2] && current) current.push({ name: sheet[1] ?? '', csv: sheet[2] });
    }
    return await Promise.all(
      files.map(async (file) => {
        const sheets = written.get(path.resolve(file));
        if (!sheets || sheets.length === 0) {
          throw new LibreOfficeError(`LibreOffice exported no sheet of ${file}: ${stdout} ${stderr}`);
        }
        return Promise.all(
          sheets.map(async ({ name, csv }) => {
            const { rows, unquoted } = parseStrictCsv(await fs.readFile(csv, 'utf8'));
            return { name, rows: trimmedTable(rows), valueCells: unquoted };
          }),
        );
      }),
    );
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Reading LibreOffice's CSV
// ---------------------------------------------------------------------------

/**
 * Parses CSV as LibreOffice writes it (comma, double quotes, LF or CRLF),
 * strictly: a stray quote is an error, not a character, so that a misread
 * oracle fails loudly instead of agreeing with a misreading. Kept apart from
 * the importer's own lenient parser on purpose: the oracle must not share its code.
 */
export function parseStrictCsv(text: string): { rows: string[][]; unquoted: Set<string> } {
  const rows: string[][] = [];
  const unquoted = new Set<string>();
  if (text === '') return { rows, unquoted };
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error(`CSV: unclosed quote near offset ${i}`);
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') {
        if (text[end] === '"') throw new Error(`CSV: quote inside an unquoted cell at offset ${end}`);
        end++;
      }
      cell = text.slice(i, end);
      if (cell !== '') unquoted.add(`${rows.length}:${row.length}`);
      i = end;
    }
    row.push(cell.replace(/\r\n/g, '\n'));
    if (i >= n) {
      rows.push(row);
      return { rows, unquoted };
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (text[i] === '\n') i++;
    else throw new Error(`CSV: text after a closing quote at offset ${i}`);
    rows.push(row);
    row = [];
    if (i >= n) return { rows, unquoted };
  }
}

/** Each row without its trailing empty cells, and no blank rows after the last row with text. */
export function trimmedTable(rows: readonly (readonly string[])[]): string[][] {
  const trimmed = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]?.length === 0) trimmed.pop();
  return trimmed;
}
