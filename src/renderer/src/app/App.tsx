import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { ToastBar } from '../components/ToastBar';
import { ForumForm } from '../features/forums/ForumForm';
import { ForumsPage } from '../features/forums/ForumsPage';
import { useForums } from '../features/forums/use-forums';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StoreProblems } from '../features/store-problems/StoreProblems';
import { describeError } from '../lib/errors';
import { useApp } from './app-context';

type View = { name: 'forums' } | { name: 'forum'; id: string | null } | { name: 'settings' };

/** The shell: top bar (sections, language), the data-file problems if any, and the current view. */
export function App(props: { initialProblems: StoreProblem[] }) {
  const { t } = useTranslation();
  const { settings, updateSettings, notify } = useApp();
  const [view, setView] = useState<View>({ name: 'forums' });
  const [problems, setProblems] = useState(props.initialProblems);
  const { forums, error, reload } = useForums();

  useEffect(() => {
    document.title = `${t('app.name')} — ${t(view.name === 'settings' ? 'nav.settings' : 'nav.forums')}`;
  }, [t, view]);

  const toggleLanguage = () =>
    updateSettings({ language: settings.language === 'ar' ? 'en' : 'ar' }).catch((e: unknown) =>
      notify({ message: describeError(e, t), tone: 'error' }),
    );

  const onProblemsChange = (next: StoreProblem[]) => {
    setProblems(next);
    void reload();
  };

  const editing = view.name === 'forum' && view.id ? forums?.find((f) => f.id === view.id) : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.name')}>
          <button
            type="button"
            className={view.name !== 'settings' ? 'nav-item active' : 'nav-item'}
            aria-current={view.name !== 'settings' ? 'page' : undefined}
            onClick={() => setView({ name: 'forums' })}
          >
            {t('nav.forums')}
          </button>
          <button
            type="button"
            className={view.name === 'settings' ? 'nav-item active' : 'nav-item'}
            aria-current={view.name === 'settings' ? 'page' : undefined}
            onClick={() => setView({ name: 'settings' })}
          >
            {t('nav.settings')}
          </button>
        </nav>
        <button
          type="button"
          className="lang-toggle"
          lang={settings.language === 'ar' ? 'en' : 'ar'}
          aria-label={t('app.switchLanguageLabel')}
          onClick={() => void toggleLanguage()}
        >
          {t('app.switchLanguage')}
        </button>
      </header>

      {problems.length > 0 && <StoreProblems problems={problems} onChange={onProblemsChange} />}

      {error !== null && (
        <p className="form-error page" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {forums === null && error === null && <p className="page muted">{t('app.loading')}</p>}
      {forums !== null && view.name === 'forums' && (
        <ForumsPage
          forums={forums}
          reload={reload}
          onNew={() => setView({ name: 'forum', id: null })}
          onEdit={(id) => setView({ name: 'forum', id })}
        />
      )}
      {forums !== null && view.name === 'forum' && (view.id === null || editing) && (
        <ForumForm
          key={view.id ?? 'new'}
          forum={editing ?? null}
          onDone={(saved) => {
            if (saved) void reload();
            setView({ name: 'forums' });
          }}
        />
      )}
      {view.name === 'settings' && <SettingsPage />}
      <ToastBar />
    </div>
  );
}

/** Shown instead of the app when it cannot even reach its core (browser mode without a secret, say). */
export function StartupError(props: { message: string }) {
  return (
    <main className="page startup-error" role="alert">
      <h1>ملتقى — Multaqa</h1>
      <p>{props.message}</p>
    </main>
  );
}
