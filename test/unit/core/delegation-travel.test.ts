import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeProgrammeDocx } from '../../../src/core/export/programme-docx';
import type { Handlers } from '../../../src/shared/contract';
import type { ExportOptions, ExportStatus } from '../../../src/shared/domain/export';
import { DEFAULT_EXPORT_OPTIONS } from '../../../src/shared/domain/export';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyPersonInput, type PersonInput } from '../../../src/shared/domain/person';
import { type DelegationMember, delegationSchema, programmeSchema } from '../../../src/shared/domain/programme';
import { newDelegation, newSession, removePerson } from '../../../src/shared/domain/programme-edit';
import { AppError } from '../../../src/shared/errors';
import { handoverFile } from './backup/backup-fixture';
import { withCore } from './core-fixture';
import { readDocx } from './export/docx-reader';
import { type PrintedWord, printed } from './export/pdf-pages';
import { DELEGATION, SESSION, seedInput } from './export/seed-002-input';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();
const uuid = () => crypto.randomUUID();
const ARABIC = /\p{Script=Arabic}/u;
const noBidi = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

async function person(h: Handlers, fields: Partial<PersonInput>) {
  return (await h['people.save']({ ...emptyPersonInput(), id: uuid(), ...fields })).id;
}

function traveller(personId: string, fields: Partial<DelegationMember> = {}): DelegationMember {
  return { personId, role: '', arrival: null, departure: null, hotel: '', room: '', carId: null, ...fields };
}

/** A printed word by its text (pdftotext gives an Arabic word's letters as they stand, so reversed). */
function wordOn(page: readonly PrintedWord[], text: string): PrintedWord {
  const found = page.find((w) => {
    const t = noBidi(w.text);
    return t === text || [...t].reverse().join('') === text;
  });
  if (!found) throw new Error(`"${text}" is not printed on the page: ${page.map((w) => w.text).join(' ')}`);
  return found;
}

async function finished(h: Handlers, forumId: string, options: ExportOptions): Promise<ExportStatus> {
  let status = await h['exports.start']({ forumId, options });
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    status = await h['exports.status']({ jobId: status.jobId });
  }
  return status;
}

/**
 * Seed 000: Dammam's delegation, headed by the deputy mayor for development
 * and projects, flies to Houston for the World Energy Cities Partnership's
 * annual meeting, where it presents its draft strategy and its projects.
 */
