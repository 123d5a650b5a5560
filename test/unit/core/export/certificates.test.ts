import { describe, expect, it } from 'vitest';
import { writeCertificates } from '../../../../src/core/export/certificates';
import { ExportCancelled } from '../../../../src/core/export/export-progress';
import {
  type CertificateExport,
  certificateExportSchema,
  DEFAULT_EXPORT_OPTIONS,
} from '../../../../src/shared/domain/export';
import { REGISTRATION_CATEGORIES } from '../../../../src/shared/domain/registration';
import type { Settings } from '../../../../src/shared/domain/settings';
import { AppError } from '../../../../src/shared/errors';
import { count, readDocx } from './docx-reader';
import { printed } from './pdf-pages';
import { outerRows, page, rowHeight, textOf } from './pieces-reader';
import { SESSION, seedForum, seedInput } from './seed-002-input';
import { solidPng } from './test-images';

const SIGNER = { signerName: 'م. سالم بن سعيد المقبالي', signerPosition: 'رئيس اللجنة المنظمة' };
/** Every category: the tests of wording and layout print for everyone the other filters let through. */
const EVERYONE = { categories: [...REGISTRATION_CATEGORIES] };

function input(options: Partial<CertificateExport> = {}, settings: Partial<Settings> = {}) {
  return seedInput({ ...DEFAULT_EXPORT_OPTIONS.certificates, ...SIGNER, ...EVERYONE, ...options }, settings);
}

async function certificates(options: Partial<CertificateExport> = {}, settings: Partial<Settings> = {}) {
  const doc = await readDocx(await writeCertificates(input(options, settings)));
  const rows = outerRows(doc.document);
  return { doc, rows, texts: rows.map(textOf) };
}

/** The attendee's name: the line after "تشهد اللجنة المنظمة بأن" / "… certifies that". */
const names = (texts: string[][]) => texts.map((text) => text[4]);

