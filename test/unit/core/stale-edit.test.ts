/**
 * Two windows on one registrant: the office's table holds a copy read before
 * the door checked the registrant in. Its e-mail edit (the table sends the
 * whole record, status included) must not put the status back: it is refused,
 * saying so, and the record stays as the door left it.
 */
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src/core/gate';
import { inputOf } from '../../../src/renderer/src/features/registrations/registration-text';
import { AppError } from '../../../src/shared/errors';
import { openAt, seedForum } from './backup/backup-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

describe('an edit made from an older copy of a registrant', () => {
  it('is refused after a check-in at the door, and the check-in stays', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId, registrationIds } = await seedForum(h);
      const id = registrationIds[0] as string;
      // The office window's copy, read before the door's scan.
      const officeCopy = (await h['registrations.list']({ forumId })).find((r) => r.id === id);
      if (!officeCopy) throw new Error('no registrant');
      await new Promise((resolve) => setTimeout(resolve, 2)); // the door's check-in is a later moment
      await h['registrations.checkIn']({ forumId, id, checkedIn: true });

      const error = await h['registrations.save']({
        forumId,
        registration: {
          ...inputOf(officeCopy),
          email: 'salem.new@example.org',
          id,
          expectedUpdatedAt: officeCopy.updatedAt,
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('conflict');
      expect((error as AppError).issues?.[0]?.message).toBe('errors.staleRegistration');
      const now = (await h['registrations.list']({ forumId })).find((r) => r.id === id);
      expect(now).toMatchObject({ status: 'attended', email: 'salem@example.org' });
      expect(now?.checkedInAt).not.toBeNull();

      // Made again on the newer version, the edit goes through and keeps the check-in.
      const saved = await h['registrations.save']({
        forumId,
        registration: {
          ...inputOf(now as NonNullable<typeof now>),
          email: 'salem.new@example.org',
          id,
          expectedUpdatedAt: now?.updatedAt,
        },
      });
      expect(saved).toMatchObject({ status: 'attended', email: 'salem.new@example.org' });
    } finally {
      await core.close();
    }
  });

  it('an edit in place sends only its field: refused from the older revision, and never carries the status', async () => {
    const core = await openAt(await tempDir());
    const dispatch = createDispatch(core.handlers, () => {});
    try {
      const { forumId, registrationIds } = await seedForum(core.handlers);
      const id = registrationIds[0] as string;
      const cell = (await core.handlers['registrations.list']({ forumId })).find((r) => r.id === id);
      if (!cell) throw new Error('no registrant');
      await new Promise((resolve) => setTimeout(resolve, 2));
      await core.handlers['registrations.checkIn']({ forumId, id, checkedIn: true });

      const stale = await dispatch('registrations.update', {
        forumId,
        id,
        patch: { email: 'salem.new@example.org', expectedUpdatedAt: cell.updatedAt },
      });
      expect(stale).toMatchObject({
        ok: false,
        error: { code: 'conflict', issues: [{ message: 'errors.staleRegistration' }] },
      });
      // A patch carries no status, and one that tries is refused at the gate.
      const withStatus = await dispatch('registrations.update', {
        forumId,
        id,
        patch: { status: 'registered', checkedInAt: null, expectedUpdatedAt: cell.updatedAt },
      });
      expect(withStatus).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      // Without the revision it is refused too: an edit in place always says what it was made from.
      expect(
        await dispatch('registrations.update', { forumId, id, patch: { email: 'salem.new@example.org' } }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

      const now = (await core.handlers['registrations.list']({ forumId })).find((r) => r.id === id);
      const saved = await dispatch('registrations.update', {
        forumId,
        id,
        patch: { email: 'salem.new@example.org', expectedUpdatedAt: now?.updatedAt },
      });
      expect(saved).toMatchObject({ ok: true, data: { email: 'salem.new@example.org', status: 'attended' } });
    } finally {
      await core.close();
    }
  });

  it('the gate refuses a revision that is not a date', async () => {
    const core = await openAt(await tempDir());
    try {
      const { forumId, registrationIds } = await seedForum(core.handlers);
      const dispatch = createDispatch(core.handlers, () => {});
      const reply = await dispatch('registrations.save', {
        forumId,
        registration: { id: registrationIds[0], expectedUpdatedAt: 'yesterday' },
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      await core.close();
    }
  });
});
