import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORUM_FILE_VERSION } from '../../../src/core/forums/forum-file';
import { clockMinutes } from '../../../src/shared/calendar/clock';
import type { Handlers } from '../../../src/shared/contract';
import { EMPTY_COUNCIL } from '../../../src/shared/domain/council';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyPersonInput, type Honorific } from '../../../src/shared/domain/person';
import type { Delegation, Hall, Session, SessionItem } from '../../../src/shared/domain/programme';
import { moveSession, newDelegation, newSession } from '../../../src/shared/domain/programme-edit';
import { FIRST_REVISION } from '../../../src/shared/domain/revision';
import { openTestCore, withCode, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();
const uuid = () => crypto.randomUUID();
const at = clockMinutes;

async function createForum(h: Handlers) {
  return h['forums.create']({
    ...emptyForumInput('2026-12-04'),
    titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
    lastDay: '2026-12-05',
    expectedAttendance: 120,
  });
}

async function addPerson(h: Handlers, nameAr: string, honorific: Honorific = 'none') {
  return h['people.save']({ ...emptyPersonInput(), id: uuid(), nameAr, honorific });
}

const hall = (nameAr: string, capacity: number | null = 250): Hall => ({
  id: uuid(),
  nameAr,
  nameEn: '',
  capacity,
  updatedAt: FIRST_REVISION,
});

function item(personId: string | null, nameWithoutRecord = ''): SessionItem {
  return { id: uuid(), kind: 'paper', titleAr: 'ورقة عمل', titleEn: '', personId, nameWithoutRecord };
}

function session(from: string, to: string, fields: Partial<Omit<Session, 'id'>> = {}): Session {
  return newSession(uuid(), {
    titleAr: 'جلسة أوراق العمل',
    day: '2026-12-04',
    start: at(from),
    end: at(to),
    ...fields,
  });
}

function delegation(fields: Partial<Delegation> = {}): Delegation {
  return newDelegation(uuid(), {
    nameAr: 'وفد مدينة الدمام',
    nameEn: '',
    organisationId: null,
    city: 'الدمام',
    country: 'السعودية',
    headId: null,
    memberIds: [],
    ...fields,
  });
}

const kinds = (conflicts: { kind: string }[]) => conflicts.map((c) => c.kind).sort();
const forumFile = (dir: string, id: string) => path.join(dir, 'forums', `${id}.json`);
const readForumFile = async (dir: string, id: string) => JSON.parse(await fs.readFile(forumFile(dir, id), 'utf8'));

describe('programme through the core handlers', () => {
  it('a new forum has an empty programme', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      expect(await h['programme.get']({ forumId: forum.id })).toEqual({
        halls: [],
        sessions: [],
        delegations: [],
        conflicts: [],
      });
    });
  });

  it('halls and sessions are saved and come back with their conflicts', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const presenter = await addPerson(h, 'جمال بن ناصر الملحم');
      const oman = hall('قاعة عمان');
      const sohar = hall('قاعة صحار', 60);
      await h['programme.saveHall']({ forumId: forum.id, hall: oman });
      const withHalls = await h['programme.saveHall']({ forumId: forum.id, hall: sohar });
      expect(withHalls.halls.map((x) => x.nameAr)).toEqual(['قاعة عمان', 'قاعة صحار']);

      const first = session('10:30', '12:00', { hallId: oman.id, items: [item(presenter.id)] });
      const parallel = session('11:00', '12:00', {
        hallId: sohar.id,
        expectedAttendance: 40,
        items: [item(presenter.id)],
      });
      const view = await h['programme.saveSessions']({ forumId: forum.id, sessions: [first, parallel] });
      expect(view.sessions.map((s) => s.id)).toEqual([first.id, parallel.id]);
      expect(view.conflicts).toEqual([
        { kind: 'person_double_booked', personId: presenter.id, sessionIds: [first.id, parallel.id] },
      ]);
      expect(await h['programme.get']({ forumId: forum.id })).toEqual(view);

      // The parallel session moves after the first: the conflict is gone.
      const moved = moveSession(parallel, at('12:00'));
      const after = await h['programme.saveSessions']({ forumId: forum.id, sessions: [moved] });
      expect(after.conflicts).toEqual([]);
      expect(after.sessions.find((s) => s.id === parallel.id)).toMatchObject({ start: at('12:00'), end: at('13:00') });
      expect(after.sessions).toHaveLength(2);
    });
  });

  it('reports hall double booking, over capacity and presenters without a record', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const small = hall('قاعة صحار', 60);
      await h['programme.saveHall']({ forumId: forum.id, hall: small });
      const a = session('09:00', '10:00', { hallId: small.id, items: [item(null, 'ضيف بلا سجل')] });
      const b = session('09:30', '10:30', { hallId: small.id, expectedAttendance: 30 });
      const view = await h['programme.saveSessions']({ forumId: forum.id, sessions: [a, b] });
      expect(kinds(view.conflicts)).toEqual(['hall_double_booked', 'over_capacity', 'person_without_record']);
      expect(view.conflicts.find((c) => c.kind === 'over_capacity')).toMatchObject({
        sessionIds: [a.id],
        expected: 120,
        capacity: 60,
      });
    });
  });

  it('a session in a hall the forum does not have is refused, and nothing is written', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const oman = hall('قاعة عمان');
      await h['programme.saveHall']({ forumId: forum.id, hall: oman });
      const before = await fs.readFile(forumFile(dir, forum.id), 'utf8');
      const depth = (await h['history.state']()).undoDepth;
      const good = session('09:00', '10:00', { hallId: oman.id });
      const stray = session('10:00', '11:00', { hallId: uuid() });
      await expect(h['programme.saveSessions']({ forumId: forum.id, sessions: [good, stray] })).rejects.toSatisfy(
        withCode('not_found'),
      );
      expect((await h['programme.get']({ forumId: forum.id })).sessions).toEqual([]);
      expect(await fs.readFile(forumFile(dir, forum.id), 'utf8')).toBe(before);
      expect((await h['history.state']()).undoDepth).toBe(depth);
    });
  });

  it('a session saved while its hall is being deleted does not end up in the deleted hall', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const oman = hall('قاعة عمان');
      await h['programme.saveHall']({ forumId: forum.id, hall: oman });
      // Two requests in flight at once (a drag while a delete is on its way): they run one after the other.
      const deleting = h['programme.deleteHall']({ forumId: forum.id, id: oman.id });
      const saving = h['programme.saveSessions']({
        forumId: forum.id,
        sessions: [session('09:00', '10:00', { hallId: oman.id })],
      });
      await deleting;
      await saving.catch((e: unknown) => expect(e).toSatisfy(withCode('not_found')));
      const view = await h['programme.get']({ forumId: forum.id });
      expect(view.halls).toEqual([]);
      const halls = new Set(view.halls.map((x) => x.id));
      for (const s of view.sessions) expect(s.hallId === null || halls.has(s.hallId)).toBe(true);
    });
  });

  it('changes to a forum that does not exist are not_found', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forumId = uuid();
      const notFound = (call: () => Promise<unknown>) => expect(call()).rejects.toSatisfy(withCode('not_found'));
      await notFound(() => h['programme.get']({ forumId }));
      await notFound(() => h['programme.saveHall']({ forumId, hall: hall('قاعة') }));
      await notFound(() => h['programme.saveSessions']({ forumId, sessions: [session('09:00', '10:00')] }));
      await notFound(() => h['programme.saveDelegation']({ forumId, delegation: delegation() }));
      const forum = await createForum(h);
      await notFound(() => h['programme.deleteHall']({ forumId: forum.id, id: uuid() }));
      await notFound(() => h['programme.deleteSessions']({ forumId: forum.id, ids: [uuid()] }));
      await notFound(() => h['programme.deleteDelegation']({ forumId: forum.id, id: uuid() }));
      expect((await h['history.state']()).undoDepth).toBe(0);
      expect(await h['programme.get']({ forumId: forum.id })).toMatchObject({
        halls: [],
        sessions: [],
        delegations: [],
      });
    });
  });

  it('deleting a hall keeps its sessions, without a hall', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const oman = hall('قاعة عمان');
      const sohar = hall('قاعة صحار');
      await h['programme.saveHall']({ forumId: forum.id, hall: oman });
      await h['programme.saveHall']({ forumId: forum.id, hall: sohar });
      const inOman = session('09:00', '10:00', { hallId: oman.id });
      const inSohar = session('09:00', '10:00', { hallId: sohar.id });
      await h['programme.saveSessions']({ forumId: forum.id, sessions: [inOman, inSohar] });

      const view = await h['programme.deleteHall']({ forumId: forum.id, id: oman.id });
      expect(view.halls.map((x) => x.id)).toEqual([sohar.id]);
      expect(view.sessions.map((s) => [s.id, s.hallId])).toEqual([
        [inOman.id, null],
        [inSohar.id, sohar.id],
      ]);

      await h['history.undo']();
      const back = await h['programme.get']({ forumId: forum.id });
      expect(back.halls.map((x) => x.id)).toEqual([oman.id, sohar.id]);
      expect(back.sessions.find((s) => s.id === inOman.id)?.hallId).toBe(oman.id);
    });
  });

  it('delegations: the head is not also a member, and no member is listed twice', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const head = await addPerson(h, 'رئيس الوفد', 'saada');
      const m1 = await addPerson(h, 'عضو أول');
      const m2 = await addPerson(h, 'عضو ثان');
      const input = delegation({ headId: head.id, memberIds: [m1.id, head.id, m2.id, m1.id] });
      const view = await h['programme.saveDelegation']({ forumId: forum.id, delegation: input });
      expect(view.delegations).toEqual([{ ...input, memberIds: [m1.id, m2.id], updatedAt: expect.any(String) }]);

      const renamed = await h['programme.saveDelegation']({
        forumId: forum.id,
        delegation: { ...input, nameAr: 'وفد بلدية الدمام', memberIds: [m2.id] },
      });
      expect(renamed.delegations).toHaveLength(1);
      expect(renamed.delegations[0]).toMatchObject({ nameAr: 'وفد بلدية الدمام', memberIds: [m2.id] });

      const gone = await h['programme.deleteDelegation']({ forumId: forum.id, id: input.id });
      expect(gone.delegations).toEqual([]);
      await h['history.undo']();
      expect((await h['programme.get']({ forumId: forum.id })).delegations[0]?.nameAr).toBe('وفد بلدية الدمام');
    });
  });

  it('deleteSessions removes only the named sessions', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const [a, b, c] = [session('09:00', '10:00'), session('10:00', '11:00'), session('11:00', '12:00')];
      await h['programme.saveSessions']({ forumId: forum.id, sessions: [a, b, c] });
      const view = await h['programme.deleteSessions']({ forumId: forum.id, ids: [a.id, c.id] });
      expect(view.sessions.map((s) => s.id)).toEqual([b.id]);
      expect((await h['history.state']()).undo).toMatchObject({ action: 'sessions.delete', count: 2 });
      await h['history.undo']();
      expect((await h['programme.get']({ forumId: forum.id })).sessions.map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    });
  });
});

