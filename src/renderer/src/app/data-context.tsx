import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryLabel, HistoryState } from '../../../shared/domain/history';
import type { Directory, Organisation, Person } from '../../../shared/domain/person';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { ApiError, api } from '../lib/api';
import { describeError } from '../lib/errors';
import { behindModal, hasOwnUndo } from '../lib/own-undo';
import { type Changed, channelQuery, queryKeyOf, refetchChanged } from '../lib/queries';
import { useApp } from './app-context';

interface DataContextValue {
  directory: Directory;
  people: ReadonlyMap<string, Person>;
  organisations: ReadonlyMap<string, Organisation>;
  history: HistoryState;
  /** After a change made outside `change` (a form with its own error handling). */
  refreshHistory(): Promise<void>;
  /**
   * Runs one change through the API: on success the undo state is refreshed
   * (and the directory reloaded when `directory` is set); on failure the
   * error is shown and `undefined` returned, so callers only handle success.
   */
  change<T>(call: () => Promise<T>, options?: { directory?: boolean }): Promise<T | undefined>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Asks core again for what the screens hold of `changed` (a file's last good copy put back). */
  refetch(changed: Changed): Promise<void>;
  /** Asks core again for everything the screens hold (after a restore or a handover import replaced data). */
  refetchAll(): Promise<void>;
  /** Data files set aside (the banner at the top of every screen), as core last said. */
  problems: StoreProblem[];
  setProblems(problems: StoreProblem[]): void;
  /**
   * Asks core again: a forum's registrations are opened when first shown, and
   * a damaged file found then must reach the screen at once (the check-in
   * screen included), not at the next start.
   */
  refreshProblems(): Promise<void>;
  /** The words for an undoable change: "Move session “Opening ceremony”". */
  labelText(label: HistoryLabel): string;
}

const DataContext = createContext<DataContextValue | null>(null);
const EMPTY_HISTORY: HistoryState = { undo: null, redo: null, undoDepth: 0 };
const EMPTY_DIRECTORY: Directory = { people: [], organisations: [] };

export function DataProvider(props: { initialProblems: StoreProblem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { settings, fmt, notify, toast } = useApp();
  const client = useQueryClient();
  const directoryQuery = useQuery(channelQuery('directory.get'));
  const directory = directoryQuery.data ?? EMPTY_DIRECTORY;
  const historyQuery = useQuery(channelQuery('history.state'));
  const history = historyQuery.data ?? EMPTY_HISTORY;
  const problems =
    useQuery({ ...channelQuery('app.storeProblems'), initialData: props.initialProblems }).data ??
    props.initialProblems;
  const setProblems = useCallback(
    (next: StoreProblem[]) => {
      client.setQueryData(queryKeyOf('app.storeProblems'), next);
    },
    [client],
  );
  const refreshProblems = useCallback(
    () => client.refetchQueries({ queryKey: queryKeyOf('app.storeProblems') }),
    [client],
  );
  const refreshHistory = useCallback(() => client.refetchQueries({ queryKey: queryKeyOf('history.state') }), [client]);
  const refetch = useCallback((changed: Changed) => refetchChanged(client, changed), [client]);
  const refetchAll = useCallback(() => client.invalidateQueries(), [client]);

  const loadError = directoryQuery.error ?? historyQuery.error;
  useEffect(() => {
    if (loadError) notify({ message: describeError(loadError, t), tone: 'error' });
  }, [loadError, notify, t]);

  const change = useCallback(
    async <T,>(call: () => Promise<T>, options: { directory?: boolean } = {}) => {
      try {
        const result = await call();
        await Promise.all([
          refreshHistory(),
          options.directory ? client.refetchQueries({ queryKey: queryKeyOf('directory.get') }) : null,
        ]);
        return result;
      } catch (error) {
        notify({ message: describeError(error, t), tone: 'error' });
        await refreshHistory().catch(() => {});
        return undefined;
      }
    },
    [notify, t, refreshHistory, client],
  );

  const labelText = useCallback(
    (label: HistoryLabel) =>
      // Several records at once read as a count ("change 4 sessions"), one by its name.
      t(`history.action.${label.action}${label.count > 1 ? 'Many' : ''}`, {
        // A record saved without a name (in this language or at all) is still named, never «».
        subject:
          (settings.language === 'ar' ? label.subject.ar || label.subject.en : label.subject.en || label.subject.ar) ||
          t('history.unnamed'),
        count: label.count,
        number: fmt.number(label.count),
      }),
    [t, settings.language, fmt],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      // This window's own last change (core keeps an undo per window), named as its button named it.
      const label = direction === 'undo' ? history.undo : history.redo;
      try {
        const result = await api[direction === 'undo' ? 'history.undo' : 'history.redo']();
        client.setQueryData(queryKeyOf('history.state'), result.state);
        await refetch(result);
        notify({
          message: t(direction === 'undo' ? 'history.undone' : 'history.redone', { what: labelText(result.label) }),
        });
      } catch (error) {
        // Another window changed the same record since: refused, named, and nothing changed.
        const clobbered =
          error instanceof ApiError && error.issues.some((i) => i.message === 'errors.undoClobbered') && label;
        notify({
          message: clobbered
            ? t(direction === 'undo' ? 'errors.undoClobbered' : 'errors.redoClobbered', { what: labelText(label) })
            : describeError(error, t),
          tone: 'error',
        });
        await refreshHistory().catch(() => {});
      }
    },
    [notify, t, labelText, client, refetch, refreshHistory, history],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) wherever the focus is, except in a text field, where the field's own
  // undo applies, and in a modal dialog. A toast with its own action (undo a forum's deletion) takes Ctrl+Z first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (hasOwnUndo(event.target) || behindModal(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey && !toast?.action && history.undo) {
        event.preventDefault();
        void undo();
      } else if ((key === 'y' || (key === 'z' && event.shiftKey)) && history.redo) {
        event.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, toast, undo, redo]);

  // Rebuilt when the directory changes, not on every undo-state refresh.
  const people = useMemo(() => new Map(directory.people.map((p) => [p.id, p])), [directory.people]);
  const organisations = useMemo(
    () => new Map(directory.organisations.map((o) => [o.id, o])),
    [directory.organisations],
  );

  const value = useMemo<DataContextValue>(
    () => ({
      directory,
      people,
      organisations,
      history,
      refreshHistory,
      change,
      undo,
      redo,
      refetch,
      refetchAll,
      problems,
      setProblems,
      refreshProblems,
      labelText,
    }),
    [
      directory,
      people,
      organisations,
      history,
      refreshHistory,
      change,
      undo,
      redo,
      refetch,
      refetchAll,
      problems,
      setProblems,
      refreshProblems,
      labelText,
    ],
  );
  return <DataContext.Provider value={value}>{props.children}</DataContext.Provider>;
}

export function useData(): DataContextValue {
  const value = useContext(DataContext);
  if (!value) throw new Error('useData outside DataProvider');
  return value;
}
