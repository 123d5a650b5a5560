/**
 * Who a row may be: the same e-mail, the same mobile number, or the same name
 * with the same organisation once Arabic spelling variants are folded
 * (أحمد / احمد / إحمد, ة / ه, ى / ي, diacritics, tatweel, case). The
 * coordinator decides what to do with each match; nothing here merges.
 */

import type { Registration } from '../../../shared/domain/registration';
import {
  DUPLICATE_MATCHES,
  type DuplicateMatch,
  type DuplicateOf,
  type ImportedValues,
} from '../../../shared/domain/registration-import';
import { normalizeArabic } from '../../../shared/text/arabic';

type Matchable = Pick<ImportedValues, 'email' | 'mobileE164' | 'fullName' | 'fullNameEn' | 'organisation'>;

/** What a registration already in the forum is matched and shown by. */
export type DuplicateCandidate = Pick<
  Registration,
  'id' | 'email' | 'mobile' | 'mobileE164' | 'fullName' | 'fullNameEn' | 'organisation'
>;

/** What a key points back to: a registration of the forum or an earlier row of the file. */
type Match = Omit<DuplicateOf, 'matchedBy'>;

/** The folded name-with-organisation key, or null when there is no name. */
export function nameKey(
  r: Pick<Matchable, 'fullName' | 'fullNameEn' | 'organisation'>,
  foldOrganisation: (organisation: string) => string = normalizeArabic,
): string | null {
  const name = normalizeArabic(r.fullName || r.fullNameEn);
  return name ? `${name}|${foldOrganisation(r.organisation)}` : null;
}

/** The keys a registrant is found by, null where it has none; the strongest evidence (DUPLICATE_MATCHES's order) counts first. */
export type DuplicateKeys = Readonly<Record<DuplicateMatch, string | null>>;

/**
 * Makes the keys of registrants. Thousands of them share a few hundred
 * organisations, so each organisation is folded once.
 */
export function duplicateKeys(): (r: Matchable) => DuplicateKeys {
  const organisations = new Map<string, string>();
  const fold = (organisation: string) => {
    let folded = organisations.get(organisation);
    if (folded === undefined) {
      folded = normalizeArabic(organisation);
      organisations.set(organisation, folded);
    }
    return folded;
  };
  return (r) => ({ email: r.email || null, phone: r.mobileE164 || null, name: nameKey(r, fold) });
}

/** An index of everyone seen so far, by each key; the first one seen keeps a key. */
export class DuplicateIndex {
  private readonly byKey: Record<DuplicateMatch, Map<string, Match>> = {
    email: new Map(),
    phone: new Map(),
    name: new Map(),
  };

  static ofRegistrations(
    registrations: readonly DuplicateCandidate[],
    keysOf: (r: Matchable) => DuplicateKeys,
  ): DuplicateIndex {
    const index = new DuplicateIndex();
    for (const r of registrations) {
      index.add(keysOf(r), {
        row: null,
        registrationId: r.id,
        name: r.fullName || r.fullNameEn,
        organisation: r.organisation,
        email: r.email,
        mobile: r.mobileE164 ?? r.mobile,
      });
    }
    return index;
  }

  find(keys: DuplicateKeys): DuplicateOf | null {
    for (const matchedBy of DUPLICATE_MATCHES) {
      const key = keys[matchedBy];
      if (key === null) continue;
      const match = this.byKey[matchedBy].get(key);
      if (match) return { matchedBy, ...match };
    }
    return null;
  }

  add(keys: DuplicateKeys, match: Match): void {
    for (const kind of DUPLICATE_MATCHES) {
      const key = keys[kind];
      if (key !== null && !this.byKey[kind].has(key)) this.byKey[kind].set(key, match);
    }
  }
}
