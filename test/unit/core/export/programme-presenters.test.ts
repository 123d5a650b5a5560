/**
 * Papers beside their presenters: each paper, talk and speech of a session
 * on a row of its own with the person who gives it, in the order the
 * coordinator set, read back from the Word file's XML and from the PDF
 * LibreOffice prints (pdftotext -layout: what shares a line on paper).
 */
import { describe, expect, it } from 'vitest';
import { writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../../../../src/shared/domain/export';
import type { Programme, SessionItem } from '../../../../src/shared/domain/programme';
import { newSession } from '../../../../src/shared/domain/programme-edit';
import { paragraphsOf, readDocx } from './docx-reader';
import { printed } from './pdf-pages';
import { DAY_2, HALL, PERSON, SESSION, seedInput, seedProgramme } from './seed-002-input';

const id = (n: number) => `00000000-0000-4000-8000-${String(950_000 + n).padStart(12, '0')}`;

const paper = (n: number, personId: string, titleAr: string, titleEn: string, time?: SessionItem['time']) => ({
  id: id(n),
  kind: 'paper' as const,
  titleAr,
  titleEn,
  personId,
  nameWithoutRecord: '',
  ...(time ? { time } : {}),
});

/**
 * Seed 002 with a papers session whose third paper is given by سعادة سالم
 * المقبالي, the highest in rank: an older version listed him first, so a
 * reader gave him paper 1. Its speaker order is the ranked one an older
 * version stored; the opening's speeches are in the order the coordinator
 * set against rank (the guest municipality before the patron).
 */
const PAPERS = [
  { ar: 'إدارة النفايات', en: 'Waste management', presenterAr: 'البلوشية', presenterEn: 'Balushi' },
  { ar: 'شبكات المياه', en: 'Water networks', presenterAr: 'كيم مين سو', presenterEn: 'Min-su' },
  { ar: 'الإنارة الذكية', en: 'Smart lighting', presenterAr: 'المقبالي', presenterEn: 'Maqbali' },
];

const programme: Programme = {
  ...seedProgramme,
  sessions: [
    ...seedProgramme.sessions.map((s) =>
      s.id === SESSION.opening ? { ...s, speakerOrder: [PERSON.salim, PERSON.patron] } : s,
    ),
    newSession(id(1), {
      kind: 'papers',
      titleAr: 'جلسة أوراق العمل: الخدمات',
      titleEn: 'Papers: services',
      day: DAY_2,
      start: 14 * 60,
      end: 15 * 60 + 30,
      hallId: HALL.sohar,
      chairId: PERSON.hosny,
      items: [
        paper(2, PERSON.fatma, PAPERS[0]?.ar ?? '', PAPERS[0]?.en ?? ''),
        paper(3, PERSON.kim, PAPERS[1]?.ar ?? '', PAPERS[1]?.en ?? '', { start: 14 * 60 + 30, end: 15 * 60 }),
        paper(4, PERSON.salim, PAPERS[2]?.ar ?? '', PAPERS[2]?.en ?? ''),
      ],
      speakerOrder: [PERSON.salim, PERSON.kim, PERSON.fatma],
    }),
  ],
};

function bytes(options: Partial<ProgrammeExport>) {
  const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, ...options });
  return writeProgrammeDocx({ ...input, programme });
}

/** The table rows' text, each row's paragraphs joined by " | ". */
async function rows(options: Partial<ProgrammeExport>): Promise<string[]> {
  const doc = await readDocx(await bytes(options));
  return [...doc.document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => paragraphsOf(row[0]).join(' | '));
}

const rowWith = (all: string[], text: string) => all.findIndex((r) => r.includes(text));
const flat = (line: string) => line.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

/** Every line of the printed file as laid out on paper, direction marks taken out. */
async function printedLines(options: Partial<ProgrammeExport>): Promise<string[]> {
  const file = await printed(await bytes(options), 'docx');
  return file.layoutPages.flatMap((page) => page.split('\n')).map(flat);
}

