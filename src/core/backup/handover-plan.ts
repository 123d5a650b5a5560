import type { DirectoryChange, HandoverPreview } from '../../shared/domain/backup';
import type { Council, Decision } from '../../shared/domain/council';
import { mapCouncilOrganisations, mapCouncilPeople } from '../../shared/domain/council-edit';
import type { Forum } from '../../shared/domain/forum';
import type { Directory, Organisation, Person } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { mapPeople } from '../../shared/domain/programme-edit';
import { MAX_REGISTRATIONS, type Registration } from '../../shared/domain/registration';
import { normalizeArabic, toLatinDigits } from '../../shared/text/arabic';
import type { ForumFile } from '../forums/forum-file';
import { DuplicateIndex, duplicateKeys } from '../registrations/import/duplicates';
import { EMPTY_REGISTRATIONS, type RegistrationsFile } from '../registrations/registration-store';
import { archiveRefused } from './archive-documents';
import type { Handover } from './handover-archive';

/**
 * What a handover file does to this machine's store, worked out before
 * anything is written (the preview shows it, the commit writes it):
 *
 * - The directory: an organisation or person of the file is the one here
 *   with the same id, else the one here the duplicate rules find (same
 *   e-mail, same mobile, or the same folded name with the same
 *   organisation), else a new record. The programme's references follow
 *   whichever record here they end up as. A record here is never changed by
 *   the file unless the coordinator chose its version (`takeDirectory`),
 *   having seen what would change field by field (`directoryChanges`):
 *   every receiver of one of our files knows our ids, and a later date on a
 *   record proves nothing.
 * - As a new forum: the file's forum under a new id, everything in it as it is.
 * - Merged into the forum of the same id: records matched by id; the file's
 *   version of a hall, session or delegation wins where they differ, the
 *   newer registration wins, and nothing here is deleted. A registrant of the
 *   file that the duplicate rules match to one here is kept as ours unless the
 *   coordinator takes theirs. A new registrant whose badge code is taken here
 *   gets the next free code.
 */
export interface HandoverPlan {
  forumId: string;
  file: ForumFile;
  registrations: RegistrationsFile;
  directory: Directory;
  merge: HandoverPreview['merge'];
  directoryCounts: HandoverPreview['directory'];
  directoryChanges: DirectoryChange[];
}

export interface PlanContext {
  mode: 'new' | 'merge';
  duplicates: 'keepExisting' | 'takeIncoming';
  directory: Directory;
  /** The forum of the same id here, with its registrations, for a merge. */
  existing: { file: ForumFile; registrations: RegistrationsFile } | null;
  /** Ids of people and organisations here whose version in the file the coordinator chose. */
  takeDirectory: ReadonlySet<string>;
  newId: () => string;
  now: Date;
}

const DUPLICATES_SHOWN = 50;

export function planHandover(handover: Handover, context: PlanContext): HandoverPlan {
  const { directory, ids, counts, changes } = mergeDirectory(
    context.directory,
    handover.directory,
    context.takeDirectory,
  );
  const programme = remapProgramme(handover.file.programme, ids);
  const council = remapCouncil(handover.file.council, ids);
  const incoming = handover.registrations ?? EMPTY_REGISTRATIONS;
  if (context.mode === 'new' || !context.existing) {
    const at = context.now.toISOString();
    const forum: Forum = { ...handover.file.forum, id: context.newId(), createdAt: at, updatedAt: at };
    return {
      forumId: forum.id,
      file: { forum, programme, council },
      registrations: incoming,
      directory,
      merge: null,
      directoryCounts: counts,
      directoryChanges: changes,
    };
  }
  const here = context.existing;
  const forumNewer = handover.file.forum.updatedAt > here.file.forum.updatedAt;
  const halls = mergeById(here.file.programme.halls, programme.halls, () => true);
  const sessions = mergeById(here.file.programme.sessions, programme.sessions, () => true);
  const delegations = mergeById(here.file.programme.delegations, programme.delegations, () => true);
  const registrations = mergeRegistrations(here.registrations, incoming, context.duplicates);
  if (registrations.file.registrations.length > MAX_REGISTRATIONS) {
    throw archiveRefused(
      'handover',
      'tooManyRegistrations',
      `merged, the forum would hold ${registrations.file.registrations.length} registrants`,
    );
  }
  return {
    forumId: here.file.forum.id,
    file: {
      forum: forumNewer ? handover.file.forum : here.file.forum,
      programme: { halls: halls.list, sessions: sessions.list, delegations: delegations.list },
      council: mergeCouncil(here.file.council, council),
    },
    registrations: registrations.file,
    directory,
    merge: {
      forum: forumNewer && !sameJson(handover.file.forum, here.file.forum) ? 'updated' : 'unchanged',
      halls: halls.counts,
      sessions: sessions.counts,
      delegations: delegations.counts,
      registrations: registrations.counts,
      duplicates: registrations.duplicates.slice(0, DUPLICATES_SHOWN),
      duplicateCount: registrations.duplicates.length,
      recoded: registrations.recoded,
    },
    directoryCounts: counts,
    directoryChanges: changes,
  };
}

interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Ours with theirs laid over by id: `theirsWins` decides where both have a record and they differ. */
function mergeById<T extends { id: string }>(
  ours: readonly T[],
  theirs: readonly T[],
  theirsWins: (ours: T, theirs: T) => boolean,
): { list: T[]; counts: Counts } {
  const counts: Counts = { added: 0, updated: 0, unchanged: 0 };
  const byId = new Map(theirs.map((t) => [t.id, t]));
  const list = ours.map((o) => {
    const t = byId.get(o.id);
    byId.delete(o.id);
    if (!t) return o; // only here: kept, and not the file's to count
    if (sameJson(o, t) || !theirsWins(o, t)) {
      counts.unchanged++;
      return o;
    }
    counts.updated++;
    return t;
  });
  for (const t of byId.values()) {
    counts.added++;
    list.push(t);
  }
  return { list, counts };
}

function mergeRegistrations(
  ours: RegistrationsFile,
  theirs: RegistrationsFile,
  duplicates: PlanContext['duplicates'],
): {
  file: RegistrationsFile;
  counts: Counts;
  duplicates: NonNullable<HandoverPreview['merge']>['duplicates'];
  recoded: number;
} {
  const ourIds = new Set(ours.registrations.map((r) => r.id));
  const byId = mergeById(
    ours.registrations,
    theirs.registrations.filter((r) => ourIds.has(r.id)),
    (o, t) => t.updatedAt > o.updatedAt,
  );
  const counts = byId.counts;
  const list = byId.list;
  const keysOf = duplicateKeys();
  const index = DuplicateIndex.ofRegistrations(ours.registrations, keysOf);
  const position = new Map(list.map((r, i) => [r.id, i]));
  const codes = new Set(list.map((r) => r.code));
  // Only their codes count, not their counter: a counter is a fact about their forum, and taking a larger one
  // would spend this forum's codes (a file could set it near the last code and leave this forum none).
  let nextCode = ours.nextCode;
  let recoded = 0;
  const found: NonNullable<HandoverPreview['merge']>['duplicates'] = [];
  for (const t of theirs.registrations) {
    if (ourIds.has(t.id)) continue;
    const match = index.find(keysOf(t));
    const at = match?.registrationId ? position.get(match.registrationId) : undefined;
    if (match && at !== undefined) {
      const o = list[at] as Registration;
      found.push({
        incomingName: t.fullName || t.fullNameEn,
        existingName: o.fullName || o.fullNameEn,
        organisation: o.organisation,
        matchedBy: match.matchedBy,
      });
      if (duplicates === 'takeIncoming') {
        list[at] = { ...t, id: o.id, code: o.code, createdAt: o.createdAt };
        counts.updated++;
      } else {
        counts.unchanged++;
      }
      continue;
    }
    let code = t.code;
    if (codes.has(code)) {
      while (codes.has(String(nextCode))) nextCode++;
      code = String(nextCode++);
      recoded++;
    }
    codes.add(code);
    nextCode = Math.max(nextCode, Number(code) + 1);
    list.push({ ...t, code });
    counts.added++;
  }
  return { file: { nextCode, registrations: list }, counts, duplicates: found, recoded };
}

/** Incoming person and organisation ids to the ids they become here. */
interface IdMaps {
  people: Map<string, string>;
  organisations: Map<string, string>;
}

