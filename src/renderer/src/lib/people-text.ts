import type { Organisation, Person } from '../../../shared/domain/person';
import { protocolName } from '../../../shared/people/protocol-name';
import { compareArabic, normalizeArabic } from '../../../shared/text/arabic';
import { nameOf } from './record-text';

/** A person as the UI lists them: the protocol name in the UI's language. */
export function personName(person: Person, lang: 'ar' | 'en', short = false): string {
  return protocolName(person, lang, { short });
}

export function organisationName(o: Pick<Organisation, 'nameAr' | 'nameEn'>, lang: 'ar' | 'en'): string {
  return nameOf(o, lang);
}

/** Sorted by name with Arabic collation (the bare name, not the honorific). */
export function sortPeople(people: readonly Person[], lang: 'ar' | 'en'): Person[] {
  const bare = (p: Person) => nameOf(p, lang);
  return [...people].sort((a, b) => compareArabic(bare(a), bare(b)));
}

/** Where a search found a person, best first: the start of a name part, inside a name, a word elsewhere, anywhere. */
export type MatchTier = 0 | 1 | 2 | 3;
export type MatchField = 'name' | 'position' | 'organisation' | 'email' | 'mobile' | 'country';

export interface PersonMatch {
  tier: MatchTier;
  /** The field shown as the match, its text as stored, and the span the query's first word covers in it. */
  field: MatchField;
  text: string;
  start: number;
  length: number;
}

/**
 * A field folded for search with, for each folded character, the index of
 * the stored character it came from, so a match can be marked in the text
 * as the user sees it (diacritics and tatweel are dropped by the folding).
 */
function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const piece = /\s/.test(ch) ? (folded.endsWith(' ') || folded === '' ? '' : ' ') : normalizeArabic(ch);
    for (const c of piece) {
      folded += c;
      from.push(i);
    }
  }
  return { folded, from };
}

/** Word starts of a folded text, the definite article counted as no part of the word ("الحارثية" starts at ح too). */
function wordStarts(folded: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (i > 0 && folded[i - 1] !== ' ') continue;
    starts.push(i);
    if (folded.startsWith('ال', i) && folded.length > i + 2 && folded[i + 2] !== ' ') starts.push(i + 2);
  }
  return starts;
}

const atWordStart = (folded: string, token: string): number => {
  for (const start of wordStarts(folded)) if (folded.startsWith(token, start)) return start;
  return -1;
};

/**
 * How well a person answers a search typed into the directory or a picker:
 * null when some word of the query is nowhere in the record; otherwise the
 * best tier the whole query reaches, and where to show the match.
 * «رقية» finds رقية الحارثية at the start of her name (tier 0) before
 * someone whose position says «الشرقية» (tier 3).
 */
export function matchPerson(person: Person, query: string, organisation?: Organisation): PersonMatch | null {
  const tokens = normalizeArabic(query).split(' ').filter(Boolean);
  if (tokens.length === 0) return null;
  const fields: { field: MatchField; text: string }[] = [
    { field: 'name', text: person.nameAr },
    { field: 'name', text: person.nameEn },
    { field: 'position', text: person.positionAr },
    { field: 'position', text: person.positionEn },
    { field: 'organisation', text: organisation?.nameAr ?? '' },
    { field: 'organisation', text: organisation?.nameEn ?? '' },
    { field: 'email', text: person.email },
    { field: 'mobile', text: person.mobile },
    { field: 'country', text: person.country },
  ];
  const folded = fields.map((f) => ({ ...f, ...foldWithMap(f.text) }));
  const names = folded.filter((f) => f.field === 'name');
  const everywhere = folded.map((f) => f.folded).join(' ');
  if (!tokens.every((token) => everywhere.includes(token))) return null;

  const first = tokens[0] ?? '';
  const tiers: { tier: MatchTier; holds: boolean; find(f: (typeof folded)[number]): number; among: typeof folded }[] = [
    {
      tier: 0,
      holds: tokens.every((tk) => names.some((f) => atWordStart(f.folded, tk) >= 0)),
      find: (f) => atWordStart(f.folded, first),
      among: names,
    },
    {
      tier: 1,
      holds: tokens.every((tk) => names.some((f) => f.folded.includes(tk))),
      find: (f) => f.folded.indexOf(first),
      among: names,
    },
    {
      tier: 2,
      holds: tokens.every((tk) => folded.some((f) => atWordStart(f.folded, tk) >= 0)),
      find: (f) => atWordStart(f.folded, first),
      among: folded,
    },
    { tier: 3, holds: true, find: (f) => f.folded.indexOf(first), among: folded },
  ];
  for (const { tier, holds, find, among } of tiers) {
    if (!holds) continue;
    for (const f of among) {
      const at = find(f);
      if (at < 0) continue;
      const start = f.from[at] ?? 0;
      const end = (f.from[at + first.length - 1] ?? start) + 1;
      return { tier, field: f.field, text: f.text, start, length: end - start };
    }
  }
  return null;
}

/** The people answering a search, best match first, then in name order. */
export function rankPeople(
  people: readonly Person[],
  query: string,
  organisationOf: (person: Person) => Organisation | undefined,
  lang: 'ar' | 'en',
): { person: Person; match: PersonMatch | null }[] {
  if (!query.trim()) return sortPeople(people, lang).map((person) => ({ person, match: null }));
  const found = people.flatMap((person) => {
    const match = matchPerson(person, query, organisationOf(person));
    return match ? [{ person, match }] : [];
  });
  const order = new Map(
    sortPeople(
      found.map((f) => f.person),
      lang,
    ).map((p, i) => [p.id, i]),
  );
  return found.sort(
    (a, b) => a.match.tier - b.match.tier || (order.get(a.person.id) ?? 0) - (order.get(b.person.id) ?? 0),
  );
}