describe('speaker order', () => {
  it("follows a papers session's running order, not the speakers' ranks", async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const plain = await addPerson(h, 'أحمد بن سالم');
      const minister = await addPerson(h, 'محسن بن محمد الشيخ', 'maali');
      // An order sent by an older client, ranked: the first paper's presenter is still listed first.
      const s = session('10:30', '12:00', {
        items: [item(plain.id), item(minister.id)],
        speakerOrder: [minister.id, plain.id],
      });
      const view = await h['programme.saveSessions']({ forumId: forum.id, sessions: [s] });
      expect(view.sessions[0]?.speakerOrder).toEqual([plain.id, minister.id]);
    });
  });

  it("ranks a ceremony's speakers by honorific when the client sends no order", async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const plain = await addPerson(h, 'أحمد بن سالم');
      const minister = await addPerson(h, 'محسن بن محمد الشيخ', 'maali');
      const s = session('10:30', '12:00', { kind: 'opening', items: [item(plain.id), item(minister.id)] });
      const view = await h['programme.saveSessions']({ forumId: forum.id, sessions: [s] });
      expect(view.sessions[0]?.speakerOrder).toEqual([minister.id, plain.id]);
      // The items keep their running order; only the protocol order is ranked.
      expect(view.sessions[0]?.items.map((i) => i.personId)).toEqual([plain.id, minister.id]);
    });
  });

  it("keeps a ceremony's order the client dragged and inserts a newcomer by rank", async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const plain = await addPerson(h, 'أحمد بن سالم');
      const minister = await addPerson(h, 'محسن بن محمد الشيخ', 'maali');
      const excellency = await addPerson(h, 'جمال بن ناصر الملحم', 'saada');
      const s = session('10:30', '12:00', {
        kind: 'opening',
        items: [item(plain.id), item(minister.id)],
        speakerOrder: [plain.id, minister.id], // dragged against rank
      });
      const first = await h['programme.saveSessions']({ forumId: forum.id, sessions: [s] });
      expect(first.sessions[0]?.speakerOrder).toEqual([plain.id, minister.id]);

      const saved = first.sessions[0] as Session;
      const withNewcomer = { ...saved, items: [...saved.items, item(excellency.id)] };
      const second = await h['programme.saveSessions']({ forumId: forum.id, sessions: [withNewcomer] });
      // سعادة goes after the last person of the same or higher rank (معالي), here the end.
      expect(second.sessions[0]?.speakerOrder).toEqual([plain.id, minister.id, excellency.id]);

      // A speaker whose item is removed leaves the order; the others keep theirs.
      const latest = second.sessions[0] as Session;
      const without = { ...latest, items: latest.items.filter((i) => i.personId !== minister.id) };
      const third = await h['programme.saveSessions']({ forumId: forum.id, sessions: [without] });
      expect(third.sessions[0]?.speakerOrder).toEqual([plain.id, excellency.id]);
    });
  });

  it('a person unknown to the directory ranks last', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const stranger = uuid();
      const minister = await addPerson(h, 'محسن بن محمد الشيخ', 'maali');
      const s = session('10:30', '12:00', { kind: 'closing', items: [item(stranger), item(minister.id)] });
      const view = await h['programme.saveSessions']({ forumId: forum.id, sessions: [s] });
      expect(view.sessions[0]?.speakerOrder).toEqual([minister.id, stranger]);
      expect(kinds(view.conflicts)).toEqual(['person_without_record']);
    });
  });
});