async function seed000(h: Handlers) {
  const forum = await h['forums.create']({
    ...emptyForumInput('2026-10-13'),
    kind: 'periodic_meeting',
    titleAr: 'الاجتماع السنوي لتجمع مدن الطاقة العالمية',
    titleEn: 'World Energy Cities Partnership Annual Meeting',
    lastDay: '2026-10-14',
    organisers: ['تجمع مدن الطاقة العالمية'],
    venue: { hotel: 'Hilton Americas', hall: '', city: 'Houston', country: 'USA' },
  });
  const head = await person(h, {
    ...{ honorific: 'saada', title: 'engineer', nameAr: 'جمال بن ناصر الملحم', nameEn: 'Jamal bin Nasser Al-Mulhim' },
    positionAr: 'وكيل أمين المنطقة الشرقية للتعمير والمشاريع',
    positionEn: 'Deputy Mayor for Development and Projects',
    mobile: '+966 55 123 4567',
  });
  const strategist = await person(h, {
    ...{ title: 'engineer', nameAr: 'سعد بن علي الغامدي', nameEn: 'Saad Al-Ghamdi' },
    ...{ positionAr: 'مدير إدارة الاستراتيجية', positionEn: 'Director of Strategy' },
  });
  const coordinator = await person(h, {
    ...{ gender: 'female', nameAr: 'نورة القحطاني', nameEn: 'Noura Al-Qahtani' },
    ...{ positionAr: 'العلاقات العامة', positionEn: 'Public Relations' },
  });
  const day = (iso: string, from: number, to: number, kind: 'opening' | 'papers' | 'coffee_break' | 'discussion') =>
    newSession(uuid(), { day: iso, start: from, end: to, kind });
  await h['programme.saveSessions']({
    forumId: forum.id,
    sessions: [
      { ...day('2026-10-13', 540, 570, 'opening'), titleAr: 'افتتاح الاجتماع السنوي', titleEn: 'Opening' },
      {
        ...day('2026-10-13', 570, 660, 'papers'),
        titleAr: 'المسودة الأولية لتطوير أعمال التجمع',
        titleEn: 'Draft plan for developing the partnership',
      },
      { ...day('2026-10-13', 660, 690, 'coffee_break'), titleAr: 'استراحة', titleEn: 'Coffee break' },
      {
        ...day('2026-10-14', 540, 630, 'discussion'),
        titleAr: 'برنامجا التبادل التدريبي والأكاديمي',
        titleEn: 'Training and academic exchange programmes',
      },
    ],
  });
  const car = uuid();
  const arrival = { flight: 'QR 713', day: '2026-10-12', time: 16 * 60 + 5, airport: 'IAH' };
  const departure = { flight: 'QR 714', day: '2026-10-15', time: 21 * 60 + 30, airport: 'IAH' };
  const stay = { arrival, departure, hotel: 'Hilton Americas', carId: car };
  const delegation = newDelegation(uuid(), {
    ...{ nameAr: 'وفد مدينة الدمام', nameEn: 'City of Dammam delegation', city: 'الدمام', country: 'السعودية' },
    ...{ direction: 'outgoing', headId: head, memberIds: [strategist, coordinator] },
    memberDetails: [
      traveller(head, { ...stay, role: 'رئيس الوفد', room: '1204' }),
      traveller(strategist, { ...stay, role: 'عرض المسودة الاستراتيجية', room: '1206' }),
      traveller(coordinator, { ...stay, role: 'منسقة الوفد', room: '1208' }),
    ],
    cars: [{ id: car, car: 'Chevrolet Suburban', driverName: 'Michael Brown', phone: '+1 713 555 0142' }],
    hostOfficer: { personId: null, name: 'Sarah Johnson' },
    talkingPoints: ['زيادة مجالات التعاون بين المدن الأعضاء', 'صلاحيات أوسع للأمانة العامة للتجمع'],
    presentations: ['المسودة الأولية لتطوير أعمال التجمع', 'المشاريع التنموية للأمانة وبلدياتها'],
  });
  const view = await h['programme.saveDelegation']({ forumId: forum.id, delegation });
  return { forumId: forum.id, head, strategist, coordinator, car, delegation: view.delegations[0] ?? delegation };
}

