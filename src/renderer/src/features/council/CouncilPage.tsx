import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import { addDays, daysBetween } from '../../../../shared/calendar/hijri';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_OUTCOMES,
  type AgendaItem,
  APPROVAL_TITLE,
  ATTENDANCE_STATUSES,
  type AttendanceStatus,
  type CouncilMember,
  type CouncilView,
  DECISION_KINDS,
  DECISION_STATUSES,
  type Decision,
  type DecisionStatus,
  decisionNumber,
  type FollowedDecision,
  quorumOf,
  type Sitting,
} from '../../../../shared/domain/council';
import type { Forum } from '../../../../shared/domain/forum';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { DualDateField } from '../../components/DualDateField';
import { MoveButtons } from '../../components/MoveButtons';
import { PersonPicker } from '../../components/PersonPicker';
import { Tabs } from '../../components/Tabs';
import { TextField } from '../../components/TextField';
import { api } from '../../lib/api';
import { fileToBase64, saveBase64File } from '../../lib/file-bytes';
import { personName } from '../../lib/people-text';
import { councilError, useCouncil } from './use-council';
import './council.css';
import { nameOf, titleOf } from '../../lib/record-text';

const TABS = ['setup', 'attendance', 'agenda', 'decisions'] as const;
type Tab = (typeof TABS)[number];
type Apply = (call: () => Promise<CouncilView>, reloadAfter?: boolean) => Promise<boolean>;

const wholeNumber = (text: string): number | null => {
  const n = Number.parseInt(toLatinDigits(text).trim(), 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
};
const clockMinutes = (text: string): number | null => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(toLatinDigits(text).trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
};

/**
 * A council session or periodic meeting: the body and its members, the
 * sittings with each member's attendance and the quorum, the agenda item by
 * item (presenter, documents, time, discussion, outcome), and the register
 * of decisions and recommendations. Each change is one undoable step.
 */
export function CouncilPage(props: {
  forum: Forum;
  forums: readonly Forum[];
  onBack(): void;
  onOpened(id: string): void;
}) {
  const { t } = useTranslation();
  const { settings, notify } = useApp();
  const { forum } = props;
  const { view, apply } = useCouncil(forum.id);
  const [tab, setTab] = useState<Tab>('setup');

  const openNext = async () => {
    try {
      const next = await api['council.openNext']({ forumId: forum.id });
      notify({ message: t('council.openedNext', { title: forumTitle(next, settings.language) }) });
      props.onOpened(next.id);
    } catch (error) {
      notify({ message: councilError(error, t), tone: 'error' });
    }
  };

  return (
    <main className="page council" data-testid="council-page">
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1>
          {t('council.title')} — {forumTitle(forum, settings.language)}
        </h1>
        <button type="button" className="button small" onClick={() => void openNext()}>
          {t('council.openNext')}
        </button>
      </div>
      <Tabs tabs={TABS} current={tab} label={(k) => t(`council.tabs.${k}`)} onChange={setTab} />
      {view === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          {tab === 'setup' && <SetupTab forum={forum} forums={props.forums} view={view} apply={apply} />}
          {tab === 'attendance' && <AttendanceTab forum={forum} view={view} apply={apply} />}
          {tab === 'agenda' && <AgendaTab forum={forum} view={view} apply={apply} />}
          {tab === 'decisions' && <DecisionsTab forum={forum} view={view} apply={apply} />}
        </>
      )}
    </main>
  );
}

