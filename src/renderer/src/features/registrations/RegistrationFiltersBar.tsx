import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '../../../../shared/domain/programme';
import { REGISTRATION_CATEGORIES, REGISTRATION_STATUSES } from '../../../../shared/domain/registration';
import type { RegistrationCounts, RegistrationFilters } from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';
import { delegationName } from './registration-text';

/**
 * Search box and filters above the registrations table. A select's value
 * for a chosen key is "=" + key, so the key '' (no organisation, no
 * delegation) stays apart from "all".
 */
export const RegistrationFiltersBar = memo(function RegistrationFiltersBar(props: {
  query: string;
  filters: RegistrationFilters;
  counts: RegistrationCounts;
  delegations: readonly Delegation[];
  onQuery(query: string): void;
  onFilters(filters: RegistrationFilters): void;
  /** ↓ in the search box: on to the table. */
  onLeaveSearch(): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { filters } = props;
  const set = <K extends keyof RegistrationFilters>(key: K, value: RegistrationFilters[K]) =>
    props.onFilters({ ...filters, [key]: value });
  const keyed = (value: string | null | undefined) => (value == null ? '' : `=${value}`);
  const unkeyed = (value: string) => (value === '' ? null : value.slice(1));
  const filtering = props.query.trim() !== '' || Object.values(filters).some((v) => v != null);

  return (
    <div className="toolbar">
      <input
        type="search"
        className="search"
        placeholder={t('registrations.search')}
        aria-label={t('registrations.search')}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            props.onLeaveSearch();
          }
        }}
      />
      <select
        aria-label={t('registrations.field.category')}
        value={keyed(filters.category)}
        onChange={(e) => set('category', unkeyed(e.target.value) as RegistrationFilters['category'])}
      >
        <option value="">{t('registrations.allCategories')}</option>
        {REGISTRATION_CATEGORIES.map((c) => (
          <option key={c} value={`=${c}`}>
            {t(`registrations.category.${c}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('registrations.field.status')}
        value={keyed(filters.status)}
        onChange={(e) => set('status', unkeyed(e.target.value) as RegistrationFilters['status'])}
      >
        <option value="">{t('registrations.allStatuses')}</option>
        {REGISTRATION_STATUSES.map((s) => (
          <option key={s} value={`=${s}`}>
            {t(`registrations.status.${s}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('registrations.field.organisation')}
        className="organisation-filter"
        value={keyed(filters.organisation)}
        onChange={(e) => set('organisation', unkeyed(e.target.value))}
      >
        <option value="">{t('registrations.allOrganisations')}</option>
        {props.counts.byOrganisation.map((o) => (
          <option key={o.key} value={`=${o.key}`}>
            {o.name || t('registrations.noOrganisation')} ({fmt.number(o.count)})
          </option>
        ))}
      </select>
      {props.delegations.length > 0 && (
        <select
          aria-label={t('registrations.field.delegation')}
          value={keyed(filters.delegationId)}
          onChange={(e) => set('delegationId', unkeyed(e.target.value))}
        >
          <option value="">{t('registrations.allDelegations')}</option>
          <option value="=">{t('registrations.noDelegation')}</option>
          {props.delegations.map((d) => (
            <option key={d.id} value={`=${d.id}`}>
              {delegationName(d, settings.language)}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label={t('registrations.field.checkedIn')}
        value={keyed(filters.checkedIn == null ? null : String(filters.checkedIn))}
        onChange={(e) => {
          const value = unkeyed(e.target.value);
          set('checkedIn', value === null ? null : value === 'true');
        }}
      >
        <option value="">{t('registrations.checkedInAll')}</option>
        <option value="=true">{t('registrations.checkedInYes')}</option>
        <option value="=false">{t('registrations.checkedInNo')}</option>
      </select>
      {filtering && (
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onQuery('');
            props.onFilters({});
          }}
        >
          {t('registrations.clearFilters')}
        </button>
      )}
    </div>
  );
});
