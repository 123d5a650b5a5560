import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilView } from '../../../../shared/domain/council';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ApiError, api } from '../../lib/api';
import { describeError } from '../../lib/errors';

/**
 * One council session as core last answered it. Every change answers with
 * the whole council, so the page has one source of truth; an undo or redo
 * that touched this forum (or the previous session, whose decisions the
 * follow-up shows) reloads it.
 */
export function useCouncil(forumId: string) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { refreshHistory, subscribe } = useData();
  const [view, setView] = useState<CouncilView | null>(null);

  const reload = useCallback(async () => {
    try {
      setView(await api['council.get']({ forumId }));
    } catch (error) {
      notify({ message: councilError(error, t), tone: 'error' });
    }
  }, [forumId, notify, t]);

  useEffect(() => {
    void reload();
    return subscribe(() => void reload());
  }, [reload, subscribe]);

  /** Runs a council change; the answer replaces the view. Returns whether it succeeded. */
  const apply = useCallback(
    async (call: () => Promise<CouncilView>, reloadAfter = false) => {
      try {
        const next = await call();
        setView(reloadAfter ? await api['council.get']({ forumId }) : next);
        await refreshHistory();
        return true;
      } catch (error) {
        notify({ message: councilError(error, t), tone: 'error' });
        if (error instanceof ApiError && error.code === 'conflict') void reload();
        await refreshHistory().catch(() => {});
        return false;
      }
    },
    [forumId, notify, t, refreshHistory, reload],
  );

  return { view, apply, reload };
}

/** The sentence core named for a refusal (errors.council.*, errors.*), else the code's. */
export function councilError(error: unknown, t: TFunction): string {
  const reason = error instanceof ApiError ? error.issues[0]?.message : undefined;
  if (reason?.startsWith('errors.')) return t(reason, { defaultValue: describeError(error, t) });
  return describeError(error, t);
}
