import { describe, expect, it } from 'vitest';
import { preflight } from '../../../../src/core/export/preflight';
import { writeProgrammeDocx } from '../../../../src/core/export/programme-docx';
import { DEFAULT_EXPORT_OPTIONS, type ProgrammeExport } from '../../../../src/shared/domain/export';
import type { Forum } from '../../../../src/shared/domain/forum';
import type { Directory } from '../../../../src/shared/domain/person';
import type { Programme } from '../../../../src/shared/domain/programme';
import { printed } from './pdf-pages';
import { PERSON, seedDirectory, seedForum, seedInput, seedProgramme } from './seed-002-input';

/**
 * The English programme as it prints: converted by LibreOffice and read back
 * with pdftotext, page by page. With every English field filled in it holds
 * no Arabic letter at all; exported anyway with a gap, the gap is on the page,
 * marked.
 */
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

const OPTIONS: ProgrammeExport = {
  ...DEFAULT_EXPORT_OPTIONS.programme,
  language: 'en',
  includeObjectives: true,
  includeBios: true,
  includeDelegations: true,
};

/** Seed 002 with the English of everything the programme prints, as a coordinator fills it from the pre-flight. */
const forum: Forum = {
  ...seedForum,
  sloganEn: 'Innovative solutions for sustainable municipal services',
  patronEn: 'H.E. Eng. Mohsin bin Mohammed Al Sheikh, Chairman of Muscat Municipality',
  organisersEn: ['Muscat Municipality', 'Sohar Municipality'],
  partnersEn: ['Seoul Metropolitan Government'],
  objectivesEn: [
    'Enrich and exchange experience between the two municipalities',
    'Review the challenges of municipal work and find the best solutions',
    'Adopt development and innovation initiatives in urban development',
  ],
  venue: {
    ...seedForum.venue,
    hotelEn: 'Sheraton Oman Hotel',
    hallEn: 'Oman Hall',
    cityEn: 'Muscat',
    countryEn: 'Oman',
  },
};
const directory: Directory = {
  ...seedDirectory,
  people: seedDirectory.people.map((p) =>
    p.id === PERSON.fatma ? { ...p, bioEn: 'Software engineer; launched the Sohar e-services platform.' } : p,
  ),
};
const programme: Programme = {
  ...seedProgramme,
  sessions: seedProgramme.sessions.map((s) => ({
    ...s,
    placeEn: s.place ? 'Muscat Waterfront project' : '',
    // The panellist typed without a record, written as the English programme needs it.
    items: s.items.map((item) =>
      item.nameWithoutRecord ? { ...item, nameWithoutRecord: 'Eng. Yousuf Al Kindi' } : item,
    ),
  })),
  delegations: seedProgramme.delegations.map((d) => ({
    ...d,
    cityEn: d.city === 'سيؤول' ? 'Seoul' : 'Sohar',
    countryEn: d.country === 'سلطنة عمان' ? 'Oman' : 'South Korea',
  })),
};

async function englishPages(records: { forum: Forum; directory: Directory; programme: Programme }) {
  const input = { ...seedInput(OPTIONS), ...records };
  return (await printed(await writeProgrammeDocx(input), 'docx')).pages;
}

describe('the English programme, read back from print', () => {
  it('holds no Arabic letter once the pre-flight finds no English missing', async () => {
    const records = { forum, directory, programme };
    const left = preflight({ ...records, registrations: [], options: OPTIONS }).findings;
    expect(left.filter((f) => f.problem === 'noEnglish')).toEqual([]);
    const pages = await englishPages(records);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join('\n')).toContain(forum.sloganEn);
    expect(pages.join('\n')).toContain('Sheraton Oman Hotel');
    const withArabic = pages.flatMap((page, i) =>
      page
        .split('\n')
        .filter((line) => ARABIC_LETTER.test(line))
        .map((line) => `page ${i + 1}: ${line}`),
    );
    expect(withArabic).toEqual([]);
  }, 120_000);

  it('prints a gap exported anyway on the page, marked, and nothing else in Arabic', async () => {
    const { sloganEn: _none, ...withoutSlogan } = forum;
    const pages = await englishPages({ forum: withoutSlogan, directory, programme });
    const text = pages.join('\n');
    expect(text).toContain('[Arabic only:');
    // The slogan's Arabic is printed inside its mark (pdftotext reads Arabic words in their visual order).
    const arabicLines = text.split('\n').filter((line) => ARABIC_LETTER.test(line));
    expect(arabicLines).toHaveLength(1);
    expect(arabicLines[0]).toMatch(/\[Arabic only:.*\]/);
    for (const word of seedForum.slogan.split(' ')) {
      expect(arabicLines[0]?.includes(word) || arabicLines[0]?.includes([...word].reverse().join(''))).toBe(true);
    }
  }, 120_000);
});
