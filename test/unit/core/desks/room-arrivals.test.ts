/**
 * The room at a glance, as the protocol team reads it on the hub: who is in
 * and at which desk (the hub's own check-in being desk 0), per quarter hour
 * of the venue's clock, the doubles with both desks and times, the VIPs. Fed
 * what the hub really holds: a desk's scan applied with its own time, a
 * check-in taken back at the hub, a scan of nobody, a desk scanning someone
 * the hub had checked in already, a desk since forgotten.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUARTER_HOUR_MS, quarterOf, roomArrivals } from '../../../../src/core/desks/room-arrivals';
import { arrivalsOf, type DeskScan, entryKeyOf } from '../../../../src/shared/desks/check-in-book';
import { DOUBLES_LISTED, LATEST_ARRIVALS } from '../../../../src/shared/desks/desk-channels';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../../../src/shared/domain/registration';
import { openAt } from '../backup/backup-fixture';
import { tempDirsPerTest } from '../temp-dir';
import { personId } from './desk-fixture';

const AT = '2026-12-04T05:00:00.000Z';
const DESKS = [
  { id: 'deska1', number: 1 },
  { id: 'deskb2', number: 2 },
];

function registrant(n: number, fields: Partial<Registration> = {}): Registration {
  return {
    ...emptyRegistrationInput(),
    fullName: `مشارك ${n}`,
    id: personId(n),
    code: String(10001 + n),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

let unique = 0;
/** The book's entries, as desks file them. */
function book(...scans: DeskScan[]) {
  return arrivalsOf(Object.fromEntries(scans.map((s) => [entryKeyOf(s.deskId, `k${++unique}`), s])));
}
const scan = (n: number, deskId: string, scannedAt: string): DeskScan => ({
  registrationId: personId(n),
  deskId,
  scannedAt,
});

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('roomArrivals', () => {
  it('names the desk whose scan checked each person in, and the hub (desk 0) for its own check-ins', () => {
    const room = roomArrivals(
      [
        // Scanned at desk 1: the hub applied the scan with the scan's time.
        registrant(1, { checkedInAt: '2026-12-04T06:01:00.000Z', category: 'speaker' }),
        // Checked in at the hub's own screen: no scan has that time.
        registrant(2, { checkedInAt: '2026-12-04T06:02:30.000Z' }),
        // A walk-in desk 2 registered: its check-in is the walk-in's time, which its scan has too.
        registrant(3, { checkedInAt: '2026-12-04T06:03:00Z', category: 'media' }),
        // Scanned at desk 1 but taken back at the hub: not in, whatever the book says.
        registrant(4),
        registrant(5),
      ],
      book(
        scan(1, 'deska1', '2026-12-04T06:01:00.000Z'),
        scan(3, 'deskb2', '2026-12-04T06:03:00.000Z'),
        scan(4, 'deska1', '2026-12-04T06:04:00.000Z'),
        // Someone the forum does not hold: counts nowhere.
        scan(99, 'deskb2', '2026-12-04T06:05:00.000Z'),
      ),
      DESKS,
    );
    expect(room).toMatchObject({ total: 5, checkedIn: 3, doubleCount: 0 });
    expect(room.byDesk).toEqual([
      { desk: 0, checkedIn: 1 },
      { desk: 1, checkedIn: 1 },
      { desk: 2, checkedIn: 1 },
    ]);
    expect(room.byCategory.find((c) => c.category === 'participant')).toEqual({
      category: 'participant',
      total: 3,
      checkedIn: 1,
    });
    expect(room.byCategory.map((c) => c.category)).toEqual([
      'vip',
      'speaker',
      'delegate',
      'participant',
      'media',
      'staff',
    ]);
    expect(room.latest.map((a) => [a.fullName, a.desk])).toEqual([
      ['مشارك 3', 2],
      ['مشارك 2', 0],
      ['مشارك 1', 1],
    ]);
  });

  it('lists every double with both desks and times, latest first, the hub as the first when it checked them in', () => {
    const room = roomArrivals(
      [
        registrant(1, { checkedInAt: '2026-12-04T06:14:00.000Z' }),
        // In at the hub at 09:10 local, then scanned at desk 2 at 09:30: «already in at the hub at 09:10».
        registrant(2, { checkedInAt: '2026-12-04T06:10:00.000Z' }),
        // Taken back at the hub after two desks scanned: still a double of the book.
        registrant(3),
      ],
      book(
        scan(1, 'deskb2', '2026-12-04T06:14:00.000Z'),
        scan(1, 'deska1', '2026-12-04T06:20:00.000Z'),
        scan(2, 'deskb2', '2026-12-04T06:30:00.000Z'),
        scan(3, 'deska1', '2026-12-04T06:40:00.000Z'),
        scan(3, 'deskb2', '2026-12-04T06:41:00.000Z'),
      ),
      DESKS,
    );
    expect(room.doubleCount).toBe(3);
    expect(room.doubles.map((d) => [d.person.fullName, d.scan, d.first])).toEqual([
      ['مشارك 3', { desk: 2, at: '2026-12-04T06:41:00.000Z' }, { desk: 1, at: '2026-12-04T06:40:00.000Z' }],
      ['مشارك 2', { desk: 2, at: '2026-12-04T06:30:00.000Z' }, { desk: 0, at: '2026-12-04T06:10:00.000Z' }],
      ['مشارك 1', { desk: 1, at: '2026-12-04T06:20:00.000Z' }, { desk: 2, at: '2026-12-04T06:14:00.000Z' }],
    ]);
    // The person the hub checked in first is the hub's, not desk 2's.
    expect(room.byDesk).toEqual([
      { desk: 0, checkedIn: 1 },
      { desk: 1, checkedIn: 0 },
      { desk: 2, checkedIn: 1 },
    ]);
  });

  it('counts a desk the forum no longer knows apart (null), after the known desks', () => {
    const room = roomArrivals(
      [registrant(1, { checkedInAt: '2026-12-04T06:00:00.000Z' })],
      book(scan(1, 'gone99', '2026-12-04T06:00:00.000Z')),
      DESKS,
    );
    expect(room.byDesk.at(-1)).toEqual({ desk: null, checkedIn: 1 });
    expect(room.latest[0]?.desk).toBeNull();
  });

  it('buckets arrivals by quarter hour of the venue clock, in a zone a quarter hour off the hour too', () => {
    const people = [
      '2026-12-04T03:29:59.999Z',
      '2026-12-04T03:30:00.000Z',
      '2026-12-04T03:44:00.000Z',
      '2026-12-04T03:45:00.000Z',
      '2026-12-04T06:14:00.000Z',
    ].map((at, i) => registrant(i, { checkedInAt: at }));
    const room = roomArrivals(people, book(), DESKS);
    expect(room.quarters).toEqual([
      { start: '2026-12-04T03:15:00.000Z', count: 1 },
      { start: '2026-12-04T03:30:00.000Z', count: 2 },
      { start: '2026-12-04T03:45:00.000Z', count: 1 },
      { start: '2026-12-04T06:00:00.000Z', count: 1 },
    ]);
    const localClock = (iso: string) => {
      const d = new Date(iso);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    };
    // Riyadh (+03:00): 06:14 UTC is 09:14, in the quarter 09:00–09:15.
    process.env.TZ = 'Asia/Riyadh';
    expect(room.quarters.map((q) => localClock(q.start))).toEqual(['06:15', '06:30', '06:45', '09:00']);
    // Kathmandu (+05:45): each quarter still starts on :00, :15, :30 or :45 of the local clock.
    process.env.TZ = 'Asia/Kathmandu';
    expect(room.quarters.map((q) => localClock(q.start))).toEqual(['09:00', '09:15', '09:30', '11:45']);
    for (const q of room.quarters) expect(Date.parse(q.start) % QUARTER_HOUR_MS).toBe(0);
    expect(quarterOf(Date.parse('2026-12-04T06:14:59.999Z'))).toBe(Date.parse('2026-12-04T06:00:00.000Z'));
  });

  it('lists every VIP checked in, latest first, with the honorific the alert names them by', () => {
    const room = roomArrivals(
      [
        registrant(1, {
          category: 'vip',
          honorific: 'maali',
          title: 'doctor',
          fullName: 'عبدالله الحربي',
          checkedInAt: '2026-12-04T06:00:00.000Z',
        }),
        registrant(2, { category: 'vip', honorific: 'saada', checkedInAt: '2026-12-04T06:05:00.000Z' }),
        registrant(3, { category: 'vip' }),
        registrant(4, { category: 'speaker', honorific: 'maali', checkedInAt: '2026-12-04T06:06:00.000Z' }),
      ],
      book(),
      DESKS,
    );
    expect(room.vips.map((v) => v.id)).toEqual([personId(2), personId(1)]);
    expect(room.vips[1]).toMatchObject({ honorific: 'maali', title: 'doctor', fullName: 'عبدالله الحربي', desk: 0 });
  });

  it('keeps its answer small for two thousand registrants: the latest and the doubles capped, the counts whole', () => {
    const people = Array.from({ length: 2000 }, (_, i) =>
      registrant(i, { checkedInAt: new Date(Date.parse(AT) + i * 1000).toISOString() }),
    );
    const scans = people.flatMap((p, i) => [
      scan(i, 'deska1', p.checkedInAt as string),
      scan(i, 'deskb2', new Date(Date.parse(p.checkedInAt as string) + 500).toISOString()),
    ]);
    const arrivals = book(...scans);
    // Asked every few seconds while the door page is open: one pass over each list, a few milliseconds
    // on an idle laptop. The bound is loose, for a loaded test machine (the best of five runs): it
    // catches a pass gone wrong by orders of magnitude, not a few per cent.
    const times: number[] = [];
    let room = roomArrivals(people, arrivals, DESKS);
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      room = roomArrivals(people, arrivals, DESKS);
      times.push(performance.now() - started);
    }
    expect(Math.min(...times)).toBeLessThan(1000);
    expect(room.checkedIn).toBe(2000);
    expect(room.latest).toHaveLength(LATEST_ARRIVALS);
    expect(room.doubles).toHaveLength(DOUBLES_LISTED);
    expect(room.doubleCount).toBe(2000);
    expect(room.byDesk).toEqual([
      { desk: 0, checkedIn: 0 },
      { desk: 1, checkedIn: 2000 },
      { desk: 2, checkedIn: 0 },
    ]);
    expect(room.quarters.reduce((sum, q) => sum + q.count, 0)).toBe(2000);
  });
});

const tempDir = tempDirsPerTest();

describe('desks.arrivals', () => {
  it('counts the hub’s own check-ins as desk 0, and asking makes no book for a forum whose door was never opened', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    try {
      const h = core.handlers;
      const forum = await h['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى المكاتب' });
      const saved = await h['registrations.save']({
        forumId: forum.id,
        registration: { ...emptyRegistrationInput(), fullName: 'سالم', category: 'vip', honorific: 'maali' },
      });
      await h['registrations.checkIn']({ forumId: forum.id, id: saved.id, checkedIn: true });
      const room = await h['desks.arrivals']({ forumId: forum.id });
      expect(room).toMatchObject({ total: 1, checkedIn: 1, doubleCount: 0, byDesk: [{ desk: 0, checkedIn: 1 }] });
      expect(room.vips.map((v) => v.fullName)).toEqual(['سالم']);
      expect(existsSync(path.join(dir, 'desks', 'books.json'))).toBe(false);
    } finally {
      await core.close();
    }
  });
});
