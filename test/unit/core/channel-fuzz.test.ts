import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../src/core/gate';
import { CHANNEL_NAMES, type ChannelName, channels, type Handlers, type RequestOf } from '../../../src/shared/contract';
import { DEFAULT_EXPORT_OPTIONS } from '../../../src/shared/domain/export';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyPersonInput, PHOTO_MAX_BYTES } from '../../../src/shared/domain/person';
import type { SessionSave } from '../../../src/shared/domain/programme';
import { emptyRegistrationInput } from '../../../src/shared/domain/registration';
import type { Envelope } from '../../../src/shared/errors';
import { openTestCore, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

/**
 * Every channel of the contract, fuzzed through the gate in front of a real
 * core: junk and near-miss payloads must come back as `invalid_request`
 * naming the field, well-formed ids of nothing as `not_found`, never as
 * `internal` or a rejected promise, and the data folder must stay byte for
 * byte as it was. gate.test.ts keeps the hand-written cases.
 */

// About 22,000 payloads in all: under 10 s on two cores, whole file.
const RUNS = { junk: 200, nearMiss: 300, lookup: 40 };
/** The longest text any request field takes (a forum's description): one more character is refused anywhere. */
const TEXT_MAX = 20_000;

type Path = (string | number)[];
type Node = Record<string | number, unknown>;
const dotted = (p: Path) => p.join('.');
const parsePath = (s: string): Path => (s === '' ? [] : s.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
const isRecord = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v);

interface World {
  forumId: string;
  registrationIds: [string, string];
  personIds: [string, string];
  organisationId: string;
  hallId: string;
  session: SessionSave;
  delegationId: string;
  /** One of the delegation's cars, which its head's travel names. */
  carId: string;
  /** A council's member, sitting, agenda item, decision and document (the document's id is core's own). */
  council: { memberId: string; sittingId: string; itemId: string; decisionId: string; documentId: string };
}

/** Ids for everything a case names; `seed` makes them real (the forum's and registrations' ids are core's own). */
function randomWorld(): World {
  const [hallId, personIds] = [randomUUID(), [randomUUID(), randomUUID()] as [string, string]];
  const item = { id: randomUUID(), kind: 'talk', titleAr: '', titleEn: '', personId: personIds[1] } as const;
  return {
    ...{ forumId: randomUUID(), registrationIds: [randomUUID(), randomUUID()], personIds, hallId },
    ...{ organisationId: randomUUID(), delegationId: randomUUID(), carId: randomUUID() },
    council: {
      ...{ memberId: randomUUID(), sittingId: randomUUID(), itemId: randomUUID(), decisionId: randomUUID() },
      documentId: randomUUID(),
    },
    session: {
      ...{ id: randomUUID(), kind: 'keynote', titleAr: 'الكلمة', titleEn: '', day: '2026-12-04', start: 540, end: 600 },
      ...{ hallId, place: '', chairId: personIds[0], expectedAttendance: null, headTableIds: [personIds[0]] },
      ...{ items: [{ ...item, nameWithoutRecord: '' }], speakerOrder: [personIds[1]], presentIds: [], stops: [] },
    },
  };
}

/** A revision no record has: a patch made from it is refused, never written. */
const FAR_PAST = '2000-01-01T00:00:00.000Z';

interface Case<P> {
  payload: P;
  /** Fields that may be left out (optional, or defaulted): dropping one is no near miss. */
  optional?: string[];
  /** Objects that refuse unknown keys: the request itself ('') unless given; [] where the schema strips them. */
  strict?: string[];
  /** Ids core looks up: a well-formed id of nothing there must answer not_found. */
  lookups?: string[];
  /** A field's limit where above TEXT_MAX, or null where too costly to exceed (50 MB of base64). */
  longest?: Record<string, number | null>;
}

const PDF_BASE64 = Buffer.from('%PDF-1.4\n% تقرير الأمين العام\n').toString('base64');

/** A valid payload per channel: the mapped type makes TypeScript insist on every channel, typed by its request. */
function cases(w: World): { [C in ChannelName]: Case<RequestOf<C>> } {
  const { forumId, personIds, registrationIds } = w;
  const forum = { ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى الرياض', organisers: ['أمانة الرياض'] };
  const registration = { ...emptyRegistrationInput(), id: registrationIds[0], fullName: 'سالم', notes: 'x' };
  const importRequest = { forumId, importId: randomUUID(), sheet: '', headerRow: null, mapping: null };
  const importDefaults = { defaults: { category: 'participant', status: 'registered' } } as const;
  const base64 = Buffer.from('الاسم\nسالم\n').toString('base64');
  const byId = (id: string) => ({ payload: { id }, lookups: ['id'] });
  const job = { payload: { jobId: randomUUID() }, lookups: ['jobId'] };
  const problem = { payload: { problemId: 'p1' }, lookups: ['problemId'] };
  const none = { payload: undefined };
  const inForum = <P>(payload: P, ...lookups: string[]) => ({ payload, lookups: ['forumId', ...lookups] });
  const delegation = { id: w.delegationId, nameAr: 'وفد الدمام', nameEn: '', organisationId: w.organisationId };
  const c = w.council;
  const member = { id: c.memberId, nameAr: 'بلدية مسقط', nameEn: '', organisationId: null, representativeId: null };
  const sitting = {
    id: c.sittingId,
    titleAr: 'الجلسة الأولى',
    titleEn: '',
    day: '2026-12-04',
    start: 540,
    attendance: [],
  };
  const item: RequestOf<'council.saveItem'>['item'] = {
    ...{ id: c.itemId, sittingId: c.sittingId, kind: 'report', titleAr: 'تقرير الأمين العام', titleEn: '' },
    ...{ presenterId: null, presenterName: 'الأمين العام', plannedMinutes: 30, outcome: 'noted' },
    ...{ discussionAr: '', discussionEn: '', followUp: [] },
  };
  const decision: RequestOf<'council.saveDecision'>['decision'] = {
    ...{ id: c.decisionId, number: 1, kind: 'decision', textAr: 'اعتماد التقرير', textEn: '', agendaItemId: c.itemId },
    ...{
      responsibleAr: 'الأمانة العامة',
      responsibleEn: '',
      deadline: '2026-12-31',
      status: 'open',
      followUpNotes: '',
    },
  };
  const settings = {
    ...{ bodyAr: 'المجلس التنفيذي', bodyEn: '', sessionNumber: 55, quorum: null, chairId: null, rapporteurId: null },
    previousForumId: null,
  };
  /** The forum's English fields, optional so that files and callers from before them still read. */
  const FORUM_ENGLISH = [
    ...['sloganEn', 'patronEn', 'organisersEn', 'partnersEn', 'objectivesEn', 'descriptionEn'],
    ...['venue.hotelEn', 'venue.hallEn', 'venue.cityEn', 'venue.countryEn'],
  ];
  return {
    'app.info': none,
    'app.storeProblems': none,
    'app.restoreLastGood': problem,
    'app.dismissProblem': problem,
    'settings.get': none,
    'settings.update': { payload: { language: 'en', digits: 'arab' }, optional: ['language', 'digits'] },
    'forums.list': none,
    'forums.get': byId(forumId),
    'forums.create': {
      payload: forum,
      optional: ['phoneCountry', 'logos', 'editionNumber', 'editionNoun', 'editionStyle', ...FORUM_ENGLISH],
      strict: [],
    },
    'forums.update': {
      payload: { id: forumId, input: forum },
      optional: [
        ...['input.phoneCountry', 'input.logos', 'input.editionNumber', 'input.editionNoun', 'input.editionStyle'],
        ...FORUM_ENGLISH.map((field) => `input.${field}`),
      ],
      lookups: ['id'],
    },
    'forums.duplicate': byId(forumId),
    'forums.delete': byId(forumId),
    'forums.restore': byId(forumId),
    'directory.get': none,
    'people.save': { payload: { ...emptyPersonInput(), id: personIds[0], nameAr: 'جمال' }, strict: [] },
    'people.delete': byId(personIds[0]),
    'people.merge': { payload: { keepId: personIds[0], mergeId: personIds[1] }, lookups: ['keepId', 'mergeId'] },
    'people.setPhoto': {
      payload: { id: personIds[0], base64: 'iVBORw0KGgo=' },
      lookups: ['id'],
      longest: { base64: Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4 },
    },
    'people.photo': byId(personIds[0]),
    'images.save': {
      payload: { base64: 'iVBORw0KGgo=' },
      longest: { base64: Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4 },
    },
    'images.get': { payload: { name: `${'0'.repeat(32)}.png` } }, // a missing file answers null: no lookup
    'organisations.save': {
      payload: { id: w.organisationId, nameAr: 'أمانة', nameEn: '', kind: 'municipality', country: '', city: '' },
      strict: [],
    },
    'organisations.delete': byId(w.organisationId),
    'programme.get': inForum({ forumId }),
    'programme.saveSessions': {
      ...inForum({ forumId, sessions: [w.session] }, 'sessions.0.hallId'),
      optional: ['sessions.0.presentIds', 'sessions.0.stops'],
    },
    'programme.deleteSessions': inForum({ forumId, ids: [w.session.id] }, 'ids.0'),
    'programme.saveHall': inForum({ forumId, hall: { id: w.hallId, nameAr: 'القاعة', nameEn: '', capacity: 300 } }),
    'programme.deleteHall': inForum({ forumId, id: w.hallId }, 'id'),
    'programme.saveDelegation': {
      ...inForum({
        forumId,
        delegation: {
          ...{ ...delegation, city: '', country: '', headId: personIds[0], memberIds: [personIds[1]] },
          ...{ direction: 'outgoing', hostOfficer: { personId: personIds[1], name: '' } },
          memberDetails: [
            {
              ...{ personId: personIds[0], role: 'رئيس الوفد', hotel: 'Hilton Americas', room: '1204', carId: w.carId },
              arrival: { flight: 'QR 713', day: '2026-12-03', time: 1005, airport: 'IAH' },
              departure: null,
            },
          ],
          cars: [{ id: w.carId, car: 'GMC Yukon', driverName: 'John Miller', phone: '+1 713 555 0142' }],
          receptionParty: [{ personId: null, name: 'مدير المراسم' }],
          ...{ talkingPoints: ['الخطة الاستراتيجية'], presentations: ['مشاريع الأمانة'], sessionIds: [w.session.id] },
        },
      }),
      // Files written before delegations travelled leave these out.
      optional: [
        ...['delegation.direction', 'delegation.memberDetails', 'delegation.cars', 'delegation.hostOfficer'],
        ...['delegation.receptionParty', 'delegation.talkingPoints', 'delegation.presentations'],
        'delegation.sessionIds',
        ...['delegation.memberDetails.0.role', 'delegation.memberDetails.0.arrival'],
        ...['delegation.memberDetails.0.departure', 'delegation.memberDetails.0.hotel'],
        ...['delegation.memberDetails.0.room', 'delegation.memberDetails.0.carId'],
      ],
    },
    'programme.deleteDelegation': inForum({ forumId, id: w.delegationId }, 'id'),
    'council.get': inForum({ forumId }),
    'council.saveSettings': { ...inForum({ forumId, settings }), strict: ['', 'settings'] },
    'council.saveMember': {
      ...inForum({ forumId, member: { ...member, representativeName: '' } }),
      strict: ['', 'member'],
    },
    'council.deleteMember': inForum({ forumId, id: c.memberId }, 'id'),
    'council.reorder': inForum({ forumId, list: 'members', ids: [c.memberId] }),
    'council.saveSitting': { ...inForum({ forumId, sitting }), strict: ['', 'sitting'] },
    'council.deleteSitting': inForum({ forumId, id: c.sittingId }, 'id'),
    'council.setAttendance': {
      ...inForum(
        {
          forumId,
          sittingId: c.sittingId,
          attendance: { memberId: c.memberId, status: 'present', substituteId: null, substituteName: '' },
        },
        'sittingId',
        'attendance.memberId',
      ),
      strict: ['', 'attendance'],
    },
    'council.saveItem': { ...inForum({ forumId, item }, 'item.sittingId'), strict: ['', 'item'] },
    'council.deleteItem': inForum({ forumId, id: c.itemId }, 'id'),
    'council.addFollowUp': inForum({ forumId }),
    'council.saveDecision': {
      ...inForum({ forumId, decision }, 'decision.agendaItemId'),
      ...{ optional: ['decision.number'], strict: ['', 'decision'] },
    },
    'council.deleteDecision': inForum({ forumId, id: c.decisionId }, 'id'),
    'council.addDocument': {
      ...inForum({ forumId, itemId: c.itemId, fileName: 'تقرير.pdf', base64: PDF_BASE64 }, 'itemId'),
      longest: { base64: null },
    },
    'council.deleteDocument': inForum({ forumId, itemId: c.itemId, documentId: c.documentId }, 'itemId', 'documentId'),
    'council.document': inForum({ forumId, itemId: c.itemId, documentId: c.documentId }, 'itemId', 'documentId'),
    'council.openNext': inForum({ forumId }),
    'registrations.list': inForum({ forumId }),
    'registrations.save': {
      ...inForum({ forumId, registration, checkIn: false }, 'registration.id'),
      ...{
        // The English organisation and position came later: callers from before them still save.
        optional: ['registration.id', 'checkIn', 'registration.organisationEn', 'registration.positionEn'],
        strict: ['', 'registration'],
      },
    },
    'registrations.update': {
      ...inForum(
        { forumId, id: registrationIds[0], patch: { email: 'salem@example.org', expectedUpdatedAt: FAR_PAST } },
        'id',
      ),
      ...{ optional: ['patch.email'], strict: ['', 'patch'] },
    },
    'registrations.delete': inForum({ forumId, ids: [...registrationIds] }),
    'registrations.bulkUpdate': {
      ...inForum({ forumId, ids: [registrationIds[0]], patch: { category: 'media', status: 'confirmed' } }, 'ids.0'),
      ...{ optional: ['patch.category', 'patch.status'], strict: ['', 'patch'] },
    },
    'registrations.checkIn': inForum({ forumId, id: registrationIds[0], checkedIn: true }, 'id'),
    'import.open': { ...inForum({ forumId, fileName: 'المسجلون.csv', base64 }), longest: { base64: null } },
    'import.preview': inForum(importRequest, 'importId'),
    'import.commit': inForum(
      { ...importRequest, ...importDefaults, mapping: ['fullName'], decisions: [{ row: 2, action: 'keep' }] },
      'importId',
    ),
    'import.report': inForum({ forumId, importId: randomUUID(), language: 'ar' }, 'importId'),
    'import.close': { payload: { importId: randomUUID() } }, // closing what is not open is fine: no lookup
    'exports.start': { ...inForum({ forumId, options: DEFAULT_EXPORT_OPTIONS.attendees }), strict: ['', 'options'] },
    'exports.preflight': {
      ...inForum({ forumId, options: DEFAULT_EXPORT_OPTIONS.programme }),
      strict: ['', 'options'],
      // The whole programme unless one delegation's own is asked for.
      optional: ['options.delegationId'],
    },
    'exports.status': job,
    'exports.cancel': job,
    'exports.download': job,
    'exports.reveal': { payload: { jobId: randomUUID(), how: 'folder' }, lookups: ['jobId'] },
    'backups.list': none,
    'backups.create': none,
    'backups.restore': {
      payload: { id: 'Multaqa-backup-20261121-093005-123-daily.zip', forumId },
      optional: ['forumId'],
    },
    'backups.setFolder': { payload: { folder: null } },
    'handover.open': { payload: { fileName: 'الملتقى.multaqa', base64 }, longest: { base64: null } },
    'handover.commit': {
      payload: { handoverId: randomUUID(), mode: 'merge', duplicates: 'keepExisting' },
      lookups: ['handoverId'],
    },
    'handover.close': { payload: { handoverId: randomUUID() } }, // closing what is not open is fine: no lookup
    'history.state': none,
    'history.undo': none,
    'history.redo': none,
    'desks.state': inForum({ forumId }),
    'desks.open': inForum({ forumId, address: '127.0.0.1', port: 0 }),
    'desks.close': inForum({ forumId }),
    'desks.pairing': inForum({ forumId }),
    'desks.revoke': inForum({ forumId, deskId: 'abcd1234' }),
    'desks.arrivals': inForum({ forumId }),
  };
}

/** A forum with a programme, two people, an organisation and two registrations: the records the cases name. */
async function seed(dataDir: string): Promise<World> {
  return withCore(dataDir, async ({ handlers: h }) => {
    const forumId = (await h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'الملتقى الثاني' })).id;
    const world = { ...randomWorld(), forumId };
    const c = cases(world);
    await h['organisations.save'](c['organisations.save'].payload);
    for (const id of world.personIds) await h['people.save']({ ...c['people.save'].payload, id });
    await h['programme.saveHall'](c['programme.saveHall'].payload);
    await h['programme.saveSessions']({ forumId, sessions: [world.session] });
    await h['programme.saveDelegation'](
      channels['programme.saveDelegation'].request.parse(c['programme.saveDelegation'].payload),
    );
    await h['council.saveSettings'](c['council.saveSettings'].payload);
    await h['council.saveMember'](c['council.saveMember'].payload);
    await h['council.saveSitting'](c['council.saveSitting'].payload);
    await h['council.saveItem'](c['council.saveItem'].payload);
    await h['council.saveDecision'](c['council.saveDecision'].payload);
    const withDocument = await h['council.addDocument'](c['council.addDocument'].payload);
    const documentId = withDocument.council.agenda[0]?.documents[0]?.id ?? '';
    const register = async (fullName: string) =>
      (await h['registrations.save']({ forumId, registration: { ...emptyRegistrationInput(), fullName } })).id;
    const registrationIds: [string, string] = [await register('سالم'), await register('منى')];
    return { ...world, registrationIds, council: { ...world.council, documentId } };
  });
}

