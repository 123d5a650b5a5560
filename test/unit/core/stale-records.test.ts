/**
 * Two windows on one record, for every kind of record that can be edited from
 * two windows: each read a copy, one saved, then the other saves its older
 * copy. That later save must be refused (changing nothing, saying so with
 * the message the window shows) instead of silently putting the older copy's
 * fields back; made again on the newer version it goes through.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/app-core';
import { createDispatch, type Dispatch } from '../../../src/core/gate';
import { nextRevision } from '../../../src/core/revision';
import type { Forum } from '../../../src/shared/domain/forum';
import { emptyPersonInput } from '../../../src/shared/domain/person';
import { programmeSchema, type Session } from '../../../src/shared/domain/programme';
import { changedFields, FIRST_REVISION } from '../../../src/shared/domain/revision';
import type { Envelope } from '../../../src/shared/errors';
import { openAt, seedForum } from './backup/backup-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

/** A call through the gate, as a window makes it; its answer's data, or the refusal. */
async function call<T>(dispatch: Dispatch, channel: string, payload: unknown): Promise<T> {
  const reply = (await dispatch(channel, payload)) as Envelope<T>;
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { payload: reply.error });
  return reply.data;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: { payload?: unknown }) => e.payload,
  );
  expect(error, 'the older save went through').not.toBeNull();
  return error as { code: string; message: string; issues?: { message: string }[] };
}

async function withCore(run: (core: Core, dispatch: Dispatch) => Promise<void>) {
  const core = await openAt(await tempDir());
  try {
    await run(
      core,
      createDispatch(core.handlers, () => {}),
    );
  } finally {
    await core.close();
  }
}

const forumInput = ({ id: _i, createdAt: _c, updatedAt: _u, ...input }: Forum) => input;
const sessionSave = ({ updatedAt, ...fields }: Session) => ({ ...fields, expectedUpdatedAt: updatedAt });

