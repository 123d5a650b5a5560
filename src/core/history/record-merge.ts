/**
 * Undo and redo when several windows change the same files: a step of one
 * window is put back record by record, over whatever the other windows did
 * since. The office's e-mail edit is undone while the door's check-in of
 * someone else in the same registrations file stays.
 *
 * A record is an object with a string `id` (a registrant, a session, a
 * person, a forum): it goes back whole or not at all. Lists of records are
 * matched by id; other objects are walked key by key; any other value (a
 * counter, a list of ids) is a value of its own. A step is put back only
 * where the file still holds what the step left: a record (or value) that
 * someone changed since stops it, so an undo never overwrites a later change
 * by another window.
 */

/** The record or value that was changed since the step; names it for the message. */
export class ChangedSince extends Error {
  constructor(readonly path: readonly (string | number)[]) {
    super(`changed since, at ${path.join('.') || 'the whole file'}`);
    this.name = 'ChangedSince';
  }
}

type Plain = Record<string, unknown>;
type IdRecord = Plain & { id: string };

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRecord = (v: unknown): v is IdRecord => isPlain(v) && typeof v.id === 'string';
const isRecordList = (v: unknown): v is IdRecord[] => Array.isArray(v) && v.every(isRecord);

/** Deep equality of data as read from JSON (stores keep no other kinds of value). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (!isPlain(a) || !isPlain(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
}

/**
 * `current` with the change `from` → `to` made to it (an undo passes the
 * step's after → before, a redo its before → after), keeping every other
 * change `current` holds. Throws ChangedSince where `current` no longer
 * holds `from` in a place the step changes.
 */
export function reapply(current: unknown, from: unknown, to: unknown, path: (string | number)[] = []): unknown {
  if (current === from || sameData(current, from)) return to;
  if (from === to || sameData(from, to)) return current; // the step did not touch this part
  if (sameData(current, to)) return current; // already as wanted
  if (isRecordList(current) && isRecordList(from) && isRecordList(to)) return reapplyList(current, from, to, path);
  const records = [current, from, to].filter(isRecord);
  if (records.length === 0 && isPlain(current) && isPlain(from) && isPlain(to)) {
    const result: Plain = { ...current };
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const next = reapply(current[key], from[key], to[key], [...path, key]);
      if (next === undefined) delete result[key];
      else result[key] = next;
    }
    return result;
  }
  throw new ChangedSince(records.length > 0 ? [...path, (records[0] as IdRecord).id] : path);
}

/** Lists of records by id: each record the step touched goes back (or away, or in) unless changed since. */
function reapplyList(current: IdRecord[], from: IdRecord[], to: IdRecord[], path: (string | number)[]): IdRecord[] {
  const byId = (list: IdRecord[]) => new Map(list.map((r) => [r.id, r]));
  const [now, was, wanted] = [byId(current), byId(from), byId(to)];
  const result = new Map<string, IdRecord>();
  for (const record of current) result.set(record.id, record);
  for (const id of new Set([...was.keys(), ...wanted.keys()])) {
    const a = was.get(id);
    const b = wanted.get(id);
    if (a === b) continue;
    const next = reapply(now.get(id), a, b, [...path, id]) as IdRecord | undefined;
    if (next === undefined) result.delete(id);
    else result.set(id, next);
  }
  // The order: `current`'s, with each record put back in where `to` had it, just before the record that
  // followed it there (or at the end). One pass each way, so undoing the deletion of thousands stays linear.
  const kept = current.map((r) => r.id).filter((id) => result.has(id));
  const placed = new Set(kept);
  const before = new Map<string | null, string[]>(); // anchor id (null: the end) -> ids put back before it
  let anchor: string | null = null;
  for (let i = to.length - 1; i >= 0; i--) {
    const id = (to[i] as IdRecord).id;
    if (placed.has(id)) anchor = id;
    else if (result.has(id)) {
      const group = before.get(anchor);
      if (group) group.push(id);
      else before.set(anchor, [id]);
    }
  }
  // Each group was gathered back to front.
  const group = (at: string | null) => (before.get(at) ?? []).reverse();
  const order = kept.flatMap((id) => [...group(id), id]).concat(group(null));
  return order.map((id) => result.get(id) as IdRecord);
}
