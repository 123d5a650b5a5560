import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { type Formatters, makeFormatters } from '../../../shared/calendar/formatters';
import type { AppInfo } from '../../../shared/contract';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { changeLanguage } from '../i18n';
import { api } from '../lib/api';

export interface Toast {
  message: string;
  /** e.g. Undo; also bound to Ctrl+Z while the toast shows. */
  action?: { label: string; run: () => void | Promise<void> };
  tone?: 'info' | 'error';
}

interface AppContextValue {
  settings: Settings;
  info: AppInfo;
  fmt: Formatters;
  updateSettings(patch: SettingsPatch): Promise<void>;
  /** After the store was replaced under the app (a backup restored): the settings as they are now. */
  reloadSettings(): Promise<void>;
  toast: Toast | null;
  notify(toast: Toast | null): void;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider(props: { initialSettings: Settings; info: AppInfo; children: ReactNode }) {
  const [settings, setSettings] = useState(props.initialSettings);
  const [toast, setToast] = useState<Toast | null>(null);

  // Optimistic: the choice shows at once. Two choices made quickly are saved one after the other, and
  // the first answer (which has not heard of the second choice) must not take the second back on screen:
  // only the answer to the latest choice is shown. If saving fails, the settings are read again as core
  // has them, and the caller reports why.
  const latestUpdate = useRef(0);
  const updateSettings = useCallback(async (patch: SettingsPatch) => {
    const update = ++latestUpdate.current;
    let previous: Settings | undefined;
    setSettings((current) => {
      previous = current;
      return { ...current, ...patch };
    });
    try {
      const next = await api['settings.update'](patch);
      if (patch.language) await changeLanguage(next.language);
      if (update === latestUpdate.current) setSettings(next);
    } catch (error) {
      if (update === latestUpdate.current) {
        const asSaved = await api['settings.get']().catch(() => previous);
        if (asSaved) setSettings(asSaved);
      }
      throw error;
    }
  }, []);

  const reloadSettings = useCallback(async () => {
    const next = await api['settings.get']();
    await changeLanguage(next.language);
    setSettings(next);
  }, []);

  const value = useMemo<AppContextValue>(
    () => ({
      settings,
      info: props.info,
      fmt: makeFormatters(settings),
      updateSettings,
      reloadSettings,
      toast,
      notify: setToast,
    }),
    [settings, props.info, updateSettings, reloadSettings, toast],
  );
  return <AppContext.Provider value={value}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}
