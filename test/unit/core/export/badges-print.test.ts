/**
 * Badges as they print and scan: the Word file converted to PDF by
 * LibreOffice, each badge's place on the page rasterised at 200 dpi and
 * read by ZBar. Every badge must give its own code, and only it, from its
 * Code 128 (what a USB scanner types) and from its QR code (what a phone's
 * camera reads), in A4 sheets of four and on A6, in each language's layout.
 */
import { describe, expect, it } from 'vitest';
import { writeBadges } from '../../../../src/core/export/badges';
import { type BadgeExport, DEFAULT_EXPORT_OPTIONS } from '../../../../src/shared/domain/export';
import type { Registration } from '../../../../src/shared/domain/registration';
import { readDocx } from './docx-reader';
import { printed } from './pdf-pages';
import { cellsOf, outerRows, textOf } from './pieces-reader';
import { type PageRegion, scannedCodes } from './scanned-codes';
import { seedInput, seedRegistrations } from './seed-002-input';

/** The badge and the sheet, in millimetres, as badges.ts lays them out. */
const BADGE = { width: 98, height: 139 };
const SHEETS = {
  a4_4up: { perPage: 4, perRow: 2, margin: { x: 7, y: 8.5 } },
  a6: { perPage: 1, perRow: 1, margin: { x: 3.5, y: 4 } },
} as const;

/** Where the i-th badge of the file stands: reading order, right to left in Arabic. */
function badgeRegion(i: number, size: BadgeExport['size'], lang: 'ar' | 'en'): PageRegion {
  const sheet = SHEETS[size];
  const onPage = i % sheet.perPage;
  const row = Math.floor(onPage / sheet.perRow);
  const inReading = onPage % sheet.perRow;
  const column = lang === 'ar' ? sheet.perRow - 1 - inReading : inReading;
  // A millimetre inside the cut lines.
  return {
    page: Math.floor(i / sheet.perPage) + 1,
    x: sheet.margin.x + column * BADGE.width + 1,
    y: sheet.margin.y + row * BADGE.height + 1,
    width: BADGE.width - 2,
    height: BADGE.height - 2,
  };
}

async function printedBadges(options: Partial<BadgeExport>, registrations?: Registration[]) {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.badges, ...options });
  const bytes = await writeBadges(registrations ? { ...input, registrations } : input);
  const codes = outerRows((await readDocx(bytes)).document)
    .flatMap(cellsOf)
    .map(textOf)
    .map((lines) => lines.find((line) => /^\d+$/.test(line)))
    .filter((code): code is string => code !== undefined);
  const file = await printed(bytes, 'docx');
  return { codes, pageCount: file.pages.length, pdf: file.pdf };
}

function expectEachBadgeScansAsItsCode(
  codes: readonly string[],
  scanned: readonly { type: string; text: string }[][],
): void {
  expect(scanned).toEqual(
    codes.map((code) => [
      { type: 'CODE-128', text: code },
      { type: 'QR-Code', text: code },
    ]),
  );
}

describe('badges scanned off the printed page', () => {
  it('gives each badge its own code from its Code 128 and its QR code, four to an A4 sheet, in Arabic and in English', async () => {
    for (const language of ['ar', 'en'] as const) {
      const { codes, pageCount, pdf } = await printedBadges({ language, size: 'a4_4up' });
      expect(codes).toHaveLength(10);
      expect(pageCount).toBe(3);
      const scanned = await scannedCodes(
        pdf,
        codes.map((_, i) => badgeRegion(i, 'a4_4up', language)),
      );
      expectEachBadgeScansAsItsCode(codes, scanned);
    }
  }, 180_000);

  it('gives each A6 badge its code from both symbols, in both languages, and twelve-digit codes too', async () => {
    const first = seedRegistrations[0] as Registration;
    const longCodes = ['123456789012', '999999999999', '000000000417'].map((code, i) => ({
      ...first,
      id: `${first.id.slice(0, -2)}7${i}`,
      code,
    }));
    const both = await printedBadges({ language: 'both', size: 'a6' });
    expect(both.pageCount).toBe(both.codes.length);
    expectEachBadgeScansAsItsCode(
      both.codes,
      await scannedCodes(
        both.pdf,
        both.codes.map((_, i) => badgeRegion(i, 'a6', 'ar')),
      ),
    );
    const long = await printedBadges({ language: 'en', size: 'a4_4up' }, longCodes);
    expect([...long.codes].sort()).toEqual(['000000000417', '123456789012', '999999999999']);
    expectEachBadgeScansAsItsCode(
      long.codes,
      await scannedCodes(
        long.pdf,
        long.codes.map((_, i) => badgeRegion(i, 'a4_4up', 'en')),
      ),
    );
  }, 180_000);
});

describe('an English badge for a registrant with no English name', () => {
  it('reads left to right, the Arabic it lacks quoted in its mark after the title; her English position and organisation', async () => {
    const first = seedRegistrations[0] as Registration;
    const bare: Registration = {
      ...first,
      honorific: 'none',
      title: 'engineer',
      gender: 'female',
      fullName: 'فاطمة بنت علي البلوشية',
      fullNameEn: '',
      position: 'رئيسة قسم الخدمات الرقمية',
      positionEn: 'Head of Digital Services',
      organisation: 'بلدية صحار',
      organisationEn: 'Sohar Municipality',
    };
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.badges, language: 'en', size: 'a6' });
    const file = await printed(await writeBadges({ ...input, registrations: [bare] }), 'docx');
    const line = file.visualLines[0]?.find((l) => l.text.includes('Arabic'));
    // As on paper, left to right: the title first, then the mark; a right-to-left line put «.Eng» last.
    expect(line?.text).toMatch(/^Eng\. \[Arabic only:/);
    // Her own English position and organisation, not the Arabic ones.
    expect(file.pages[0]).toContain('Head of Digital Services');
    expect(file.pages[0]).toContain('Sohar Municipality');
    expect(file.pages[0]).not.toContain('بلدية صحار');
  }, 120_000);
});
