import { describe, expect, it } from 'vitest';
import { ExportCancelled } from '../../../../src/core/export/export-progress';
import { parallelClusters, writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../../../../src/shared/domain/export';
import type { Settings } from '../../../../src/shared/domain/settings';
import { count, paragraphsOf, readDocx } from './docx-reader';
import { printed } from './pdf-pages';
import { seedForum, seedInput, seedProgramme } from './seed-002-input';
import { solidPng } from './test-images';

const LRI = '\u2066';
const PDI = '\u2069';
const RLI = '\u2067';

async function programme(options: Partial<ProgrammeExport> = {}, settings: Partial<Settings> = {}) {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, ...options }, settings);
  return readDocx(await writeProgrammeDocx(input));
}

const WIDE = { name: `${'a'.repeat(32)}.png`, bytes: solidPng(300, 100, [200, 30, 30]) };
const SQUARE = { name: `${'b'.repeat(32)}.png`, bytes: solidPng(80, 80, [30, 30, 200]) };
const GONE = `${'c'.repeat(32)}.jpg`;

/** The programme of a forum with these logos, whose files are `files` (the others are gone). */
async function withLogos(
  logos: string[],
  files: { name: string; bytes: Buffer }[],
  options: Partial<ProgrammeExport> = {},
) {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, ...options });
  const photo = async (name: string) => files.find((f) => f.name === name)?.bytes ?? null;
  return readDocx(await writeProgrammeDocx({ ...input, forum: { ...seedForum, logos }, photo }));
}

/** Each drawing's extent (EMU), in document order. */
const extents = (xml: string) =>
  [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => ({ cx: Number(m[1]), cy: Number(m[2]) }));
const firstParagraph = (xml: string) => xml.match(/<w:p[ >][\s\S]*?<\/w:p>/)?.[0] ?? '';
/** 2 cm in English Metric Units. */
const TWO_CM = 720_000;

/** The rows of each table (<w:tr>), as the text of their paragraphs joined. */
function tableRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => paragraphsOf(row[0]).join(' | '));
}

