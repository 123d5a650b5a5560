import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { writeBadges } from '../../../../src/core/export/badges';
import { ExportCancelled } from '../../../../src/core/export/export-progress';
import { type BadgeExport, DEFAULT_EXPORT_OPTIONS } from '../../../../src/shared/domain/export';
import type { Registration } from '../../../../src/shared/domain/registration';
import { count, readDocx } from './docx-reader';
import { barWidths, cellsOf, outerRows, page, pictures, plain, qrModules, rowHeight, textOf } from './pieces-reader';
import { seedInput, seedRegistrations } from './seed-002-input';

function input(options: Partial<BadgeExport> = {}, registrations?: Registration[]) {
  const made = seedInput({ ...DEFAULT_EXPORT_OPTIONS.badges, ...options });
  return registrations ? { ...made, registrations } : made;
}

async function badges(options: Partial<BadgeExport> = {}, registrations?: Registration[]) {
  const bytes = await writeBadges(input(options, registrations));
  const doc = await readDocx(bytes);
  const rows = outerRows(doc.document);
  const cells = rows
    .flatMap(cellsOf)
    .map(textOf)
    .filter((text) => text.length > 0);
  return { bytes, doc, rows, cells };
}

/** The seed's registrants printed by default: all but the cancelled one, by category then Arabic name. */
const DEFAULT_ORDER = [
  'معالي المهندس محسن بن محمد الشيخ', // vip
  'سعادة الدكتور خالد بن سالم الحسني', // speakers
  'المهندسة فاطمة بنت علي البلوشية',
  'السيد كيم مين سو', // delegates
  'Lee Ji-won',
  // Participants: a name starting with a symbol ("=") sorts first (the collator ignores punctuation, not symbols).
  '=HYPERLINK("http://evil.example","انقر")',
  'أحمد بن سيف الراشدي',
  'مريم بنت خميس الهنائية',
  'يوسف بن أحمد الكندي', // media
  'شيخة بنت سالم الحارثية', // staff
];

