/**
 * Finding, filtering, sorting and counting a forum's registrations, in memory:
 * the table and the check-in screen hold every registration of the forum
 * (tens of thousands at most) and search as the coordinator types. Each
 * registration's searchable text is folded once, when the index is built, so
 * a keystroke is one pass of substring tests (see bench/: well under 30 ms
 * for 20,000).
 */
import { REGISTRANT_TEXT_FIELD_NAMES } from '../domain/registrant-fields';
import type { Registration, RegistrationCategory, RegistrationStatus } from '../domain/registration';
import { compareArabic, normalizeArabic, stripArticle, toLatinDigits } from '../text/arabic';

export interface RegistrationFilters {
  category?: RegistrationCategory | null;
  status?: RegistrationStatus | null;
  /** Folded organisation name (see organisationKey). */
  organisation?: string | null;
  /** A delegation id; '' for "in no delegation". */
  delegationId?: string | null;
  checkedIn?: boolean | null;
}

export const SORT_KEYS = ['name', 'familyName', 'organisation', 'category', 'status', 'code', 'checkedInAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The organisation as grouped in filters and counts: "وزارة الصحة" and "وزارة الصحه" are one. */
export function organisationKey(r: Pick<Registration, 'organisation'>): string {
  return normalizeArabic(r.organisation);
}

/**
 * The family name to sort by: the last word of the name, without the
 * article ("الملحم" sorts under م). "آل" families ("آل سعود") keep it, since
 * "آل" is part of the name, not an article.
 */
export function familyName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  const beforeLast = words.at(-2);
  if (beforeLast === 'آل' || beforeLast === 'ال') return `${beforeLast} ${last}`;
  return stripArticle(last);
}

export class RegistrationIndex {
  private readonly haystacks: string[];

  constructor(readonly registrations: readonly Registration[]) {
    this.haystacks = registrations.map(haystackOf);
  }

  /**
   * The registrations matching every word of `query` (folded like names:
   * أ/إ/آ/ا, ة/ه, ى/ي, diacritics, digits of either script) and the filters,
   * in the index's order. A number matches the badge code, or the mobile
   * written with or without its leading 0 or country code.
   */
  search(query: string, filters: RegistrationFilters = {}): Registration[] {
    const words = normalizeArabic(query).split(' ').filter(Boolean).map(searchWord);
    const out: Registration[] = [];
    const { registrations, haystacks } = this;
    for (let i = 0; i < registrations.length; i++) {
      const r = registrations[i] as Registration;
      if (!passes(r, filters)) continue;
      const haystack = haystacks[i] as string;
      if (words.every((w) => haystack.includes(w))) out.push(r);
    }
    return out;
  }

  /** The registration with this badge code, for a barcode scanner (which types the code and Enter). */
  byCode(code: string): Registration | undefined {
    const wanted = toLatinDigits(code.trim());
    return this.registrations.find((r) => r.code === wanted);
  }
}

/** Digits: a mobile typed "0551234567" is stored as "+966551234567", so the trunk 0 is not required. */
function searchWord(word: string): string {
  return /^0\d{6,}$/.test(word) ? word.slice(1) : word;
}

/** Every text field, the mobile also as digits alone and as the number to dial, and the badge code. */
function haystackOf(r: Registration): string {
  const texts = REGISTRANT_TEXT_FIELD_NAMES.map((field) => r[field]);
  return normalizeArabic(
    [...texts, r.mobile.replace(/[\s\-().]/g, ''), r.mobileE164?.slice(1) ?? '', r.code].join('\n'),
  );
}

function passes(r: Registration, f: RegistrationFilters): boolean {
  if (f.category && r.category !== f.category) return false;
  if (f.status && r.status !== f.status) return false;
  if (f.delegationId != null && (r.delegationId ?? '') !== f.delegationId) return false;
  if (f.organisation != null && organisationKey(r) !== f.organisation) return false;
  if (f.checkedIn != null && (r.checkedInAt !== null) !== f.checkedIn) return false;
  return true;
}

const ORDER_OF: Record<'category' | 'status', readonly string[]> = {
  category: ['vip', 'speaker', 'delegate', 'participant', 'media', 'staff'],
  status: ['invited', 'registered', 'confirmed', 'attended', 'cancelled'],
};

/**
 * Sorted copy. Names compare with Arabic collation; `familyName` sorts by the
 * family name without the article, then the whole name. Categories and
 * statuses follow their natural order (VIP first), not the alphabet.
 */
export function sortRegistrations(
  list: readonly Registration[],
  key: SortKey,
  descending = false,
  language: 'ar' | 'en' = 'ar',
): Registration[] {
  // Names sort in the language they are shown in: the English name in the English table.
  const nameOf = (r: Registration) => (language === 'en' ? r.fullNameEn || r.fullName : r.fullName || r.fullNameEn);
  const keyed = list.map((r) => ({ r, name: nameOf(r), k: sortValue(r, key, nameOf) }));
  keyed.sort((a, b) => {
    const primary =
      typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : compareArabic(String(a.k), String(b.k));
    return primary || compareArabic(a.name, b.name);
  });
  if (descending) keyed.reverse();
  return keyed.map((x) => x.r);
}

