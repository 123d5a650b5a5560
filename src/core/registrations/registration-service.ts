import { randomUUID } from 'node:crypto';
import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import { REGISTRANT_TEXT_FIELD_NAMES } from '../../shared/domain/registrant-fields';
import {
  emptyRegistrationInput,
  MAX_REGISTRATIONS,
  type Registration,
  type RegistrationBulkPatch,
  type RegistrationInput,
  type RegistrationPatch,
  type RegistrationSave,
  registrationInputOf,
  registrationName,
} from '../../shared/domain/registration';
import type { ImportedValues } from '../../shared/domain/registration-import';
import { AppError } from '../../shared/errors';
import type { ForumStore } from '../forums/forum-store';
import { type ChangeOptions, type History, registrationsKey } from '../history/history';
import { refuseIfStale } from '../revision';
import { isPlaceholder, normalisePhone } from './import/normalise';
import { positionOf, replacedAt, withAdded } from './registration-list';
import { ensureCodesLeft, type RegistrationStore, type RegistrationsFile } from './registration-store';

/** An edit of one forum's registrations: checks the current ones, returns the next and how to name the step. */
export type RegistrationsEdit<R> = (
  current: RegistrationsFile,
  at: string,
) => { label: HistoryLabel; file: RegistrationsFile; result: R };

const nameOf = (r: Pick<Registration, 'fullName' | 'fullNameEn'>) => {
  const name = registrationName(r);
  return { ar: name, en: name };
};

/**
 * A forum's registrations: by hand, in bulk, at the door. Every change is one
 * undoable step on the forum's registrations file; the import (see
 * ImportService) makes its commit through `change` too.
 */
