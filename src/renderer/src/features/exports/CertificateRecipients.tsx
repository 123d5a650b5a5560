import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateExport } from '../../../../shared/domain/export';
import type { Registration } from '../../../../shared/domain/registration';
import { registrantName } from '../../../../shared/people/protocol-name';
import {
  certificateByRule,
  certificateRecipients,
  isCertificateCandidate,
} from '../../../../shared/registrations/certificate-recipients';
import { RegistrationIndex, sortByName } from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';

/** The most people listed at once: a forum can have 20,000, and a search narrows them. */
const SHOWN = 60;

type Choice = Pick<CertificateExport, 'addedIds' | 'removedIds'>;

/**
 * Who gets a certificate, person by person: everyone the certificate can go
 * to (not cancelled; for a workshop, those who chose it), ticked when they
 * get one. The rule above (categories, only those who came) ticks them first;
 * the coordinator then ticks or unticks anyone, and the export keeps those
 * changes as exceptions to the rule.
 */
export function CertificateRecipients(props: {
  forumId: string;
  options: CertificateExport;
  onChange(choice: Choice): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { options } = props;
  const [registrations, setRegistrations] = useState<Registration[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    let current = true;
    api['registrations.list']({ forumId: props.forumId }).then(
      (list) => current && setRegistrations(list),
      (error: unknown) => current && setLoadError(describeError(error, t)),
    );
    return () => {
      current = false;
    };
  }, [props.forumId, t]);

  const lang = settings.language;
  const candidates = useMemo(
    () =>
      sortByName(
        (registrations ?? []).filter((r) => isCertificateCandidate(r, options)),
        lang,
      ),
    [registrations, options, lang],
  );
  const index = useMemo(() => new RegistrationIndex(candidates), [candidates]);
  const gets = useMemo(() => certificateRecipients(options), [options]);
  const chosenCount = useMemo(() => candidates.filter(gets).length, [candidates, gets]);
  const exceptions = options.addedIds.length + options.removedIds.length;

  if (loadError)
    return (
      <p className="form-error" role="alert">
        {loadError}
      </p>
    );
  if (!registrations) return null;

  const found = query.trim() ? index.search(query) : candidates;
  // Those who get one first, so the coordinator sees the pile that will print.
  const listed = [...found.filter(gets), ...found.filter((r) => !gets(r))].slice(0, SHOWN);

  const toggle = (r: Registration, on: boolean) => {
    const without = (ids: readonly string[]) => ids.filter((id) => id !== r.id);
    // Only a departure from the rule is kept: ticking back what the rule gives removes the exception.
    const byRule = certificateByRule(r, options);
    props.onChange({
      addedIds: on && !byRule ? [...without(options.addedIds), r.id] : without(options.addedIds),
      removedIds: !on && byRule ? [...without(options.removedIds), r.id] : without(options.removedIds),
    });
  };

  return (
    <fieldset className="choice certificate-recipients" data-testid="certificate-recipients">
      <legend>{t('exports.recipients.legend', { chosen: chosenCount, total: candidates.length })}</legend>
      <p className="muted">{t('exports.recipients.hint')}</p>
      <input
        type="search"
        value={query}
        aria-label={t('exports.recipients.search')}
        placeholder={t('exports.recipients.search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {listed.length === 0 ? (
        <p className="muted">{t('exports.recipients.none')}</p>
      ) : (
        <ul>
          {listed.map((r) => (
            <li key={r.id}>
              <label>
                <input type="checkbox" checked={gets(r)} onChange={(e) => toggle(r, e.target.checked)} />
                {/* Without an English name, the Arabic protocol name whole, never "H.E. Dr. خالد …". */}
                <bdi>{registrantName(r, lang === 'en' && !r.fullNameEn ? 'ar' : lang)}</bdi>
                <span className="muted">
                  {' — '}
                  {t(`registrations.category.${r.category}`)}
                  {r.checkedInAt !== null || r.status === 'attended' ? ` · ${t('exports.recipients.came')}` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {found.length > listed.length && (
        <p className="muted">{t('exports.recipients.more', { number: found.length - listed.length })}</p>
      )}
      {exceptions > 0 && (
        <button type="button" className="button small" onClick={() => props.onChange({ addedIds: [], removedIds: [] })}>
          {t('exports.recipients.reset', { number: exceptions })}
        </button>
      )}
    </fieldset>
  );
}