/**
 * Exactly `sortRegistrations(list, 'name', false, lang)` (kept apart from it
 * so its tests can hold the two against each other), in about half the
 * time for a big list: the bench's target is a 20,000-row list at most 1.2× a
 * bare exceljs write, and the 300,000 collator comparisons of a plain sort
 * take most of that margin. Names are made of few distinct words, so
 * each distinct word is ranked once by the Arabic collator and the names are
 * sorted by their strings of word ranks, a plain string comparison. That is
 * nearly the collator's order of whole names, not always (it ignores spaces,
 * so "عبد الله" ties with "عبدالله"), so an insertion sort with the collator
 * (ties in the list's order, as the stable sort leaves them) then puts the
 * few names out of place where they belong: one comparison per name, plus
 * one per step a name moves. Should the ranks be far off (more steps than
 * names), the list is sorted by `sortRegistrations` instead.
 */
export function sortByName(list: readonly Registration[], lang: 'ar' | 'en'): Registration[] {
  const nameOf = (r: Registration) => (lang === 'en' ? r.fullNameEn || r.fullName : r.fullName || r.fullNameEn);
  const names = list.map(nameOf);
  // split(' '), not a pattern: several times faster, and a name with tabs in it is only ranked less well.
  const words = names.map((name) => name.split(' '));
  const distinct = new Set<string>();
  for (const nameWords of words) for (const word of nameWords) distinct.add(word);
  const rank = new Map<string, string>();
  let unit = 0;
  let previous: string | null = null;
  for (const word of [...distinct].sort(compareArabic)) {
    if (previous === null || compareArabic(previous, word) !== 0) unit++;
    // Two units of 14 bits: any number of words, each rank the same width, and never a surrogate.
    rank.set(word, String.fromCharCode(1 + (unit >> 14), 1 + (unit & 0x3fff)));
    previous = word;
  }
  const keyed = words.map((nameWords, index) => {
    let key = '';
    for (const word of nameWords) key += rank.get(word) ?? '';
    return { key, index };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const order = keyed.map((k) => k.index);
  const before = (a: number, b: number) => compareArabic(names[a] as string, names[b] as string) || a - b;
  let steps = 0;
  for (let i = 1; i < order.length; i++) {
    const current = order[i] as number;
    let j = i - 1;
    for (; j >= 0 && before(current, order[j] as number) < 0; j--) {
      if (++steps > order.length) return sortRegistrations(list, 'name', false, lang);
      order[j + 1] = order[j] as number;
    }
    order[j + 1] = current;
  }
  return order.map((index) => list[index] as Registration);
}

function sortValue(r: Registration, key: SortKey, nameOf: (r: Registration) => string): string | number {
  switch (key) {
    case 'name':
      return nameOf(r);
    case 'familyName':
      return familyName(nameOf(r));
    case 'organisation':
      return r.organisation;
    case 'category':
    case 'status':
      return ORDER_OF[key].indexOf(r[key]);
    case 'code':
      return Number(r.code);
    case 'checkedInAt':
      return r.checkedInAt ? Date.parse(r.checkedInAt) : Number.POSITIVE_INFINITY;
  }
}

export interface RegistrationCounts {
  total: number;
  checkedIn: number;
  byCategory: Record<RegistrationCategory, number>;
  byStatus: Record<RegistrationStatus, number>;
  /** Organisations by number of registrants, most first: the name as first written, and the count. */
  byOrganisation: { name: string; key: string; count: number }[];
}

/** The forum's dashboard: counts by category, status and organisation. */
export function countRegistrations(list: readonly Registration[]): RegistrationCounts {
  const byCategory = Object.fromEntries(ORDER_OF.category.map((c) => [c, 0])) as Record<RegistrationCategory, number>;
  const byStatus = Object.fromEntries(ORDER_OF.status.map((s) => [s, 0])) as Record<RegistrationStatus, number>;
  const organisations = new Map<string, { name: string; key: string; count: number }>();
  let checkedIn = 0;
  for (const r of list) {
    byCategory[r.category]++;
    byStatus[r.status]++;
    if (r.checkedInAt) checkedIn++;
    const key = organisationKey(r);
    const entry = organisations.get(key);
    if (entry) entry.count++;
    else organisations.set(key, { name: r.organisation, key, count: 1 });
  }
  const byOrganisation = [...organisations.values()].sort((a, b) => b.count - a.count || compareArabic(a.name, b.name));
  return { total: list.length, checkedIn, byCategory, byStatus, byOrganisation };
}
