/**
 * Undo belongs to the window that made the change. The office and the door
 * work on one forum at once, each through the gate as its own caller: the
 * office's Ctrl+Z undoes the office's edit and never the door's check-in,
 * each window's button names its own last change, and an undo that would
 * overwrite what another window changed since is refused, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/app-core';
import { createDispatch } from '../../../src/core/gate';
import { ChangedSince, reapply } from '../../../src/core/history/record-merge';
import { inputOf } from '../../../src/renderer/src/features/registrations/registration-text';
import type { Forum } from '../../../src/shared/domain/forum';
import type { HistoryResult, HistoryState } from '../../../src/shared/domain/history';
import type { Session } from '../../../src/shared/domain/programme';
import type { Registration } from '../../../src/shared/domain/registration';
import type { AppErrorPayload, Envelope } from '../../../src/shared/errors';
import { openAt, seedForum } from './backup/backup-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

/** A window of the app: its calls go through the gate under its own client id. */
function windowOf(core: Core, clientId: string) {
  const dispatch = createDispatch(core.handlers, () => {});
  const send = async (channel: string, payload?: unknown) =>
    (await dispatch(channel, payload, { clientId })) as Envelope<unknown>;
  return {
    send,
    async call<T>(channel: string, payload?: unknown): Promise<T> {
      const reply = await send(channel, payload);
      if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
      return reply.data as T;
    },
    async refusal(channel: string, payload?: unknown): Promise<AppErrorPayload> {
      const reply = await send(channel, payload);
      if (reply.ok) throw new Error(`${channel} went through`);
      return reply.error;
    },
  };
}

async function withForum(
  run: (
    w: { office: ReturnType<typeof windowOf>; door: ReturnType<typeof windowOf> },
    seeded: Awaited<ReturnType<typeof seedForum>>,
  ) => Promise<void>,
) {
  const core = await openAt(await tempDir());
  try {
    const seeded = await seedForum(core.handlers);
    await run({ office: windowOf(core, 'window:1'), door: windowOf(core, 'tab:door') }, seeded);
  } finally {
    await core.close();
  }
}

const list = (w: ReturnType<typeof windowOf>, forumId: string) =>
  w.call<Registration[]>('registrations.list', { forumId });

describe('undo belongs to the window that made the change', () => {
  it("the office's Ctrl+Z undoes the office's e-mail edit, not the door's later check-in", async () => {
    await withForum(async ({ office, door }, { forumId, registrationIds }) => {
      const [salem, mona] = registrationIds as [string, string];
      const copy = (await list(office, forumId)).find((r) => r.id === salem) as Registration;
      await office.call('registrations.save', {
        forumId,
        registration: {
          ...inputOf(copy),
          id: salem,
          email: 'salem.new@example.org',
          expectedUpdatedAt: copy.updatedAt,
        },
      });
      await door.call('registrations.checkIn', { forumId, id: mona, checkedIn: true });

      // Each window's button names its own last change.
      const officeState = await office.call<HistoryState>('history.state');
      const doorState = await door.call<HistoryState>('history.state');
      expect(officeState.undo?.action).toBe('registrations.update');
      expect(doorState.undo?.action).toBe('registrations.checkIn');
      expect([officeState.undoDepth, doorState.undoDepth]).toEqual([1, 1]);

      const undone = await office.call<HistoryResult>('history.undo');
      expect(undone.label).toEqual(officeState.undo);
      const now = await list(office, forumId);
      expect(now.find((r) => r.id === salem)).toMatchObject({ email: 'salem@example.org' });
      expect(now.find((r) => r.id === mona)).toMatchObject({ status: 'attended' });
      expect(now.find((r) => r.id === mona)?.checkedInAt).not.toBeNull();

      // The door's own undo is still its check-in; the office has nothing left (its seed was another caller's).
      expect((await door.call<HistoryState>('history.state')).undo?.action).toBe('registrations.checkIn');
      expect(await office.refusal('history.undo')).toMatchObject({ code: 'not_found' });
      // And the office's redo puts its edit back, again over the door's check-in.
      await office.call('history.redo');
      const redone = await list(office, forumId);
      expect(redone.find((r) => r.id === salem)?.email).toBe('salem.new@example.org');
      expect(redone.find((r) => r.id === mona)?.status).toBe('attended');
    });
  });

  it('an undo that would overwrite the same record changed since by another window is refused', async () => {
    await withForum(async ({ office, door }, { forumId, registrationIds }) => {
      const salem = registrationIds[0] as string;
      const copy = (await list(office, forumId)).find((r) => r.id === salem) as Registration;
      await office.call('registrations.save', {
        forumId,
        registration: {
          ...inputOf(copy),
          id: salem,
          email: 'salem.new@example.org',
          expectedUpdatedAt: copy.updatedAt,
        },
      });
      await door.call('registrations.checkIn', { forumId, id: salem, checkedIn: true });
      const before = await list(office, forumId);

      const error = await office.refusal('history.undo');
      expect(error.code).toBe('conflict');
      expect(error.issues?.[0]?.message).toBe('errors.undoClobbered');
      expect(await list(office, forumId)).toEqual(before); // checked in, with the new e-mail
      // The door can still take its own check-in back.
      await door.call('history.undo');
      expect((await list(office, forumId)).find((r) => r.id === salem)).toMatchObject({
        email: 'salem.new@example.org',
        checkedInAt: null,
      });
    });
  });

  it("in one forum's file, the office's title edit is undone and the other window's session move stays", async () => {
    await withForum(async ({ office, door }, { forumId }) => {
      const forum = await office.call<Forum>('forums.get', { id: forumId });
      const { id: _i, createdAt: _c, updatedAt: _u, ...input } = forum;
      await office.call('forums.update', {
        id: forumId,
        input: { ...input, titleEn: 'A typo' },
        expectedUpdatedAt: forum.updatedAt,
      });
      const session = (await door.call<{ sessions: Session[] }>('programme.get', { forumId })).sessions[0] as Session;
      const { updatedAt, ...fields } = session;
      await door.call('programme.saveSessions', {
        forumId,
        sessions: [{ ...fields, start: 600, end: 660, expectedUpdatedAt: updatedAt }],
      });

      await office.call('history.undo');
      expect((await office.call<Forum>('forums.get', { id: forumId })).titleEn).toBe('Second Forum');
      const moved = (await office.call<{ sessions: Session[] }>('programme.get', { forumId })).sessions[0];
      expect(moved).toMatchObject({ start: 600, end: 660 });
    });
  });

  it('a window with nothing of its own to undo undoes nothing, whatever other windows did', async () => {
    await withForum(async ({ office, door }, { forumId, registrationIds }) => {
      await office.call('registrations.checkIn', { forumId, id: registrationIds[0], checkedIn: true });
      expect(await door.call<HistoryState>('history.state')).toMatchObject({ undo: null, undoDepth: 0 });
      expect(await door.refusal('history.undo')).toMatchObject({ code: 'not_found' });
      expect((await list(door, forumId)).find((r) => r.id === registrationIds[0])?.status).toBe('attended');
    });
  });

  it('the gate refuses a caller that is not named plainly', async () => {
    const core = await openAt(await tempDir());
    try {
      const dispatch = createDispatch(core.handlers, () => {});
      for (const clientId of ['', '../window', 'tab:<script>', 'x'.repeat(81)]) {
        expect(await dispatch('history.state', undefined, { clientId })).toMatchObject({
          ok: false,
          error: { code: 'invalid_request' },
        });
      }
    } finally {
      await core.close();
    }
  });
});

