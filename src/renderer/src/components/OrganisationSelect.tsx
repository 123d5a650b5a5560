import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type OrganisationInput, organisationInputSchema } from '../../../shared/domain/person';
import { issuesFromZod } from '../../../shared/errors';
import { useApp } from '../app/app-context';
import { useData } from '../app/data-context';
import { api } from '../lib/api';
import { fieldErrors } from '../lib/errors';
import { useFocusAfterRender } from '../lib/focus-after-render';
import { organisationName } from '../lib/people-text';

const EMPTY: OrganisationInput = { nameAr: '', nameEn: '', kind: 'municipality', country: '', city: '' };

/**
 * Pick one of the directory's organisations, or none. With `allowCreate`, a
 * missing one is added on the spot (its names and kind), chosen at once, and
 * undoable like any change, so a person's form is not left for another tab.
 */
export function OrganisationSelect(props: {
  id: string;
  value: string | null;
  onChange(id: string | null): void;
  error?: string | undefined;
  allowCreate?: boolean;
}) {
  const { t } = useTranslation();
  const { settings, notify } = useApp();
  const { directory, change, undo } = useData();
  const [creating, setCreating] = useState<OrganisationInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const selectRef = useRef<HTMLSelectElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const groupId = useId();
  const focusAfterRender = useFocusAfterRender();

  const close = (focus: 'select' | 'opener') => {
    setCreating(null);
    setErrors({});
    focusAfterRender(() => (focus === 'select' ? selectRef.current : openerRef.current));
  };

  const add = async () => {
    if (!creating) return;
    const parsed = organisationInputSchema.safeParse(creating);
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      document.getElementById(`${groupId}-nameAr`)?.focus();
      return;
    }
    const saved = await change(() => api['organisations.save']({ ...parsed.data, id: crypto.randomUUID() }), {
      directory: true,
    });
    if (!saved) return;
    props.onChange(saved.id);
    notify({
      message: t('organisation.added', { name: organisationName(saved, settings.language) }),
      action: { label: t('common.undo'), run: undo },
    });
    close('select');
  };

  // The small form lives inside another form: Enter adds the organisation (not the person),
  // Escape closes it alone (not the person's form).
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      void add();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close('opener');
    } else return;
    event.stopPropagation();
  };

  const set = <K extends keyof OrganisationInput>(key: K, value: OrganisationInput[K]) => {
    setCreating((c) => (c ? { ...c, [key]: value } : c));
    if (key === 'nameAr' || key === 'nameEn') setErrors({});
  };

  return (
    <div className="field organisation-field">
      <label htmlFor={props.id}>{t('person.field.organisation')}</label>
      <span className="organisation-choice">
        <select
          ref={selectRef}
          id={props.id}
          value={props.value ?? ''}
          aria-invalid={props.error !== undefined}
          onChange={(e) => props.onChange(e.target.value || null)}
        >
          <option value="">{t('person.noOrganisation')}</option>
          {directory.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {organisationName(o, settings.language)}
            </option>
          ))}
        </select>
        {props.allowCreate && !creating && (
          <button
            ref={openerRef}
            type="button"
            className="button small"
            onClick={() => {
              setCreating(EMPTY);
              focusAfterRender(() => document.getElementById(`${groupId}-nameAr`));
            }}
          >
            {t('organisation.newInline')}
          </button>
        )}
      </span>
      {props.error && <span className="field-error">{props.error}</span>}
      {creating && (
        // The keys are the group's fields', caught as they bubble.
        <fieldset className="inline-create" data-testid="organisation-create" onKeyDown={onKey}>
          <legend>{t('organisation.new')}</legend>
          <label className="field" htmlFor={`${groupId}-nameAr`}>
            <span>{t('organisation.field.nameAr')}</span>
            <input
              id={`${groupId}-nameAr`}
              type="text"
              dir="rtl"
              value={creating.nameAr}
              aria-invalid={errors.nameAr !== undefined}
              onChange={(e) => set('nameAr', e.target.value)}
            />
            {errors.nameAr && <span className="field-error">{errors.nameAr}</span>}
          </label>
          <label className="field" htmlFor={`${groupId}-nameEn`}>
            <span>{t('organisation.field.nameEn')}</span>
            <input
              id={`${groupId}-nameEn`}
              type="text"
              dir="ltr"
              value={creating.nameEn}
              onChange={(e) => set('nameEn', e.target.value)}
            />
          </label>
          <label className="field" htmlFor={`${groupId}-kind`}>
            <span>{t('organisation.field.kind')}</span>
            <select
              id={`${groupId}-kind`}
              value={creating.kind}
              onChange={(e) => set('kind', e.target.value as OrganisationInput['kind'])}
            >
              {ORGANISATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`organisation.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="inline-actions">
            <button type="button" className="button small primary" onClick={() => void add()}>
              {t('organisation.addIt')}
            </button>
            <button type="button" className="button small" onClick={() => close('opener')}>
              {t('common.cancel')}
            </button>
          </span>
        </fieldset>
      )}
    </div>
  );
}
