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
import type { Registration } from '../../../../src/shared/domain/registration';
import { sheetsAsCsv } from './csv-sheets';
import { printed } from './pdf-pages';
import { DELEGATION, seedForum, seedInput, seedRegistrations } from './seed-002-input';

const FULL: Partial<AttendeeListExport> = { columns: [...ATTENDEE_COLUMNS], grouping: 'none', signInSheet: false };
/** The twelve columns of the full list a protocol office prints: all but the code, the check-in and the notes. */
const TWELVE = ATTENDEE_COLUMNS.filter((c) => c !== 'code' && c !== 'checkedInAt' && c !== 'notes');

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

/** The widths of a sheet's columns, one per column (a <col> element covers min..max). */
const columnWidths = (xml: string) =>
  [...xml.matchAll(/<col min="(\d+)" max="(\d+)" [^>]*?width="([\d.]+)"[^>]*?\/>/g)].flatMap((m) =>
    Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, () => Number(m[3])),
  );

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
    expect(widths).toHaveLength(ATTENDEE_COLUMNS.length);
    // No column near the old 48 characters: the widest are the text columns held to their longest word.
    expect(Math.max(...widths)).toBeLessThanOrEqual(16);
    // Together no more than a little over the page between the margins (fit to width scales the rest).
    const pixels = widths.reduce((sum, w) => sum + 7 * w + 5, 0);
    expect(pixels).toBeLessThanOrEqual((11.69 - 1) * 96 * 0.87 * 1.4);
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
    // All 15 columns, no word cut, ask for more than the page: over 70% (it was about 50%).
    expect(heightOf(full, '10003') / heightOf(narrow, '10003')).toBeGreaterThan(0.7);
    // The full list of the review, twelve columns, near full size.
    const twelve = await printed(await write({ ...FULL, columns: TWELVE, summary: false }), 'xlsx');
    expect(heightOf(twelve, 'HYPERLINK') / heightOf(narrow, 'HYPERLINK')).toBeGreaterThan(0.85);
    // Words whole: a column as narrow as the page needs still holds its longest word on one line.
    const words = (twelve.words[0] ?? []).map((w) => w.text);
    for (const word of ['Metropolitan', 'International', 'Government', 'Cooperation']) expect(words).toContain(word);
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

/** Seed 002 with `count` more registrants in the Seoul delegation, enough for its sheet to run over pages. */
function withSeoulGuests(count: number): Registration[] {
  const base = seedRegistrations[5] as Registration;
  const guests = Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `00000000-0000-4000-8000-${String(50_000 + i).padStart(12, '0')}`,
    code: String(60_000 + i),
    fullName: `ضيف رقم ${i + 1} من وفد سيؤول`,
    fullNameEn: '',
    email: '',
    delegationId: DELEGATION.seoul,
  }));
  return [...seedRegistrations, ...guests];
}

/** Text without the bidi controls pdftotext passes through. */
const bare = (text: string) => text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