function SetupTab(props: { forum: Forum; forums: readonly Forum[]; view: CouncilView; apply: Apply }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { council } = props.view;
  const [draft, setDraft] = useState({
    bodyAr: council.bodyAr,
    bodyEn: council.bodyEn,
    sessionNumber: council.sessionNumber === null ? '' : String(council.sessionNumber),
    quorum: council.quorum === null ? '' : String(council.quorum),
    chairId: council.chairId,
    rapporteurId: council.rapporteurId,
    previousForumId: council.previousForumId,
  });
  const others = props.forums.filter((f) => f.id !== props.forum.id);
  const save = () => {
    const sessionNumber = wholeNumber(draft.sessionNumber);
    const quorum = wholeNumber(draft.quorum);
    return props.apply(() =>
      api['council.saveSettings']({
        forumId: props.forum.id,
        settings: {
          ...{ bodyAr: draft.bodyAr.trim(), bodyEn: draft.bodyEn.trim(), chairId: draft.chairId },
          ...{ rapporteurId: draft.rapporteurId, previousForumId: draft.previousForumId },
          sessionNumber: sessionNumber && sessionNumber > 0 ? sessionNumber : null,
          quorum: quorum && quorum > 0 ? quorum : null,
        },
      }),
    );
  };
  const field = (key: 'bodyAr' | 'bodyEn' | 'sessionNumber' | 'quorum', dir: 'rtl' | 'ltr', hint?: string) => (
    <label className="field">
      <span>{t(`council.${key}`)}</span>
      <input
        type="text"
        dir={dir}
        inputMode={key === 'sessionNumber' || key === 'quorum' ? 'numeric' : undefined}
        placeholder={hint}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  /** The chair or the rapporteur, chosen from the directory. */
  const personField = (key: 'chairId' | 'rapporteurId', word: 'chair' | 'rapporteur') => (
    <div className="field">
      <span>{t(`council.${word}`)}</span>
      <PersonPicker
        label={t(`council.${word}`)}
        personId={draft[key]}
        onChange={(id) => setDraft({ ...draft, [key]: id })}
        testId={`council-${word}`}
      />
    </div>
  );
  return (
    <>
      <section className="panel" aria-labelledby="council-body">
        <h2 id="council-body">{t('council.body')}</h2>
        <form
          className="council-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {field('bodyAr', 'rtl')}
          {field('bodyEn', 'ltr')}
          {field('sessionNumber', 'ltr')}
          {field('quorum', 'ltr', t('council.quorumHint'))}
          {personField('chairId', 'chair')}
          {personField('rapporteurId', 'rapporteur')}
          <label className="field">
            <span>{t('council.previous')}</span>
            <select
              value={draft.previousForumId ?? ''}
              onChange={(e) => setDraft({ ...draft, previousForumId: e.target.value || null })}
            >
              <option value="">{t('council.previousNone')}</option>
              {others.map((f) => (
                <option key={f.id} value={f.id}>
                  {forumTitle(f, settings.language)}
                </option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="button primary" data-testid="council-save-settings">
              {t('council.saveSettings')}
            </button>
          </div>
        </form>
      </section>
      <MembersPanel forumId={props.forum.id} members={council.members} apply={props.apply} />
    </>
  );
}

function MembersPanel(props: { forumId: string; members: readonly CouncilMember[]; apply: Apply }) {
  const { t } = useTranslation();
  const { forumId, members } = props;
  const move = (index: number, by: number) => {
    const ids = members.map((m) => m.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    void props.apply(() => api['council.reorder']({ forumId, list: 'members', ids }));
  };
  return (
    <section className="panel" aria-labelledby="council-members">
      <h2 id="council-members">{t('council.members')}</h2>
      <table className="data-table" data-testid="council-members">
        <thead>
          <tr>
            <th>{t('council.memberNameAr')}</th>
            <th>{t('council.memberNameEn')}</th>
            <th>{t('council.representative')}</th>
            <th>
              <span className="sr-only">{t('people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m, i) => (
            <MemberRow
              key={m.id}
              member={m}
              apply={props.apply}
              forumId={forumId}
              onUp={i > 0 ? () => move(i, -1) : undefined}
              onDown={i < members.length - 1 ? () => move(i, 1) : undefined}
            />
          ))}
          <MemberRow member={null} apply={props.apply} forumId={forumId} />
        </tbody>
      </table>
    </section>
  );
}

/** One member, saved when a field is left; or (member null) the row that adds a new one. */
function MemberRow(props: {
  forumId: string;
  member: CouncilMember | null;
  apply: Apply;
  onUp?: (() => void) | undefined;
  onDown?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const { member } = props;
  const empty = { nameAr: '', nameEn: '', representativeId: null as string | null, representativeName: '' };
  const [draft, setDraft] = useState(member ?? empty);
  useEffect(() => {
    if (member) setDraft(member);
  }, [member]);
  const save = (next: typeof draft) =>
    props.apply(() =>
      api['council.saveMember']({
        forumId: props.forumId,
        member: {
          id: member?.id ?? crypto.randomUUID(),
          nameAr: next.nameAr.trim(),
          nameEn: next.nameEn.trim(),
          organisationId: member?.organisationId ?? null,
          representativeId: next.representativeId,
          representativeName: next.representativeName.trim(),
        },
      }),
    );
  const saveIfChanged = (next = draft) => {
    if (member && JSON.stringify({ ...member, ...next }) !== JSON.stringify(member)) void save(next);
  };
  // The picker keeps what was typed in it; a new key empties it once the member is added.
  const [pickerKey, setPickerKey] = useState(0);
  const add = async () => {
    if (!draft.nameAr.trim() && !draft.nameEn.trim()) return;
    const typed = draft;
    setDraft(empty);
    if (await save(typed)) setPickerKey((k) => k + 1);
    else setDraft(typed);
  };
  const name = member ? member.nameAr || member.nameEn : '';
  return (
    <tr className={member ? undefined : 'new-row'}>
      <td>
        <input
          type="text"
          dir="rtl"
          aria-label={member ? t('council.memberNameAr') : t('council.newMember')}
          placeholder={member ? undefined : t('council.newMember')}
          value={draft.nameAr}
          onChange={(e) => setDraft({ ...draft, nameAr: e.target.value })}
          onBlur={() => saveIfChanged()}
        />
      </td>
      <td>
        <input
          type="text"
          dir="ltr"
          aria-label={t('council.memberNameEn')}
          value={draft.nameEn}
          onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })}
          onBlur={() => saveIfChanged()}
        />
      </td>
      <td>
        <PersonPicker
          key={pickerKey}
          label={t('council.representative')}
          personId={draft.representativeId}
          text={draft.representativeName}
          allowText
          onChange={(id, text) => {
            const next = { ...draft, representativeId: id, representativeName: text };
            setDraft(next);
            if (id || !text) saveIfChanged(next);
          }}
        />
      </td>
      <td>
        <div className="row-actions">
          {member ? (
            <>
              <MoveButtons
                upLabel={t('council.moveUp', { name })}
                downLabel={t('council.moveDown', { name })}
                onUp={props.onUp}
                onDown={props.onDown}
              />
              <button
                type="button"
                className="button small danger-outline"
                onClick={() =>
                  void props.apply(() => api['council.deleteMember']({ forumId: props.forumId, id: member.id }))
                }
              >
                {t('common.delete')}
              </button>
            </>
          ) : (
            <button type="button" className="button small primary" onClick={() => void add()}>
              {t('council.addMember')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function forumDays(forum: Forum): string[] {
  const n = Math.max(0, daysBetween(forum.firstDay, forum.lastDay));
  return Array.from({ length: n + 1 }, (_, i) => addDays(forum.firstDay, i));
}

function AttendanceTab(props: { forum: Forum; view: CouncilView; apply: Apply }) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { forum } = props;
  const { council } = props.view;
  const days = forumDays(forum);
  const [draft, setDraft] = useState({ titleAr: '', titleEn: '', day: forum.firstDay, start: '' });
  const addSitting = async () => {
    const sitting: Sitting = {
      id: crypto.randomUUID(),
      titleAr: draft.titleAr.trim(),
      titleEn: draft.titleEn.trim(),
      day: draft.day,
      start: clockMinutes(draft.start),
      attendance: [],
    };
    if (await props.apply(() => api['council.saveSitting']({ forumId: forum.id, sitting })))
      setDraft({ ...draft, titleAr: '', titleEn: '', start: '' });
  };
  return (
    <>
      <section className="panel" aria-labelledby="council-sittings">
        <h2 id="council-sittings">{t('council.sittings')}</h2>
        <form
          className="council-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void addSitting();
          }}
        >
          <label className="field">
            <span>{t('council.sittingTitleAr')}</span>
            <input dir="rtl" value={draft.titleAr} onChange={(e) => setDraft({ ...draft, titleAr: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('council.sittingTitleEn')}</span>
            <input dir="ltr" value={draft.titleEn} onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('council.sittingDay')}</span>
            <select value={draft.day} onChange={(e) => setDraft({ ...draft, day: e.target.value })}>
              {days.map((d) => (
                <option key={d} value={d}>
                  {fmt.dayBoth(d)[0]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('council.sittingStart')}</span>
            <input
              dir="ltr"
              placeholder="09:00"
              value={draft.start}
              onChange={(e) => setDraft({ ...draft, start: e.target.value })}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t('council.addSitting')}
            </button>
          </div>
        </form>
        {council.sittings.length === 0 && <p className="muted">{t('council.noSittings')}</p>}
        {council.members.length === 0 && <p className="muted">{t('council.noMembers')}</p>}
      </section>
      {council.sittings.map((s) => (
        <SittingAttendance key={s.id} forumId={forum.id} view={props.view} sitting={s} apply={props.apply} />
      ))}
    </>
  );
}

function SittingAttendance(props: { forumId: string; view: CouncilView; sitting: Sitting; apply: Apply }) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { council } = props.view;
  const { sitting, forumId } = props;
  const title = titleOf(sitting, settings.language) || fmt.dayBoth(sitting.day)[0];
  const q = quorumOf(council, sitting);
  // "Represented" chosen, waiting for who stands in; and the names typed for them.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const set = (memberId: string, status: AttendanceStatus, substituteId: string | null, substituteName: string) =>
    props.apply(() =>
      api['council.setAttendance']({
        forumId,
        sittingId: sitting.id,
        attendance: { memberId, status, substituteId, substituteName },
      }),
    );
  return (
    <section className="panel" aria-label={t('council.attendanceOf', { sitting: title })} data-testid="council-sitting">
      <div className="panel-head">
        <h2>{t('council.attendanceOf', { sitting: title })}</h2>
        <button
          type="button"
          className="button small danger-outline"
          onClick={() => void props.apply(() => api['council.deleteSitting']({ forumId, id: sitting.id }))}
        >
          {t('common.delete')}
        </button>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('council.members')}</th>
            <th>{t('council.representative')}</th>
            <th>{t('council.statusLabel')}</th>
            <th>{t('council.substitute')}</th>
          </tr>
        </thead>
        <tbody>
          {council.members.map((m) => {
            const taken = sitting.attendance.find((a) => a.memberId === m.id);
            const name = nameOf(m, settings.language);
            return (
              <tr key={m.id} data-testid="attendance-row">
                <td>{name}</td>
                <td>{m.representativeName || <RepresentativeName id={m.representativeId} />}</td>
                <td>
                  <select
                    aria-label={`${t('council.statusLabel')} — ${name}`}
                    value={taken?.status ?? ''}
                    onChange={(e) => {
                      const status = e.target.value as AttendanceStatus;
                      // Represented waits for the name of who stands in; the others are saved at once.
                      if (status !== 'represented') void set(m.id, status, null, '');
                      else setPending({ ...pending, [m.id]: true });
                    }}
                  >
                    <option value="" disabled>
                      —
                    </option>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`council.attendance.${s}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {(taken?.status === 'represented' || pending[m.id]) && (
                    <PersonPicker
                      label={`${t('council.substitute')} — ${name}`}
                      personId={taken?.substituteId ?? null}
                      text={taken?.substituteName ?? ''}
                      allowText
                      onChange={(id, text) => {
                        if (id) void set(m.id, 'represented', id, '');
                        else setTyped({ ...typed, [m.id]: text });
                      }}
                    />
                  )}
                  {(taken?.status === 'represented' || pending[m.id]) && !taken?.substituteId && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() =>
                        void set(m.id, 'represented', null, typed[m.id] ?? taken?.substituteName ?? '').then(
                          (ok) => ok && setPending({ ...pending, [m.id]: false }),
                        )
                      }
                    >
                      {t('council.save')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={q.reached ? 'quorum reached' : 'quorum missing'} data-testid="council-quorum" role="status">
        {t(q.reached ? 'council.quorumReached' : 'council.quorumMissing', {
          counted: fmt.number(q.counted),
          members: fmt.number(council.members.length),
          needed: fmt.number(q.needed),
        })}
      </p>
    </section>
  );
}

function RepresentativeName(props: { id: string | null }) {
  const { people } = useData();
  const { settings } = useApp();
  const person = props.id ? people.get(props.id) : undefined;
  if (!person) return null;
  return <>{nameOf(person, settings.language)}</>;
}

function AgendaTab(props: { forum: Forum; view: CouncilView; apply: Apply }) {
  const { t } = useTranslation();
  const { forum, view } = props;
  const { council } = view;
  const forumId = forum.id;
  const blank = (kind: AgendaItem['kind'], titleAr = '', titleEn = ''): AgendaItem => ({
    ...{ id: crypto.randomUUID(), sittingId: council.sittings[0]?.id ?? null, kind, titleAr, titleEn },
    ...{ presenterId: null, presenterName: '', plannedMinutes: null, outcome: 'pending', documents: [] },
    ...{ discussionAr: '', discussionEn: '', followUp: [] },
  });
  // An item being typed, not saved yet: a title is needed before core takes it.
  const [adding, setAdding] = useState<AgendaItem | null>(null);
  const addApproval = () => {
    const { documents: _d, ...item } = blank('approval', APPROVAL_TITLE.ar, APPROVAL_TITLE.en);
    return props.apply(() => api['council.saveItem']({ forumId, item }));
  };
  const move = (index: number, by: number) => {
    const ids = council.agenda.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    void props.apply(() => api['council.reorder']({ forumId, list: 'agenda', ids }));
  };
  return (
    <section className="panel" aria-labelledby="council-agenda">
      <div className="panel-head">
        <h2 id="council-agenda">{t('council.agenda')}</h2>
        <div className="row-actions">
          {!council.agenda.some((i) => i.kind === 'approval') && (
            <button type="button" className="button small" onClick={() => void addApproval()}>
              {t('council.addApproval')}
            </button>
          )}
          {council.previousForumId && (
            <button
              type="button"
              className="button small"
              onClick={() => void props.apply(() => api['council.addFollowUp']({ forumId }))}
            >
              {council.agenda.some((i) => i.kind === 'follow_up')
                ? t('council.refreshFollowUp')
                : t('council.addFollowUp')}
            </button>
          )}
          <button
            type="button"
            className="button small primary"
            disabled={adding !== null}
            onClick={() => setAdding(blank('other'))}
          >
            {t('council.addItem')}
          </button>
        </div>
      </div>
      <ol className="agenda-items">
        {council.agenda.map((item, i) => (
          <AgendaItemCard
            key={item.id}
            number={i + 1}
            forumId={forumId}
            view={view}
            item={item}
            apply={props.apply}
            onUp={i > 0 ? () => move(i, -1) : undefined}
            onDown={i < council.agenda.length - 1 ? () => move(i, 1) : undefined}
          />
        ))}
        {adding && (
          <AgendaItemCard
            key={adding.id}
            number={council.agenda.length + 1}
            forumId={forumId}
            view={view}
            item={adding}
            isNew
            apply={props.apply}
            onSaved={() => setAdding(null)}
            onCancel={() => setAdding(null)}
          />
        )}
      </ol>
    </section>
  );
}

function AgendaItemCard(props: {
  number: number;
  forumId: string;
  view: CouncilView;
  item: AgendaItem;
  apply: Apply;
  onUp?: (() => void) | undefined;
  onDown?: (() => void) | undefined;
  /** Typed but not saved yet: Save adds it, Cancel (or Escape) drops it. */
  isNew?: boolean;
  onSaved?(): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { item, forumId, view } = props;
  const { people } = useData();
  const [draft, setDraft] = useState(item);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(item), [item]);
  const { documents: _d, ...unsaved } = draft;
  const dirty =
    props.isNew === true || JSON.stringify({ ...item, documents: [] }) !== JSON.stringify({ ...draft, documents: [] });
  const save = async () => {
    if (await props.apply(() => api['council.saveItem']({ forumId, item: unsaved }))) {
      setOpen(false);
      props.onSaved?.();
    }
  };
  const text = (
    key: 'titleAr' | 'titleEn' | 'discussionAr' | 'discussionEn',
    dir: 'rtl' | 'ltr',
    multiline = false,
  ) => (
    <TextField
      id={`${item.id}-${key}`}
      label={t(`council.${key === 'titleAr' ? 'itemTitleAr' : key === 'titleEn' ? 'itemTitleEn' : key}`)}
      dir={dir}
      multiline={multiline}
      wide={multiline}
      value={draft[key]}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
    />
  );
  const title = titleOf(item, settings.language);
  const addDocument = async (file: File) => {
    const base64 = await fileToBase64(file);
    await props.apply(() => api['council.addDocument']({ forumId, itemId: item.id, fileName: file.name, base64 }));
  };
  const followed = item.followUp.flatMap((ref) =>
    view.followed.filter((d) => d.id === ref.decisionId && d.forumId === ref.forumId),
  );
  // The item's fields open for editing; a saved item shows a one-line summary until asked.
  const [open, setOpen] = useState(props.isNew === true);
  const presenter = item.presenterId ? people.get(item.presenterId) : undefined;
  const summary = [
    t(`council.itemKind.${item.kind}`),
    presenter ? personName(presenter, settings.language) : item.presenterName,
    item.plannedMinutes === null
      ? ''
      : t('council.minutesPlanned', { count: item.plannedMinutes, number: fmt.number(item.plannedMinutes) }),
    t(`council.outcome.${item.outcome}`),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li
      className="agenda-item"
      data-testid="agenda-item"
      aria-label={t('council.item', { number: fmt.number(props.number) })}
    >
      <div className="panel-head">
        <h3>
          {t('council.item', { number: fmt.number(props.number) })}: {title}
        </h3>
        {!props.isNew && (
          <div className="row-actions">
            <button
              type="button"
              className="button small"
              aria-expanded={open}
              onClick={() => {
                if (open && dirty) setDraft(item);
                setOpen(!open);
              }}
            >
              {open ? t('council.close') : t('council.edit')}
            </button>
            <MoveButtons
              upLabel={t('council.moveUp', { name: title })}
              downLabel={t('council.moveDown', { name: title })}
              onUp={props.onUp}
              onDown={props.onDown}
            />
            <button
              type="button"
              className="button small danger-outline"
              onClick={() => void props.apply(() => api['council.deleteItem']({ forumId, id: item.id }))}
            >
              {t('common.delete')}
            </button>
          </div>
        )}
      </div>
      {!open && <p className="muted item-summary">{summary}</p>}
      {open && (
        <form
          className="council-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && dirty) {
              e.stopPropagation();
              if (props.isNew) props.onCancel?.();
              else setDraft(item);
            }
          }}
        >
          <label className="field">
            <span>{t('council.itemKindLabel')}</span>
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as AgendaItem['kind'] })}
            >
              {AGENDA_ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`council.itemKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {text('titleAr', 'rtl')}
          {text('titleEn', 'ltr')}
          <label className="field">
            <span>{t('council.itemSitting')}</span>
            <select
              value={draft.sittingId ?? ''}
              onChange={(e) => setDraft({ ...draft, sittingId: e.target.value || null })}
            >
              <option value="">{t('council.noSitting')}</option>
              {view.council.sittings.map((s) => (
                <option key={s.id} value={s.id}>
                  {titleOf(s, settings.language) || fmt.dayBoth(s.day)[0]}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span>{t('council.presenter')}</span>
            <PersonPicker
              label={t('council.presenter')}
              personId={draft.presenterId}
              text={draft.presenterName}
              allowText
              onChange={(id, name) => setDraft({ ...draft, presenterId: id, presenterName: name })}
            />
          </div>
          <label className="field">
            <span>{t('council.plannedMinutes')}</span>
            <input
              dir="ltr"
              inputMode="numeric"
              value={draft.plannedMinutes === null ? '' : String(draft.plannedMinutes)}
              onChange={(e) => setDraft({ ...draft, plannedMinutes: wholeNumber(e.target.value) })}
            />
          </label>
          <label className="field">
            <span>{t('council.outcomeLabel')}</span>
            <select
              value={draft.outcome}
              onChange={(e) => setDraft({ ...draft, outcome: e.target.value as AgendaItem['outcome'] })}
            >
              {AGENDA_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`council.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          {text('discussionAr', 'rtl', true)}
          {text('discussionEn', 'ltr', true)}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!dirty}>
              {t('council.save')}
            </button>
            {props.isNew && (
              <button type="button" className="button" onClick={props.onCancel}>
                {t('council.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      {item.kind === 'follow_up' && (
        <div className="followed" data-testid="followed-decisions">
          <h4>{t('council.followedDecisions')}</h4>
          {followed.length === 0 && <p className="muted">{t('council.noFollowed')}</p>}
          <ul>
            {followed.map((d) => (
              <FollowedRow key={d.id} decision={d} apply={props.apply} />
            ))}
          </ul>
        </div>
      )}
      {!props.isNew && (
        <div className="documents">
          <h4>{t('council.documents')}</h4>
          <ul>
            {item.documents.map((d) => (
              <li key={d.id} data-testid="agenda-document">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('council.openDocument', { name: d.name })}
                  onClick={() =>
                    void api['council.document']({ forumId, itemId: item.id, documentId: d.id }).then((f) =>
                      saveBase64File(f.fileName, f.base64),
                    )
                  }
                >
                  <bdi>{d.name}</bdi>
                </button>{' '}
                <small className="muted">
                  {t('council.documentSize', { size: fmt.number(Math.max(1, Math.round(d.bytes / 1024))) })}
                </small>{' '}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('council.removeDocument', { name: d.name })}
                  onClick={() =>
                    void props.apply(() =>
                      api['council.deleteDocument']({ forumId, itemId: item.id, documentId: d.id }),
                    )
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <label className="button small">
            {t('council.addDocument')}
            <input
              ref={fileInput}
              type="file"
              className="sr-only"
              data-testid="agenda-document-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file)
                  void addDocument(file).finally(() => {
                    if (fileInput.current) fileInput.current.value = '';
                  });
              }}
            />
          </label>{' '}
          <small className="muted">{t('council.documentLimit')}</small>
        </div>
      )}
    </li>
  );
}

/** A decision of the previous session under follow-up: its status is changed where it was taken. */
function FollowedRow(props: { decision: FollowedDecision; apply: Apply }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { decision: d } = props;
  const { forumId, sessionNumber: _s, ...decision } = d;
  return (
    <li data-testid="followed-decision">
      <bdi dir="ltr">{decisionNumber(d.sessionNumber, d.number)}</bdi>{' '}
      {settings.language === 'ar' ? d.textAr || d.textEn : d.textEn || d.textAr}{' '}
      <select
        aria-label={`${t('council.statusLabel')} — ${decisionNumber(d.sessionNumber, d.number)}`}
        value={d.status}
        onChange={(e) =>
          void props.apply(
            () =>
              api['council.saveDecision']({
                forumId,
                decision: { ...decision, status: e.target.value as DecisionStatus },
              }),
            true,
          )
        }
      >
        {DECISION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`council.status.${s}`)}
          </option>
        ))}
      </select>
    </li>
  );
}

function DecisionsTab(props: { forum: Forum; view: CouncilView; apply: Apply }) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { council } = props.view;
  const forumId = props.forum.id;
  // The decision open in the editor below the register; null for none, 'new' for one being added.
  const [editing, setEditing] = useState<string | null>(null);
  const text = (ar: string, en: string) => (settings.language === 'ar' ? ar || en : en || ar);
  const opened = council.decisions.find((d) => d.id === editing) ?? null;
  return (
    <section className="panel" aria-labelledby="council-decisions">
      <div className="panel-head">
        <h2 id="council-decisions">{t('council.decisions')}</h2>
        <button
          type="button"
          className="button small primary"
          disabled={editing === 'new'}
          data-testid="add-decision"
          onClick={() => setEditing('new')}
        >
          {t('council.addDecision')}
        </button>
      </div>
      {council.decisions.length === 0 && <p className="muted">{t('council.noDecisions')}</p>}
      {council.decisions.length > 0 && (
        <table className="data-table" data-testid="decisions-register">
          <thead>
            <tr>
              <th>{t('council.number')}</th>
              <th>{t('council.decisionKindLabel')}</th>
              <th>{t('council.text')}</th>
              <th>{t('council.responsible')}</th>
              <th>{t('council.deadline')}</th>
              <th>{t('council.statusLabel')}</th>
              <th>
                <span className="sr-only">{t('people.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {council.decisions.map((d) => {
              const number = decisionNumber(council.sessionNumber, d.number);
              return (
                <tr key={d.id} data-testid="decision" className={d.id === editing ? 'selected' : undefined}>
                  <td>
                    <bdi dir="ltr">{number}</bdi>
                  </td>
                  <td>{t(`council.decisionKind.${d.kind}`)}</td>
                  <td>{text(d.textAr, d.textEn)}</td>
                  <td>{text(d.responsibleAr, d.responsibleEn)}</td>
                  <td>{d.deadline ? fmt.dayBoth(d.deadline)[0] : '—'}</td>
                  <td>
                    <select
                      aria-label={`${t('council.statusLabel')} — ${number}`}
                      value={d.status}
                      onChange={(e) =>
                        void props.apply(() =>
                          api['council.saveDecision']({
                            forumId,
                            decision: { ...d, status: e.target.value as DecisionStatus },
                          }),
                        )
                      }
                    >
                      {DECISION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`council.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="button small" onClick={() => setEditing(d.id)}>
                        {t('council.edit')}
                      </button>
                      <button
                        type="button"
                        className="button small danger-outline"
                        onClick={() => void props.apply(() => api['council.deleteDecision']({ forumId, id: d.id }))}
                      >
                        {t('common.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing !== null && (editing === 'new' || opened) && (
        <DecisionForm
          key={editing}
          forum={props.forum}
          view={props.view}
          decision={opened}
          apply={props.apply}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function DecisionForm(props: {
  forum: Forum;
  view: CouncilView;
  decision: Decision | null;
  apply: Apply;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { council } = props.view;
  const [draft, setDraft] = useState<Omit<Decision, 'number'> & { number?: number }>(
    () =>
      props.decision ?? {
        ...{ id: crypto.randomUUID(), kind: 'decision', textAr: '', textEn: '', agendaItemId: null },
        ...{ responsibleAr: '', responsibleEn: '', deadline: null, status: 'open', followUpNotes: '' },
      },
  );
  const save = async () => {
    if (await props.apply(() => api['council.saveDecision']({ forumId: props.forum.id, decision: draft })))
      props.onDone();
  };
  const text = (
    key: 'textAr' | 'textEn' | 'responsibleAr' | 'responsibleEn' | 'followUpNotes',
    dir: 'rtl' | 'ltr',
    wide = false,
  ) => (
    <TextField
      id={`${draft.id}-${key}`}
      label={t(`council.${key === 'followUpNotes' ? 'notes' : key}`)}
      dir={dir}
      multiline={wide}
      wide={wide}
      value={draft[key]}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
    />
  );
  const number = props.decision ? decisionNumber(council.sessionNumber, props.decision.number) : '';
  return (
    <form
      className="council-grid decision"
      data-testid="decision-form"
      aria-label={props.decision ? `${t('council.number')} ${number}` : t('council.addDecision')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.stopPropagation();
          props.onDone();
        }
      }}
    >
      <h3 className="span-2">{props.decision ? `${t('council.number')} ${number}` : t('council.addDecision')}</h3>
      <label className="field">
        <span>{t('council.decisionKindLabel')}</span>
        <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Decision['kind'] })}>
          {DECISION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`council.decisionKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('council.underItem')}</span>
        <select
          value={draft.agendaItemId ?? ''}
          onChange={(e) => setDraft({ ...draft, agendaItemId: e.target.value || null })}
        >
          <option value="">{t('council.noItem')}</option>
          {council.agenda.map((i, n) => (
            <option key={i.id} value={i.id}>
              {n + 1}. {titleOf(i, settings.language)}
            </option>
          ))}
        </select>
      </label>
      {text('textAr', 'rtl', true)}
      {text('textEn', 'ltr', true)}
      {text('responsibleAr', 'rtl')}
      {text('responsibleEn', 'ltr')}
      {draft.deadline === null ? (
        <div className="field">
          <span>{t('council.deadline')}</span>
          <button
            type="button"
            className="button small"
            onClick={() => setDraft({ ...draft, deadline: props.forum.lastDay })}
          >
            {t('council.setDeadline')}
          </button>
        </div>
      ) : (
        <div className="span-2 deadline">
          <DualDateField
            id={`${draft.id}-deadline`}
            label={t('council.deadline')}
            value={draft.deadline}
            onChange={(deadline) => setDraft({ ...draft, deadline })}
          />
          <button type="button" className="button small" onClick={() => setDraft({ ...draft, deadline: null })}>
            {t('council.noDeadline')}
          </button>
        </div>
      )}
      <label className="field">
        <span>{t('council.statusLabel')}</span>
        <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as DecisionStatus })}>
          {DECISION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`council.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {text('followUpNotes', 'rtl', true)}
      <div className="form-actions span-2">
        <button type="submit" className="button primary">
          {props.decision ? t('council.save') : t('council.addDecision')}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          {t('council.cancel')}
        </button>
      </div>
    </form>
  );
}
