import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { paragraphsOf } from './docx-reader';

/**
 * Reading the Word files of badges, name cards and certificates in tests:
 * each piece is a row of the document's outer table (a badge holds a table
 * of its own), on pages of a given size.
 */

/** Text as read, without the bidi controls printable() and the writers add. */
/** Also reads the no-break spaces that hold a printed name's parts together as the spaces they print as. */
export const plain = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/g, '').replace(/\u00a0/g, ' ');

/** The rows (<w:tr>) of the document's top-level tables, each with the tables nested in it. */
export function outerRows(xml: string): string[] {
  const rows: string[] = [];
  let depth = 0;
  let start = -1;
  for (const tag of xml.matchAll(/<(\/?)w:(tbl|tr)[ >]/g)) {
    const closing = tag[1] === '/';
    const index = tag.index ?? 0;
    if (tag[2] === 'tbl') depth += closing ? -1 : 1;
    else if (depth === 1 && !closing) start = index;
    else if (depth === 1 && closing) rows.push(xml.slice(start, index + '</w:tr>'.length));
  }
  return rows;
}

/** The cells (<w:tc>) of a row, not counting those of tables nested in them. */
export function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let depth = 0;
  let start = -1;
  for (const tag of row.matchAll(/<(\/?)w:tc[ >]/g)) {
    const index = tag.index ?? 0;
    if (tag[1] !== '/') {
      if (depth++ === 0) start = index;
    } else if (--depth === 0) cells.push(row.slice(start, index + '</w:tc>'.length));
  }
  return cells;
}

/** The text of a piece: its paragraphs, bidi controls removed. */
export const textOf = (xml: string) => paragraphsOf(xml).map(plain).filter(Boolean);

/** Page size, orientation and margins, in twips. */
export function page(xml: string) {
  const size = xml.match(/<w:pgSz ([^>]*)\/>/)?.[1] ?? '';
  const margin = xml.match(/<w:pgMar ([^>]*)\/>/)?.[1] ?? '';
  const number = (attrs: string, name: string) => Number(attrs.match(new RegExp(`w:${name}="(\\d+)"`))?.[1]);
  return {
    width: number(size, 'w'),
    height: number(size, 'h'),
    landscape: size.includes('w:orient="landscape"'),
    bodyHeight: number(size, 'h') - number(margin, 'top') - number(margin, 'bottom'),
  };
}

/** A row's exact height in twips, and whether it may split across pages. */
export function rowHeight(row: string): { exact: number | null; cantSplit: boolean } {
  const exact = row.match(/<w:trHeight w:val="(\d+)" w:hRule="exact"\/>/)?.[1];
  return { exact: exact ? Number(exact) : null, cantSplit: /<w:trPr><w:cantSplit\/>/.test(row) };
}

/** Each picture of the document in order: its name's code, its description and the PNG it shows. */
export async function pictures(bytes: Buffer): Promise<{ code: string; description: string; png: Buffer }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const target = (id: string) => rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? '';
  const out: { code: string; description: string; png: Buffer }[] = [];
  for (const drawing of document.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)) {
    const code = drawing[0].match(/<wp:docPr [^>]*name="(\d+)"/)?.[1] ?? '';
    const description = drawing[0].match(/<wp:docPr [^>]*descr="([^"]*)"/)?.[1] ?? '';
    const embed = drawing[0].match(/r:embed="([^"]+)"/)?.[1] ?? '';
    const file = zip.file(
      `word/${target(embed)
        .replace(/^\//, '')
        .replace(/^word\//, '')}`,
    );
    out.push({ code, description, png: file ? await file.async('nodebuffer') : Buffer.alloc(0) });
  }
  return out;
}

/** A one-bit greyscale PNG (as Multaqa draws its bar codes) read back: whether each pixel is black. */
export function blackPixels(png: Buffer): { width: number; height: number; black: (x: number, y: number) => boolean } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const data = inflateSync(Buffer.concat(idat));
  const stride = 1 + Math.ceil(width / 8);
  return {
    width,
    height,
    // Each row: a filter byte, then a bit a pixel, 0 for black.
    black: (x, y) => ((data[y * stride + 1 + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0,
  };
}

/**
 * The widths of the bars and spaces of a one-bit bar code PNG, starting with
 * the first bar, in pixels: read from its first row, quiet zones dropped.
 */
export function barWidths(png: Buffer): number[] {
  const image = blackPixels(png);
  const runs: number[] = [];
  for (let x = 0; x < image.width; x++) {
    if (x > 0 && image.black(x, 0) === image.black(x - 1, 0)) runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
    else runs.push(1);
  }
  // White, bars and spaces, white: keep what lies between the quiet zones.
  return runs.slice(1, -1);
}

/**
 * A QR code's PNG as rows of modules ('#' black, '.' white), quiet zone
 * included, `pixelsPerModule` pixels a module, sampled at each module's
 * centre; throws when a module's pixels are not all one colour.
 */
export function qrModules(png: Buffer, pixelsPerModule: number): string[] {
  const image = blackPixels(png);
  const size = image.width / pixelsPerModule;
  if (!Number.isInteger(size) || image.height !== image.width)
    throw new Error(`${image.width}x${image.height} is not a grid of ${pixelsPerModule}-pixel modules`);
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => {
      const colour = image.black(column * pixelsPerModule, row * pixelsPerModule);
      for (let y = 0; y < pixelsPerModule; y++)
        for (let x = 0; x < pixelsPerModule; x++)
          if (image.black(column * pixelsPerModule + x, row * pixelsPerModule + y) !== colour)
            throw new Error(`Module ${row},${column} is not one colour`);
      return colour ? '#' : '.';
    }).join(''),
  );
}