describe('the attendee lists as LibreOffice prints and reads them', () => {
  it('prints a delegation’s sheet with its head first and marked, the header row and title on every page', async () => {
    const input = seedInput({
      ...DEFAULT_EXPORT_OPTIONS.attendees,
      grouping: 'delegation' as const,
      summary: false,
      signInSheet: false,
    });
    const file = await printed(await writeAttendeeLists({ ...input, registrations: withSeoulGuests(60) }), 'xlsx');
    const pages = file.pages.map(bare);
    const seoulPages = pages.filter((page) => page.includes('وفد مدينة سيؤول'));
    expect(seoulPages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page).toContain(seedForum.titleAr);
      for (const header of ['الجهة', 'المنصب', 'الجوال']) expect(page).toContain(header);
    }
    for (const page of seoulPages) expect(page).toContain('الصفة');
    // The head's row is the first under the header, marked; the guests come after the programme's members.
    const first = seoulPages[0] as string;
    const head = first.indexOf('رئيس الوفد');
    expect(head).toBeGreaterThan(first.indexOf('الصفة'));
    expect(first.indexOf('كيم مين سو')).toBeGreaterThan(0);
    expect(first.indexOf('ضيف رقم')).toBeGreaterThan(head);
    expect(first.indexOf('Lee')).toBeGreaterThan(head);
    expect(first.indexOf('Lee')).toBeLessThan(first.indexOf('ضيف رقم'));
    // Sohar's head, who has no registration, heads its sheet from the directory.
    const sohar = pages.find((page) => page.includes('وفد بلدية صحار')) ?? '';
    expect(sohar.indexOf('سالم بن سعيد المقبالي')).toBeGreaterThan(0);
    expect(sohar.indexOf('سالم بن سعيد المقبالي')).toBeLessThan(sohar.indexOf('البلوشية'));
    expect(sohar).toContain('رئيس الوفد');
  }, 120_000);

  it('prints the title’s guillemets at their own ends in the page header, in Arabic and in English', async () => {
    const forum = { ...seedForum, titleAr: 'ملتقى «المدن الذكية»', titleEn: 'The “Smart Cities” Forum' };
    const options = {
      ...DEFAULT_EXPORT_OPTIONS.attendees,
      grouping: 'none' as const,
      summary: false,
      signInSheet: false,
    };
    const arabic = await printed(await writeAttendeeLists({ ...seedInput(options), forum }), 'xlsx');
    const [titleLine] = arabic.visualLines[0] ?? [];
    // Read from the left as printed (an Arabic word's letters reversed): the closing guillemet at the far left,
    // after الذكية, and ملتقى alone at the right, where the line starts. It used to print «ملتقى» at the right.
    const words = (titleLine?.text ?? '').split(' ');
    expect(words.at(-1)).toBe('ىقتلم');
    expect(words[0]).toMatch(/^[«»]ةيكذلا$/);
    const english = await printed(
      await writeAttendeeLists({ ...seedInput({ ...options, language: 'en' }), forum: { ...forum, titleEn: '' } }),
      'xlsx',
    );
    // An English list of a forum without an English title: the Arabic title marked as a gap, and inside the mark
    // still one right-to-left unit (ملتقى at its right end, just before the closing bracket).
    const [englishTitle] = english.visualLines[0] ?? [];
    const englishWords = (englishTitle?.text ?? '').split(' ');
    expect(englishWords.slice(0, 2)).toEqual(['[Arabic', 'only:']);
    expect(englishWords.at(-1)).toBe('ىقتلم]');
  }, 120_000);

  it('reads back in LibreOffice as plain text cells: names, roles and formula-like cells as typed', async () => {
    const sheets = await sheetsAsCsv(await write({ grouping: 'delegation', summary: false, signInSheet: false }));
    const seoul = sheets.get('وفد مدينة سيؤول') ?? [];
    expect(seoul[0]).toEqual(['م', 'الاسم', 'الصفة', 'المنصب', 'الجهة', 'الفئة', 'الجوال', 'البريد الإلكتروني']);
    expect(seoul.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['1', 'السيد كيم مين سو', 'رئيس الوفد'],
      ['2', 'Lee Ji-won', 'عضو'],
    ]);
    const sohar = sheets.get('وفد بلدية صحار') ?? [];
    expect(sohar[1]?.slice(0, 5)).toEqual([
      '1',
      'سعادة سالم بن سعيد المقبالي',
      'رئيس الوفد',
      'مدير عام بلدية صحار',
      'بلدية صحار',
    ]);
    // The cells that look like formulas come back as typed: LibreOffice did not evaluate them.
    const rest = (sheets.get('بلا وفد') ?? []).flat();
    expect(rest).toContain('=HYPERLINK("http://evil.example","انقر")');
    expect(rest).toContain('-2+3');
    expect(rest).toContain('+968 بلدية');

    const english = await sheetsAsCsv(await write({ ...FULL, columns: TWELVE, language: 'en', summary: false }));
    const list = english.get('Attendees') ?? [];
    const byName = new Map(list.map((row) => [row[1], row]));
    expect(byName.get('Eng. Fatma bint Ali Al Balushi')?.slice(2, 5)).toEqual([
      'Fatma bint Ali Al Balushi',
      'Head of Digital Services',
      'Sohar Municipality',
    ]);
    expect(list.map((row) => row[1])).not.toContain('Eng. فاطمة بنت علي البلوشية');
  }, 120_000);
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