describe('a delegation both ways: direction, travel, stay, cars and who receives them', () => {
  it('reads a delegation written before delegations travelled as incoming with nothing arranged', () => {
    const old = {
      ...{ id: uuid(), nameAr: 'وفد مدينة سيؤول', nameEn: 'Seoul delegation', organisationId: null, city: '' },
      ...{ country: '', headId: null, memberIds: [], updatedAt: '2026-11-01T08:00:00.000Z' },
    };
    const read = programmeSchema.parse({ halls: [], sessions: [], delegations: [old] }).delegations[0];
    expect(read).toMatchObject({
      ...{ direction: 'incoming', memberDetails: [], cars: [], receptionParty: [] },
      ...{ hostOfficer: { personId: null, name: '' }, talkingPoints: [], presentations: [] },
    });
    // A member's journey written without its stay reads with none.
    const partial = delegationSchema.parse({ ...old, memberDetails: [{ personId: uuid() }] });
    expect(partial.memberDetails[0]).toMatchObject({
      role: '',
      arrival: null,
      departure: null,
      hotel: '',
      carId: null,
    });
  });

  it('refuses a flight time past midnight, a day that is no day and an unknown direction', () => {
    const base = newDelegation(uuid());
    const leg = { flight: 'OV 123', day: '2026-12-03', time: 600, airport: 'MCT' };
    const withLeg = (arrival: unknown) => ({ ...base, memberDetails: [{ personId: uuid(), arrival }] });
    expect(delegationSchema.safeParse(withLeg(leg)).success).toBe(true);
    expect(delegationSchema.safeParse(withLeg({ ...leg, time: 24 * 60 })).success).toBe(false);
    expect(delegationSchema.safeParse(withLeg({ ...leg, time: 61.5 })).success).toBe(false);
    expect(delegationSchema.safeParse(withLeg({ ...leg, day: '2026-02-30' })).success).toBe(false);
    expect(delegationSchema.safeParse({ ...base, direction: 'sideways' }).success).toBe(false);
  });

  it("refuses a driver's phone it cannot read under that car's field, and saves nothing", async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const depth = (await h['history.state']()).undoDepth;
      const cars = [...s.delegation.cars, { id: uuid(), car: 'GMC Yukon', driverName: 'Ali', phone: '12345' }];
      const refused = await h['programme.saveDelegation']({
        forumId: s.forumId,
        delegation: { ...s.delegation, cars, expectedUpdatedAt: s.delegation.updatedAt },
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).issues).toEqual([
        { path: ['delegation', 'cars', 1, 'phone'], message: 'errors.phoneInvalid' },
      ]);
      expect((await h['history.state']()).undoDepth).toBe(depth);
      expect((await h['programme.get']({ forumId: s.forumId })).delegations[0]?.cars).toHaveLength(1);
      // A local number is read with the forum's country code (Saudi Arabia by default) and kept as typed.
      cars[1] = { ...cars[1], phone: '055 123 4567' } as (typeof cars)[number];
      const saved = await h['programme.saveDelegation']({
        forumId: s.forumId,
        delegation: { ...s.delegation, cars, expectedUpdatedAt: s.delegation.updatedAt },
      });
      expect(saved.delegations[0]?.cars.map((c) => c.phone)).toEqual(['+1 713 555 0142', '055 123 4567']);
    });
  });

  it('keeps travel for the delegation’s own people, once each, naming only its own cars; undo puts it back', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const stranger = await person(h, { nameAr: 'شخص من خارج الوفد' });
      const details = [
        ...s.delegation.memberDetails.map((m) => (m.personId === s.coordinator ? { ...m, carId: uuid() } : m)),
        traveller(stranger, { hotel: 'فندق' }),
        traveller(s.head, { hotel: 'نسخة ثانية' }),
      ];
      const view = await h['programme.saveDelegation']({
        forumId: s.forumId,
        delegation: {
          ...s.delegation,
          memberIds: [s.coordinator],
          memberDetails: details,
          expectedUpdatedAt: s.delegation.updatedAt,
        },
      });
      const kept = view.delegations[0]?.memberDetails ?? [];
      expect(kept.map((m) => m.personId)).toEqual([s.head, s.coordinator]);
      expect(kept[0]?.hotel).toBe('Hilton Americas');
      expect(kept[1]?.carId).toBeNull();
      await h['history.undo']();
      const back = (await h['programme.get']({ forumId: s.forumId })).delegations[0];
      expect(back?.memberDetails.map((m) => m.personId)).toEqual([s.head, s.strategist, s.coordinator]);
      expect(back?.memberDetails[2]?.carId).toBe(s.car);
    });
  });

  it("travels in a handover file to a colleague's machine: flights, cars, the liaison officer and the reception party", async () => {
    let file = { fileName: '', base64: '' };
    let officerName = '';
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const officer = await person(h, { nameAr: 'مدير المراسم', nameEn: 'Protocol director' });
      officerName = 'مدير المراسم';
      await h['programme.saveDelegation']({
        forumId: s.forumId,
        delegation: {
          ...s.delegation,
          receptionParty: [{ personId: officer, name: '' }],
          expectedUpdatedAt: s.delegation.updatedAt,
        },
      });
      file = await handoverFile(h, s.forumId);
    });
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const preview = await h['handover.open'](file);
      const { forumId } = await h['handover.commit']({
        handoverId: preview.handoverId,
        mode: 'new',
        duplicates: 'keepExisting',
      });
      const d = (await h['programme.get']({ forumId })).delegations[0];
      expect(d?.direction).toBe('outgoing');
      expect(d?.memberDetails.map((m) => m.arrival?.flight)).toEqual(['QR 713', 'QR 713', 'QR 713']);
      expect(d?.cars[0]?.phone).toBe('+1 713 555 0142');
      expect(d?.memberDetails[0]?.carId).toBe(d?.cars[0]?.id);
      expect(d?.hostOfficer).toEqual({ personId: null, name: 'Sarah Johnson' });
      // The reception party's person came with the file, under the id the colleague's directory gave them.
      const directory = await h['directory.get']();
      const arrived = directory.people.find((p) => p.nameAr === officerName);
      expect(d?.receptionParty).toEqual([{ personId: arrived?.id, name: '' }]);
    });
  });

  it('a person deleted from the directory leaves the travel list and stays as a name where they received the delegation', () => {
    const officer = uuid();
    const member = uuid();
    const programme = programmeSchema.parse({
      halls: [],
      sessions: [],
      delegations: [
        newDelegation(uuid(), {
          memberIds: [member],
          memberDetails: [traveller(member, { hotel: 'Sheraton' })],
          hostOfficer: { personId: officer, name: '' },
          receptionParty: [{ personId: officer, name: '' }],
        }),
      ],
    });
    const after = removePerson(removePerson(programme, officer, 'سالم البلوشي'), member, 'Kim');
    const d = after.delegations[0];
    expect(d?.hostOfficer).toEqual({ personId: null, name: 'سالم البلوشي' });
    expect(d?.receptionParty).toEqual([{ personId: null, name: 'سالم البلوشي' }]);
    expect(d?.memberDetails).toEqual([]);
  });
});