describe('putting a step back record by record', () => {
  const a = { id: 'a', email: 'old' };
  const a2 = { id: 'a', email: 'new' };
  const b = { id: 'b', status: 'registered' };
  const b2 = { id: 'b', status: 'attended' };
  const c = { id: 'c', status: 'registered' };

  it('keeps the records other windows changed, and puts a deleted record back in its place', () => {
    expect(reapply({ list: [a2, b2] }, { list: [a2, b] }, { list: [a, b] })).toEqual({ list: [a, b2] });
    // Undo of a deletion of `b` while another window added `c` at the end.
    expect(reapply([a, c], [a], [a, b, c])).toEqual([a, b, c]);
    expect(reapply([c, a], [a], [b, a])).toEqual([c, b, a]);
    // Undo of an addition removes it and only it.
    expect(reapply([a, b2, c], [a, b, c], [a, b])).toEqual([a, b2]);
  });

  it('refuses where a record the step changed, or a value of its own, changed since', () => {
    expect(() =>
      reapply(
        [a2, b2],
        [a2, b],
        [a2, b2].map((x) => ({ ...x })),
      ),
    ).not.toThrow();
    expect(() => reapply([{ id: 'a', email: 'third' }], [a2], [a])).toThrow(ChangedSince);
    expect(() => reapply([], [a2], [a])).toThrow(ChangedSince); // deleted since by someone else
    expect(() => reapply({ nextCode: 12, list: [] }, { nextCode: 11, list: [] }, { nextCode: 10, list: [] })).toThrow(
      ChangedSince,
    );
  });
});

describe('putting back many records at once', () => {
  // Linear, not quadratic: putting 20,000 back one by one into 40,000 would run far past the test's time limit.
  it("undoing the deletion of 20,000 of 60,000 registrants keeps the door's check-in, in the order they had", () => {
    const all = Array.from({ length: 60_000 }, (_, i) => ({ id: `r${i}`, status: 'registered' }));
    const remaining = all.filter((_, i) => i % 3 !== 0);
    // Meanwhile the door checked one of the remaining in.
    const checkedIn = remaining.map((r, i) => (i === 5 ? { ...r, status: 'attended' } : r));
    const result = reapply({ registrations: checkedIn }, { registrations: remaining }, { registrations: all }) as {
      registrations: { id: string; status: string }[];
    };
    expect(result.registrations.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(result.registrations.filter((r) => r.status === 'attended').map((r) => r.id)).toEqual([remaining[5]?.id]);
  });
});
