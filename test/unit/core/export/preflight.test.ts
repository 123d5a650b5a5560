import { describe, expect, it } from 'vitest';
import { preflight } from '../../../../src/core/export/preflight';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../../src/shared/domain/export';
import { lacksEnglish, PREFLIGHT_MAX_FINDINGS } from '../../../../src/shared/domain/export-preflight';
import type { Forum } from '../../../../src/shared/domain/forum';
import type { Directory } from '../../../../src/shared/domain/person';
import type { Programme } from '../../../../src/shared/domain/programme';
import type { Registration } from '../../../../src/shared/domain/registration';
import {
  DELEGATION,
  HALL,
  PERSON,
  SESSION,
  seedDirectory,
  seedForum,
  seedProgramme,
  seedRegistrations,
} from './seed-002-input';

/** Seed 002 with every English field the programme prints filled in. */
const englishForum: Forum = {
  ...seedForum,
  sloganEn: 'Innovative solutions for sustainable municipal services',
  patronEn: 'H.E. Eng. Mohsin bin Mohammed Al Sheikh, Chairman of Muscat Municipality',
  organisersEn: ['Muscat Municipality', 'Sohar Municipality'],
  partnersEn: ['Seoul Metropolitan Government'],
  objectivesEn: ['Enrich and exchange experience', 'Review the challenges', 'Adopt development initiatives'],
  venue: {
    ...seedForum.venue,
    hotelEn: 'Sheraton Oman Hotel',
    hallEn: 'Oman Hall',
    cityEn: 'Muscat',
    countryEn: 'Oman',
  },
};

function check(
  options: Partial<ExportOptions> & Pick<ExportOptions, 'kind'>,
  records: { forum?: Forum; programme?: Programme; directory?: Directory; registrations?: Registration[] } = {},
) {
  return preflight({
    forum: records.forum ?? seedForum,
    programme: records.programme ?? seedProgramme,
    directory: records.directory ?? seedDirectory,
    registrations: records.registrations ?? seedRegistrations,
    options: { ...DEFAULT_EXPORT_OPTIONS[options.kind], ...options } as ExportOptions,
  });
}

const withPeople = (edit: (p: Directory['people'][number]) => Directory['people'][number]): Directory => ({
  ...seedDirectory,
  people: seedDirectory.people.map(edit),
});

