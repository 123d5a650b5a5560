import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupList } from '../../../../shared/domain/backup';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';
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
  const [current, setCurrent] = useState<Pick<BackupList, 'folder' | 'chosen'> | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api['backups.list']()
      .then((list) => setCurrent({ folder: list.folder, chosen: list.chosen }))
      .catch((caught: unknown) => setError(describeError(caught, t)));
  }, [t]);

  const setFolder = async (folder: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const list = await api['backups.setFolder']({ folder });
      setCurrent({ folder: list.folder, chosen: list.chosen });
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
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
