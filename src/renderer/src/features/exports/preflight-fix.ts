import { readEditionNumber } from '../../../../shared/domain/edition';
import type { PreflightTarget } from '../../../../shared/domain/export-preflight';
import { type ForumInput, forumInputSchema } from '../../../../shared/domain/forum';
import { organisationInputSchema, personInputSchema } from '../../../../shared/domain/person';
import { issuesFromZod } from '../../../../shared/errors';
import { ApiError, api } from '../../lib/api';
import { asSave } from '../../lib/use-programme';

/**
 * Fixes one pre-flight finding in place: the field it names, on the record as
 * it is now (read again, so a change made meanwhile elsewhere is neither lost
 * nor overwritten: the save names the revision it was made from, and core
 * refuses it if that is not the latest). Throws what the save refused, to be
 * shown beside the finding; returns what the change touched, so the views
 * holding that data reload it.
 */
export async function applyFix(
  forumId: string,
  target: PreflightTarget,
  value: string,
): Promise<{ forumIds: string[]; directory: boolean }> {
  const inForum = { forumIds: [forumId], directory: false };
  switch (target.kind) {
    case 'forum': {
      const forum = await api['forums.get']({ id: forumId });
      const input = withForumField(forum, target, value);
      const parsed = forumInputSchema.safeParse(input);
      if (!parsed.success) throw refused(parsed.error);
      await api['forums.update']({ id: forumId, input: parsed.data, expectedUpdatedAt: forum.updatedAt });
      return inForum;
    }
    case 'person': {
      const person = (await api['directory.get']()).people.find((p) => p.id === target.id);
      if (!person) throw gone();
      const parsed = personInputSchema.safeParse({ ...person, [target.field]: value });
      if (!parsed.success) throw refused(parsed.error);
      await api['people.save']({ ...parsed.data, id: person.id, expectedUpdatedAt: person.updatedAt });
      return { forumIds: [], directory: true };
    }
    case 'organisation': {
      const organisation = (await api['directory.get']()).organisations.find((o) => o.id === target.id);
      if (!organisation) throw gone();
      const parsed = organisationInputSchema.safeParse({ ...organisation, [target.field]: value });
      if (!parsed.success) throw refused(parsed.error);
      await api['organisations.save']({
        ...parsed.data,
        id: organisation.id,
        expectedUpdatedAt: organisation.updatedAt,
      });
      return { forumIds: [], directory: true };
    }
    case 'hall': {
      const hall = (await api['programme.get']({ forumId })).halls.find((h) => h.id === target.id);
      if (!hall) throw gone();
      await api['programme.saveHall']({ forumId, hall: asSave({ ...hall, [target.field]: value }) });
      return inForum;
    }
    case 'session':
    case 'item': {
      const id = target.kind === 'session' ? target.id : target.sessionId;
      const session = (await api['programme.get']({ forumId })).sessions.find((s) => s.id === id);
      if (!session) throw gone();
      const changed =
        target.kind === 'session'
          ? { ...session, [target.field]: value }
          : {
              ...session,
              items: session.items.map((item) => (item.id === target.id ? { ...item, [target.field]: value } : item)),
            };
      if (target.kind === 'item' && !session.items.some((item) => item.id === target.id)) throw gone();
      await api['programme.saveSessions']({ forumId, sessions: [asSave(changed)] });
      return inForum;
    }
    case 'delegation': {
      const delegation = (await api['programme.get']({ forumId })).delegations.find((d) => d.id === target.id);
      if (!delegation) throw gone();
      await api['programme.saveDelegation']({ forumId, delegation: asSave({ ...delegation, [target.field]: value }) });
      return inForum;
    }
    case 'stop': {
      const session = (await api['programme.get']({ forumId })).sessions.find((s) => s.id === target.sessionId);
      if (!session?.stops.some((stop) => stop.id === target.id)) throw gone();
      if (target.field !== 'placeEn' && target.field !== 'hostNameEn') throw inItsForm();
      const field = target.field;
      const stops = session.stops.map((stop) => (stop.id === target.id ? { ...stop, [field]: value } : stop));
      await api['programme.saveSessions']({ forumId, sessions: [asSave({ ...session, stops })] });
      return inForum;
    }
    // What a visit's times or a delegation's travel lack is entered in their own forms, never as one line of text.
    case 'visit':
    case 'member':
    case 'delegationDetail':
      throw inItsForm();
    case 'registration': {
      const registration = (await api['registrations.list']({ forumId })).find((r) => r.id === target.id);
      if (!registration) throw gone();
      await api['registrations.update']({
        forumId,
        id: registration.id,
        patch: { [target.field]: value, expectedUpdatedAt: registration.updatedAt },
      });
      return inForum;
    }
  }
}

/** The forum's input with the one field changed: a list's item by its position, the venue's inside the venue. */
function withForumField(
  forum: ForumInput,
  target: Extract<PreflightTarget, { kind: 'forum' }>,
  value: string,
): ForumInput {
  switch (target.field) {
    case 'titleEn':
    case 'sloganEn':
    case 'patronEn':
      return { ...forum, [target.field]: value };
    case 'hotelEn':
    case 'hallEn':
    case 'cityEn':
    case 'countryEn':
      return { ...forum, venue: { ...forum.venue, [target.field]: value } };
    case 'editionNumber': {
      const n = readEditionNumber(value);
      if (n === 'bad' || n === null)
        throw new ApiError({
          code: 'invalid_request',
          message: 'Not an edition number',
          issues: [{ path: ['editionNumber'], message: 'errors.editionNumber' }],
        });
      return { ...forum, editionNumber: n, edition: '' };
    }
    case 'organisersEn':
    case 'partnersEn':
    case 'objectivesEn': {
      const field = target.field;
      const items = forum[field === 'organisersEn' ? 'organisers' : field === 'partnersEn' ? 'partners' : 'objectives'];
      const english = items.map((_, i) => forum[field]?.[i] ?? '');
      if (target.index === null || target.index >= items.length) throw gone();
      english[target.index] = value;
      return { ...forum, [field]: english };
    }
  }
}

function refused(error: Parameters<typeof issuesFromZod>[0]): ApiError {
  return new ApiError({ code: 'invalid_request', message: 'The value was refused', issues: issuesFromZod(error) });
}

/** A finding the pre-flight has no box for: filled in the visit's or the delegation's form. */
function inItsForm(): ApiError {
  return new ApiError({
    code: 'invalid_request',
    message: 'Filled in its own form',
    issues: [{ path: [], message: 'errors.preflightInItsForm' }],
  });
}

/** The record was deleted meanwhile (in another window, or by an undo). */
function gone(): ApiError {
  return new ApiError({ code: 'not_found', message: 'The record is gone', issues: [] });
}
