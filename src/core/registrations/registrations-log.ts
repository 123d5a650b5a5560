import { z } from 'zod';
import { type Registration, registrationSchema } from '../../shared/domain/registration';
import { changedPlace } from './registration-list';
import type { RegistrationsFile } from './registration-store';

/**
 * The check-in log of a forum's registrations: the changes made at the door
 * (a check-in, its undo, a walk-in checked in as they register) are appended
 * to it as one JSON line each instead of rewriting the whole registrations
 * file, whose size grows with the forum (36 MB at 60,000 registrants). Every
 * other change rewrites the file, which keeps its last good copy (`.bak`) one
 * office edit behind, as the other store files. See
 * docs/check-in-log.md for the format, compaction and the crash guarantees.
 *
 * Every entry has a sequence number, increasing over the forum's life; the
 * registrations file records the last one it holds (`logSeq`). Opening folds
 * the entries past it, in order, and no others: an entry already written
 * into the file (the process died after rewriting it, before removing the
 * log) is never applied twice.
 */
export type LogChange =
  /** The registrant of this id, as it is now (a check-in, its undo, an edit). */
  | { put: Registration }
  /** A registrant added at the end (a walk-in), and the badge counter after it. */
  | { add: Registration; nextCode: number };
export type LogEntry = LogChange & { seq: number };

/** More changed registrants than this in one change: the whole file is rewritten instead. */
export const MOST_LOGGED_PER_CHANGE = 20;

const seqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const entrySchema = z.union([
  z.object({ seq: seqSchema, put: registrationSchema }).strict(),
  z.object({ seq: seqSchema, add: registrationSchema, nextCode: z.number().int().min(1) }).strict(),
]);

export function encodeEntry(entry: LogEntry): string {
  return JSON.stringify(entry);
}

/** One line of a log, checked; null for a line that cannot be a log entry. */
export function decodeEntry(line: string): LogEntry | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = entrySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What a check-in (and its undo) changes in a registrant; a change of anything else is an edit. */
const CHECK_IN_FIELDS: ReadonlySet<string> = new Set<keyof Registration>([
  'checkedInAt',
  'statusBeforeCheckIn',
  'status',
  'updatedAt',
]);

function onlyCheckInChanged(was: Registration, now: Registration): boolean {
  const a = was as unknown as Record<string, unknown>;
  const b = now as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!CHECK_IN_FIELDS.has(key) && a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * The log entries that turn `current` into `next`, or null when the change
 * is not made at the door and the whole file must be written: anything but
 * registrants checked in or out in place (same ids, same order, nothing else
 * of theirs changed) or one walk-in, checked in, added at the end. Compares
 * by reference: the stores replace what they change, never mutate it, so an
 * unchanged registrant (and its list of sessions) is the same object.
 */
export function logChangesBetween(current: RegistrationsFile, next: RegistrationsFile): LogChange[] | null {
  const before = current.registrations;
  const after = next.registrations;
  const place = changedPlace(before, after);
  if (place !== null) return changeAt(current, next, place);
  if (after.length === before.length + 1) {
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return null;
    const added = after[before.length];
    return added?.checkedInAt ? [{ add: added, nextCode: next.nextCode }] : null;
  }
  if (after.length !== before.length || next.nextCode !== current.nextCode) return null;
  const changes: LogChange[] = [];
  for (let i = 0; i < before.length; i++) {
    const was = before[i];
    const now = after[i];
    if (was === now) continue;
    if (!was || !now || changes.length === MOST_LOGGED_PER_CHANGE || !onlyCheckInChanged(was, now)) return null;
    changes.push({ put: now });
  }
  return changes;
}

/** `logChangesBetween` for a list made by registration-list.ts: only the one place it changed is looked at. */
function changeAt(current: RegistrationsFile, next: RegistrationsFile, position: number): LogChange[] | null {
  const was = current.registrations[position];
  const now = next.registrations[position];
  if (!now) return null;
  if (!was) return now.checkedInAt ? [{ add: now, nextCode: next.nextCode }] : null;
  return next.nextCode === current.nextCode && onlyCheckInChanged(was, now) ? [{ put: now }] : null;
}

export interface Folded {
  file: RegistrationsFile;
  /** Entries that named a registrant the file does not hold (a put), or holds already (an add). */
  unmatched: number;
}

/** The file with `entries` (in sequence order) applied. */
export function foldEntries(file: RegistrationsFile, entries: readonly LogEntry[]): Folded {
  if (entries.length === 0) return { file, unmatched: 0 };
  const registrations = file.registrations.slice();
  const at = new Map(registrations.map((r, i) => [r.id, i]));
  let nextCode = file.nextCode;
  let unmatched = 0;
  for (const entry of entries) {
    if ('put' in entry) {
      const i = at.get(entry.put.id);
      if (i === undefined) unmatched++;
      else registrations[i] = entry.put;
    } else if (at.has(entry.add.id)) {
      unmatched++;
    } else {
      at.set(entry.add.id, registrations.length);
      registrations.push(entry.add);
      nextCode = Math.max(nextCode, entry.nextCode);
    }
  }
  return { file: { ...file, nextCode, registrations }, unmatched };
}
