import { randomUUID } from 'node:crypto';
import {
  type AgendaItem,
  APPROVAL_TITLE,
  type Attendance,
  type Council,
  type CouncilMember,
  type CouncilSettings,
  type CouncilView,
  type Decision,
  FOLLOW_UP_TITLE,
  type FollowedDecision,
  nextDecisionNumber,
  type Sitting,
  STILL_OPEN,
} from '../../shared/domain/council';
import type { Forum } from '../../shared/domain/forum';
import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import type { Directory } from '../../shared/domain/person';
import { upsertById } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { ordinal } from '../export/council-words';
import type { ForumStore } from '../forums/forum-store';
import { forumKey, type History } from '../history/history';
import type { CouncilDocuments } from './council-documents';

const titles = (x: { titleAr: string; titleEn: string }) => ({ ar: x.titleAr, en: x.titleEn });
const names = (x: { nameAr: string; nameEn: string }) => ({ ar: x.nameAr, en: x.nameEn });

/** An edit of one forum's council: checks the current council, returns its next state and how to name the step. */
type CouncilEdit = (current: Council, forum: Forum) => { label: HistoryLabel; council: Council };

/** An agenda item as the page sends it: its documents are added and removed through their own channels. */
export type AgendaItemSave = Omit<AgendaItem, 'documents'>;
/** A decision as the page sends it; a new one without a number takes the register's next. */
export type DecisionSave = Omit<Decision, 'number'> & { number?: number | undefined };

function refused(path: (string | number)[], message: string, detail: string): AppError {
  return new AppError('invalid_request', detail, [{ path, message }]);
}

function findOrFail<T extends { id: string }>(list: readonly T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new AppError('not_found', `No ${what} ${id}.`);
  return found;
}

export function newAgendaItem(id: string, fields: Partial<Omit<AgendaItem, 'id'>> = {}): AgendaItem {
  return {
    sittingId: null,
    kind: 'other',
    titleAr: '',
    titleEn: '',
    presenterId: null,
    presenterName: '',
    documents: [],
    plannedMinutes: null,
    outcome: 'pending',
    discussionAr: '',
    discussionEn: '',
    followUp: [],
    ...fields,
    id,
  };
}

/**
 * A council session's members, sittings and attendance, agenda and register
 * of decisions. Each change is one undoable step through History and answers
 * with the whole council as the page shows it.
 */
export class CouncilService {
  constructor(
    private readonly forums: ForumStore,
    private readonly directory: () => Directory,
    private readonly history: History,
    private readonly documents: CouncilDocuments,
  ) {}

  view(forumId: string): CouncilView {
    const council = this.council(forumId);
    const previousId = council.previousForumId;
    const previousForum = previousId ? this.forums.all().find((f) => f.id === previousId) : undefined;
    const previous =
      previousId && previousForum
        ? {
            forumId: previousId,
            titleAr: previousForum.titleAr,
            titleEn: previousForum.titleEn,
            sessionNumber: this.council(previousId).sessionNumber,
            openDecisions: this.followed(previousId).filter((d) => STILL_OPEN.has(d.status)),
          }
        : null;
    const refs = council.agenda.flatMap((item) => item.followUp);
    const followed = refs.flatMap((ref) => this.followed(ref.forumId).filter((d) => d.id === ref.decisionId));
    return { council, previous, followed };
  }

  saveSettings(forumId: string, settings: CouncilSettings): Promise<CouncilView> {
    return this.change(forumId, (c, forum) => {
      if (settings.previousForumId !== null) {
        if (settings.previousForumId === forumId)
          throw refused(['previousForumId'], 'errors.council.previousIsSelf', 'A session cannot follow itself.');
        if (!this.forums.all().some((f) => f.id === settings.previousForumId))
          throw refused(['previousForumId'], 'errors.council.previousUnknown', 'No such previous session.');
      }
      this.checkPeople([
        ['chairId', settings.chairId],
        ['rapporteurId', settings.rapporteurId],
      ]);
      return { label: historyLabel('council.settings', titles(forum)), council: { ...c, ...settings } };
    });
  }

