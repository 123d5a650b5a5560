import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src/shared/contract';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { emptyPersonInput, type PersonSave, PHOTO_MAX_BYTES } from '../../../src/shared/domain/person';
import type { Delegation, Session, SessionItem } from '../../../src/shared/domain/programme';
import { newDelegation, newSession } from '../../../src/shared/domain/programme-edit';
import type { AppError } from '../../../src/shared/errors';
import { withCode, withCore } from './core-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();
const uuid = () => crypto.randomUUID();

afterEach(() => {
  vi.useRealTimers();
});

/** 1×1 transparent PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** The start of a JFIF file: enough for the type check, which reads the magic bytes. */
const JPEG_BASE64 = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]).toString('base64');

function person(fields: Partial<PersonSave> = {}): PersonSave {
  return { ...emptyPersonInput(), id: uuid(), nameAr: 'جمال بن ناصر الملحم', ...fields };
}

function organisation(nameAr = 'بلدية مسقط') {
  return {
    id: uuid(),
    nameAr,
    nameEn: 'Muscat Municipality',
    kind: 'municipality' as const,
    country: 'عُمان',
    city: '',
  };
}

async function createForum(h: Handlers, titleAr = 'الملتقى الثاني') {
  return h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr, lastDay: '2026-12-05' });
}

function item(personId: string | null): SessionItem {
  return { id: uuid(), kind: 'paper', titleAr: 'ورقة عمل', titleEn: '', personId, nameWithoutRecord: '' };
}

function session(fields: Partial<Omit<Session, 'id'>> = {}): Session {
  return newSession(uuid(), { titleAr: 'جلسة', day: '2026-12-04', start: 600, end: 690, ...fields });
}

function delegation(fields: Partial<Delegation> = {}): Delegation {
  return newDelegation(uuid(), {
    nameAr: 'وفد بلدية صحار',
    nameEn: '',
    organisationId: null,
    city: 'صحار',
    country: 'عُمان',
    headId: null,
    memberIds: [],
    ...fields,
  });
}

describe('people', () => {
  it('save creates, then updates keeping createdAt', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      vi.setSystemTime(new Date('2026-03-01T08:00:00.000Z'));
      const input = person({ honorific: 'saada', title: 'engineer' });
      const created = await h['people.save'](input);
      expect(created).toEqual({
        ...input,
        photo: null,
        createdAt: '2026-03-01T08:00:00.000Z',
        updatedAt: '2026-03-01T08:00:00.000Z',
      });
      expect((await h['history.state']()).undo?.action).toBe('people.create');

      vi.setSystemTime(new Date('2026-03-02T09:30:00.000Z'));
      const updated = await h['people.save']({ ...input, positionAr: 'مدير عام' });
      expect(updated.createdAt).toBe('2026-03-01T08:00:00.000Z');
      expect(updated.updatedAt).toBe('2026-03-02T09:30:00.000Z');
      expect(updated.positionAr).toBe('مدير عام');
      expect((await h['history.state']()).undo?.action).toBe('people.update');
      expect((await h['directory.get']()).people).toEqual([updated]);

      await h['history.undo']();
      expect((await h['directory.get']()).people).toEqual([created]);
      await h['history.undo']();
      expect((await h['directory.get']()).people).toEqual([]);
    });
  });

  it('saving keeps the photo the person already has', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const input = person();
      await h['people.save'](input);
      const withPhoto = await h['people.setPhoto']({ id: input.id, base64: PNG_BASE64 });
      const updated = await h['people.save']({ ...input, nameEn: 'Jamal Al-Mulhim' });
      expect(updated.photo).toBe(withPhoto.photo);
    });
  });

  it('an organisationId the directory does not know is invalid_request, and nothing is saved', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const failure = h['people.save'](person({ organisationId: uuid() }));
      await expect(failure).rejects.toSatisfy(
        (e: unknown) =>
          withCode('invalid_request')(e) && (e as AppError).issues?.[0]?.path.join('.') === 'organisationId',
      );
      expect((await h['directory.get']()).people).toEqual([]);
      expect((await h['history.state']()).undoDepth).toBe(0);

      const org = await h['organisations.save'](organisation());
      const saved = await h['people.save'](person({ organisationId: org.id }));
      expect(saved.organisationId).toBe(org.id);
    });
  });

  it('a person saved while their organisation is being deleted does not keep a link to it', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const org = await h['organisations.save'](organisation());
      // Two requests in flight at once: they run one after the other.
      const deleting = h['organisations.delete']({ id: org.id });
      const saving = h['people.save'](person({ organisationId: org.id }));
      await deleting;
      await saving.catch((e: unknown) => expect(e).toSatisfy(withCode('invalid_request')));
      const directory = await h['directory.get']();
      expect(directory.organisations).toEqual([]);
      for (const p of directory.people) expect(p.organisationId).toBeNull();
    });
  });

  it('the directory survives closing and reopening the core', async () => {
    const dir = await tempDir();
    const expected = await withCore(dir, async ({ handlers: h }) => {
      const org = await h['organisations.save'](organisation());
      await h['people.save'](person({ organisationId: org.id }));
      return h['directory.get']();
    });
    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toEqual([]);
      expect(await h['directory.get']()).toEqual(expected);
      expect(expected.people).toHaveLength(1);
      expect(expected.organisations).toHaveLength(1);
    });
  });
});

