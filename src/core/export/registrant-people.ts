/**
 * Which person of the directory a registrant is. A registration is typed or
 * imported on its own and holds no link to the directory, yet some lists need
 * what only the directory knows: the programme's delegations name people, not
 * registrations, and an English list wants the English name, position and
 * organisation that the directory keeps and a spreadsheet import rarely has.
 *
 * A registrant is the person with the same e-mail, or else the same name
 * (Arabic with Arabic, English with English, spelling variants folded). A
 * name two people of the directory share, or an e-mail two share, says
 * nothing and is not used: a list never prints one person's details under
 * another's name.
 */
import type { Directory, Person } from '../../shared/domain/person';
import type { Registration } from '../../shared/domain/registration';
import { hasArabic, normalizeArabic } from '../../shared/text/arabic';

/** The keys a person or a registrant is found by, '' where there is none. */
function keysOf(email: string, nameAr: string, nameEn: string): string[] {
  const keys: string[] = [];
  if (email.trim()) keys.push(`email:${email.trim().toLowerCase()}`);
  const ar = normalizeArabic(nameAr);
  if (ar) keys.push(`ar:${ar}`);
  const en = normalizeArabic(nameEn);
  if (en) keys.push(`en:${en}`);
  return keys;
}

export class RegistrantPeople {
  /** Each key to the one person who has it; null when several share it. */
  private readonly personByKey = new Map<string, Person | null>();
  private readonly personOfRegistration = new Map<Registration, Person>();
  private readonly registrationOfPerson = new Map<string, Registration>();

  constructor(registrations: readonly Registration[], directory: Pick<Directory, 'people'>) {
    for (const person of directory.people) {
      for (const key of keysOf(person.email, person.nameAr, person.nameEn)) {
        this.personByKey.set(key, this.personByKey.has(key) ? null : person);
      }
    }
    if (this.personByKey.size === 0) return;
    for (const r of registrations) {
      // The keys in order of evidence: an e-mail first, then the names.
      let person: Person | undefined;
      for (const key of keysOf(r.email, r.fullName, r.fullNameEn)) {
        person = this.personByKey.get(key) ?? undefined;
        if (person) break;
      }
      if (!person) continue;
      this.personOfRegistration.set(r, person);
      // The first registration of a person stands for them (a second is a duplicate the coordinator has kept).
      if (!this.registrationOfPerson.has(person.id)) this.registrationOfPerson.set(person.id, r);
    }
  }

  personOf(r: Registration): Person | undefined {
    return this.personOfRegistration.get(r);
  }

  registrationOf(personId: string): Registration | undefined {
    return this.registrationOfPerson.get(personId);
  }
}

/**
 * A registrant as an English list prints them: the English name, position and
 * organisation the directory has, where the registration holds only Arabic.
 * What the registration has in English, or in no script at all, stays as typed.
 */
export function registrantInEnglish(
  r: Registration,
  person: Person | undefined,
  organisationNameEn: (organisation: string) => string | undefined,
): Registration {
  const fullNameEn = r.fullNameEn || person?.nameEn || '';
  // The registrant's own English first, then the directory's (their person, their organisation by its Arabic name).
  const position = r.positionEn || (hasArabic(r.position) && person?.positionEn) || r.position;
  const organisation =
    r.organisationEn || (hasArabic(r.organisation) && organisationNameEn(r.organisation)) || r.organisation;
  if (fullNameEn === r.fullNameEn && position === r.position && organisation === r.organisation) return r;
  return { ...r, fullNameEn, position, organisation };
}

/** An organisation's English name, looked up by its Arabic one with spelling variants folded. */
export function organisationsInEnglish(
  directory: Pick<Directory, 'organisations'>,
): (name: string) => string | undefined {
  const byArabic = new Map<string, string | null>();
  for (const o of directory.organisations) {
    const key = normalizeArabic(o.nameAr);
    if (!key || !o.nameEn) continue;
    byArabic.set(key, byArabic.has(key) && byArabic.get(key) !== o.nameEn ? null : o.nameEn);
  }
  return (name) => byArabic.get(normalizeArabic(name)) ?? undefined;
}
