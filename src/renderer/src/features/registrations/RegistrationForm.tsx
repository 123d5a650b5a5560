import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '../../../../shared/domain/person';
import type { Delegation, Session } from '../../../../shared/domain/programme';
import {
  REGISTRANT_TEXT_FIELD_NAMES,
  REGISTRANT_TEXT_FIELDS,
  type RegistrantTextField,
  WALK_IN_TEXT_FIELDS,
} from '../../../../shared/domain/registrant-fields';
import {
  emptyRegistrationInput,
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationInput,
  registrationInputSchema,
} from '../../../../shared/domain/registration';
import { issuesFromZod } from '../../../../shared/errors';
import { registrantName } from '../../../../shared/people/protocol-name';
import { useApp } from '../../app/app-context';
import { sameData, useFormDialog } from '../../components/form-dialog';
import { HonorificTitleFields } from '../../components/HonorificTitleFields';
import { SelectField, TextField } from '../../components/TextField';
import { fieldErrors } from '../../lib/errors';
import { useKeptDraft } from '../../lib/kept-drafts';
import { titleOf } from '../../lib/record-text';
import { delegationName, inputOf } from './registration-text';
import type { SaveOutcome } from './use-registrations';

type TextKey = RegistrantTextField | 'notes';
const NO_GENDER = 'unknown';

/**
 * Add or edit one registration in a dialog: every field of the registration.
 * `walkIn` is the check-in screen's short version (name, organisation,
 * contact, category), saved and checked in at once.
 */
