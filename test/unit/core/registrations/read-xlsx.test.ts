/**
 * The .xlsx reader against packages written by hand: where the workbook is,
 * what a cell holds, what is not a workbook, and files made to hurt (a part
 * that inflates to 1.5 GB, a header that lies, text that is not UTF-8).
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportInputError, type UnsupportedFormat } from '../../../../src/core/registrations/import/errors';
import { readImportFile } from '../../../../src/core/registrations/import/read-file';
import { packageParts, xlsxPackage, zipParts } from '../../../support/xlsx-package';

async function refusal(fileName: string, bytes: Uint8Array): Promise<ImportInputError> {
  const error = await readImportFile(fileName, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportInputError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function expectFormat(fileName: string, bytes: Uint8Array, format: UnsupportedFormat) {
  const error = await refusal(fileName, bytes);
  expect({ code: error.code, format: error.format }).toEqual({ code: 'unsupported_format', format });
}

const text = (s: string) => new TextEncoder().encode(s);

/** A zip of one stored or deflated entry, written byte by byte, with the sizes it claims. */
function handZip(name: string, claims: { compressed: Buffer; size: number; crc: number }): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(claims.crc, 14);
  local.writeUInt32LE(claims.compressed.length, 18);
  local.writeUInt32LE(claims.size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(claims.crc, 16);
  central.writeUInt32LE(claims.compressed.length, 20);
  central.writeUInt32LE(claims.size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localPart = Buffer.concat([local, nameBytes, claims.compressed]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/** `size` zero bytes deflated, streaming (never held whole), and their CRC-32. */
/**
 * Zeros deflated (a bomb's payload), made fast: one block of zeros is deflated
 * once and ended with a full flush (byte-aligned, not final, no reference back),
 * so copies of it one after another inflate to the zeros they stand for; an
 * empty final block closes the stream.
 */
async function deflatedZeros(size: number): Promise<{ compressed: Buffer; crc: number }> {
  const block = Buffer.alloc(4 * 1024 * 1024);
  const flushed = (zeros: Buffer) => deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const whole = flushed(block);
  const pieces: Buffer[] = [];
  let crc = 0;
  for (let written = 0; written < size; written += block.length) {
    const length = Math.min(block.length, size - written);
    pieces.push(length === block.length ? whole : flushed(block.subarray(0, length)));
    crc = crc32(block.subarray(0, length), crc);
  }
  pieces.push(deflateRawSync(Buffer.alloc(0)));
  return { compressed: Buffer.concat(pieces), crc };
}

describe('readImportFile: the package', () => {
  it('finds the workbook where the package relationships say, not only at xl/workbook.xml', async () => {
    const bytes = await xlsxPackage({
      workbookPath: 'xl/workbook2.xml',
      sheets: [{ name: 'المسجلون', rows: [['الاسم'], ['أحمد']] }],
    });
    const file = await readImportFile('list.xlsx', bytes);
    expect(file.sheets.map((s) => [s.name, s.rows])).toEqual([['المسجلون', [['الاسم'], ['أحمد']]]]);
  });

  it('reads a formula cell by its cached result, an inline string included', async () => {
    const bytes = await xlsxPackage({
      sheets: [
        {
          name: 'S',
          rows: [
            ['الاسم', 'الجهة', 'المدينة'],
            ['أحمد', null, null],
          ],
          rawCells: {
            B2: ' t="str"><f>CONCATENATE("بلدية ","مسقط")</f><v>بلدية مسقط</v>',
            C2: ' t="inlineStr"><f>"صحار"</f><is><t>صحار</t></is>',
          },
        },
      ],
    });
    const file = await readImportFile('list.xlsx', bytes);
    expect(file.sheets[0]?.rows[1]).toEqual(['أحمد', 'بلدية مسقط', 'صحار']);
  });

  it('reads Arabic in inline strings across many 16 KiB chunks without one character changed', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `عبدالرَّحمن بن مُحمّد الهاشمي ${i} 🌙`);
    const bytes = await xlsxPackage({
      sheets: [{ name: 'S', rows: [['الاسم'], ...names.map((n) => [n])], inlineStrings: true }],
    });
    const file = await readImportFile('list.xlsx', bytes);
    expect(file.sheets[0]?.rows.slice(1).map((r) => r[0])).toEqual(names);
  });

  it('refuses a part whose text is not UTF-8, rather than reading it with replacement characters', async () => {
    const parts: Record<string, string | Uint8Array> = packageParts({
      sheets: [{ name: 'S', rows: [['الاسم'], ['أحمد']] }],
    });
    const sst = Buffer.from(parts['xl/sharedStrings.xml'] as string, 'utf8');
    // The first byte of «أحمد» cut off its second: bytes no UTF-8 decoder can read.
    const at = sst.indexOf(Buffer.from('أحمد'));
    parts['xl/sharedStrings.xml'] = Buffer.concat([sst.subarray(0, at + 1), sst.subarray(at + 2)]);
    const error = await refusal('list.xlsx', await zipParts(parts));
    expect(error.code).toBe('corrupt');
  });

  it('keeps a U+FFFD the file itself holds', async () => {
    const bytes = await xlsxPackage({ sheets: [{ name: 'S', rows: [['الاسم'], ['أحمد \uFFFD']] }] });
    expect((await readImportFile('list.xlsx', bytes)).sheets[0]?.rows[1]).toEqual(['أحمد \uFFFD']);
  });
});

describe('readImportFile: files made to hurt', () => {
  it('refuses a 1.5 MB workbook whose workbook part inflates to 1.5 GB in under a second, within 300 MB', async () => {
    const size = 1_500_000_000;
    const { compressed, crc } = await deflatedZeros(size);
    const bytes = handZip('xl/workbook.xml', { compressed, size, crc });
    expect(bytes.length).toBeLessThan(2_000_000);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal('list.xlsx', bytes);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    expect(error.code).toBe('unpacks_too_large');
  });

  it('makes its bombs of real zeros: the payload inflates to exactly what it claims', async () => {
    const size = 9 * 1024 * 1024 + 123;
    const { compressed, crc } = await deflatedZeros(size);
    const inflated = inflateRawSync(compressed);
    expect(inflated.length).toBe(size);
    expect(inflated.every((byte) => byte === 0)).toBe(true);
    expect(crc32(inflated)).toBe(crc);
  });

  it('stops a part whose header declares less than it inflates to, at what it declared', async () => {
    const { compressed, crc } = await deflatedZeros(64 * 1024 * 1024);
    const bytes = handZip('xl/workbook.xml', { compressed, size: 1000, crc });
    const started = performance.now();
    expect((await refusal('list.xlsx', bytes)).code).toBe('corrupt');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('readImportFile: what a file is when it is not a workbook', () => {
  it('names a Word 97-2003 document, not "an old Excel"', async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('WordDocument', 'utf16le').copy(ole, 1024);
    await expectFormat('list.xlsx', ole, 'doc');
  });

  it('names Numbers, Pages and Keynote files', async () => {
    for (const name of ['list.numbers', 'list.pages', 'list.key']) {
      await expectFormat(
        name,
        await zipParts({ 'Index/Document.iwa': 'x', 'Metadata/Properties.plist': 'x' }),
        'iwork',
      );
    }
  });

  it('names flat OpenDocument, SYLK and DIF instead of previewing their markup as CSV', async () => {
    const fods =
      '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body/></office:document>';
    await expectFormat('list.fods', text(fods), 'ods');
    await expectFormat('list.slk', text('ID;PWXL;N;E\r\nC;Y1;X1;K"Name"\r\nE\r\n'), 'slk');
    await expectFormat('list.dif', text('TABLE\r\n0,1\r\n"EXCEL"\r\nVECTORS\r\n0,2\r\n""\r\n'), 'dif');
  });

  it('names a Word document saved in a package, whatever it is called', async () => {
    const parts = packageParts({ sheets: [{ name: 'S', rows: [['x']] }] });
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] ?? '').replace(
      'spreadsheetml.sheet.main+xml',
      'wordprocessingml.document.main+xml',
    );
    await expectFormat('list.xlsx', await zipParts(parts), 'docx');
  });
});