describe('organisations', () => {
  it('save creates and updates; delete unlinks its people and delegations; undo links them again', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const input = organisation();
      const created = await h['organisations.save'](input);
      const updated = await h['organisations.save']({ ...input, city: 'مسقط' });
      expect(updated).toMatchObject({ id: input.id, city: 'مسقط', createdAt: created.createdAt });
      expect((await h['directory.get']()).organisations).toEqual([updated]);

      const other = await h['organisations.save'](organisation('بلدية صحار'));
      const member = await h['people.save'](person({ organisationId: input.id }));
      const outsider = await h['people.save'](person({ nameAr: 'سالم', organisationId: other.id }));
      const forum = await createForum(h);
      const d = delegation({ organisationId: input.id, headId: member.id });
      await h['programme.saveDelegation']({ forumId: forum.id, delegation: d });
      const directoryBefore = await h['directory.get']();

      await h['organisations.delete']({ id: input.id });
      const after = await h['directory.get']();
      expect(after.organisations.map((o) => o.id)).toEqual([other.id]);
      expect(after.people.find((p) => p.id === member.id)?.organisationId).toBeNull();
      expect(after.people.find((p) => p.id === outsider.id)?.organisationId).toBe(other.id);
      expect((await h['programme.get']({ forumId: forum.id })).delegations[0]?.organisationId).toBeNull();

      const undone = await h['history.undo']();
      expect(undone.label.action).toBe('organisations.delete');
      expect(undone.directory).toBe(true);
      expect(undone.forumIds).toEqual([forum.id]);
      expect(await h['directory.get']()).toEqual(directoryBefore);
      expect((await h['programme.get']({ forumId: forum.id })).delegations[0]?.organisationId).toBe(input.id);
    });
  });

  it('deleting an organisation that does not exist is not_found', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      await expect(h['organisations.delete']({ id: uuid() })).rejects.toSatisfy(withCode('not_found'));
    });
  });
});

