import { AppError } from '../shared/errors';

/**
 * Core's half of the revision rule (see shared/domain/revision): the check
 * every save of an existing record makes, and the stamp it then gives.
 */

/**
 * Refuses a save made from an older revision of `current`. `expected`
 * undefined means the caller did not say (core's own changes); a new record
 * (`current` undefined) has nothing to be stale against. The message
 * is the i18n key the window shows; `path` points at the record in the request.
 */
export function refuseIfStale(
  current: { updatedAt: string } | undefined,
  expected: string | undefined,
  what: { name: string; path: (string | number)[]; messageKey?: string },
): void {
  if (!current || expected === undefined || current.updatedAt === expected) return;
  throw new AppError(
    'conflict',
    `${what.name} was changed at ${current.updatedAt}, after this copy was read (${expected}); nothing was saved.`,
    [{ path: what.path, message: what.messageKey ?? 'errors.staleRecord' }],
  );
}

/**
 * The revision a save gives: now, or a millisecond after the record's last
 * one when the clock has not moved on (two saves in one millisecond, a clock
 * set back), so two versions of a record never share a revision.
 */
export function nextRevision(now: Date, previous?: string): string {
  const at = now.getTime();
  const after = previous === undefined ? Number.NEGATIVE_INFINITY : Date.parse(previous) + 1;
  return new Date(Math.max(at, after)).toISOString();
}