describe('a save made from an older copy', () => {
  it("of a forum is refused: the office's English title is not lost to the door's later status change", async () => {
    await withCore(async (core, dispatch) => {
      const { forumId } = await seedForum(core.handlers);
      // Both windows open the forum's form.
      const office = await call<Forum>(dispatch, 'forums.get', { id: forumId });
      const door = await call<Forum>(dispatch, 'forums.get', { id: forumId });

      const saved = await call<Forum>(dispatch, 'forums.update', {
        id: forumId,
        input: { ...forumInput(office), titleEn: 'The Second Municipal Forum' },
        expectedUpdatedAt: office.updatedAt,
      });
      expect(saved.updatedAt > office.updatedAt).toBe(true);

      const error = await refusal(
        call(dispatch, 'forums.update', {
          id: forumId,
          input: { ...forumInput(door), status: 'published' },
          expectedUpdatedAt: door.updatedAt,
        }),
      );
      expect(error.code).toBe('conflict');
      expect(error.issues?.[0]?.message).toBe('errors.staleRecord');
      expect(error.message).toContain(saved.updatedAt); // when it changed
      const now = await call<Forum>(dispatch, 'forums.get', { id: forumId });
      expect(now).toEqual(saved);
      // What the door's window then names as changed by the other window.
      expect(changedFields(door, now)).toEqual(['titleEn']);

      // Made again on the newer version, both changes stand.
      const again = await call<Forum>(dispatch, 'forums.update', {
        id: forumId,
        input: { ...forumInput(now), status: 'published' },
        expectedUpdatedAt: now.updatedAt,
      });
      expect(again).toMatchObject({ titleEn: 'The Second Municipal Forum', status: 'published' });
    });
  });

  it("of a programme session is refused: one window's move is not undone by the other's title edit", async () => {
    await withCore(async (core, dispatch) => {
      const { forumId } = await seedForum(core.handlers);
      const read = async () =>
        (await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId })).sessions[0] as Session;
      const grid = await read(); // the day view in one window
      const editor = await read(); // the session editor in another
      expect(editor.updatedAt).not.toBe(FIRST_REVISION);

      await call(dispatch, 'programme.saveSessions', {
        forumId,
        sessions: [sessionSave({ ...grid, start: 600, end: 660 })],
      });
      const moved = await read();

      const error = await refusal(
        call(dispatch, 'programme.saveSessions', {
          forumId,
          sessions: [sessionSave({ ...editor, titleEn: 'Opening ceremony' })],
        }),
      );
      expect(error).toMatchObject({ code: 'conflict', issues: [{ message: 'errors.staleRecord' }] });
      expect(await read()).toEqual(moved);
      expect(changedFields(editor, moved)).toEqual(['start', 'end']);

      await call(dispatch, 'programme.saveSessions', {
        forumId,
        sessions: [sessionSave({ ...moved, titleEn: 'Opening ceremony' })],
      });
      expect(await read()).toMatchObject({ start: 600, end: 660, titleEn: 'Opening ceremony' });
    });
  });

  it('of one session among several refuses the whole step: no session of it is written', async () => {
    await withCore(async (core, dispatch) => {
      const { forumId } = await seedForum(core.handlers);
      const first = (await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId }))
        .sessions[0] as Session;
      const second: Session = { ...first, id: randomUUID(), start: 660, end: 720 };
      await call(dispatch, 'programme.saveSessions', { forumId, sessions: [sessionSave(second)] });
      const before = await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId });
      const [a, b] = before.sessions as [Session, Session];
      await call(dispatch, 'programme.saveSessions', { forumId, sessions: [sessionSave({ ...b, titleAr: 'تغيّر' })] });
      // "Shift the rest of the day" made on the view read before that edit.
      const shift = [a, b].map((s) => sessionSave({ ...s, start: s.start + 15, end: s.end + 15 }));
      await refusal(call(dispatch, 'programme.saveSessions', { forumId, sessions: shift }));
      const after = await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId });
      expect(after.sessions.map((s) => s.start)).toEqual([a.start, b.start]);
    });
  });

  it('of a hall, a delegation, a person or an organisation is refused the same way', async () => {
    await withCore(async (core, dispatch) => {
      const { forumId, chairId } = await seedForum(core.handlers);
      const view = await call<{ halls: { id: string; updatedAt: string }[] }>(dispatch, 'programme.get', { forumId });
      const hall = view.halls[0] as { id: string; nameAr: string; nameEn: string; capacity: number; updatedAt: string };
      const delegationId = randomUUID();
      await call(dispatch, 'programme.saveDelegation', {
        forumId,
        delegation: {
          ...{ id: delegationId, nameAr: 'وفد صحار', nameEn: '', organisationId: null, city: '', country: '' },
          ...{ headId: chairId, memberIds: [] },
        },
      });
      const programme = await call<{ delegations: { updatedAt: string }[] }>(dispatch, 'programme.get', { forumId });
      const directory = await call<{
        people: { id: string; updatedAt: string }[];
        organisations: { id: string; nameAr: string; updatedAt: string }[];
      }>(dispatch, 'directory.get', undefined);
      const person = directory.people.find((p) => p.id === chairId) as { updatedAt: string };
      const organisation = directory.organisations[0] as { id: string; nameAr: string; updatedAt: string };

      const cases: [string, (name: string) => unknown][] = [
        [
          'programme.saveHall',
          (name) => ({
            forumId,
            hall: { id: hall.id, nameAr: name, nameEn: '', capacity: 300, expectedUpdatedAt: hall.updatedAt },
          }),
        ],
        [
          'programme.saveDelegation',
          (name) => ({
            forumId,
            delegation: {
              ...{ id: delegationId, nameAr: name, nameEn: '', organisationId: null, city: '', country: '' },
              ...{ headId: chairId, memberIds: [], expectedUpdatedAt: programme.delegations[0]?.updatedAt },
            },
          }),
        ],
        [
          'people.save',
          (name) => ({ ...emptyPersonInput(), id: chairId, nameAr: name, expectedUpdatedAt: person.updatedAt }),
        ],
        [
          'organisations.save',
          (name) => ({
            ...{ id: organisation.id, nameAr: name, nameEn: '', kind: 'municipality', country: '', city: '' },
            expectedUpdatedAt: organisation.updatedAt,
          }),
        ],
      ];
      for (const [channel, request] of cases) {
        await call(dispatch, channel, request('الأولى'));
        const error = await refusal(call(dispatch, channel, request('الثانية')));
        expect(error, channel).toMatchObject({ code: 'conflict', issues: [{ message: 'errors.staleRecord' }] });
      }
      const after = await call<typeof directory>(dispatch, 'directory.get', undefined);
      expect(after.people.find((p) => p.id === chairId)).toMatchObject({ nameAr: 'الأولى' });
      expect(after.organisations[0]).toMatchObject({ nameAr: 'الأولى' });
    });
  });

  it('a revision that is not a date is refused at the gate, changing nothing', async () => {
    await withCore(async (core, dispatch) => {
      const { forumId } = await seedForum(core.handlers);
      const session = (await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId }))
        .sessions[0] as Session;
      const reply = await dispatch('programme.saveSessions', {
        forumId,
        sessions: [{ ...sessionSave(session), expectedUpdatedAt: 'yesterday', titleAr: 'x' }],
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect((await call<{ sessions: Session[] }>(dispatch, 'programme.get', { forumId })).sessions[0]).toEqual(
        session,
      );
    });
  });
});

describe('revisions', () => {
  it('two saves in one millisecond, or with the clock set back, still get distinct, later revisions', () => {
    const at = new Date('2026-12-04T09:00:00.000Z');
    const first = nextRevision(at);
    const second = nextRevision(at, first);
    const afterSetBack = nextRevision(new Date('2026-12-03T09:00:00.000Z'), second);
    expect([first, second, afterSetBack]).toEqual([
      '2026-12-04T09:00:00.000Z',
      '2026-12-04T09:00:00.001Z',
      '2026-12-04T09:00:00.002Z',
    ]);
    expect(nextRevision(new Date('2026-12-05T00:00:00.000Z'), afterSetBack)).toBe('2026-12-05T00:00:00.000Z');
  });

  it('programme records from a file written before revisions read as the first revision', () => {
    const hall = { id: randomUUID(), nameAr: 'قاعة', nameEn: '', capacity: null };
    const parsed = programmeSchema.parse({ halls: [hall], sessions: [], delegations: [] });
    expect(parsed.halls[0]?.updatedAt).toBe(FIRST_REVISION);
  });
});
