import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentFonts, ExportInput } from '../../../../src/core/export/export-input';
import { ExportProgress } from '../../../../src/core/export/export-progress';
import type { ExportOptions } from '../../../../src/shared/domain/export';
import { type Forum, forumSchema } from '../../../../src/shared/domain/forum';
import { type Directory, directorySchema, type Person } from '../../../../src/shared/domain/person';
import { type Programme, programmeSchema } from '../../../../src/shared/domain/programme';
import { newDelegation, newSession } from '../../../../src/shared/domain/programme-edit';
import {
  emptyRegistrationInput,
  type Registration,
  type RegistrationInput,
  registrationSchema,
} from '../../../../src/shared/domain/registration';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/domain/settings';

/**
 * Seed 002 as export input: the second exchange forum of the municipalities
 * of Muscat and Sohar, 4–5 December 2026 at the Sheraton Oman, under the
 * patronage of the chairman of Muscat Municipality, with a delegation from
 * Seoul. Every export test starts from it; registrants include the cases a
 * spreadsheet must not evaluate ("=", "+", "-", "@", tab, carriage return)
 * and phone numbers with leading zeros and "+".
 */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const AT = '2026-11-01T08:00:00.000Z';
export const DAY_1 = '2026-12-04';
export const DAY_2 = '2026-12-05';

export const ORG = { muscat: id(501), sohar: id(502), seoul: id(503) };
export const HALL = { oman: id(601), sohar: id(602) };
export const PERSON = { patron: id(701), hosny: id(702), fatma: id(703), kim: id(704), salim: id(705), lee: id(706) };
export const SESSION = {
  registration: id(801),
  opening: id(802),
  keynote: id(803),
  coffee: id(804),
  workshopA: id(805),
  workshopB: id(806),
  lunch: id(807),
  panel: id(808),
  visit: id(809),
  closing: id(810),
};
export const DELEGATION = { seoul: id(901), sohar: id(902) };

export const seedForum: Forum = forumSchema.parse({
  id: id(1),
  kind: 'forum',
  edition: '',
  editionNumber: 2,
  editionNoun: 'forum',
  editionStyle: 'words',
  titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
  titleEn: 'Second Experience Exchange Forum of the Municipalities of Muscat and Sohar',
  slogan: 'حلول مبتكرة لخدمات بلدية مستدامة',
  organisers: ['بلدية مسقط', 'بلدية صحار'],
  partners: ['مدينة سيؤول'],
  patron: 'معالي المهندس محسن بن محمد الشيخ رئيس بلدية مسقط',
  venue: { hotel: 'فندق شيراتون عمان', hall: 'قاعة عمان', city: 'مسقط', country: 'سلطنة عمان' },
  firstDay: DAY_1,
  lastDay: DAY_2,
  expectedAttendance: 200,
  phoneCountry: '968',
  objectives: [
    'إثراء الخبرات وتبادلها بين البلديتين',
    'استعراض التحديات التي تواجه العمل البلدي وإيجاد الحلول المثلى لها',
    'تبني مبادرات التطوير والابتكار في التنمية الحضرية',
  ],
  description: 'ملتقى لتبادل الخبرات والتجارب بين بلدية مسقط وبلدية صحار بمشاركة وفد من سيؤول.',
  status: 'published',
  createdAt: AT,
  updatedAt: AT,
});