export class RegistrationService {
  constructor(
    private readonly store: RegistrationStore,
    private readonly forums: ForumStore,
    private readonly history: History,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(forumId: string): Promise<Registration[]> {
    this.forums.get(forumId); // not_found for a forum that is not there
    return (await this.store.open(forumId)).data.registrations;
  }

  /** Adds (no id) or replaces one registration; `checkIn` also checks a walk-in in at the door. */
  async save(forumId: string, input: RegistrationSave, options: { checkIn?: boolean } = {}): Promise<Registration> {
    const { id, expectedUpdatedAt, ...typed } = input;
    if (!typed.fullName && !typed.fullNameEn) {
      throw new AppError('invalid_request', 'A registration needs a name.', [
        { path: ['registration', 'fullName'], message: 'errors.nameRequired' },
      ]);
    }
    // A walk-in at the door is one line in the change log: it need not wait for other scans' fsyncs.
    return this.changeWith({ overlapWrites: id === undefined && options.checkIn === true }, forumId, (current, at) => {
      const old = id === undefined ? undefined : findOrFail(current.registrations, id);
      if (old) {
        refuseIfStale(old, expectedUpdatedAt, {
          name: registrationName(old),
          path: ['registration'],
          messageKey: 'errors.staleRegistration',
        });
      }
      // A mobile is read when it is typed: an unchanged one is kept as it was read, so a
      // change of the forum's calling code never blocks editing someone's e-mail.
      const mobile =
        old && old.mobile === typed.mobile
          ? { mobile: old.mobile, mobileE164: old.mobileE164 }
          : this.readMobile(forumId, typed.mobile);
      const fields = { ...typed, ...mobile };
      if (!old) {
        ensureRoom(current.registrations.length + 1);
        let added: Registration = {
          ...fields,
          id: randomUUID(),
          code: String(current.nextCode),
          checkedInAt: null,
          statusBeforeCheckIn: null,
          source: null,
          createdAt: at,
          updatedAt: at,
        };
        if (options.checkIn) added = checkedIn(added, at);
        return {
          label: historyLabel(options.checkIn ? 'registrations.walkIn' : 'registrations.create', nameOf(added)),
          file: { nextCode: current.nextCode + 1, registrations: withAdded(current.registrations, added) },
          result: added,
        };
      }
      const saved: Registration = { ...old, ...fields, updatedAt: at };
      return {
        label: historyLabel('registrations.update', nameOf(saved)),
        file: { ...current, registrations: current.registrations.map((r) => (r.id === id ? saved : r)) },
        result: saved,
      };
    });
  }

  /**
   * Changes only the fields `patch` names, on the revision it names: the
   * other fields are the stored record's, which (the revision being the same)
   * are the ones the editor saw; a record changed since is refused by save.
   */
  async update(forumId: string, id: string, { expectedUpdatedAt, ...patch }: RegistrationPatch): Promise<Registration> {
    const stored = findOrFail((await this.store.open(forumId)).data.registrations, id);
    return this.save(forumId, { ...registrationInputOf(stored), ...patch, id, expectedUpdatedAt });
  }

  delete(forumId: string, ids: readonly string[]): Promise<{ count: number }> {
    const gone = new Set(ids);
    return this.change(forumId, (current) => {
      const first = current.registrations.find((r) => gone.has(r.id));
      if (!first) throw new AppError('not_found', 'No such registration.');
      const registrations = current.registrations.filter((r) => !gone.has(r.id));
      const count = current.registrations.length - registrations.length;
      return {
        label: historyLabel('registrations.delete', nameOf(first), count),
        file: { ...current, registrations },
        result: { count },
      };
    });
  }

  /** One category, status or delegation for many registrations: one step. */
  bulkUpdate(forumId: string, ids: readonly string[], patch: RegistrationBulkPatch): Promise<{ count: number }> {
    const chosen = new Set(ids);
    return this.change(forumId, (current, at) => {
      let count = 0;
      let first: Registration | null = null;
      const registrations = current.registrations.map((r) => {
        if (!chosen.has(r.id)) return r;
        count++;
        first ??= r;
        return { ...r, ...patch, updatedAt: at };
      });
      if (!first) throw new AppError('not_found', 'No such registration.');
      return {
        label: historyLabel('registrations.bulk', nameOf(first), count),
        file: { ...current, registrations },
        result: { count },
      };
    });
  }

  /**
   * Checks a registrant in at the door (status "attended"), or takes a check-in back (the status before returns).
   * One line in the forum's change log, whatever the forum's size; scans at the same moment share one fsync.
   * `checkedInAt` is when the person arrived, when that was earlier than now: a desk's scan, sent once
   * its network came back.
   */
  checkIn(
    forumId: string,
    id: string,
    checkIn: boolean,
    options: { checkedInAt?: string } = {},
  ): Promise<Registration> {
    return this.changeWith({ overlapWrites: true }, forumId, (current, at) => {
      const position = positionOf(current.registrations, id);
      const old = current.registrations[position] as Registration;
      if (checkIn && old.checkedInAt) throw new AppError('conflict', `${registrationName(old)} is already checked in.`);
      const next = checkIn ? checkedIn(old, at, options.checkedInAt) : notCheckedIn(old, at);
      return {
        label: historyLabel(checkIn ? 'registrations.checkIn' : 'registrations.checkOut', nameOf(next)),
        file: { ...current, registrations: replacedAt(current.registrations, position, next) },
        result: next,
      };
    });
  }

  /**
   * Sets aside `count` badge codes for a check-in desk, which gives them to
   * the walk-ins it registers while offline: the counter moves past them, so
   * neither the hub nor another desk ever hands them out. Made as the desk's
   * own step (the caller is the desk), so no window's Ctrl+Z gives them back.
   */
  reserveCodes(
    forumId: string,
    count: number,
    desk: { ar: string; en: string },
  ): Promise<{ first: number; last: number }> {
    return this.change(forumId, (current) => {
      const first = current.nextCode;
      const file = { ...current, nextCode: first + count };
      return {
        label: historyLabel('registrations.reserveCodes', desk),
        file,
        result: { first, last: first + count - 1 },
      };
    });
  }

  /**
   * A walk-in a desk registered and checked in (perhaps while offline), with
   * the id the desk made and a code of the desk's reserved block: added as
   * it is, checked in at the desk's time. The same walk-in again (same id
   * and code: applied before a crash cut its record short) changes nothing;
   * refused (conflict) when the id or the code is another registrant's.
   */
  addWalkIn(
    forumId: string,
    walkIn: Pick<Registration, 'id' | 'code' | 'fullName' | 'fullNameEn' | 'organisation'> &
      Partial<Pick<Registration, 'category' | 'mobile'>>,
    registeredAt: string,
  ): Promise<Registration> {
    return this.changeWith({ overlapWrites: true }, forumId, (current, at) => {
      const same = current.registrations.find((r) => r.id === walkIn.id && r.code === walkIn.code);
      if (same) return { label: historyLabel('registrations.walkIn', nameOf(same)), file: current, result: same };
      if (current.registrations.some((r) => r.id === walkIn.id || r.code === walkIn.code)) {
        throw new AppError('conflict', `The walk-in ${walkIn.code} is registered already, or its code is in use.`);
      }
      ensureRoom(current.registrations.length + 1);
      const added = checkedIn(
        {
          ...emptyRegistrationInput(),
          ...walkIn,
          ...this.walkInMobile(forumId, walkIn.mobile ?? ''),
          checkedInAt: null,
          statusBeforeCheckIn: null,
          source: null,
          createdAt: at,
          updatedAt: at,
        },
        at,
        registeredAt,
      );
      return {
        label: historyLabel('registrations.walkIn', nameOf(added)),
        // A code from a desk's block is below the counter already; any other moves it past, never to be handed out again.
        file: {
          ...current,
          nextCode: Math.max(current.nextCode, Number(walkIn.code) + 1),
          registrations: withAdded(current.registrations, added),
        },
        result: added,
      };
    });
  }

  /**
   * A walk-in's number as typed at the desk, read with the forum's calling
   * code. Unlike a form's, an unreadable one does not refuse the walk-in (the
   * person is at the desk, checked in): it is kept as typed, with no number
   * to dial, for the coordinator to correct.
   */
  private walkInMobile(forumId: string, mobile: string): Pick<Registration, 'mobile' | 'mobileE164'> {
    const phone = normalisePhone(mobile, this.forums.get(forumId).phoneCountry);
    return { mobile: isPlaceholder(phone.typed) ? '' : phone.typed, mobileE164: phone.e164 };
  }

  /** The number to dial, read here (not trusted from the client) with the forum's calling code. */
  private readMobile(forumId: string, mobile: string): Pick<Registration, 'mobile' | 'mobileE164'> {
    const phone = normalisePhone(mobile, this.forums.get(forumId).phoneCountry);
    if (phone.problem) {
      throw new AppError('invalid_request', 'The mobile number cannot be read.', [
        { path: ['registration', 'mobile'], message: 'errors.phoneInvalid' },
      ]);
    }
    // «لا يوجد», "N/A", "-" typed in the box: no number.
    return { mobile: isPlaceholder(phone.typed) ? '' : phone.typed, mobileE164: phone.e164 };
  }

  /**
   * Runs one edit of a forum's registrations as an undoable step. The file is
   * opened first (History resolves files synchronously); the edit then sees
   * the latest registrations, after every earlier change has landed.
   */
  change<R>(forumId: string, edit: RegistrationsEdit<R>): Promise<R> {
    return this.changeWith({}, forumId, edit);
  }

  /** `change` with History's options (at the door: the queue is not held while the change's fsync runs). */
  private async changeWith<R>(options: ChangeOptions, forumId: string, edit: RegistrationsEdit<R>): Promise<R> {
    this.forums.get(forumId);
    await this.store.open(forumId);
    const key = registrationsKey(forumId);
    return this.history.change((current) => {
      const { label, file, result } = edit(current(key), this.now().toISOString());
      ensureCodesLeft(file);
      return { label, next: new Map([[key, file]]), result: () => result };
    }, options);
  }
}

export function ensureRoom(count: number): void {
  if (count > MAX_REGISTRATIONS) {
    throw new AppError('conflict', `A forum holds at most ${MAX_REGISTRATIONS} registrations.`);
  }
}

function findOrFail(list: readonly Registration[], id: string): Registration {
  const found = list.find((r) => r.id === id);
  if (!found) throw new AppError('not_found', `No registration ${id}.`);
  return found;
}

function checkedIn(r: Registration, at: string, arrivedAt = at): Registration {
  return { ...r, checkedInAt: arrivedAt, statusBeforeCheckIn: r.status, status: 'attended', updatedAt: at };
}

function notCheckedIn(r: Registration, at: string): Registration {
  if (!r.checkedInAt) return r;
  return {
    ...r,
    checkedInAt: null,
    status: r.statusBeforeCheckIn ?? 'confirmed',
    statusBeforeCheckIn: null,
    updatedAt: at,
  };
}

/**
 * An existing registration updated from an imported row: what the row says
 * replaces what was there, and what it leaves blank keeps the old value.
 * Notes are added to, never replaced.
 */
export function updatedFrom(old: Registration, row: ImportedValues, at: string): Registration {
  const next: Registration = { ...old, updatedAt: at };
  for (const field of REGISTRANT_TEXT_FIELD_NAMES) if (row[field] !== '') next[field] = row[field];
  if (row.mobile !== '') next.mobileE164 = row.mobileE164;
  if (row.honorific !== 'none') next.honorific = row.honorific;
  if (row.title !== 'none') next.title = row.title;
  if (row.gender) next.gender = row.gender;
  if (row.category) next.category = row.category;
  if (row.delegationId) next.delegationId = row.delegationId;
  if (row.notes && !old.notes.includes(row.notes)) next.notes = old.notes ? `${old.notes}\n${row.notes}` : row.notes;
  return next;
}

/** For the import: a registration made from a row. */
export function registrationFrom(
  row: ImportedValues,
  defaults: Pick<RegistrationInput, 'category' | 'status'>,
  extra: Pick<Registration, 'id' | 'code' | 'source' | 'createdAt' | 'updatedAt'>,
): Registration {
  // Field by field rather than spread: 10,000 of these are made in one commit, and a
  // literal of fixed shape is several times cheaper than copying the row's own keys.
  return {
    id: extra.id,
    code: extra.code,
    honorific: row.honorific,
    title: row.title,
    fullName: row.fullName,
    fullNameEn: row.fullNameEn,
    gender: row.gender,
    organisation: row.organisation,
    organisationEn: row.organisationEn,
    position: row.position,
    positionEn: row.positionEn,
    email: row.email,
    mobile: row.mobile,
    mobileE164: row.mobileE164,
    country: row.country,
    city: row.city,
    category: row.category ?? defaults.category,
    status: defaults.status,
    delegationId: row.delegationId,
    sessionIds: [],
    notes: row.notes,
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: extra.source,
    createdAt: extra.createdAt,
    updatedAt: extra.updatedAt,
  };
}