describe('the Word programme (seed 002)', () => {
  it('prints the cover: organisers, title, slogan, patronage, both calendars and the venue, in order', async () => {
    const doc = await programme();
    const text = doc.paragraphs.join('\n');
    const order = [
      'بلدية مسقط وبلدية صحار',
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

  it('prints the edition with its noun agreeing, once, and not where the title says it already', async () => {
    const council = { ...seedForum, titleAr: 'المجلس التنفيذي لمنظمة المدن العربية', titleEn: 'Executive Council' };
    const print = async (forum: typeof seedForum, language: 'ar' | 'en', digits: 'latn' | 'arab' = 'latn') => {
      const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language }, { digits });
      // Without the isolates round numbers, which are checked elsewhere.
      return (await readDocx(await writeProgrammeDocx({ ...input, forum }))).paragraphs.map((p) =>
        p.replace(/[\u2066-\u2069]/g, ''),
      );
    };
    const words = { ...council, editionNumber: 55, editionNoun: 'session' as const };
    expect(await print(words, 'ar')).toContain('الدورة الخامسة والخمسون');
    expect(await print(words, 'en')).toContain('55th Session');
    const digits = { ...words, editionStyle: 'digits' as const };
    expect(await print(digits, 'ar', 'arab')).toContain('الدورة الـ٥٥');
    expect(await print(digits, 'en', 'arab')).toContain('55th Session');
    // Never the old label before it («الدورة: الثاني»), never a noun twice.
    for (const lang of ['ar', 'en'] as const) {
      const text = (await print(words, lang)).join('\n');
      expect(text).not.toMatch(/الدورة: |Edition: /);
    }
    // Seed 002's titles name the edition («الملتقى الثاني…», "Second …"): no line of its own.
    for (const lang of ['ar', 'en'] as const) {
      const text = (await print(seedForum, lang)).join('\n');
      expect(text).not.toContain(lang === 'ar' ? '\nالملتقى الثاني\n' : '2nd Forum');
    }
    // An edition an older version kept as text, unread as a number, prints as written.
    const asWritten = await print({ ...council, editionNumber: null, edition: 'الدورة الاستثنائية' }, 'ar');
    expect(asWritten).toContain('الدورة الاستثنائية');
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
    // Each session's row, then a row for each of its papers, talks and speeches.
    const day1 = rows.slice(1, 14);
    // Times alone in a cell need no isolate: a right-to-left cell puts the start on the right, as Arabic reads.
    // The two parallel workshops (and their papers) share one time cell: the later rows' are its merged continuation.
    expect(day1.map((r) => r.split(' | ')[0])).toEqual([
      '08:00 – 09:00',
      '09:00 – 10:00',
      '',
      '',
      '10:00 – 10:45',
      '',
      '10:45 – 11:15',
      '11:15 – 13:00',
      '',
      '',
      '',
      '',
      '13:00 – 14:00',
    ]);
    expect(day1[7]).toMatch(/^11:15 – 13:00 \| جلسات متزامنة \| ورشة عمل: الخدمات البلدية الرقمية/);
    expect(day1[9]).toMatch(/^ \| ورشة عمل: المدن الذكية/);
    // The time cell of the opening, the keynote and the workshops, and the hall of each session with items.
    expect(count(doc.document, /<w:vMerge w:val="restart"\/>/)).toBe(3 + 4);
    // The opening: each speech on its row beside its speaker and position, the ceremony marked.
    expect(day1[1]).toContain('◆ حفل الافتتاح');
    expect(day1[1]).toContain('قاعة عمان');
    expect(day1[2]).toBe(' | – كلمة راعي الحفل | معالي المهندس محسن بن محمد الشيخ | رئيس بلدية مسقط | ');
    expect(day1[3]).toBe(' | – كلمة بلدية صحار | سعادة سالم بن سعيد المقبالي | مدير عام بلدية صحار | ');
    // A break spans the session, speakers and hall columns, shaded.
    expect(day1[6]).toBe('10:45 – 11:15 | استراحة قهوة');
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

  it('writes English left to right, and marks a field with no English rather than printing its Arabic as English', async () => {
    const doc = await programme({ language: 'en' });
    const rows = tableRows(doc.document);
    expect(rows[0]).toBe('Time | Session | Speakers | Hall');
    expect(count(doc.document, /<w:bidiVisual\/>/)).toBe(0);
    expect(doc.paragraphs).toContain('Under the patronage of');
    expect(doc.paragraphs.join('\n')).toContain('Day One: Friday 24 Jumada II 1448 AH (4 December 2026)');
    expect(rows.some((r) => r.includes('H.E. Eng. Mohsin bin Mohammed Al Sheikh'))).toBe(true);
    // The seed's patron has no English: its Arabic is kept, marked as a gap and isolated as one unit.
    expect(doc.paragraphs).toContain(`[Arabic only: ${RLI}${seedForum.patron}${PDI}]`);
  });

  it('prints the English fields in English: no mark and no Arabic once each is filled', async () => {
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language: 'en' });
    const forum = {
      ...seedForum,
      patronEn: 'H.E. Eng. Mohsin bin Mohammed Al Sheikh, Chairman of Muscat Municipality',
      sloganEn: 'Innovative solutions for sustainable municipal services',
      venue: {
        ...seedForum.venue,
        hotelEn: 'Sheraton Oman Hotel',
        hallEn: 'Oman Hall',
        cityEn: 'Muscat',
        countryEn: 'Oman',
      },
    };
    const doc = await readDocx(await writeProgrammeDocx({ ...input, forum }));
    expect(doc.paragraphs).toContain(forum.patronEn);
    expect(doc.paragraphs).toContain(`“${forum.sloganEn}”`);
    expect(doc.paragraphs).toContain('Oman Hall, Sheraton Oman Hotel, Muscat, Oman');
    expect(doc.paragraphs.join('\n')).not.toContain(seedForum.patron);
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

  it("puts the organisers' logos in one centred row at the top of the cover, 2 cm high, in proportion", async () => {
    const doc = await withLogos([WIDE.name, GONE, SQUARE.name], [WIDE, SQUARE]);
    const top = firstParagraph(doc.document);
    // The missing file is left out; the two others keep the forum's order.
    expect(count(top, /<w:drawing>/)).toBe(2);
    expect(count(doc.document, /<w:drawing>/)).toBe(2);
    const [wide, square] = extents(top);
    expect(wide?.cy).toBeCloseTo(TWO_CM, -2);
    expect(square?.cy).toBeCloseTo(TWO_CM, -2);
    expect((wide?.cx ?? 0) / (wide?.cy ?? 1)).toBeCloseTo(3, 3);
    expect((square?.cx ?? 0) / (square?.cy ?? 1)).toBeCloseTo(1, 3);
    // A right-to-left paragraph, centred, read from the right: the first logo is the rightmost.
    expect(top).toMatch(/<w:bidi\/><w:jc w:val="center"\/>/);
    expect(doc.files.filter((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toHaveLength(2);
    expect(doc.part('word/_rels/document.xml.rels').match(/Target="media\/[^"]+\.png"/g)).toHaveLength(2);
    // The organisers' names follow the logos.
    expect(doc.paragraphs[1]).toBe('بلدية مسقط وبلدية صحار');
  });

  it('prints no drawing when the forum has no logos, or none of their files is left', async () => {
    for (const doc of [await programme(), await withLogos([GONE], [])]) {
      expect(count(doc.document, /<w:drawing>/)).toBe(0);
      expect(doc.files.some((f) => f.startsWith('word/media/'))).toBe(false);
      expect(doc.paragraphs[0]).toBe('بلدية مسقط وبلدية صحار');
    }
  });

  it('prints the logos once per cover in both languages: above the two columns, or on each part', async () => {
    const side = await withLogos([WIDE.name, SQUARE.name], [WIDE, SQUARE], {
      language: 'both',
      bilingualLayout: 'side_by_side',
    });
    expect(count(firstParagraph(side.document), /<w:drawing>/)).toBe(2);
    expect(count(side.document, /<w:drawing>/)).toBe(2);
    const parts = await withLogos([WIDE.name, SQUARE.name], [WIDE, SQUARE], {
      language: 'both',
      bilingualLayout: 'one_after_other',
    });
    const [arabic = '', english = ''] = parts.document.split(/<w:sectPr[\s\S]*?<\/w:sectPr>/);
    expect(count(firstParagraph(arabic), /<w:drawing>/)).toBe(2);
    expect(count(firstParagraph(english), /<w:drawing>/)).toBe(2);
    expect(firstParagraph(english)).not.toContain('<w:bidi/>'); // the English cover reads left to right
    expect(count(parts.document, /<w:drawing>/)).toBe(4);
  });

  it('scales a row of logos wider than the page down as a whole, keeping their proportions', async () => {
    const banners = Array.from({ length: 6 }, (_, i) => ({
      name: `${String(i).repeat(32)}.png`,
      bytes: solidPng(500, 50, [i * 40, 100, 100]),
    }));
    const doc = await withLogos(
      banners.map((b) => b.name),
      banners,
    );
    const sizes = extents(firstParagraph(doc.document));
    expect(sizes).toHaveLength(6);
    const pageWidth = (11_906 - 2 * 1_000) * 635; // A4 between the margins, twips to EMU
    expect(sizes.reduce((sum, s) => sum + s.cx, 0)).toBeLessThan(pageWidth);
    for (const s of sizes) {
      expect(s.cx / s.cy).toBeCloseTo(10, 2);
      expect(s.cy).toBeLessThan(TWO_CM);
    }
  });

  it('groups only sessions that overlap, and never a break', () => {
    const day1 = seedProgramme.sessions.filter((s) => s.day === '2026-12-04').sort((a, b) => a.start - b.start);
    expect(parallelClusters(day1).map((c) => c.length)).toEqual([1, 1, 1, 1, 2, 1]);
  });
});

/** Arabic-Indic and Persian digits. */
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/;
/** A paragraph's text with its isolated Arabic stretches (RLI..PDI) taken out. */
const withoutArabicIsolates = (text: string) => text.replace(/\u2067[^\u2069]*\u2069/g, '');
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

describe('digits by language, with Arabic-Indic digits chosen', () => {
  const arab = { digits: 'arab' as const };

  it('writes the English programme in Latin digits: dates, times and the delegation numbers', async () => {
    const doc = await programme({ language: 'en', includeDelegations: true, includeObjectives: true }, arab);
    // The English lines (Arabic-only fields such as the patron are Arabic text of their own).
    const english = doc.paragraphs.filter((p) => !ARABIC_LETTER.test(withoutArabicIsolates(p)));
    expect(english.filter((p) => EASTERN_DIGIT.test(withoutArabicIsolates(p)))).toEqual([]);
    const text = doc.paragraphs.join('\n');
    expect(text).toContain('24 Jumada II 1448 AH');
    expect(text).toContain('4 December 2026');
    expect(text).toContain('09:00 – 10:00');
    // Delegation members are numbered "1.", never "١.".
    expect(doc.paragraphs.some((p) => p.startsWith('1. '))).toBe(true);
    expect(doc.paragraphs.some((p) => p.startsWith('١.'))).toBe(false);
  });

  it('keeps the Arabic part in Arabic-Indic digits and the English part in Latin ones, one after the other', async () => {
    const doc = await programme({ language: 'both', bilingualLayout: 'one_after_other' }, arab);
    const [arabic = '', english = ''] = doc.document.split(/<w:sectPr[\s\S]*?<\/w:sectPr>/);
    const arabicText = paragraphsOf(arabic).join('\n');
    const englishText = paragraphsOf(english).join('\n');
    expect(arabicText).toContain('٠٩:٠٠ – ١٠:٠٠');
    expect(arabicText).not.toContain('09:00');
    expect(englishText).toContain('09:00 – 10:00');
    expect(EASTERN_DIGIT.test(withoutArabicIsolates(englishText.replace(/^.*[\u0621-\u064A].*$/gmu, '')))).toBe(false);
  });

  it('writes each column of a side-by-side table in its own digits', async () => {
    const doc = await programme({ language: 'both', bilingualLayout: 'side_by_side' }, arab);
    const keynote = tableRows(doc.document).find((r) => r.includes('Urban planning in Muscat')) ?? '';
    // The Arabic title with Arabic-Indic digits; the English one keeps "2040".
    expect(keynote).toContain(`تجربة ${LRI}٢٠٤٠${PDI}`);
    expect(keynote).toContain('Urban planning in Muscat: the 2040 experience');
    const english = doc.paragraphs.filter((p) => p.startsWith('Day '));
    expect(english.length).toBe(2);
    for (const heading of english) expect(EASTERN_DIGIT.test(heading)).toBe(false);
  });

  it('writes a time range in reading order: the start first, and in Arabic never turned into one left-to-right unit', async () => {
    for (const settings of [arab, { digits: 'latn' as const }]) {
      const ar = await programme({ language: 'ar' }, settings);
      const start = settings.digits === 'arab' ? '٠٩:٠٠' : '09:00';
      const end = settings.digits === 'arab' ? '١٠:٠٠' : '10:00';
      // Logical order start – end; a right-to-left line then shows the start at the right, where Arabic reading begins.
      expect(ar.paragraphs).toContain(`${start} – ${end}`);
      expect(ar.document).not.toContain(`${LRI}${start} – ${end}${PDI}`);
      const en = await programme({ language: 'en' }, settings);
      // In a left-to-right paragraph with Latin digits nothing turns the range around.
      const row = /<w:p>(?:(?!<\/w:p>)[\s\S])*09:00 – 10:00(?:(?!<\/w:p>)[\s\S])*<\/w:p>/.exec(en.document)?.[0] ?? '';
      expect(row).not.toBe('');
      expect(row).not.toContain('<w:bidi/>');
    }
  });
});

describe('the other script isolated as one unit', () => {
  const dashed = 'Sohar Municipalities Experience Exchange Forum – Muscat';

  it('prints an English title with a dash whole and in order in the running header of a side-by-side programme', async () => {
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language: 'both', bilingualLayout: 'side_by_side' });
    const bytes = await writeProgrammeDocx({ ...input, forum: { ...seedForum, titleEn: dashed } });
    const doc = await readDocx(bytes);
    const headers = doc.files.filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => paragraphsOf(doc.part(f)));
    expect(headers.flat()).toContain(`${seedForum.titleAr}  |  ${LRI}${dashed}${PDI}`);
    // As printed: every page after the cover carries the title as written, not "… Forum–Muscat" turned around.
    const { visualLines } = await printed(bytes, 'docx');
    expect(visualLines.length).toBeGreaterThan(1);
    // The header is each page's top line; read from the left, the English title stands as written.
    for (const page of visualLines.slice(1)) expect(page[0]?.text).toContain(dashed);
  }, 90_000);

  it('isolates an Arabic-only field inside an English line as one unit, marked as a gap', async () => {
    const doc = await programme({ language: 'en', includeDelegations: true });
    // The delegation's place has no English: each part one right-to-left unit inside its mark.
    expect(doc.paragraphs).toContain(
      `Seoul delegation ([Arabic only: ${RLI}سيؤول${PDI}], [Arabic only: ${RLI}كوريا الجنوبية${PDI}])`,
    );
  });
});

/** The isolates a paragraph's numbers are wrapped in, taken out to read the words. */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('dates, lists and words of the programme', () => {
  it('writes each day heading with the weekday once, in the cover’s form', async () => {
    const doc = await programme({}, { digits: 'arab' });
    const headings = doc.paragraphs.map(plain).filter((p) => p.startsWith('اليوم'));
    expect(headings).toEqual([
      'اليوم الأول: الجمعة ٢٤ جمادى الآخرة ١٤٤٨هـ الموافق ٤ ديسمبر ٢٠٢٦م',
      'اليوم الثاني: السبت ٢٥ جمادى الآخرة ١٤٤٨هـ الموافق ٥ ديسمبر ٢٠٢٦م',
    ]);
    // The organisers joined as Arabic joins them, و on the next word.
    expect(doc.paragraphs).toContain('بلدية مسقط وبلدية صحار');
    expect(doc.paragraphs.join('\n')).not.toMatch(/ و /);
  });

  it('names a one-day workshop by its kind: «اليوم», «أهداف الورشة», «برنامج الورشة»', async () => {
    const day = '2019-12-04';
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, includeObjectives: true }, { digits: 'arab' });
    const workshop = {
      ...input,
      forum: { ...seedForum, kind: 'workshop' as const, firstDay: day, lastDay: day },
      programme: {
        ...seedProgramme,
        sessions: seedProgramme.sessions.filter((s) => s.day === '2026-12-04').map((s) => ({ ...s, day })),
      },
    };
    const doc = await readDocx(await writeProgrammeDocx(workshop));
    const text = doc.paragraphs.map(plain);
    expect(text).toContain('اليوم: الأربعاء ٧ ربيع الآخر ١٤٤١هـ الموافق ٤ ديسمبر ٢٠١٩م');
    expect(text).toContain('أهداف الورشة');
    expect(text.join('\n')).not.toContain('اليوم الأول');
    expect(text.join('\n')).not.toContain('أهداف الملتقى');
    expect(doc.part('docProps/core.xml')).toContain('برنامج الورشة');
    const english = await readDocx(
      await writeProgrammeDocx({ ...workshop, options: { ...workshop.options, language: 'en' } }),
    );
    const heading = english.paragraphs.find((p) => p.startsWith('Wednesday')) ?? '';
    expect(heading).toMatch(/^Wednesday 7 .+ 1441 AH \(4 December 2019\)$/);
    expect(english.paragraphs.join('\n')).not.toContain('Day One');
  });
});

describe('a line of the other script alone', () => {
  it('isolates an English-only bio in the Arabic programme whole, its full stop at its end', async () => {
    const doc = await programme({ includeBios: true });
    expect(doc.paragraphs).toContain(`${LRI}Leads the Seoul–Muscat cooperation programme.${PDI}`);
    // A name with no Arabic form in a speakers cell is one unit too.
    expect(doc.paragraphs).toContain(`${LRI}Lee Ji-won${PDI}`);
  });
});
