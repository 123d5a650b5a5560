/**
 * An image's size in pixels, read from its header: a PNG's IHDR chunk or a
 * JPEG's start-of-frame segment (baseline, extended or progressive: SOF0,
 * SOF1, SOF2). Enough for the Word writers to size a logo by its aspect
 * ratio without decoding it; null when the bytes are neither, or cut short.
 */
export interface ImageSize {
  width: number;
  height: number;
  type: 'png' | 'jpg';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Start-of-frame markers whose segment holds the frame's height and width. */
const SOF_MARKERS: ReadonlySet<number> = new Set([0xc0, 0xc1, 0xc2]);
/** Markers that stand alone, without a length: TEM, RST0–RST7, SOI. */
const STANDALONE = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);

export function imageSize(bytes: Uint8Array): ImageSize | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return pngSize(b);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  return null;
}

function pngSize(b: Buffer): ImageSize | null {
  // The first chunk is IHDR: length (4), type (4), width (4), height (4).
  if (b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return sized(b.readUInt32BE(16), b.readUInt32BE(20), 'png');
}

function jpegSize(b: Buffer): ImageSize | null {
  let at = 2;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) return null; // not at a marker: a broken file
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (STANDALONE(marker)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or the scan, before any frame
    if (at + 4 > b.length) return null;
    const length = b.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (SOF_MARKERS.has(marker)) {
      // Length (2), sample precision (1), height (2), width (2).
      if (at + 9 > b.length) return null;
      return sized(b.readUInt16BE(at + 7), b.readUInt16BE(at + 5), 'jpg');
    }
    at += 2 + length;
  }
  return null;
}

function sized(width: number, height: number, type: 'png' | 'jpg'): ImageSize | null {
  return width > 0 && height > 0 ? { width, height, type } : null;
}
