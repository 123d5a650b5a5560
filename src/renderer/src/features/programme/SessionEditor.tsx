import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CEREMONY_KINDS,
  type Hall,
  ITEM_KINDS,
  PROGRAMME_WIDE_KINDS,
  SESSION_KINDS,
  type Session,
  type SessionItem,
  sessionKindTraits,
  sessionSchema,
} from '../../../../shared/domain/programme';
import { DAY_MINUTES, fromProtocolRows, protocolRows, speakerListOf } from '../../../../shared/domain/programme-edit';
import { issuesFromZod } from '../../../../shared/errors';
import { HONORIFIC_RANK } from '../../../../shared/people/protocol-name';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ClockField } from '../../components/ClockField';
import { refusedBox, sameData, useFormDialog } from '../../components/form-dialog';
import { MoveButtons } from '../../components/MoveButtons';
import { PersonPicker } from '../../components/PersonPicker';
import { ProtocolList } from '../../components/ProtocolList';
import { SelectField, TextField, WrappingInput } from '../../components/TextField';
import { fieldErrors } from '../../lib/errors';
import { useKeptDraft } from '../../lib/kept-drafts';
import { personName } from '../../lib/people-text';
import { nameOf as recordName } from '../../lib/record-text';
import { FieldStopsEditor } from './FieldStopsEditor';
import { chairRole, withKind, withTitle } from './session-kind';

/**
 * Edit one session: kind, titles, day and times, hall or place, chair, items in running order, head table,
 * those present, and a field visit's stops.
 */