  saveMember(forumId: string, member: CouncilMember): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      if (!member.nameAr && !member.nameEn)
        throw refused(['member', 'nameAr'], 'errors.nameRequired', 'A member needs a name.');
      if (member.organisationId && !this.directory().organisations.some((o) => o.id === member.organisationId))
        throw refused(['member', 'organisationId'], 'errors.unknownOrganisation', 'No such organisation.');
      this.checkPeople([['representativeId', member.representativeId]], ['member']);
      const cleaned = member.representativeId ? { ...member, representativeName: '' } : member;
      const known = c.members.some((m) => m.id === member.id);
      return {
        label: historyLabel(known ? 'council.updateMember' : 'council.addMember', names(member)),
        council: { ...c, members: upsertById(c.members, cleaned) },
      };
    });
  }

  /** The member leaves the attendance of every sitting too; undo brings both back. */
  deleteMember(forumId: string, id: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const member = findOrFail(c.members, id, 'member');
      return {
        label: historyLabel('council.deleteMember', names(member)),
        council: {
          ...c,
          members: c.members.filter((m) => m.id !== id),
          sittings: c.sittings.map((s) => ({ ...s, attendance: s.attendance.filter((a) => a.memberId !== id) })),
        },
      };
    });
  }

  /** Puts the members or the agenda in the order given: every id of the list, each once. */
  reorder(forumId: string, list: 'members' | 'agenda', ids: string[]): Promise<CouncilView> {
    return this.change(forumId, (c, forum) => {
      const records: readonly { id: string }[] = c[list];
      const byId = new Map(records.map((r) => [r.id, r]));
      if (ids.length !== records.length || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
        throw new AppError('conflict', 'The order names other records than the list holds; reload and try again.', [
          { path: ['ids'], message: 'errors.council.orderStale' },
        ]);
      }
      const ordered = ids.map((id) => byId.get(id));
      return {
        label: historyLabel(list === 'members' ? 'council.orderMembers' : 'council.orderAgenda', titles(forum)),
        council: { ...c, [list]: ordered },
      };
    });
  }

  saveSitting(forumId: string, sitting: Sitting): Promise<CouncilView> {
    return this.change(forumId, (c, forum) => {
      if (sitting.day < forum.firstDay || sitting.day > forum.lastDay)
        throw refused(['sitting', 'day'], 'errors.council.sittingOutsideDays', 'The sitting is outside the days.');
      const known = c.sittings.find((s) => s.id === sitting.id);
      // Attendance is taken through setAttendance; a sitting saved again keeps what was taken.
      const kept: Sitting = { ...sitting, attendance: known?.attendance ?? [] };
      return {
        label: historyLabel(known ? 'council.updateSitting' : 'council.addSitting', titles(sitting)),
        council: { ...c, sittings: upsertById(c.sittings, kept) },
      };
    });
  }

  /** The sitting's items stay on the agenda, in no sitting. */
  deleteSitting(forumId: string, id: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const sitting = findOrFail(c.sittings, id, 'sitting');
      return {
        label: historyLabel('council.deleteSitting', titles(sitting)),
        council: {
          ...c,
          sittings: c.sittings.filter((s) => s.id !== id),
          agenda: c.agenda.map((i) => (i.sittingId === id ? { ...i, sittingId: null } : i)),
        },
      };
    });
  }

  /** One member's attendance at one sitting; someone standing in is named when, and only when, it is "represented". */
  setAttendance(forumId: string, sittingId: string, attendance: Attendance): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const sitting = findOrFail(c.sittings, sittingId, 'sitting');
      const member = findOrFail(c.members, attendance.memberId, 'member');
      let entry = attendance;
      if (attendance.status === 'represented') {
        if (!attendance.substituteId && !attendance.substituteName)
          throw refused(
            ['attendance', 'substituteName'],
            'errors.council.substituteRequired',
            'Say who represents the member.',
          );
        this.checkPeople([['substituteId', attendance.substituteId]], ['attendance']);
        if (attendance.substituteId) entry = { ...attendance, substituteName: '' };
      } else {
        entry = { ...attendance, substituteId: null, substituteName: '' };
      }
      const others = sitting.attendance.filter((a) => a.memberId !== member.id);
      // Kept in the members' order, so the minutes list them as the body does.
      const order = new Map(c.members.map((m, i) => [m.id, i]));
      const list = [...others, entry].sort((a, b) => (order.get(a.memberId) ?? 0) - (order.get(b.memberId) ?? 0));
      return {
        label: historyLabel('council.attendance', names(member)),
        council: { ...c, sittings: c.sittings.map((s) => (s.id === sittingId ? { ...s, attendance: list } : s)) },
      };
    });
  }

  saveItem(forumId: string, item: AgendaItemSave): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      if (!item.titleAr && !item.titleEn)
        throw refused(['item', 'titleAr'], 'errors.council.itemTitleRequired', 'An agenda item needs a title.');
      if (item.sittingId && !c.sittings.some((s) => s.id === item.sittingId))
        throw new AppError('not_found', `No sitting ${item.sittingId}.`);
      this.checkPeople([['presenterId', item.presenterId]], ['item']);
      const known = c.agenda.find((i) => i.id === item.id);
      const saved: AgendaItem = {
        ...item,
        presenterName: item.presenterId ? '' : item.presenterName,
        documents: known?.documents ?? [],
      };
      return {
        label: historyLabel(known ? 'council.updateItem' : 'council.addItem', titles(item)),
        council: { ...c, agenda: upsertById(c.agenda, saved) },
      };
    });
  }

  /** The decisions taken under it stay in the register, under no item. */
  deleteItem(forumId: string, id: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const item = findOrFail(c.agenda, id, 'agenda item');
      return {
        label: historyLabel('council.deleteItem', titles(item)),
        council: {
          ...c,
          agenda: c.agenda.filter((i) => i.id !== id),
          decisions: c.decisions.map((d) => (d.agendaItemId === id ? { ...d, agendaItemId: null } : d)),
        },
      };
    });
  }

  /**
   * «متابعة تنفيذ قرارات الدورة السابقة»: the item that reviews the previous
   * session's decisions still open, added after the agenda's approval, or
   * brought up to date when there is one already (decisions done since drop
   * out, those reopened come back).
   */
  addFollowUp(forumId: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const previousId = c.previousForumId;
      if (!previousId || !this.forums.all().some((f) => f.id === previousId))
        throw new AppError('conflict', 'This session follows no other.', [
          { path: ['previousForumId'], message: 'errors.council.noPrevious' },
        ]);
      const open = this.followed(previousId).filter((d) => STILL_OPEN.has(d.status));
      const followUp = open.map((d) => ({ forumId: previousId, decisionId: d.id }));
      const existing = c.agenda.find((i) => i.kind === 'follow_up');
      const item: AgendaItem = existing
        ? { ...existing, followUp }
        : newAgendaItem(randomUUID(), {
            kind: 'follow_up',
            titleAr: FOLLOW_UP_TITLE.ar,
            titleEn: FOLLOW_UP_TITLE.en,
            sittingId: c.agenda.find((i) => i.kind === 'approval')?.sittingId ?? c.sittings[0]?.id ?? null,
            followUp,
          });
      const approval = c.agenda.findIndex((i) => i.kind === 'approval');
      const agenda = existing
        ? c.agenda.map((i) => (i.id === existing.id ? item : i))
        : [...c.agenda.slice(0, approval + 1), item, ...c.agenda.slice(approval + 1)];
      return { label: historyLabel('council.followUp', titles(item), open.length), council: { ...c, agenda } };
    });
  }

  saveDecision(forumId: string, decision: DecisionSave): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      if (!decision.textAr && !decision.textEn)
        throw refused(['decision', 'textAr'], 'errors.council.decisionTextRequired', 'A decision needs its text.');
      if (decision.agendaItemId && !c.agenda.some((i) => i.id === decision.agendaItemId))
        throw new AppError('not_found', `No agenda item ${decision.agendaItemId}.`);
      const known = c.decisions.find((d) => d.id === decision.id);
      const number = decision.number ?? known?.number ?? nextDecisionNumber(c.decisions);
      if (c.decisions.some((d) => d.id !== decision.id && d.number === number))
        throw new AppError('conflict', `Decision number ${number} is taken.`, [
          { path: ['decision', 'number'], message: 'errors.council.decisionNumberTaken' },
        ]);
      const saved: Decision = { ...decision, number };
      const subject = { ar: decision.textAr.slice(0, 60), en: decision.textEn.slice(0, 60) };
      return {
        label: historyLabel(known ? 'council.updateDecision' : 'council.addDecision', subject),
        council: { ...c, decisions: upsertById(c.decisions, saved).sort((a, b) => a.number - b.number) },
      };
    });
  }

  deleteDecision(forumId: string, id: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const decision = findOrFail(c.decisions, id, 'decision');
      return {
        label: historyLabel('council.deleteDecision', {
          ar: decision.textAr.slice(0, 60),
          en: decision.textEn.slice(0, 60),
        }),
        council: { ...c, decisions: c.decisions.filter((d) => d.id !== id) },
      };
    });
  }

  /** Keeps a document (its file in documents/ first, outside history: named by content, it is never wrong) and lists it under the item. */
  async addDocument(forumId: string, itemId: string, fileName: string, base64: string): Promise<CouncilView> {
    findOrFail(this.council(forumId).agenda, itemId, 'agenda item');
    const name = fileName.trim();
    const { file, bytes } = await this.documents.save(name, Buffer.from(base64, 'base64'));
    return this.change(forumId, (c) => {
      const item = findOrFail(c.agenda, itemId, 'agenda item');
      if (item.documents.length >= 30)
        throw refused(['itemId'], 'errors.council.tooManyDocuments', 'An item lists at most 30 documents.');
      const document = { id: randomUUID(), file, name, bytes };
      return {
        label: historyLabel('council.addDocument', { ar: name, en: name }),
        council: {
          ...c,
          agenda: c.agenda.map((i) => (i.id === itemId ? { ...i, documents: [...i.documents, document] } : i)),
        },
      };
    });
  }

  /** The file stays in documents/ (undo lists it again; an unnamed file is harmless). */
  deleteDocument(forumId: string, itemId: string, documentId: string): Promise<CouncilView> {
    return this.change(forumId, (c) => {
      const item = findOrFail(c.agenda, itemId, 'agenda item');
      const document = findOrFail(item.documents, documentId, 'document');
      return {
        label: historyLabel('council.deleteDocument', { ar: document.name, en: document.name }),
        council: {
          ...c,
          agenda: c.agenda.map((i) =>
            i.id === itemId ? { ...i, documents: i.documents.filter((d) => d.id !== documentId) } : i,
          ),
        },
      };
    });
  }

  /** A document's bytes, for opening or downloading it. */
  async document(forumId: string, itemId: string, documentId: string): Promise<{ fileName: string; base64: string }> {
    const item = findOrFail(this.council(forumId).agenda, itemId, 'agenda item');
    const document = findOrFail(item.documents, documentId, 'document');
    const bytes = await this.documents.bytes(document.file);
    if (!bytes) throw new AppError('not_found', `The file of ${document.name} is no longer in the data folder.`);
    return { fileName: document.name, base64: bytes.toString('base64') };
  }

  /**
   * The body's next session, as the coordinator starts planning it: the same
   * body, members and officers, the next number, and an agenda that opens
   * with its approval and the follow-up of this session's open decisions.
   */
  nextSession(forumId: string): { council: Council } {
    const c = this.council(forumId);
    const previousId = forumId;
    const open = c.decisions.filter((d) => STILL_OPEN.has(d.status));
    const approval = newAgendaItem(randomUUID(), {
      kind: 'approval',
      titleAr: APPROVAL_TITLE.ar,
      titleEn: APPROVAL_TITLE.en,
    });
    const agenda = [approval];
    if (open.length > 0) {
      agenda.push(
        newAgendaItem(randomUUID(), {
          kind: 'follow_up',
          titleAr: FOLLOW_UP_TITLE.ar,
          titleEn: FOLLOW_UP_TITLE.en,
          followUp: open.map((d) => ({ forumId: previousId, decisionId: d.id })),
        }),
      );
    }
    return {
      council: {
        ...c,
        sessionNumber: c.sessionNumber === null ? null : c.sessionNumber + 1,
        previousForumId: previousId,
        // The same members, each with a fresh id: the new session's attendance is its own.
        members: c.members.map((m) => ({ ...m, id: randomUUID() })),
        sittings: [],
        agenda,
        decisions: [],
      },
    };
  }

  /**
   * Opens the body's next session as a new event (a draft on the same days,
   * to be moved to its own), like creating any event: deleting it is the way back.
   */
  async openNext(forumId: string, now: Date = new Date()): Promise<Forum> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = this.forums.get(forumId);
    const { council } = this.nextSession(forumId);
    const n = council.sessionNumber;
    const at = now.toISOString();
    const forum: Forum = {
      ...input,
      edition: n === null ? '' : `الدورة الـ${n}`,
      titleAr: nextTitle(council.bodyAr, n, 'ar') || (input.titleAr && `${input.titleAr} (الدورة التالية)`),
      titleEn: nextTitle(council.bodyEn, n, 'en') || (input.titleEn && `${input.titleEn} (next session)`),
      status: 'draft',
      id: randomUUID(),
      createdAt: at,
      updatedAt: at,
    };
    await this.forums.create(forum, undefined, council);
    return forum;
  }

  /** The forum's council; not_found for no forum. */
  private council(forumId: string): Council {
    return (this.forums.document(forumId)?.data ?? this.missing(forumId)).council;
  }

  private missing(forumId: string): never {
    throw new AppError('not_found', `No forum ${forumId}.`);
  }

  /** The decisions of another session, marked with where they were taken; none when it is gone. */
  private followed(forumId: string): FollowedDecision[] {
    const doc = this.forums.document(forumId);
    if (!doc) return [];
    const { decisions, sessionNumber } = doc.data.council;
    return decisions.map((d) => ({ ...d, forumId, sessionNumber }));
  }

  private checkPeople(fields: [string, string | null][], under: string[] = []): void {
    const people = new Set(this.directory().people.map((p) => p.id));
    for (const [field, id] of fields) {
      if (id && !people.has(id))
        throw refused([...under, field], 'errors.council.unknownPerson', `No person ${id} in the directory.`);
    }
  }

  private async change(forumId: string, edit: CouncilEdit): Promise<CouncilView> {
    const key = forumKey(forumId);
    this.forums.get(forumId); // not_found before anything else
    return this.history.change((current) => {
      const file = current(key);
      const { label, council } = edit(file.council, file.forum);
      return { label, next: new Map([[key, { ...file, council }]]), result: () => this.view(forumId) };
    });
  }
}

/** «الدورة الـ56 — المجلس التنفيذي…», "56th session — Executive Council…"; empty without a body's name. */
function nextTitle(body: string, n: number | null, lang: 'ar' | 'en'): string {
  if (!body) return '';
  if (n === null) return body;
  return lang === 'ar' ? `الدورة الـ${n} — ${body}` : `${ordinal(n)} session — ${body}`;
}
