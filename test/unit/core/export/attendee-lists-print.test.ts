/**
 * The attendee lists on paper: the workbook's own XML (cell types, widths,
 * print setup) and the file as LibreOffice prints it.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeAttendeeLists } from '../../../../src/core/export/attendee-lists';
import { meaningfulName } from '../../../../src/core/export/xlsx-kit';
import {
  ATTENDEE_COLUMNS,
  type AttendeeListExport,
  DEFAULT_EXPORT_OPTIONS,
} from '../../../../src/shared/domain/export';
import { printed } from './pdf-pages';
import { seedInput } from './seed-002-input';

const FULL: Partial<AttendeeListExport> = { columns: [...ATTENDEE_COLUMNS], grouping: 'none', signInSheet: false };

async function write(overrides: Partial<AttendeeListExport> = {}) {
  return writeAttendeeLists(seedInput({ ...DEFAULT_EXPORT_OPTIONS.attendees, ...overrides }));
}

async function sheetsOf(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    out.set(name, (await zip.file(name)?.async('string')) ?? '');
  }
  return out;
}

/** The widths of a sheet's <col> elements, one per column. */
const columnWidths = (xml: string) =>
  [...xml.matchAll(/<col [^>]*?width="([\d.]+)"[^>]*?\/>/g)].map((m) => Number(m[1]));

describe('the attendee lists on paper', () => {
  it('writes text as standard string cells, never as a formula result (t="str")', async () => {
    for (const language of ['ar', 'en'] as const) {
      const sheets = await sheetsOf(await write({ ...FULL, language, summary: true, signInSheet: true }));
      expect(sheets.size).toBeGreaterThan(1);
      for (const xml of sheets.values()) {
        expect(xml).not.toContain('t="str"');
        expect(xml).not.toContain('<f>');
      }
      const all = [...sheets.values()].join('');
      expect(all).toContain('t="inlineStr"><is><t>');
    }
  });

  it('keeps the seed’s cells that start like formulas (=, @, +) as text in inline strings', async () => {
    const all = [...(await sheetsOf(await write(FULL))).values()].join('');
    const formulaLike = [...all.matchAll(/<c r="[A-Z]+\d+" s="\d+"( t="[a-zA-Z]+")?>(?:<is><t[^>]*>|<v>)([=@+])/g)];
    expect(formulaLike.length).toBeGreaterThanOrEqual(2);
    for (const [, type] of formulaLike) expect(type).toBe(' t="inlineStr"');
  });

  it('fits the full list of every column to landscape A4 by narrowing and wrapping its text columns', async () => {
    const sheets = await sheetsOf(await write({ ...FULL, summary: false }));
    const [xml = ''] = sheets.values();
    expect(xml).toContain('orientation="landscape"');
    const widths = columnWidths(xml);
    expect(widths.length).toBeGreaterThan(10);
    // No column near the old 48 characters; together they fit the page between the margins at 100%.
    expect(Math.max(...widths)).toBeLessThanOrEqual(40);
    const pixels = widths.reduce((sum, w) => sum + 7 * w + 5, 0);
    expect(pixels).toBeLessThanOrEqual((11.69 - 1) * 96 * 0.87);
  });

  it('prints the full list on landscape A4 at most a little smaller than a narrow list prints, names whole', async () => {
    const full = await printed(await write({ ...FULL, summary: false }), 'xlsx');
    const narrow = await printed(await write({ ...FULL, columns: ['serial', 'code', 'name'], summary: false }), 'xlsx');
    const [page] = full.sizes;
    expect((page?.width ?? 0) > (page?.height ?? 0)).toBe(true);
    // The same words in the same font on both: the ratio of their printed heights is the full list's scale.
    const heightOf = (file: typeof full, word: string) => {
      const found = (file.words[0] ?? []).find((w) => w.text === word);
      if (!found) throw new Error(`"${word}" is not on the first page`);
      return found.bottom - found.top;
    };
    // All 15 columns at their narrowest still ask for a little more than the page: about 80% (it was about 50%).
    expect(heightOf(full, '10003') / heightOf(narrow, '10003')).toBeGreaterThan(0.75);
    // The default columns print at full size.
    const usual = await printed(
      await write({
        grouping: 'none',
        signInSheet: false,
        summary: false,
        columns: [...DEFAULT_EXPORT_OPTIONS.attendees.columns, 'code'],
      }),
      'xlsx',
    );
    expect(heightOf(usual, '10003') / heightOf(narrow, '10003')).toBeGreaterThan(0.97);
    expect(full.pages.join('')).toContain('Seoul');
  }, 120_000);

  it('rules every cell of the data rows with a thin line', async () => {
    const zip = await JSZip.loadAsync(await write({ ...FULL, summary: false }));
    const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    const borders = [...styles.matchAll(/<border>([\s\S]*?)<\/border>|<border\/>/g)].map((m) => m[1] ?? '');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*>/g)].map((m) =>
      Number(/borderId="(\d+)"/.exec(m[0])?.[1] ?? 0),
    );
    const dataRows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].filter((m) => m[1] !== '1');
    expect(dataRows.length).toBeGreaterThan(3);
    for (const [, , cells = ''] of dataRows) {
      for (const [, style] of cells.matchAll(/<c r="[A-Z]+\d+" s="(\d+)"/g)) {
        const border = borders[xfs[Number(style)] ?? 0] ?? '';
        for (const side of ['left', 'right', 'top', 'bottom'])
          expect(border).toMatch(new RegExp(`<${side} style="thin"`));
      }
    }
  });
});

describe('sheet names shortened so they still say what they are', () => {
  it('drops a leading kind label, keeps whole parts and never ends on a dash, comma or connector', () => {
    expect(meaningfulName('ورشة عمل: المدن الذكية — تجربة سيؤول', 31)).toBe('المدن الذكية — تجربة سيؤول');
    expect(meaningfulName('Workshop: smart cities, the Seoul experience', 31)).toBe('Smart cities');
    expect(meaningfulName('وفد وزارة الشؤون البلدية والقروية والإسكان في المملكة', 31)).toBe(
      'وفد وزارة الشؤون البلدية',
    );
    const cut = meaningfulName('Ministry of Municipal and Rural Affairs and Housing — Riyadh', 31);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).not.toMatch(/[—–,\s]$|\b(?:and|of)$/);
    expect(meaningfulName('VIP', 31)).toBe('VIP');
  });
});
