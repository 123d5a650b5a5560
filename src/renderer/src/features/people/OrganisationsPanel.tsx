import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationInput,
  organisationInputSchema,
} from '../../../../shared/domain/person';
import { issuesFromZod } from '../../../../shared/errors';
import { compareArabic, matchesSearch } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { SelectField, TextField } from '../../components/TextField';
import { api } from '../../lib/api';
import { fieldErrors } from '../../lib/errors';
import { organisationName } from '../../lib/people-text';
import { STALE, staleAware, staleEditMessage } from '../../lib/stale-edit';

const EMPTY: OrganisationInput = { nameAr: '', nameEn: '', kind: 'municipality', country: '', city: '' };

/** Organisations (الجهات): municipalities, ministries, international bodies… shared by all forums. */
export function OrganisationsPanel() {
  const { t } = useTranslation();
  const { settings, notify, fmt } = useApp();
  const { directory, change, undo } = useData();
  const [query, setQuery] = useState('');
  /** `base` is the version the form was filled from (none for a new one): its revision goes with the save. */
  const [editing, setEditing] = useState<{ id: string; draft: OrganisationInput; base?: Organisation } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const lang = settings.language;

  const list = useMemo(
    () =>
      directory.organisations
        .filter((o) => matchesSearch([o.nameAr, o.nameEn, o.city, o.country], query))
        .sort((a, b) => compareArabic(organisationName(a, lang), organisationName(b, lang))),
    [directory.organisations, query, lang],
  );

  const edit = (o: Organisation | null) => {
    setErrors({});
    setEditing(
      o
        ? {
            id: o.id,
            draft: { nameAr: o.nameAr, nameEn: o.nameEn, kind: o.kind, country: o.country, city: o.city },
            base: o,
          }
        : { id: crypto.randomUUID(), draft: EMPTY },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const parsed = organisationInputSchema.safeParse(editing.draft);
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      return;
    }
    const { id, base } = editing;
    const saved = await change(
      staleAware(() => api['organisations.save']({ ...parsed.data, id, expectedUpdatedAt: base?.updatedAt })),
      { directory: true },
    );
    if (saved === STALE && base) {
      // Saved meanwhile in another window: the form now holds that newer version, and says what changed.
      const newer = (await api['directory.get']().catch(() => null))?.organisations.find((o) => o.id === id);
      const name = organisationName(base, lang);
      notify({ message: staleEditMessage(t, fmt, { kind: 'organisation', name, base, newer }), tone: 'error' });
      edit(newer ?? null);
      if (!newer) setEditing(null);
    } else if (saved) {
      setEditing(null);
    }
  };

  const remove = async (o: Organisation) => {
    if (await change(() => api['organisations.delete']({ id: o.id }), { directory: true })) {
      notify({
        message: t('organisation.deleted', { name: organisationName(o, lang) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  const set = (key: keyof OrganisationInput, value: string) =>
    setEditing((e) => (e ? { ...e, draft: { ...e.draft, [key]: value } } : e));

  return (
    <section>
      {editing ? (
        <form className="panel" onSubmit={submit} noValidate>
          <div className="form-grid">
            <TextField
              id="org-nameAr"
              label={t('organisation.field.nameAr')}
              dir="rtl"
              value={editing.draft.nameAr}
              onChange={(v) => set('nameAr', v)}
              error={errors.nameAr}
              autoFocus
            />
            <TextField
              id="org-nameEn"
              label={t('organisation.field.nameEn')}
              dir="ltr"
              value={editing.draft.nameEn}
              onChange={(v) => set('nameEn', v)}
            />
            <SelectField
              id="org-kind"
              label={t('organisation.field.kind')}
              value={editing.draft.kind}
              options={ORGANISATION_KINDS}
              optionLabel={(v) => t(`organisation.kind.${v}`)}
              onChange={(v) => set('kind', v)}
            />
            <TextField
              id="org-city"
              label={t('organisation.field.city')}
              value={editing.draft.city}
              onChange={(v) => set('city', v)}
            />
            <TextField
              id="org-country"
              label={t('organisation.field.country')}
              value={editing.draft.country}
              onChange={(v) => set('country', v)}
            />
          </div>
          <div className="dialog-actions">
            <button type="submit" className="button primary">
              {t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="toolbar">
          <input
            type="search"
            className="search"
            placeholder={t('organisation.search')}
            aria-label={t('organisation.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" className="button primary" onClick={() => edit(null)}>
            {t('organisation.new')}
          </button>
        </div>
      )}
      <table className="data-table" data-testid="organisations-table">
        <thead>
          <tr>
            <th>{t('organisation.field.name')}</th>
            <th>{t('organisation.field.kind')}</th>
            <th>{t('organisation.field.city')}</th>
            <th>{t('organisation.field.country')}</th>
            <th>
              <span className="sr-only">{t('people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id}>
              <td>
                <button type="button" className="link-button" onClick={() => edit(o)}>
                  {organisationName(o, lang)}
                </button>
              </td>
              <td>{t(`organisation.kind.${o.kind}`)}</td>
              <td>{o.city}</td>
              <td>{o.country}</td>
              <td>
                <button type="button" className="button small danger-outline" onClick={() => void remove(o)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
