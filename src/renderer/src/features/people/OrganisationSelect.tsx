import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { organisationName } from './people-text';

/** Pick one of the directory's organisations, or none. */
export function OrganisationSelect(props: {
  id: string;
  value: string | null;
  onChange(id: string | null): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { directory } = useData();
  return (
    <label className="field" htmlFor={props.id}>
      <span>{t('person.field.organisation')}</span>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
        <option value="">{t('person.noOrganisation')}</option>
        {directory.organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {organisationName(o, settings.language)}
          </option>
        ))}
      </select>
      {props.error && <span className="field-error">{props.error}</span>}
    </label>
  );
}
