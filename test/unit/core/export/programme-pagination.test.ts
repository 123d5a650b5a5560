/**
 * The programme as it prints: seed-like programmes with more or fewer
 * sessions before the parallel workshops, so that every kind of row in turn
 * meets the foot of a page, converted by LibreOffice to PDF and read page by
 * page.
 */
import { describe, expect, it } from 'vitest';
import { writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../../../../src/shared/domain/export';
import type { Programme } from '../../../../src/shared/domain/programme';
import { newSession } from '../../../../src/shared/domain/programme-edit';
import { type PrintedFile, printed } from './pdf-pages';
import { DAY_1, HALL, PERSON, seedInput, seedProgramme } from './seed-002-input';

const fillerId = (n: number) => `00000000-0000-4000-8000-${String(900_000 + n).padStart(12, '0')}`;

/** The seed's programme with `count` paper sessions of two papers each on the first morning, from 05:00. */
function withFillers(count: number): Programme {
  const fillers = Array.from({ length: count }, (_, i) =>
    newSession(fillerId(i * 10), {
      kind: 'papers',
      titleAr: `جلسة أوراق العمل رقم ${i + 1}`,
      titleEn: `Papers session ${i + 1}`,
      day: DAY_1,
      start: 5 * 60 + i * 15,
      end: 5 * 60 + i * 15 + 15,
      hallId: HALL.oman,
      chairId: PERSON.hosny,
      items: [1, 2].map((n) => ({
        id: fillerId(i * 10 + n),
        kind: 'paper' as const,
        titleAr: `ورقة عمل ${n} عن التخطيط الحضري والخدمات البلدية`,
        titleEn: `Paper ${n}`,
        personId: n === 1 ? PERSON.fatma : PERSON.kim,
        nameWithoutRecord: '',
      })),
      speakerOrder: [PERSON.fatma, PERSON.kim],
    }),
  );
  return { ...seedProgramme, sessions: [...fillers, ...seedProgramme.sessions] };
}

async function print(fillers: number, options: Partial<ProgrammeExport>): Promise<PrintedFile> {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, includeObjectives: true, ...options });
  return printed(await writeProgrammeDocx({ ...input, programme: withFillers(fillers) }), 'docx');
}

/** Page text without pdftotext's direction marks and with single spaces. */
const flat = (page: string) => page.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
const pageOf = (pages: string[], text: string) => pages.findIndex((page) => page.includes(text));

/** How much of the page's body the text fills: from the header's foot to the last line above the page number. */
function fill(file: PrintedFile, page: number): number {
  const lines = file.visualLines[page] ?? [];
  const height = file.sizes[page]?.height ?? 1;
  const body = lines.filter((l) => l.top > 45 && l.bottom < height - 45);
  if (body.length === 0) return 0;
  const top = 50;
  const bottom = height - 50;
  return (Math.max(...body.map((l) => l.bottom)) - top) / (bottom - top);
}

const CASES = [0, 1, 3, 5, 7, 10].flatMap((fillers) =>
  (['portrait', 'landscape'] as const).map((orientation) => ({ fillers, orientation })),
);

describe('the programme paginated as it prints (LibreOffice → PDF → pdftotext)', () => {
  it.each(CASES)(
    'with $fillers sessions before the workshops, $orientation: parallel sessions, headings, cover and last rows',
    async ({ fillers, orientation }) => {
      const file = await print(fillers, { language: 'ar', orientation });
      const pages = file.pages.map(flat);
      // pdftotext breaks Arabic lines at commas and digits: each landmark is a word or two of letters alone.
      // The cover on one page: its last lines are on page 1, and nothing of it on page 2.
      expect(pageOf(pages, 'شيراتون')).toBe(0);
      expect(pageOf(pages, 'بالشراكة')).toBe(0);
      expect(pages[1]).not.toContain('رعاية');
      // The two parallel workshops share a page (and so their time cell).
      const workshopA = pageOf(pages, 'الإلكترونية');
      expect(workshopA).toBeGreaterThan(0);
      expect(pageOf(pages, 'الذكية')).toBe(workshopA);
      // Each day's heading is on the page of the day's first session.
      expect(pageOf(pages, 'الجمعة')).toBe(pageOf(pages, fillers > 0 ? 'أوراق' : 'التسجيل'));
      expect(pageOf(pages, 'السبت')).toBe(pageOf(pages, 'حوارية'));
      // The day's last rows never stand alone: the last session shares its page with the one two before it.
      expect(pageOf(pages, 'الختامية')).toBe(pageOf(pages, 'حوارية'));
      // No page under a fifth full but the cover and the last.
      for (let page = 1; page < pages.length - 1; page++) expect(fill(file, page)).toBeGreaterThan(0.2);
    },
    120_000,
  );

  it('keeps the cover of a side-by-side programme on one page in both orientations', async () => {
    for (const orientation of ['portrait', 'landscape'] as const) {
      const file = await print(0, { language: 'both', bilingualLayout: 'side_by_side', orientation });
      const pages = file.pages.map(flat);
      expect(pageOf(pages, 'In partnership with')).toBe(0);
      expect(pageOf(pages, 'بالشراكة')).toBe(0);
      expect(pages[1]).not.toContain('Under the patronage of');
      expect(pageOf(pages, 'cities')).toBe(pageOf(pages, 'digital'));
    }
  }, 120_000);
});
