import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from '../../../../shared/domain/programme';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';

/**
 * One forum's programme as core last answered it (records and conflicts).
 * Every change answers with the whole programme, so there is one source of
 * truth; an undo or redo elsewhere that touched this forum reloads it.
 */
export function useProgramme(forumId: string) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { change, subscribe } = useData();
  const [view, setView] = useState<ProgrammeView | null>(null);

  const reload = useCallback(async () => {
    try {
      setView(await api['programme.get']({ forumId }));
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    }
  }, [forumId, notify, t]);

  useEffect(() => {
    void reload();
    return subscribe((changed) => {
      if (changed.forumIds.includes(forumId) || changed.directory) void reload();
    });
  }, [forumId, reload, subscribe]);

  /** Runs a programme change; the answer replaces the view. Returns whether it succeeded. */
  const apply = useCallback(
    async (call: () => Promise<ProgrammeView>) => {
      const next = await change(call);
      if (next) setView(next);
      return next !== undefined;
    },
    [change],
  );

  return { view, apply };
}