describe('each paper beside its presenter', () => {
  it('gives each paper a row of its own with its presenter, in running order, not by rank (Word XML)', async () => {
    for (const language of ['ar', 'en'] as const) {
      const all = await rows({ language });
      const at = PAPERS.map((p) => rowWith(all, language === 'ar' ? p.ar : p.en));
      expect(at.every((i) => i > 0)).toBe(true);
      // One after the other, in the order the coordinator put them.
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(new Set(at).size).toBe(3);
      for (const [i, p] of PAPERS.entries()) {
        const row = all[at[i] ?? -1] ?? '';
        expect(row).toContain(language === 'ar' ? p.presenterAr : p.presenterEn);
        // Nobody else's name on a paper's row.
        for (const other of PAPERS.filter((o) => o !== p))
          expect(row).not.toContain(language === 'ar' ? other.presenterAr : other.presenterEn);
      }
      // The session's own row names its chair, not the presenters.
      const session = all[rowWith(all, language === 'ar' ? 'جلسة أوراق العمل: الخدمات' : 'Papers: services')] ?? '';
      expect(session).toContain(language === 'ar' ? 'رئيس الجلسة: سعادة الدكتور خالد' : 'Chair: H.E. Dr. Khalid');
      expect(session).not.toContain(language === 'ar' ? 'المقبالي' : 'Maqbali');
    }
  });

  it('prints a paper with its own time beside its title, in the digits of its language', async () => {
    const ar = await rows({ language: 'ar' });
    // Each clock isolated, so the start stands on the right, where Arabic starts reading.
    expect(ar[rowWith(ar, 'شبكات المياه')]).toContain('\u206614:30\u2069 – \u206615:00\u2069 · شبكات المياه');
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language: 'ar' }, { digits: 'arab' });
    const arab = await readDocx(await writeProgrammeDocx({ ...input, programme }));
    expect(arab.paragraphs.join('\n')).toContain('\u2066١٤:٣٠\u2069 – \u2066١٥:٠٠\u2069 · شبكات المياه');
    const en = await rows({ language: 'en' });
    expect(en[rowWith(en, 'Water networks')]).toContain('14:30 – 15:00 · Water networks');
    expect(en[rowWith(en, 'Waste management')]).toContain('– Waste management');
  });

  it("lists a ceremony's speeches in the order the coordinator set, each beside its speaker", async () => {
    const all = await rows({ language: 'ar' });
    const guest = rowWith(all, 'كلمة بلدية صحار');
    const patron = rowWith(all, 'كلمة راعي الحفل');
    expect(guest).toBeGreaterThan(0);
    expect(guest).toBeLessThan(patron);
    expect(all[guest]).toContain('سعادة سالم بن سعيد المقبالي');
    expect(all[patron]).toContain('معالي المهندس محسن بن محمد الشيخ');
  });

  it('side by side, names the presenter under the paper in the same cell, in each language', async () => {
    const all = await rows({ language: 'both', bilingualLayout: 'side_by_side' });
    const row = all[rowWith(all, 'الإنارة الذكية')] ?? '';
    expect(row).toContain('يقدمها: سعادة سالم بن سعيد المقبالي، مدير عام بلدية صحار');
    expect(row).toContain('Smart lighting');
    expect(row).toContain('Presented by H.E. Salim bin Said Al Maqbali, Director General of Sohar Municipality');
    const speech = all[rowWith(all, 'كلمة راعي الحفل')] ?? '';
    expect(speech).toContain('يلقيها: معالي المهندس محسن بن محمد الشيخ');
    expect(speech).toContain('By H.E. Eng. Mohsin bin Mohammed Al Sheikh');
  });

  it.each(['ar', 'en'] as const)(
    'prints each paper on the same line as its presenter (%s, LibreOffice → PDF → pdftotext -layout)',
    async (language) => {
      const lines = await printedLines({ language });
      const at = PAPERS.map((p) => lines.findIndex((l) => l.includes(language === 'ar' ? p.ar : p.en)));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      for (const [i, p] of PAPERS.entries())
        expect(lines[at[i] ?? -1]).toContain(language === 'ar' ? p.presenterAr : p.presenterEn);
    },
    120_000,
  );

  it('side by side, prints the presenter right under the paper in both columns (PDF)', async () => {
    const lines = await printedLines({ language: 'both', bilingualLayout: 'side_by_side' });
    for (const [i, p] of PAPERS.entries()) {
      const at = lines.findIndex((l) => l.includes(p.en));
      expect(at).toBeGreaterThan(0);
      expect(lines[at]).toContain(p.ar);
      const next = PAPERS[i + 1];
      const end = next ? lines.findIndex((l) => l.includes(next.en)) : at + 4;
      const below = lines.slice(at + 1, end).join(' ');
      expect(below).toContain(p.presenterEn);
      expect(below).toContain(p.presenterAr);
    }
  }, 120_000);
});
