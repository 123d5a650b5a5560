import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import { todayIso } from '../../../../shared/calendar/hijri';
import { readEditionNumber } from '../../../../shared/domain/edition';
import {
  emptyForumInput,
  FORUM_KINDS,
  FORUM_STATUSES,
  type Forum,
  type ForumInput,
  forumInputSchema,
  PHONE_COUNTRIES,
} from '../../../../shared/domain/forum';
import { issuesFromZod } from '../../../../shared/errors';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DualDateField } from '../../components/DualDateField';
import { refusedBox, sameData, useFormDialog } from '../../components/form-dialog';
import { ListEditor } from '../../components/ListEditor';
import { SelectField } from '../../components/TextField';
import { ApiError, api } from '../../lib/api';
import { describeError, fieldErrors } from '../../lib/errors';
import { eventLength, LONG_EVENT_DAYS, lastDayAfterMove } from '../../lib/event-days';
import { useKeptDraft } from '../../lib/kept-drafts';
import { isStaleEdit, staleEditMessage } from '../../lib/stale-edit';
import { EditionFields } from './EditionFields';
import { LogosEditor } from './LogosEditor';

type Draft = Omit<ForumInput, 'expectedAttendance' | 'editionNumber'> & {
  expectedAttendance: string;
  editionNumber: string;
};

const toDraft = (input: ForumInput): Draft => ({
  ...input,
  // The English fields, as empty boxes for a forum saved before they existed.
  sloganEn: input.sloganEn ?? '',
  patronEn: input.patronEn ?? '',
  organisersEn: input.organisersEn ?? [],
  partnersEn: input.partnersEn ?? [],
  objectivesEn: input.objectivesEn ?? [],
  descriptionEn: input.descriptionEn ?? '',
  venue: {
    ...input.venue,
    hotelEn: input.venue.hotelEn ?? '',
    hallEn: input.venue.hallEn ?? '',
    cityEn: input.venue.cityEn ?? '',
    countryEn: input.venue.countryEn ?? '',
  },
  expectedAttendance: input.expectedAttendance === null ? '' : String(input.expectedAttendance),
  editionNumber: input.editionNumber === null ? '' : String(input.editionNumber),
});

/** The draft as the schema expects it; `null` attendance when the box is empty. */
function fromDraft(draft: Draft): ForumInput | 'badAttendance' | 'badEdition' {
  const raw = toLatinDigits(draft.expectedAttendance).trim();
  const attendance = raw === '' ? null : Number(raw);
  if (attendance !== null && (!Number.isInteger(attendance) || attendance < 0)) return 'badAttendance';
  const editionNumber = readEditionNumber(draft.editionNumber);
  if (editionNumber === 'bad') return 'badEdition';
  const organisers = cleanPairs(draft.organisers, draft.organisersEn);
  const partners = cleanPairs(draft.partners, draft.partnersEn);
  const objectives = cleanPairs(draft.objectives, draft.objectivesEn);
  return {
    ...draft,
    organisers: organisers.items,
    organisersEn: organisers.itemsEn,
    partners: partners.items,
    partnersEn: partners.itemsEn,
    objectives: objectives.items,
    objectivesEn: objectives.itemsEn,
    expectedAttendance: attendance,
    editionNumber,
  };
}

/**
 * A list's rows as saved: trimmed, empty rows gone, each English kept beside
 * its item. A row with only the English is an item written in English (an
 * organiser known by a Latin name): it is the item, with no English apart.
 */
function cleanPairs(items: string[], itemsEn: string[] = []): { items: string[]; itemsEn: string[] } {
  const rows = items
    .map((item, i) => ({ item: item.trim(), en: (itemsEn[i] ?? '').trim() }))
    .filter((row) => row.item || row.en)
    .map((row) => (row.item ? row : { item: row.en, en: '' }));
  return { items: rows.map((row) => row.item), itemsEn: rows.map((row) => row.en) };
}

const phoneCountries = (current: string): readonly string[] =>
  (PHONE_COUNTRIES as readonly string[]).includes(current) ? PHONE_COUNTRIES : [current, ...PHONE_COUNTRIES];

