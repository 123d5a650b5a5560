import type { Arrivals, ScanEntry } from '../../shared/desks/check-in-book';
import {
  type DeskArrivals,
  DOUBLES_LISTED,
  HUB_DESK,
  LATEST_ARRIVALS,
  type RoomArrival,
  type RoomPerson,
} from '../../shared/desks/desk-channels';
import { REGISTRATION_CATEGORIES, type Registration } from '../../shared/domain/registration';

export const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The first instant of the quarter hour `ms` falls in. Counted on UTC's clock:
 * every time zone is a whole number of quarter hours from UTC (+03:00, +05:45),
 * so the quarter is the same on the venue's clock, and core and the screens
 * need not agree on a zone.
 */
export function quarterOf(ms: number): number {
  return Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

const personOf = (r: Registration): RoomPerson => ({
  id: r.id,
  honorific: r.honorific,
  title: r.title,
  gender: r.gender,
  fullName: r.fullName,
  fullNameEn: r.fullNameEn,
  category: r.category,
});

/** ISO instants in UTC sort as text: latest first. */
const latestFirst = (a: { at: string }, b: { at: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/**
 * The room at a glance, from the forum's registrations (who is in, as every
 * screen of the hub counts it) and the check-in book's arrivals (which desk
 * scanned whom, and the doubles). One pass over each, so two thousand
 * registrants and their scans cost a few milliseconds, asked every few seconds.
 *
 * A person's desk is the desk whose scan set their check-in time (the hub
 * applies a desk's scan with the scan's own time); a check-in time no scan
 * has was made at the hub (desk 0). A desk that scanned someone the hub had
 * checked in already is a double whose first check-in is the hub's.
 */
export function roomArrivals(
  registrations: readonly Registration[],
  book: Arrivals,
  desks: readonly { id: string; number: number }[],
): DeskArrivals {
  const numberOf = new Map(desks.map((d) => [d.id, d.number]));
  const deskOf = (scan: ScanEntry) => numberOf.get(scan.deskId) ?? null;

  // Each person's valid scans: the one that counts, then the doubles (the book's order, earliest first).
  const scansOf = new Map<string, ScanEntry[]>();
  for (const [id, scan] of book.checkedIn) scansOf.set(id, [scan]);
  for (const { scan } of book.doubles) scansOf.get(scan.registrationId)?.push(scan);

  const byCategory = new Map(REGISTRATION_CATEGORIES.map((c) => [c, { total: 0, checkedIn: 0 }]));
  const byDesk = new Map<number | null, number>([[HUB_DESK, 0], ...desks.map((d) => [d.number, 0] as const)]);
  const quarters = new Map<number, number>();
  const arrived: RoomArrival[] = [];
  const byId = new Map<string, Registration>();
  const doubles: DeskArrivals['doubles'] = [];

  for (const r of registrations) {
    byId.set(r.id, r);
    const counts = byCategory.get(r.category);
    if (counts) counts.total += 1;
    if (r.checkedInAt === null) continue;
    if (counts) counts.checkedIn += 1;
    const at = Date.parse(r.checkedInAt);
    const scans = scansOf.get(r.id) ?? [];
    const applied = scans.find((s) => s.at === at);
    const desk = applied ? deskOf(applied) : HUB_DESK;
    byDesk.set(desk, (byDesk.get(desk) ?? 0) + 1);
    const quarter = quarterOf(at);
    quarters.set(quarter, (quarters.get(quarter) ?? 0) + 1);
    arrived.push({ ...personOf(r), checkedInAt: r.checkedInAt, desk });
    // Checked in at the hub before any desk scanned them: every scan of theirs came after.
    const firstScan = scans[0];
    if (!applied && firstScan && at < firstScan.at) {
      for (const scan of scans) {
        doubles.push({
          person: personOf(r),
          scan: { desk: deskOf(scan), at: scan.scannedAt },
          first: { desk: HUB_DESK, at: r.checkedInAt },
        });
      }
    }
  }

  for (const { scan, first } of book.doubles) {
    const r = byId.get(scan.registrationId);
    if (!r) continue; // a scan of someone the forum does not hold checked no one in
    doubles.push({
      person: personOf(r),
      scan: { desk: deskOf(scan), at: scan.scannedAt },
      first: { desk: deskOf(first), at: first.scannedAt },
    });
  }

  const byTime = arrived.map((a) => ({ a, at: a.checkedInAt })).sort(latestFirst);
  const doublesByTime = doubles.map((d) => ({ d, at: d.scan.at })).sort(latestFirst);
  return {
    total: registrations.length,
    checkedIn: arrived.length,
    byCategory: REGISTRATION_CATEGORIES.map((category) => ({
      category,
      ...(byCategory.get(category) ?? { total: 0, checkedIn: 0 }),
    })),
    byDesk: [...byDesk]
      .map(([desk, checkedIn]) => ({ desk, checkedIn }))
      // The hub first, then the desks by number; a desk the forum no longer knows last.
      .sort((x, y) => (x.desk ?? Number.MAX_SAFE_INTEGER) - (y.desk ?? Number.MAX_SAFE_INTEGER)),
    quarters: [...quarters]
      .sort(([x], [y]) => x - y)
      .map(([start, count]) => ({ start: new Date(start).toISOString(), count })),
    latest: byTime.slice(0, LATEST_ARRIVALS).map(({ a }) => a),
    vips: byTime.filter(({ a }) => a.category === 'vip').map(({ a }) => a),
    doubles: doublesByTime.slice(0, DOUBLES_LISTED).map(({ d }) => d),
    doubleCount: doubles.length,
  };
}