describe('the pre-flight before an export', () => {
  it('lists each forum field the English programme would print in Arabic, by field and item', () => {
    const { findings } = check({ kind: 'programme', language: 'en' });
    const forum = findings.filter((f) => f.target.kind === 'forum').map((f) => f.target);
    expect(forum).toEqual([
      { kind: 'forum', field: 'sloganEn', index: null },
      { kind: 'forum', field: 'patronEn', index: null },
      { kind: 'forum', field: 'hotelEn', index: null },
      { kind: 'forum', field: 'hallEn', index: null },
      { kind: 'forum', field: 'cityEn', index: null },
      { kind: 'forum', field: 'countryEn', index: null },
      { kind: 'forum', field: 'organisersEn', index: 0 },
      { kind: 'forum', field: 'organisersEn', index: 1 },
      { kind: 'forum', field: 'partnersEn', index: 0 },
      { kind: 'forum', field: 'objectivesEn', index: 0 },
      { kind: 'forum', field: 'objectivesEn', index: 1 },
      { kind: 'forum', field: 'objectivesEn', index: 2 },
    ]);
    expect(findings.find((f) => f.target.kind === 'forum' && f.target.field === 'sloganEn')?.text).toBe(
      seedForum.slogan,
    );
    expect(findings.every((f) => f.problem === 'noEnglish')).toBe(true);
  });

  it('lists nothing more for the forum once its English is filled; the objectives only when they print', () => {
    const filled = check({ kind: 'programme', language: 'en' }, { forum: englishForum }).findings;
    expect(filled.filter((f) => f.target.kind === 'forum')).toEqual([]);
    const { objectivesEn: _gone, ...withoutObjectives } = englishForum;
    const skipped = check(
      { kind: 'programme', language: 'en', includeObjectives: false },
      { forum: withoutObjectives },
    );
    expect(skipped.findings.filter((f) => f.target.kind === 'forum')).toEqual([]);
  });

  it('asks for no English in an Arabic programme, and for all of it in a bilingual one', () => {
    expect(check({ kind: 'programme', language: 'ar' }).findings.filter((f) => f.problem === 'noEnglish')).toEqual([]);
    const both = check({ kind: 'programme', language: 'both' }).findings.filter((f) => f.problem === 'noEnglish');
    expect(both).toEqual(
      check({ kind: 'programme', language: 'en' }).findings.filter((f) => f.problem === 'noEnglish'),
    );
  });

  it('lists a presenter with no English name, a position and a bio with none, and a hall or a session title', () => {
    const programme: Programme = {
      ...seedProgramme,
      halls: seedProgramme.halls.map((h) => (h.id === HALL.sohar ? { ...h, nameEn: '' } : h)),
      sessions: seedProgramme.sessions.map((s) => (s.id === SESSION.keynote ? { ...s, titleEn: '' } : s)),
    };
    const directory = withPeople((p) => (p.id === PERSON.salim ? { ...p, nameEn: '', positionEn: '' } : p));
    const { findings } = check({ kind: 'programme', language: 'en', includeBios: true }, { programme, directory });
    const targets = findings.map((f) => f.target);
    expect(targets).toContainEqual({ kind: 'hall', id: HALL.sohar, field: 'nameEn' });
    expect(targets).toContainEqual({ kind: 'session', id: SESSION.keynote, field: 'titleEn' });
    expect(targets).toContainEqual({ kind: 'person', id: PERSON.salim, field: 'nameEn' });
    expect(targets).toContainEqual({ kind: 'person', id: PERSON.salim, field: 'positionEn' });
    // Fatma has an Arabic bio only; the bios are asked for.
    expect(targets).toContainEqual({ kind: 'person', id: PERSON.fatma, field: 'bioEn' });
    // Salim chairs one session and speaks in two: listed once for each field.
    expect(targets.filter((t) => t.kind === 'person' && t.id === PERSON.salim && t.field === 'nameEn')).toHaveLength(1);
    // The panellist typed without a record has no English at all: the item is named.
    expect(targets).toContainEqual({
      kind: 'item',
      sessionId: SESSION.panel,
      id: expect.any(String),
      field: 'nameWithoutRecord',
    });
  });

  it('asks for bios only when they print, and for delegations only when they print', () => {
    const without = check({ kind: 'programme', language: 'en' }).findings.map((f) => f.target);
    expect(without.some((t) => t.kind === 'person' && t.field === 'bioEn')).toBe(false);
    expect(without.some((t) => t.kind === 'delegation')).toBe(false);
    const withDelegations = check({ kind: 'programme', language: 'en', includeDelegations: true }).findings;
    // Seoul's delegation has an English name, but its city and country are in Arabic only.
    expect(withDelegations.map((f) => f.target)).toContainEqual({
      kind: 'delegation',
      id: DELEGATION.seoul,
      field: 'cityEn',
    });
    expect(withDelegations.map((f) => f.target)).toContainEqual({
      kind: 'delegation',
      id: DELEGATION.seoul,
      field: 'countryEn',
    });
  });

  it('names a name that starts with = + - or @, in any export and either language', () => {
    const badges = check({ kind: 'badges', language: 'ar' }).findings.filter((f) => f.problem === 'formulaStart');
    expect(badges.map((f) => f.text)).toEqual(['=HYPERLINK("http://evil.example","انقر")']);
    expect(badges[0]?.target).toEqual({ kind: 'registration', id: expect.any(String), field: 'fullName' });
    const directory = withPeople((p) => (p.id === PERSON.kim ? { ...p, nameEn: '@Kim' } : p));
    const programme = check({ kind: 'programme', language: 'ar' }, { directory }).findings;
    expect(programme).toContainEqual(
      expect.objectContaining({ problem: 'formulaStart', target: { kind: 'person', id: PERSON.kim, field: 'nameEn' } }),
    );
  });

  it('names a title written twice: an honorific chosen and another typed into the name', () => {
    const [first, ...rest] = seedRegistrations;
    if (!first) throw new Error('seed 002 has registrants');
    const hannah: Registration = {
      ...first,
      honorific: 'sayyid',
      gender: 'female',
      fullName: '',
      fullNameEn: 'Dr. Hannah Müller-Schmidt',
      category: 'participant',
      status: 'attended',
    };
    const certificates = check({ kind: 'certificates', language: 'en' }, { registrations: [hannah, ...rest] });
    expect(certificates.findings).toContainEqual(
      expect.objectContaining({
        problem: 'doubleTitle',
        target: { kind: 'registration', id: hannah.id, field: 'fullNameEn' },
        text: 'Dr. Hannah Müller-Schmidt',
      }),
    );
    // The same name with no honorific of its own prints once: nothing to say.
    const plain = { ...hannah, honorific: 'none' as const, title: 'none' as const };
    const alone = check({ kind: 'certificates', language: 'en' }, { registrations: [plain] }).findings;
    expect(alone.filter((f) => f.problem === 'doubleTitle')).toEqual([]);
    const directory = withPeople((p) => (p.id === PERSON.hosny ? { ...p, nameAr: 'د. خالد بن سالم الحسني' } : p));
    expect(check({ kind: 'programme', language: 'ar' }, { directory }).findings).toContainEqual(
      expect.objectContaining({
        problem: 'doubleTitle',
        target: { kind: 'person', id: PERSON.hosny, field: 'nameAr' },
      }),
    );
  });

  it('names a Latin-only name in an Arabic-only document, and not in an English one', () => {
    const arabic = check({ kind: 'programme', language: 'ar' }).findings.filter((f) => f.problem === 'latinInArabic');
    // Lee Ji-won has no Arabic name.
    expect(arabic).toEqual([
      expect.objectContaining({ target: { kind: 'person', id: PERSON.lee, field: 'nameAr' }, text: 'Lee Ji-won' }),
    ]);
    const badges = check({ kind: 'badges', language: 'ar' }).findings.filter((f) => f.problem === 'latinInArabic');
    expect(badges.map((f) => f.text)).toEqual(['Lee Ji-won']);
    expect(check({ kind: 'badges', language: 'en' }).findings.filter((f) => f.problem === 'latinInArabic')).toEqual([]);
    expect(check({ kind: 'badges', language: 'both' }).findings.filter((f) => f.problem === 'latinInArabic')).toEqual(
      [],
    );
  });

  it('checks only the registrants the export selects: not the cancelled, not the categories left out', () => {
    const participants = check({ kind: 'badges', language: 'en', categories: ['participant'] }).findings;
    const ids = new Set(participants.flatMap((f) => (f.target.kind === 'registration' ? [f.target.id] : [])));
    const chosen = seedRegistrations.filter((r) => r.category === 'participant' && r.status !== 'cancelled');
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) expect(chosen.map((r) => r.id)).toContain(id);
    // The media's journalist has no English name either, but is on no participant's badge.
    const journalist = seedRegistrations.find((r) => r.category === 'media');
    expect(journalist && ids.has(journalist.id)).toBe(false);
    // The cancelled registrant (a tab at the start of the name) is on no badge.
    const all = check({ kind: 'badges', language: 'en' }).findings;
    expect(all.some((f) => f.ownerAr.includes('سعيد بن علي'))).toBe(false);
  });

  it('finds nothing to say before a forum file or a decisions report, nor before Arabic minutes', () => {
    for (const kind of ['handover', 'minutes', 'decisions'] as const) {
      expect(check({ kind })).toEqual({ findings: [], more: 0 });
    }
  });

  it('asks English minutes for the venue they are held at', () => {
    const targets = check({ kind: 'minutes', language: 'en' }).findings.map((f) => f.target);
    expect(targets).toEqual([
      { kind: 'forum', field: 'hotelEn', index: null },
      { kind: 'forum', field: 'hallEn', index: null },
      { kind: 'forum', field: 'cityEn', index: null },
      { kind: 'forum', field: 'countryEn', index: null },
    ]);
    expect(check({ kind: 'minutes', language: 'en' }, { forum: englishForum }).findings).toEqual([]);
  });

  it("lists an English badge's or card's position and organisation typed in Arabic alone, and not a list's", () => {
    const [first] = seedRegistrations;
    if (!first) throw new Error('seed 002 has registrants');
    const r = { ...first, position: 'مدير عام', positionEn: '', organisation: 'بلدية صحار', organisationEn: '' };
    for (const kind of ['badges', 'nameCards'] as const) {
      const fields = check({ kind, language: 'en' }, { registrations: [r] })
        .findings.filter((f) => f.target.kind === 'registration' && f.target.id === r.id)
        .map((f) => [f.problem, f.target.kind === 'registration' ? f.target.field : '', f.text]);
      expect(fields).toEqual([
        ['noEnglish', 'positionEn', 'مدير عام'],
        ['noEnglish', 'organisationEn', 'بلدية صحار'],
      ]);
      // A badge in both languages prints them in Arabic, where they belong.
      expect(check({ kind, language: 'both' }, { registrations: [r] }).findings).toEqual([]);
    }
  });

  it('answers with at most its limit of findings and counts the rest', () => {
    const [first] = seedRegistrations;
    if (!first) throw new Error('seed 002 has registrants');
    const many = Array.from({ length: PREFLIGHT_MAX_FINDINGS + 30 }, (_, i) => ({
      ...first,
      id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      fullName: `مشارك ${i}`,
      fullNameEn: '',
      category: 'participant' as const,
      status: 'registered' as const,
    }));
    const result = check({ kind: 'badges', language: 'en' }, { registrations: many });
    expect(result.findings).toHaveLength(PREFLIGHT_MAX_FINDINGS);
    expect(result.more).toBe(30);
  });

  it('reads no English as missing when the Arabic field holds Latin letters or nothing', () => {
    expect(lacksEnglish('حلول مبتكرة', '')).toBe(true);
    expect(lacksEnglish('حلول مبتكرة', undefined)).toBe(true);
    expect(lacksEnglish('حلول مبتكرة', 'Innovative solutions')).toBe(false);
    expect(lacksEnglish('Seoul Smart City Platform', '')).toBe(false);
    expect(lacksEnglish('', '')).toBe(false);
    // Arabic-Indic digits alone are not Arabic words to translate.
    expect(lacksEnglish('٢٠٢٦', '')).toBe(false);
  });
});
