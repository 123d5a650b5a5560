/**
 * The badge code as a Code 128 barcode, for the check-in screen's scanner.
 *
 * Code 128 because every handheld scanner reads it by default, and a run of
 * digits is packed two to a symbol character (its set C), so a 5 to 12 digit
 * code stays short enough for a badge. The scanner types the code's digits
 * followed by Enter, which is what the check-in field expects.
 *
 * bwip-js encodes the symbol (`raw`: the widths of its bars and spaces, about
 * 0.1 ms); the PNG is drawn here rather than by bwip-js's `toBuffer`, which
 * rasterises through its drawing layer at 2 to 3 ms a code, too slow for a
 * thousand badges in a few seconds. A bar code needs nothing but columns of
 * black and white, so it is a 1-bit image whose rows are all the same.
 */

import bwipjs from 'bwip-js/node';
import { writePng } from './png-writer';

export interface Barcode {
  png: Buffer;
  /** The symbol's width in modules (its narrowest bar), quiet zones included: the printed width is this times the module. */
  modules: number;
}

/** The clear space Code 128 needs on each side, in modules, for the scanner to find the symbol's ends. */
const QUIET_ZONE = 10;
/** Pixels per module: enough that a viewer smoothing the image when it scales it blurs a small part of a bar only. */
const PIXELS_PER_MODULE = 4;
/** Rows of the image; Word stretches them to the printed height. */
const ROWS = 8;

/**
 * Codes already drawn, as the same badges are printed again and again (a
 * name fixed, a category changed, a lost badge). Bounded, dropping the
 * oldest, so a long session of exports does not grow without end.
 */
const drawn = new Map<string, Barcode>();
const CACHE_LIMIT = 20_000;

export function code128(text: string): Barcode {
  const cached = drawn.get(text);
  if (cached) return cached;
  const barcode = draw(barWidths(text));
  if (drawn.size >= CACHE_LIMIT) {
    const oldest = drawn.keys().next();
    if (!oldest.done) drawn.delete(oldest.value);
  }
  drawn.set(text, barcode);
  return barcode;
}

/** Widths, in modules, of the symbol's bars and spaces in turn, starting with a bar. */
function barWidths(text: string): number[] {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no Code 128 symbol');
  return symbol.sbs;
}

function draw(widths: readonly number[]): Barcode {
  const quiet = Array<boolean>(QUIET_ZONE * PIXELS_PER_MODULE).fill(false);
  // Bars and spaces alternate, starting with a bar; true is black.
  const black = [
    ...quiet,
    ...widths.flatMap((w, i) => Array<boolean>(w * PIXELS_PER_MODULE).fill(i % 2 === 0)),
    ...quiet,
  ];
  const width = black.length;
  // One row: a filter byte (0, none), then a bit a pixel, 1 for white.
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  for (let byte = 0; byte * 8 < width; byte++) {
    let bits = 0;
    for (let bit = 0; bit < 8; bit++) if (!black[byte * 8 + bit]) bits |= 0x80 >> bit;
    row[1 + byte] = bits;
  }
  const png = writePng(
    { width, height: ROWS, bitDepth: 1, colourType: 0 },
    Buffer.concat(Array.from({ length: ROWS }, () => row)),
  );
  return { png, modules: width / PIXELS_PER_MODULE };
}
