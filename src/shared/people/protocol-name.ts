import type { Gender, Honorific, ProfessionalTitle } from '../domain/person';

/**
 * The one place a person's printed name is made. Protocol writes honorific,
 * then professional title, then the full name: "سعادة المهندس جمال بن ناصر
 * الملحم"; the Arabic words agree with the person's gender (الدكتورة،
 * صاحبة السمو، السيدة). English: "H.E. Eng. Jamal bin Nasser Al-Mulhim".
 * `short` uses the abbreviations (م.، د.، أ.د.) where space is tight.
 */
export interface NamedPerson {
  honorific: Honorific;
  title: ProfessionalTitle;
  gender: Gender;
  nameAr: string;
  nameEn: string;
}

type Gendered = Record<Gender, string>;

/** The same word for a man and a woman: «معالي», "H.E.". */
const both = (word: string): Gendered => ({ male: word, female: word });

/**
 * Every honorific: its printed Arabic and English forms for a man and a
 * woman, its protocol rank (lower comes first; equal ranks keep the order
 * given), and the other ways a spreadsheet writes it, which the import reads
 * off the front of a name cell. The one table of honorifics: the printed
 * name, the protocol order and the import all read it.
 */
export const HONORIFIC_FORMS: Readonly<
  Record<
    Honorific,
    {
      ar: Gendered;
      en: Gendered;
      rank: number;
      /** Other spellings, besides the printed forms, by the gender they imply (`any` implies none). */
      alsoWritten?: { male?: readonly string[]; female?: readonly string[]; any?: readonly string[] };
      /** English ways of writing it, as regular-expression sources (case-insensitive), by gender. */
      english?: { male?: readonly string[]; female?: readonly string[]; any?: readonly string[] };
    }
  >
> = {
  royal_highness: {
    ar: { male: 'صاحب السمو الملكي', female: 'صاحبة السمو الملكي' },
    en: both('H.R.H.'),
    rank: 0,
    english: { male: ['his royal highness'], female: ['her royal highness'], any: ['h\\.\\s?r\\.\\s?h\\.?', 'hrh'] },
  },
  highness: {
    ar: { male: 'صاحب السمو', female: 'صاحبة السمو' },
    en: both('H.H.'),
    rank: 1,
    english: { male: ['his highness'], female: ['her highness'], any: ['h\\.\\s?h\\.?'] },
  },
  sumuw: { ar: both('سمو'), en: both('H.H.'), rank: 2 },
  maali: { ar: both('معالي'), en: both('H.E.'), rank: 3 },
  maali_sayyid: {
    ar: { male: 'معالي السيد', female: 'معالي السيدة' },
    en: { male: 'H.E. Mr.', female: 'H.E. Ms.' },
    rank: 3,
  },
  ambassador: {
    ar: { male: 'سعادة السفير', female: 'سعادة السفيرة' },
    en: both('H.E. Ambassador'),
    rank: 4,
    alsoWritten: { male: ['السفير'], female: ['السفيرة'] },
    english: { any: ['ambassador'] },
  },
  // "H.E." is written for معالي and سعادة alike; سعادة is far more common, and the coordinator can raise it.
  saada: {
    ar: both('سعادة'),
    en: both('H.E.'),
    rank: 5,
    english: { male: ['his excellency'], female: ['her excellency'], any: ['h\\.\\s?e\\.?'] },
  },
  saada_sayyid: {
    ar: { male: 'سعادة السيد', female: 'سعادة السيدة' },
    en: { male: 'H.E. Mr.', female: 'H.E. Ms.' },
    rank: 5,
  },
  atufa: { ar: both('عطوفة'), en: both('H.E.'), rank: 6 },
  fadila: {
    ar: { male: 'فضيلة الشيخ', female: 'فضيلة الشيخة' },
    en: { male: 'His Eminence Sheikh', female: 'Her Eminence Sheikha' },
    rank: 6,
    alsoWritten: { any: ['فضيلة'] },
    english: { male: ['his eminence(?:\\s+sheikh)?'], female: ['her eminence(?:\\s+sheikha)?'] },
  },
  sheikh: {
    ar: { male: 'الشيخ', female: 'الشيخة' },
    en: { male: 'Sheikh', female: 'Sheikha' },
    rank: 7,
    english: { male: ['sheikh', 'shaikh', 'shaykh'], female: ['sheikha', 'shaikha', 'shaykha'] },
  },
  sayyid: {
    ar: { male: 'السيد', female: 'السيدة' },
    en: { male: 'Mr.', female: 'Ms.' },
    rank: 8,
    alsoWritten: { female: ['الآنسة'] },
    english: { male: ['mr'], female: ['mrs', 'ms', 'miss'] },
  },
  none: { ar: both(''), en: both(''), rank: 8 },
};

