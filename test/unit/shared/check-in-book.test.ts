/**
 * The hub decides from the book's entries alone: the earliest scan of a person
 * counts, the later ones are doubles; the same entries give the same answer
 * in whatever order the copies of the book met. Attacked with what a desk on
 * the network could write: a malformed entry, a key naming another desk, a
 * tie at the same millisecond.
 */
import * as A from '@automerge/automerge';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrivalsOf,
  type DeskScan,
  doublesByEntry,
  entryKeyOf,
  newRegistrationId,
  nextWalkInCode,
  type ScanParses,
  walkInsOf,
} from '../../../src/shared/desks/check-in-book';

const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const scan = (n: number, deskId: string, scannedAt: string): DeskScan => ({
  registrationId: person(n),
  deskId,
  scannedAt,
});

describe('arrivalsOf', () => {
  it('counts each person once, by the earliest scan, and lists the later one with both desks and times', () => {
    const arrivals = arrivalsOf({
      [entryKeyOf('desk2', 'a')]: scan(1, 'desk2', '2026-12-04T09:14:00.000Z'),
      [entryKeyOf('desk1', 'b')]: scan(1, 'desk1', '2026-12-04T09:20:00.000Z'),
      [entryKeyOf('desk1', 'c')]: scan(2, 'desk1', '2026-12-04T09:15:00.000Z'),
    });
    expect(arrivals.checkedIn.size).toBe(2);
    expect(arrivals.checkedIn.get(person(1))).toMatchObject({ deskId: 'desk2', scannedAt: '2026-12-04T09:14:00.000Z' });
    expect(arrivals.doubles).toHaveLength(1);
    const [double] = arrivals.doubles;
    expect(double?.scan).toMatchObject({ entryId: 'desk1:b', deskId: 'desk1', scannedAt: '2026-12-04T09:20:00.000Z' });
    expect(double?.first).toMatchObject({ entryId: 'desk2:a', deskId: 'desk2', scannedAt: '2026-12-04T09:14:00.000Z' });
    expect(doublesByEntry(arrivals).get('desk1:b')?.first.deskId).toBe('desk2');
    expect(arrivals.refused).toEqual([]);
  });

  it('orders two scans at the same millisecond by key, so every copy decides alike', () => {
    const at = '2026-12-04T09:14:00.000Z';
    const arrivals = arrivalsOf({ 'deskb:1': scan(1, 'deskb', at), 'deska:1': scan(1, 'deska', at) });
    expect(arrivals.checkedIn.get(person(1))?.deskId).toBe('deska');
    expect(arrivals.doubles[0]?.scan.deskId).toBe('deskb');
  });

  it('refuses what a desk could not have written, and still counts the rest', () => {
    const arrivals = arrivalsOf({
      'desk1:ok': scan(1, 'desk1', '2026-12-04T09:00:00.000Z'),
      // The key names one desk and the entry another: an entry filed in another desk's name.
      'desk1:forged': scan(2, 'desk2', '2026-12-04T08:00:00.000Z'),
      'no-desk-in-key': scan(3, 'desk1', '2026-12-04T08:00:00.000Z'),
      'desk1:bad-time': { ...scan(4, 'desk1', 'yesterday') },
      'desk1:not-a-person': { ...scan(5, 'desk1', '2026-12-04T08:00:00.000Z'), registrationId: '../etc' },
      'desk1:extra': { ...scan(6, 'desk1', '2026-12-04T08:00:00.000Z'), status: 'vip' },
      'desk1:null': null,
    });
    expect([...arrivals.checkedIn.keys()]).toEqual([person(1)]);
    expect(arrivals.refused.sort()).toEqual(
      ['desk1:bad-time', 'desk1:extra', 'desk1:forged', 'desk1:not-a-person', 'desk1:null', 'no-desk-in-key'].sort(),
    );
  });

  it('gives the same arrivals and doubles for the same entries whatever order the copies merged in', () => {
    const entry = fc.record({
      person: fc.integer({ min: 0, max: 20 }),
      desk: fc.constantFrom('desk1', 'desk2', 'desk3'),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { minLength: 1, maxLength: 60, selector: (e) => JSON.stringify(e) }),
        (list) => {
          const entries = list.map(
            (e, i) =>
              [
                entryKeyOf(e.desk, String(i)),
                scan(e.person, e.desk, `2026-12-04T09:${String(e.minute).padStart(2, '0')}:00.000Z`),
              ] as const,
          );
          const forward = arrivalsOf(Object.fromEntries(entries));
          const backward = arrivalsOf(Object.fromEntries([...entries].reverse()));
          expect([...backward.checkedIn.entries()].sort()).toEqual([...forward.checkedIn.entries()].sort());
          expect(backward.doubles).toEqual(forward.doubles);
          // Nothing lost: every scan is either the one that counts or a double.
          expect(forward.checkedIn.size + forward.doubles.length).toBe(entries.length);
          // The one that counts is the earliest of that person's scans.
          for (const d of forward.doubles) expect(d.first.at).toBeLessThanOrEqual(d.scan.at);
        },
      ),
    );
  });

  it("reading again from what an earlier pass parsed: an entry edited in the Automerge document, or moved under another desk's key, is read anew", () => {
    const parses: ScanParses = new WeakMap();
    let doc = A.from<{ scans: Record<string, DeskScan> }>({ scans: {} });
    doc = A.change(doc, (d) => {
      d.scans['desk1:a'] = scan(1, 'desk1', '2026-12-04T09:00:00.000Z');
      d.scans['desk1:b'] = scan(2, 'desk1', '2026-12-04T09:01:00.000Z');
    });
    expect(arrivalsOf(doc.scans, parses).checkedIn.size).toBe(2);
    // A desk rewrites an entry the hub read already: to another desk's name, then to another person.
    doc = A.change(doc, (d) => {
      const entry = d.scans['desk1:a'];
      if (entry) entry.deskId = 'desk2';
    });
    const forged = arrivalsOf(doc.scans, parses);
    expect(forged.refused).toEqual(['desk1:a']);
    expect([...forged.checkedIn.keys()]).toEqual([person(2)]);
    doc = A.change(doc, (d) => {
      const entry = d.scans['desk1:a'];
      if (entry) {
        entry.deskId = 'desk1';
        entry.registrationId = person(3);
      }
    });
    expect([...arrivalsOf(doc.scans, parses).checkedIn.keys()].sort()).toEqual([person(2), person(3)]);
    // The same value under a key of another desk (a plain object, as a test or a copy could hand it): refused there.
    const value = scan(4, 'desk1', '2026-12-04T09:02:00.000Z');
    expect(arrivalsOf({ 'desk1:c': value }, parses).checkedIn.size).toBe(1);
    const moved = arrivalsOf({ 'desk2:c': value }, parses);
    expect(moved.checkedIn.size).toBe(0);
    expect(moved.refused).toEqual(['desk2:c']);
    // And every answer is the one arrivalsOf gives without what was parsed before.
    expect(arrivalsOf(doc.scans, parses)).toEqual(arrivalsOf(doc.scans));
  });
});