function mergeDirectory(
  here: Directory,
  incoming: Directory,
  take: ReadonlySet<string>,
): { directory: Directory; ids: IdMaps; counts: HandoverPreview['directory']; changes: DirectoryChange[] } {
  const organisations = matchRecords(here.organisations, incoming.organisations, (o) => [organisationKey(o)], {
    kind: 'organisation',
    take,
    shown: (_field, value) => (value === null ? '' : String(value)),
  });
  const orgName = new Map(organisations.list.map((o) => [o.id, normalizeArabic(o.nameAr || o.nameEn)]));
  const orgLabel = new Map(
    [...incoming.organisations, ...organisations.list].map((o) => [
      organisations.ids.get(o.id) ?? o.id,
      o.nameAr || o.nameEn,
    ]),
  );
  const people = matchRecords(
    here.people,
    // Their organisations as known here first, so "same name, same organisation" compares like with like.
    incoming.people.map((p) => ({
      ...p,
      organisationId: p.organisationId && (organisations.ids.get(p.organisationId) ?? null),
    })),
    (p) => personKeys(p, p.organisationId ? (orgName.get(p.organisationId) ?? '') : ''),
    {
      kind: 'person',
      take,
      shown: (field, value) =>
        field === 'organisationId' && typeof value === 'string'
          ? (orgLabel.get(value) ?? '')
          : value === null
            ? ''
            : String(value),
    },
  );
  return {
    directory: { people: people.list, organisations: organisations.list },
    changes: [...organisations.changes, ...people.changes],
    ids: { people: people.ids, organisations: organisations.ids },
    counts: {
      peopleAdded: people.added,
      peopleMatched: people.matched,
      organisationsAdded: organisations.added,
      organisationsMatched: organisations.matched,
    },
  };
}

/** How a directory record's changes are described: its kind, which ids are taken, how a value reads. */
interface ChangeTerms {
  kind: DirectoryChange['kind'];
  take: ReadonlySet<string>;
  shown(field: string, value: unknown): string;
}

/** What a record is known by in the change list. */
const recordName = (r: object) => {
  const { nameAr, nameEn } = r as { nameAr?: string; nameEn?: string };
  return nameAr || nameEn || '';
};

/**
 * Ours with theirs matched in: the record here with the same id, else the
 * first record here one of `keysOf` finds, else theirs added. `ids` says
 * which id each of theirs has here. A record here whose id the file's has
 * and whose details differ is listed in `changes`, and replaced only when
 * its id is in `terms.take`.
 */
function matchRecords<T extends { id: string; createdAt: string; updatedAt: string }>(
  here: readonly T[],
  incoming: readonly T[],
  keysOf: (record: T) => string[],
  terms: ChangeTerms,
): { list: T[]; ids: Map<string, string>; added: number; matched: number; changes: DirectoryChange[] } {
  const list = [...here];
  const at = new Map(list.map((r, i) => [r.id, i]));
  const byKey = new Map<string, string>();
  for (const r of here) for (const key of keysOf(r)) if (!byKey.has(key)) byKey.set(key, r.id);
  const ids = new Map<string, string>();
  const changes: DirectoryChange[] = [];
  let added = 0;
  for (const r of incoming) {
    const index = at.get(r.id);
    const match =
      index === undefined
        ? keysOf(r)
            .map((k) => byKey.get(k))
            .find(Boolean)
        : r.id;
    if (index !== undefined) {
      const ours = list[index] as T;
      const fields = changedFields(ours, r, terms.shown);
      if (fields.length > 0) {
        changes.push({
          id: r.id,
          kind: terms.kind,
          name: recordName(ours),
          fields,
          hereUpdatedAt: ours.updatedAt,
          incomingUpdatedAt: r.updatedAt,
        });
        if (terms.take.has(r.id)) list[index] = { ...r, createdAt: ours.createdAt };
      }
    }
    if (!match) {
      list.push(r);
      added++;
    }
    ids.set(r.id, match ?? r.id);
  }
  return { list, ids, added, matched: incoming.length - added, changes };
}

const NOT_DETAILS = new Set(['id', 'createdAt', 'updatedAt']);

/** The details (not the id nor the dates) in which `theirs` differs from `ours`, as each reads. */
function changedFields<T extends object>(ours: T, theirs: T, shown: ChangeTerms['shown']): DirectoryChange['fields'] {
  const fields: DirectoryChange['fields'] = [];
  const a = ours as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (NOT_DETAILS.has(field) || sameJson(a[field] ?? null, b[field] ?? null)) continue;
    fields.push({ field, here: shown(field, a[field] ?? null), incoming: shown(field, b[field] ?? null) });
  }
  return fields;
}