describe('name badges (seed 002)', () => {
  it('prints one badge per registrant chosen, by category then name, with the forum, position and organisation', async () => {
    const { cells } = await badges();
    expect(cells.map((text) => text[1])).toEqual(DEFAULT_ORDER);
    expect(cells[1]).toEqual([
      'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      'سعادة الدكتور خالد بن سالم الحسني',
      'مدير عام التخطيط العمراني',
      'بلدية مسقط',
      '10002',
      'متحدث',
    ]);
  });

  it('prints the VIPs in protocol order, by name within a rank, before the other categories', async () => {
    const vip = (n: number, honorific: Registration['honorific'], fullName: string): Registration => ({
      ...(seedRegistrations[0] as Registration),
      id: `00000000-0000-4000-8000-0000000980${String(n).padStart(2, '0')}`,
      code: String(30_000 + n),
      honorific,
      title: 'none',
      fullName,
    });
    const registrations = [
      vip(1, 'saada', 'أحمد العبري'),
      vip(2, 'sheikh', 'بدر الهنائي'),
      vip(3, 'maali', 'سيف الرواحي'),
      vip(4, 'royal_highness', 'فيصل بن خالد'),
      vip(5, 'maali', 'حمد الكندي'),
      ...seedRegistrations.slice(1),
    ];
    const { cells } = await badges({}, registrations);
    expect(cells.slice(0, 6).map((text) => text[1])).toEqual([
      'صاحب السمو الملكي فيصل بن خالد',
      'معالي حمد الكندي',
      'معالي سيف الرواحي',
      'سعادة أحمد العبري',
      'الشيخ بدر الهنائي',
      'سعادة الدكتور خالد بن سالم الحسني', // the speakers after, by name
    ]);
  });

  it('lays four badges on an A4 sheet, two by two, in rows that never split, between cut lines', async () => {
    const { doc, rows } = await badges();
    const a4 = page(doc.document);
    expect([a4.width, a4.height, a4.landscape]).toEqual([11906, 16838, false]);
    expect(rows).toHaveLength(5); // 10 badges, 2 a row
    for (const row of rows) {
      expect(cellsOf(row)).toHaveLength(2);
      const { exact, cantSplit } = rowHeight(row);
      expect(cantSplit).toBe(true);
      // Two rows fill a sheet and a third does not fit: four badges a page.
      expect(exact).not.toBeNull();
      expect(2 * (exact ?? 0)).toBeLessThanOrEqual(a4.bodyHeight - 20);
      expect(3 * (exact ?? 0)).toBeGreaterThan(a4.bodyHeight);
    }
    expect(doc.document).toMatch(/<w:tblBorders><w:top w:val="dashed"[\s\S]*?<w:insideV w:val="dashed"/);
  });

  it('lays one badge on each A6 page, without cut lines', async () => {
    const { doc, rows } = await badges({ size: 'a6' });
    const a6 = page(doc.document);
    expect([a6.width, a6.height]).toEqual([5953, 8391]);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(cellsOf(row)).toHaveLength(1);
      const { exact, cantSplit } = rowHeight(row);
      expect(cantSplit).toBe(true);
      expect(exact ?? 0).toBeLessThanOrEqual(a6.bodyHeight - 20);
      expect(2 * (exact ?? 0)).toBeGreaterThan(a6.bodyHeight);
    }
    expect(doc.document).not.toContain('w:val="dashed"');
  });

  it('fills the last sheet with empty places', async () => {
    const { rows } = await badges({ categories: ['vip', 'delegate'] });
    expect(rows).toHaveLength(2);
    const [last, empty] = cellsOf(rows[1] ?? '').map(textOf);
    expect(last?.[1]).toBe(DEFAULT_ORDER[4]);
    expect(empty).toEqual([]);
  });

  it('prints a band in the colour of each category, its name in white', async () => {
    const { doc } = await badges();
    expect(doc.document).toMatch(
      /<w:shd w:fill="8B1E3F"[^>]*\/>[\s\S]*?<w:color w:val="FFFFFF"\/>[\s\S]*?<w:t[^>]*>كبار الشخصيات</,
    );
    for (const colour of ['8B1E3F', '1F4E79', '2E6B30', '5B5B5B', 'B35900', '5A2D82']) {
      expect(doc.document).toContain(`w:fill="${colour}"`);
    }
  });

  it('writes Arabic right to left, in the document font, embedded', async () => {
    const { doc } = await badges();
    expect(count(doc.document, /<w:bidi\/>/)).toBeGreaterThan(30);
    // The sheet's table, and each badge's own and the one of its barcode and QR code.
    expect(count(doc.document, /<w:bidiVisual\/>/)).toBe(21);
    expect(doc.part('word/styles.xml')).toMatch(
      /<w:rFonts w:ascii="Amiri" w:cs="Amiri" w:eastAsia="Amiri" w:hAnsi="Amiri"\/>/,
    );
    expect(doc.part('word/fontTable.xml')).toContain('<w:embedRegular');
    expect(doc.files.filter((f) => /^word\/fonts\/.+\.odttf$/.test(f)).length).toBeGreaterThanOrEqual(1);
  });

  it('draws each badge code as a Code 128 barcode, with the digits under it', async () => {
    const { bytes, cells } = await badges({ language: 'both' });
    const drawn = (await pictures(bytes)).filter((p) => p.description.startsWith('Code 128:'));
    expect(drawn.map((p) => p.code)).toEqual(cells.map((text) => text.find((line) => /^\d+$/.test(line))));
    for (const { code, png } of drawn) {
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The bars are those bwip-js encodes for the code: 4 pixels a module.
      const [symbol] = bwipjs.raw('code128', code, {});
      expect(symbol && 'sbs' in symbol ? symbol.sbs : []).toEqual(barWidths(png).map((w) => w / 4));
    }
  });

  it('draws each badge code as a QR code too, at error correction H, with a quiet zone of four modules', async () => {
    const { bytes, cells } = await badges({ size: 'a6' });
    const all = await pictures(bytes);
    const qr = all.filter((p) => p.description.startsWith('QR code:'));
    const codes = cells.map((text) => text.find((line) => /^\d+$/.test(line)));
    expect(qr.map((p) => p.code)).toEqual(codes);
    // Each badge: its Code 128 then its QR code, both of its code.
    expect(all.map((p) => p.description)).toEqual(codes.flatMap((code) => [`Code 128: ${code}`, `QR code: ${code}`]));
    for (const { png } of qr) {
      const modules = qrModules(png, 4);
      // The smallest QR code, 21 modules, with four white ones all round.
      expect(modules).toHaveLength(29);
      const white = '.'.repeat(29);
      for (const row of [...modules.slice(0, 4), ...modules.slice(-4)]) expect(row).toBe(white);
      for (const row of modules) expect([row.slice(0, 4), row.slice(-4)]).toEqual(['....', '....']);
      const symbol = modules.slice(4, -4).map((row) => row.slice(4, -4));
      // The error correction level as the symbol states it: the format bits beside the top-left corner square.
      const bit = (i: number) =>
        (i < 6 ? symbol[i]?.[8] : i < 8 ? symbol[i + 1]?.[8] : i === 8 ? symbol[8]?.[7] : symbol[8]?.[14 - i]) === '#';
      const format = Array.from({ length: 15 }, (_, i) => (bit(i) ? 1 << i : 0)).reduce((a, b) => a | b, 0);
      const level = ['M', 'L', 'H', 'Q'][(format ^ 0b101010000010010) >> 13];
      expect(level).toBe('H');
    }
  });

  it('prints the QR code square, beside the barcode and no wider together than the badge, for a twelve-digit code', async () => {
    const long = { ...(seedRegistrations[0] as Registration), code: '123456789012' };
    const { doc, rows } = await badges({}, [long]);
    const badge = cellsOf(rows[0] ?? '')[0] ?? '';
    // The part with the symbols: a table of two cells in one row, the Code 128 and its digits, then the QR code.
    const symbols = badge.match(/<w:tbl>(?:(?!<w:tbl>)[\s\S])*?descr="QR code[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
    const [bars, square] = cellsOf(symbols);
    expect(textOf(bars ?? '')).toEqual(['123456789012']);
    expect(bars).toContain('descr="Code 128: 123456789012"');
    expect(square).toContain('descr="QR code: 123456789012"');
    const emuPerMm = 36_000;
    const [width, height] = (square?.match(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/) ?? []).slice(1).map(Number);
    expect(width).toBe(height);
    // 0.762 mm a module: three hundredths of an inch, a whole number of dots at 200, 300 and 600 dpi.
    expect(Math.abs((width ?? 0) / emuPerMm - 29 * 0.762)).toBeLessThan(0.01);
    const table = Number(symbols.match(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/)?.[1]);
    // Within the badge's text width (98 mm less 4 mm each side), centred.
    expect(table).toBeLessThanOrEqual(Math.round((90 * 1440) / 25.4));
    expect(symbols).toContain('<w:jc w:val="center"/>');
    expect(doc.document).toContain('descr="Code 128: 123456789012"');
  });

  it('keeps the scanned digits Latin under the barcode when the settings print Arabic-Indic ones', async () => {
    const made = seedInput({ ...DEFAULT_EXPORT_OPTIONS.badges }, { digits: 'arab' });
    const doc = await readDocx(await writeBadges(made));
    const texts = outerRows(doc.document).flatMap(cellsOf).map(textOf);
    expect(texts[0]).toContain('10001');
  });

  it('prints only the chosen categories and statuses', async () => {
    const speakers = await badges({ categories: ['speaker'] });
    expect(speakers.cells.map((text) => text[1])).toEqual([
      'سعادة الدكتور خالد بن سالم الحسني',
      'المهندسة فاطمة بنت علي البلوشية',
    ]);
    const defaults = await badges();
    expect(defaults.cells.flat().join(' ')).not.toContain('سعيد بن علي');
    const cancelled = await badges({ statuses: ['cancelled'] });
    // Its name and organisation held a tab and a carriage return: printed on one line.
    expect(cancelled.cells.map((text) => text.slice(1, 3))).toEqual([['سعيد بن علي', 'جهة']]);
  });

  it('prints English badges left to right, and both languages with the English name under the Arabic one', async () => {
    const english = await badges({ language: 'en' });
    expect(english.doc.document).not.toContain('<w:bidiVisual/>');
    expect(english.cells[0]).toEqual([
      'Second Experience Exchange Forum of the Municipalities of Muscat and Sohar',
      'H.E. Eng. Mohsin Al Sheikh',
      // His own English position and organisation, typed beside the Arabic.
      'Chairman of Muscat Municipality',
      'Muscat Municipality',
      '10001',
      'VIP',
    ]);
    // One typed in Arabic alone is marked, never printed in Arabic silently.
    expect(english.cells.flat()).toContain('[Arabic only: مدير عام التخطيط العمراني]');
    const both = await badges({ language: 'both' });
    expect(both.cells[0]).toEqual([
      'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      'Second Experience Exchange Forum of the Municipalities of Muscat and Sohar',
      'معالي المهندس محسن بن محمد الشيخ',
      'H.E. Eng. Mohsin Al Sheikh',
      'رئيس بلدية مسقط',
      'بلدية مسقط',
      '10001',
      'كبار الشخصيات · VIP',
    ]);
    // A registrant with one name prints it once.
    expect(both.cells[2]?.[2]).toBe('المهندسة فاطمة بنت علي البلوشية');
    expect(both.cells[2]?.[3]).toBe('رئيسة قسم الخدمات الرقمية');
  });

  it('shrinks a long name to fit the badge instead of cutting it', async () => {
    const long = {
      ...(seedRegistrations[0] as Registration),
      fullName: 'عبدالرحمن بن عبدالعزيز بن فيصل بن عبدالله بن محمد بن سعود بن عبدالرحمن آل سعود الفرحان الكبير',
      position: 'مساعد المدير العام للشؤون الإدارية والمالية والموارد البشرية والتخطيط الاستراتيجي والتطوير المؤسسي',
    };
    const { doc, cells } = await badges({}, [seedRegistrations[1] as Registration, long]);
    expect(cells[0]?.[1]).toContain(long.fullName);
    const sizes = [...doc.document.matchAll(/<w:b\/><w:bCs\/><w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    // The short name at its full 26 points, the long one smaller.
    expect(sizes).toContain(52);
    expect(Math.min(...sizes)).toBeLessThan(52);
  });

  it('says so when nobody matches', async () => {
    const { doc, rows } = await badges({ categories: ['media'], statuses: ['cancelled'] });
    expect(rows).toHaveLength(0);
    expect(doc.paragraphs.join(' ')).toContain('لا أحد يطابق الاختيار');
  });

  it('reports progress a badge at a time, and stops when cancelled', async () => {
    const made = input();
    await writeBadges(made);
    expect([made.progress.done, made.progress.total]).toEqual([10, 10]);
    const cancelled = input();
    cancelled.progress.cancel();
    await expect(writeBadges(cancelled)).rejects.toBeInstanceOf(ExportCancelled);
  });
});

describe('names on badges as typed, broken at word boundaries', () => {
  const NBSP = '\u00A0';
  it('prints a name that starts with = + - @ literally, as text, never as a field or formula', async () => {
    const first = seedRegistrations[0] as Registration;
    const typed = ['=أحمد بن سيف', '+سالم', '-Hannah Müller', '@علي'];
    const registrations = typed.map((fullName, i) => ({
      ...first,
      id: `${first.id.slice(0, -2)}9${i}`,
      code: `9000${i}`,
      fullName,
    }));
    const { doc } = await badges({}, registrations);
    const printed = doc.paragraphs.map(plain);
    for (const name of typed) expect(printed.some((p) => p.includes(name))).toBe(true);
    // Text runs only: no field code that Word would evaluate.
    expect(doc.document).not.toMatch(/<w:instrText|<w:fldSimple/);
  });

  it('keeps «بن X» together and never leaves the family name alone on a line', async () => {
    const long = { ...(seedRegistrations[0] as Registration), fullName: 'عبدالرحمن بن عبدالله بن سعيد الكندي' };
    const { doc } = await badges({}, [long]);
    expect(doc.paragraphs.join('\n')).toContain(`عبدالرحمن بن${NBSP}عبدالله بن${NBSP}سعيد${NBSP}الكندي`);
  });
});
