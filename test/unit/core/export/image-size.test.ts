import { describe, expect, it } from 'vitest';
import { imageSize } from '../../../../src/core/export/image-size';
import { jpegHeader, solidPng } from './test-images';

describe('imageSize', () => {
  it("reads a PNG's size from its IHDR chunk", () => {
    expect(imageSize(solidPng(300, 120, [200, 0, 0]))).toEqual({ width: 300, height: 120, type: 'png' });
    expect(imageSize(solidPng(1, 1, [0, 0, 0]))).toEqual({ width: 1, height: 1, type: 'png' });
  });

  it("reads a JPEG's size from its start of frame, baseline, extended or progressive, past other segments", () => {
    expect(imageSize(jpegHeader(640, 480))).toEqual({ width: 640, height: 480, type: 'jpg' });
    expect(imageSize(jpegHeader(1000, 2000, 0xc1))).toEqual({ width: 1000, height: 2000, type: 'jpg' });
    expect(imageSize(jpegHeader(257, 3, 0xc2))).toEqual({ width: 257, height: 3, type: 'jpg' });
  });

  it('reads a view into a larger buffer from its own start', () => {
    const png = solidPng(40, 20, [1, 2, 3]);
    const big = Buffer.concat([Buffer.alloc(7), png]);
    expect(imageSize(new Uint8Array(big.buffer, big.byteOffset + 7, png.length))).toMatchObject({ width: 40 });
  });

  it('answers null for other bytes, cut-short files and frames of no size', () => {
    const png = solidPng(10, 10, [0, 0, 0]);
    const jpeg = jpegHeader(10, 10);
    expect(imageSize(Buffer.from('GIF89a........................'))).toBeNull();
    expect(imageSize(Buffer.alloc(0))).toBeNull();
    expect(imageSize(png.subarray(0, 20))).toBeNull();
    expect(imageSize(jpeg.subarray(0, 30))).toBeNull();
    expect(imageSize(jpegHeader(0, 10))).toBeNull();
    expect(imageSize(jpegHeader(10, 10, 0xc3))).toBeNull(); // lossless: not a frame the writers read
    // A scan before any frame, and bytes that are not a marker where one should be.
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0x12, 0x34, 0, 2]))).toBeNull();
    const idhr = Buffer.from(png);
    idhr.write('IDAT', 12, 'latin1');
    expect(imageSize(idhr)).toBeNull();
  });
});
