import { type FormEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PREFLIGHT_PROBLEMS,
  type PreflightFinding,
  type PreflightResult,
  type PreflightTarget,
} from '../../../../shared/domain/export-preflight';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ApiError } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { applyFix } from './preflight-fix';

/** One finding's identity in the list: the same problem on the same field is one row, whatever its text. */
const keyOf = (finding: PreflightFinding) => `${finding.problem}:${JSON.stringify(finding.target)}`;

/** The i18n key naming a finding's field: `exports.preflight.field.forum.sloganEn`, `….person.nameEn`. */
const fieldKey = (target: PreflightTarget) => `exports.preflight.field.${target.kind}.${target.field}`;

/**
 * A presenter typed without a record has no field to fill: a directory record is what fixes it. Nor has what a
 * visit's or a delegation's paper lacks (a host, a flight): it is entered in their own forms.
 */
const fillable = (finding: PreflightFinding) =>
  finding.target.field !== 'nameWithoutRecord' && finding.problem !== 'missingDetail';

/**
 * What the coordinator is about to export would print wrongly: missing
 * English, names starting with = + - @, a title written twice, Latin names in
 * an Arabic document, and on a visit's or a delegation's paper the details
 * not entered yet (listed, to be entered in their forms). Each text is fixed here, in its own box (saved to its record
 * at once, then the check runs again), or the export goes ahead anyway, the
 * gaps marked in the document. Esc and Cancel leave without exporting.
 */
export function PreflightDialog(props: {
  forumId: string;
  result: PreflightResult;
  recheck(): Promise<PreflightResult>;
  onExport(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { refetch, refreshHistory } = useData();
  const ref = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const exportRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [result, setResult] = useState(props.result);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  /** The row whose box takes the focus once the list is drawn again (after a fix, the one that took its place). */
  const focusRow = useRef<number | null>(0);

  // Opened before the focus below is placed: showModal() moves the focus itself.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // In the same commit as the list it follows, so keys typed right after a save land in the next box.
  useLayoutEffect(() => {
    const row = focusRow.current;
    if (row === null) return;
    focusRow.current = null;
    const boxes = listRef.current?.querySelectorAll<HTMLInputElement>('input[data-preflight-box]') ?? [];
    const box = boxes[Math.min(row, boxes.length - 1)];
    (box ?? exportRef.current)?.focus();
  });

  const owner = (f: PreflightFinding) => (settings.language === 'ar' ? f.ownerAr || f.ownerEn : f.ownerEn || f.ownerAr);
  const label = (f: PreflightFinding) => {
    const index = f.target.kind === 'forum' && f.target.index !== null ? f.target.index + 1 : 0;
    return t(fieldKey(f.target), { n: index });
  };
  const boxValue = (f: PreflightFinding) => {
    const key = keyOf(f);
    // A name to correct starts from the name as it is; an English or Arabic form to add starts empty.
    return values[key] ?? (f.problem === 'formulaStart' || f.problem === 'doubleTitle' ? f.text : '');
  };

  const save = async (event: FormEvent, finding: PreflightFinding, row: number) => {
    event.preventDefault();
    const key = keyOf(finding);
    const value = boxValue(finding).trim();
    if (!value) {
      setErrors((all) => ({ ...all, [key]: t('exports.preflight.empty') }));
      return;
    }
    if (saving) return;
    setSaving(key);
    setErrors((all) => ({ ...all, [key]: '' }));
    try {
      const changed = await applyFix(props.forumId, finding.target, value);
      void refreshHistory();
      await refetch(changed);
      const next = await props.recheck();
      focusRow.current = row;
      setResult(next);
    } catch (error) {
      const issue = error instanceof ApiError ? error.issues.find((i) => i.message.startsWith('errors.')) : undefined;
      setErrors((all) => ({ ...all, [key]: issue ? t(issue.message) : describeError(error, t) }));
    } finally {
      setSaving(null);
    }
  };

  const left = result.findings.length + result.more;
  let row = 0;
  return (
    <dialog
      ref={ref}
      className="dialog preflight-dialog"
      aria-labelledby={titleId}
      data-testid="preflight"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{t('exports.preflight.title')}</h2>
      <p>
        {left > 0
          ? t('exports.preflight.intro', { count: left, number: fmt.number(left) })
          : t('exports.preflight.allClear')}
      </p>
      <div className="preflight-list" ref={listRef}>
        {PREFLIGHT_PROBLEMS.map((problem) => {
          const found = result.findings.filter((f) => f.problem === problem);
          if (found.length === 0) return null;
          return (
            <section key={problem} aria-labelledby={`preflight-${problem}`}>
              <h3 id={`preflight-${problem}`}>{t(`exports.preflight.problem.${problem}`)}</h3>
              <p className="muted">{t(`exports.preflight.help.${problem}`)}</p>
              <ul>
                {found.map((finding) => {
                  const key = keyOf(finding);
                  const boxId = `preflight-box-${key.replace(/[^a-zA-Z0-9]/g, '-')}`;
                  const who = finding.target.kind === 'forum' ? '' : owner(finding);
                  const thisRow = fillable(finding) ? row++ : -1;
                  const english = finding.problem === 'noEnglish';
                  return (
                    <li key={key} data-testid="preflight-finding">
                      <div className="preflight-what">
                        <strong>{label(finding)}</strong>
                        {who && who !== finding.text && (
                          <>
                            {' — '}
                            <bdi>{who}</bdi>
                          </>
                        )}
                      </div>
                      {finding.text && (
                        <div className="preflight-text">
                          <bdi dir="auto">{finding.text}</bdi>
                        </div>
                      )}
                      {fillable(finding) ? (
                        <form className="preflight-fix" onSubmit={(event) => void save(event, finding, thisRow)}>
                          <label htmlFor={boxId}>
                            {t(english ? 'exports.preflight.inEnglish' : `exports.preflight.fix.${finding.problem}`)}
                          </label>
                          <input
                            id={boxId}
                            type="text"
                            data-preflight-box
                            dir={english ? 'ltr' : finding.problem === 'latinInArabic' ? 'rtl' : 'auto'}
                            value={boxValue(finding)}
                            aria-invalid={Boolean(errors[key])}
                            onChange={(e) => setValues((all) => ({ ...all, [key]: e.target.value }))}
                          />
                          <button type="submit" className="button small" disabled={saving !== null}>
                            {saving === key ? t('common.saving') : t('common.save')}
                          </button>
                        </form>
                      ) : (
                        <p className="muted">
                          {t(
                            finding.problem !== 'missingDetail'
                              ? 'exports.preflight.noRecord'
                              : finding.target.kind === 'stop' || finding.target.kind === 'visit'
                                ? 'exports.preflight.inItsForm.visit'
                                : 'exports.preflight.inItsForm.delegation',
                          )}
                        </p>
                      )}
                      {errors[key] && (
                        <p className="field-error" role="alert">
                          {errors[key]}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        {result.more > 0 && (
          <p className="muted">
            {t('exports.preflight.more', { count: result.more, number: fmt.number(result.more) })}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          ref={exportRef}
          className={left > 0 ? 'button' : 'button primary'}
          data-testid="preflight-export"
          onClick={props.onExport}
        >
          {left > 0 ? t('exports.preflight.exportAnyway') : t('exports.start')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