describe("the outgoing delegation's briefing file", () => {
  it('holds the meeting, who goes and their roles, the programme, what they present, talking points, travel and contacts', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const done = await finished(h, s.forumId, { kind: 'briefing', language: 'ar', delegationId: s.delegation.id });
      expect(done.state).toBe('done');
      expect(done.fileName).toMatch(/^الملف التعريفي للوفد - .*\.docx$/);
      const docx = await readDocx(await fs.readFile(done.path ?? ''));
      const text = docx.paragraphs.map(noBidi);
      const below = (heading: string) => text.slice(text.indexOf(heading) + 1);
      expect(text.slice(0, 2)).toEqual(['الملف التعريفي للوفد', 'وفد مدينة الدمام']);
      for (const heading of ['أعضاء الوفد وأدوارهم', 'البرنامج', 'ما يقدمه الوفد', 'نقاط الحديث', 'السفر والإقامة']) {
        expect(text).toContain(heading);
      }
      expect(below('أعضاء الوفد وأدوارهم')).toEqual(
        expect.arrayContaining(['سعادة المهندس جمال بن ناصر الملحم', 'رئيس الوفد', 'عرض المسودة الاستراتيجية']),
      );
      expect(below('نقاط الحديث').slice(0, 2)).toEqual([
        '1. زيادة مجالات التعاون بين المدن الأعضاء',
        '2. صلاحيات أوسع للأمانة العامة للتجمع',
      ]);
      expect(text).toContain('• المشاريع التنموية للأمانة وبلدياتها');
      // The driver with his car and phone among the contacts.
      expect(below('جهات الاتصال')).toEqual(
        expect.arrayContaining(['السائق — Chevrolet Suburban', 'Michael Brown', 'Sarah Johnson']),
      );
      expect(text).toContain('ضابط الارتباط');
      // Every Arabic paragraph is right to left, its tables too.
      expect(docx.document).toContain('<w:bidi/>');
      expect(docx.document).toContain('<w:bidiVisual/>');
      // A phone number inside Arabic text is kept left to right.
      expect(docx.document).toContain('\u2066+1 713 555 0142\u2069');
    });
  });

  it("prints the meeting's venue and organisers in English, marked where they have none, never in Arabic silently", async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const done = await finished(h, s.forumId, { kind: 'briefing', language: 'en', delegationId: s.delegation.id });
      const text = (await readDocx(await fs.readFile(done.path ?? ''))).paragraphs.map(noBidi);
      expect(text).toContain('Organised by: [Arabic only: تجمع مدن الطاقة العالمية]');
      // The venue's English, where the paper once printed its Arabic city and country in English text.
      expect(text).toContain('Venue: Hilton Americas, Houston, USA');
    });
  });

  it('prints through LibreOffice in Arabic (right to left) and in English (no Arabic of its own)', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      for (const language of ['ar', 'en'] as const) {
        const done = await finished(h, s.forumId, { kind: 'briefing', language, delegationId: s.delegation.id });
        const file = await printed(await fs.readFile(done.path ?? ''), 'docx');
        if (process.env.KEEP_DOCS)
          await fs.copyFile(done.path ?? '', `${process.env.KEEP_DOCS}/briefing-${language}.docx`);
        const all = file.pages.map(noBidi).join('\n');
        for (const size of file.sizes) expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
        if (language === 'ar') {
          expect(all).toContain('الملف التعريفي للوفد');
          expect(all).toContain('نقاط الحديث');
          // Right to left: the members' table has the name at the right, then the position, the role at the left.
          const page = file.words[0] ?? [];
          const columns = ['الاسم', 'المنصب', 'الدور'].map((w) => wordOn(page, w).x);
          expect(columns).toEqual([...columns].sort((a, b) => b - a));
        } else {
          expect(all).toContain('Delegation briefing file');
          expect(all).toContain('Who goes and their roles');
          for (const words of [
            'Jamal bin Nasser',
            'Director of Strategy',
            'Training and academic exchange',
            'QR 713',
          ]) {
            expect(all).toContain(words);
          }
          // Left to right: the members' table starts at the left with its number.
          const page = file.words[0] ?? [];
          expect(wordOn(page, 'No.').x).toBeLessThan(wordOn(page, 'Position').x);
          // What the app writes itself is English; only what the coordinator typed in Arabic alone stays Arabic.
          const typedInArabic = ['زيادة', 'صلاحيات', 'المسودة', 'المشاريع', 'رئيس', 'عرض', 'منسقة', 'تجمع'];
          const arabicLines = all.split('\n').filter((l) => ARABIC.test(l));
          for (const l of arabicLines)
            expect(
              typedInArabic.some((w) => l.includes(w)),
              l,
            ).toBe(true);
        }
      }
    });
  }, 120_000);

  it('refuses a briefing for a delegation that is gone, saying so', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed000(h);
      const done = await finished(h, s.forumId, { kind: 'briefing', language: 'ar', delegationId: uuid() });
      expect(done.state).toBe('failed');
      expect(done.error?.code).toBe('not_found');
    });
  });
});

