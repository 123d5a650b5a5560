import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import ar from '../../../shared/i18n/ar.json';
import en from '../../../shared/i18n/en.json';
import { pageHeading, useLeave } from '../components/form-dialog';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { ToastBar } from '../components/ToastBar';
import { BackupsPage } from '../features/backups/BackupsPage';
import { CouncilPage } from '../features/council/CouncilPage';
import { DeskDoorPage } from '../features/desks/DeskDoorPage';
import { ExportPage } from '../features/exports/ExportPage';
import { ForumForm } from '../features/forums/ForumForm';
import { ForumsPage } from '../features/forums/ForumsPage';
import { useForums } from '../features/forums/use-forums';
import { PeoplePage } from '../features/people/PeoplePage';
import { ProgrammePage } from '../features/programme/ProgrammePage';
import { CheckInPage } from '../features/registrations/CheckInPage';
import { RegistrationsPage } from '../features/registrations/RegistrationsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StoreProblems } from '../features/store-problems/StoreProblems';
import { applyDocumentLanguage } from '../i18n';
import { describeError } from '../lib/errors';
import { useApp } from './app-context';
import { useData } from './data-context';

type View =
  | { name: 'forums' }
  | { name: 'forum'; id: string | null }
  | { name: 'programme'; id: string }
  | { name: 'registrations'; id: string }
  | { name: 'checkin'; id: string }
  | { name: 'desks'; id: string }
  | { name: 'exports'; id: string }
  | { name: 'council'; id: string }
  | { name: 'people' }
  | { name: 'backups' }
  | { name: 'settings' };

/** Top-bar sections; a forum's form, programme, registrations, check-in (and its desks) and exports belong to "Events". */
const SECTIONS = ['forums', 'people', 'backups', 'settings'] as const;
const sectionOf = (view: View) =>
  view.name === 'people' || view.name === 'backups' || view.name === 'settings' ? view.name : 'forums';

