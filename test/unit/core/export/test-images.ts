import { writePng } from '../../../../src/core/export/png-writer';

/** A PNG of one colour, built by hand (no image library): signature, IHDR, IDAT, IEND. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  return writePng(
    { width, height, bitDepth: 8, colourType: 2 },
    Buffer.concat(Array.from({ length: height }, () => row)),
  );
}

/**
 * The start of a JPEG up to its frame header: SOI, an APP0 (JFIF) and a
 * quantisation table segment to walk past, then the start of frame `sof`
 * (0xc0 baseline, 0xc2 progressive) with the size. Enough for a size reader.
 */
export function jpegHeader(width: number, height: number, sof = 0xc0): Buffer {
  const segment = (marker: number, body: number[]) => {
    const length = body.length + 2;
    return [0xff, marker, length >> 8, length & 0xff, ...body];
  };
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    0xff, // a fill byte before the next marker
    ...segment(0xdb, [0, ...Array.from({ length: 64 }, () => 1)]),
    ...segment(sof, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
  ]);
}
