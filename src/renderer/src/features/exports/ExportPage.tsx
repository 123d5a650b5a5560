import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_KINDS,
  type ExportKind,
  type ExportOptions,
  exportOptionsSchema,
} from '../../../../shared/domain/export';
import type { PreflightResult } from '../../../../shared/domain/export-preflight';
import type { Forum } from '../../../../shared/domain/forum';
import { PROGRAMME_WIDE_KINDS } from '../../../../shared/domain/programme';
import { useApp } from '../../app/app-context';
import { FileName } from '../../components/FileName';
import { Tabs } from '../../components/Tabs';
import { ApiError, api, isDesktop } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useProgramme } from '../../lib/use-programme';
import { useSaveFile } from '../../lib/use-save-file';
import { ExportOptionsForm } from './ExportOptionsForm';
import { PreflightDialog } from './PreflightDialog';
import { useExportJob } from './use-export-job';
import './exports.css';

/** Events whose minutes and decisions follow-up can be printed: a body's sittings. */
const COUNCIL_EXPORT_KINDS: ReadonlySet<Forum['kind']> = new Set(['council_session', 'periodic_meeting']);

/** The last options used for each kind, so the next export starts from them. */
const STORAGE_KEY = 'multaqa.exportOptions';

function rememberedOptions(): Record<ExportKind, ExportOptions> {
  const options: Record<ExportKind, ExportOptions> = { ...DEFAULT_EXPORT_OPTIONS };
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    for (const kind of EXPORT_KINDS) {
      // Options saved by an older version may no longer fit the schema: those start from the defaults.
      const parsed = exportOptionsSchema.safeParse(stored[kind]);
      if (parsed.success && parsed.data.kind === kind) options[kind] = parsed.data;
    }
  } catch {
    // Unreadable storage: the defaults.
  }
  return options;
}

/**
 * Print and export (طباعة وتصدير): the Word programme, the Excel attendee
 * lists, badges, table name cards and certificates, and the forum file for
 * handover (.multaqa) that a colleague imports on their machine, each with
 * its options.
 * An export runs in the background with a progress bar and a Cancel button;
 * when it is done the file is in the exports folder, with Open and Show in
 * folder (and, in browser mode, a download of the same file).
 */