/** The shell: top bar (sections, language), the data-file problems if any, and the current view. */
export function App() {
  const { t } = useTranslation();
  const { settings, updateSettings, notify, info } = useApp();
  const [view, setView] = useState<View>({ name: 'forums' });
  const { forums, error, reload } = useForums();
  const { history, undo, redo, labelText, refetch, problems, setProblems } = useData();
  const section = sectionOf(view);
  const leave = useLeave();
  /** Every way to another view passes here, so an open form with unsaved changes asks first. */
  const go = (next: View) => leave(() => setView(next));

  const viewKey = `${view.name}:${'id' in view ? view.id : ''}`;
  // A new view takes away the button that led to it, and the focus would fall to the page's body: a
  // keyboard user would start again from the top bar. The view's heading takes it instead, unless the
  // view has put it somewhere itself (a form's first field, the card that opened a form).
  // Looked at on the next frame, after a form closing has given the focus back to what opened it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once each time the view changes, on purpose
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (focused && focused !== document.body && focused.isConnected) return;
      pageHeading()?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [viewKey]);

  useEffect(() => {
    document.title = `${t('app.name')} — ${t(`nav.${section}`)}`;
  }, [t, section]);

  const toggleLanguage = () =>
    updateSettings({ language: settings.language === 'ar' ? 'en' : 'ar' }).catch((e: unknown) =>
      notify({ message: describeError(e, t), tone: 'error' }),
    );

  // A file put back (or left) changes what the views hold: the forum list, and a forum's registrations.
  const onProblemsChange = (next: StoreProblem[]) => {
    setProblems(next);
    void refetch({ forumIds: forums?.map((f) => f.id) ?? [], directory: true });
  };

  /** The forum the view shows (its form, programme, registrations or check-in). */
  const openForum = 'id' in view && view.id ? forums?.find((f) => f.id === view.id) : undefined;
  const editing = view.name === 'forum' ? openForum : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.name')}>
          {SECTIONS.map((name) => (
            <button
              key={name}
              type="button"
              className={section === name ? 'nav-item active' : 'nav-item'}
              aria-current={section === name ? 'page' : undefined}
              onClick={() => go({ name } as View)}
            >
              {t(`nav.${name}`)}
            </button>
          ))}
        </nav>
        <div className="history-buttons">
          <button
            type="button"
            className="nav-item"
            disabled={!history.undo}
            title={history.undo ? labelText(history.undo) : undefined}
            aria-label={history.undo ? t('history.undoNamed', { what: labelText(history.undo) }) : t('history.undo')}
            onClick={() => void undo()}
          >
            ↶ {t('history.undo')}
          </button>
          <button
            type="button"
            className="nav-item"
            disabled={!history.redo}
            title={history.redo ? labelText(history.redo) : undefined}
            aria-label={history.redo ? t('history.redoNamed', { what: labelText(history.redo) }) : t('history.redo')}
            onClick={() => void redo()}
          >
            ↷ {t('history.redo')}
          </button>
        </div>
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

      {info.readOnly && (
        // Every change is refused while the folder cannot be written: say so before anyone tries.
        <p className="read-only-banner" role="status" data-testid="read-only-banner">
          {t(`app.readOnly.${info.readOnly.reason}`, { folder: `\u2066${info.dataDir}\u2069` })}
        </p>
      )}

      {problems.length > 0 && <StoreProblems problems={problems} onChange={onProblemsChange} />}

      {error !== null && (
        <p className="form-error page" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {forums === null && error === null && <p className="page muted">{t('app.loading')}</p>}
      <PageErrorBoundary key={viewKey} onBack={() => setView({ name: 'forums' })}>
        {forums !== null && view.name === 'forums' && (
          <ForumsPage
            forums={forums}
            reload={reload}
            onNew={() => go({ name: 'forum', id: null })}
            onEdit={(id) => go({ name: 'forum', id })}
            onOpen={(id) => go({ name: 'programme', id })}
            onRegistrations={(id) => go({ name: 'registrations', id })}
            onCheckIn={(id) => go({ name: 'checkin', id })}
            onExports={(id) => go({ name: 'exports', id })}
            onCouncil={(id) => go({ name: 'council', id })}
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
        {view.name === 'programme' && openForum && (
          <ProgrammePage key={openForum.id} forum={openForum} onBack={() => go({ name: 'forums' })} />
        )}
        {view.name === 'registrations' && openForum && (
          <RegistrationsPage
            key={openForum.id}
            forum={openForum}
            onBack={() => go({ name: 'forums' })}
            onCheckIn={() => go({ name: 'checkin', id: openForum.id })}
          />
        )}
        {view.name === 'checkin' && openForum && (
          <CheckInPage
            key={openForum.id}
            forum={openForum}
            onBack={() => go({ name: 'registrations', id: openForum.id })}
            onDesks={() => go({ name: 'desks', id: openForum.id })}
          />
        )}
        {view.name === 'desks' && openForum && (
          <DeskDoorPage key={openForum.id} forum={openForum} onBack={() => go({ name: 'checkin', id: openForum.id })} />
        )}
        {view.name === 'exports' && openForum && (
          <ExportPage key={openForum.id} forum={openForum} onBack={() => go({ name: 'forums' })} />
        )}
        {view.name === 'council' && openForum && forums && (
          <CouncilPage
            key={openForum.id}
            forum={openForum}
            forums={forums}
            onBack={() => go({ name: 'forums' })}
            onOpened={(id) => {
              void reload().then(() => setView({ name: 'council', id }));
            }}
          />
        )}
        {view.name === 'people' && <PeoplePage />}
        {forums !== null && view.name === 'backups' && (
          <BackupsPage forums={forums} onSettings={() => go({ name: 'settings' })} />
        )}
        {view.name === 'settings' && <SettingsPage />}
      </PageErrorBoundary>
      <ToastBar />
    </div>
  );
}

/**
 * Shown instead of the app when it cannot even reach its core (browser mode
 * opened without the link's secret, say). Settings are out of reach too, so it
 * speaks the browser's preferred language, one language at a time, with a
 * button for the other, and says what to do.
 */
export function StartupError(props: { detail: string }) {
  const [lang, setLang] = useState<Language>(() =>
    (navigator.languages ?? [navigator.language]).some((l) => l.toLowerCase().startsWith('ar')) ? 'ar' : 'en',
  );
  useEffect(() => applyDocumentLanguage(lang), [lang]);
  const words = (lang === 'ar' ? ar : en).startup;
  const other: Language = lang === 'ar' ? 'en' : 'ar';
  return (
    <main className="page startup-error" role="alert" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
      <h1>{words.title}</h1>
      <p>{words.why}</p>
      <p>{words.what}</p>
      {props.detail && (
        <p className="muted">
          {words.detail.split('{{detail}}')[0]}
          <bdi>{props.detail}</bdi>
        </p>
      )}
      <button type="button" className="link-button" lang={other} onClick={() => setLang(other)}>
        {(other === 'ar' ? en : ar).startup.other}
      </button>
    </main>
  );
}
