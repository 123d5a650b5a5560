import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emptyPersonInput,
  GENDERS,
  type Person,
  type PersonInput,
  personInputSchema,
} from '../../../../shared/domain/person';
import { issuesFromZod } from '../../../../shared/errors';
import { protocolName } from '../../../../shared/people/protocol-name';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { sameData, useFormDialog } from '../../components/form-dialog';
import { HonorificTitleFields } from '../../components/HonorificTitleFields';
import { OrganisationSelect } from '../../components/OrganisationSelect';
import { SelectField, TextField } from '../../components/TextField';
import { api } from '../../lib/api';
import { fieldErrors } from '../../lib/errors';
import { useKeptDraft } from '../../lib/kept-drafts';
import { personName } from '../../lib/people-text';
import { resizedPhotoBase64 } from '../../lib/photo';
import { STALE, staleAware, staleEditMessage } from '../../lib/stale-edit';

/** The form's fields of a person (a new one's are empty). */
function inputOf(person: Person | null): PersonInput {
  if (!person) return emptyPersonInput();
  const { id: _i, photo: _p, createdAt: _c, updatedAt: _u, ...input } = person;
  return input;
}

/** Add or edit a person: every field of a person, with the printed name previewed as you type. */
export function PersonForm(props: { person: Person | null; onDone(saved: Person | null): void }) {
  const { t } = useTranslation();
  const { notify, fmt, settings } = useApp();
  const { change } = useData();
  /** The version the form was filled from: its revision goes with the save (a newer one saved elsewhere wins). */
  const [base, setBase] = useState<Person | null>(props.person);
  const [initial, setInitial] = useState<PersonInput>(() => inputOf(props.person));
  const [draft, setDraft] = useKeptDraft<PersonInput>(`person:${props.person?.id ?? 'new'}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  const [pendingPhoto, setPendingPhoto] = useState<string | null | undefined>(undefined);
  const idRef = useRef(props.person?.id ?? crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const { requestClose, focusFirstInvalid } = useFormDialog({
    dirty: !sameData(draft, initial) || pendingPhoto !== undefined,
    onClose: () => props.onDone(null),
    ref: formRef,
  });

  useEffect(() => {
    if (!props.person?.photo) return;
    api['people.photo']({ id: props.person.id })
      .then((r) => setPhotoUrl(r.dataUrl))
      .catch(() => setPhotoUrl(null));
  }, [props.person]);

  const set = <K extends keyof PersonInput>(key: K, value: PersonInput[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A field's message goes as it is edited (a name typed in either language answers "type the name").
    const fixed: string[] = key === 'nameAr' || key === 'nameEn' ? ['nameAr', 'nameEn'] : [key];
    setErrors((e) =>
      fixed.some((k) => k in e) ? Object.fromEntries(Object.entries(e).filter(([k]) => !fixed.includes(k))) : e,
    );
  };

  const pickPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const base64 = await resizedPhotoBase64(file);
      setPendingPhoto(base64);
      setPhotoUrl(`data:image/jpeg;base64,${base64}`);
    } catch {
      notify({ message: t('errors.photoType'), tone: 'error' });
    }
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = personInputSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      focusFirstInvalid();
      return;
    }
    const id = idRef.current;
    const expectedUpdatedAt = base?.updatedAt;
    let saved = await change(
      staleAware(() => api['people.save']({ ...parsed.data, id, expectedUpdatedAt })),
      {
        directory: true,
      },
    );
    if (saved === STALE) {
      // Saved meanwhile in another window: the form now holds that newer version, and says what changed.
      const newer = (await api['directory.get']().catch(() => null))?.people.find((p) => p.id === id);
      if (base) {
        const name = personName(base, settings.language);
        notify({ message: staleEditMessage(t, fmt, { kind: 'person', name, base, newer }), tone: 'error' });
      }
      if (!newer) return props.onDone(null);
      setBase(newer);
      setInitial(inputOf(newer));
      setDraft(inputOf(newer));
      return;
    }
    if (saved && pendingPhoto !== undefined) {
      saved = await change(() => api['people.setPhoto']({ id, base64: pendingPhoto }), { directory: true });
    }
    if (saved) props.onDone(saved);
  };

  const printed = [
    ...new Set(
      [draft.nameAr.trim() && protocolName(draft, 'ar'), draft.nameEn.trim() && protocolName(draft, 'en')].filter(
        Boolean,
      ),
    ),
  ];

  const text = (
    key: keyof PersonInput & string,
    options: { dir?: 'ltr' | 'rtl'; wide?: boolean; type?: 'email' | 'tel'; multiline?: boolean } = {},
  ) => (
    <TextField
      id={`person-${key}`}
      label={t(`person.field.${key}`)}
      value={draft[key] as string}
      onChange={(v) => set(key, v as never)}
      error={errors[key]}
      {...options}
    />
  );

  return (
    <form ref={formRef} className="panel person-form" onSubmit={submit} noValidate aria-labelledby="person-form-title">
      <div className="page-head">
        <h2 id="person-form-title">{t(props.person ? 'person.editTitle' : 'person.newTitle')}</h2>
        <button type="submit" className="button primary">
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={requestClose}>
          {t('common.cancel')}
        </button>
      </div>
      <p className="printed-name" data-testid="printed-name">
        <span className="muted">{t('person.printedAs')}</span>{' '}
        {/* Each language once: with no English name the English programme prints the Arabic one, said once here. */}
        {printed.map((name, i) => (
          <span key={name}>
            {i > 0 && ' · '}
            <bdi>{name}</bdi>
          </span>
        ))}
      </p>
      <div className="form-grid">
        <HonorificTitleFields
          idPrefix="person"
          honorific={draft.honorific}
          title={draft.title}
          onHonorific={(v) => set('honorific', v)}
          onTitle={(v) => set('title', v)}
        />
        <SelectField
          id="person-gender"
          label={t('person.field.gender')}
          value={draft.gender}
          options={GENDERS}
          optionLabel={(v) => t(`person.gender.${v}`)}
          onChange={(v) => set('gender', v)}
        />
        {text('nameAr', { dir: 'rtl', wide: true })}
        {text('nameEn', { dir: 'ltr', wide: true })}
        {text('positionAr', { dir: 'rtl', wide: true })}
        {text('positionEn', { dir: 'ltr', wide: true })}
        <OrganisationSelect
          allowCreate
          id="person-organisation"
          value={draft.organisationId}
          onChange={(id) => set('organisationId', id)}
          error={errors.organisationId}
        />
        {text('country')}
        {text('email', { dir: 'ltr', type: 'email' })}
        {text('mobile', { dir: 'ltr', type: 'tel' })}
        {text('bioAr', { dir: 'rtl', wide: true, multiline: true })}
        {text('bioEn', { dir: 'ltr', wide: true, multiline: true })}
        <div className="field photo-field">
          <span>{t('person.field.photo')}</span>
          {photoUrl ? <img src={photoUrl} alt="" className="photo" /> : <span className="photo empty-photo" />}
          <label className="button small">
            {t('person.choosePhoto')}
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              className="sr-only"
              data-testid="photo-input"
              onChange={(e) => void pickPhoto(e.target.files?.[0])}
            />
          </label>
          {photoUrl && (
            <button
              type="button"
              className="button small danger-outline"
              onClick={() => {
                setPendingPhoto(null);
                setPhotoUrl(null);
              }}
            >
              {t('person.removePhoto')}
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