describe('undo and redo of programme changes', () => {
  it('every change is one undo step, and redo puts it back', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const person = await addPerson(h, 'جمال بن ناصر الملحم');
      const oman = hall('قاعة عمان');
      const s1 = session('09:00', '10:00', { hallId: oman.id, titleAr: 'الافتتاح', kind: 'opening' });
      const s2 = session('10:00', '11:00', { hallId: oman.id });
      const d = delegation({ headId: person.id });
      const get = () => h['programme.get']({ forumId: forum.id });

      const snapshots = [await get()];
      const edits: [string, () => Promise<unknown>][] = [
        ['halls.save', () => h['programme.saveHall']({ forumId: forum.id, hall: oman })],
        ['sessions.create', () => h['programme.saveSessions']({ forumId: forum.id, sessions: [s1, s2] })],
        [
          'sessions.update',
          () => h['programme.saveSessions']({ forumId: forum.id, sessions: [moveSession(s2, at('10:30'))] }),
        ],
        ['halls.save', () => h['programme.saveHall']({ forumId: forum.id, hall: { ...oman, capacity: 300 } })],
        ['delegations.save', () => h['programme.saveDelegation']({ forumId: forum.id, delegation: d })],
        ['sessions.delete', () => h['programme.deleteSessions']({ forumId: forum.id, ids: [s1.id] })],
        ['delegations.delete', () => h['programme.deleteDelegation']({ forumId: forum.id, id: d.id })],
        ['halls.delete', () => h['programme.deleteHall']({ forumId: forum.id, id: oman.id })],
      ];
      const depth = (await h['history.state']()).undoDepth;
      for (const [action, edit] of edits) {
        await edit();
        expect((await h['history.state']()).undo?.action).toBe(action);
        snapshots.push(await get());
      }
      expect((await h['history.state']()).undoDepth).toBe(depth + edits.length);

      for (let i = edits.length - 1; i >= 0; i--) {
        const result = await h['history.undo']();
        expect(result.label.action).toBe(edits[i]?.[0]);
        expect(result.forumIds).toEqual([forum.id]);
        expect(result.directory).toBe(false);
        expect(await get()).toEqual(snapshots[i]);
      }
      for (let i = 0; i < edits.length; i++) {
        await h['history.redo']();
        expect(await get()).toEqual(snapshots[i + 1]);
      }
    });
  });

  it('the undone state is what is on disk', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const s = session('09:00', '10:00');
      await h['programme.saveSessions']({ forumId: forum.id, sessions: [s] });
      expect((await readForumFile(dir, forum.id)).data.programme.sessions).toHaveLength(1);
      await h['history.undo']();
      expect((await readForumFile(dir, forum.id)).data.programme.sessions).toEqual([]);
    });
  });
});

