import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilView } from '../../../../shared/domain/council';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ApiError, api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { channelQuery, queryKeyOf } from '../../lib/queries';

/**
 * One council session as core last answered it. Every change answers with
 * the whole council, so the page has one source of truth; any undo or redo
 * asks again, since the follow-up shows the previous session's decisions
 * (lib/queries).
 */
export function useCouncil(forumId: string) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { refreshHistory } = useData();
  const client = useQueryClient();
  const query = useQuery(channelQuery('council.get', { forumId }));
  const view = query.data ?? null;
  const key = useMemo(() => queryKeyOf('council.get', { forumId }), [forumId]);
  const reload = useCallback(() => client.refetchQueries({ queryKey: key }), [client, key]);
  useEffect(() => {
    if (query.error) notify({ message: councilError(query.error, t), tone: 'error' });
  }, [query.error, notify, t]);

  /** Runs a council change; the answer replaces the view. Returns whether it succeeded. */
  const apply = useCallback(
    async (call: () => Promise<CouncilView>, reloadAfter = false) => {
      try {
        const next = await call();
        client.setQueryData(key, reloadAfter ? await api['council.get']({ forumId }) : next);
        await refreshHistory();
        return true;
      } catch (error) {
        notify({ message: councilError(error, t), tone: 'error' });
        if (error instanceof ApiError && error.code === 'conflict') void reload();
        await refreshHistory().catch(() => {});
        return false;
      }
    },
    [client, key, forumId, notify, t, refreshHistory, reload],
  );

  return { view, apply, reload };
}

/** The sentence core named for a refusal (errors.council.*, errors.*), else the code's. */
export function councilError(error: unknown, t: TFunction): string {
  const reason = error instanceof ApiError ? error.issues[0]?.message : undefined;
  if (reason?.startsWith('errors.')) return t(reason, { defaultValue: describeError(error, t) });
  return describeError(error, t);
}
