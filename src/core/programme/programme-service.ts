import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import type { Directory } from '../../shared/domain/person';
import type { Delegation, Hall, Programme, ProgrammeView, Session } from '../../shared/domain/programme';
import { withSyncedSpeakers } from '../../shared/domain/programme-edit';
import { upsertById } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { HONORIFIC_RANK } from '../../shared/people/protocol-name';
import type { ForumFile } from '../forums/forum-file';
import type { ForumStore } from '../forums/forum-store';
import { forumKey, type History } from '../history/history';
import { findConflicts } from './conflicts';

const titles = (x: { titleAr: string; titleEn: string }) => ({ ar: x.titleAr, en: x.titleEn });
const names = (x: { nameAr: string; nameEn: string }) => ({ ar: x.nameAr, en: x.nameEn });

/**
 * A forum's halls, sessions and delegations. Each change is one undoable
 * step and answers with the whole programme and its conflicts, checked
 * afresh (well under a millisecond for 150 sessions; see bench/).
 */
export class ProgrammeService {
  constructor(
    private readonly forums: ForumStore,
    private readonly directory: () => Directory,
    private readonly history: History,
  ) {}

  view(forumId: string): ProgrammeView {
    const forum = this.forums.get(forumId);
    const programme = this.forums.programme(forumId);
    const conflicts = findConflicts({
      firstDay: forum.firstDay,
      lastDay: forum.lastDay,
      expectedAttendance: forum.expectedAttendance,
      halls: programme.halls,
      sessions: programme.sessions,
      personIds: new Set(this.directory().people.map((p) => p.id)),
    });
    return { ...programme, conflicts };
  }

  /** Adds or replaces sessions (a move, a resize, "shift the rest of the day", a template: one step each). */
  saveSessions(forumId: string, sessions: Session[]): Promise<ProgrammeView> {
    const halls = new Set(this.forums.programme(forumId).halls.map((h) => h.id));
    const strayHall = sessions.find((s) => s.hallId !== null && !halls.has(s.hallId));
    if (strayHall) throw new AppError('not_found', `No hall ${strayHall.hallId} in this forum.`);
    const rankOf = this.rankOf();
    const existing = new Set(this.forums.programme(forumId).sessions.map((s) => s.id));
    const action = sessions.every((s) => existing.has(s.id)) ? 'sessions.update' : 'sessions.create';
    return this.change(
      forumId,
      historyLabel(action, titles(sessions[0] ?? { titleAr: '', titleEn: '' }), sessions.length),
      (p) => ({
        ...p,
        sessions: sessions.reduce((list, s) => upsertById(list, withSyncedSpeakers(s, rankOf)), p.sessions),
      }),
    );
  }

  deleteSessions(forumId: string, ids: string[]): Promise<ProgrammeView> {
    const gone = new Set(ids);
    const first = this.forums.programme(forumId).sessions.find((s) => gone.has(s.id));
    if (!first) throw new AppError('not_found', 'No such session.');
    return this.change(forumId, historyLabel('sessions.delete', titles(first), ids.length), (p) => ({
      ...p,
      sessions: p.sessions.filter((s) => !gone.has(s.id)),
    }));
  }

  saveHall(forumId: string, hall: Hall): Promise<ProgrammeView> {
    return this.change(forumId, historyLabel('halls.save', names(hall)), (p) => ({
      ...p,
      halls: upsertById(p.halls, hall),
    }));
  }

  /** The hall's sessions stay, without a hall (flagged nowhere, shown in their own column). */
  deleteHall(forumId: string, id: string): Promise<ProgrammeView> {
    const hall = this.forums.programme(forumId).halls.find((h) => h.id === id);
    if (!hall) throw new AppError('not_found', `No hall ${id}.`);
    return this.change(forumId, historyLabel('halls.delete', names(hall)), (p) => ({
      ...p,
      halls: p.halls.filter((h) => h.id !== id),
      sessions: p.sessions.map((s) => (s.hallId === id ? { ...s, hallId: null } : s)),
    }));
  }

  saveDelegation(forumId: string, delegation: Delegation): Promise<ProgrammeView> {
    const cleaned = {
      ...delegation,
      memberIds: [...new Set(delegation.memberIds)].filter((id) => id !== delegation.headId),
    };
    return this.change(forumId, historyLabel('delegations.save', names(cleaned)), (p) => ({
      ...p,
      delegations: upsertById(p.delegations, cleaned),
    }));
  }

  deleteDelegation(forumId: string, id: string): Promise<ProgrammeView> {
    const delegation = this.forums.programme(forumId).delegations.find((d) => d.id === id);
    if (!delegation) throw new AppError('not_found', `No delegation ${id}.`);
    return this.change(forumId, historyLabel('delegations.delete', names(delegation)), (p) => ({
      ...p,
      delegations: p.delegations.filter((d) => d.id !== id),
    }));
  }

  private change(forumId: string, label: HistoryLabel, edit: (p: Programme) => Programme): Promise<ProgrammeView> {
    const key = forumKey(forumId);
    this.forums.get(forumId); // not_found before anything else
    return this.history.change(
      label,
      (current) => {
        const file = current(key) as ForumFile;
        return new Map([[key, { ...file, programme: edit(file.programme) }]]);
      },
      () => this.view(forumId),
    );
  }

  private rankOf(): (id: string) => number {
    const people = new Map(this.directory().people.map((p) => [p.id, p]));
    return (id) => HONORIFIC_RANK[people.get(id)?.honorific ?? 'none'];
  }
}
