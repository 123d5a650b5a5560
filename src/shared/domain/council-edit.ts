import type { Council } from './council';

/**
 * Pure edits of a council that follow the directory: a person merged into
 * another, deleted, or taken in from a handover file under another id. Each
 * returns the same object when nothing changes, so core writes only the
 * forums it touched.
 */

/** Everyone a council names: chair, rapporteur, representatives, substitutes and presenters. */
export function councilPeopleOf(council: Council): Set<string> {
  const ids = new Set<string>();
  for (const id of [council.chairId, council.rapporteurId]) if (id) ids.add(id);
  for (const m of council.members) if (m.representativeId) ids.add(m.representativeId);
  for (const s of council.sittings) for (const a of s.attendance) if (a.substituteId) ids.add(a.substituteId);
  for (const item of council.agenda) if (item.presenterId) ids.add(item.presenterId);
  return ids;
}

/** The organisations a council's members are. */
export function councilOrganisationsOf(council: Council): Set<string> {
  return new Set(council.members.flatMap((m) => (m.organisationId ? [m.organisationId] : [])));
}

/** The council with every person id passed through `to`. */
export function mapCouncilPeople(council: Council, to: (id: string) => string): Council {
  if (![...councilPeopleOf(council)].some((id) => to(id) !== id)) return council;
  const map = (id: string | null) => id && to(id);
  return {
    ...council,
    chairId: map(council.chairId),
    rapporteurId: map(council.rapporteurId),
    members: council.members.map((m) => ({ ...m, representativeId: map(m.representativeId) })),
    sittings: council.sittings.map((s) => ({
      ...s,
      attendance: s.attendance.map((a) => ({ ...a, substituteId: map(a.substituteId) })),
    })),
    agenda: council.agenda.map((i) => ({ ...i, presenterId: map(i.presenterId) })),
  };
}

/** The council with every organisation id passed through `to` (null unlinks). */
export function mapCouncilOrganisations(council: Council, to: (id: string) => string | null): Council {
  if (![...councilOrganisationsOf(council)].some((id) => to(id) !== id)) return council;
  return {
    ...council,
    members: council.members.map((m) => ({ ...m, organisationId: m.organisationId && to(m.organisationId) })),
  };
}

/**
 * After deleting a person: a representative, substitute or presenter keeps
 * the printed name as typed text, so the minutes still say who it was; the
 * chair and rapporteur are left empty to be chosen again.
 */
export function removeCouncilPerson(council: Council, id: string, printedName: string): Council {
  if (!councilPeopleOf(council).has(id)) return council;
  const gone = (x: string | null) => x === id;
  return {
    ...council,
    chairId: gone(council.chairId) ? null : council.chairId,
    rapporteurId: gone(council.rapporteurId) ? null : council.rapporteurId,
    members: council.members.map((m) =>
      gone(m.representativeId) ? { ...m, representativeId: null, representativeName: printedName } : m,
    ),
    sittings: council.sittings.map((s) => ({
      ...s,
      attendance: s.attendance.map((a) =>
        gone(a.substituteId) ? { ...a, substituteId: null, substituteName: printedName } : a,
      ),
    })),
    agenda: council.agenda.map((i) =>
      gone(i.presenterId) ? { ...i, presenterId: null, presenterName: printedName } : i,
    ),
  };
}
