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

const HONORIFIC_AR: Record<Honorific, Gendered> = {
  highness: { male: 'صاحب السمو', female: 'صاحبة السمو' },
  maali: { male: 'معالي', female: 'معالي' },
  saada: { male: 'سعادة', female: 'سعادة' },
  sayyid: { male: 'السيد', female: 'السيدة' },
  none: { male: '', female: '' },
};

const HONORIFIC_EN: Record<Honorific, Gendered> = {
  highness: { male: 'H.H.', female: 'H.H.' },
  maali: { male: 'H.E.', female: 'H.E.' },
  saada: { male: 'H.E.', female: 'H.E.' },
  sayyid: { male: 'Mr.', female: 'Ms.' },
  none: { male: '', female: '' },
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
          HONORIFIC_AR[person.honorific][person.gender],
          options.short ? TITLE_AR[person.title].short : TITLE_AR[person.title].long[person.gender],
          name,
        ]
      : [HONORIFIC_EN[person.honorific][person.gender], TITLE_EN[person.title], name];
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

/** Protocol rank of an honorific: صاحب السمو before معالي before سعادة before everyone else. */
export const HONORIFIC_RANK: Readonly<Record<Honorific, number>> = {
  highness: 0,
  maali: 1,
  saada: 2,
  sayyid: 3,
  none: 3,
};

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
