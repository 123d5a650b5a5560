import type { TFunction } from 'i18next';
import type { Formatters } from '../../../shared/calendar/formatters';
import { changedFields } from '../../../shared/domain/revision';
import { ApiError } from './api';

/**
 * The window's half of the revision rule (shared/domain/revision): core
 * refused a save made from an older copy; this says to the user what the
 * other window changed and when, once the newer version has been fetched
 * and is shown in place of the copy.
 */

/** Whether core refused a save because the record changed since the window read it. */
export function isStaleEdit(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.code === 'conflict' &&
    error.issues.some((i) => i.message === 'errors.staleRecord' || i.message === 'errors.staleRegistration')
  );
}

export type EditedRecordKind = 'forum' | 'session' | 'hall' | 'delegation' | 'person' | 'organisation';

/** The label of each field a user can change, per kind of record; fields not listed are not named. */
const FIELD_LABELS: Record<EditedRecordKind, Readonly<Record<string, string>>> = {
  forum: {
    kind: 'forum.field.kind',
    edition: 'forum.field.edition',
    titleAr: 'forum.field.titleAr',
    titleEn: 'forum.field.titleEn',
    slogan: 'forum.field.slogan',
    organisers: 'forum.field.organisers',
    logos: 'forum.field.logos',
    partners: 'forum.field.partners',
    patron: 'forum.field.patron',
    venue: 'forum.field.venue',
    firstDay: 'forum.field.firstDay',
    lastDay: 'forum.field.lastDay',
    expectedAttendance: 'forum.field.expectedAttendance',
    phoneCountry: 'forum.field.phoneCountry',
    objectives: 'forum.field.objectives',
    description: 'forum.field.description',
    status: 'forum.field.status',
  },
  session: {
    kind: 'programme.field.kind',
    day: 'programme.field.day',
    titleAr: 'programme.field.titleAr',
    titleEn: 'programme.field.titleEn',
    start: 'programme.field.start',
    end: 'programme.field.end',
    hallId: 'programme.field.hall',
    place: 'programme.field.place',
    chairId: 'programme.field.chair',
    expectedAttendance: 'programme.field.expectedAttendance',
    items: 'programme.items',
    headTableIds: 'programme.headTable',
    speakerOrder: 'programme.speakerOrder',
  },
  hall: { nameAr: 'hall.nameAr', nameEn: 'hall.nameEn', capacity: 'hall.capacity' },
  delegation: {
    nameAr: 'delegation.nameAr',
    nameEn: 'delegation.nameEn',
    organisationId: 'person.field.organisation',
    city: 'organisation.field.city',
    country: 'organisation.field.country',
    headId: 'delegation.head',
    memberIds: 'delegation.members',
  },
  person: {
    honorific: 'person.field.honorific',
    title: 'person.field.title',
    gender: 'person.field.gender',
    nameAr: 'person.field.nameAr',
    nameEn: 'person.field.nameEn',
    positionAr: 'person.field.positionAr',
    positionEn: 'person.field.positionEn',
    organisationId: 'person.field.organisation',
    country: 'person.field.country',
    email: 'person.field.email',
    mobile: 'person.field.mobile',
    bioAr: 'person.field.bioAr',
    bioEn: 'person.field.bioEn',
    photo: 'person.field.photo',
  },
  organisation: {
    nameAr: 'organisation.field.nameAr',
    nameEn: 'organisation.field.nameEn',
    kind: 'organisation.field.kind',
    country: 'organisation.field.country',
    city: 'organisation.field.city',
  },
};

/** The moment of a revision as the user reads it: the clock today, the day and the clock before. */
function when(revision: string, fmt: Formatters): string {
  const at = new Date(revision);
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const clock = fmt.clock(at.getHours() * 60 + at.getMinutes());
  return day(at) === day(new Date()) ? clock : `${fmt.dayBoth(day(at))[0]} ${clock}`;
}

/**
 * The sentence for a refused save: which record, which of its fields the
 * other window changed, and when; `newer` undefined means it was deleted.
 */
export function staleEditMessage(
  t: TFunction,
  fmt: Formatters,
  edit: {
    kind: EditedRecordKind;
    name: string;
    base: object;
    newer: ({ updatedAt: string } & object) | undefined;
  },
): string {
  const name = edit.name || t('history.unnamed');
  if (!edit.newer) return t('errors.staleDeleted', { name });
  const labels = FIELD_LABELS[edit.kind];
  const fields = changedFields(edit.base, edit.newer)
    .map((field) => labels[field])
    .filter((key): key is string => key !== undefined)
    .map((key) => t(key));
  return t(fields.length > 0 ? 'errors.staleChanged' : 'errors.staleChangedNoFields', {
    name,
    when: when(edit.newer.updatedAt, fmt),
    fields: fields.join(t('errors.staleFieldSeparator')),
  });
}

/** What `staleAware` answers in place of a save refused as made from an older copy. */
export const STALE = Symbol('stale');

/**
 * The save with a stale refusal turned into STALE rather than an error, so
 * the caller (through data-context's `change`) fetches and shows the newer
 * version and says what changed, instead of a bare "clashes" toast.
 */
export function staleAware<T>(call: () => Promise<T>): () => Promise<T | typeof STALE> {
  return async () => {
    try {
      return await call();
    } catch (error) {
      if (isStaleEdit(error)) return STALE;
      throw error;
    }
  };
}
