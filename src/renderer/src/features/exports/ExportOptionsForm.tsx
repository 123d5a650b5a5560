import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_STATUSES, type DecisionStatus } from '../../../../shared/domain/council';
import {
  ATTENDEE_COLUMNS,
  ATTENDEE_GROUPINGS,
  type AttendeeListExport,
  BADGE_SIZES,
  type BadgeExport,
  type BriefingExport,
  CERTIFICATE_CATEGORIES,
  CERTIFICATE_KINDS,
  type CertificateExport,
  type DecisionsExport,
  DOCUMENT_LANGUAGES,
  type ExportOptions,
  type HandoverExport,
  type ItineraryExport,
  type MinutesExport,
  type MovementSheetExport,
  type NameCardExport,
  type ProgrammeExport,
  type ReceptionExport,
} from '../../../../shared/domain/export';
import type { Delegation, Session } from '../../../../shared/domain/programme';
import { REGISTRATION_CATEGORIES, REGISTRATION_STATUSES } from '../../../../shared/domain/registration';
import { useApp } from '../../app/app-context';
import { RadioChoice } from '../../components/RadioChoice';
import { TextField } from '../../components/TextField';
import { nameOf, titleOf } from '../../lib/record-text';
import { CertificateRecipients } from './CertificateRecipients';

/** The options of one kind of export; `onChange` gets the whole new options. */
export function ExportOptionsForm(props: {
  /** The forum exported: certificates list its registrants to choose from. */
  forumId: string;
  options: ExportOptions;
  sessions: readonly Session[];
  /** The forum's delegations (a briefing file is for an outgoing one, the reception schedule for incoming ones). */
  delegations?: readonly Delegation[];
  onChange(options: ExportOptions): void;
}) {
  const { options, onChange } = props;
  switch (options.kind) {
    case 'programme':
      return <ProgrammeFields options={options} delegations={props.delegations ?? []} onChange={onChange} />;
    case 'attendees':
      return <AttendeeFields options={options} onChange={onChange} />;
    case 'badges':
    case 'nameCards':
      return <CardFields options={options} onChange={onChange} />;
    case 'certificates':
      return (
        <CertificateFields forumId={props.forumId} options={options} sessions={props.sessions} onChange={onChange} />
      );
    case 'handover':
      return <HandoverFields options={options} onChange={onChange} />;
    case 'minutes':
      return <MinutesFields options={options} onChange={onChange} />;
    case 'decisions':
      return <DecisionsFields options={options} onChange={onChange} />;
    case 'itinerary':
    case 'movementSheet':
      return <VisitFields options={options} sessions={props.sessions} onChange={onChange} />;
    case 'briefing':
    case 'reception':
      return <DelegationPaperFields options={options} delegations={props.delegations ?? []} onChange={onChange} />;
  }
}

