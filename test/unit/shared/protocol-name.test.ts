import { describe, expect, it } from 'vitest';
import { HONORIFICS, PROFESSIONAL_TITLES } from '../../../src/shared/domain/person';
import ar from '../../../src/shared/i18n/ar.json';
import en from '../../../src/shared/i18n/en.json';
import {
  type NamedPerson,
  nameForWrapping,
  protocolName,
  protocolOrder,
} from '../../../src/shared/people/protocol-name';

const jamal: NamedPerson = {
  honorific: 'saada',
  title: 'engineer',
  gender: 'male',
  nameAr: 'جمال بن ناصر الملحم',
  nameEn: 'Jamal bin Nasser Al-Mulhim',
};

describe('protocol name', () => {
  it('prints honorific, title and name in that order (the example of docs/domain.md)', () => {
    expect(protocolName(jamal, 'ar')).toBe('سعادة المهندس جمال بن ناصر الملحم');
    expect(protocolName(jamal, 'en')).toBe('H.E. Eng. Jamal bin Nasser Al-Mulhim');
    expect(protocolName(jamal, 'ar', { short: true })).toBe('سعادة م. جمال بن ناصر الملحم');
  });

  // Every honorific × title × gender, in both languages: the full table a coordinator would check.
  const expectedAr = {
    royal_highness: { male: 'صاحب السمو الملكي', female: 'صاحبة السمو الملكي' },
    highness: { male: 'صاحب السمو', female: 'صاحبة السمو' },
    sumuw: { male: 'سمو', female: 'سمو' },
    maali: { male: 'معالي', female: 'معالي' },
    maali_sayyid: { male: 'معالي السيد', female: 'معالي السيدة' },
    ambassador: { male: 'سعادة السفير', female: 'سعادة السفيرة' },
    saada: { male: 'سعادة', female: 'سعادة' },
    saada_sayyid: { male: 'سعادة السيد', female: 'سعادة السيدة' },
    atufa: { male: 'عطوفة', female: 'عطوفة' },
    fadila: { male: 'فضيلة الشيخ', female: 'فضيلة الشيخة' },
    sheikh: { male: 'الشيخ', female: 'الشيخة' },
    sayyid: { male: 'السيد', female: 'السيدة' },
    none: { male: '', female: '' },
  } as const;
  const titleAr = {
    engineer: { male: 'المهندس', female: 'المهندسة', short: 'م.' },
    doctor: { male: 'الدكتور', female: 'الدكتورة', short: 'د.' },
    professor: { male: 'الأستاذ الدكتور', female: 'الأستاذة الدكتورة', short: 'أ.د.' },
    ustadh: { male: 'الأستاذ', female: 'الأستاذة', short: 'أ.' },
    none: { male: '', female: '', short: '' },
  } as const;
  const honorificEn = {
    royal_highness: 'H.R.H.',
    highness: 'H.H.',
    sumuw: 'H.H.',
    maali: 'H.E.',
    maali_sayyid: { male: 'H.E. Mr.', female: 'H.E. Ms.' },
    ambassador: 'H.E. Ambassador',
    saada: 'H.E.',
    saada_sayyid: { male: 'H.E. Mr.', female: 'H.E. Ms.' },
    atufa: 'H.E.',
    fadila: { male: 'His Eminence Sheikh', female: 'Her Eminence Sheikha' },
    sheikh: { male: 'Sheikh', female: 'Sheikha' },
    sayyid: { male: 'Mr.', female: 'Ms.' },
    none: '',
  };
  const titleEn = { engineer: 'Eng.', doctor: 'Dr.', professor: 'Prof.', ustadh: '', none: '' };

  for (const honorific of HONORIFICS) {
    for (const title of PROFESSIONAL_TITLES) {
      for (const gender of ['male', 'female'] as const) {
        it(`${honorific} / ${title} / ${gender}`, () => {
          const person: NamedPerson = { honorific, title, gender, nameAr: 'هند الشمري', nameEn: 'Hind Al-Shammari' };
          const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
          expect(protocolName(person, 'ar')).toBe(
            join(expectedAr[honorific][gender], titleAr[title][gender], 'هند الشمري'),
          );
          expect(protocolName(person, 'ar', { short: true })).toBe(
            join(expectedAr[honorific][gender], titleAr[title].short, 'هند الشمري'),
          );
          const h = honorificEn[honorific];
          expect(protocolName(person, 'en')).toBe(
            join(typeof h === 'string' ? h : h[gender], titleEn[title], 'Hind Al-Shammari'),
          );
        });
      }
    }
  }

  it('falls back to the other language when a name is missing', () => {
    expect(protocolName({ ...jamal, nameEn: '' }, 'en')).toBe('H.E. Eng. جمال بن ناصر الملحم');
    expect(protocolName({ ...jamal, nameAr: '' }, 'ar')).toBe('سعادة المهندس Jamal bin Nasser Al-Mulhim');
  });
});