describe('the airport-reception schedule of incoming delegations', () => {
  /** Seed 002's Seoul delegation landing at Muscat on two flights, and Sohar's coming by road (no flight). */
  async function seed002(h: Handlers) {
    const forum = await h['forums.create']({
      ...emptyForumInput('2026-12-04'),
      titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
      titleEn: 'Second Experience Exchange Forum of Muscat and Sohar',
      lastDay: '2026-12-05',
      phoneCountry: '968',
    });
    const kim = await person(h, { nameAr: 'كيم مين سو', nameEn: 'Kim Min-su', honorific: 'saada' });
    const lee = await person(h, { nameAr: 'لي جي يون', nameEn: 'Lee Ji-yoon' });
    const park = await person(h, { nameAr: 'بارك سو جين', nameEn: 'Park Soo-jin' });
    const salim = await person(h, { nameAr: 'سالم بن حمد البلوشي', nameEn: 'Salim Al-Balushi' });
    const car = uuid();
    const late = { flight: 'EK 862', day: '2026-12-03', time: 22 * 60 + 40, airport: 'مطار مسقط الدولي' };
    const early = { flight: 'OV 1102', day: '2026-12-03', time: 7 * 60 + 15, airport: 'مطار مسقط الدولي' };
    const seoul = newDelegation(uuid(), {
      ...{ nameAr: 'وفد مدينة سيؤول', nameEn: 'Seoul delegation', headId: kim, memberIds: [lee, park] },
      memberDetails: [
        traveller(kim, { arrival: late, carId: car, hotel: 'شيراتون عمان' }),
        traveller(lee, { arrival: early, hotel: 'شيراتون عمان' }),
        traveller(park, { arrival: { ...late, flight: 'ek862' }, carId: car }),
      ],
      cars: [{ id: car, car: 'تويوتا لاندكروزر', driverName: 'خميس الحارثي', phone: '9123 4567' }],
      hostOfficer: { personId: salim, name: '' },
      receptionParty: [{ personId: null, name: 'مدير عام العلاقات العامة' }],
    });
    const sohar = newDelegation(uuid(), { nameAr: 'وفد بلدية صحار', headId: salim });
    for (const d of [seoul, sohar]) await h['programme.saveDelegation']({ forumId: forum.id, delegation: d });
    return { forumId: forum.id, seoul };
  }

  it('lists each landing by arrival time, one row per flight, with who lands, who receives them and the car', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed002(h);
      const done = await finished(h, s.forumId, { kind: 'reception', language: 'ar', delegationId: null });
      expect(done.state).toBe('done');
      const file = await printed(await fs.readFile(done.path ?? ''), 'docx');
      if (process.env.KEEP_DOCS) {
        await fs.copyFile(done.path ?? '', `${process.env.KEEP_DOCS}/reception-ar.docx`);
        const en = await finished(h, s.forumId, { kind: 'reception', language: 'en', delegationId: null });
        await fs.copyFile(en.path ?? '', `${process.env.KEEP_DOCS}/reception-en.docx`);
      }
      // Landscape A4: seven columns.
      for (const size of file.sizes) expect([Math.round(size.width), Math.round(size.height)]).toEqual([842, 595]);
      const all = noBidi(file.pages.join('\n'));
      expect(all).toContain('جدول استقبال الوفود في المطار');
      const page = file.words[0] ?? [];
      // The 07:15 landing above the 22:40 one, though the head is on the later flight.
      expect(wordOn(page, '1102').top).toBeLessThan(wordOn(page, '862').top);
      // "ek862" is the head's flight written another way: one row for both, so the flight is printed once.
      expect(page.filter((w) => /^(862|ek862)$/i.test(noBidi(w.text)))).toHaveLength(1);
      for (const text of ['خميس الحارثي', 'ضابط الارتباط', 'مدير عام العلاقات العامة', 'بارك سو جين']) {
        expect(all).toContain(text);
      }
      // Right to left: the arrival time's column at the right, then the flight, the car at the left.
      expect(wordOn(page, 'الوصول').x).toBeGreaterThan(wordOn(page, 'الرحلة').x);
      expect(wordOn(page, 'الرحلة').x).toBeGreaterThan(wordOn(page, 'والسائق').x);
      // A driver's phone keeps its digit groups in order inside the Arabic cell.
      expect(wordOn(page, '9123').x).toBeLessThan(wordOn(page, '4567').x);
    });
  }, 120_000);

  it('says there is nothing to receive yet rather than printing an empty table', async () => {
    await withCore(await tempDir(), async ({ handlers: h }) => {
      const s = await seed002(h);
      const none = newDelegation(uuid(), { nameAr: 'وفد بلا رحلات' });
      await h['programme.saveDelegation']({ forumId: s.forumId, delegation: none });
      const done = await finished(h, s.forumId, { kind: 'reception', language: 'en', delegationId: none.id });
      const docx = await readDocx(await fs.readFile(done.path ?? ''));
      expect(docx.paragraphs).toContain('No arrival flights of incoming delegations have been entered yet.');
      expect(docx.document).not.toContain('<w:tbl>');
    });
  });
});