/** Create or edit a forum: every field of an event. Ctrl+S saves; Esc leaves (asking first when something is unsaved). */
export function ForumForm(props: { forum: Forum | null; onDone(saved: Forum | null): void }) {
  const { t } = useTranslation();
  const { notify, fmt, settings } = useApp();
  const { refreshHistory } = useData();
  /** The version the form was filled from: its revision goes with the save, so a save over a newer one is refused. */
  const [base, setBase] = useState<Forum | null>(props.forum);
  const [initial, setInitial] = useState<Draft>(() => toDraft(props.forum ?? emptyForumInput(todayIso())));
  const [draft, setDraft] = useKeptDraft<Draft>(`forum:${props.forum?.id ?? 'new'}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  /** A valid event longer than two weeks, waiting for the user to confirm its length. */
  const [longEvent, setLongEvent] = useState<ForumInput | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { requestClose, focusFirstInvalid } = useFormDialog({
    dirty: !sameData(draft, initial),
    onClose: () => props.onDone(null),
    ref: formRef,
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setVenue = (key: keyof Draft['venue'], value: string) =>
    setDraft((d) => ({ ...d, venue: { ...d.venue, [key]: value } }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    // A date box still holding a day it refused: saving now would keep the old day behind the user's back.
    const refusedDay = refusedBox(formRef.current);
    if (refusedDay) {
      setFormError(t('errors.fixBelow'));
      refusedDay.focus();
      return;
    }
    const input = fromDraft(draft);
    if (input === 'badEdition') {
      setErrors({ editionNumber: t('errors.editionNumber') });
      setFormError(t('errors.fixBelow'));
      focusFirstInvalid();
      return;
    }
    if (input === 'badAttendance') {
      setErrors({ expectedAttendance: t('errors.attendance') });
      setFormError(t('errors.fixBelow'));
      focusFirstInvalid();
      return;
    }
    const parsed = forumInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      setFormError(t('errors.fixBelow'));
      focusFirstInvalid();
      return;
    }
    const days = eventLength(parsed.data.firstDay, parsed.data.lastDay);
    const savedDays = base ? eventLength(base.firstDay, base.lastDay) : 0;
    // Asked once for a length the user has not confirmed before (a saved long event is not asked again).
    if (days > LONG_EVENT_DAYS && days !== savedDays) {
      setLongEvent(parsed.data);
      return;
    }
    await persist(parsed.data);
  };

  const daysText = (days: number) => t('forum.days', { count: days, number: fmt.number(days) });

  const persist = async (input: ForumInput) => {
    setSaving(true);
    try {
      const saved = base
        ? await api['forums.update']({ id: base.id, input, expectedUpdatedAt: base.updatedAt })
        : await api['forums.create'](input);
      notify({ message: t(props.forum ? 'forum.updated' : 'forum.created') });
      void refreshHistory();
      props.onDone(saved);
    } catch (error) {
      if (base && isStaleEdit(error)) {
        await showNewer(base);
        return;
      }
      if (error instanceof ApiError && error.issues.length) {
        setErrors(fieldErrors(error.issues, t));
        focusFirstInvalid();
      }
      setFormError(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  /**
   * Saved meanwhile in another window: the form now holds the newer version,
   * and says what that window changed and when, so the change is made again
   * on it rather than lost over it.
   */
  const showNewer = async (old: Forum) => {
    try {
      const newer = await api['forums.get']({ id: old.id });
      const name = forumTitle(newer, settings.language);
      setBase(newer);
      setInitial(toDraft(newer));
      setDraft(toDraft(newer));
      setErrors({});
      setFormError(staleEditMessage(t, fmt, { kind: 'forum', name, base: old, newer }));
    } catch (error) {
      setFormError(
        error instanceof ApiError && error.code === 'not_found'
          ? staleEditMessage(t, fmt, {
              kind: 'forum',
              name: forumTitle(old, settings.language),
              base: old,
              newer: undefined,
            })
          : describeError(error, t),
      );
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const text = (
    key: 'titleAr' | 'titleEn' | 'slogan' | 'sloganEn' | 'patron' | 'patronEn',
    hint?: string,
    dir?: 'ltr' | 'rtl',
  ) => (
    <label className="field span-2" htmlFor={`forum-${key}`}>
      <span>{t(`forum.field.${key}`)}</span>
      <input
        id={`forum-${key}`}
        type="text"
        dir={dir ?? 'auto'}
        value={draft[key]}
        placeholder={hint}
        aria-invalid={errors[key] !== undefined}
        onChange={(e) => set(key, e.target.value)}
      />
      {errors[key] && <span className="field-error">{errors[key]}</span>}
    </label>
  );

  return (
    <main className="page">
      <form className="forum-form" onSubmit={submit} noValidate ref={formRef}>
        <div className="page-head">
          <h1>{t(props.forum ? 'forum.editTitle' : 'forum.newTitle')}</h1>
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={requestClose}>
            {t('common.cancel')}
          </button>
        </div>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}

        <div className="form-grid">
          <label className="field" htmlFor="forum-kind">
            <span>{t('forum.field.kind')}</span>
            <select id="forum-kind" value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
              {FORUM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`forum.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor="forum-status">
            <span>{t('forum.field.status')}</span>
            <select
              id="forum-status"
              value={draft.status}
              onChange={(e) => set('status', e.target.value as Draft['status'])}
            >
              {FORUM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`forum.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <EditionFields
            draft={draft}
            error={errors.editionNumber}
            onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          />
          {text('titleAr', undefined, 'rtl')}
          {text('titleEn', undefined, 'ltr')}
          {text('slogan')}
          {text('sloganEn', undefined, 'ltr')}
          {text('patron', t('forum.field.patronHint'))}
          {text('patronEn', t('forum.field.patronEnHint'), 'ltr')}
          <label className="field" htmlFor="forum-expectedAttendance">
            <span>{t('forum.field.expectedAttendance')}</span>
            <input
              id="forum-expectedAttendance"
              type="text"
              inputMode="numeric"
              value={draft.expectedAttendance}
              aria-invalid={errors.expectedAttendance !== undefined}
              onChange={(e) => set('expectedAttendance', e.target.value)}
            />
            {errors.expectedAttendance && <span className="field-error">{errors.expectedAttendance}</span>}
          </label>
          <SelectField
            id="forum-phoneCountry"
            label={t('forum.field.phoneCountry')}
            value={draft.phoneCountry}
            // A code set outside the list (an older file, another country) stays choosable.
            options={phoneCountries(draft.phoneCountry)}
            // Left to right, as the numbers it sets: a select draws its options without bidi
            // isolates or marks, so in a right-to-left one «+966 السعودية» shows as «966+ السعودية».
            dir="ltr"
            optionLabel={(code) => `+${code} ${t(`forum.phoneCountry.${code}`, { defaultValue: '' })}`}
            onChange={(code) => set('phoneCountry', code)}
          />
        </div>

        <div className="form-grid two">
          <DualDateField
            id="forum-firstDay"
            label={t('forum.field.firstDay')}
            value={draft.firstDay}
            error={errors.firstDay}
            onChange={(iso) =>
              setDraft((d) => ({ ...d, firstDay: iso, lastDay: lastDayAfterMove(d.firstDay, d.lastDay, iso) }))
            }
          />
          <DualDateField
            id="forum-lastDay"
            label={t('forum.field.lastDay')}
            value={draft.lastDay}
            error={errors.lastDay}
            onChange={(iso) => set('lastDay', iso)}
          />
        </div>

        <fieldset className="form-grid">
          <legend>{t('forum.field.venue')}</legend>
          {(['hotel', 'hall', 'city', 'country'] as const).map((key) => (
            <label className="field" htmlFor={`forum-venue-${key}`} key={key}>
              <span>{t(`forum.field.${key}`)}</span>
              <input
                id={`forum-venue-${key}`}
                type="text"
                dir="auto"
                value={draft.venue[key]}
                onChange={(e) => setVenue(key, e.target.value)}
              />
            </label>
          ))}
          {(['hotelEn', 'hallEn', 'cityEn', 'countryEn'] as const).map((key) => (
            <label className="field" htmlFor={`forum-venue-${key}`} key={key}>
              <span>{t(`forum.field.${key}`)}</span>
              <input
                id={`forum-venue-${key}`}
                type="text"
                dir="ltr"
                value={draft.venue[key] ?? ''}
                onChange={(e) => setVenue(key, e.target.value)}
              />
            </label>
          ))}
        </fieldset>

        <div className="form-grid two">
          {(['organisers', 'partners'] as const).map((key) => (
            <ListEditor
              key={key}
              id={`forum-${key}`}
              label={t(`forum.field.${key}`)}
              items={draft[key]}
              placeholder={t(`forum.itemPlaceholder.${key}`)}
              onChange={(items) => set(key, items)}
              english={{
                label: t(`forum.field.${key}En`),
                items: draft[`${key}En`] ?? [],
                onChange: (items) => set(`${key}En`, items),
              }}
            />
          ))}
        </div>
        <LogosEditor logos={draft.logos} errors={errors} onChange={(logos) => set('logos', logos)} />
        <ListEditor
          id="forum-objectives"
          label={t('forum.field.objectives')}
          items={draft.objectives}
          placeholder={t('forum.itemPlaceholder.objectives')}
          onChange={(items) => set('objectives', items)}
          english={{
            label: t('forum.field.objectivesEn'),
            items: draft.objectivesEn ?? [],
            onChange: (items) => set('objectivesEn', items),
          }}
        />
        <label className="field wide" htmlFor="forum-description">
          <span>{t('forum.field.description')}</span>
          <textarea
            id="forum-description"
            rows={5}
            dir="auto"
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </label>
        <label className="field wide" htmlFor="forum-descriptionEn">
          <span>{t('forum.field.descriptionEn')}</span>
          <textarea
            id="forum-descriptionEn"
            rows={5}
            dir="ltr"
            value={draft.descriptionEn ?? ''}
            onChange={(e) => set('descriptionEn', e.target.value)}
          />
        </label>
      </form>
      {longEvent && (
        <ConfirmDialog
          title={t('forum.longEvent.title', {
            days: daysText(eventLength(longEvent.firstDay, longEvent.lastDay)),
          })}
          body={t('forum.longEvent.body', {
            from: fmt.dayBoth(longEvent.firstDay).join(' — '),
            to: fmt.dayBoth(longEvent.lastDay).join(' — '),
          })}
          confirmLabel={t('forum.longEvent.confirm')}
          cancelLabel={t('forum.longEvent.check')}
          testId="long-event-question"
          onConfirm={() => {
            const input = longEvent;
            setLongEvent(null);
            void persist(input);
          }}
          // "Check the dates" leads to the last day (after saving, the form and its box are gone).
          returnFocus={() => document.getElementById('forum-lastDay-gregorian')}
          onCancel={() => setLongEvent(null)}
        />
      )}
    </main>
  );
}