export function SessionEditor(props: {
  session: Session;
  days: readonly string[];
  halls: readonly Hall[];
  onSave(session: Session): Promise<boolean>;
  onDuplicate(session: Session): void;
  onDelete(session: Session): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { people } = useData();
  // Keyed by revision too: after a refusal the editor opens afresh on the newer version, not on the old draft.
  const [draft, setDraft] = useKeptDraft(`session:${props.session.id}@${props.session.updatedAt}`, props.session);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const lang = settings.language;
  const nameOf = (id: string) => {
    const person = people.get(id);
    return person ? personName(person, lang) : t('programme.unknownPerson');
  };
  const rankOf = (id: string) => HONORIFIC_RANK[people.get(id)?.honorific ?? 'none'];
  const nextDay = draft.end >= DAY_MINUTES;
  // Checked as the times are typed: an end at or before the start is past midnight only when that is ticked.
  const endProblem = draft.end <= draft.start ? t('errors.endBeforeStart') : undefined;
  // An item's own time, checked the same way: the form is not saved while one ends before it starts.
  const itemEndProblem = (item: SessionItem) =>
    item.time && item.time.end <= item.time.start ? t('errors.itemEndBeforeStart') : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const { requestClose, focusFirstInvalid } = useFormDialog({
    dirty: !sameData(draft, props.session),
    onClose: props.onClose,
    ref: formRef,
  });

  const set = <K extends keyof Session>(key: K, value: Session[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setItem = (id: string, patch: Partial<SessionItem>) =>
    setDraft((d) => ({ ...d, items: d.items.map((i) => (i.id === id ? { ...i, ...patch } : i)) }));
  const moveItem = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const items = [...d.items];
      const [item] = items.splice(index, 1);
      if (item) items.splice(index + by, 0, item);
      return { ...d, items };
    });

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const refused = refusedBox(formRef.current);
    if (refused) {
      refused.focus();
      return;
    }
    if (endProblem || draft.items.some(itemEndProblem)) {
      focusFirstInvalid();
      return;
    }
    const parsed = sessionSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(fieldErrors(issuesFromZod(parsed.error), t));
      focusFirstInvalid();
      return;
    }
    if (await props.onSave(parsed.data)) props.onClose();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // A ceremony's speakers in an order of their own (protocol); any other session's follow its items.
  const speakers = speakerListOf(draft, rankOf);
  // One protocol list: the head table (at a ceremony, or when someone sits at it) and the speakers together.
  const hasHeadTable = CEREMONY_KINDS.has(draft.kind) || draft.headTableIds.length > 0;
  const speaking = new Set(speakers);
  const atHeadTable = new Set(draft.headTableIds);
  const rows = hasHeadTable ? protocolRows(draft.headTableIds, speakers, rankOf) : speakers;
  /** The list as the user left it: someone added through its picker sits at the head table. */
  const setRows = (next: string[], head: ReadonlySet<string> = atHeadTable) => {
    const seated = new Set([...head, ...next.filter((id) => !rows.includes(id))]);
    setDraft((d) => ({ ...d, ...fromProtocolRows(next, seated, speaking) }));
  };
  const seat = (id: string, seated: boolean) => {
    const head = new Set(atHeadTable);
    if (seated) head.add(id);
    else head.delete(id);
    setRows(rows, head);
  };
  const days = props.days.includes(draft.day) ? props.days : [...props.days, draft.day];

  return (
    <form
      ref={formRef}
      className="panel session-editor"
      onSubmit={save}
      noValidate
      aria-labelledby="session-editor-title"
      data-testid="session-editor"
    >
      <div className="page-head">
        <h2 id="session-editor-title">{t('programme.editSession')}</h2>
        <button type="submit" className="button primary">
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={requestClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="form-grid compact">
        <SelectField
          id="session-kind"
          label={t('programme.field.kind')}
          value={draft.kind}
          options={SESSION_KINDS}
          optionLabel={(k) => t(`session.kind.${k}`)}
          onChange={(k) => setDraft((d) => withKind(d, k, props.halls[0]?.id ?? null))}
        />
        <label className="field" htmlFor="session-day">
          <span>{t('programme.field.day')}</span>
          <select id="session-day" value={draft.day} onChange={(e) => set('day', e.target.value)}>
            {days.map((d) => (
              <option key={d} value={d}>
                {fmt.dayBoth(d)[0]}
              </option>
            ))}
          </select>
        </label>
        <TextField
          id="session-titleAr"
          label={t('programme.field.titleAr')}
          dir="rtl"
          wraps
          wide
          value={draft.titleAr}
          onChange={(v) => setDraft((d) => withTitle(d, 'titleAr', v))}
          error={errors.titleAr}
        />
        <TextField
          id="session-titleEn"
          label={t('programme.field.titleEn')}
          dir="ltr"
          wraps
          wide
          value={draft.titleEn}
          onChange={(v) => setDraft((d) => withTitle(d, 'titleEn', v))}
          error={errors.titleEn}
        />
        <ClockField
          id="session-start"
          label={t('programme.field.start')}
          minutes={draft.start}
          onChange={(m) => set('start', m)}
        />
        <ClockField
          id="session-end"
          label={t('programme.field.end')}
          minutes={draft.end % DAY_MINUTES}
          onChange={(m) => set('end', m + (nextDay ? DAY_MINUTES : 0))}
          error={endProblem}
        >
          <span className="checkbox">
            <input
              id="session-next-day"
              type="checkbox"
              checked={nextDay}
              onChange={(e) => set('end', (draft.end % DAY_MINUTES) + (e.target.checked ? DAY_MINUTES : 0))}
            />
            <label htmlFor="session-next-day">{t('programme.field.endsNextDay')}</label>
          </span>
        </ClockField>
        <label className="field" htmlFor="session-hall">
          <span>{t('programme.field.hall')}</span>
          <select id="session-hall" value={draft.hallId ?? ''} onChange={(e) => set('hallId', e.target.value || null)}>
            <option value="">{t('programme.noHall')}</option>
            {props.halls.map((h) => (
              <option key={h.id} value={h.id}>
                {recordName(h, lang)}
              </option>
            ))}
          </select>
        </label>
        <TextField
          id="session-place"
          label={t('programme.field.place')}
          value={draft.place}
          onChange={(v) => set('place', v)}
          hint={t('programme.placeHint')}
        />
        <TextField
          id="session-placeEn"
          label={t('programme.field.placeEn')}
          dir="ltr"
          value={draft.placeEn ?? ''}
          onChange={(v) => set('placeEn', v)}
        />
        <TextField
          id="session-attendance"
          label={t('programme.field.expectedAttendance')}
          dir="ltr"
          value={draft.expectedAttendance === null ? '' : String(draft.expectedAttendance)}
          onChange={(v) => {
            const n = Number.parseInt(toLatinDigits(v), 10);
            set('expectedAttendance', Number.isFinite(n) && n >= 0 ? n : null);
          }}
          hint={t('programme.attendanceHint')}
        />
        <div className="field">
          <span>{t(`programme.field.${chairRole(draft.kind)}`)}</span>
          <PersonPicker
            label={t('programme.field.chair')}
            personId={draft.chairId}
            onChange={(id) => set('chairId', id)}
            testId="chair-picker"
          />
        </div>
      </div>

      <fieldset className="items">
        <legend>{t('programme.items')}</legend>
        <ol>
          {draft.items.map((item, index) => (
            <li key={item.id} className="item-row" data-testid="item-row">
              <select
                aria-label={t('programme.field.itemKind')}
                value={item.kind}
                onChange={(e) => setItem(item.id, { kind: e.target.value as SessionItem['kind'] })}
              >
                {ITEM_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`session.item.${k}`)}
                  </option>
                ))}
              </select>
              <WrappingInput
                dir="rtl"
                aria-label={t('programme.field.itemTitleAr')}
                placeholder={t('programme.field.itemTitleAr')}
                value={item.titleAr}
                onChange={(v) => setItem(item.id, { titleAr: v })}
              />
              <WrappingInput
                dir="ltr"
                aria-label={t('programme.field.itemTitleEn')}
                placeholder={t('programme.field.itemTitleEn')}
                value={item.titleEn}
                onChange={(v) => setItem(item.id, { titleEn: v })}
              />
              <PersonPicker
                label={t('programme.field.presenter')}
                personId={item.personId}
                text={item.nameWithoutRecord}
                allowText
                onChange={(personId, text) => setItem(item.id, { personId, nameWithoutRecord: personId ? '' : text })}
                testId="presenter-picker"
              />
              <span className="item-time">
                <span className="checkbox">
                  <input
                    id={`item-own-time-${item.id}`}
                    type="checkbox"
                    checked={Boolean(item.time)}
                    onChange={(e) =>
                      setItem(item.id, {
                        time: e.target.checked
                          ? { start: draft.start, end: Math.min(draft.end, draft.start + 20) }
                          : null,
                      })
                    }
                  />
                  <label htmlFor={`item-own-time-${item.id}`}>{t('programme.field.itemOwnTime')}</label>
                </span>
                {item.time && (
                  <>
                    <ClockField
                      id={`item-start-${item.id}`}
                      label={t('programme.field.itemStart')}
                      minutes={item.time.start}
                      onChange={(m) => setItem(item.id, { time: { start: m, end: item.time?.end ?? m } })}
                    />
                    <ClockField
                      id={`item-end-${item.id}`}
                      label={t('programme.field.itemEnd')}
                      minutes={item.time.end}
                      onChange={(m) => setItem(item.id, { time: { start: item.time?.start ?? m, end: m } })}
                      error={itemEndProblem(item)}
                    />
                  </>
                )}
              </span>
              <span className="row-actions">
                <MoveButtons
                  upLabel={t('common.moveUp')}
                  downLabel={t('common.moveDown')}
                  onUp={index === 0 ? undefined : () => moveItem(index, -1)}
                  onDown={index === draft.items.length - 1 ? undefined : () => moveItem(index, 1)}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('common.remove')}
                  onClick={() =>
                    set(
                      'items',
                      draft.items.filter((i) => i.id !== item.id),
                    )
                  }
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button small"
          onClick={() =>
            set('items', [
              ...draft.items,
              {
                id: crypto.randomUUID(),
                kind: sessionKindTraits(draft.kind).newItem,
                titleAr: '',
                titleEn: '',
                personId: null,
                nameWithoutRecord: '',
              },
            ])
          }
        >
          {t('programme.addItem')}
        </button>
      </fieldset>

      {(hasHeadTable || (CEREMONY_KINDS.has(draft.kind) && speakers.length > 1)) && (
        <ProtocolList
          label={t(
            !hasHeadTable
              ? 'programme.speakerOrder'
              : speakers.length > 0
                ? 'programme.headTableAndSpeakers'
                : 'programme.headTable',
          )}
          ids={rows}
          onChange={(ids) => setRows(ids)}
          editable={hasHeadTable}
          removable={(id) => !speaking.has(id)}
          rowExtra={(id) =>
            hasHeadTable &&
            speaking.has(id) && (
              <label className="protocol-role">
                <input
                  type="checkbox"
                  aria-label={t('programme.seatNamed', { name: nameOf(id) })}
                  checked={atHeadTable.has(id)}
                  onChange={(e) => seat(id, e.target.checked)}
                />
                {t('programme.atHeadTable')}
              </label>
            )
          }
          testId={hasHeadTable ? 'head-table' : 'speaker-order'}
        />
      )}

      {!PROGRAMME_WIDE_KINDS.has(draft.kind) && (
        <ProtocolList
          label={t(draft.kind === 'field_visit' ? 'visit.accompanying' : 'visit.present')}
          ids={draft.presentIds}
          onChange={(ids) => set('presentIds', ids)}
          editable
          testId="present-list"
        />
      )}

      {(draft.kind === 'field_visit' || draft.stops.length > 0) && (
        <FieldStopsEditor
          start={draft.start}
          end={draft.end}
          stops={draft.stops}
          errors={errors}
          onChange={(stops) => {
            set('stops', stops);
            // A save's complaints about the stops name them by position: once the stops change, they may name another.
            setErrors((all) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('stops.'))));
          }}
          onFitEnd={(end) => set('end', end)}
        />
      )}

      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => props.onDuplicate(draft)}>
          {t('programme.duplicate')}
        </button>
        <button type="button" className="button danger-outline" onClick={() => props.onDelete(props.session)}>
          {t('common.delete')}
        </button>
      </div>
    </form>
  );
}
