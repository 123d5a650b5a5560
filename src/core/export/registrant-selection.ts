/**
 * Which registrants a badge, name card or certificate export prints, in the
 * order it prints them, and the name each is printed under.
 */

import type { CertificateExport } from '../../shared/domain/export';
import {
  REGISTRATION_CATEGORIES,
  type Registration,
  type RegistrationCategory,
  type RegistrationStatus,
  registrationName,
} from '../../shared/domain/registration';
import { HONORIFIC_RANK, type NamedPerson, registrantAsPerson } from '../../shared/people/protocol-name';
import { certificateRecipients } from '../../shared/registrations/certificate-recipients';
import { compareArabic } from '../../shared/text/arabic';

const CATEGORY_ORDER = new Map(REGISTRATION_CATEGORIES.map((category, i) => [category, i]));

/**
 * Badges and name cards: the chosen categories and statuses, by category
 * (VIPs first, as the categories are listed) and then by Arabic name, so
 * the printed pile is handed out one category's table at a time. The VIPs
 * come in protocol order (صاحب السمو before معالي before سعادة …), as the
 * protocol office seats and receives them; by name within a rank.
 */
export function registrantsByCategory(
  registrations: readonly Registration[],
  filter: { categories: readonly RegistrationCategory[]; statuses: readonly RegistrationStatus[] },
): Registration[] {
  const categories = new Set(filter.categories);
  const statuses = new Set(filter.statuses);
  const rank = (r: Registration) => (r.category === 'vip' ? HONORIFIC_RANK[r.honorific] : 0);
  return sortByName(registrations.filter((r) => categories.has(r.category) && statuses.has(r.status))).sort(
    (a, b) => (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0) || rank(a) - rank(b),
  );
}

/**
 * Certificates: those the rule gives one (the chosen categories, the
 * workshop, only those who came when so chosen, never the cancelled), with
 * the coordinator's additions and removals (see certificate-recipients). By Arabic name.
 */
export function attendees(
  registrations: readonly Registration[],
  options: Pick<CertificateExport, 'sessionId' | 'onlyAttended' | 'categories' | 'addedIds' | 'removedIds'>,
): Registration[] {
  return sortByName(registrations.filter(certificateRecipients(options)));
}

/** Sorted once by a key computed once: the collator is the slow part. Stable, so the category sort above keeps it. */
function sortByName(registrations: Registration[]): Registration[] {
  return registrations
    .map((registration) => ({ registration, name: registrationName(registration) }))
    .sort((a, b) => compareArabic(a.name, b.name))
    .map(({ registration }) => registration);
}

/** A registrant as protocolName takes a person, each name on one line. */
export function namedPerson(r: Registration): NamedPerson {
  return registrantAsPerson({ ...r, fullName: oneLine(r.fullName), fullNameEn: oneLine(r.fullNameEn) });
}

/**
 * A registrant's field as printed on one line: the schema trims what is
 * saved, but a file written by hand or by an older version can still hold a
 * tab or a line break, which Word would print as a gap or a second line.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