describe('certificates of attendance (seed 002)', () => {
  it('prints one for each attendee of the workshop who checked in, by name', async () => {
    const { texts } = await certificates({ sessionId: SESSION.workshopA });
    // مريم chose the workshop but has not checked in.
    expect(names(texts)).toEqual([
      'السيد أحمد بن سيف الراشدي',
      'سعادة الدكتور خالد بن سالم الحسني',
      'المهندسة فاطمة بنت علي البلوشية',
    ]);
    const everyone = await certificates({ sessionId: SESSION.workshopA, onlyAttended: false });
    expect(names(everyone.texts)).toContain('السيدة مريم بنت خميس الهنائية');
    expect(everyone.rows).toHaveLength(4);
  });

  it('prints the whole forum for those who attended it, never the cancelled', async () => {
    const attended = await certificates();
    expect(names(attended.texts)).toEqual([
      'السيد أحمد بن سيف الراشدي',
      'سعادة الدكتور خالد بن سالم الحسني',
      'السيدة شيخة بنت سالم الحارثية',
      'المهندسة فاطمة بنت علي البلوشية',
    ]);
    const all = await certificates({ onlyAttended: false });
    expect(all.rows).toHaveLength(10);
    expect(all.texts.flat().join(' ')).not.toContain('سعيد بن علي');
  });

  it('lays each on an A4 landscape page of its own, in a row that never splits', async () => {
    const { doc, rows } = await certificates();
    const a4 = page(doc.document);
    expect([a4.width, a4.height, a4.landscape]).toEqual([16838, 11906, true]);
    for (const row of rows) {
      const { exact, cantSplit } = rowHeight(row);
      expect(cantSplit).toBe(true);
      expect(2 * (exact ?? 0)).toBeGreaterThan(a4.bodyHeight);
      expect(exact ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(a4.bodyHeight - 20);
    }
  });

  it('says what was attended, where and when, in both calendars, and who signs, on every page', async () => {
    const { texts } = await certificates({ sessionId: SESSION.workshopA });
    expect(texts[1]).toEqual([
      'بلدية مسقط  ·  بلدية صحار',
      'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      'شهادة حضور',
      'تشهد اللجنة المنظمة بأن',
      'سعادة الدكتور خالد بن سالم الحسني',
      'قد حضر «ورشة عمل: الخدمات البلدية الرقمية»',
      'ضمن أعمال الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      'في فندق شيراتون عمان، قاعة عمان، مسقط، سلطنة عمان',
      'بتاريخ 24 جمادى الآخرة 1448هـ الموافق 4 ديسمبر 2026م',
      'تاريخ الإصدار',
      '25 جمادى الآخرة 1448هـ',
      '5 ديسمبر 2026م',
      'رئيس اللجنة المنظمة',
      'م. سالم بن سعيد المقبالي',
    ]);
    for (const text of texts) expect(text.slice(-2)).toEqual([SIGNER.signerPosition, SIGNER.signerName]);
  });

  it('agrees with the attendee: حضرت for a woman, المهندسة, السيدة', async () => {
    const { texts } = await certificates({ sessionId: SESSION.workshopA, onlyAttended: false });
    const of = (name: string) => texts.find((text) => text[4]?.includes(name)) ?? [];
    expect(of('فاطمة').slice(4, 6)).toEqual([
      'المهندسة فاطمة بنت علي البلوشية',
      'قد حضرت «ورشة عمل: الخدمات البلدية الرقمية»',
    ]);
    expect(of('مريم')[5]).toMatch(/^قد حضرت /);
    expect(of('أحمد')[5]).toMatch(/^قد حضر «/);
  });

  it('prints the forum’s days, the Gregorian calendar first and Arabic-Indic digits when the settings say so', async () => {
    const { texts } = await certificates({}, { primaryCalendar: 'gregorian', digits: 'arab' });
    expect(texts[0]?.[5]).toBe('قد حضر الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار');
    expect(texts[0]?.[7]).toBe(
      'في الفترة من ٤ ديسمبر ٢٠٢٦م إلى ٥ ديسمبر ٢٠٢٦م الموافق من ٢٤ جمادى الآخرة ١٤٤٨هـ إلى ٢٥ جمادى الآخرة ١٤٤٨هـ',
    );
    expect(texts[0]?.slice(9, 11)).toEqual(['٥ ديسمبر ٢٠٢٦م', '٢٥ جمادى الآخرة ١٤٤٨هـ']);
  });

  it('prints English certificates left to right, Arabic names and places isolated in them', async () => {
    const { doc, texts } = await certificates({
      language: 'en',
      sessionId: SESSION.workshopB,
      onlyAttended: false,
      signerName: 'Eng. Salim Al Maqbali',
      signerPosition: 'Chair of the Organising Committee',
    });
    expect(doc.document).not.toContain('<w:bidiVisual/>');
    // By Arabic name (Lee has none; Arabic letters sort before Latin ones).
    expect(names(texts)).toEqual(['Mr. أحمد بن سيف الراشدي', 'Mr. Kim Min-su', 'Mr. Lee Ji-won']);
    expect(texts[1]?.slice(2, 9)).toEqual([
      'Certificate of Attendance',
      'The organising committee certifies that',
      'Mr. Kim Min-su',
      'attended “Workshop: smart cities, the Seoul experience”',
      'as part of “Second Experience Exchange Forum of the Municipalities of Muscat and Sohar”',
      // A place with no English is marked, never printed as if it were English.
      'at [Arabic only: فندق شيراتون عمان], Sohar Hall, [Arabic only: مسقط], [Arabic only: سلطنة عمان]',
      'on 24 Jumada II 1448 AH (4 December 2026)',
    ]);
    // The Arabic name in an English line is isolated, so that it keeps its place after "Mr.".
    expect(doc.document).toContain('Mr. \u2068أحمد بن سيف الراشدي\u2069');
    expect(texts[1]?.slice(-2)).toEqual(['Chair of the Organising Committee', 'Eng. Salim Al Maqbali']);
  });

  it('writes the dates of English certificates in Latin digits, with Arabic-Indic digits chosen', async () => {
    const english = await certificates({ language: 'en' }, { digits: 'arab' });
    const text = english.texts
      .flat()
      .join('\n')
      .replace(/\u2067[^\u2069]*\u2069/g, '');
    expect(text).toContain('December 2026');
    expect(text).toContain('from 24 Jumada II 1448 AH to 25 Jumada II 1448 AH (4 December 2026 to 5 December 2026)');
    expect(text).not.toMatch(/[\u0660-\u0669]/);
    const arabic = await certificates({ language: 'ar' }, { digits: 'arab' });
    expect(arabic.texts.flat().join('\n')).toContain('ديسمبر');
    expect(arabic.texts.flat().join('\n')).toMatch(/[\u0660-\u0669]/);
  });

  it('goes by default to the participants and delegates who attended: not a VIP, a speaker or the staff', async () => {
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.certificates, ...SIGNER });
    const texts = outerRows((await readDocx(await writeCertificates(input))).document).map(textOf);
    // خالد and فاطمة (speakers) and شيخة (staff) attended too; محسن (VIP) is confirmed.
    expect(names(texts)).toEqual(['السيد أحمد بن سيف الراشدي']);
    const chosen = await certificates({ categories: ['participant', 'staff'] });
    expect(names(chosen.texts)).toEqual(['السيد أحمد بن سيف الراشدي', 'السيدة شيخة بنت سالم الحارثية']);
  });

  it('goes to whom the coordinator chooses: one added outside the rule, one removed from it', async () => {
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.certificates, ...SIGNER });
    const ids = Object.fromEntries(input.registrations.map((r) => [r.fullName || r.fullNameEn, r.id]));
    const chosen = await certificates({
      categories: DEFAULT_EXPORT_OPTIONS.certificates.categories,
      // شيخة (staff) added; أحمد (a participant who came) removed; the cancelled سعيد added, and still left out.
      addedIds: [ids['شيخة بنت سالم الحارثية'] ?? '', ids['\tسعيد بن علي'] ?? ''],
      removedIds: [ids['أحمد بن سيف الراشدي'] ?? ''],
    });
    expect(names(chosen.texts)).toEqual(['السيدة شيخة بنت سالم الحارثية']);
    // For a workshop, only those who chose it can be added: كيم chose the other one.
    const workshop = await certificates({
      sessionId: SESSION.workshopA,
      categories: DEFAULT_EXPORT_OPTIONS.certificates.categories,
      addedIds: [ids['كيم مين سو'] ?? '', ids['خالد بن سالم الحسني'] ?? ''],
    });
    expect(names(workshop.texts)).toEqual(['السيد أحمد بن سيف الراشدي', 'سعادة الدكتور خالد بن سالم الحسني']);
    // Options saved before the choice existed read as no exceptions; an id that is not one is refused.
    const { addedIds, removedIds, ...older } = DEFAULT_EXPORT_OPTIONS.certificates;
    expect(certificateExportSchema.parse(older)).toMatchObject({ addedIds: [], removedIds: [] });
    expect(certificateExportSchema.safeParse({ ...older, addedIds: ['=1+1'] }).success).toBe(false);
  });

  it('thanks speakers and presenters with a certificate of appreciation instead', async () => {
    const { texts } = await certificates({ certificate: 'appreciation', categories: ['speaker'] });
    expect(names(texts)).toEqual(['سعادة الدكتور خالد بن سالم الحسني', 'المهندسة فاطمة بنت علي البلوشية']);
    expect(texts[1]?.slice(2, 6)).toEqual([
      'شهادة شكر وتقدير',
      'تتقدم اللجنة المنظمة بخالص الشكر والتقدير إلى',
      'المهندسة فاطمة بنت علي البلوشية',
      'على مشاركتها القيّمة في الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
    ]);
    expect(texts[0]?.[5]).toMatch(/^على مشاركته القيّمة في /);
    expect(texts.flat().join(' ')).not.toContain('شهادة حضور');
    const english = await certificates({ certificate: 'appreciation', categories: ['speaker'], language: 'en' });
    expect(english.texts[0]?.slice(2, 4)).toEqual([
      'Certificate of Appreciation',
      'The organising committee extends its thanks and appreciation to',
    ]);
  });

  it('checks each name: no stray formula sign, no title written twice, never a bare name', async () => {
    const base = input({ onlyAttended: false });
    const ahmed = base.registrations[5];
    const maryam = base.registrations[6];
    if (!ahmed || !maryam) throw new Error('seed 002 lost its participants');
    const registrations = [
      { ...ahmed, id: '00000000-0000-4000-8000-000000099001', fullName: '=أحمد الهاشمي' },
      {
        ...maryam,
        id: '00000000-0000-4000-8000-000000099002',
        honorific: 'sayyid' as const,
        gender: 'female' as const,
        fullName: '',
        fullNameEn: 'Dr. Hannah Müller-Schmidt',
      },
      { ...ahmed, id: '00000000-0000-4000-8000-000000099003', fullName: 'م. يوسف بن أحمد الكندي' },
    ];
    const doc = await readDocx(await writeCertificates({ ...base, registrations }));
    const printedNames = names(outerRows(doc.document).map(textOf));
    expect(printedNames).toContain('السيد أحمد الهاشمي');
    expect(printedNames).toContain('المهندس يوسف بن أحمد الكندي');
    expect(printedNames).toContain('الدكتورة Hannah Müller-Schmidt');
    for (const name of printedNames) {
      expect(name).not.toMatch(/[=+@]/);
      expect(name).not.toMatch(/السيدة? (?:Dr|الدكتور)/);
    }
  });

  it('prints the edition when the title does not say it', async () => {
    const base = input();
    const forum = { ...base.forum, titleAr: 'المجلس التنفيذي', editionNumber: 55, editionNoun: 'session' as const };
    const doc = await readDocx(await writeCertificates({ ...base, forum }));
    expect(outerRows(doc.document).map(textOf)[0]).toContain('(الدورة الخامسة والخمسون)');
    const seed = await certificates();
    expect(seed.texts[0]?.join(' ')).not.toContain('(الملتقى الثاني)');
  });

  it('refuses a workshop that is not in the programme', async () => {
    const made = input({ sessionId: '00000000-0000-4000-8000-000000000999' });
    const refused = await writeCertificates(made).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'not_found' });
  });

  it('reports progress a certificate at a time, and stops when cancelled', async () => {
    const made = input();
    await writeCertificates(made);
    expect([made.progress.done, made.progress.total]).toEqual([4, 4]);
    const cancelled = input();
    cancelled.progress.cancel();
    await expect(writeCertificates(cancelled)).rejects.toBeInstanceOf(ExportCancelled);
  });

  it("prints the organisers' logos in a row at the top of each, in the forum's order, still one page each", async () => {
    const wide = { name: `${'a'.repeat(32)}.png`, bytes: solidPng(300, 100, [200, 30, 30]) };
    const square = { name: `${'b'.repeat(32)}.png`, bytes: solidPng(80, 80, [30, 30, 200]) };
    const gone = `${'c'.repeat(32)}.jpg`;
    const made = input();
    const photo = async (name: string) => [wide, square].find((f) => f.name === name)?.bytes ?? null;
    const forum = { ...seedForum, logos: [wide.name, gone, square.name] };
    const bytes = await writeCertificates({ ...made, forum, photo });
    const doc = await readDocx(bytes);
    const rows = outerRows(doc.document);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      // The first paragraph of each certificate: the two logos left (the missing file left out), in order.
      const top = row.match(/<w:p[ >][\s\S]*?<\/w:p>/)?.[0] ?? '';
      expect(count(top, /<w:drawing>/)).toBe(2);
      expect(top).toContain('<w:bidi/>');
      expect(top).toContain('<w:jc w:val="center"/>');
      const extents = [...top.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Number(m[1]) / Number(m[2]));
      expect(extents[0]).toBeCloseTo(3, 2);
      expect(extents[1]).toBeCloseTo(1, 2);
      expect(top).toContain('name="logo-1"');
    }
    // The same two images for every certificate, stored once.
    expect(doc.files.filter((f) => f.startsWith('word/media/'))).toHaveLength(2);
    // Printed: one page a certificate, the organisers and the name under the logos, nothing pushed over.
    const file = await printed(bytes, 'docx');
    expect(file.pages).toHaveLength(4);
    for (const page of file.pages) expect(page).toContain('شهادة حضور');
    const images = file.pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? [];
    expect(images.length).toBeGreaterThanOrEqual(2);
    // Without logos, nothing drawn.
    expect(count((await readDocx(await writeCertificates(made))).document, /<w:drawing>/)).toBe(0);
  }, 120_000);
});
