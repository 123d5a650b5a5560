import type { HandoverPreview } from '../../shared/domain/backup';
import type { Forum } from '../../shared/domain/forum';
import type { Directory, Organisation, Person } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { mapPeople } from '../../shared/domain/programme-edit';
import type { Registration } from '../../shared/domain/registration';
import { normalizeArabic, toLatinDigits } from '../../shared/text/arabic';
import type { ForumFile } from '../forums/forum-file';
import { DuplicateIndex, duplicateKeys } from '../registrations/import/duplicates';
import { EMPTY_REGISTRATIONS, type RegistrationsFile } from '../registrations/registration-store';
import type { Handover } from './handover-archive';

/**
 * What a handover file does to this machine's store, worked out before
 * anything is written (the preview shows it, the commit writes it):
 *
 * - The directory: an organisation or person of the file is the one here
 *   with the same id (the newer record wins), else the one here the
 *   duplicate rules find (same e-mail, same mobile, or the same folded name
 *   with the same organisation), else a new record. The programme's
 *   references follow whichever record here they end up as.
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
}

export interface PlanContext {
  mode: 'new' | 'merge';
  duplicates: 'keepExisting' | 'takeIncoming';
  directory: Directory;
  /** The forum of the same id here, with its registrations, for a merge. */
  existing: { file: ForumFile; registrations: RegistrationsFile } | null;
  newId: () => string;
  now: Date;
}

const DUPLICATES_SHOWN = 50;

export function planHandover(handover: Handover, context: PlanContext): HandoverPlan {
  const { directory, ids, counts } = mergeDirectory(context.directory, handover.directory);
  const programme = remapProgramme(handover.file.programme, ids);
  const incoming = handover.registrations ?? EMPTY_REGISTRATIONS;
  if (context.mode === 'new' || !context.existing) {
    const at = context.now.toISOString();
    const forum: Forum = { ...handover.file.forum, id: context.newId(), createdAt: at, updatedAt: at };
    return {
      forumId: forum.id,
      file: { forum, programme },
      registrations: incoming,
      directory,
      merge: null,
      directoryCounts: counts,
    };
  }
  const here = context.existing;
  const forumNewer = handover.file.forum.updatedAt > here.file.forum.updatedAt;
  const halls = mergeById(here.file.programme.halls, programme.halls, () => true);
  const sessions = mergeById(here.file.programme.sessions, programme.sessions, () => true);
  const delegations = mergeById(here.file.programme.delegations, programme.delegations, () => true);
  const registrations = mergeRegistrations(here.registrations, incoming, context.duplicates);
  return {
    forumId: here.file.forum.id,
    file: {
      forum: forumNewer ? handover.file.forum : here.file.forum,
      programme: { halls: halls.list, sessions: sessions.list, delegations: delegations.list },
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
): { directory: Directory; ids: IdMaps; counts: HandoverPreview['directory'] } {
  const organisations = matchRecords(here.organisations, incoming.organisations, (o) => [organisationKey(o)]);
  const orgName = new Map(organisations.list.map((o) => [o.id, normalizeArabic(o.nameAr || o.nameEn)]));
  const people = matchRecords(
    here.people,
    // Their organisations as known here first, so "same name, same organisation" compares like with like.
    incoming.people.map((p) => ({
      ...p,
      organisationId: p.organisationId && (organisations.ids.get(p.organisationId) ?? null),
    })),
    (p) => personKeys(p, p.organisationId ? (orgName.get(p.organisationId) ?? '') : ''),
  );
  return {
    directory: { people: people.list, organisations: organisations.list },
    ids: { people: people.ids, organisations: organisations.ids },
    counts: {
      peopleAdded: people.added,
      peopleMatched: people.matched,
      organisationsAdded: organisations.added,
      organisationsMatched: organisations.matched,
    },
  };
}

/**
 * Ours with theirs matched in: the record here with the same id (the newer
 * one kept), else the first record here one of `keysOf` finds, else theirs
 * added. `ids` says which id each of theirs has here.
 */
function matchRecords<T extends { id: string; updatedAt: string }>(
  here: readonly T[],
  incoming: readonly T[],
  keysOf: (record: T) => string[],
): { list: T[]; ids: Map<string, string>; added: number; matched: number } {
  const list = [...here];
  const at = new Map(list.map((r, i) => [r.id, i]));
  const byKey = new Map<string, string>();
  for (const r of here) for (const key of keysOf(r)) if (!byKey.has(key)) byKey.set(key, r.id);
  const ids = new Map<string, string>();
  let added = 0;
  for (const r of incoming) {
    const index = at.get(r.id);
    const match =
      index === undefined
        ? keysOf(r)
            .map((k) => byKey.get(k))
            .find(Boolean)
        : r.id;
    if (index !== undefined && r.updatedAt > (list[index] as T).updatedAt) list[index] = r;
    if (!match) {
      list.push(r);
      added++;
    }
    ids.set(r.id, match ?? r.id);
  }
  return { list, ids, added, matched: incoming.length - added };
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

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
