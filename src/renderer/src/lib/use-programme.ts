import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../../shared/calendar/formatters';
import type { Delegation, Hall, ProgrammeView, Session } from '../../../shared/domain/programme';
import type { FieldIssue } from '../../../shared/errors';
import { useApp } from '../app/app-context';
import { useData } from '../app/data-context';
import { ApiError, api } from './api';
import { describeError } from './errors';
import { channelQuery, queryKeyOf } from './queries';
import { isStaleEdit, staleEditMessage } from './stale-edit';

type ProgrammeRecord = Session | Hall | Delegation;

/**
 * The records a programme change was made from, as the window had them;
 * `onNewer` hears the newer programme shown after a refusal (an open editor
 * takes its record's newer version from it).
 */
export type EditedRecords = (
  | { kind: 'session'; bases: readonly Session[] }
  | { kind: 'hall'; bases: readonly Hall[] }
  | { kind: 'delegation'; bases: readonly Delegation[] }
) & {
  onNewer?(newer: ProgrammeView): void;
  /** Fields core refused (a driver's phone it cannot read), for the form to show under them rather than in a toast. */
  onFieldIssues?(issues: readonly FieldIssue[]): void;
};

/** What a programme change sends for a record: its fields and the revision they were edited from. */
export function asSave<T extends { updatedAt?: string }>(
  record: T,
): Omit<T, 'updatedAt'> & { expectedUpdatedAt?: string } {
  const { updatedAt, ...fields } = record;
  return { ...fields, expectedUpdatedAt: updatedAt };
}

function recordName(record: ProgrammeRecord, lang: 'ar' | 'en'): string {
  const [ar, en] = 'titleAr' in record ? [record.titleAr, record.titleEn] : [record.nameAr, record.nameEn];
  return lang === 'ar' ? ar || en : en || ar;
}

/**
 * One forum's programme as core last answered it (records and conflicts).
 * Every change answers with the whole programme, so there is one source of
 * truth; an undo or redo that touched this forum or the directory asks again
 * (lib/queries).
 */
export function useProgramme(forumId: string) {
  const { t } = useTranslation();
  const { notify, fmt, settings } = useApp();
  const { change } = useData();
  const client = useQueryClient();
  const query = useQuery(channelQuery('programme.get', { forumId }));
  const view = query.data ?? null;
  const setView = useCallback(
    (next: ProgrammeView) => client.setQueryData(queryKeyOf('programme.get', { forumId }), next),
    [client, forumId],
  );
  useEffect(() => {
    if (query.error) notify({ message: describeError(query.error, t), tone: 'error' });
  }, [query.error, notify, t]);

  /**
   * Runs a programme change; the answer replaces the view. Returns whether it
   * succeeded. `edited` names the records the change was made from: when core
   * refuses it because one of them was saved meanwhile in another window, the
   * view shows the newer programme and a toast says what changed and when.
   */
  const apply = useCallback(
    async (call: () => Promise<ProgrammeView>, edited?: EditedRecords) => {
      let stale = false;
      const next = await change(async () => {
        try {
          return await call();
        } catch (error) {
          if (edited?.onFieldIssues && error instanceof ApiError && error.code === 'invalid_request') {
            const issues = error.issues.filter((i) => i.message.startsWith('errors.'));
            if (issues.length > 0) {
              edited.onFieldIssues(issues);
              return null;
            }
          }
          if (!edited || !isStaleEdit(error)) throw error;
          stale = true;
          return null;
        }
      });
      if (stale && edited) {
        try {
          const newer = await api['programme.get']({ forumId });
          setView(newer);
          edited.onNewer?.(newer);
          notify({ message: staleMessage(edited, newer, t, fmt, settings.language), tone: 'error' });
        } catch (error) {
          notify({ message: describeError(error, t), tone: 'error' });
        }
        return false;
      }
      if (next) setView(next);
      return next !== undefined && next !== null;
    },
    [change, forumId, notify, t, fmt, settings.language, setView],
  );

  return { view, apply };
}

/** Says which edited record the newer programme holds in another revision (or no longer holds), and what changed. */
function staleMessage(
  edited: EditedRecords,
  newer: ProgrammeView,
  t: TFunction,
  fmt: Formatters,
  lang: 'ar' | 'en',
): string {
  const list: readonly ProgrammeRecord[] =
    edited.kind === 'session' ? newer.sessions : edited.kind === 'hall' ? newer.halls : newer.delegations;
  for (const base of edited.bases) {
    const now = list.find((x) => x.id === base.id);
    if (now && now.updatedAt === base.updatedAt) continue;
    return staleEditMessage(t, fmt, { kind: edited.kind, name: recordName(base, lang), base, newer: now });
  }
  return t('errors.staleRecord');
}