describe('deleting a person', () => {
  it('sessions keep the printed name, and the person leaves chairs, head tables and delegations in every forum, as one undo step', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const jamal = await h['people.save'](
        person({ honorific: 'saada', title: 'engineer', nameAr: 'جمال بن ناصر الملحم' }),
      );
      const other = await h['people.save'](person({ nameAr: 'أحمد بن سالم' }));
      const a = await createForum(h, 'الملتقى الثاني');
      const b = await createForum(h, 'ورشة عمل');
      const untouched = await createForum(h, 'اجتماع دوري');

      const talk = item(jamal.id);
      const opening = session({
        kind: 'opening',
        chairId: jamal.id,
        headTableIds: [jamal.id, other.id],
        items: [talk, item(other.id)],
      });
      await h['programme.saveSessions']({ forumId: a.id, sessions: [opening] });
      await h['programme.saveDelegation']({
        forumId: a.id,
        delegation: delegation({ headId: jamal.id, memberIds: [other.id] }),
      });
      await h['programme.saveDelegation']({
        forumId: b.id,
        delegation: delegation({ headId: other.id, memberIds: [jamal.id] }),
      });
      await h['programme.saveSessions']({ forumId: untouched.id, sessions: [session({ items: [item(other.id)] })] });

      const get = (forumId: string) => h['programme.get']({ forumId });
      const before = { a: await get(a.id), b: await get(b.id), untouched: await get(untouched.id) };
      const directoryBefore = await h['directory.get']();
      const depth = (await h['history.state']()).undoDepth;
      const untouchedFile = path.join(dir, 'forums', `${untouched.id}.json`);
      const untouchedStat = await fs.stat(untouchedFile);

      expect(await h['people.delete']({ id: jamal.id })).toEqual({ id: jamal.id });

      expect((await h['directory.get']()).people.map((p) => p.id)).toEqual([other.id]);
      const viewA = await get(a.id);
      const s = viewA.sessions[0] as Session;
      expect(s.chairId).toBeNull();
      expect(s.headTableIds).toEqual([other.id]);
      expect(s.speakerOrder).toEqual([other.id]);
      expect(s.items[0]).toEqual({ ...talk, personId: null, nameWithoutRecord: 'سعادة المهندس جمال بن ناصر الملحم' });
      expect(s.items[1]?.personId).toBe(other.id);
      expect(viewA.delegations[0]).toMatchObject({ headId: null, memberIds: [other.id] });
      expect(viewA.conflicts).toEqual([
        {
          kind: 'person_without_record',
          itemId: talk.id,
          name: 'سعادة المهندس جمال بن ناصر الملحم',
          sessionIds: [s.id],
        },
      ]);
      expect((await get(b.id)).delegations[0]).toMatchObject({ headId: other.id, memberIds: [] });
      expect(await get(untouched.id)).toEqual(before.untouched);
      // A forum that never named the person is not rewritten.
      expect((await fs.stat(untouchedFile)).mtimeMs).toBe(untouchedStat.mtimeMs);

      // On disk too.
      const fileA = JSON.parse(await fs.readFile(path.join(dir, 'forums', `${a.id}.json`), 'utf8'));
      expect(fileA.data.programme.sessions[0].items[0].nameWithoutRecord).toBe('سعادة المهندس جمال بن ناصر الملحم');

      expect((await h['history.state']()).undoDepth).toBe(depth + 1);
      const undone = await h['history.undo']();
      expect(undone.label.action).toBe('people.delete');
      expect(undone.directory).toBe(true);
      expect([...undone.forumIds].sort()).toEqual([a.id, b.id].sort());
      expect(await h['directory.get']()).toEqual(directoryBefore);
      expect(await get(a.id)).toEqual(before.a);
      expect(await get(b.id)).toEqual(before.b);

      await h['history.redo']();
      expect((await get(a.id)).sessions[0]?.chairId).toBeNull();
      expect((await h['directory.get']()).people).toHaveLength(1);
    });
  });

  it('a person with only an English name is kept by their English protocol name', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](
        person({ nameAr: '', nameEn: 'Maria Lopez', honorific: 'sayyid', gender: 'female' }),
      );
      const forum = await createForum(h);
      await h['programme.saveSessions']({ forumId: forum.id, sessions: [session({ items: [item(p.id)] })] });
      await h['people.delete']({ id: p.id });
      const view = await h['programme.get']({ forumId: forum.id });
      expect(view.sessions[0]?.items[0]?.nameWithoutRecord).toBe('Ms. Maria Lopez');
    });
  });

  it('deleting a person who does not exist is not_found', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      await expect(h['people.delete']({ id: uuid() })).rejects.toSatisfy(withCode('not_found'));
    });
  });
});

