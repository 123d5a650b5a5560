import { matchesSearch } from '../text/arabic';
import { editionPhrase } from './edition';
import type { Forum, ForumKind, ForumStatus } from './forum';

/**
 * The home screen's order: what is coming or running now first, soonest
 * first; then what is over, most recent first.
 */
export function orderForHome(forums: readonly Forum[], todayIso: string): { upcoming: Forum[]; past: Forum[] } {
  const upcoming = forums
    .filter((f) => f.lastDay >= todayIso)
    .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.lastDay.localeCompare(b.lastDay));
  const past = forums
    .filter((f) => f.lastDay < todayIso)
    .sort((a, b) => b.lastDay.localeCompare(a.lastDay) || b.firstDay.localeCompare(a.firstDay));
  return { upcoming, past };
}

export interface ForumFilter {
  query: string;
  kind: ForumKind | 'all';
  status: ForumStatus | 'all';
}

/** Search (Arabic-normalised: أ/إ/آ/ا, ة/ه, ى/ي, diacritics) and filters of the home screen. */
export function filterForums(forums: readonly Forum[], filter: ForumFilter): Forum[] {
  return forums.filter(
    (f) =>
      (filter.kind === 'all' || f.kind === filter.kind) &&
      (filter.status === 'all' || f.status === filter.status) &&
      (filter.query.trim() === '' ||
        matchesSearch(
          [
            f.titleAr,
            f.titleEn,
            f.slogan,
            f.edition,
            editionPhrase(f, 'ar'),
            editionPhrase(f, 'en'),
            f.patron,
            f.venue.hotel,
            f.venue.hall,
            f.venue.city,
            f.venue.country,
            ...f.organisers,
            ...f.partners,
          ],
          filter.query,
        )),
  );
}
