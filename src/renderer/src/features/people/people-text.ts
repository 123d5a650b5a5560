import type { Organisation, Person } from '../../../../shared/domain/person';
import { protocolName } from '../../../../shared/people/protocol-name';
import { compareArabic, matchesSearch } from '../../../../shared/text/arabic';

/** A person as the UI lists them: the protocol name in the UI's language. */
export function personName(person: Person, lang: 'ar' | 'en', short = false): string {
  return protocolName(person, lang, { short });
}

export function organisationName(o: Pick<Organisation, 'nameAr' | 'nameEn'>, lang: 'ar' | 'en'): string {
  return lang === 'ar' ? o.nameAr || o.nameEn : o.nameEn || o.nameAr;
}

/** Sorted by name with Arabic collation (the bare name, not the honorific). */
export function sortPeople(people: readonly Person[], lang: 'ar' | 'en'): Person[] {
  const bare = (p: Person) => (lang === 'ar' ? p.nameAr || p.nameEn : p.nameEn || p.nameAr);
  return [...people].sort((a, b) => compareArabic(bare(a), bare(b)));
}

/** Search over both names, position, e-mail and mobile, with Arabic normalisation (أ/إ/آ/ا, ة/ه, ى/ي). */
export function personMatches(person: Person, query: string, organisation?: Organisation): boolean {
  return matchesSearch(
    [
      person.nameAr,
      person.nameEn,
      person.positionAr,
      person.positionEn,
      person.email,
      person.mobile,
      person.country,
      organisation?.nameAr ?? '',
      organisation?.nameEn ?? '',
    ],
    query,
  );
}
