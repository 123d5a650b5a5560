import { crc32, deflateSync } from 'node:zlib';

export interface PngHeader {
  width: number;
  height: number;
  /** 1 for a black-and-white barcode, 8 for colour. */
  bitDepth: 1 | 8;
  /** 0 greyscale, 2 truecolour (RGB). */
  colourType: 0 | 2;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG of raw scanlines, each starting with its filter byte (0: none):
 * signature, IHDR, one deflated IDAT, IEND. Enough for pictures Multaqa
 * draws itself (barcodes), with no image library.
 */
export function writePng(header: PngHeader, scanlines: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr.set([header.bitDepth, header.colourType, 0, 0, 0], 8); // deflate, no filter, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