function person(n: string, fields: Partial<Person>): Person {
  return {
    id: n,
    honorific: 'none',
    title: 'none',
    gender: 'male',
    nameAr: '',
    nameEn: '',
    positionAr: '',
    positionEn: '',
    organisationId: null,
    country: 'سلطنة عمان',
    email: '',
    mobile: '',
    bioAr: '',
    bioEn: '',
    photo: null,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

export const seedDirectory: Directory = directorySchema.parse({
  organisations: [
    {
      id: ORG.muscat,
      nameAr: 'بلدية مسقط',
      nameEn: 'Muscat Municipality',
      kind: 'municipality',
      country: 'سلطنة عمان',
      city: 'مسقط',
      createdAt: AT,
      updatedAt: AT,
    },
    {
      id: ORG.sohar,
      nameAr: 'بلدية صحار',
      nameEn: 'Sohar Municipality',
      kind: 'municipality',
      country: 'سلطنة عمان',
      city: 'صحار',
      createdAt: AT,
      updatedAt: AT,
    },
    {
      id: ORG.seoul,
      nameAr: 'حكومة مدينة سيؤول',
      nameEn: 'Seoul Metropolitan Government',
      kind: 'municipality',
      country: 'كوريا الجنوبية',
      city: 'سيؤول',
      createdAt: AT,
      updatedAt: AT,
    },
  ],
  people: [
    person(PERSON.patron, {
      honorific: 'maali',
      title: 'engineer',
      nameAr: 'محسن بن محمد الشيخ',
      nameEn: 'Mohsin bin Mohammed Al Sheikh',
      positionAr: 'رئيس بلدية مسقط',
      positionEn: 'Chairman of Muscat Municipality',
      organisationId: ORG.muscat,
    }),
    person(PERSON.hosny, {
      honorific: 'saada',
      title: 'doctor',
      nameAr: 'خالد بن سالم الحسني',
      nameEn: 'Khalid bin Salim Al Hosni',
      positionAr: 'مدير عام التخطيط العمراني',
      positionEn: 'Director General of Urban Planning',
      organisationId: ORG.muscat,
      email: 'k.hosni@mm.gov.om',
      mobile: '+968 9123 4567',
      bioAr: 'خبير في التخطيط الحضري، عمل أكثر من عشرين عاماً في بلدية مسقط، وقاد مشروع GIS البلدي.',
      bioEn: 'Urban planner with twenty years at Muscat Municipality; led the municipal GIS project.',
    }),
    person(PERSON.fatma, {
      title: 'engineer',
      gender: 'female',
      nameAr: 'فاطمة بنت علي البلوشية',
      nameEn: 'Fatma bint Ali Al Balushi',
      positionAr: 'رئيسة قسم الخدمات الرقمية',
      positionEn: 'Head of Digital Services',
      organisationId: ORG.sohar,
      bioAr: 'مهندسة برمجيات، أطلقت منصة الخدمات البلدية الإلكترونية في صحار.',
    }),
    person(PERSON.kim, {
      honorific: 'sayyid',
      nameAr: 'كيم مين سو',
      nameEn: 'Kim Min-su',
      positionAr: 'مدير التعاون الدولي',
      positionEn: 'Director of International Cooperation',
      organisationId: ORG.seoul,
      country: 'كوريا الجنوبية',
      bioEn: 'Leads the Seoul–Muscat cooperation programme.',
    }),
    person(PERSON.salim, {
      honorific: 'saada',
      nameAr: 'سالم بن سعيد المقبالي',
      nameEn: 'Salim bin Said Al Maqbali',
      positionAr: 'مدير عام بلدية صحار',
      positionEn: 'Director General of Sohar Municipality',
      organisationId: ORG.sohar,
    }),
    person(PERSON.lee, {
      nameEn: 'Lee Ji-won',
      positionEn: 'Smart City Planner',
      organisationId: ORG.seoul,
      country: 'كوريا الجنوبية',
    }),
  ],
});

const item = (n: number, personId: string | null, titleAr: string, titleEn = '', name = '') => ({
  id: id(n),
  kind: 'paper' as const,
  titleAr,
  titleEn,
  personId,
  nameWithoutRecord: name,
});

export const seedProgramme: Programme = programmeSchema.parse({
  halls: [
    { id: HALL.oman, nameAr: 'قاعة عمان', nameEn: 'Oman Hall', capacity: 250 },
    { id: HALL.sohar, nameAr: 'قاعة صحار', nameEn: 'Sohar Hall', capacity: 80 },
  ],
  sessions: [
    newSession(SESSION.registration, {
      kind: 'registration',
      titleAr: 'التسجيل والاستقبال',
      titleEn: 'Registration',
      day: DAY_1,
      start: 8 * 60,
      end: 9 * 60,
    }),
    newSession(SESSION.opening, {
      kind: 'opening',
      titleAr: 'حفل الافتتاح',
      titleEn: 'Opening ceremony',
      day: DAY_1,
      start: 9 * 60,
      end: 10 * 60,
      hallId: HALL.oman,
      headTableIds: [PERSON.patron, PERSON.salim],
      items: [
        { ...item(1001, PERSON.patron, 'كلمة راعي الحفل', 'Word of the patron'), kind: 'speech' },
        { ...item(1002, PERSON.salim, 'كلمة بلدية صحار', 'Word of Sohar Municipality'), kind: 'speech' },
      ],
      speakerOrder: [PERSON.patron, PERSON.salim],
    }),
    newSession(SESSION.keynote, {
      kind: 'keynote',
      titleAr: 'التخطيط الحضري في مسقط: تجربة 2040',
      titleEn: 'Urban planning in Muscat: the 2040 experience',
      day: DAY_1,
      start: 10 * 60,
      end: 10 * 60 + 45,
      hallId: HALL.oman,
      items: [{ ...item(1003, PERSON.hosny, 'الرؤية العمرانية 2040', 'Urban vision 2040'), kind: 'talk' }],
      speakerOrder: [PERSON.hosny],
    }),
    newSession(SESSION.coffee, {
      kind: 'coffee_break',
      titleAr: 'استراحة قهوة',
      titleEn: 'Coffee break',
      day: DAY_1,
      start: 10 * 60 + 45,
      end: 11 * 60 + 15,
    }),
    newSession(SESSION.workshopA, {
      kind: 'workshop',
      titleAr: 'ورشة عمل: الخدمات البلدية الرقمية',
      titleEn: 'Workshop: digital municipal services',
      day: DAY_1,
      start: 11 * 60 + 15,
      end: 13 * 60,
      hallId: HALL.oman,
      chairId: PERSON.salim,
      items: [item(1004, PERSON.fatma, 'منصة صحار الإلكترونية', 'The Sohar e-platform')],
      speakerOrder: [PERSON.fatma],
    }),
    newSession(SESSION.workshopB, {
      kind: 'workshop',
      titleAr: 'ورشة عمل: المدن الذكية — تجربة سيؤول',
      titleEn: 'Workshop: smart cities, the Seoul experience',
      day: DAY_1,
      start: 11 * 60 + 15,
      end: 13 * 60,
      hallId: HALL.sohar,
      expectedAttendance: 60,
      items: [
        item(1005, PERSON.kim, 'برنامج التعاون بين مسقط وسيؤول', 'The Muscat–Seoul programme'),
        item(1006, PERSON.lee, 'Seoul Smart City Platform', 'Seoul Smart City Platform'),
      ],
      speakerOrder: [PERSON.kim, PERSON.lee],
    }),
    newSession(SESSION.lunch, {
      kind: 'lunch',
      titleAr: 'غداء وصلاة الظهر',
      titleEn: 'Lunch and prayer',
      day: DAY_1,
      start: 13 * 60,
      end: 14 * 60,
    }),
    newSession(SESSION.panel, {
      kind: 'panel',
      titleAr: 'جلسة حوارية: تحديات العمل البلدي',
      titleEn: 'Panel: the challenges of municipal work',
      day: DAY_2,
      start: 9 * 60,
      end: 10 * 60 + 30,
      hallId: HALL.oman,
      chairId: PERSON.hosny,
      items: [
        { ...item(1007, PERSON.salim, ''), kind: 'panellist' },
        { ...item(1008, null, '', '', 'م. يوسف بن أحمد الكندي'), kind: 'panellist' },
      ],
      speakerOrder: [PERSON.salim],
    }),
    newSession(SESSION.visit, {
      kind: 'field_visit',
      titleAr: 'زيارة ميدانية لمشروع واجهة مسقط البحرية',
      titleEn: 'Field visit: the Muscat waterfront project',
      day: DAY_2,
      start: 10 * 60 + 45,
      end: 12 * 60 + 30,
      place: 'واجهة مسقط البحرية',
    }),
    newSession(SESSION.closing, {
      kind: 'closing',
      titleAr: 'الجلسة الختامية والتوصيات',
      titleEn: 'Closing session and recommendations',
      day: DAY_2,
      start: 12 * 60 + 45,
      end: 13 * 60 + 30,
      hallId: HALL.oman,
      headTableIds: [PERSON.patron],
    }),
  ],
  delegations: [
    newDelegation(DELEGATION.seoul, {
      nameAr: 'وفد مدينة سيؤول',
      nameEn: 'Seoul delegation',
      organisationId: ORG.seoul,
      city: 'سيؤول',
      country: 'كوريا الجنوبية',
      headId: PERSON.kim,
      memberIds: [PERSON.lee],
    }),
    newDelegation(DELEGATION.sohar, {
      nameAr: 'وفد بلدية صحار',
      nameEn: 'Sohar Municipality delegation',
      organisationId: ORG.sohar,
      city: 'صحار',
      country: 'سلطنة عمان',
      headId: PERSON.salim,
      memberIds: [PERSON.fatma],
    }),
  ],
});

function registration(n: number, fields: Partial<RegistrationInput> & Partial<Registration>): Registration {
  return registrationSchema.parse({
    ...emptyRegistrationInput(),
    id: id(20_000 + n),
    code: String(10_001 + n),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  });
}

/** Registrants of seed 002, with the spreadsheet traps in their cells. */
export const seedRegistrations: Registration[] = [
  registration(0, {
    honorific: 'maali',
    title: 'engineer',
    gender: 'male',
    fullName: 'محسن بن محمد الشيخ',
    fullNameEn: 'Mohsin Al Sheikh',
    organisation: 'بلدية مسقط',
    organisationEn: 'Muscat Municipality',
    position: 'رئيس بلدية مسقط',
    positionEn: 'Chairman of Muscat Municipality',
    category: 'vip',
    status: 'confirmed',
    mobile: '+968 9900 1122',
    mobileE164: '+96899001122',
  }),
  registration(1, {
    honorific: 'saada',
    title: 'doctor',
    gender: 'male',
    fullName: 'خالد بن سالم الحسني',
    fullNameEn: 'Khalid Al Hosni',
    organisation: 'بلدية مسقط',
    position: 'مدير عام التخطيط العمراني',
    category: 'speaker',
    status: 'attended',
    email: 'k.hosni@mm.gov.om',
    mobile: '91234567',
    mobileE164: '+96891234567',
    checkedInAt: '2026-12-04T04:55:00.000Z',
    sessionIds: [SESSION.workshopA],
  }),
  registration(2, {
    title: 'engineer',
    gender: 'female',
    fullName: 'فاطمة بنت علي البلوشية',
    organisation: 'بلدية صحار',
    position: 'رئيسة قسم الخدمات الرقمية',
    category: 'speaker',
    status: 'attended',
    delegationId: DELEGATION.sohar,
    checkedInAt: '2026-12-04T05:10:00.000Z',
    sessionIds: [SESSION.workshopA],
  }),
  registration(3, {
    honorific: 'sayyid',
    gender: 'male',
    fullName: 'كيم مين سو',
    fullNameEn: 'Kim Min-su',
    organisation: 'Seoul Metropolitan Government',
    position: 'Director of International Cooperation',
    category: 'delegate',
    status: 'confirmed',
    country: 'كوريا الجنوبية',
    email: 'minsu.kim@seoul.go.kr',
    mobile: '+82 10 1234 5678',
    mobileE164: '+821012345678',
    delegationId: DELEGATION.seoul,
    sessionIds: [SESSION.workshopB],
  }),
  registration(4, {
    fullNameEn: 'Lee Ji-won',
    organisation: 'Seoul Metropolitan Government',
    category: 'delegate',
    status: 'registered',
    delegationId: DELEGATION.seoul,
    sessionIds: [SESSION.workshopB],
  }),
  registration(5, {
    gender: 'male',
    fullName: 'أحمد بن سيف الراشدي',
    organisation: 'وزارة الإسكان والتخطيط العمراني',
    position: 'مهندس مدني',
    category: 'participant',
    status: 'attended',
    mobile: '0096891112222',
    mobileE164: '+96891112222',
    email: 'ahmed@housing.gov.om',
    checkedInAt: '2026-12-04T05:20:00.000Z',
    sessionIds: [SESSION.workshopA, SESSION.workshopB],
  }),
  registration(6, {
    gender: 'female',
    fullName: 'مريم بنت خميس الهنائية',
    organisation: 'بلدية صحار',
    position: 'أخصائية تخطيط',
    category: 'participant',
    status: 'registered',
    mobile: '09123 0001',
    sessionIds: [SESSION.workshopA],
  }),
  // Cells a spreadsheet would otherwise evaluate as formulas.
  registration(7, {
    fullName: '=HYPERLINK("http://evil.example","انقر")',
    organisation: '+968 بلدية',
    position: '-2+3',
    category: 'participant',
    status: 'registered',
    notes: '@SUM(A1:A2)',
  }),
  // The schema trims these; a file written by hand or by an older version could still hold them.
  {
    ...registration(8, { category: 'participant', status: 'cancelled' }),
    fullName: '\tسعيد بن علي',
    organisation: '\rجهة',
  },
  registration(9, {
    gender: 'male',
    fullName: 'يوسف بن أحمد الكندي',
    organisation: 'جريدة عمان',
    position: 'صحفي',
    category: 'media',
    status: 'confirmed',
    mobile: '+968 9555 0000',
    mobileE164: '+96895550000',
  }),
  registration(10, {
    gender: 'female',
    fullName: 'شيخة بنت سالم الحارثية',
    organisation: 'بلدية مسقط',
    position: 'منسقة المراسم',
    category: 'staff',
    status: 'attended',
    checkedInAt: '2026-12-04T04:30:00.000Z',
  }),
];

/** The Amiri faces in resources/fonts, as the desktop app embeds them. */
export function amiriFonts(): DocumentFonts {
  const dir = path.resolve('resources/fonts');
  return {
    name: 'Amiri',
    embedded: {
      regular: readFileSync(path.join(dir, 'Amiri-Regular.ttf')),
      bold: readFileSync(path.join(dir, 'Amiri-Bold.ttf')),
    },
  };
}

/** Seed 002 ready for a writer, with the given options and settings. */
export function seedInput<O extends ExportOptions>(options: O, settings: Partial<Settings> = {}): ExportInput<O> {
  return {
    forum: seedForum,
    programme: seedProgramme,
    directory: seedDirectory,
    registrations: seedRegistrations,
    options,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    fonts: amiriFonts(),
    progress: new ExportProgress(),
    now: new Date('2026-12-05T12:00:00.000Z'),
    photo: async () => null,
    appVersion: 'test',
  };
}