export function ExportPage(props: { forum: Forum; onBack(): void }) {
  const { t } = useTranslation();
  const { settings, info, fmt } = useApp();
  const { forum } = props;
  const { view: programme } = useProgramme(forum.id);
  const [kind, setKind] = useState<ExportKind>('programme');
  const [options, setOptions] = useState(rememberedOptions);
  const job = useExportJob(forum.id);
  const [actionError, setActionError] = useState<unknown>(null);
  /** The pre-flight's findings for the export about to start, while the coordinator fixes them or decides. */
  const [preflight, setPreflight] = useState<{ options: ExportOptions; result: PreflightResult } | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(options));
    } catch {
      // A full or disabled storage only loses the remembered choices.
    }
  }, [options]);

  const saveFile = useSaveFile();
  const download = async (jobId: string) => {
    const file = await api['exports.download']({ jobId });
    saveFile(file.fileName, file.base64);
  };
  const act = async (run: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await run();
    } catch (error) {
      setActionError(error);
    }
  };
  // Sessions a certificate can be for: not the breaks and the registration desk, which concern everyone.
  const sessions = (programme?.sessions ?? []).filter((s) => !PROGRAMME_WIDE_KINDS.has(s.kind));
  const delegations = programme?.delegations ?? [];
  const outgoing = delegations.filter((d) => d.direction === 'outgoing');
  const incoming = delegations.filter((d) => d.direction === 'incoming');
  /**
   * The options to send: a remembered workshop of another forum is not this forum's, so the whole forum
   * instead; a remembered delegation of another forum neither, so this forum's first outgoing one (a briefing)
   * or every incoming one (the reception schedule).
   */
  const toSend = (chosen: ExportOptions): ExportOptions => {
    if (
      (chosen.kind === 'certificates' || chosen.kind === 'itinerary' || chosen.kind === 'movementSheet') &&
      chosen.sessionId &&
      !sessions.some((s) => s.id === chosen.sessionId)
    )
      return { ...chosen, sessionId: null };
    if (chosen.kind === 'programme' && chosen.delegationId && !delegations.some((d) => d.id === chosen.delegationId))
      return { ...chosen, delegationId: null };
    if (chosen.kind === 'briefing' && !outgoing.some((d) => d.id === chosen.delegationId))
      return { ...chosen, delegationId: outgoing[0]?.id ?? null };
    if (chosen.kind === 'reception' && chosen.delegationId && !incoming.some((d) => d.id === chosen.delegationId))
      return { ...chosen, delegationId: null };
    return chosen;
  };
  // The visit's papers are offered where there is a field visit to print them for.
  const hasVisits = forum.kind === 'official_visit' || sessions.some((s) => s.kind === 'field_visit');
  /**
   * Which papers this forum has something for: minutes for a body's sittings, delegation papers for
   * delegations, a visit's papers for field visits.
   */
  const offered = (k: ExportKind) => {
    if (k === 'minutes' || k === 'decisions') return COUNCIL_EXPORT_KINDS.has(forum.kind);
    if (k === 'briefing') return outgoing.length > 0;
    if (k === 'reception') return incoming.length > 0;
    if (k === 'itinerary' || k === 'movementSheet') return hasVisits;
    return true;
  };
  /** Every export is checked first: it starts at once when nothing is wrong, else the findings are shown. */
  const checkThenStart = async (chosen: ExportOptions) => {
    if (checking || job.busy) return;
    setActionError(null);
    setChecking(true);
    try {
      const result = await api['exports.preflight']({ forumId: forum.id, options: chosen });
      if (result.findings.length === 0 && result.more === 0) await job.start(chosen);
      else setPreflight({ options: chosen, result });
    } catch (error) {
      setActionError(error);
    } finally {
      setChecking(false);
    }
  };
  const status = job.status;
  const percent = status && status.total > 0 ? Math.round((100 * status.done) / status.total) : 0;

  return (
    <main className="page exports" aria-busy={job.busy}>
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1>
          {t('exports.title')} — {forumTitle(forum, settings.language)}
        </h1>
      </div>
      <Tabs
        tabs={EXPORT_KINDS.filter(offered)}
        current={kind}
        label={(k) => t(`exports.kind.${k}`)}
        onChange={(next) => {
          setKind(next);
          setActionError(null);
          job.clear();
        }}
      />
      <section className="export-panel" aria-labelledby="export-kind-title">
        <h2 id="export-kind-title">{t(`exports.kind.${kind}`)}</h2>
        <p className="muted">{t(`exports.about.${kind}`)}</p>
        <form
          className="export-options"
          onSubmit={(event) => {
            event.preventDefault();
            void checkThenStart(toSend(options[kind]));
          }}
        >
          <ExportOptionsForm
            forumId={forum.id}
            options={toSend(options[kind])}
            sessions={sessions}
            delegations={delegations}
            onChange={(next) => setOptions((all) => ({ ...all, [next.kind]: next }))}
          />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={job.busy || checking} data-testid="export-start">
              {checking ? t('exports.preflight.checking') : t('exports.start')}
            </button>
            <span className="muted">
              {t('exports.folder')}{' '}
              <bdi dir="ltr" className="path">
                {info.exportsDir}
              </bdi>
            </span>
          </div>
        </form>
      </section>

      <section className="export-status" aria-live="polite" data-testid="export-status">
        {status?.state === 'running' && (
          <div className="export-running">
            <progress max={100} value={percent} aria-label={t('exports.progress')} />
            <span>{t('exports.running', { done: fmt.number(status.done), total: fmt.number(status.total) })}</span>
            <button type="button" className="button small" onClick={() => void job.cancel()}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {status?.state === 'done' && status.fileName && (
          <div className="export-done">
            <p>
              {t('exports.done')} <FileName name={status.fileName} />
            </p>
            <div className="form-actions">
              {/* A forum file is for a colleague's machine: nothing here opens it, its folder is what matters. */}
              {kind !== 'handover' && (
                <button
                  type="button"
                  className="button primary"
                  data-testid="export-open"
                  // In a browser the server's machine may have no screen to open it on: the file comes down instead.
                  onClick={() =>
                    void act(() =>
                      isDesktop ? api['exports.reveal']({ jobId: status.jobId, how: 'open' }) : download(status.jobId),
                    )
                  }
                >
                  {t('exports.open')}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => void act(() => api['exports.reveal']({ jobId: status.jobId, how: 'folder' }))}
              >
                {t('exports.showInFolder')}
              </button>
              {!isDesktop && (
                <button
                  type="button"
                  className="button"
                  data-testid="export-download"
                  onClick={() => void act(() => download(status.jobId))}
                >
                  {t('exports.download')}
                </button>
              )}
            </div>
          </div>
        )}
        {status?.state === 'cancelled' && <p>{t('exports.cancelled')}</p>}
        {status?.state === 'failed' && status.error && (
          <p className="field-error" role="alert">
            {t('exports.failed')} {describeError(new ApiError(status.error), t)}
          </p>
        )}
        {(job.error ?? actionError) !== null && (
          <p className="field-error" role="alert">
            {describeError(job.error ?? actionError, t)}
          </p>
        )}
      </section>
      {preflight && (
        <PreflightDialog
          forumId={forum.id}
          result={preflight.result}
          recheck={() => api['exports.preflight']({ forumId: forum.id, options: preflight.options })}
          onExport={() => {
            const chosen = preflight.options;
            setPreflight(null);
            void job.start(chosen);
          }}
          onCancel={() => setPreflight(null)}
        />
      )}
    </main>
  );
}
