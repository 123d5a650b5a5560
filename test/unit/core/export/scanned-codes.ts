/**
 * What a scanner reads off a printed page: a region of a PDF page rasterised
 * by poppler (pdftoppm, 200 dpi, as a camera or a flatbed sees the paper),
 * then decoded by ZBar (zbarimg), a decoder that shares no code with the
 * encoders Multaqa draws its symbols with (bwip-js, qrcode).
 *
 * Needs `pdftoppm` (poppler-utils) and `zbarimg` (Debian package zbar-tools).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;
const DPI = 200;

/** A region of a page, in millimetres from the page's top-left corner; pages count from 1. */
export interface PageRegion {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One decoded symbol, as ZBar names its type ("QR-Code", "CODE-128") and the text it carries. */
export interface ScannedCode {
  type: string;
  text: string;
}

const px = (mm: number) => Math.round((mm * DPI) / 25.4);

/** The symbols ZBar finds in each region of the PDF, sorted by type then text. */
export async function scannedCodes(pdf: Buffer, regions: readonly PageRegion[]): Promise<ScannedCode[][]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-scan-'));
  try {
    const pdfPath = path.join(dir, 'printed.pdf');
    await fs.writeFile(pdfPath, pdf);
    const found: ScannedCode[][] = [];
    for (const [i, region] of regions.entries()) {
      const image = path.join(dir, `region-${i}`);
      await run(
        'pdftoppm',
        [
          ...['-r', String(DPI), '-png', '-singlefile'],
          ...['-f', String(region.page), '-l', String(region.page)],
          ...['-x', String(px(region.x)), '-y', String(px(region.y))],
          ...['-W', String(px(region.width)), '-H', String(px(region.height))],
          pdfPath,
          image,
        ],
        { timeout: TIMEOUT_MS },
      );
      found.push(await zbar(`${image}.png`));
    }
    return found;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** ZBar's reading of one image: `TYPE:text` a line; exit status 4 when it found nothing. */
async function zbar(image: string): Promise<ScannedCode[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('zbarimg', ['--quiet', image], { timeout: TIMEOUT_MS }));
  } catch (error) {
    // execFile's error: `code` is the errno name when the command could not start, else its exit status.
    const failed = error as { code?: unknown };
    if (failed.code === 'ENOENT') {
      throw new Error('zbarimg is needed to read the printed codes: install the zbar-tools package');
    }
    if (failed.code === 4) return [];
    throw error;
  }
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return { type: line.slice(0, colon), text: line.slice(colon + 1) };
    })
    .sort((a, b) => a.type.localeCompare(b.type) || a.text.localeCompare(b.text));
}
