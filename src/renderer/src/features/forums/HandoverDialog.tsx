import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import {
  type DirectoryChange,
  HANDOVER_MAX_BYTES,
  type HandoverCommitRequest,
  type HandoverCommitResult,
  type HandoverPreview,
} from '../../../../shared/domain/backup';
import { useApp } from '../../app/app-context';
import { FileChooser, useFileDialog } from '../../components/FileDialog';
import { RadioChoice } from '../../components/RadioChoice';
import { api } from '../../lib/api';
import { dayText, momentLine } from '../../lib/backup-text';
import { describeError } from '../../lib/errors';
import { fileToBase64 } from '../../lib/file-bytes';
import './handover.css';
import { StatusLine } from '../../components/StatusLine';

type Mode = HandoverCommitRequest['mode'];
type Duplicates = HandoverCommitRequest['duplicates'];
type Stage =
  | { name: 'choose'; error: string | null }
  | { name: 'reading'; fileName: string }
  | { name: 'preview'; preview: HandoverPreview; busy: boolean; error: string | null };

const CHANGE_KINDS = ['halls', 'sessions', 'delegations', 'registrations'] as const;

/**
 * Importing a forum file (.multaqa) a colleague exported: choose the file,
 * see what it carries and, when the same forum is already here, choose to
 * merge it in (with what that adds and changes, and the duplicate
 * registrants) or to add it beside as a new forum. Nothing is written
 * before "Import"; core backs up the present state first.
 */