/** Later than this is no moment a file can truly have been written: a clock ahead, or a forged date. */
export const FILE_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The handover with every date later than `now` plus a small skew set to
 * that limit. A merge takes the later of two versions of a forum or a
 * registrant: a date in the year 9999 would otherwise win every merge, and
 * no later file could ever correct it.
 */
export function withDatesClamped(handover: Handover, now: Date): Handover {
  const limitMs = now.getTime() + FILE_CLOCK_SKEW_MS;
  const limit = new Date(limitMs).toISOString();
  const late = (iso: string) => Date.parse(iso) > limitMs;
  const at = (iso: string) => (late(iso) ? limit : iso);
  const dated = <T extends { createdAt: string; updatedAt: string }>(r: T): T =>
    late(r.createdAt) || late(r.updatedAt) ? { ...r, createdAt: at(r.createdAt), updatedAt: at(r.updatedAt) } : r;
  const registrations = handover.registrations && {
    ...handover.registrations,
    registrations: handover.registrations.registrations.map((r) => {
      const next = dated(r);
      return next.checkedInAt && late(next.checkedInAt) ? { ...next, checkedInAt: limit } : next;
    }),
  };
  return {
    ...handover,
    file: { ...handover.file, forum: dated(handover.file.forum) },
    registrations,
    directory: {
      people: handover.directory.people.map(dated),
      organisations: handover.directory.organisations.map(dated),
    },
  };
}

function organisationKey(o: Organisation): string {
  return `org:${normalizeArabic(o.nameAr || o.nameEn)}`;
}

/** The duplicate rules of registrations, for people: e-mail, mobile digits, folded name with organisation. */
function personKeys(p: Person, organisation: string): string[] {
  const keys: string[] = [];
  if (p.email) keys.push(`email:${p.email}`);
  const digits = toLatinDigits(p.mobile).replace(/\D/g, '');
  if (digits.length >= 7) keys.push(`phone:${digits}`);
  const name = normalizeArabic(p.nameAr || p.nameEn);
  if (name) keys.push(`name:${name}|${organisation}`);
  return keys;
}

/** The programme with its people and organisations as they are known here. */
function remapProgramme(programme: Programme, ids: IdMaps): Programme {
  const mapped = mapPeople(programme, (id) => ids.people.get(id) ?? id);
  return {
    ...mapped,
    delegations: mapped.delegations.map((d) => ({
      ...d,
      organisationId: d.organisationId && (ids.organisations.get(d.organisationId) ?? d.organisationId),
    })),
  };
}

/** The council with its people and member organisations as they are known here. */
function remapCouncil(council: Council, ids: IdMaps): Council {
  const people = mapCouncilPeople(council, (id) => ids.people.get(id) ?? id);
  return mapCouncilOrganisations(people, (id) => ids.organisations.get(id) ?? id);
}

/**
 * Ours with theirs laid over, like the programme: members, sittings, agenda
 * items and decisions matched by id (the file's version where both have one),
 * the body's details from the file when it names a body, else ours.
 */
function mergeCouncil(ours: Council, theirs: Council): Council {
  const settings = theirs.bodyAr || theirs.bodyEn || theirs.sessionNumber !== null ? theirs : ours;
  return {
    bodyAr: settings.bodyAr,
    bodyEn: settings.bodyEn,
    sessionNumber: settings.sessionNumber,
    quorum: settings.quorum,
    chairId: settings.chairId ?? ours.chairId,
    rapporteurId: settings.rapporteurId ?? ours.rapporteurId,
    previousForumId: settings.previousForumId ?? ours.previousForumId,
    members: mergeById(ours.members, theirs.members, () => true).list,
    sittings: mergeById(ours.sittings, theirs.sittings, () => true).list,
    agenda: mergeById(ours.agenda, theirs.agenda, () => true).list,
    // Two decisions of one number from two machines keep theirs, renumbered after ours.
    decisions: renumbered(mergeById(ours.decisions, theirs.decisions, () => true).list),
  };
}

function renumbered(decisions: Decision[]): Decision[] {
  const taken = new Set<number>();
  let next = decisions.reduce((max, d) => Math.max(max, d.number), 0);
  return decisions.map((d) => {
    if (!taken.has(d.number)) {
      taken.add(d.number);
      return d;
    }
    next += 1;
    taken.add(next);
    return { ...d, number: next };
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
