import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../shared/domain/backup';
import { type Toast, useApp } from '../app/app-context';
import { useData } from '../app/data-context';
import { api } from './api';
import { describeError } from './errors';

/**
 * After a step that replaced data (a restore, a handover import): reload
 * what the app holds (forums, the directory, the undo state, the settings), and an Undo
 * for the toast that puts back the safety backup core took just before.
 */
export function useSafetyUndo() {
  const { t } = useTranslation();
  const { notify, reloadSettings } = useApp();
  const { refetchAll } = useData();

  // A whole restore brings back the backup's settings (language, digits…) too.
  const reloadAll = useCallback(
    () => Promise.all([refetchAll(), reloadSettings()]).then(() => undefined),
    [refetchAll, reloadSettings],
  );

  /** The toast's action: restore `safety` whole, reload, say `undoneMessage`, then `after` (a list to refresh). */
  const undoAction = useCallback(
    (safety: BackupSummary, undoneMessage: string, after?: () => void): NonNullable<Toast['action']> => ({
      label: t('common.undo'),
      run: async () => {
        try {
          await api['backups.restore']({ id: safety.id });
          await reloadAll();
          notify({ message: undoneMessage });
        } catch (error) {
          notify({ message: describeError(error, t), tone: 'error' });
        }
        after?.();
      },
    }),
    [t, notify, reloadAll],
  );

  return { reloadAll, undoAction };
}
