import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Registration,
  RegistrationBulkPatch,
  RegistrationPatch,
  RegistrationSave,
} from '../../../../shared/domain/registration';
import type { FieldIssue } from '../../../../shared/errors';
import { RegistrationIndex } from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ApiError, api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { channelQuery, queryKeyOf } from '../../lib/queries';
import { registrationIssues } from './registration-text';

/** A save's outcome: the saved registration, the fields core refused (shown at the fields), or null (already reported). */
export type SaveOutcome = { saved: Registration } | { issues: FieldIssue[] } | null;

/**
 * One forum's registrations, all in memory with their search index, as the
 * table and the check-in screen need them. Changes go through data-context's
 * `change` (the top bar's undo follows) and their answers are applied here,
 * so a check-in does not fetch 20,000 rows again; an undo or redo that
 * touched the forum asks again (lib/queries).
 */
export function useRegistrations(forumId: string) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { change, refreshProblems } = useData();
  const client = useQueryClient();
  const key = useMemo(() => queryKeyOf('registrations.list', { forumId }), [forumId]);
  const query = useQuery(channelQuery('registrations.list', { forumId }));
  const list = query.data ?? null;
  const setList = useCallback(
    (next: (current: Registration[]) => Registration[]) =>
      client.setQueryData(key, (current: Registration[] | undefined) => current && next(current)),
    [client, key],
  );
  const reload = useCallback(() => client.refetchQueries({ queryKey: key }), [client, key]);

  useEffect(() => {
    if (query.error) notify({ message: describeError(query.error, t), tone: 'error' });
  }, [query.error, notify, t]);
  // Opening them may have found their file damaged and set it aside: the banner says so now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again each time they have been read
  useEffect(() => {
    if (query.dataUpdatedAt || query.errorUpdatedAt) void refreshProblems().catch(() => {});
  }, [query.dataUpdatedAt, query.errorUpdatedAt]);

  // Indexing 20,000 rows takes about 100 ms: deferred, so the answer to a check-in or an edit
  // shows first. The index may then lag `list` by a render: look registrations up in `list`
  // (by id) before acting on what a search found.
  const indexed = useDeferredValue(list);
  const index = useMemo(() => new RegistrationIndex(indexed ?? []), [indexed]);

  const put = useCallback(
    (next: Registration) =>
      setList((current) => {
        const at = current.findIndex((r) => r.id === next.id);
        return at < 0 ? [...current, next] : current.with(at, next);
      }),
    [setList],
  );

  /** Runs a save of one registration; its answer, the fields refused, or null (already said). */
  const saveWith = useCallback(
    async (call: () => Promise<Registration>): Promise<SaveOutcome> => {
      const refused: { issues?: FieldIssue[]; stale?: boolean } = {};
      const saved = await change(async () => {
        try {
          return await call();
        } catch (error) {
          // Changed meanwhile (checked in at the door, edited in another window): said in a toast, and the
          // newer version is fetched so that the change can be made again on it.
          if (error instanceof ApiError && error.code === 'conflict') refused.stale = true;
          // A field core refused (a mobile it cannot read) belongs under that field, not in a toast.
          else if (error instanceof ApiError && error.issues.length > 0) {
            refused.issues = registrationIssues(error.issues);
            return null;
          }
          throw error;
        }
      });
      if (refused.stale) void reload();
      if (saved) {
        put(saved);
        return { saved };
      }
      return refused.issues ? { issues: refused.issues } : null;
    },
    [change, put, reload],
  );

  /** Adds (no id) or replaces one registration; `checkIn` checks a walk-in in at once. */
  const save = useCallback(
    (registration: RegistrationSave, options: { checkIn?: boolean } = {}) =>
      saveWith(() => api['registrations.save']({ forumId, registration, checkIn: options.checkIn })),
    [forumId, saveWith],
  );

  /** Changes only the fields of `patch` (an edit in place), from the revision it names. */
  const update = useCallback(
    (id: string, patch: RegistrationPatch) => saveWith(() => api['registrations.update']({ forumId, id, patch })),
    [forumId, saveWith],
  );

  /** Deletes; returns whether it was done. */
  const remove = useCallback(
    async (ids: readonly string[]) => {
      const done = await change(() => api['registrations.delete']({ forumId, ids: [...ids] }));
      if (done) {
        const gone = new Set(ids);
        setList((current) => current.filter((r) => !gone.has(r.id)));
      }
      return done !== undefined;
    },
    [change, forumId, setList],
  );

  /** One category or status for many; the answer is a count, so the patch is applied here as core applied it. */
  const bulkUpdate = useCallback(
    async (ids: readonly string[], patch: RegistrationBulkPatch) => {
      const done = await change(() => api['registrations.bulkUpdate']({ forumId, ids: [...ids], patch }));
      if (done) {
        const chosen = new Set(ids);
        setList((current) => current.map((r) => (chosen.has(r.id) ? { ...r, ...patch } : r)));
      }
      return done !== undefined;
    },
    [change, forumId, setList],
  );

  /** Checks in, or (`false`) takes a check-in back; the updated registration, or undefined on failure. */
  const checkIn = useCallback(
    async (id: string, checkedIn: boolean) => {
      const next = await change(() => api['registrations.checkIn']({ forumId, id, checkedIn }));
      if (next) put(next);
      return next;
    },
    [change, forumId, put],
  );

  return { list, index, reload, save, update, remove, bulkUpdate, checkIn };
}

export type Registrations = ReturnType<typeof useRegistrations>;