const FAKE_WORLD = randomWorld();
const NO_PAYLOAD = new Set(CHANNEL_NAMES.filter((c) => cases(FAKE_WORLD)[c].payload === undefined));

/** Every file under the data folder (path → sha256), but the lock, which only says core has it open. */
async function snapshot(dir: string, under = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, entry.name);
    if (entry.isDirectory()) Object.assign(out, await snapshot(dir, rel));
    else if (rel !== 'multaqa.lock')
      out[rel] = createHash('sha256')
        .update(await fs.readFile(path.join(dir, rel)))
        .digest('hex');
  }
  return out;
}

/** Every field, nested field and array element of a payload. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = [...at, Array.isArray(value) ? Number(k) : k];
    return [p, ...pathsOf(v, p)];
  });
}

const getAt = (value: unknown, p: Path): unknown => p.reduce<unknown>((node, k) => (node as Node)[k], value);

/** A copy of `payload` with `change` applied to the parent of the field at `p`. */
function edited(payload: unknown, p: Path, change: (parent: Node, key: string | number) => void): unknown {
  const copy = structuredClone(payload);
  change(getAt(copy, p.slice(0, -1)) as Node, p.at(-1) ?? '');
  return copy;
}
const setAt = (payload: unknown, p: Path, value: unknown) =>
  edited(payload, p, (parent, k) => {
    parent[k] = value;
  });

