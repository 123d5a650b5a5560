import type { ExportInput } from '../../../../src/core/export/export-input';
import { ExportProgress } from '../../../../src/core/export/export-progress';
import type { ExportOptions } from '../../../../src/shared/domain/export';
import { newFieldStop } from '../../../../src/shared/domain/field-visit';
import { type Forum, forumSchema } from '../../../../src/shared/domain/forum';
import { type Directory, directorySchema, type Person } from '../../../../src/shared/domain/person';
import { type Programme, programmeSchema } from '../../../../src/shared/domain/programme';
import { newSession } from '../../../../src/shared/domain/programme-edit';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/domain/settings';
import { amiriFonts } from './seed-002-input';

/**
 * Seed 004 as export input: the ministry's head of the services and
 * infrastructure sector visits the Eastern Province municipality. He meets
 * the mayor at its headquarters «بحضور» the assistant deputy minister and
 * officials, then tours the 940 call centre, the projects agency and the
 * crisis control room.
 */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const AT = '2026-11-01T08:00:00.000Z';
export const VISIT_DAY = '2026-12-07';

export const PERSON = { mayor: id(701), guest: id(702), deputy: id(703), servicesHead: id(704) };
export const SESSION = { meeting: id(801), tour: id(802) };
export const STOP = { callCentre: id(901), projects: id(902), crisis: id(903) };

export const visitForum: Forum = forumSchema.parse({
  id: id(1),
  kind: 'official_visit',
  edition: '',
  editionNumber: null,
  editionNoun: 'forum',
  editionStyle: 'words',
  titleAr: 'زيارة رئيس قطاع الخدمات والبنية التحتية إلى أمانة المنطقة الشرقية',
  titleEn: 'Visit of the Head of the Services and Infrastructure Sector to the Eastern Province Municipality',
  slogan: '',
  organisers: ['أمانة المنطقة الشرقية'],
  partners: [],
  patron: '',
  venue: { hotel: '', hall: 'مقر الأمانة', city: 'الدمام', country: 'المملكة العربية السعودية' },
  firstDay: VISIT_DAY,
  lastDay: VISIT_DAY,
  expectedAttendance: 30,
  phoneCountry: '966',
  objectives: [],
  description: '',
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
    country: 'المملكة العربية السعودية',
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

export const visitDirectory: Directory = directorySchema.parse({
  organisations: [],
  people: [
    person(PERSON.mayor, {
      honorific: 'maali',
      title: 'engineer',
      nameAr: 'فهد الجبير',
      nameEn: 'Fahd Al-Jubair',
      positionAr: 'أمين المنطقة الشرقية',
      positionEn: 'Mayor of the Eastern Province',
    }),
    person(PERSON.guest, {
      honorific: 'saada',
      title: 'doctor',
      nameAr: 'أحمد القطان',
      nameEn: 'Ahmed Al-Qattan',
      positionAr: 'رئيس قطاع الخدمات والبنية التحتية بالوزارة',
      positionEn: 'Head of the Services and Infrastructure Sector, Ministry',
    }),
    person(PERSON.deputy, {
      honorific: 'saada',
      title: 'doctor',
      gender: 'female',
      nameAr: 'أمل الشقير',
      nameEn: 'Amal Al-Shuqair',
      positionAr: 'الوكيل المساعد لتطوير الأعمال',
      positionEn: 'Assistant Deputy Minister for Business Development',
    }),
    person(PERSON.servicesHead, {
      title: 'engineer',
      nameAr: 'خالد الدوسري',
      nameEn: 'Khalid Al-Dosari',
      positionAr: 'وكيل الأمين للخدمات',
      positionEn: 'Deputy Mayor for Services',
      mobile: '+966 50 123 4567',
    }),
  ],
});

/** 10:45: the call centre (30 min), 15 min on the road, the projects agency (40), 10, the control room (25), 20 back. */
export const visitProgramme: Programme = programmeSchema.parse({
  halls: [],
  delegations: [],
  sessions: [
    newSession(SESSION.meeting, {
      kind: 'side_meeting',
      titleAr: 'اجتماع خطة تطوير قطاع الخدمات البلدية والبنية التحتية',
      titleEn: 'Meeting on the plan for the municipal services and infrastructure sector',
      day: VISIT_DAY,
      start: 9 * 60,
      end: 10 * 60 + 30,
      place: 'مقر الأمانة',
      chairId: PERSON.mayor,
      presentIds: [PERSON.deputy, PERSON.servicesHead],
    }),
    newSession(SESSION.tour, {
      kind: 'field_visit',
      titleAr: 'جولة ميدانية',
      titleEn: 'Field visit',
      day: VISIT_DAY,
      start: 10 * 60 + 45,
      end: 13 * 60,
      presentIds: [PERSON.mayor, PERSON.deputy],
      stops: [
        newFieldStop(STOP.callCentre, {
          placeAr: 'مركز البلاغات 940 بوكالة الخدمات',
          placeEn: '940 call centre, Services Agency',
          address: 'طريق الملك فهد، الدمام',
          mapLink: 'https://maps.example.com/?q=26.43,50.10',
          onSiteMinutes: 30,
          travelMinutes: 15,
          hostId: PERSON.servicesHead,
          contact: '013 834 0000',
          vehicles: ['السيارة 1: الضيف والأمين', 'السيارة 2: الوفد المرافق'],
        }),
        newFieldStop(STOP.projects, {
          placeAr: 'وكالة التعمير والمشاريع',
          placeEn: 'Construction and Projects Agency',
          address: 'حي الشاطئ، الدمام',
          onSiteMinutes: 40,
          travelMinutes: 10,
          hostName: 'وكيل الأمين للتعمير والمشاريع',
          hostNameEn: 'Deputy Mayor for Construction and Projects',
          vehicles: ['السيارة 1: الضيف والأمين', 'السيارة 2: الوفد المرافق'],
        }),
        newFieldStop(STOP.crisis, {
          placeAr: 'غرفة التحكم والعمليات بإدارة الأزمات والكوارث',
          placeEn: 'Crisis and Disaster Management control room',
          onSiteMinutes: 25,
          travelMinutes: 20,
          hostName: 'مدير إدارة الأزمات والكوارث',
          hostNameEn: 'Director of Crisis and Disaster Management',
          vehicles: ['السيارة 1: الضيف والأمين'],
        }),
      ],
    }),
  ],
});

/**
 * The stops as a coordinator types them for an English movement sheet: the
 * address and the cars are single-language fields, printed as typed.
 */
export const visitProgrammeTypedInEnglish: Programme = {
  ...visitProgramme,
  sessions: visitProgramme.sessions.map((s) => ({
    ...s,
    stops: s.stops.map((stop, i) => ({
      ...stop,
      address: stop.address && (['King Fahd Road, Dammam', 'Al-Shati district, Dammam'][i] ?? ''),
      vehicles: stop.vehicles.map((_, n) => `Car ${n + 1}`),
    })),
  })),
};

/** Seed 004 ready for a writer, with the given options and settings. */
export function visitInput<O extends ExportOptions>(options: O, settings: Partial<Settings> = {}): ExportInput<O> {
  return {
    forum: visitForum,
    programme: visitProgramme,
    directory: visitDirectory,
    registrations: [],
    options,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    fonts: amiriFonts(),
    progress: new ExportProgress(),
    now: new Date('2026-12-07T12:00:00.000Z'),
    photo: async () => null,
    appVersion: 'test',
  };
}
