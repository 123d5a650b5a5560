import { promises as fs } from 'node:fs';
import path from 'node:path';
import { directorySpec } from '../src/core/directory/directory-store';
import { forumFileSchema, forumFileSpec } from '../src/core/forums/forum-file';
import { encodeDocument } from '../src/core/store/document-codec';
import { addDays } from '../src/shared/calendar/hijri';
import type { Forum } from '../src/shared/domain/forum';
import {
  directorySchema,
  GENDERS,
  type Honorific,
  type Person,
  type ProfessionalTitle,
} from '../src/shared/domain/person';
import type { Hall, Session, SessionKind } from '../src/shared/domain/programme';
import { newSession, withSyncedSpeakers } from '../src/shared/domain/programme-edit';
import { FIRST_REVISION } from '../src/shared/domain/revision';
import { HONORIFIC_RANK } from '../src/shared/people/protocol-name';

/**
 * A large forum as files in a data folder: a three-day forum (4–6 December
 * 2026), 4 halls, 150 sessions (50 a day: 12 per hall between 08:00 and 20:00
 * around a coffee break and lunch that span every hall), 400 people with
 * Arabic names and honorifics. Deterministic; validated with the stores'
 * schemas before it is written.
 */
export const FIRST_DAY = '2026-12-04';
export const DAYS = [FIRST_DAY, addDays(FIRST_DAY, 1), addDays(FIRST_DAY, 2)];
export const FORUM_TITLE = 'الملتقى الثالث للتخطيط الحضري والخدمات البلدية';

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pickOf = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = '2026-11-01T08:00:00.000Z';

const MALE = ['محمد', 'أحمد', 'عبدالله', 'خالد', 'سالم', 'ناصر', 'جمال', 'سعيد', 'حمد', 'يوسف', 'فهد', 'علي', 'سلطان'];
const FEMALE = ['فاطمة', 'مريم', 'عائشة', 'نورة', 'خديجة', 'شيخة', 'هند', 'ليلى', 'أسماء', 'منى', 'سارة'];
const FATHERS = ['ناصر', 'محمد', 'سالم', 'علي', 'حمد', 'سعيد', 'راشد', 'عبدالرحمن', 'سيف', 'مبارك', 'حمود'];
const FAMILIES = [
  'الملحم',
  'البلوشي',
  'الحارثي',
  'الكندي',
  'الهنائي',
  'الرواحي',
  'المعمري',
  'الشكيلي',
  'الفارسي',
  'الزدجالي',
  'السيابي',
  'العامري',
  'البوسعيدي',
  'الغافري',
];
const POSITIONS = [
  'رئيس بلدية',
  'مدير عام التخطيط العمراني',
  'مستشار التنمية الحضرية',
  'مدير دائرة الخدمات البلدية',
  'أستاذ الهندسة المدنية',
  'خبير النقل المستدام',
  'مدير مشاريع البنية الأساسية',
];
const TOPICS = [
  'التخطيط الحضري المستدام',
  'إدارة النفايات والاقتصاد الدائري',
  'المدن الذكية والتحول الرقمي',
  'النقل العام وتخفيف الازدحام',
  'الحدائق والمساحات الخضراء',
  'تراخيص البناء الإلكترونية',
  'الصحة العامة وسلامة الغذاء',
  'إدارة مياه الأمطار والسيول',
  'مشاركة المجتمع في القرار البلدي',
  'الطاقة المتجددة في المباني العامة',
];
const KINDS: SessionKind[] = ['papers', 'panel', 'keynote', 'workshop', 'papers', 'discussion'];

function honorific(r: number): Honorific {
  return r < 0.02 ? 'highness' : r < 0.1 ? 'maali' : r < 0.35 ? 'saada' : r < 0.7 ? 'sayyid' : 'none';
}
const TITLES: ProfessionalTitle[] = ['engineer', 'doctor', 'professor', 'ustadh', 'none', 'none'];

