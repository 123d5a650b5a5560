import { describe, expect, it } from 'vitest';
import { forumFileSpec } from '../../../src/core/forums/forum-file';
import { decodeDocument } from '../../../src/core/store/document-codec';
import {
  arabicOrdinal,
  type EditionFields,
  editionPhrase,
  englishOrdinal,
  readEditionText,
} from '../../../src/shared/domain/edition';

const edition = (fields: Partial<EditionFields>): EditionFields => ({
  editionNumber: null,
  editionNoun: 'forum',
  editionStyle: 'words',
  edition: '',
  ...fields,
});

describe('the edition printed with its noun', () => {
  it.each([
    [1, 'الأول', 'الأولى'],
    [2, 'الثاني', 'الثانية'],
    [3, 'الثالث', 'الثالثة'],
    [10, 'العاشر', 'العاشرة'],
    [11, 'الحادي عشر', 'الحادية عشرة'],
    [12, 'الثاني عشر', 'الثانية عشرة'],
    [19, 'التاسع عشر', 'التاسعة عشرة'],
    [20, 'العشرون', 'العشرون'],
    [21, 'الحادي والعشرون', 'الحادية والعشرون'],
    [55, 'الخامس والخمسون', 'الخامسة والخمسون'],
    [99, 'التاسع والتسعون', 'التاسعة والتسعون'],
  ])('%i: «%s» for a masculine noun, «%s» for a feminine one', (n, masculine, feminine) => {
    expect(arabicOrdinal(n, false)).toBe(masculine);
    expect(arabicOrdinal(n, true)).toBe(feminine);
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [55, '55th'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('%i in English is %s', (n, ordinal) => {
    expect(englishOrdinal(n)).toBe(ordinal);
  });

  it('agrees the ordinal with the noun, in words or in digits as chosen, and writes an English ordinal', () => {
    expect(editionPhrase(edition({ editionNumber: 2 }), 'ar')).toBe('الملتقى الثاني');
    expect(editionPhrase(edition({ editionNumber: 2 }), 'en')).toBe('2nd Forum');
    const council = edition({ editionNumber: 55, editionNoun: 'session' });
    expect(editionPhrase(council, 'ar')).toBe('الدورة الخامسة والخمسون');
    expect(editionPhrase(council, 'en')).toBe('55th Session');
    expect(editionPhrase({ ...council, editionStyle: 'digits' }, 'ar')).toBe('الدورة الـ55');
    expect(editionPhrase({ ...council, editionStyle: 'digits' }, 'ar', 'arab')).toBe('الدورة الـ٥٥');
    // English is written in Latin digits whatever the Arabic ones.
    expect(editionPhrase(council, 'en')).toBe('55th Session');
    expect(editionPhrase(edition({ editionNumber: 3, editionNoun: 'workshop' }), 'ar')).toBe('الورشة الثالثة');
    // Past the words: digits.
    expect(editionPhrase(edition({ editionNumber: 101, editionNoun: 'session' }), 'ar')).toBe('الدورة الـ101');
  });

  it('prints an edition an older version kept as text as it was written, and nothing when there is none', () => {
    expect(editionPhrase(edition({ edition: 'الدورة الاستثنائية' }), 'ar')).toBe('الدورة الاستثنائية');
    expect(editionPhrase(edition({}), 'ar')).toBe('');
    expect(editionPhrase(edition({}), 'en')).toBe('');
  });
});

describe('an edition typed as text, read as data', () => {
  it.each([
    ['الثاني', 'forum', { editionNumber: 2, editionNoun: 'forum', editionStyle: 'words' }],
    ['الدورة الـ55', 'council_session', { editionNumber: 55, editionNoun: 'session', editionStyle: 'digits' }],
    ['الدورة الـ٥٥', 'forum', { editionNumber: 55, editionNoun: 'session', editionStyle: 'digits' }],
    ['الدورة 55', 'forum', { editionNumber: 55, editionNoun: 'session', editionStyle: 'digits' }],
    ['الدورة: الثاني', 'council_session', { editionNumber: 2, editionNoun: 'session', editionStyle: 'words' }],
    ['الـ55', 'council_session', { editionNumber: 55, editionNoun: 'session', editionStyle: 'digits' }],
    ['الخامسة والخمسون', 'council_session', { editionNumber: 55, editionNoun: 'session', editionStyle: 'words' }],
    ['الدورة الحادية عشرة', 'forum', { editionNumber: 11, editionNoun: 'session', editionStyle: 'words' }],
    ['الملتقى الثالث', 'forum', { editionNumber: 3, editionNoun: 'forum', editionStyle: 'words' }],
    ['ثاني', 'forum', { editionNumber: 2, editionNoun: 'forum', editionStyle: 'words' }],
    ['الاولى', 'workshop', { editionNumber: 1, editionNoun: 'workshop', editionStyle: 'words' }],
    ['2nd', 'forum', { editionNumber: 2, editionNoun: 'forum', editionStyle: 'words' }],
    ['55th session', 'forum', { editionNumber: 55, editionNoun: 'session', editionStyle: 'words' }],
    ['Second', 'forum', { editionNumber: 2, editionNoun: 'forum', editionStyle: 'words' }],
    ['3', 'periodic_meeting', { editionNumber: 3, editionNoun: 'meeting', editionStyle: 'words' }],
  ] as const)('«%s» (%s)', (text, kind, expected) => {
    expect(readEditionText(text, kind)).toEqual(expected);
  });

  it('reads no number from text that is not one, and from nothing', () => {
    for (const text of ['', '   ', 'الدورة الاستثنائية', 'special', '0', '1000', 'الثاني 2026', '=1+1'])
      expect(readEditionText(text, 'forum')).toBeNull();
  });
});

describe('forum files written before editions were data', () => {
  const at = '2026-11-01T09:00:00.000Z';
  const version2 = (edition: string, kind = 'council_session') =>
    JSON.stringify({
      schemaVersion: 2,
      data: {
        forum: {
          id: '00000000-0000-4000-8000-000000000001',
          kind,
          edition,
          titleAr: 'الدورة الخامسة والخمسون للمجلس التنفيذي',
          titleEn: '',
          slogan: '',
          organisers: [],
          partners: [],
          patron: '',
          venue: { hotel: '', hall: '', city: 'الرباط', country: 'المغرب' },
          firstDay: '2026-04-07',
          lastDay: '2026-04-08',
          expectedAttendance: null,
          objectives: [],
          description: '',
          status: 'draft',
          createdAt: at,
          updatedAt: at,
        },
        programme: { halls: [], sessions: [], delegations: [] },
      },
    });

  it('turns a readable edition into its number and noun, and clears the text', () => {
    const read = decodeDocument(forumFileSpec, version2('الدورة الـ55'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.migratedFrom).toBe(2);
    expect(read.data.forum).toMatchObject({
      editionNumber: 55,
      editionNoun: 'session',
      editionStyle: 'digits',
      edition: '',
    });
    expect(editionPhrase(read.data.forum, 'en')).toBe('55th Session');
  });

  it('keeps an edition it cannot read as written, and still opens the file', () => {
    for (const text of ['الدورة الاستثنائية', '', 'x'.repeat(100)]) {
      const read = decodeDocument(forumFileSpec, version2(text));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.data.forum).toMatchObject({ editionNumber: null, editionNoun: 'session', edition: text });
    }
  });

  it('reads a number a file holds as its edition, and opens a file whose edition is missing', () => {
    const file = JSON.parse(version2('')) as { data: { forum: Record<string, unknown> } };
    file.data.forum.edition = 55;
    const read = decodeDocument(forumFileSpec, JSON.stringify(file));
    expect(read.ok && read.data.forum).toMatchObject({ editionNumber: 55, editionNoun: 'session', edition: '' });
    delete file.data.forum.edition;
    const without = decodeDocument(forumFileSpec, JSON.stringify(file));
    expect(without.ok && without.data.forum).toMatchObject({ editionNumber: null, edition: '' });
  });
});
