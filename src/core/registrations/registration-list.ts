import type { Registration } from '../../shared/domain/registration';
import { AppError } from '../../shared/errors';

/**
 * A forum's list of registrants changed at the door, at the cost of one scan
 * rather than of the forum's size: lists are never mutated (History keeps
 * the old ones for undo), so each list remembers where its registrants sit
 * and, when it was made from another by one of the functions below, what
 * that change was. The check-in log (registrations-log.ts) then knows which
 * registrant to write without comparing 60,000 of them.
 */
const positions = new WeakMap<readonly Registration[], Map<string, number>>();

/**
 * How a list was made from another: one registrant replaced in place, or one
 * added at the end. The list it came from is held weakly: a chain of strong
 * references would keep every version of a 60,000-row list alive.
 */
interface Derivation {
  from: WeakRef<readonly Registration[]>;
  position: number;
}
const derivations = new WeakMap<readonly Registration[], Derivation>();

/**
 * Where the registrant of this id sits in `list`; not_found when it is not
 * there. A list made from another with the same ids at the same places
 * shares its map of places, and a hit is checked against the list itself,
 * so a place another version of the list added is never trusted.
 */
export function positionOf(list: readonly Registration[], id: string): number {
  let map = positions.get(list);
  if (!map) {
    map = new Map(list.map((r, i) => [r.id, i]));
    positions.set(list, map);
  }
  const known = map.get(id);
  if (known !== undefined && list[known]?.id === id) return known;
  const found = list.findIndex((r) => r.id === id);
  if (found < 0) throw new AppError('not_found', `No registration ${id}.`);
  return found;
}

/** The list with the registrant at `position` replaced by `r` (same id). */
export function replacedAt(list: readonly Registration[], position: number, r: Registration): Registration[] {
  const next = list.slice();
  next[position] = r;
  const map = positions.get(list);
  if (map) positions.set(next, map);
  derivations.set(next, { from: new WeakRef(list), position });
  return next;
}

/** The list with `r` added at the end. */
export function withAdded(list: readonly Registration[], r: Registration): Registration[] {
  const next = [...list, r];
  const map = positions.get(list);
  if (map) {
    map.set(r.id, list.length);
    positions.set(next, map);
  }
  derivations.set(next, { from: new WeakRef(list), position: list.length });
  return next;
}

/** The one place where `list` differs from `from`, when the functions above made it from it; null otherwise. */
export function changedPlace(from: readonly Registration[], list: readonly Registration[]): number | null {
  const derivation = derivations.get(list);
  return derivation && derivation.from.deref() === from ? derivation.position : null;
}