/** A value of another type than `base` (null: a nullable field of any type). */
function wrongType(base: unknown): fc.Arbitrary<unknown> {
  if (base === null) return fc.constantFrom(true, [1]);
  const kinds: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string(),
    number: fc.oneof(fc.integer(), fc.double()),
    boolean: fc.boolean(),
    array: fc.array(fc.jsonValue(), { maxLength: 3 }),
    object: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  };
  const kind = Array.isArray(base) ? 'array' : typeof base;
  return fc.oneof(...Object.entries(kinds).flatMap(([k, arb]) => (k === kind ? [] : [arb])));
}

interface Miss {
  payload: unknown;
  /** Where the refusal must point: the field changed, or the object given an unknown key. */
  path: Path;
  key?: string;
}

/**
 * The valid payload with one thing wrong: a field mistyped or too long, an id
 * broken, an unknown key. The examples, always tried: each required field
 * dropped, and each object replaced by a Date or a Map (IPC's structured
 * clone carries both; a schema of optional fields must not take them for {}).
 */
function nearMisses(c: Case<unknown>): { misses: fc.Arbitrary<Miss>; examples: [Miss][] } {
  const examples: [Miss][] = [];
  const misses = pathsOf(c.payload).flatMap((p) => {
    const base = getAt(c.payload, p);
    const last = p.at(-1);
    const miss = (value: unknown): Miss => ({ path: p, payload: setAt(c.payload, p, value) });
    if (typeof last === 'string' && !c.optional?.includes(dotted(p))) {
      examples.push([{ path: p, payload: edited(c.payload, p, (parent, k) => delete parent[k]) }]);
    }
    if (isRecord(base)) examples.push([miss(new Date(0))], [miss(new Map())]);
    const out = [wrongType(base).map(miss)];
    const limit = typeof last === 'string' && c.longest && last in c.longest ? (c.longest[last] ?? null) : TEXT_MAX;
    if (typeof base === 'string' && limit !== null) {
      const long = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('x', 'ب', '٣', '😀'));
      out.push(long.map(([extra, ch]) => miss(ch.repeat(limit + extra))));
    }
    if (isId(base)) {
      const swap = fc.tuple(fc.nat(35), fc.constantFrom('g', 'ب', ' ', '/'));
      const broken = fc.oneof(
        swap.map(([i, ch]) => base.slice(0, i) + ch + base.slice(i + 1)),
        fc.nat(35).map((i) => base.slice(0, i) + base.slice(i + 1)),
        fc.constantFrom('/..', '\u0000', '\n', '0').map((tail) => base + tail),
      );
      out.push(broken.map(miss));
    }
    return out;
  });
  const names = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'id'), fc.string());
  for (const at of (c.strict ?? ['']).map(parsePath)) {
    const node = getAt(c.payload, at) as object;
    const add = ([key, value]: [string, unknown]): Miss => ({
      ...{ path: at, key },
      // As JSON.parse makes it: assigning `__proto__` would set the prototype instead of adding a key.
      payload: edited(c.payload, [...at, key], (parent, k) => {
        Object.defineProperty(parent, k, { value, enumerable: true, writable: true, configurable: true });
      }),
    });
    const unknownKey = names.filter((k) => !Object.hasOwn(node, k));
    misses.push(fc.tuple(unknownKey, fc.jsonValue()).map(add));
  }
  return { misses: fc.oneof(...misses), examples };
}