export function makeForumData() {
  const people: Person[] = Array.from({ length: 400 }, (_, i) => {
    const gender = i % 4 === 3 ? GENDERS[1] : GENDERS[0];
    const first = pickOf(gender === 'male' ? MALE : FEMALE);
    return {
      id: id(10_000 + i),
      honorific: honorific(random()),
      title: pickOf(TITLES),
      gender,
      nameAr: `${first} ${gender === 'male' ? 'بن' : 'بنت'} ${pickOf(FATHERS)} ${pickOf(FAMILIES)}`,
      nameEn: '',
      positionAr: pickOf(POSITIONS),
      positionEn: '',
      organisationId: null,
      country: 'سلطنة عمان',
      email: '',
      mobile: '',
      bioAr: '',
      bioEn: '',
      photo: null,
      createdAt: NOW,
      updatedAt: NOW,
    };
  });
  const rank = new Map(people.map((p) => [p.id, HONORIFIC_RANK[p.honorific]]));
  const rankOf = (personId: string) => rank.get(personId) ?? 3;
  const person = () => pickOf(people).id;

  const halls: Hall[] = ['قاعة عمان', 'قاعة صحار', 'قاعة نزوى', 'قاعة صلالة'].map((nameAr, i) => ({
    id: id(1 + i),
    nameAr,
    nameEn: '',
    capacity: [250, 150, 120, 100][i] ?? null,
    updatedAt: FIRST_REVISION,
  }));

  // A hall's day: 3 sessions before the coffee break, 3 before lunch, 6 after it; 45 minutes each.
  const slots = [
    ...[0, 1, 2].map((k) => 8 * 60 + k * 50),
    ...[0, 1, 2].map((k) => 11 * 60 + k * 50),
    ...[0, 1, 2, 3, 4, 5].map((k) => 14 * 60 + 30 + k * 55),
  ];
  const sessions: Session[] = [];
  let n = 0;
  for (const [d, day] of DAYS.entries()) {
    sessions.push(
      newSession(id(1000 + n++), { kind: 'coffee_break', titleAr: 'استراحة قهوة', day, start: 630, end: 660 }),
      newSession(id(1000 + n++), { kind: 'lunch', titleAr: 'غداء وصلاة', day, start: 810, end: 870 }),
    );
    for (const [h, hall] of halls.entries()) {
      for (const [s, start] of slots.entries()) {
        const opening = d === 0 && h === 0 && s === 0;
        const closing = d === DAYS.length - 1 && h === 0 && s === slots.length - 1;
        const kind: SessionKind = opening
          ? 'opening'
          : closing
            ? 'closing'
            : (KINDS[(s + h) % KINDS.length] ?? 'papers');
        const topic = TOPICS[(n + d) % TOPICS.length] ?? '';
        const sessionNo = n + 1;
        const items = Array.from({ length: kind === 'keynote' ? 1 : 2 + Math.floor(random() * 3) }, (_, j) => ({
          id: id(100_000 + n * 10 + j),
          kind: kind === 'panel' ? ('panellist' as const) : kind === 'keynote' ? ('talk' as const) : ('paper' as const),
          titleAr: `${topic}: تجربة ${j + 1}`,
          titleEn: '',
          personId: person(),
          nameWithoutRecord: '',
        }));
        const session = newSession(id(1000 + n++), {
          kind,
          titleAr: opening ? 'حفل الافتتاح' : closing ? 'الجلسة الختامية' : `الجلسة ${sessionNo}: ${topic}`,
          day,
          start,
          end: start + 45,
          hallId: hall.id,
          chairId: random() < 0.6 ? person() : null,
          expectedAttendance: (hall.capacity ?? 100) - 20,
          items,
        });
        sessions.push(withSyncedSpeakers(session, rankOf));
      }
    }
  }

  const forum: Forum = {
    id: id(900),
    kind: 'forum',
    edition: '',
    editionNumber: 3,
    editionNoun: 'forum',
    editionStyle: 'words',
    titleAr: FORUM_TITLE,
    titleEn: 'Third Forum on Urban Planning and Municipal Services',
    slogan: 'مدن مستدامة لأجيال قادمة',
    organisers: ['بلدية مسقط'],
    logos: [],
    partners: [],
    patron: 'معالي المهندس رئيس بلدية مسقط',
    venue: { hotel: 'فندق شيراتون عمان', hall: 'قاعة عمان', city: 'مسقط', country: 'سلطنة عمان' },
    firstDay: DAYS[0] as string,
    lastDay: DAYS[DAYS.length - 1] as string,
    expectedAttendance: 400,
    phoneCountry: '968',
    objectives: ['تبادل الخبرات بين البلديات'],
    description: '',
    status: 'published',
    createdAt: NOW,
    updatedAt: NOW,
  };

  const forumFile = forumFileSchema.parse({ forum, programme: { halls, sessions, delegations: [] } });
  const directory = directorySchema.parse({ people, organisations: [] });
  return { forumFile, directory };
}

/** Writes the forum and the directory into `dataDir`; returns each day's session ids. */
export async function writeForumData(dataDir: string): Promise<{ day: string; sessionIds: string[] }[]> {
  const { forumFile, directory } = makeForumData();
  await fs.mkdir(path.join(dataDir, 'forums'), { recursive: true });
  await fs.writeFile(
    path.join(dataDir, 'forums', `${forumFile.forum.id}.json`),
    encodeDocument(forumFileSpec, forumFile),
  );
  await fs.writeFile(path.join(dataDir, 'directory.json'), encodeDocument(directorySpec, directory));
  return DAYS.map((day) => ({
    day,
    sessionIds: forumFile.programme.sessions.filter((s) => s.day === day).map((s) => s.id),
  }));
}
