import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useBackupList } from '../../lib/use-backup-list';
import './settings.css';

/**
 * The settings' "Backups folder" row: where backups go now, a box for the
 * absolute path of another folder (a USB stick, a network share) that core
 * checks it can write before taking it, and the way back to the data folder.
 */
export function BackupsFolderSetting() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const inputId = useId();
  const { list: current, error: loadError, put } = useBackupList();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  // What was refused last; else why the folder could not be read.
  const shown = error ?? (loadError ? describeError(loadError, t) : null);
  const [busy, setBusy] = useState(false);

  const setFolder = async (folder: string | null) => {
    setBusy(true);
    setError(null);
    try {
      put(await api['backups.setFolder']({ folder }));
      setTyped('');
      notify({ message: t(folder === null ? 'settings.folderReset' : 'settings.folderSet') });
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="backups-folder-setting" data-testid="backups-folder-setting">
      <h2>{t('settings.backupsFolder')}</h2>
      {current && (
        <p>
          <bdi dir="ltr" className="path" data-testid="backups-folder-current">
            {current.folder}
          </bdi>{' '}
          <span className="muted">
            ({current.chosen ? t('settings.backupsFolderChosen') : t('settings.backupsFolderDefault')})
          </span>
        </p>
      )}
      <form
        className="folder-input"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) void setFolder(typed.trim());
        }}
      >
        <label className="field" htmlFor={inputId}>
          <span>{t('settings.backupsFolderNew')}</span>
          <input
            id={inputId}
            type="text"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            value={typed}
            aria-invalid={error !== null}
            aria-describedby={`${inputId}-hint`}
            onChange={(event) => {
              setTyped(event.target.value);
              setError(null);
            }}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy || typed.trim() === ''}>
          {t('settings.useFolder')}
        </button>
        {current?.chosen && (
          <button type="button" className="button" disabled={busy} onClick={() => void setFolder(null)}>
            {t('settings.resetFolder')}
          </button>
        )}
      </form>
      <p id={`${inputId}-hint`} className="muted">
        {t('settings.backupsFolderHint')}
      </p>
      {shown && (
        <p className="form-error" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