export function HandoverDialog(props: {
  onClose(): void;
  onImported(result: HandoverCommitResult, preview: HandoverPreview, mode: Mode): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const [stage, setStage] = useState<Stage>({ name: 'choose', error: null });
  const [mode, setMode] = useState<Mode>('merge');
  const [duplicates, setDuplicates] = useState<Duplicates>('keepExisting');
  /** Records of the directory whose version in the file the coordinator ticked; none by default. */
  const [takeDirectory, setTakeDirectory] = useState<ReadonlySet<string>>(new Set());
  const handoverId = stage.name === 'preview' ? stage.preview.handoverId : null;
  const lang = settings.language;

  // Core holds the opened file until the dialog lets it go (cancel, another file, or after the import).
  useEffect(() => {
    if (!handoverId) return;
    return () => void api['handover.close']({ handoverId }).catch(() => {});
  }, [handoverId]);

  const open = useCallback(
    async (file: File) => {
      setStage({ name: 'reading', fileName: file.name });
      try {
        const base64 = await fileToBase64(file);
        const preview = await api['handover.open']({ fileName: file.name, base64 });
        setMode(preview.existing ? 'merge' : 'new');
        setDuplicates('keepExisting');
        setTakeDirectory(new Set());
        setStage({ name: 'preview', preview, busy: false, error: null });
      } catch (error) {
        setStage({ name: 'choose', error: describeError(error, t) });
      }
    },
    [t],
  );

  const commit = async () => {
    if (stage.name !== 'preview') return;
    const { preview } = stage;
    const chosen: Mode = preview.existing ? mode : 'new';
    setStage({ name: 'preview', preview, busy: true, error: null });
    try {
      const result = await api['handover.commit']({
        handoverId: preview.handoverId,
        mode: chosen,
        duplicates,
        takeDirectory: [...takeDirectory],
      });
      props.onImported(result, preview, chosen);
    } catch (error) {
      setStage({ name: 'preview', preview, busy: false, error: describeError(error, t) });
    }
  };

  const { dialogProps, chooseRef, take } = useFileDialog({
    choosing: stage.name === 'choose',
    acceptDrop: stage.name !== 'reading',
    maxBytes: HANDOVER_MAX_BYTES,
    tooLarge: t('handover.refused.tooLarge'),
    onFile: (file) => void open(file),
    onRefused: (error) => setStage({ name: 'choose', error }),
  });

  return (
    <dialog
      {...dialogProps}
      className="dialog handover-dialog"
      aria-labelledby="handover-title"
      data-testid="handover-dialog"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="handover-title">{t('handover.title')}</h2>

      {stage.name === 'choose' && (
        <FileChooser
          className="handover-choose"
          accept=".multaqa"
          label={t('handover.choose')}
          error={stage.error}
          chooseRef={chooseRef}
          onPick={take}
          inputTestId="handover-file"
          errorTestId="handover-error"
        >
          <p>{t('handover.intro')}</p>
          <p className="muted">{t('handover.accepted')}</p>
        </FileChooser>
      )}

      {stage.name === 'reading' && <StatusLine inDialog>{t('handover.reading', { file: stage.fileName })}</StatusLine>}

      {stage.name === 'preview' && (
        <div className="handover-body" aria-busy={stage.busy} data-testid="handover-preview">
          <div className="handover-forum">
            <span className="forum-title">
              {forumTitle(stage.preview.forum, lang) || t('backups.preview.untitled')}
            </span>
            {stage.preview.forum.titleAr && stage.preview.forum.titleEn && (
              <bdi className="muted" lang={lang === 'ar' ? 'en' : 'ar'}>
                {lang === 'ar' ? stage.preview.forum.titleEn : stage.preview.forum.titleAr}
              </bdi>
            )}
            <span>
              {t('backups.preview.startDate')}: {dayText(fmt, stage.preview.forum.firstDay)}
            </span>
            <span className="muted">
              {t('handover.exported', {
                when: momentLine(fmt, stage.preview.exportedAt, lang),
                version: stage.preview.appVersion,
              })}{' '}
              · <bdi>{stage.preview.fileName}</bdi>
            </span>
          </div>

          <section aria-labelledby="handover-contents">
            <h3 id="handover-contents">{t('handover.contents')}</h3>
            <p className="counts-line">
              <span>{t('handover.count.sessions', { count: fmt.number(stage.preview.forum.sessions) })}</span>
              <span>{t('handover.count.delegations', { count: fmt.number(stage.preview.forum.delegations) })}</span>
              <span>{t('handover.count.registrations', { count: fmt.number(stage.preview.forum.registrations) })}</span>
              <span>{t('handover.count.people', { count: fmt.number(stage.preview.people) })}</span>
              <span>{t('handover.count.photos', { count: fmt.number(stage.preview.photos) })}</span>
            </p>
            <p className="muted">
              {t('handover.directory', {
                peopleAdded: fmt.number(stage.preview.directory.peopleAdded),
                peopleMatched: fmt.number(stage.preview.directory.peopleMatched),
                organisationsAdded: fmt.number(stage.preview.directory.organisationsAdded),
                organisationsMatched: fmt.number(stage.preview.directory.organisationsMatched),
              })}
            </p>
          </section>

          {stage.preview.existing && (
            <>
              <p className="handover-existing">
                {t('handover.existing', {
                  title: forumTitle(stage.preview.existing, lang) || t('backups.preview.untitled'),
                  sessions: fmt.number(stage.preview.existing.sessions),
                  delegations: fmt.number(stage.preview.existing.delegations),
                  registrations: fmt.number(stage.preview.existing.registrations),
                })}
              </p>
              <RadioChoice<Mode>
                name="handover-mode"
                legend={t('handover.mode.legend')}
                values={['merge', 'new']}
                value={mode}
                label={(v) => t(`handover.mode.${v}`)}
                onChange={setMode}
              />
              {mode === 'new' && <p className="muted">{t('handover.newHint')}</p>}
              {mode === 'merge' && stage.preview.merge && (
                <MergeDetails merge={stage.preview.merge} duplicates={duplicates} onDuplicates={setDuplicates} />
              )}
            </>
          )}

          {stage.preview.directoryChanges.length > 0 && (
            <DirectoryChanges
              changes={stage.preview.directoryChanges}
              taken={takeDirectory}
              onTaken={setTakeDirectory}
            />
          )}

          <p className="muted">{t('handover.safety')}</p>
          {stage.error && (
            <p className="error-box" role="alert" data-testid="handover-error">
              {stage.error}
            </p>
          )}
        </div>
      )}

      <div className="dialog-actions">
        {stage.name === 'preview' && (
          <>
            <button
              type="button"
              className="button primary"
              disabled={stage.busy}
              onClick={() => void commit()}
              data-testid="handover-commit"
            >
              {stage.busy ? t('handover.importing') : t('handover.commit')}
            </button>
            <button
              type="button"
              className="button"
              disabled={stage.busy}
              onClick={() => setStage({ name: 'choose', error: null })}
            >
              {t('handover.another')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          disabled={stage.name === 'preview' && stage.busy}
          onClick={props.onClose}
        >
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

function MergeDetails(props: {
  merge: NonNullable<HandoverPreview['merge']>;
  duplicates: Duplicates;
  onDuplicates(value: Duplicates): void;
}) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { merge } = props;
  const more = merge.duplicateCount - merge.duplicates.length;
  return (
    <section aria-labelledby="handover-changes" data-testid="handover-merge">
      <h3 id="handover-changes">{t('handover.changes.title')}</h3>
      <p>{merge.forum === 'updated' ? t('handover.changes.forumUpdated') : t('handover.changes.forumUnchanged')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('handover.changes.kind')}</th>
            <th scope="col" className="number">
              {t('handover.changes.added')}
            </th>
            <th scope="col" className="number">
              {t('handover.changes.updated')}
            </th>
            <th scope="col" className="number">
              {t('handover.changes.unchanged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {CHANGE_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`handover.changes.${kind}`)}</th>
              <td className="number">{fmt.number(merge[kind].added)}</td>
              <td className="number">{fmt.number(merge[kind].updated)}</td>
              <td className="number">{fmt.number(merge[kind].unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {merge.recoded > 0 && <p>{t('handover.recoded', { count: fmt.number(merge.recoded) })}</p>}
      {merge.duplicateCount > 0 && (
        <>
          <h3>{t('handover.duplicates.title', { count: fmt.number(merge.duplicateCount) })}</h3>
          <p className="muted">{t('handover.duplicates.intro')}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('handover.duplicates.incoming')}</th>
                <th scope="col">{t('handover.duplicates.existing')}</th>
                <th scope="col">{t('handover.duplicates.organisation')}</th>
                <th scope="col">{t('handover.duplicates.matchedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {merge.duplicates.map((d, i) => (
                // The same names may come twice; their place in the list tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the preview's life
                <tr key={i}>
                  <td>
                    <bdi>{d.incomingName}</bdi>
                  </td>
                  <td>
                    <bdi>{d.existingName}</bdi>
                  </td>
                  <td>
                    <bdi>{d.organisation}</bdi>
                  </td>
                  <td>{t(`handover.matchedBy.${d.matchedBy}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="muted">{t('handover.duplicates.more', { count: fmt.number(more) })}</p>}
          <RadioChoice<Duplicates>
            name="handover-duplicates"
            legend={t('handover.duplicates.legend')}
            values={['keepExisting', 'takeIncoming']}
            value={props.duplicates}
            label={(v) => t(`handover.duplicates.${v}`)}
            onChange={props.onDuplicates}
          />
        </>
      )}
    </section>
  );
}

/**
 * People and organisations here whose id the file uses with other details:
 * each shown field by field, and changed only when its box is ticked.
 */
function DirectoryChanges(props: {
  changes: readonly DirectoryChange[];
  taken: ReadonlySet<string>;
  onTaken(taken: ReadonlySet<string>): void;
}) {
  const { t } = useTranslation();
  const { fmt, settings } = useApp();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.taken);
    if (on) next.add(id);
    else next.delete(id);
    props.onTaken(next);
  };
  return (
    <section aria-labelledby="handover-directory-changes" data-testid="handover-directory-changes">
      <h3 id="handover-directory-changes">
        {t('handover.directoryChanges.title', { count: fmt.number(props.changes.length) })}
      </h3>
      <p className="muted">{t('handover.directoryChanges.intro')}</p>
      {props.changes.map((change) => (
        <div key={change.id} className="handover-directory-change">
          <label>
            <input
              type="checkbox"
              checked={props.taken.has(change.id)}
              onChange={(event) => toggle(change.id, event.target.checked)}
            />{' '}
            {t('handover.directoryChanges.take', { name: change.name })}
          </label>
          <p className="muted">
            {t('handover.directoryChanges.dates', {
              here: momentLine(fmt, change.hereUpdatedAt, settings.language),
              incoming: momentLine(fmt, change.incomingUpdatedAt, settings.language),
            })}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('handover.directoryChanges.field')}</th>
                <th scope="col">{t('handover.directoryChanges.here')}</th>
                <th scope="col">{t('handover.directoryChanges.incoming')}</th>
              </tr>
            </thead>
            <tbody>
              {change.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{t(fieldLabelKey(change.kind, f.field))}</th>
                  <td>
                    <bdi>{fieldValue(t, change.kind, f.field, f.here)}</bdi>
                  </td>
                  <td>
                    <bdi>{fieldValue(t, change.kind, f.field, f.incoming)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The form's own label of a directory record's field. */
function fieldLabelKey(kind: DirectoryChange['kind'], field: string): string {
  if (kind === 'organisation') return `organisation.field.${field}`;
  return `person.field.${field === 'organisationId' ? 'organisation' : field}`;
}

/** A field's value as the forms show it: a choice by its name, a photo as a photo, nothing as "(empty)". */
function fieldValue(t: (key: string) => string, kind: DirectoryChange['kind'], field: string, value: string): string {
  if (value === '') return t('handover.directoryChanges.empty');
  if (field === 'photo') return t('handover.directoryChanges.photo');
  if (kind === 'person' && (field === 'honorific' || field === 'title' || field === 'gender')) {
    return t(`person.${field}.${value}`);
  }
  if (kind === 'organisation' && field === 'kind') return t(`organisation.kind.${value}`);
  return value;
}
