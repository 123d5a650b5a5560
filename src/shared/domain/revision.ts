import { z } from 'zod';

/**
 * Optimistic concurrency, one rule for every record that can be edited from
 * two windows at once (the office and the door, two tabs): a record's
 * revision is its `updatedAt`, which core makes strictly later at each save.
 * A save says which revision it was made from (`expectedUpdatedAt`); when the
 * record has moved on since, core refuses it and changes nothing, and the
 * window shows the newer version and what changed in it, so the later save
 * of an older copy never silently wins.
 */
export const revisionSchema = z.string().datetime();

/**
 * The revision of a programme record (hall, session, delegation) written
 * before they carried one: the first save gives it a real one.
 */
export const FIRST_REVISION = '1970-01-01T00:00:00.000Z';

/** A stored record's revision; records from older files read as FIRST_REVISION. */
export const storedRevision = revisionSchema.default(FIRST_REVISION);

/** Added to a save request: the revision the edit was made from; absent for a new record. */
export const expectedRevision = { expectedUpdatedAt: revisionSchema.optional() };

/** What only core writes: not "a change someone made". */
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'expectedUpdatedAt']);

/**
 * The fields whose values differ between the copy a window edited and the
 * newer version, in the newer version's order: what another window changed.
 */
export function changedFields(base: object, newer: object): string[] {
  const a = base as Record<string, unknown>;
  const b = newer as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((key) => !BOOKKEEPING.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