export function RegistrationForm(props: {
  registration: Registration | null;
  /** For a new one: what is already known (the name typed into the check-in search). */
  prefill?: Partial<RegistrationInput>;
  walkIn?: boolean;
  delegations: readonly Delegation[];
  /** The sessions a registrant can choose (workshops, side meetings, field visits). */
  sessions: readonly Session[];
  onSave(input: RegistrationInput & { id?: string; expectedUpdatedAt?: string }): Promise<SaveOutcome>;
  onClose(saved: Registration | null): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const lang = settings.language;
  const ref = useRef<HTMLDialogElement>(null);
  const original = props.registration;
  const [initial] = useState<RegistrationInput>(() =>
    original ? inputOf(original) : { ...emptyRegistrationInput(), ...props.prefill },
  );
  const [draft, setDraft] = useKeptDraft<RegistrationInput>(`registration:${original?.id ?? 'new'}`, initial);
  const { requestClose, focusFirstInvalid } = useFormDialog({
    dirty: !sameData(draft, initial),
    onClose: () => props.onClose(null),
    ref,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof RegistrationInput>(key: K, value: RegistrationInput[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A field's message goes once it is edited; the others stay until the next save.
    setErrors(({ [key]: _fixed, ...others }) => others);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!draft.fullName.trim() && !draft.fullNameEn.trim()) {
      setErrors({ fullName: t('errors.nameRequired') });
      focusFirstInvalid();
      return;
    }
    // Core reads the number to dial from the typed mobile; an unchanged mobile keeps the one it read before.
    const mobileE164 = original && draft.mobile === original.mobile ? original.mobileE164 : null;
    const parsed = registrationInputSchema.safeParse({ ...draft, mobileE164 });
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    const outcome = await props.onSave(
      original ? { ...parsed.data, id: original.id, expectedUpdatedAt: original.updatedAt } : parsed.data,
    );
    setSaving(false);
    if (outcome && 'saved' in outcome) props.onClose(outcome.saved);
    else if (outcome) {
      setErrors(fieldErrors(outcome.issues, t));
      focusFirstInvalid();
    }
  };

  const text = (
    key: TextKey,
    options: {
      dir?: 'ltr' | 'rtl';
      wide?: boolean;
      type?: 'email' | 'tel';
      multiline?: boolean;
      firstFocus?: boolean;
    } = {},
  ) => (
    <TextField
      key={key}
      id={`reg-${key}`}
      label={t(`registrations.field.${key}`)}
      value={draft[key]}
      onChange={(v) => set(key, v)}
      error={errors[key]}
      {...options}
    />
  );
  /** A text field as the registrant fields' table describes it; the name comes first and takes the focus. */
  const registrantText = (key: RegistrantTextField) => {
    const { dir, input, wide } = REGISTRANT_TEXT_FIELDS[key];
    return text(key, {
      ...(dir === 'auto' ? {} : { dir }),
      ...(input === 'text' ? {} : { type: input }),
      wide,
      firstFocus: key === 'fullName',
    });
  };
  const category = (
    <SelectField
      id="reg-category"
      label={t('registrations.field.category')}
      value={draft.category}
      options={REGISTRATION_CATEGORIES}
      optionLabel={(v) => t(`registrations.category.${v}`)}
      onChange={(v) => set('category', v)}
    />
  );
  const toggleSession = (id: string, on: boolean) =>
    set('sessionIds', on ? [...draft.sessionIds, id] : draft.sessionIds.filter((s) => s !== id));
  const sessionTitle = (s: Session) => titleOf(s, lang) || t(`session.kind.${s.kind}`);
  const printed = registrantName(draft, lang);

  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="reg-form-title"
      data-testid="registration-form"
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="reg-form-title">
          {props.walkIn
            ? t('checkIn.walkInTitle')
            : original
              ? t('registrations.editTitle', { code: original.code })
              : t('registrations.newTitle')}
        </h2>
        {!props.walkIn && printed && (
          <p className="printed-name" data-testid="printed-name">
            <span className="muted">{t('person.printedAs')}</span> <bdi>{printed}</bdi>
          </p>
        )}
        {props.walkIn ? (
          <div className="form-grid compact">
            {WALK_IN_TEXT_FIELDS.map((key) => registrantText(key))}
            {category}
          </div>
        ) : (
          <>
            <div className="form-grid">
              <HonorificTitleFields
                idPrefix="reg"
                honorific={draft.honorific}
                title={draft.title}
                onHonorific={(v) => set('honorific', v)}
                onTitle={(v) => set('title', v)}
              />
              <SelectField
                id="reg-gender"
                label={t('person.field.gender')}
                value={draft.gender ?? NO_GENDER}
                options={[NO_GENDER, ...GENDERS]}
                optionLabel={(v) => (v === NO_GENDER ? t('registrations.genderUnknown') : t(`person.gender.${v}`))}
                onChange={(v) => set('gender', v === NO_GENDER ? null : v)}
              />
              {REGISTRANT_TEXT_FIELD_NAMES.map((key) => registrantText(key))}
              {category}
              <SelectField
                id="reg-status"
                label={t('registrations.field.status')}
                value={draft.status}
                options={REGISTRATION_STATUSES}
                optionLabel={(v) => t(`registrations.status.${v}`)}
                onChange={(v) => set('status', v)}
              />
              <SelectField
                id="reg-delegation"
                label={t('registrations.field.delegation')}
                value={draft.delegationId ?? ''}
                options={['', ...props.delegations.map((d) => d.id)]}
                optionLabel={(id) => {
                  const d = props.delegations.find((x) => x.id === id);
                  return d ? delegationName(d, lang) : t('registrations.noDelegation');
                }}
                onChange={(id) => set('delegationId', id || null)}
              />
            </div>
            {props.sessions.length > 0 && (
              <fieldset className="session-choices">
                <legend>{t('registrations.field.sessionIds')}</legend>
                {props.sessions.map((s) => (
                  <label key={s.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={draft.sessionIds.includes(s.id)}
                      onChange={(e) => toggleSession(s.id, e.target.checked)}
                    />
                    <span>
                      {sessionTitle(s)}{' '}
                      <small className="muted">
                        {fmt.dayBoth(s.day)[0]} · {fmt.clock(s.start)}
                      </small>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            <div className="form-grid">{text('notes', { wide: true, multiline: true })}</div>
          </>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('common.saving') : props.walkIn ? t('checkIn.walkInSave') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={requestClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