const TITLE_AR: Record<ProfessionalTitle, { long: Gendered; short: string }> = {
  engineer: { long: { male: 'المهندس', female: 'المهندسة' }, short: 'م.' },
  doctor: { long: { male: 'الدكتور', female: 'الدكتورة' }, short: 'د.' },
  professor: { long: { male: 'الأستاذ الدكتور', female: 'الأستاذة الدكتورة' }, short: 'أ.د.' },
  ustadh: { long: { male: 'الأستاذ', female: 'الأستاذة' }, short: 'أ.' },
  none: { long: { male: '', female: '' }, short: '' },
};

// "الأستاذ" is a courtesy with no English equivalent of its own; Mr./Ms. come from the honorific.
const TITLE_EN: Record<ProfessionalTitle, string> = {
  engineer: 'Eng.',
  doctor: 'Dr.',
  professor: 'Prof.',
  ustadh: '',
  none: '',
};

export function protocolName(person: NamedPerson, lang: 'ar' | 'en', options: { short?: boolean } = {}): string {
  const name = lang === 'ar' ? person.nameAr || person.nameEn : person.nameEn || person.nameAr;
  const parts =
    lang === 'ar'
      ? [
          HONORIFIC_FORMS[person.honorific].ar[person.gender],
          options.short ? TITLE_AR[person.title].short : TITLE_AR[person.title].long[person.gender],
          name,
        ]
      : [HONORIFIC_FORMS[person.honorific].en[person.gender], TITLE_EN[person.title], name];
  return parts.filter(Boolean).join(' ');
}

/** What a registrant has of a name: one in each language, and a gender that spreadsheets often leave out. */
export interface RegistrantName {
  honorific: Honorific;
  title: ProfessionalTitle;
  gender: Gender | null;
  fullName: string;
  fullNameEn: string;
}

/** A registrant as protocolName takes a person: of unknown gender, addressed in the masculine, as Arabic protocol does by default. */
export function registrantAsPerson(r: RegistrantName): NamedPerson {
  return {
    honorific: r.honorific,
    title: r.title,
    gender: r.gender ?? 'male',
    nameAr: r.fullName,
    nameEn: r.fullNameEn,
  };
}

/** A registrant's protocol name ("سعادة الدكتور …") in a language. */
export function registrantName(r: RegistrantName, lang: 'ar' | 'en'): string {
  return protocolName(registrantAsPerson(r), lang);
}

/** Protocol rank of an honorific (lower first): صاحب السمو الملكي … معالي … سعادة … everyone else. */
export const HONORIFIC_RANK: Readonly<Record<Honorific, number>> = Object.fromEntries(
  Object.entries(HONORIFIC_FORMS).map(([honorific, forms]) => [honorific, forms.rank]),
) as Record<Honorific, number>;

/**
 * Default protocol order for a list of people (speakers of a session, a head
 * table, a delegation): by honorific rank, keeping the given order within a
 * rank (a stable sort), so the user's manual arrangement survives.
 */
export function protocolOrder<T extends { honorific: Honorific }>(people: readonly T[]): T[] {
  return people
    .map((person, index) => ({ person, index }))
    .sort((a, b) => HONORIFIC_RANK[a.person.honorific] - HONORIFIC_RANK[b.person.honorific] || a.index - b.index)
    .map(({ person }) => person);
}

/** A no-break space: the words it joins never part at the end of a line. */
const NO_BREAK = '\u00A0';

/**
 * Words of a name that lean on the next one: «بن عبدالله», «بنت علي», «آل سعيد»,
 * "bin Salim", "Al Hosni". A line must not end on one of them.
 */
const NAME_PARTICLES = new Set([
  'بن',
  'بنت',
  'ابن',
  'ابنة',
  'آل',
  'أبو',
  'أبي',
  'أم',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'abu',
  'umm',
]);

/**
 * A printed name whose lines break only where a reader would break it, for
 * badges and name cards, where names are large and wrap: a particle stays
 * with the word after it («عبدالرحمن / بن عبدالله», never «عبدالرحمن بن /
 * عبدالله»), and the family name never stands alone on the last line (the
 * last two words are joined). The joints are no-break spaces, so the name
 * still reads, copies and searches as typed.
 */
export function nameForWrapping(name: string): string {
  const words = name.split(/[ \t]+/).filter(Boolean);
  if (words.length < 3) return words.join(' ');
  return words.reduce((text, word, i) => {
    if (i === 0) return word;
    const previous = (words[i - 1] ?? '').toLowerCase();
    const joined = NAME_PARTICLES.has(previous) || i === words.length - 1;
    return text + (joined ? NO_BREAK : ' ') + word;
  }, '');
}