describe("an incoming delegation's own programme, in its language", () => {
  it('prints only the sessions the Seoul delegation attends and the breaks, in English with no Arabic', async () => {
    const chosen = [SESSION.keynote, SESSION.workshopA];
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language: 'en', delegationId: DELEGATION.seoul });
    const seoul = input.programme.delegations.map((d) =>
      d.id === DELEGATION.seoul ? { ...d, sessionIds: chosen } : d,
    );
    // The event's fields that have one language only, typed in English for the guests' copy.
    const forum = {
      ...input.forum,
      ...{ slogan: 'Innovative solutions for sustainable municipal services', partners: ['City of Seoul'] },
      ...{ organisers: ['Muscat Municipality', 'Sohar Municipality'], objectives: ['Sharing experience'] },
      patron: 'H.E. Eng. Mohsin bin Mohammed Al-Sheikh, Chairman of Muscat Municipality',
      venue: { hotel: 'Sheraton Oman Hotel', hall: 'Oman Hall', city: 'Muscat', country: 'Oman' },
    };
    const bytes = await writeProgrammeDocx({ ...input, forum, programme: { ...input.programme, delegations: seoul } });
    const file = await printed(bytes, 'docx');
    const all = noBidi(file.pages.join('\n'));
    if (process.env.KEEP_DOCS) await fs.writeFile(`${process.env.KEEP_DOCS}/seoul-programme-en.docx`, bytes);
    expect(all).toContain('Programme of the Seoul delegation');
    const titles = (ids: readonly string[]) =>
      input.programme.sessions.filter((s) => ids.includes(s.id)).map((s) => s.titleEn);
    // A title's first words (a long one wraps in its cell).
    const start = (title: string) => title.split(' ').slice(0, 2).join(' ');
    for (const title of titles([...chosen, SESSION.coffee, SESSION.lunch])) expect(all).toContain(start(title));
    for (const title of titles([SESSION.workshopB, SESSION.panel, SESSION.closing])) {
      expect(all).not.toContain(start(title));
    }
    // The Sohar delegation is not in the Seoul delegation's copy.
    expect(all).not.toContain('Sohar Municipality delegation');
    expect(all.split('\n').filter((line) => ARABIC.test(line))).toEqual([]);
  }, 60_000);

  it('is the whole programme while the delegation has chosen no sessions, and refused for a delegation gone', async () => {
    const input = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, language: 'en', delegationId: DELEGATION.seoul });
    const docx = await readDocx(await writeProgrammeDocx(input));
    const text = docx.paragraphs.join('\n');
    for (const s of input.programme.sessions) if (s.titleEn) expect(text).toContain(s.titleEn);
    const gone = seedInput({ ...DEFAULT_EXPORT_OPTIONS.programme, delegationId: uuid() });
    await expect(writeProgrammeDocx(gone)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'not_found');
  });
});
