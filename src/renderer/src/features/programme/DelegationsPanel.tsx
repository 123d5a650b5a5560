import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELEGATION_DIRECTIONS,
  type Delegation,
  type ProgrammeView,
  type Session,
} from '../../../../shared/domain/programme';
import { newDelegation } from '../../../../shared/domain/programme-edit';
import { joinParts } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { refusedBox, sameData, useFormDialog } from '../../components/form-dialog';
import { ListEditor } from '../../components/ListEditor';
import { OrganisationSelect } from '../../components/OrganisationSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { ProtocolList } from '../../components/ProtocolList';
import { RadioChoice } from '../../components/RadioChoice';
import { TextField } from '../../components/TextField';
import { api } from '../../lib/api';
import { fieldErrors } from '../../lib/errors';
import { useKeptDraft } from '../../lib/kept-drafts';
import { organisationName, personName } from '../../lib/people-text';
import { nameOf } from '../../lib/record-text';
import { asSave, type EditedRecords } from '../../lib/use-programme';
import { AttendedSessions, CarsEditor, MembersTravel, ReceptionFields } from './DelegationTravel';

/** Delegations (وفد مدينة الدمام): a head and members in protocol order. */
export function DelegationsPanel(props: {
  forumId: string;
  /** The event's days: a new arrival flight starts on the first, a departure on the last. */
  firstDay: string;
  lastDay: string;
  delegations: readonly Delegation[];
  /** The programme's sessions, some of which a delegation attends. */
  sessions: readonly Session[];
  apply(call: () => Promise<ProgrammeView>, edited?: EditedRecords): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { settings, notify } = useApp();
  const { people, organisations, undo } = useData();
  const [editing, setEditing] = useState<Delegation | null>(null);
  /** What core refused in the last save, by field ("cars.1.phone"), shown under each field. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const lang = settings.language;
  const edit = (d: Delegation | null) => {
    setRefused({});
    setEditing(d);
  };

  const save = async (delegation: Delegation) => {
    setRefused({});
    const saved = await props.apply(
      () => api['programme.saveDelegation']({ forumId: props.forumId, delegation: asSave(delegation) }),
      {
        kind: 'delegation',
        bases: editing ? [editing] : [],
        // Saved meanwhile elsewhere: the form opens again on the newer version (gone: it closes).
        onNewer: (newer) => edit(newer.delegations.find((d) => d.id === delegation.id) ?? null),
        onFieldIssues: (issues) => {
          const byField = fieldErrors([...issues], t);
          setRefused(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.replace(/^delegation\./, ''), v])));
        },
      },
    );
    if (saved) edit(null);
    return saved;
  };
  const remove = async (d: Delegation) => {
    if (await props.apply(() => api['programme.deleteDelegation']({ forumId: props.forumId, id: d.id }))) {
      notify({
        message: t('delegation.deleted', { name: nameOf(d, lang) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  if (editing) {
    return (
      <DelegationEditor
        key={`${editing.id}@${editing.updatedAt}`}
        delegation={editing}
        firstDay={props.firstDay}
        lastDay={props.lastDay}
        sessions={props.sessions}
        refused={refused}
        onSave={save}
        onClose={() => edit(null)}
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
          onClick={() => edit(newDelegation(crypto.randomUUID()))}
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
                    onClick={() => edit(d)}
                  >
                    {nameOf(d, lang)}
                  </button>
                </h3>
                <span className="muted">
                  {joinParts([organisation ? organisationName(organisation, lang) : '', d.city, d.country], lang)}
                </span>
                <span className={`direction-badge ${d.direction}`} data-testid="delegation-direction">
                  {t(`delegation.direction.${d.direction}`)}
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

/**
 * One delegation's form: its names, which way it travels, organisation,
 * place, head and members; then each person's flights and stay, the cars,
 * who receives them, and what they present and say.
 */
function DelegationEditor(props: {
  delegation: Delegation;
  firstDay: string;
  lastDay: string;
  sessions: readonly Session[];
  /** Fields core refused at the last save, by path inside the delegation ("cars.0.phone"). */
  refused: Readonly<Record<string, string>>;
  onSave(delegation: Delegation): Promise<boolean>;
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
    // A day or time box still holding what it refused would be saved with its old value: it is fixed first.
    const box = refusedBox(ref.current);
    if (box) {
      box.focus();
      return;
    }
    if (!draft.nameAr.trim() && !draft.nameEn.trim()) {
      setNameError(t('errors.nameRequired'));
      focusFirstInvalid();
      return;
    }
    setNameError(undefined);
    if (!(await props.onSave(draft))) focusFirstInvalid();
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
        <RadioChoice
          name="delegation-direction"
          legend={t('delegation.directionLabel')}
          values={DELEGATION_DIRECTIONS}
          value={draft.direction}
          label={(v) => t(`delegation.direction.${v}`)}
          onChange={(v) => set('direction', v)}
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
      <MembersTravel
        delegation={draft}
        firstDay={props.firstDay}
        lastDay={props.lastDay}
        onChange={(details) => set('memberDetails', details)}
      />
      <CarsEditor cars={draft.cars} errors={props.refused} onChange={(cars) => set('cars', cars)} />
      <ReceptionFields
        hostOfficer={draft.hostOfficer}
        receptionParty={draft.receptionParty}
        onHostOfficer={(p) => set('hostOfficer', p)}
        onReceptionParty={(list) => set('receptionParty', list)}
      />
      <AttendedSessions
        sessions={props.sessions}
        chosen={draft.sessionIds}
        onChange={(ids) => set('sessionIds', ids)}
      />
      <div className="form-grid two">
        <ListEditor
          id="delegation-presentations"
          label={t('delegation.presentations')}
          items={draft.presentations}
          placeholder={t('delegation.presentationsHint')}
          onChange={(items) => set('presentations', items)}
        />
        <ListEditor
          id="delegation-talkingPoints"
          label={t('delegation.talkingPoints')}
          items={draft.talkingPoints}
          placeholder={t('delegation.talkingPointsHint')}
          onChange={(items) => set('talkingPoints', items)}
        />
      </div>
    </section>
  );
}
