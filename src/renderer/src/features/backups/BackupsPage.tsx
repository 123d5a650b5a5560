import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import type { BackupSummary, ForumContent } from '../../../../shared/domain/backup';
import type { Forum } from '../../../../shared/domain/forum';
import { useApp } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { dayText, formatMoment, formatSize, messageText, momentLine } from '../../lib/backup-text';
import { describeError } from '../../lib/errors';
import './backups.css';
import { StatusLine } from '../../components/StatusLine';
import { useBackupList } from '../../lib/use-backup-list';
import { useSafetyUndo } from '../../lib/use-safety-undo';

type Confirm = { what: 'all' } | { what: 'forum'; forum: ForumContent };

/**
 * The backups (النسخ الاحتياطية): where they go, a backup now, the last
 * automatic one that failed, and every backup newest first. Choosing one
 * shows what it holds, with "Restore everything" and, per forum, "Restore
 * this forum"; core backs up the present state first, and the toast's Undo
 * puts that copy back.
 */
export function BackupsPage(props: { forums: Forum[]; onSettings(): void }) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const { reloadAll, undoAction } = useSafetyUndo();
  const { list, error: loadError, reload: load } = useBackupList();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const lang = settings.language;

  // The newest is shown until another is chosen; a chosen one that is gone falls back to it.
  const selected = list?.backups.find((b) => b.id === selectedId) ?? list?.backups[0] ?? null;
  const when = (iso: string) => momentLine(fmt, iso, lang);
  const titleOf = (f: { titleAr: string; titleEn: string }) => forumTitle(f, lang) || t('backups.preview.untitled');

  const createNow = async () => {
    setBusy('create');
    try {
      const made = await api['backups.create']();
      setSelectedId(made.id);
      await load();
      notify({ message: t('backups.created') });
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: BackupSummary, choice: Confirm) => {
    setConfirm(null);
    setBusy('restore');
    try {
      const forumId = choice.what === 'forum' ? choice.forum.id : undefined;
      const result = await api['backups.restore'](forumId ? { id: backup.id, forumId } : { id: backup.id });
      await Promise.all([reloadAll(), load()]);
      notify({
        message:
          choice.what === 'forum'
            ? t('backups.restoredForum', { title: titleOf(choice.forum), when: when(backup.createdAt) })
            : t('backups.restoredAll', { when: when(backup.createdAt) }),
        action: undoAction(result.safetyBackup, t('backups.undone'), () => void load()),
      });
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const here = new Set(props.forums.map((f) => f.id));

  return (
    <main className="page backups" aria-busy={busy !== null}>
      <div className="page-head">
        <h1>{t('backups.title')}</h1>
        <button
          type="button"
          className="button primary"
          disabled={busy !== null || list === null}
          onClick={() => void createNow()}
          data-testid="backup-now"
        >
          {busy === 'create' ? t('backups.creating') : t('backups.createNow')}
        </button>
      </div>
      <p className="muted backups-intro">{t('backups.intro')}</p>

      {loadError !== null && (
        <p className="form-error" role="alert">
          {describeError(loadError, t)}
        </p>
      )}
      {list === null && loadError === null && <p className="muted">{t('backups.loading')}</p>}

      {list && (
        <>
          <section className="backups-folder" data-testid="backups-folder">
            <span>{t('backups.folder')}</span>{' '}
            <bdi dir="ltr" className="path">
              {list.folder}
            </bdi>{' '}
            <span className="muted">({list.chosen ? t('backups.folderChosen') : t('backups.folderDefault')})</span>
            <button type="button" className="link-button" onClick={props.onSettings}>
              {t('backups.changeFolder')}
            </button>
          </section>

          {list.lastFailure && (
            <div className="backups-warning" role="alert" data-testid="backups-failure">
              <p>{t('backups.lastFailure', { when: when(list.lastFailure.at) })}</p>
              <p className="muted">
                {t('backups.failureReason')} <bdi dir="ltr">{messageText(list.lastFailure.message, t)}</bdi>
              </p>
            </div>
          )}

          {busy === 'restore' && <StatusLine>{t('backups.restoring')}</StatusLine>}

          <div className="backups-layout">
            <section aria-labelledby="backups-list-title">
              <h2 id="backups-list-title" className="section-title">
                {t('backups.listTitle')} <span className="muted count">({fmt.number(list.backups.length)})</span>
              </h2>
              {list.backups.length === 0 && list.unreadable.length === 0 ? (
                <p className="empty">{t('backups.empty')}</p>
              ) : (
                <table className="data-table backups-table" data-testid="backups-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('backups.column.when')}</th>
                      <th scope="col">{t('backups.column.reason')}</th>
                      <th scope="col">{t('backups.column.size')}</th>
                      <th scope="col">{t('backups.column.content')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.backups.map((backup) => (
                      <BackupRow
                        key={backup.id}
                        backup={backup}
                        selected={backup.id === selected?.id}
                        onSelect={() => setSelectedId(backup.id)}
                      />
                    ))}
                    {list.unreadable.map((name) => (
                      <tr key={name} className="unreadable" aria-disabled="true" data-testid="backup-unreadable">
                        <td>
                          <bdi dir="ltr" className="path">
                            {name}
                          </bdi>
                        </td>
                        <td colSpan={3}>{t('backups.unreadable')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            {selected && (
              <section
                className="panel backup-preview"
                aria-labelledby="backup-preview-title"
                data-testid="backup-preview"
              >
                <h2 id="backup-preview-title">{t('backups.preview.title')}</h2>
                <BackupWhen iso={selected.createdAt} />
                <p className="muted">
                  {t('backups.preview.details', {
                    reason: t(`backups.reason.${selected.reason}`),
                    size: formatSize(selected.sizeBytes, fmt, t),
                    version: selected.appVersion,
                  })}
                </p>
                {selected.folder !== list.folder && (
                  <p className="muted">
                    {t('backups.folder')}{' '}
                    <bdi dir="ltr" className="path">
                      {selected.folder}
                    </bdi>
                  </p>
                )}
                <p className="counts-line">
                  <span>{t('backups.preview.people', { count: fmt.number(selected.content.people) })}</span>
                  <span>
                    {t('backups.preview.organisations', { count: fmt.number(selected.content.organisations) })}
                  </span>
                  <span>{t('backups.preview.photos', { count: fmt.number(selected.content.photos) })}</span>
                </p>
                <h3>{t('backups.preview.forums')}</h3>
                {selected.content.forums.length === 0 ? (
                  <p className="muted">{t('backups.preview.noForums')}</p>
                ) : (
                  <ul className="backup-forums">
                    {selected.content.forums.map((forum) => (
                      <li key={forum.id} data-testid="backup-forum">
                        <div className="backup-forum-title">
                          <strong>{titleOf(forum)}</strong>
                          {!here.has(forum.id) && <span className="badge">{t('backups.preview.notHere')}</span>}
                        </div>
                        <div className="muted">
                          {t('backups.preview.startDate')}: {dayText(fmt, forum.firstDay)}
                        </div>
                        <div className="counts-line">
                          <span>
                            {t('backups.preview.sessions')}: {fmt.number(forum.sessions)}
                          </span>
                          <span>
                            {t('backups.preview.delegations')}: {fmt.number(forum.delegations)}
                          </span>
                          <span>
                            {t('backups.preview.registrations')}: {fmt.number(forum.registrations)}
                          </span>
                        </div>
                        <button
                          type="button"
                          className="button small"
                          disabled={busy !== null}
                          aria-label={`${t('backups.restoreForum')}: ${titleOf(forum)}`}
                          onClick={() => setConfirm({ what: 'forum', forum })}
                        >
                          {t('backups.restoreForum')}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="form-actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={busy !== null}
                    onClick={() => setConfirm({ what: 'all' })}
                  >
                    {t('backups.restoreAll')}
                  </button>
                </div>
              </section>
            )}
          </div>
        </>
      )}

      {confirm && selected && (
        <ConfirmDialog
          title={t(confirm.what === 'all' ? 'backups.confirmAll.title' : 'backups.confirmForum.title')}
          body={
            confirm.what === 'all'
              ? t('backups.confirmAll.body', { when: when(selected.createdAt) })
              : t('backups.confirmForum.body', { title: titleOf(confirm.forum), when: when(selected.createdAt) })
          }
          confirmLabel={t(confirm.what === 'all' ? 'backups.confirmAll.confirm' : 'backups.confirmForum.confirm')}
          onConfirm={() => void restore(selected, confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </main>
  );
}

/** A backup's moment: the user's first calendar with the time, the other calendar under it. */
function BackupWhen(props: { iso: string }) {
  const { fmt } = useApp();
  const { first, second, clock } = formatMoment(fmt, props.iso);
  return (
    <span className="backup-when">
      <span>
        {first} · <bdi>{clock}</bdi>
      </span>
      <span className="muted">{second}</span>
    </span>
  );
}

function BackupRow(props: { backup: BackupSummary; selected: boolean; onSelect(): void }) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { backup } = props;
  const registrations = backup.content.forums.reduce((sum, f) => sum + f.registrations, 0);
  return (
    <tr className={props.selected ? 'selected' : undefined} onClick={props.onSelect} data-testid="backup-row">
      <td>
        <button
          type="button"
          className="backup-pick"
          aria-pressed={props.selected}
          title={t('backups.show')}
          onClick={(event) => {
            event.stopPropagation();
            props.onSelect();
          }}
        >
          <BackupWhen iso={backup.createdAt} />
        </button>
      </td>
      <td>{t(`backups.reason.${backup.reason}`)}</td>
      <td className="nowrap">{formatSize(backup.sizeBytes, fmt, t)}</td>
      <td>
        {t('backups.holds', {
          forums: fmt.number(backup.content.forums.length),
          registrations: fmt.number(registrations),
          people: fmt.number(backup.content.people),
        })}
      </td>
    </tr>
  );
}