describe('merging people', () => {
  it('fills blanks, moves every reference in every forum to the kept record without duplicates, and undoes as one step', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const org = await h['organisations.save'](organisation());
      const keep = await h['people.save'](
        person({ nameAr: 'جمال بن ناصر الملحم', title: 'engineer', email: 'jamal@example.om' }),
      );
      const dup = await h['people.save'](
        person({
          nameAr: 'جمال الملحم',
          nameEn: 'Jamal Al-Mulhim',
          honorific: 'saada',
          title: 'doctor',
          positionAr: 'مدير عام الخدمات البلدية',
          organisationId: org.id,
          email: 'other@example.om',
          mobile: '+968 9000 0000',
        }),
      );
      const dupWithPhoto = await h['people.setPhoto']({ id: dup.id, base64: PNG_BASE64 });
      const third = await h['people.save'](person({ nameAr: 'أحمد بن سالم' }));

      const a = await createForum(h, 'الملتقى الثاني');
      const b = await createForum(h, 'ورشة عمل');
      const both = session({
        kind: 'opening',
        chairId: dup.id,
        headTableIds: [keep.id, dup.id, third.id],
        items: [item(keep.id), item(dup.id), item(third.id)],
      });
      const onlyDup = session({ start: 720, end: 780, items: [item(dup.id)] });
      await h['programme.saveSessions']({ forumId: a.id, sessions: [both, onlyDup] });
      await h['programme.saveDelegation']({
        forumId: a.id,
        delegation: delegation({ headId: dup.id, memberIds: [keep.id, third.id] }),
      });
      await h['programme.saveDelegation']({
        forumId: b.id,
        delegation: delegation({ headId: third.id, memberIds: [dup.id, keep.id] }),
      });

      const get = (forumId: string) => h['programme.get']({ forumId });
      const before = { a: await get(a.id), b: await get(b.id), directory: await h['directory.get']() };
      const depth = (await h['history.state']()).undoDepth;

      const merged = await h['people.merge']({ keepId: keep.id, mergeId: dup.id });
      // Kept values stay; blanks are filled from the other record.
      expect(merged).toMatchObject({
        id: keep.id,
        nameAr: 'جمال بن ناصر الملحم',
        title: 'engineer',
        email: 'jamal@example.om',
        nameEn: 'Jamal Al-Mulhim',
        honorific: 'saada',
        positionAr: 'مدير عام الخدمات البلدية',
        organisationId: org.id,
        mobile: '+968 9000 0000',
        photo: dupWithPhoto.photo,
        createdAt: keep.createdAt,
      });
      const directory = await h['directory.get']();
      expect(directory.people.map((p) => p.id).sort()).toEqual([keep.id, third.id].sort());
      expect(directory.people.find((p) => p.id === keep.id)).toEqual(merged);

      const viewA = await get(a.id);
      const s1 = viewA.sessions.find((s) => s.id === both.id) as Session;
      expect(s1.chairId).toBe(keep.id);
      expect(s1.items.map((i) => i.personId)).toEqual([keep.id, keep.id, third.id]);
      expect(s1.headTableIds).toEqual([keep.id, third.id]);
      expect(new Set(s1.speakerOrder).size).toBe(s1.speakerOrder.length);
      expect([...s1.speakerOrder].sort()).toEqual([keep.id, third.id].sort());
      expect(viewA.sessions.find((s) => s.id === onlyDup.id)?.items[0]?.personId).toBe(keep.id);
      expect(viewA.delegations[0]).toMatchObject({ headId: keep.id, memberIds: [third.id] });
      expect((await get(b.id)).delegations[0]).toMatchObject({ headId: third.id, memberIds: [keep.id] });
      // No trace of the merged id anywhere, and nothing without a record.
      expect(JSON.stringify([viewA, await get(b.id)])).not.toContain(dup.id);
      expect(viewA.conflicts.filter((c) => c.kind === 'person_without_record')).toEqual([]);

      expect((await h['history.state']()).undoDepth).toBe(depth + 1);
      const undone = await h['history.undo']();
      expect(undone.label).toMatchObject({ action: 'people.merge', count: 2 });
      expect([...undone.forumIds].sort()).toEqual([a.id, b.id].sort());
      expect(await h['directory.get']()).toEqual(before.directory);
      expect(await get(a.id)).toEqual(before.a);
      expect(await get(b.id)).toEqual(before.b);
    });
  });

  it('merging a person with themself is invalid_request; an unknown id is not_found', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](person());
      await expect(h['people.merge']({ keepId: p.id, mergeId: p.id })).rejects.toSatisfy(withCode('invalid_request'));
      await expect(h['people.merge']({ keepId: p.id, mergeId: uuid() })).rejects.toSatisfy(withCode('not_found'));
      expect((await h['directory.get']()).people).toHaveLength(1);
      expect((await h['history.state']()).undoDepth).toBe(1);
    });
  });
});

