import { describe, expect, it } from 'vitest';
import { ExportCancelled } from '../../../../src/core/export/export-progress';
import { parallelClusters, writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../../../../src/shared/domain/export';
import type { Settings } from '../../../../src/shared/domain/settings';
import { count, paragraphsOf, readDocx } from './docx-reader';
import { seedInput, seedProgramme } from './seed-002-input';

const LRI = '\u2066';
const PDI = '\u2069';

async function programme(options: Partial<ProgrammeExport> = {}, settings: Partial<Settings> = {}) {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, ...options }, settings);
  return readDocx(await writeProgrammeDocx(input));
}

/** The rows of each table (<w:tr>), as the text of their paragraphs joined. */
function tableRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => paragraphsOf(row[0]).join(' | '));
}

describe('the Word programme (seed 002)', () => {
  it('prints the cover: organisers, title, slogan, patronage, both calendars and the venue, in order', async () => {
    const doc = await programme();
    const text = doc.paragraphs.join('\n');
    const order = [
      'بلدية مسقط و بلدية صحار',
      'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      '«حلول مبتكرة لخدمات بلدية مستدامة»',
      'تحت رعاية',
      'معالي المهندس محسن بن محمد الشيخ رئيس بلدية مسقط',
      'جمادى الآخرة',
      'ديسمبر',
      'قاعة عمان، فندق شيراتون عمان، مسقط، سلطنة عمان',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Hijri first by default, the Gregorian dates on the next line.
    // Each number isolated on its own: the range reads right to left, 24 then 25.
    expect(text).toContain(`${LRI}24${PDI}–${LRI}25${PDI} جمادى الآخرة ${LRI}1448${PDI}هـ`);
    expect(text).toContain(`${LRI}4${PDI}–${LRI}5${PDI} ديسمبر ${LRI}2026${PDI}م`);
  });

  it('writes Arabic right to left: bidi paragraphs, right-to-left tables and runs, Arabic proofing', async () => {
    const doc = await programme();
    expect(count(doc.document, /<w:bidi\/>/)).toBeGreaterThan(40);
    expect(count(doc.document, /<w:tbl>/)).toBe(2); // one table per day
    expect(count(doc.document, /<w:bidiVisual\/>/)).toBe(2);
    // Runs take their right-to-left mark, weight and size from named paragraph styles.
    expect(doc.part('word/styles.xml')).toContain('<w:rtl/>');
    expect(doc.document).toContain('<w:pStyle w:val="Multaqa');
    // Aligned to the right: Word reads "left" in a right-to-left paragraph as its start, the right.
    expect(doc.document).toMatch(/<w:bidi\/><w:jc w:val="left"\/>/);
    expect(doc.part('word/styles.xml')).toContain('w:bidi="ar-SA"');
  });

  it('uses one font in all four slots and embeds Amiri (regular and bold)', async () => {
    const doc = await programme();
    expect(doc.part('word/styles.xml')).toMatch(
      /<w:rFonts w:ascii="Amiri" w:cs="Amiri" w:eastAsia="Amiri" w:hAnsi="Amiri"\/>/,
    );
    const fontTable = doc.part('word/fontTable.xml');
    expect(fontTable).toContain('w:name="Amiri"');
    expect(fontTable).toContain('<w:embedRegular');
    expect(fontTable).toContain('<w:embedBold');
    expect(doc.files.filter((f) => /^word\/fonts\/.+\.odttf$/.test(f))).toHaveLength(2);
    expect(doc.part('word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
  });

  it('names a font Word ships, without embedding, when the user chose one', async () => {
    const input = seedInput(DEFAULT_EXPORT_OPTIONS.programme, { documentFont: 'Sakkal Majalla' });
    const doc = await readDocx(
      await writeProgrammeDocx({ ...input, fonts: { name: 'Sakkal Majalla', embedded: null } }),
    );
    expect(doc.part('word/styles.xml')).toContain('w:cs="Sakkal Majalla"');
    expect(doc.files.some((f) => f.endsWith('.odttf'))).toBe(false);
  });

  it('lays each day out as time | session | speakers | hall, in time order, with the header repeated and no row split', async () => {
    const doc = await programme();
    const rows = tableRows(doc.document);
    expect(rows[0]).toBe('الوقت | الجلسة | المتحدثون | القاعة');
    expect(count(doc.document, /<w:tblHeader\/>/)).toBe(2);
    expect(count(doc.document, /<w:cantSplit\/>/)).toBe(rows.length);
    const day1 = rows.slice(1, 8);
    // Times alone in a cell need no isolate: a right-to-left cell puts the start on the right, as Arabic reads.
    expect(day1.map((r) => r.split(' | ')[0])).toEqual([
      '08:00 – 09:00',
      '09:00 – 10:00',
      '10:00 – 10:45',
      '10:45 – 11:15',
      // The two parallel workshops share one time cell (the second row's is its merged continuation).
      '11:15 – 13:00',
      '',
      '13:00 – 14:00',
    ]);
    expect(day1[4]).toMatch(/^11:15 – 13:00 \| جلسات متزامنة \| ورشة عمل: الخدمات البلدية الرقمية/);
    expect(day1[5]).toMatch(/^ \| ورشة عمل: المدن الذكية/);
    expect(count(doc.document, /<w:vMerge w:val="restart"\/>/)).toBe(1);
    // The opening: speakers in protocol order with their positions, the ceremony marked.
    expect(day1[1]).toContain('◆ حفل الافتتاح');
    expect(day1[1]).toContain('معالي المهندس محسن بن محمد الشيخ | رئيس بلدية مسقط | سعادة سالم بن سعيد المقبالي');
    expect(day1[1]).toContain('قاعة عمان');
    // A break spans the session, speakers and hall columns, shaded.
    expect(day1[3]).toBe('10:45 – 11:15 | استراحة قهوة');
    expect(doc.document).toMatch(/<w:gridSpan w:val="3"\/>[\s\S]{0,200}w:fill="E7E6E6"/);
    // Day two: the chair and a speaker without a record; the field visit's place stands for a hall.
    const panel = rows.find((r) => r.includes('جلسة حوارية')) ?? '';
    expect(panel).toContain('رئيس الجلسة: سعادة الدكتور خالد بن سالم الحسني');
    expect(panel).toContain('م. يوسف بن أحمد الكندي');
    expect(rows.find((r) => r.includes('زيارة ميدانية'))).toContain('واجهة مسقط البحرية');
  });

  it('isolates Latin names and numbers inside Arabic, and writes Arabic-Indic digits when chosen', async () => {
    const latin = await programme({ includeBios: true });
    expect(latin.document).toContain(`تجربة ${LRI}2040${PDI}`);
    expect(latin.document).toContain(`مشروع ${LRI}GIS${PDI} البلدي`);
    const arab = await programme({ includeBios: true }, { digits: 'arab' });
    const text = arab.paragraphs.join('\n');
    expect(text).toContain('٠٩:٠٠ – ١٠:٠٠');
    expect(text).toContain(`${LRI}١٤٤٨${PDI}`);
    // Letters keep their script: a Latin code is not touched, only the digits of numbers.
    expect(text).toContain(`${LRI}GIS${PDI}`);
  });

  it('numbers the pages with fields, with no header or number on the cover', async () => {
    const doc = await programme();
    const footers = doc.files.filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => doc.part(f));
    expect(footers.some((f) => f.includes('PAGE') && f.includes('NUMPAGES') && f.includes('صفحة'))).toBe(true);
    expect(doc.document).toContain('<w:titlePg/>');
    expect(doc.document).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
  });

  it('turns the page to landscape when asked', async () => {
    const doc = await programme({ orientation: 'landscape' });
    expect(doc.document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it('writes English left to right, with Arabic-only fields kept right to left', async () => {
    const doc = await programme({ language: 'en' });
    const rows = tableRows(doc.document);
    expect(rows[0]).toBe('Time | Session | Speakers | Hall');
    expect(count(doc.document, /<w:bidiVisual\/>/)).toBe(0);
    expect(doc.paragraphs).toContain('Under the patronage of');
    expect(doc.paragraphs.join('\n')).toContain('Day One: Friday 24 Jumada II 1448 AH — Friday 4 December 2026');
    expect(rows.some((r) => r.includes('H.E. Eng. Mohsin bin Mohammed Al Sheikh'))).toBe(true);
    // The patron has no English field: printed in Arabic, in a right-to-left paragraph.
    const patron =
      /<w:p>(?:(?!<\/w:p>)[\s\S])*معالي المهندس محسن(?:(?!<\/w:p>)[\s\S])*<\/w:p>/.exec(doc.document)?.[0] ?? '';
    expect(patron).toContain('<w:bidi/>');
  });

  it('puts both languages side by side in each day table', async () => {
    const doc = await programme({ language: 'both', bilingualLayout: 'side_by_side' });
    const rows = tableRows(doc.document).filter((r) => r.startsWith('الوقت'));
    expect(rows).toEqual(
      Array(2).fill(`الوقت / ${LRI}Time${PDI} | الجلسة — المتحدثون | Session — Speakers | القاعة / ${LRI}Hall${PDI}`),
    );
    const keynote = tableRows(doc.document).find((r) => r.includes('التخطيط الحضري في مسقط')) ?? '';
    expect(keynote).toContain('Urban planning in Muscat: the 2040 experience');
    expect(keynote).toContain('Oman Hall');
  });

  it('prints the Arabic programme, then the English one, as two sections', async () => {
    const doc = await programme({ language: 'both', bilingualLayout: 'one_after_other' });
    expect(count(doc.document, /<w:sectPr/)).toBe(2);
    const text = doc.paragraphs.join('\n');
    expect(text.indexOf('اليوم الأول')).toBeLessThan(text.indexOf('Day One'));
    expect(count(doc.document, /<w:bidiVisual\/>/)).toBe(2);
    // Each part is numbered from 1, without a total (LibreOffice prints a part's own total empty).
    expect(count(doc.document, /<w:pgNumType w:start="1"\/>/)).toBe(2);
    const footers = doc.files.filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => doc.part(f));
    expect(footers.some((f) => f.includes('NUMPAGES'))).toBe(false);
  });

  it('adds the objectives, bios and delegations only when ticked', async () => {
    const none = await programme({ includeObjectives: false, includeBios: false, includeDelegations: false });
    const all = await programme({ includeObjectives: true, includeBios: true, includeDelegations: true });
    for (const heading of ['أهداف الملتقى', 'نبذة عن المتحدثين', 'الوفود المشاركة']) {
      expect(none.paragraphs).not.toContain(heading);
      expect(all.paragraphs).toContain(heading);
    }
    const text = all.paragraphs.join('\n');
    expect(text).toContain(`${LRI}1${PDI}. إثراء الخبرات وتبادلها بين البلديتين`);
    expect(text).toContain('خبير في التخطيط الحضري');
    expect(text).toContain('وفد مدينة سيؤول (سيؤول، كوريا الجنوبية)');
    expect(text).toContain('رئيس الوفد: السيد كيم مين سو — مدير التعاون الدولي');
    // A speaker without a bio is left out of the bios.
    expect(text.indexOf('نبذة عن المتحدثين')).toBeLessThan(text.indexOf('خبير في التخطيط'));
  });

  it('reports progress and stops when cancelled', async () => {
    const input = seedInput(DEFAULT_EXPORT_OPTIONS.programme);
    await writeProgrammeDocx(input);
    expect(input.progress.total).toBe(seedProgramme.sessions.length);
    expect(input.progress.done).toBe(input.progress.total);
    const cancelled = seedInput(DEFAULT_EXPORT_OPTIONS.programme);
    cancelled.progress.cancel();
    await expect(writeProgrammeDocx(cancelled)).rejects.toBeInstanceOf(ExportCancelled);
  });

  it('groups only sessions that overlap, and never a break', () => {
    const day1 = seedProgramme.sessions.filter((s) => s.day === '2026-12-04').sort((a, b) => a.start - b.start);
    expect(parallelClusters(day1).map((c) => c.length)).toEqual([1, 1, 1, 1, 2, 1]);
  });
});
