import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import type { Directory } from '../../shared/domain/person';
import type {
  Delegation,
  DelegationCar,
  DelegationSave,
  Hall,
  HallSave,
  Programme,
  ProgrammeView,
  Session,
  SessionSave,
} from '../../shared/domain/programme';
import { withSyncedSpeakers } from '../../shared/domain/programme-edit';
import { upsertById } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { HONORIFIC_RANK } from '../../shared/people/protocol-name';
import type { ForumStore } from '../forums/forum-store';
import { forumKey, type History } from '../history/history';
import { isPlaceholder, normalisePhone } from '../registrations/import/normalise';
import { nextRevision, refuseIfStale } from '../revision';
import { findConflicts } from './conflicts';

const titles = (x: { titleAr: string; titleEn: string }) => ({ ar: x.titleAr, en: x.titleEn });
const names = (x: { nameAr: string; nameEn: string }) => ({ ar: x.nameAr, en: x.nameEn });

/** An edit of one programme: checks the current programme, returns its next state and how to name the step. */
type ProgrammeEdit = (current: Programme) => { label: HistoryLabel; programme: Programme };

/**
 * The record to store for a save: refused when it was made from an older
 * revision than the one in `list` (another window saved it meanwhile), else
 * the fields sent with the next revision.
 */
function revised<T extends { id: string; updatedAt: string }>(
  list: readonly T[],
  save: Omit<T, 'updatedAt'> & { expectedUpdatedAt?: string },
  name: (x: T) => string,
  path: (string | number)[],
  now: Date,
): T {
  const { expectedUpdatedAt, ...fields } = save;
  const current = list.find((x) => x.id === save.id);
  if (current) refuseIfStale(current, expectedUpdatedAt, { name: name(current), path });
  return { ...fields, updatedAt: nextRevision(now, current?.updatedAt) } as T;
}

const titleText = (x: { titleAr: string; titleEn: string }) => `"${x.titleAr || x.titleEn}"`;
const nameText = (x: { nameAr: string; nameEn: string }) => `"${x.nameAr || x.nameEn}"`;

function findOrFail<T extends { id: string }>(list: readonly T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new AppError('not_found', `No ${what} ${id}.`);
  return found;
}

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
    private readonly now: () => Date = () => new Date(),
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
  saveSessions(forumId: string, saves: SessionSave[]): Promise<ProgrammeView> {
    return this.change(forumId, (p) => {
      const halls = new Set(p.halls.map((h) => h.id));
      const stray = saves.find((s) => s.hallId !== null && !halls.has(s.hallId));
      if (stray) throw new AppError('not_found', `No hall ${stray.hallId} in this forum.`);
      // One stale session refuses the whole step: a move of several is made on one view of the day.
      const now = this.now();
      const sessions = saves.map((s, i) => revised(p.sessions, s, titleText, ['sessions', i], now));
      const existing = new Set(p.sessions.map((s) => s.id));
      const action = sessions.every((s) => existing.has(s.id)) ? 'sessions.update' : 'sessions.create';
      const rankOf = this.rankOf();
      return {
        label: historyLabel(action, titles(sessions[0] as Session), sessions.length),
        programme: {
          ...p,
          sessions: sessions.reduce((list, s) => upsertById(list, withSyncedSpeakers(s, rankOf)), p.sessions),
        },
      };
    });
  }

  deleteSessions(forumId: string, ids: string[]): Promise<ProgrammeView> {
    const gone = new Set(ids);
    return this.change(forumId, (p) => {
      const first = p.sessions.find((s) => gone.has(s.id));
      if (!first) throw new AppError('not_found', 'No such session.');
      return {
        label: historyLabel('sessions.delete', titles(first), ids.length),
        programme: { ...p, sessions: p.sessions.filter((s) => !gone.has(s.id)) },
      };
    });
  }

  saveHall(forumId: string, save: HallSave): Promise<ProgrammeView> {
    return this.change(forumId, (p) => {
      const hall: Hall = revised(p.halls, save, nameText, ['hall'], this.now());
      return {
        label: historyLabel('halls.save', names(hall)),
        programme: { ...p, halls: upsertById(p.halls, hall) },
      };
    });
  }

  /** The hall's sessions stay, without a hall (shown in the day view's "elsewhere" column). */
  deleteHall(forumId: string, id: string): Promise<ProgrammeView> {
    return this.change(forumId, (p) => ({
      label: historyLabel('halls.delete', names(findOrFail(p.halls, id, 'hall'))),
      programme: {
        ...p,
        halls: p.halls.filter((h) => h.id !== id),
        sessions: p.sessions.map((s) => (s.hallId === id ? { ...s, hallId: null } : s)),
      },
    }));
  }

  async saveDelegation(forumId: string, save: DelegationSave): Promise<ProgrammeView> {
    const memberIds = [...new Set(save.memberIds)].filter((id) => id !== save.headId);
    const cars = this.readCarPhones(forumId, save.cars);
    // Travel is kept for the people of the delegation only, once each, and names only its own cars.
    const inDelegation = new Set([...(save.headId ? [save.headId] : []), ...memberIds]);
    const carIds = new Set(cars.map((c) => c.id));
    const memberDetails = save.memberDetails
      .filter(
        (m, i) => inDelegation.has(m.personId) && save.memberDetails.findIndex((x) => x.personId === m.personId) === i,
      )
      .map((m) => (m.carId && !carIds.has(m.carId) ? { ...m, carId: null } : m));
    return this.change(forumId, (p) => {
      const cleaned: Delegation = revised(
        p.delegations,
        { ...save, memberIds, cars, memberDetails },
        nameText,
        ['delegation'],
        this.now(),
      );
      return {
        label: historyLabel('delegations.save', names(cleaned)),
        programme: { ...p, delegations: upsertById(p.delegations, cleaned) },
      };
    });
  }

  deleteDelegation(forumId: string, id: string): Promise<ProgrammeView> {
    return this.change(forumId, (p) => ({
      label: historyLabel('delegations.delete', names(findOrFail(p.delegations, id, 'delegation'))),
      programme: { ...p, delegations: p.delegations.filter((d) => d.id !== id) },
    }));
  }

  /**
   * Each driver's phone read the way a registrant's mobile is (a local number
   * with the forum's country code): one that cannot be read is refused under
   * its own field, and nothing is saved. The number is kept as typed, cleaned.
   */
  private readCarPhones(forumId: string, cars: readonly DelegationCar[]): DelegationCar[] {
    const country = this.forums.get(forumId).phoneCountry;
    const issues: { path: (string | number)[]; message: string }[] = [];
    const read = cars.map((car, i) => {
      const phone = normalisePhone(car.phone, country);
      if (phone.problem) issues.push({ path: ['delegation', 'cars', i, 'phone'], message: 'errors.phoneInvalid' });
      return { ...car, phone: isPlaceholder(phone.typed) ? '' : phone.typed };
    });
    if (issues.length > 0) throw new AppError('invalid_request', "A driver's phone number cannot be read.", issues);
    return read;
  }

  private async change(forumId: string, edit: ProgrammeEdit): Promise<ProgrammeView> {
    const key = forumKey(forumId);
    this.forums.get(forumId); // not_found before anything else
    return this.history.change((current) => {
      const file = current(key);
      const { label, programme } = edit(file.programme);
      return { label, next: new Map([[key, { ...file, programme }]]), result: () => this.view(forumId) };
    });
  }

  private rankOf(): (id: string) => number {
    const people = new Map(this.directory().people.map((p) => [p.id, p]));
    return (id) => HONORIFIC_RANK[people.get(id)?.honorific ?? 'none'];
  }
}