describe('photos', () => {
  it('a small PNG or JPEG is kept and comes back as a data: URL', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](person());
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: null });

      const withPng = await h['people.setPhoto']({ id: p.id, base64: PNG_BASE64 });
      expect(withPng.photo).toMatch(/^[0-9a-f]{32}\.png$/);
      expect((await h['directory.get']()).people[0]?.photo).toBe(withPng.photo);
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: `data:image/png;base64,${PNG_BASE64}` });
      expect(await fs.readFile(path.join(dir, 'photos', withPng.photo ?? ''))).toEqual(
        Buffer.from(PNG_BASE64, 'base64'),
      );

      const withJpeg = await h['people.setPhoto']({ id: p.id, base64: JPEG_BASE64 });
      expect(withJpeg.photo).toMatch(/^[0-9a-f]{32}\.jpg$/);
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: `data:image/jpeg;base64,${JPEG_BASE64}` });

      const without = await h['people.setPhoto']({ id: p.id, base64: null });
      expect(without.photo).toBeNull();
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: null });
    });
  });

  it('bytes that are not a JPEG or PNG are invalid_request', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](person());
      for (const bytes of [Buffer.from('GIF89a not a photo'), Buffer.from('<svg></svg>'), Buffer.alloc(0)]) {
        await expect(h['people.setPhoto']({ id: p.id, base64: bytes.toString('base64') })).rejects.toSatisfy(
          withCode('invalid_request'),
        );
      }
      expect((await h['directory.get']()).people[0]?.photo).toBeNull();
      expect(await fs.readdir(path.join(dir, 'photos'))).toEqual([]);
    });
  });

  it('a photo over PHOTO_MAX_BYTES is payload_too_large; one at the limit is kept', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](person());
      const png = Buffer.from(PNG_BASE64, 'base64');
      const tooBig = Buffer.concat([png, Buffer.alloc(PHOTO_MAX_BYTES + 1 - png.length)]);
      await expect(h['people.setPhoto']({ id: p.id, base64: tooBig.toString('base64') })).rejects.toSatisfy(
        withCode('payload_too_large'),
      );
      expect((await h['directory.get']()).people[0]?.photo).toBeNull();
      expect(await fs.readdir(path.join(dir, 'photos'))).toEqual([]);

      const atLimit = tooBig.subarray(0, PHOTO_MAX_BYTES);
      const saved = await h['people.setPhoto']({ id: p.id, base64: atLimit.toString('base64') });
      expect(saved.photo).toMatch(/\.png$/);
    });
  });

  it('a photo and a field edit sent together both stick', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const input = person();
      await h['people.save'](input);
      // The person form saves its fields while the chosen photo is on its way.
      await Promise.all([
        h['people.setPhoto']({ id: input.id, base64: PNG_BASE64 }),
        h['people.save']({ ...input, positionAr: 'مدير عام' }),
      ]);
      const [saved] = (await h['directory.get']()).people;
      expect(saved?.positionAr).toBe('مدير عام');
      expect(saved?.photo).toMatch(/\.png$/);
    });
  });

  it('setting a photo for a person who does not exist is not_found', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      await expect(h['people.setPhoto']({ id: uuid(), base64: PNG_BASE64 })).rejects.toSatisfy(withCode('not_found'));
    });
  });

  it('undo of a photo change gives back the previous photo', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      const p = await h['people.save'](person());
      const first = await h['people.setPhoto']({ id: p.id, base64: PNG_BASE64 });
      await h['people.setPhoto']({ id: p.id, base64: JPEG_BASE64 });

      const undone = await h['history.undo']();
      expect(undone.label.action).toBe('people.setPhoto');
      expect((await h['directory.get']()).people[0]?.photo).toBe(first.photo);
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: `data:image/png;base64,${PNG_BASE64}` });

      await h['history.undo']();
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: null });
      await h['history.redo']();
      expect(await h['people.photo']({ id: p.id })).toEqual({ dataUrl: `data:image/png;base64,${PNG_BASE64}` });
    });
  });
});

describe('a damaged directory file', () => {
  it('is quarantined at start and the app opens with an empty directory', async () => {
    const dir = await tempDir();
    await withCore(dir, async ({ handlers: h }) => {
      await h['people.save'](person());
    });
    const file = path.join(dir, 'directory.json');
    const garbage = '{"schemaVersion":1,"data":{"people":[{"id":';
    await fs.writeFile(file, garbage);

    await withCore(dir, async ({ handlers: h, startupProblems }) => {
      expect(startupProblems).toHaveLength(1);
      expect(startupProblems[0]).toMatchObject({ file: 'directory.json', reason: 'corrupt' });
      expect(await fs.readFile(startupProblems[0]?.movedTo ?? '', 'utf8')).toBe(garbage);
      expect(await h['directory.get']()).toEqual({ people: [], organisations: [] });
      expect(await h['app.storeProblems']()).toHaveLength(1);
      // The empty directory works as usual.
      const saved = await h['people.save'](person({ nameAr: 'سالم' }));
      expect((await h['directory.get']()).people).toEqual([saved]);
    });
  });
});