describe('on disk', () => {
  it('the programme survives closing and reopening the core', async () => {
    const dir = await tempDir();
    const { forumId, expected } = await withCore(dir, async ({ handlers: h }) => {
      const forum = await createForum(h);
      const person = await addPerson(h, 'جمال بن ناصر الملحم', 'saada');
      const oman = hall('قاعة عمان');
      await h['programme.saveHall']({ forumId: forum.id, hall: oman });
      await h['programme.saveSessions']({
        forumId: forum.id,
        sessions: [
          session('09:00', '10:00', {
            kind: 'opening',
            hallId: oman.id,
            chairId: person.id,
            headTableIds: [person.id],
          }),
          session('10:30', '12:00', { hallId: oman.id, items: [item(person.id)], day: '2026-12-05' }),
        ],
      });
      await h['programme.saveDelegation']({ forumId: forum.id, delegation: delegation({ headId: person.id }) });
      return { forumId: forum.id, expected: await h['programme.get']({ forumId: forum.id }) };
    });
    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toEqual([]);
      expect(await h['programme.get']({ forumId })).toEqual(expected);
      expect(expected.sessions).toHaveLength(2);
      expect(expected.halls).toHaveLength(1);
      expect(expected.delegations).toHaveLength(1);
    });
    expect((await readForumFile(dir, forumId)).schemaVersion).toBe(FORUM_FILE_VERSION);
  });

  it('a version-1 forum file opens with an empty programme and is rewritten in the current format', async () => {
    const dir = await tempDir();
    const id = uuid();
    const forum = {
      ...emptyForumInput('2026-12-04'),
      lastDay: '2026-12-05',
      titleAr: 'ملتقى من الإصدار الأول',
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await fs.mkdir(path.join(dir, 'forums'), { recursive: true });
    await fs.writeFile(forumFile(dir, id), JSON.stringify({ schemaVersion: 1, data: { forum } }));

    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toEqual([]);
      expect(await h['forums.get']({ id })).toEqual(forum);
      expect(await h['programme.get']({ forumId: id })).toEqual({
        halls: [],
        sessions: [],
        delegations: [],
        conflicts: [],
      });
      // The programme can be edited at once.
      const view = await h['programme.saveHall']({ forumId: id, hall: hall('قاعة عمان') });
      expect(view.halls).toHaveLength(1);
      await h['history.undo']();
    });
    const onDisk = await readForumFile(dir, id);
    expect(onDisk.schemaVersion).toBe(FORUM_FILE_VERSION);
    expect(onDisk.data).toEqual({
      forum,
      programme: { halls: [], sessions: [], delegations: [] },
      council: EMPTY_COUNCIL,
    });
  });

  it('the version-1 file is rewritten on open, before any edit', async () => {
    const dir = await tempDir();
    const id = uuid();
    const forum = {
      ...emptyForumInput('2026-12-04'),
      titleAr: 'ملتقى قديم',
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await fs.mkdir(path.join(dir, 'forums'), { recursive: true });
    await fs.writeFile(forumFile(dir, id), JSON.stringify({ schemaVersion: 1, data: { forum } }));
    const core = await openTestCore(dir);
    try {
      const onDisk = await readForumFile(dir, id);
      expect(onDisk).toEqual({
        schemaVersion: FORUM_FILE_VERSION,
        data: { forum, programme: { halls: [], sessions: [], delegations: [] }, council: EMPTY_COUNCIL },
      });
    } finally {
      await core.close();
    }
  });
});
