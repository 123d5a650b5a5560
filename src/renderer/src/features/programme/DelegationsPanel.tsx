import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation, ProgrammeView } from '../../../../shared/domain/programme';
import { newDelegation } from '../../../../shared/domain/programme-edit';
import { joinParts } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { sameData, useFormDialog } from '../../components/form-dialog';
import { PersonPicker } from '../../components/PersonPicker';
import { ProtocolList } from '../../components/ProtocolList';
import { TextField } from '../../components/TextField';
import { api } from '../../lib/api';
import { useKeptDraft } from '../../lib/kept-drafts';
import { OrganisationSelect } from '../people/OrganisationSelect';
import { organisationName, personName } from '../people/people-text';
import { asSave, type EditedRecords } from './use-programme';

/** Delegations (وفد مدينة الدمام): a head and members in protocol order. */
export function DelegationsPanel(props: {
  forumId: string;
  delegations: readonly Delegation[];
  apply(call: () => Promise<ProgrammeView>, edited?: EditedRecords): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { settings, notify } = useApp();
  const { people, organisations, undo } = useData();
  const [editing, setEditing] = useState<Delegation | null>(null);
  const lang = settings.language;

  const save = async (delegation: Delegation) => {
    const saved = await props.apply(
      () => api['programme.saveDelegation']({ forumId: props.forumId, delegation: asSave(delegation) }),
      {
        kind: 'delegation',
        bases: editing ? [editing] : [],
        // Saved meanwhile elsewhere: the form opens again on the newer version (gone: it closes).
        onNewer: (newer) => setEditing(newer.delegations.find((d) => d.id === delegation.id) ?? null),
      },
    );
    if (saved) setEditing(null);
  };
  const remove = async (d: Delegation) => {
    if (await props.apply(() => api['programme.deleteDelegation']({ forumId: props.forumId, id: d.id }))) {
      notify({
        message: t('delegation.deleted', { name: lang === 'ar' ? d.nameAr || d.nameEn : d.nameEn || d.nameAr }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  if (editing) {
    return (
      <DelegationEditor
        key={`${editing.id}@${editing.updatedAt}`}
        delegation={editing}
        onSave={save}
        onClose={() => setEditing(null)}
      />
    );
  }

  return (
    <section className="panel" aria-labelledby="delegations-title">
      <div className="page-head">
        <h2 id="delegations-title">{t('programme.delegations')}</h2>
        <button
          type="button"
          id="delegation-new"
          className="button primary"
          onClick={() => setEditing(newDelegation(crypto.randomUUID()))}
        >
          {t('delegation.new')}
        </button>
      </div>
      {props.delegations.length === 0 && <p className="muted">{t('delegation.empty')}</p>}
      <ul className="delegation-list">
        {props.delegations.map((d) => {
          const head = d.headId ? people.get(d.headId) : undefined;
          const organisation = d.organisationId ? organisations.get(d.organisationId) : undefined;
          return (
            <li key={d.id} data-testid="delegation">
              <div className="page-head">
                <h3>
                  <button
                    type="button"
                    className="link-button"
                    data-focus-key={`delegation-${d.id}`}
                    onClick={() => setEditing(d)}
                  >
                    {lang === 'ar' ? d.nameAr || d.nameEn : d.nameEn || d.nameAr}
                  </button>
                </h3>
                <span className="muted">
                  {joinParts([organisation ? organisationName(organisation, lang) : '', d.city, d.country], lang)}
                </span>
                <button type="button" className="button small danger-outline" onClick={() => void remove(d)}>
                  {t('common.delete')}
                </button>
              </div>
              <ol>
                {head && (
                  <li>
                    <strong>{personName(head, lang)}</strong>{' '}
                    <span className="muted">({t('delegation.headShort')})</span>
                  </li>
                )}
                {d.memberIds.map((id) => {
                  const p = people.get(id);
                  return p ? <li key={id}>{personName(p, lang)}</li> : null;
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One delegation's form: its names, organisation, place, head and members. */
function DelegationEditor(props: {
  delegation: Delegation;
  onSave(delegation: Delegation): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useKeptDraft(
    `delegation:${props.delegation.id}@${props.delegation.updatedAt}`,
    props.delegation,
  );
  const ref = useRef<HTMLElement>(null);
  const { requestClose, focusFirstInvalid } = useFormDialog({
    dirty: !sameData(draft, props.delegation),
    onClose: props.onClose,
    ref,
  });
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const set = <K extends keyof Delegation>(key: K, value: Delegation[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // The name's message goes as soon as a name is being typed.
    if (key === 'nameAr' || key === 'nameEn') setNameError(undefined);
  };

  const submit = async () => {
    if (!draft.nameAr.trim() && !draft.nameEn.trim()) {
      setNameError(t('errors.nameRequired'));
      focusFirstInvalid();
      return;
    }
    setNameError(undefined);
    await props.onSave(draft);
  };

  return (
    <section ref={ref} className="panel" aria-labelledby="delegation-title" data-testid="delegation-editor">
      <div className="page-head">
        <h2 id="delegation-title">{t('delegation.edit')}</h2>
        <button type="button" className="button primary" onClick={() => void submit()}>
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={requestClose}>
          {t('common.cancel')}
        </button>
      </div>
      <div className="form-grid">
        <TextField
          id="delegation-nameAr"
          label={t('delegation.nameAr')}
          dir="rtl"
          value={draft.nameAr}
          onChange={(v) => set('nameAr', v)}
          hint="وفد مدينة سيول"
          error={nameError}
        />
        <TextField
          id="delegation-nameEn"
          label={t('delegation.nameEn')}
          dir="ltr"
          value={draft.nameEn}
          onChange={(v) => set('nameEn', v)}
        />
        <OrganisationSelect
          id="delegation-organisation"
          value={draft.organisationId}
          onChange={(id) => set('organisationId', id)}
        />
        <TextField
          id="delegation-city"
          label={t('organisation.field.city')}
          value={draft.city}
          onChange={(v) => set('city', v)}
        />
        <TextField
          id="delegation-country"
          label={t('organisation.field.country')}
          value={draft.country}
          onChange={(v) => set('country', v)}
        />
        <TextField
          id="delegation-cityEn"
          label={t('delegation.cityEn')}
          dir="ltr"
          value={draft.cityEn ?? ''}
          onChange={(v) => set('cityEn', v)}
        />
        <TextField
          id="delegation-countryEn"
          label={t('delegation.countryEn')}
          dir="ltr"
          value={draft.countryEn ?? ''}
          onChange={(v) => set('countryEn', v)}
        />
        <div className="field">
          <span>{t('delegation.head')}</span>
          <PersonPicker
            label={t('delegation.head')}
            personId={draft.headId}
            onChange={(id) => set('headId', id)}
            exclude={draft.memberIds}
            testId="delegation-head"
          />
        </div>
      </div>
      <ProtocolList
        label={t('delegation.members')}
        ids={draft.memberIds}
        onChange={(ids) => set('memberIds', ids)}
        editable
        testId="delegation-members"
      />
    </section>
  );
}