describe('protocol order', () => {
  it('ranks royal highness, highness, سمو, معالي, ambassador, سعادة, عطوفة and فضيلة, الشيخ, then the rest', () => {
    const people = [
      { id: 'sayyid', honorific: 'sayyid' },
      { id: 'sheikh', honorific: 'sheikh' },
      { id: 'fadila', honorific: 'fadila' },
      { id: 'atufa', honorific: 'atufa' },
      { id: 'saada_sayyid', honorific: 'saada_sayyid' },
      { id: 'saada', honorific: 'saada' },
      { id: 'ambassador', honorific: 'ambassador' },
      { id: 'maali_sayyid', honorific: 'maali_sayyid' },
      { id: 'maali', honorific: 'maali' },
      { id: 'sumuw', honorific: 'sumuw' },
      { id: 'highness', honorific: 'highness' },
      { id: 'royal', honorific: 'royal_highness' },
    ] as const;
    expect(protocolOrder(people).map((p) => p.id)).toEqual([
      'royal',
      'highness',
      'sumuw',
      'maali_sayyid',
      'maali',
      'ambassador',
      'saada_sayyid',
      'saada',
      'fadila',
      'atufa',
      'sheikh',
      'sayyid',
    ]);
  });

  it('ranks صاحب السمو, then معالي, then سعادة, then the rest, keeping the given order within a rank', () => {
    const people = [
      { id: 'a', honorific: 'none' },
      { id: 'b', honorific: 'saada' },
      { id: 'c', honorific: 'maali' },
      { id: 'd', honorific: 'sayyid' },
      { id: 'e', honorific: 'highness' },
      { id: 'f', honorific: 'saada' },
    ] as const;
    expect(protocolOrder(people).map((p) => p.id)).toEqual(['e', 'c', 'b', 'f', 'a', 'd']);
  });

  it('does not change the input list', () => {
    const people = [{ honorific: 'none' as const }, { honorific: 'maali' as const }];
    protocolOrder(people);
    expect(people[0]?.honorific).toBe('none');
  });
});

describe('names broken where a reader breaks them', () => {
  const NBSP = '\u00A0';
  it('keeps بن / بنت / آل with the next word and the family name with the word before it', () => {
    expect(nameForWrapping('عبدالرحمن بن عبدالله بن سعيد الكندي')).toBe(
      `عبدالرحمن بن${NBSP}عبدالله بن${NBSP}سعيد${NBSP}الكندي`,
    );
    expect(nameForWrapping('سعادة الدكتورة فاطمة بنت علي البلوشية')).toBe(
      `سعادة الدكتورة فاطمة بنت${NBSP}علي${NBSP}البلوشية`,
    );
    expect(nameForWrapping('H.E. Khalid bin Salim Al Hosni')).toBe(`H.E. Khalid bin${NBSP}Salim Al${NBSP}Hosni`);
  });

  it('leaves a name of one or two words, and collapses runs of spaces', () => {
    expect(nameForWrapping('Lee  Ji-won')).toBe('Lee Ji-won');
    expect(nameForWrapping('محمد')).toBe('محمد');
    expect(nameForWrapping('')).toBe('');
  });
});

describe('the honorifics table', () => {
  it('gives every honorific its words on the form in both languages, and no word to one that is gone', () => {
    for (const honorific of HONORIFICS) {
      expect(ar.person.honorific[honorific], honorific).toBeTruthy();
      expect(en.person.honorific[honorific], honorific).toBeTruthy();
    }
    expect(Object.keys(ar.person.honorific).sort()).toEqual([...HONORIFICS].sort());
    expect(Object.keys(en.person.honorific).sort()).toEqual([...HONORIFICS].sort());
  });
});
