/**
 * Bare streaming reads of an .xlsx, the baselines of the import bench: every
 * cell's text touched, nothing else done (no dates, no checks, nothing kept
 * unless asked).
 *
 * - `exceljsRead`: exceljs's streaming reader, as it comes. It decodes each
 *   16 KiB chunk on its own, so it changes characters cut at chunk boundaries
 *   into U+FFFD.
 * - `correctedExceljsRead`: the same reader with that decoding made correct (a
 *   streaming decoder in its SAX wrapper, in a copy of exceljs loaded for it):
 *   the bare streaming read the import is held to.
 * - `correctRead`: yauzl and saxes behind a streaming decoder, no library
 *   model at all: the least a correct read can do, printed for scale.
 *
 * Each counts the cells it read and those holding U+FFFD (the bench's data
 * has none: each is a cell the read changed).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

export interface BareRead {
  cells: number;
  changed: number;
  /** With `keep`: every row's cell texts, as the preview holds them. */
  rows: string[][];
}

export function exceljsRead(bytes: Buffer): Promise<BareRead> {
  return readWith(ExcelJS, bytes);
}

export function correctedExceljsRead(bytes: Buffer): Promise<BareRead> {
  return readWith(correctedExcelJS(), bytes);
}

let corrected: typeof ExcelJS | null = null;

/**
 * A second copy of exceljs whose SAX wrapper decodes with one StringDecoder
 * per part (its own copy of utils/parse-sax.js otherwise: same events, same
 * batching), so no character is cut at a chunk's end.
 */
function correctedExcelJS(): typeof ExcelJS {
  if (corrected) return corrected;
  const require = createRequire(import.meta.url);
  const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  const own = Object.keys(require.cache).filter((key) => key.includes(`${path.sep}exceljs${path.sep}`));
  const saved = own.map((key) => [key, require.cache[key]] as const);
  for (const key of own) delete require.cache[key];
  async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser();
    let error: Error | null = null;
    parser.on('error', (e) => {
      error = e;
    });
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    const decoder = new StringDecoder('utf8');
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (error) throw error;
      yield events;
      events = [];
    }
  }
  require.cache[saxPath] = {
    id: saxPath,
    filename: saxPath,
    loaded: true,
    exports: parseSax,
  } as unknown as NodeJS.Module;
  corrected = require('exceljs') as typeof ExcelJS;
  // Put the first copy's modules back, so nothing else ever gets the second.
  for (const key of Object.keys(require.cache))
    if (key.includes(`${path.sep}exceljs${path.sep}`)) delete require.cache[key];
  for (const [key, module] of saved) require.cache[key] = module;
  return corrected;
}

async function readWith(library: typeof ExcelJS, bytes: Buffer): Promise<BareRead> {
  const reader = new library.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let cells = 0;
  let changed = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value === undefined) return;
        cells++;
        if (String(cell.value).includes('\uFFFD')) changed++;
      });
    }
  }
  return { cells, changed, rows: [] };
}

export async function correctRead(bytes: Buffer, keep = false): Promise<BareRead> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  const shared: string[] = [];
  const sst = entries.get('xl/sharedStrings.xml');
  if (sst) {
    let current: string | null = null;
    let inText = false;
    await parse(zip, sst, {
      open: (name) => {
        if (name === 'si') current = '';
        else if (name === 't') inText = true;
      },
      text: (text) => {
        if (inText && current !== null) current += text;
      },
      close: (name) => {
        if (name === 't') inText = false;
        else if (name === 'si') shared.push(current ?? '');
      },
    });
  }
  const result: BareRead = { cells: 0, changed: 0, rows: [] };
  for (const [name, entry] of entries) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    let type = '';
    let value = '';
    let inValue = false;
    let row: string[] = [];
    await parse(zip, entry, {
      open: (tag, attributes) => {
        if (tag === 'c') {
          type = attributes.t ?? '';
          value = '';
        } else if (tag === 'v' || tag === 't') inValue = true;
        else if (tag === 'row') row = [];
      },
      text: (text) => {
        if (inValue) value += text;
      },
      close: (tag) => {
        if (tag === 'v' || tag === 't') inValue = false;
        else if (tag === 'c') {
          const text = type === 's' ? (shared[Number(value)] ?? '') : value;
          result.cells++;
          if (text.includes('\uFFFD')) result.changed++;
          if (keep) row.push(text);
        } else if (tag === 'row' && keep) result.rows.push(row);
      },
    });
  }
  zip.close();
  return result;
}

interface Handler {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

async function parse(zip: yauzl.ZipFile, entry: yauzl.Entry, handler: Handler): Promise<void> {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => handler.open(tag.name, tag.attributes as Record<string, string>));
  parser.on('text', handler.text);
  parser.on('closetag', (tag) => handler.close(tag.name));
  const decoder = new StringDecoder('utf8');
  const stream = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream as AsyncIterable<Buffer>) parser.write(decoder.write(chunk));
  parser.write(decoder.end());
  parser.close();
}
