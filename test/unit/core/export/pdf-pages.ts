/**
 * An export as it prints: the file converted to PDF by LibreOffice (a
 * renderer Multaqa's writers do not share code with), then each page's text
 * read back with pdftotext. The pagination tests count what lands on which
 * page; the layout tests look at a line as it is laid out.
 *
 * Needs `soffice` (libreoffice-writer / -calc) and `pdftotext` / `pdftoppm`
 * (poppler-utils). Each conversion has its own throw-away profile, so calls
 * may run side by side without waiting on a profile lock.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** LibreOffice can take long on a busy machine: a minute per conversion before giving up. */
const TIMEOUT_MS = 60_000;

export interface PrintedFile {
  /** The PDF's bytes. */
  pdf: Buffer;
  /** Each page's text, in order (pdftotext's reading, one string a page). */
  pages: string[];
  /** Each page's text laid out as on paper (pdftotext -layout), in order. */
  layoutPages: string[];
  /** Each page's lines as on paper: words of one baseline, left to right, top to bottom. */
  visualLines: VisualLine[][];
  /** Each page's size, in points. */
  sizes: { width: number; height: number }[];
  /** Each page's words with their boxes, in points (an Arabic word's letters as they stand, reversed). */
  words: PrintedWord[][];
}

export interface PrintedWord {
  text: string;
  x: number;
  top: number;
  bottom: number;
}

/** A printed line: its words in the order they stand on paper, from the left. */
export interface VisualLine {
  /** Top of the line, in points from the top of the page. */
  top: number;
  bottom: number;
  /**
   * The words from left to right, joined by spaces. An Arabic word's letters
   * come out in the order they stand (reversed); Latin words read normally.
   */
  text: string;
}

const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** pdftotext -bbox's words grouped into lines by their top (within 2 points) and ordered by x. */
function visualLinesOf(bbox: string): {
  lines: VisualLine[][];
  sizes: { width: number; height: number }[];
  words: PrintedWord[][];
} {
  const lines: VisualLine[][] = [];
  const allWords: PrintedWord[][] = [];
  const sizes: { width: number; height: number }[] = [];
  for (const page of bbox.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    sizes.push({ width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) });
    const words = [
      ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ]
      .map((m) => ({
        x: Number(m[1]),
        top: Number(m[2]),
        bottom: Number(m[3]),
        text: decodeXml(m[4] ?? '').replace(BIDI_CONTROLS, ''),
      }))
      .filter((w) => w.text.length > 0)
      .sort((a, b) => a.top - b.top || a.x - b.x);
    allWords.push(words);
    const pageLines: { top: number; bottom: number; words: { x: number; text: string }[] }[] = [];
    for (const word of words) {
      const line = pageLines.find((l) => Math.abs(l.top - word.top) <= 2);
      if (line) {
        line.words.push(word);
        line.bottom = Math.max(line.bottom, word.bottom);
      } else pageLines.push({ top: word.top, bottom: word.bottom, words: [word] });
    }
    lines.push(
      pageLines
        .sort((a, b) => a.top - b.top)
        .map((l) => ({
          top: l.top,
          bottom: l.bottom,
          text: l.words
            .sort((a, b) => a.x - b.x)
            .map((w) => w.text)
            .join(' '),
        })),
    );
  }
  return { lines, sizes, words: allWords };
}

/** Converts `bytes` (a .docx or .xlsx, by `extension`) to PDF and reads every page back. */
export async function printed(bytes: Buffer, extension: 'docx' | 'xlsx'): Promise<PrintedFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-print-'));
  try {
    const source = path.join(dir, `export.${extension}`);
    await fs.writeFile(source, bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        source,
      ],
      { timeout: TIMEOUT_MS },
    );
    const pdfPath = path.join(dir, 'export.pdf');
    const pdf = await fs.readFile(pdfPath);
    const read = async (layout: boolean) => {
      const { stdout } = await run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdfPath, '-'], {
        timeout: TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
      // pdftotext ends every page with a form feed.
      return stdout.split('\f').slice(0, -1);
    };
    const { stdout: bbox } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdfPath, '-'], {
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    const { lines, sizes, words } = visualLinesOf(bbox);
    return { pdf, pages: await read(false), layoutPages: await read(true), visualLines: lines, sizes, words };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The lines of a page that carry text, trimmed. */
export function linesOf(page: string): string[] {
  return page
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
