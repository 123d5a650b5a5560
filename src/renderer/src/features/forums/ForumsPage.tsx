import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import { todayIso } from '../../../../shared/calendar/hijri';
import { FORUM_KINDS, FORUM_STATUSES, type Forum } from '../../../../shared/domain/forum';
import { type ForumFilter, filterForums, orderForHome } from '../../../../shared/domain/forum-order';
import { useApp } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useSafetyUndo } from '../../lib/use-safety-undo';
import { ForumCard } from './ForumCard';
import { HandoverDialog } from './HandoverDialog';

/** The home screen: every forum, the next one first, with search and filters. */
export function ForumsPage(props: {
  forums: Forum[];
  reload(): Promise<void>;
  onNew(): void;
  onEdit(id: string): void;
  onOpen(id: string): void;
  onRegistrations(id: string): void;
  onCheckIn(id: string): void;
  onExports(id: string): void;
  onCouncil(id: string): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const [filter, setFilter] = useState<ForumFilter>({ query: '', kind: 'all', status: 'all' });
  const [toDelete, setToDelete] = useState<Forum | null>(null);
  const [handover, setHandover] = useState(false);
  const { reloadAll, undoAction } = useSafetyUndo();
  const { upcoming, past } = useMemo(
    () => orderForHome(filterForums(props.forums, filter), todayIso()),
    [props.forums, filter],
  );
  const titleOf = (f: Pick<Forum, 'titleAr' | 'titleEn'>) => forumTitle(f, settings.language) || t('forums.untitled');

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    }
  };

  const duplicate = (forum: Forum) =>
    run(async () => {
      const copy = await api['forums.duplicate']({ id: forum.id });
      await props.reload();
      notify({ message: t('forum.duplicated', { title: titleOf(copy) }) });
    });

  const confirmDelete = (forum: Forum) =>
    run(async () => {
      setToDelete(null);
      await api['forums.delete']({ id: forum.id });
      await props.reload();
      notify({
        message: t('forum.deleted', { title: titleOf(forum) }),
        action: {
          label: t('common.undo'),
          run: () =>
            run(async () => {
              await api['forums.restore']({ id: forum.id });
              await props.reload();
              notify({ message: t('forum.restored', { title: titleOf(forum) }) });
            }),
        },
      });
    });

  const section = (key: 'upcoming' | 'past', list: Forum[]) =>
    list.length > 0 && (
      <section aria-labelledby={`section-${key}`}>
        <h2 id={`section-${key}`} className="section-title">
          {t(`forums.${key}`)}
        </h2>
        <div className="card-grid">
          {list.map((forum) => (
            <ForumCard
              key={forum.id}
              forum={forum}
              onEdit={() => props.onEdit(forum.id)}
              onOpen={() => props.onOpen(forum.id)}
              onRegistrations={() => props.onRegistrations(forum.id)}
              onCheckIn={() => props.onCheckIn(forum.id)}
              onExports={() => props.onExports(forum.id)}
              onCouncil={() => props.onCouncil(forum.id)}
              onDuplicate={() => void duplicate(forum)}
              onDelete={() => setToDelete(forum)}
            />
          ))}
        </div>
      </section>
    );

  const shown = upcoming.length + past.length;
  return (
    <main className="page">
      <div className="page-head">
        <h1>
          {t('forums.title')}{' '}
          <span className="muted count">
            {t('forums.count', { count: props.forums.length, number: fmt.number(props.forums.length) })}
          </span>
        </h1>
        <button type="button" className="button" onClick={() => setHandover(true)} data-testid="handover-import">
          {t('handover.importButton')}
        </button>
        <button type="button" id="forum-new" className="button primary" onClick={props.onNew}>
          + {t('forums.new')}
        </button>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={t('forums.search')}
          aria-label={t('forums.search')}
          value={filter.query}
          onChange={(e) => setFilter({ ...filter, query: e.target.value })}
        />
        <select
          aria-label={t('forum.field.kind')}
          value={filter.kind}
          onChange={(e) => setFilter({ ...filter, kind: e.target.value as ForumFilter['kind'] })}
        >
          <option value="all">{t('forums.allKinds')}</option>
          {FORUM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`forum.kind.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('forum.field.status')}
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.target.value as ForumFilter['status'] })}
        >
          <option value="all">{t('forums.allStatuses')}</option>
          {FORUM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`forum.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {props.forums.length === 0 ? (
        <p className="empty">{t('forums.empty')}</p>
      ) : shown === 0 ? (
        <p className="empty">{t('forums.noMatch')}</p>
      ) : (
        <>
          {section('upcoming', upcoming)}
          {section('past', past)}
        </>
      )}
      {toDelete && (
        <ConfirmDialog
          title={t('forum.deleteConfirm.title')}
          body={t('forum.deleteConfirm.body', { title: titleOf(toDelete) })}
          confirmLabel={t('forum.deleteConfirm.confirm')}
          danger
          onConfirm={() => void confirmDelete(toDelete)}
          onCancel={() => setToDelete(null)}
        />
      )}
      {handover && (
        <HandoverDialog
          onClose={() => setHandover(false)}
          onImported={(result, preview, mode) => {
            setHandover(false);
            void run(async () => {
              await reloadAll();
              const title = titleOf(preview.forum);
              notify({
                message: t(mode === 'merge' ? 'handover.merged' : 'handover.imported', { title }),
                action: undoAction(result.safetyBackup, t('handover.undone')),
              });
            });
          }}
        />
      )}
    </main>
  );
}