/** Anything, as HTTP delivers it (JSON, `__proto__` as an own key) or IPC (structured clone: Dates, Maps, typed arrays). */
const JUNK = fc.oneof(
  fc.anything({
    ...{ withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true },
    ...{ withSparseArray: true, withTypedArray: true, withBigInt: true },
    key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'id', 'forumId')),
  }),
  fc
    .array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id'), fc.jsonValue()), { maxLength: 3 })
    .map((pairs) => JSON.parse(`{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`)),
  fc.integer({ min: 1, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
);
const JUNK_EXAMPLES: unknown[] = [null, {}, [], '', 0, Number.NaN, 'undefined', new Date(0), new Map(), new Set()];
JUNK_EXAMPLES.push(Object.create(null), JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`));
JUNK_EXAMPLES.push(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
);
const ODD_IDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
const ODD_NAMES = ['.', '..', '../settings.json', 'a/../b', 'a\u0000b'];

/** What junk may produce that a channel rightly takes: nothing for the no-payload channels, settings' empty patch. */
function validByDesign(channel: ChannelName, payload: unknown): boolean {
  if (NO_PAYLOAD.has(channel)) return payload === undefined;
  if (channel !== 'settings.update' || typeof payload !== 'object' || payload === null) return false;
  const proto = Object.getPrototypeOf(payload);
  return (proto === Object.prototype || proto === null) && Reflect.ownKeys(payload).length === 0;
}

const tally = { payloads: 0, accepted: 0, internal: 0, rejected: 0, notFound: 0 };

/** Dispatches and counts; a rejection is counted and rethrown, failing the property. */
async function send(dispatch: Dispatch, channel: ChannelName, payload: unknown): Promise<Envelope<unknown>> {
  tally.payloads++;
  const envelope = await dispatch(channel, payload).catch((error) => {
    tally.rejected++;
    throw error;
  });
  if (envelope.ok) tally.accepted++;
  else if (envelope.error.code === 'internal') tally.internal++;
  else if (envelope.error.code === 'not_found') tally.notFound++;
  return envelope;
}

function issuesOf(envelope: Envelope<unknown>, code: string) {
  expect(envelope).toMatchObject({ ok: false, error: { code } });
  return envelope.ok ? [] : (envelope.error.issues ?? []);
}

/** Runs each step even when one before failed (so the file comparison still happens); returns the failures. */
async function settle(steps: (() => Promise<unknown>)[]): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error) => failures.push(error));
  return failures;
}

const tempDir = tempDirsPerTest();
let template = '';
let world = FAKE_WORLD;

describe('every channel, fuzzed through the gate', () => {
  // Seeded once; each channel gets a copy, so its test is all fuzzing.
  beforeAll(async () => {
    template = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-fuzz-'));
    world = await seed(template);
  });
  afterAll(async () => {
    await fs.rm(template, { recursive: true, force: true });
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(
      `channel fuzz: ${CHANNEL_NAMES.length} channels, ${n(tally.payloads)} payloads, ${n(tally.accepted)} accepted junk, ` +
        `${n(tally.internal)} internal, ${n(tally.rejected)} rejected promises, ${n(tally.notFound)} answered not_found`,
    );
  });

  // A near miss is only near if the payload it starts from passes (checked, not sent: it would write).
  it.each(CHANNEL_NAMES)('%s: the base payload passes its schema', (channel) => {
    expect(channels[channel].request.safeParse(cases(FAKE_WORLD)[channel].payload).error).toBeUndefined();
  });

  it.each(CHANNEL_NAMES)('%s: refuses junk and near misses, and changes no file', async (channel) => {
    const dir = await tempDir();
    await fs.cp(template, dir, { recursive: true, filter: (src) => path.basename(src) !== 'multaqa.lock' });
    const c: Case<unknown> = cases(world)[channel];
    const core = await openTestCore(dir);
    const before = await snapshot(dir);
    const dispatch = createDispatch(core.handlers, () => {});
    const junk = fc.asyncProperty(
      JUNK.filter((p) => !validByDesign(channel, p)),
      async (payload) => {
        expect(issuesOf(await send(dispatch, channel, payload), 'invalid_request').length).toBeGreaterThan(0);
      },
    );
    const examples = JUNK_EXAMPLES.filter((p) => !validByDesign(channel, p)).map((p): [unknown] => [p]);
    const near = nearMisses(c);
    const nearMiss = fc.asyncProperty(near.misses, async (miss) => {
      const issues = issuesOf(await send(dispatch, channel, miss.payload), 'invalid_request');
      const names = (i: { path: Path; message: string }) =>
        miss.key === undefined
          ? dotted(i.path.slice(0, miss.path.length)) === dotted(miss.path)
          : dotted(i.path) === dotted(miss.path) && i.message.includes(miss.key);
      expect(issues.some(names), `${JSON.stringify(issues)} names ${dotted(miss.path)}`).toBe(true);
    });
    const lookups = (c.lookups ?? []).map(parsePath).map((p) => {
      const ids = isId(getAt(c.payload, p)) ? fc.uuid({ version: 4 }) : fc.string({ minLength: 1, maxLength: 200 });
      const odd = (isId(getAt(c.payload, p)) ? ODD_IDS : ODD_NAMES).map((id): [string] => [id]);
      const property = fc.asyncProperty(ids, async (id) => {
        issuesOf(await send(dispatch, channel, setAt(c.payload, p, id)), 'not_found');
      });
      return () => fc.assert(property, { numRuns: RUNS.lookup, examples: odd });
    });
    const failures = await settle([
      () => fc.assert(junk, { numRuns: RUNS.junk, examples }),
      ...(c.payload === undefined
        ? []
        : [() => fc.assert(nearMiss, { numRuns: RUNS.nearMiss, examples: near.examples })]),
      ...lookups,
    ]);
    await core.close();
    expect.soft(await snapshot(dir), 'the data folder after the fuzz').toEqual(before);
    expect.soft(({} as { polluted?: unknown }).polluted).toBeUndefined();
    if (failures.length > 0) throw failures[0];
  });

  /**
   * Neither transport delivers a getter (JSON and structured clone carry
   * data only), but dispatch takes `unknown` and must answer with an
   * envelope whatever it is given: here the schema's read of `id` throws.
   */
  it('refuses a payload whose getter throws with an envelope, not a rejection', async () => {
    const dispatch = createDispatch({} as Handlers, () => {});
    const payload = {
      get id(): string {
        throw new Error('boom');
      },
    };
    await expect(dispatch('forums.get', payload)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});
