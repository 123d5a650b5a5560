/**
 * A workbook's cells as LibreOffice reads them: every sheet saved as CSV by
 * `soffice` (a reader Multaqa's writer shares no code with, unlike exceljs),
 * then parsed. A formula would come back as its result here, so a cell that
 * reads back as typed was kept as text.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * LibreOffice's CSV filter options: comma, double quote, UTF-8, from row 1,
 * no column types, default language, quote all text cells off, detect
 * special numbers off, save as shown, formulas off (their results), remove
 * spaces off, then -1: each sheet to a file of its own, named after it.
 */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Bidi isolates and marks: a cell's text is compared without them. */
const BIDI_CONTROLS = /[\u200E\u200F\u2066-\u2069]/g;

/** Each sheet's rows, by sheet name, in no particular order. */
export async function sheetsAsCsv(bytes: Buffer): Promise<Map<string, string[][]>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-csv-'));
  try {
    const source = path.join(dir, 'list.xlsx');
    await fs.writeFile(source, bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        CSV_FILTER,
        '--outdir',
        dir,
        source,
      ],
      { timeout: 60_000 },
    );
    const out = new Map<string, string[][]>();
    for (const file of await fs.readdir(dir)) {
      const sheet = /^list-(.*)\.csv$/.exec(file)?.[1];
      if (sheet === undefined) continue;
      out.set(sheet, parseCsv(await fs.readFile(path.join(dir, file), 'utf8')));
    }
    if (out.size === 0) throw new Error('LibreOffice wrote no CSV');
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field.replace(BIDI_CONTROLS, ''));
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(BIDI_CONTROLS, ''));
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length > 0) rows.push([...row, field.replace(BIDI_CONTROLS, '')]);
  return rows;
}