describe('walkInsOf', () => {
  const walkIn = (deskId: string, code: string, minute: number, extra: Record<string, unknown> = {}) => ({
    registrationId: newRegistrationId(),
    deskId,
    code,
    fullName: 'زائر',
    fullNameEn: '',
    organisation: '',
    registeredAt: `2026-12-04T09:${String(minute).padStart(2, '0')}:00.000Z`,
    ...extra,
  });

  it('keeps the earliest of two walk-ins with one code, and refuses what a desk could not have written', () => {
    const first = walkIn('desk1', '10501', 10);
    const { valid, refused } = walkInsOf({
      'desk1:a': first,
      'desk2:b': walkIn('desk2', '10501', 20),
      'desk2:c': { ...first, deskId: 'desk2', code: '10502' }, // the same person's id again
      'desk1:d': walkIn('desk1', '10503', 5, { fullName: '', fullNameEn: '' }), // no name
      'desk1:e': walkIn('desk1', '105x', 5),
      'desk2:f': walkIn('desk1', '10504', 5), // filed under another desk's key
    });
    expect(valid.map((w) => w.entryId)).toEqual(['desk1:a']);
    expect(refused.sort()).toEqual(['desk1:d', 'desk1:e', 'desk2:b', 'desk2:c', 'desk2:f']);
  });

  it('makes registrant ids that are version 4 UUIDs, without randomUUID', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRegistrationId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('nextWalkInCode', () => {
  const walkIn = (deskId: string, code: string) => ({ deskId, code, registrationId: newRegistrationId() });
  it('gives the first code of the desk’s block no walk-in of this desk took, whatever other desks did', () => {
    const block = { first: 10501, last: 10503 };
    expect(nextWalkInCode({}, 'desk1', block)).toBe('10501');
    const book = {
      'desk1:a': walkIn('desk1', '10501'),
      'desk1:b': walkIn('desk1', '10503'),
      // Another desk's entry, even one with a code of this block (forged), is not this desk's.
      'desk2:c': walkIn('desk2', '10502'),
      // Junk in the book is passed over.
      'desk1:d': null,
      'desk1:e': 'x',
    };
    expect(nextWalkInCode(book, 'desk1', block)).toBe('10502');
    expect(nextWalkInCode({ ...book, 'desk1:f': walkIn('desk1', '10502') }, 'desk1', block)).toBeNull();
  });
});
