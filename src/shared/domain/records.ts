/** The list with `record` in place of the one with its id, or added at the end. */
export function upsertById<T extends { id: string }>(list: readonly T[], record: T): T[] {
  const at = list.findIndex((x) => x.id === record.id);
  return at === -1 ? [...list, record] : list.map((x, i) => (i === at ? record : x));
}
