import { describe, expect, it } from 'vitest';
import { ExportCancelled } from '../../../../src/core/export/export-progress';
import { writeNameCards } from '../../../../src/core/export/name-cards';
import { DEFAULT_EXPORT_OPTIONS, type NameCardExport } from '../../../../src/shared/domain/export';
import { readDocx } from './docx-reader';
import { cellsOf, outerRows, page, plain, rowHeight, textOf } from './pieces-reader';
import { seedInput } from './seed-002-input';

function input(options: Partial<NameCardExport> = {}) {
  return seedInput({ ...DEFAULT_EXPORT_OPTIONS.nameCards, ...options });
}

async function cards(options: Partial<NameCardExport> = {}) {
  const doc = await readDocx(await writeNameCards(input(options)));
  const rows = outerRows(doc.document);
  return { doc, rows, faces: rows.map((row) => cellsOf(row)) };
}

describe('table name cards (seed 002)', () => {
  it('prints a card for each VIP and speaker, by category then name, one a page', async () => {
    const { doc, rows, faces } = await cards();
    const a4 = page(doc.document);
    expect([a4.width, a4.height]).toEqual([11906, 16838]);
    expect(faces.map((card) => textOf(card[0] ?? '')[0])).toEqual([
      'معالي المهندس محسن بن محمد الشيخ',
      'سعادة الدكتور خالد بن سالم الحسني',
      'المهندسة فاطمة بنت علي البلوشية',
    ]);
    for (const row of rows) {
      const { exact, cantSplit } = rowHeight(row);
      expect(cantSplit).toBe(true);
      // More than half the page: one card a page, and within it.
      expect(2 * (exact ?? 0)).toBeGreaterThan(a4.bodyHeight);
      expect(exact ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(a4.bodyHeight - 20);
    }
  });

  it('prints the same name, position and organisation on both faces, each turned towards the fold', async () => {
    const { doc, faces } = await cards();
    for (const [left, right] of faces) {
      expect(textOf(left ?? '')).toEqual(textOf(right ?? ''));
      // Left face a quarter turn clockwise, right face anticlockwise: both read upright once folded.
      expect(left).toContain('<w:textDirection w:val="tbRl"/>');
      expect(right).toContain('<w:textDirection w:val="btLr"/>');
    }
    expect(textOf(faces[0]?.[0] ?? '')).toEqual(['معالي المهندس محسن بن محمد الشيخ', 'رئيس بلدية مسقط', 'بلدية مسقط']);
    // The faces' places are physical: the table is not mirrored in Arabic. The fold is dashed.
    expect(doc.document).not.toContain('<w:bidiVisual/>');
    expect(doc.document).toMatch(/<w:insideV w:val="dashed"/);
    expect(doc.document).toMatch(/<w:left w:val="none"/);
  });

  it('prints the name very large, in right-to-left paragraphs of the embedded font', async () => {
    const { doc } = await cards();
    // Over 40 points (Word's sizes are half-points), the position and organisation half as large.
    const sizes = [...doc.document.matchAll(/<w:sz w:val="(\d+)"\/>[\s\S]*?<w:t[^>]*>([^<]*)</g)];
    const sizeOf = (text: string) => Number(sizes.find((m) => plain(m[2] ?? '') === text)?.[1]);
    expect(sizeOf('سعادة الدكتور خالد بن سالم الحسني')).toBeGreaterThan(80);
    expect(sizeOf('مدير عام التخطيط العمراني')).toBeLessThan(sizeOf('سعادة الدكتور خالد بن سالم الحسني') / 1.5);
    expect(doc.document).toContain('<w:bidi/>');
    expect(doc.part('word/styles.xml')).toContain('w:cs="Amiri"');
    expect(doc.part('word/fontTable.xml')).toContain('<w:embedRegular');
  });

  it('prints English cards, and both names in both languages', async () => {
    const english = await cards({ language: 'en' });
    expect(textOf(english.faces[0]?.[1] ?? '')).toEqual([
      'H.E. Eng. Mohsin Al Sheikh',
      'Chairman of Muscat Municipality',
      'Muscat Municipality',
    ]);
    const both = await cards({ language: 'both' });
    expect(textOf(both.faces[1]?.[0] ?? '')).toEqual([
      'سعادة الدكتور خالد بن سالم الحسني',
      'H.E. Dr. Khalid Al Hosni',
      'مدير عام التخطيط العمراني',
      'بلدية مسقط',
    ]);
  });

  it('prints only the chosen categories and statuses', async () => {
    const media = await cards({ categories: ['media', 'staff'] });
    expect(media.faces.map((card) => textOf(card[0] ?? '')[0])).toEqual([
      'يوسف بن أحمد الكندي',
      'شيخة بنت سالم الحارثية',
    ]);
    const attended = await cards({ statuses: ['attended'] });
    expect(attended.rows).toHaveLength(2);
  });

  it('reports progress a card at a time, and stops when cancelled', async () => {
    const made = input();
    await writeNameCards(made);
    expect([made.progress.done, made.progress.total]).toEqual([3, 3]);
    const cancelled = input();
    cancelled.progress.cancel();
    await expect(writeNameCards(cancelled)).rejects.toBeInstanceOf(ExportCancelled);
  });
});

describe('the spacing of a wrapped name on a name card', () => {
  it('gives the name lines 1.8 times their size, so descenders clear the next line and the position', async () => {
    const { doc } = await cards();
    const paragraphs = [...doc.document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)].map((m) => m[0]);
    const spacing = (text: string) => {
      const p = paragraphs.find((x) => plain(paragraphsOfOne(x)) === text) ?? '';
      const line = Number(/<w:spacing [^>]*w:line="(\d+)"/.exec(p)?.[1]);
      const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(p)?.[1]) / 2;
      return line / 20 / size;
    };
    expect(spacing('سعادة الدكتور خالد بن سالم الحسني')).toBeCloseTo(1.8, 1);
    // The position under it keeps the ordinary 1.5.
    expect(spacing('مدير عام التخطيط العمراني')).toBeCloseTo(1.5, 1);
  });
});

/** The text of one paragraph's runs. */
const paragraphsOfOne = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