/** The guests' itinerary and the drivers' movement sheet: the language, and one field visit or all of them. */
function VisitFields<O extends ItineraryExport | MovementSheetExport>(props: {
  options: O;
  sessions: readonly Session[];
  onChange(o: O): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { options } = props;
  const sessionId = useId();
  const visits = props.sessions.filter((s) => s.stops.length > 0);
  const title = (s: Session) => titleOf(s, settings.language);
  return (
    <>
      <LanguageChoice
        kind={options.kind}
        values={['ar', 'en'] as const}
        value={options.language}
        onChange={(language) => props.onChange({ ...options, language })}
      />
      <div className="field">
        <label htmlFor={sessionId}>{t('exports.visitFor')}</label>
        <select
          id={sessionId}
          value={options.sessionId ?? ''}
          onChange={(e) => props.onChange({ ...options, sessionId: e.target.value || null })}
        >
          <option value="">{t('exports.allVisits')}</option>
          {visits.map((s) => (
            <option key={s.id} value={s.id}>
              {`${title(s) || t(`session.kind.${s.kind}`)} — ${fmt.dayBoth(s.day)[0]}`}
            </option>
          ))}
        </select>
      </div>
      {visits.length === 0 && (
        <p className="field-error" role="status">
          {t('errors.visitNoStops')}
        </p>
      )}
    </>
  );
}

/** The language and the delegation: an outgoing one for a briefing; one incoming one, or all, for the reception. */
function DelegationPaperFields<O extends BriefingExport | ReceptionExport>(props: {
  options: O;
  delegations: readonly Delegation[];
  onChange(o: O): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { options } = props;
  const selectId = useId();
  const direction = options.kind === 'briefing' ? 'outgoing' : 'incoming';
  const offered = props.delegations.filter((d) => d.direction === direction);
  const name = (d: Delegation) => nameOf(d, settings.language);
  return (
    <>
      <LanguageChoice
        kind={options.kind}
        values={['ar', 'en'] as const}
        value={options.language}
        onChange={(language) => props.onChange({ ...options, language })}
      />
      <div className="field">
        <label htmlFor={selectId}>{t('exports.delegationChoice')}</label>
        <select
          id={selectId}
          data-testid="export-delegation"
          value={options.delegationId ?? ''}
          onChange={(e) => props.onChange({ ...options, delegationId: e.target.value || null })}
        >
          {options.kind === 'reception' && <option value="">{t('exports.allIncoming')}</option>}
          {offered.map((d) => (
            <option key={d.id} value={d.id}>
              {name(d) || t('history.unnamed')}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function MinutesFields({ options, onChange }: { options: MinutesExport; onChange(o: MinutesExport): void }) {
  return (
    <LanguageChoice
      kind="minutes"
      values={['ar', 'en'] as const}
      value={options.language}
      onChange={(language) => onChange({ ...options, language })}
    />
  );
}

function DecisionsFields({ options, onChange }: { options: DecisionsExport; onChange(o: DecisionsExport): void }) {
  const { t } = useTranslation();
  const toggle = (status: DecisionStatus, on: boolean) => {
    const next = DECISION_STATUSES.filter((s) => (s === status ? on : options.statuses.includes(s)));
    // At least one status: an empty choice would list nothing.
    if (next.length > 0) onChange({ ...options, statuses: next });
  };
  return (
    <>
      <LanguageChoice
        kind="decisions"
        values={['ar', 'en'] as const}
        value={options.language}
        onChange={(language) => onChange({ ...options, language })}
      />
      <fieldset className="choice">
        <legend>{t('exports.decisionStatuses')}</legend>
        {DECISION_STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={options.statuses.includes(s)}
              onChange={(e) => toggle(s, e.target.checked)}
            />{' '}
            {t(`council.status.${s}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function ProgrammeFields({
  options,
  delegations,
  onChange,
}: {
  options: ProgrammeExport;
  delegations: readonly Delegation[];
  onChange(o: ProgrammeExport): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const set = (patch: Partial<ProgrammeExport>) => onChange({ ...options, ...patch });
  const forId = useId();
  const name = (d: Delegation) => nameOf(d, settings.language);
  return (
    <>
      {delegations.length > 0 && (
        <div className="field">
          <label htmlFor={forId}>{t('exports.programmeFor')}</label>
          <select
            id={forId}
            data-testid="programme-delegation"
            value={options.delegationId ?? ''}
            onChange={(e) => set({ delegationId: e.target.value || null })}
          >
            <option value="">{t('exports.wholeProgramme')}</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d) || t('history.unnamed')}
              </option>
            ))}
          </select>
        </div>
      )}
      <LanguageChoice
        kind="programme"
        values={DOCUMENT_LANGUAGES}
        value={options.language}
        onChange={(language) => set({ language })}
      />
      {options.language === 'both' && (
        <RadioChoice
          name="programme-layout"
          legend={t('exports.bilingualLayout')}
          values={['side_by_side', 'one_after_other'] as const}
          value={options.bilingualLayout}
          label={(v) => t(`exports.layouts.${v}`)}
          onChange={(bilingualLayout) => set({ bilingualLayout })}
        />
      )}
      <RadioChoice
        name="programme-orientation"
        legend={t('exports.orientation')}
        values={['portrait', 'landscape'] as const}
        value={options.orientation}
        label={(v) => t(`exports.orientations.${v}`)}
        onChange={(orientation) => set({ orientation })}
      />
      <fieldset className="choice">
        <legend>{t('exports.sections')}</legend>
        <Check
          label={t('exports.includeObjectives')}
          checked={options.includeObjectives}
          onChange={(v) => set({ includeObjectives: v })}
        />
        <Check
          label={t('exports.includeBios')}
          checked={options.includeBios}
          onChange={(v) => set({ includeBios: v })}
        />
        <Check
          label={t('exports.includeDelegations')}
          checked={options.includeDelegations}
          onChange={(v) => set({ includeDelegations: v })}
        />
      </fieldset>
    </>
  );
}

function AttendeeFields({ options, onChange }: { options: AttendeeListExport; onChange(o: AttendeeListExport): void }) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const set = (patch: Partial<AttendeeListExport>) => onChange({ ...options, ...patch });
  const walkInId = useId();
  return (
    <>
      <LanguageChoice
        kind="attendees"
        values={['ar', 'en'] as const}
        value={options.language}
        onChange={(language) => set({ language })}
      />
      <RadioChoice
        name="attendees-grouping"
        legend={t('exports.grouping')}
        values={ATTENDEE_GROUPINGS}
        value={options.grouping}
        label={(v) => t(`exports.groupings.${v}`)}
        onChange={(grouping) => set({ grouping })}
      />
      <CheckList
        legend={t('exports.columns')}
        values={ATTENDEE_COLUMNS}
        chosen={options.columns}
        label={(v) => t(`registrations.column.${v}`)}
        onChange={(columns) => set({ columns })}
      />
      <StatusList chosen={options.statuses} onChange={(statuses) => set({ statuses })} />
      <fieldset className="choice">
        <legend>{t('exports.sheets')}</legend>
        <Check label={t('exports.summary')} checked={options.summary} onChange={(v) => set({ summary: v })} />
        <Check
          label={t('exports.signInSheet')}
          checked={options.signInSheet}
          onChange={(v) => set({ signInSheet: v })}
        />
        {options.signInSheet && (
          <label htmlFor={walkInId} className="inline-number">
            {t('exports.walkInRows')}
            <input
              id={walkInId}
              type="number"
              min={0}
              max={500}
              value={options.walkInRows}
              aria-describedby={`${walkInId}-hint`}
              onChange={(e) => set({ walkInRows: Math.max(0, Math.min(500, Math.trunc(Number(e.target.value) || 0))) })}
            />
            <span id={`${walkInId}-hint`} className="muted">
              {t('exports.walkInHint', { max: fmt.number(500) })}
            </span>
          </label>
        )}
        <Check
          label={t('exports.sessionSheets')}
          checked={options.sessionSheets}
          onChange={(v) => set({ sessionSheets: v })}
        />
      </fieldset>
    </>
  );
}

function CardFields<O extends BadgeExport | NameCardExport>({
  options,
  onChange,
}: {
  options: O;
  onChange(o: O): void;
}) {
  const { t } = useTranslation();
  // The fields both kinds share; the badge size only where the options have it.
  const set = (patch: Partial<Omit<BadgeExport, 'kind'>>) => onChange({ ...options, ...patch } as O);
  return (
    <>
      <LanguageChoice
        kind={options.kind}
        values={DOCUMENT_LANGUAGES}
        value={options.language}
        onChange={(language) => set({ language })}
      />
      {options.kind === 'badges' && (
        <RadioChoice
          name="badges-size"
          legend={t('exports.badgeSize')}
          values={BADGE_SIZES}
          value={options.size}
          label={(v) => t(`exports.badgeSizes.${v}`)}
          onChange={(size) => set({ size })}
        />
      )}
      <CheckList
        legend={t('exports.categories')}
        values={REGISTRATION_CATEGORIES}
        chosen={options.categories}
        label={(v) => t(`registrations.category.${v}`)}
        onChange={(categories) => set({ categories })}
      />
      <StatusList chosen={options.statuses} onChange={(statuses) => set({ statuses })} />
    </>
  );
}

function CertificateFields(props: {
  forumId: string;
  options: CertificateExport;
  sessions: readonly Session[];
  onChange(o: CertificateExport): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { options } = props;
  const set = (patch: Partial<CertificateExport>) => props.onChange({ ...options, ...patch });
  const sessionId = useId();
  const title = (s: Session) => titleOf(s, settings.language);
  return (
    <>
      <LanguageChoice
        kind="certificates"
        values={['ar', 'en'] as const}
        value={options.language}
        onChange={(language) => set({ language })}
      />
      <RadioChoice
        name="certificates-kind"
        legend={t('exports.certificateKind')}
        values={CERTIFICATE_KINDS}
        value={options.certificate}
        label={(v) => t(`exports.certificateKinds.${v}`)}
        // Each kind goes to its own people unless chosen otherwise: attendance to participants, thanks to speakers.
        // The people chosen one by one were chosen for the other kind: the new kind starts from its rule.
        onChange={(certificate) =>
          set({ certificate, categories: [...CERTIFICATE_CATEGORIES[certificate]], addedIds: [], removedIds: [] })
        }
      />
      <div className="field">
        <label htmlFor={sessionId}>{t('exports.certificateFor')}</label>
        <select
          id={sessionId}
          value={options.sessionId ?? ''}
          onChange={(e) => set({ sessionId: e.target.value || null })}
        >
          <option value="">{t('exports.wholeForum')}</option>
          {props.sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {title(s) || t(`session.kind.${s.kind}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choice">
        <legend>{t('exports.who')}</legend>
        <Check
          label={t('exports.onlyAttended')}
          checked={options.onlyAttended}
          onChange={(v) => set({ onlyAttended: v })}
        />
      </fieldset>
      <CheckList
        legend={t('exports.certificateCategories')}
        values={REGISTRATION_CATEGORIES}
        chosen={options.categories}
        label={(v) => t(`registrations.category.${v}`)}
        onChange={(categories) => set({ categories })}
      />
      <CertificateRecipients forumId={props.forumId} options={options} onChange={set} />
      <TextField
        id="certificate-signerName"
        label={t('exports.signerName')}
        value={options.signerName}
        onChange={(signerName) => set({ signerName })}
      />
      <TextField
        id="certificate-signerPosition"
        label={t('exports.signerPosition')}
        value={options.signerPosition}
        onChange={(signerPosition) => set({ signerPosition })}
      />
    </>
  );
}

/** The forum file for a colleague's machine: the programme always, registrants and photos as chosen. */
function HandoverFields({ options, onChange }: { options: HandoverExport; onChange(o: HandoverExport): void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<HandoverExport>) => onChange({ ...options, ...patch });
  return (
    <fieldset className="choice" data-testid="handover-content">
      <legend>{t('exports.handoverContent')}</legend>
      <Check
        label={t('exports.includeRegistrations')}
        checked={options.includeRegistrations}
        onChange={(v) => set({ includeRegistrations: v })}
      />
      <Check
        label={t('exports.includePhotos')}
        checked={options.includePhotos}
        onChange={(v) => set({ includePhotos: v })}
      />
    </fieldset>
  );
}

function StatusList(props: {
  chosen: readonly (typeof REGISTRATION_STATUSES)[number][];
  onChange(v: (typeof REGISTRATION_STATUSES)[number][]): void;
}) {
  const { t } = useTranslation();
  return (
    <CheckList
      legend={t('exports.statuses')}
      values={REGISTRATION_STATUSES}
      chosen={props.chosen}
      label={(v) => t(`registrations.status.${v}`)}
      onChange={props.onChange}
    />
  );
}

/** Checkboxes for a list that must keep at least one item (the schemas ask for one). */
function CheckList<V extends string>(props: {
  legend: string;
  values: readonly V[];
  chosen: readonly V[];
  label(value: V): string;
  onChange(values: V[]): void;
}) {
  const toggle = (value: V, on: boolean) => {
    // Keep the canonical order whatever order they were ticked in.
    const next = props.values.filter((v) => (v === value ? on : props.chosen.includes(v)));
    if (next.length > 0) props.onChange(next);
  };
  return (
    <fieldset className="choice checklist">
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <Check
          key={value}
          label={props.label(value)}
          checked={props.chosen.includes(value)}
          disabled={props.chosen.length === 1 && props.chosen.includes(value)}
          onChange={(on) => toggle(value, on)}
        />
      ))}
    </fieldset>
  );
}

function Check(props: { label: string; checked: boolean; disabled?: boolean; onChange(checked: boolean): void }) {
  return (
    <label>
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}

/** The paper's language: Arabic or English, or both where the paper prints both. */
function LanguageChoice<L extends 'ar' | 'en' | 'both'>(props: {
  kind: string;
  values: readonly L[];
  value: L;
  onChange(language: L): void;
}) {
  const { t } = useTranslation();
  return (
    <RadioChoice
      name={`${props.kind}-language`}
      legend={t('exports.language')}
      values={props.values}
      value={props.value}
      label={(v) => t(`exports.languages.${v}`)}
      onChange={props.onChange}
    />
  );
}
