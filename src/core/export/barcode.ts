/**
 * The badge code drawn for scanners: as a Code 128 barcode, for the USB
 * scanners of the check-in screen, and as a QR code beside it, for a desk on
 * a phone or tablet that scans with its camera. Both carry exactly the code's
 * digits, which is what a scanner types (followed by Enter) into the check-in
 * field.
 *
 * Code 128 because every handheld scanner reads it by default, and a run of
 * digits is packed two to a symbol character (its set C), so a 5 to 12 digit
 * code stays short enough for a badge. A QR code because a phone's camera
 * finds a two-dimensional symbol at any angle, where a one-dimensional one
 * must be lined up with the camera.
 *
 * bwip-js encodes the Code 128 symbol (`raw`: the widths of its bars and
 * spaces, about 0.1 ms) and `qrcode` the QR code's matrix (`create`, about
 * 0.3 ms); the PNGs are drawn here rather than by either library's
 * rasteriser (bwip-js's `toBuffer` takes 2 to 3 ms a code, too slow for a
 * thousand badges in a few seconds). Both symbols are nothing but black and
 * white modules, so they are 1-bit images, a whole number of pixels a module:
 * Word and the PDF scale them to their printed size with sharp edges.
 */

import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import { writePng } from './png-writer';

export interface Barcode {
  png: Buffer;
  /**
   * The symbol's width in modules (a Code 128's narrowest bar, a QR code's
   * square), quiet zones included: the printed width is this times the
   * module. A QR code is as high as it is wide.
   */
  modules: number;
}

/** The clear space Code 128 needs on each side, in modules, for the scanner to find the symbol's ends. */
const QUIET_ZONE = 10;
/**
 * The clear space around a QR code, in modules: the standard's four. Phone
 * decoders (ZXing, the browser's BarcodeDetector) find the three corner
 * squares by the white around them; with less, the Code 128's bars beside the
 * QR code, or the edge of a badge sleeve, would read as part of them.
 */
const QR_QUIET_ZONE = 4;
/**
 * Error correction H, the highest: a QR code with up to 30% of it lost still
 * reads. A badge is worn for a day in a plastic sleeve that throws glare
 * across part of it, bent on its lanyard, held half under a thumb, printed
 * on an office printer that streaks; and it costs no size here, as a code of
 * up to 12 digits still fits the smallest QR code (21 by 21 modules holds 17
 * digits at H), so its modules stay as large as the badge allows.
 */
const QR_ERROR_CORRECTION = 'H';
/** Pixels per module: enough that a viewer smoothing the image when it scales it blurs a small part of a bar only. */
const PIXELS_PER_MODULE = 4;
/** Rows of the Code 128 image; Word stretches them to the printed height. */
const ROWS = 8;

/**
 * Codes already drawn, as the same badges are printed again and again (a
 * name fixed, a category changed, a lost badge). Bounded, dropping the
 * oldest, so a long session of exports does not grow without end.
 */
const drawn = new Map<string, Barcode>();
const CACHE_LIMIT = 20_000;

function cached(key: string, draw: () => Barcode): Barcode {
  const known = drawn.get(key);
  if (known) return known;
  const barcode = draw();
  if (drawn.size >= CACHE_LIMIT) {
    const oldest = drawn.keys().next();
    if (!oldest.done) drawn.delete(oldest.value);
  }
  drawn.set(key, barcode);
  return barcode;
}

export function code128(text: string): Barcode {
  return cached(`code128:${text}`, () => drawBars(barWidths(text)));
}

/** The text as a QR code, its quiet zone included: a square `modules` wide. */
export function qrCode(text: string): Barcode {
  return cached(`qr:${text}`, () => drawQr(text));
}

/** Widths, in modules, of the symbol's bars and spaces in turn, starting with a bar. */
function barWidths(text: string): number[] {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no Code 128 symbol');
  return symbol.sbs;
}

function drawBars(widths: readonly number[]): Barcode {
  const quiet = Array<boolean>(QUIET_ZONE * PIXELS_PER_MODULE).fill(false);
  // Bars and spaces alternate, starting with a bar; true is black.
  const black = [
    ...quiet,
    ...widths.flatMap((w, i) => Array<boolean>(w * PIXELS_PER_MODULE).fill(i % 2 === 0)),
    ...quiet,
  ];
  const row = scanline(black);
  const png = writePng(
    { width: black.length, height: ROWS, bitDepth: 1, colourType: 0 },
    Buffer.concat(Array.from({ length: ROWS }, () => row)),
  );
  return { png, modules: black.length / PIXELS_PER_MODULE };
}

function drawQr(text: string): Barcode {
  const { modules: matrix } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const modules = matrix.size + 2 * QR_QUIET_ZONE;
  const dark = (row: number, column: number) => {
    const r = row - QR_QUIET_ZONE;
    const c = column - QR_QUIET_ZONE;
    return r >= 0 && c >= 0 && r < matrix.size && c < matrix.size && Boolean(matrix.get(r, c));
  };
  const rows: Buffer[] = [];
  for (let row = 0; row < modules; row++) {
    const black = Array.from({ length: modules * PIXELS_PER_MODULE }, (_, x) =>
      dark(row, Math.floor(x / PIXELS_PER_MODULE)),
    );
    const line = scanline(black);
    for (let i = 0; i < PIXELS_PER_MODULE; i++) rows.push(line);
  }
  const side = modules * PIXELS_PER_MODULE;
  return { png: writePng({ width: side, height: side, bitDepth: 1, colourType: 0 }, Buffer.concat(rows)), modules };
}

/** One row of a 1-bit greyscale PNG: a filter byte (0, none), then a bit a pixel, 1 for white. */
function scanline(black: readonly boolean[]): Buffer {
  const row = Buffer.alloc(1 + Math.ceil(black.length / 8));
  for (let byte = 0; byte * 8 < black.length; byte++) {
    let bits = 0;
    for (let bit = 0; bit < 8; bit++) if (!black[byte * 8 + bit]) bits |= 0x80 >> bit;
    row[1 + byte] = bits;
  }
  return row;
}
