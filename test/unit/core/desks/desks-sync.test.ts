/**
 * The engine under the check-in desks, over real WebSockets on loopback: a
 * hub and three desks, one desk's link cut in the middle of a burst; the hub
 * restarted; two hubs syncing through a plain sync server the organisation
 * could run. What the coordinator relies on: each person counted once, every
 * double listed with both desks and times, no scan lost, nothing applied twice.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { save } from '@automerge/automerge';
import { getConflicts, type PeerId, Repo } from '@automerge/automerge-repo';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import { describe, expect, it } from 'vitest';
import { CheckInHub } from '../../../../src/core/desks/check-in-hub';
import { addScan, addWalkIn, type CheckInBook, newRegistrationId } from '../../../../src/shared/desks/check-in-book';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';
import { openAt } from '../backup/backup-fixture';
import { tempDirsPerTest } from '../temp-dir';
import {
  checkedInCount,
  cuttableLink,
  deskAt,
  folderWithForum,
  personId,
  RetryingClientAdapter,
  waitUntil,
  webSocketEndpoint,
} from './desk-fixture';

const tempDir = tempDirsPerTest();
const DAY = Date.parse('2026-12-04T08:00:00.000Z');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PlannedScan {
  person: number;
  desk: number;
  at: number;
}

describe('check-in desks over WebSockets', () => {
  it('3,000 scans at three desks, one cut off mid-burst: each person once, every double, none lost', async () => {
    const PEOPLE = 2700;
    const TWICE = 300;
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, PEOPLE);
    const core = await openAt(dir);
    const hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
    const endpoint = await webSocketEndpoint();
    hub.addNetwork(endpoint.adapter);
    const bookUrl = await hub.bookUrl(forumId);
    const links = await Promise.all([0, 1, 2].map(() => cuttableLink(endpoint.port)));
    const desks = await Promise.all(links.map((l, i) => deskAt(`ws://127.0.0.1:${l.port}`, bookUrl, `d${i + 1}`)));
    try {
      // Every scan has its own millisecond within the hour; 300 people are scanned at two desks.
      const next = random(19);
      const used = new Set<number>();
      const at = () => {
        let t: number;
        do t = DAY + Math.floor(next() * 3_600_000);
        while (used.has(t));
        used.add(t);
        return t;
      };
      const plan: PlannedScan[] = [];
      for (let p = 0; p < PEOPLE; p++) plan.push({ person: p, desk: p % 3, at: at() });
      for (let p = 0; p < TWICE; p++) plan.push({ person: p, desk: (p + 1) % 3, at: at() });
      expect(plan).toHaveLength(3000);
      const perDesk = [0, 1, 2].map((d) => plan.filter((s) => s.desk === d).sort((a, b) => a.at - b.at));

      const keys = new Set<string>();
      const keysOf: string[][] = [[], [], []];
      const scanAt = (desk: number, s: PlannedScan) => {
        desks[desk]?.book.change((book) => {
          const key = addScan(book, {
            registrationId: personId(s.person),
            deskId: `desk${desk + 1}`,
            scannedAt: new Date(s.at).toISOString(),
          });
          keys.add(key);
          keysOf[desk]?.push(key);
        });
      };
      // The three desks scan side by side, a few at a time; desk 3 loses its link a third of the way in.
      const longest = Math.max(...perDesk.map((l) => l.length));
      const cutAt = Math.floor((perDesk[2]?.length ?? 0) / 3);
      for (let i = 0; i < longest; i++) {
        if (i === cutAt) links[2]?.cut();
        for (let d = 0; d < 3; d++) {
          const s = perDesk[d]?.[i];
          if (s) scanAt(d, s);
        }
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      // The hub has everything the two linked desks scanned, and none of what desk 3 scanned after the cut.
      const hubKeys = async () => new Set(Object.keys((await hub.book(forumId)).doc().scans));
      await waitUntil(
        'the linked desks reach the hub',
        async () => {
          const held = await hubKeys();
          return [...(keysOf[0] ?? []), ...(keysOf[1] ?? [])].every((k) => held.has(k));
        },
        120_000,
      );
      const offline = keysOf[2]?.slice(cutAt) ?? [];
      const heldBefore = await hubKeys();
      expect(offline.some((k) => heldBefore.has(k))).toBe(false);
      const missing = perDesk[2]?.slice(cutAt) ?? [];
      expect(missing.length).toBeGreaterThan(600);

      await links[2]?.mend();
      await waitUntil(
        'desk 3 resends after reconnecting',
        async () => {
          return Object.keys((await hub.book(forumId)).doc().scans).length === 3000;
        },
        120_000,
      );
      await hub.settled(forumId);

      // None lost: the hub holds exactly the scans the desks made.
      expect(new Set(Object.keys((await hub.book(forumId)).doc().scans))).toEqual(keys);
      const arrivals = await hub.arrivals(forumId);
      expect(arrivals.checkedIn.size).toBe(PEOPLE);
      expect(arrivals.refused).toEqual([]);
      // Every double, with both desks and both times: the later scan is the double.
      const expected = [];
      for (let p = 0; p < TWICE; p++) {
        const [first, later] = plan.filter((s) => s.person === p).sort((a, b) => a.at - b.at);
        expected.push({
          person: personId(p),
          first: { desk: `desk${(first?.desk ?? 0) + 1}`, at: new Date(first?.at ?? 0).toISOString() },
          later: { desk: `desk${(later?.desk ?? 0) + 1}`, at: new Date(later?.at ?? 0).toISOString() },
        });
      }
      const listed = arrivals.doubles.map((d) => ({
        person: d.scan.registrationId,
        first: { desk: d.first.deskId, at: d.first.scannedAt },
        later: { desk: d.scan.deskId, at: d.scan.scannedAt },
      }));
      const byPerson = (a: { person: string }, b: { person: string }) => a.person.localeCompare(b.person);
      expect(listed.sort(byPerson)).toEqual(expected.sort(byPerson));
      // Some doubles were decided by a scan desk 3 made offline, earlier than the one the hub had first.
      expect(
        expected.some((e) => e.first.desk === 'desk3' && missing.some((m) => m.person === Number(e.person.slice(-12)))),
      ).toBe(true);

      // The registrations store: each person checked in once.
      expect(await checkedInCount(core, forumId)).toBe(PEOPLE);
      const applied = await hub.applied(forumId);
      expect(applied.size).toBe(PEOPLE);
      expect([...applied.values()].every((a) => a.outcome === 'checkedIn')).toBe(true);
      // Each desk sees the same decision the hub made once it has every entry.
      await waitUntil('desk 1 has every scan', () => Object.keys(desks[0]?.book.doc().scans ?? {}).length === 3000);
    } finally {
      for (const d of desks) await d.repo.shutdown();
      for (const l of links) await l.close();
      await hub.close();
      await endpoint.close();
      await core.close();
    }
  }, 300_000);

  it('a hub restart re-reads the book and applies nothing twice; an undo at the hub stands', async () => {
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, 30);
    let core = await openAt(dir);
    let hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
    const book = await hub.book(forumId);
    const scan = (p: number, deskId: string, minute: number) =>
      book.change((b) => {
        addScan(b, {
          registrationId: personId(p),
          deskId,
          scannedAt: `2026-12-04T09:${String(minute).padStart(2, '0')}:00.000Z`,
        });
      });
    for (let p = 0; p < 20; p++) scan(p, 'desk1', p);
    scan(3, 'desk2', 40); // a double
    // A scan of someone the forum does not hold: recorded, never checked in.
    book.change((b) => {
      addScan(b, { registrationId: personId(999), deskId: 'desk2', scannedAt: '2026-12-04T09:41:00.000Z' });
    });
    await waitUntil('the scans are applied', async () => (await hub.applied(forumId)).size === 21);
    await hub.settled(forumId);
    expect(await checkedInCount(core, forumId)).toBe(20);
    expect((await hub.applied(forumId)).get(personId(999))?.outcome).toBe('unknown');
    const person5 = (await core.handlers['registrations.list']({ forumId })).find((r) => r.id === personId(5));
    // The person arrived when the desk scanned, not when the hub heard of it.
    expect(person5?.checkedInAt).toBe('2026-12-04T09:05:00.000Z');
    // The coordinator takes one check-in back at the hub.
    await core.handlers['registrations.checkIn']({ forumId, id: personId(7), checkedIn: false });
    const logLinesBefore = await logLineCount(dir);
    await hub.close();
    await core.close();

    core = await openAt(dir);
    hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
    try {
      await hub.book(forumId);
      await hub.settled(forumId);
      expect(await checkedInCount(core, forumId)).toBe(19);
      const person7 = (await core.handlers['registrations.list']({ forumId })).find((r) => r.id === personId(7));
      expect(person7?.checkedInAt).toBeNull();
      expect((await hub.applied(forumId)).size).toBe(21);
      expect((await hub.arrivals(forumId)).doubles).toHaveLength(1);
      // Nothing was written to the check-in log by the restart (the open folded the old log into the file).
      expect(await logLineCount(dir)).toBeLessThanOrEqual(logLinesBefore);
      // A new scan after the restart is applied, once.
      const again = await hub.book(forumId);
      again.change((b) => {
        addScan(b, { registrationId: personId(25), deskId: 'desk1', scannedAt: '2026-12-04T10:00:00.000Z' });
      });
      await waitUntil('the new scan is applied', async () => (await hub.applied(forumId)).size === 22);
      await hub.settled(forumId);
      expect(await checkedInCount(core, forumId)).toBe(20);
    } finally {
      await hub.close();
      await core.close();
    }
  }, 60_000);

  it('a torn ledger line after a crash: the person is found checked in already and counted once', async () => {
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, 5);
    let core = await openAt(dir);
    let hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
    const book = await hub.book(forumId);
    book.change((b) => {
      addScan(b, { registrationId: personId(1), deskId: 'desk1', scannedAt: '2026-12-04T09:00:00.000Z' });
    });
    await waitUntil('applied', async () => (await hub.applied(forumId)).size === 1);
    await hub.close();
    await core.close();
    // The crash cut the ledger's last line short: the check-in landed, its record did not.
    const appliedDir = path.join(dir, 'desks', 'applied');
    const [name] = await fs.readdir(appliedDir);
    const file = path.join(appliedDir, name ?? '');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.slice(0, text.length - 10));

    core = await openAt(dir);
    hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
    try {
      await hub.book(forumId);
      await waitUntil('re-applied', async () => (await hub.applied(forumId)).size === 1);
      await hub.settled(forumId);
      expect((await hub.applied(forumId)).get(personId(1))?.outcome).toBe('alreadyCheckedIn');
      expect(await checkedInCount(core, forumId)).toBe(1);
      // The two ledger files of the two runs are folded into one at the next open.
      await hub.close();
      hub = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
      await hub.book(forumId);
      expect(await fs.readdir(appliedDir)).toHaveLength(1);
      expect((await hub.applied(forumId)).size).toBe(1);
    } finally {
      await hub.close();
      await core.close();
    }
  }, 60_000);

  it('two hubs and one plain sync server: a scan on hub A is seen on hub B', async () => {
    const dirA = await tempDir();
    const { forumId } = await folderWithForum(dirA, 10);
    // Hub B is a second laptop with a copy of the same forum (a handover, a copy of the folder).
    const dirB = await tempDir();
    await fs.cp(dirA, dirB, { recursive: true });
    const serverDir = await tempDir();
    // The organisation's sync server: a Repo with a WebSocket endpoint and disk storage, nothing of Multaqa.
    const endpoint = await webSocketEndpoint();
    const server = new Repo({
      network: [endpoint.adapter],
      storage: new NodeFSStorageAdapter(serverDir),
      peerId: 'sync-server' as PeerId,
      // A sync server keeps what hubs send it and hands it to whoever asks by id; it announces nothing.
      sharePolicy: async () => false,
    });
    const url = `ws://127.0.0.1:${endpoint.port}`;
    const coreA = await openAt(dirA);
    const coreB = await openAt(dirB);
    const hubA = await CheckInHub.open({
      dir: path.join(dirA, 'desks'),
      registrations: coreA.registrations,
      network: [new RetryingClientAdapter(url, 100)],
      peerId: 'hub-a',
    });
    const hubB = await CheckInHub.open({
      dir: path.join(dirB, 'desks'),
      registrations: coreB.registrations,
      network: [new RetryingClientAdapter(url, 100)],
      peerId: 'hub-b',
    });
    try {
      const bookA = await hubA.book(forumId);
      bookA.change((b) => {
        addScan(b, { registrationId: personId(4), deskId: 'desk1', scannedAt: '2026-12-04T09:14:00.000Z' });
      });
      await waitUntil('the server holds the scan', async () => {
        // Until hub A has sent it, the server answers that it does not have the book.
        const copy = await server.find<{ scans: Record<string, unknown> }>(bookA.url).catch(() => null);
        return Object.keys(copy?.doc().scans ?? {}).length === 1;
      });
      // Hub B follows the same book: it gets it from the server, not from hub A.
      await hubB.follow(forumId, bookA.url);
      await waitUntil('hub B sees the scan', async () => (await hubB.arrivals(forumId)).checkedIn.size === 1);
      expect((await hubB.arrivals(forumId)).checkedIn.get(personId(4))).toMatchObject({
        deskId: 'desk1',
        scannedAt: '2026-12-04T09:14:00.000Z',
      });
      await waitUntil('hub B applies it', async () => (await checkedInCount(coreB, forumId)) === 1);
      // Hub B's own book for the forum cannot be swapped for another one.
      await expect(hubB.follow(forumId, server.create({}).url)).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await hubA.close();
      await hubB.close();
      await server.shutdown();
      await endpoint.close();
      await coreA.close();
      await coreB.close();
    }
  }, 60_000);
  it('walk-ins two desks filed while apart in a book from before walk-ins: the hub registers both, none hidden by the merge', async () => {
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, 3);
    const desksDir = path.join(dir, 'desks');
    // A book made before walk-ins (no walkIns map), as the hub's index names it, and a copy of it at each desk.
    const maker = new Repo({ storage: new NodeFSStorageAdapter(path.join(desksDir, 'books')) });
    const old = maker.create<{ forumId: string; scans: Record<string, never> }>({ forumId, scans: {} });
    await maker.flush();
    const bytes = save(old.doc());
    await fs.writeFile(path.join(desksDir, 'books.json'), JSON.stringify({ [forumId]: old.url }));
    await maker.shutdown();
    const deskRepos = ['desk1', 'desk2'].map((name) => new Repo({ peerId: `desk-${name}-t` as PeerId }));
    const codes = { desk1: { first: 20001, last: 20500 }, desk2: { first: 20501, last: 21000 } };
    const core = await openAt(dir);
    const hub = await CheckInHub.open({
      dir: desksDir,
      registrations: core.registrations,
      walkInCodes: (deskId) => (deskId === 'desk1' || deskId === 'desk2' ? codes[deskId] : null),
    });
    try {
      // The hub opens the book (making its own walkIns map) while each desk, offline, files a walk-in in its copy.
      const book = await hub.book(forumId);
      const walkIns = deskRepos.map((repo, i) => {
        const deskId = i === 0 ? 'desk1' : 'desk2';
        const copy = repo.import<CheckInBook>(bytes);
        const walkIn = {
          registrationId: newRegistrationId(),
          deskId,
          code: String(codes[deskId].first),
          fullName: i === 0 ? 'سالم الحارثي' : 'منى البلوشي',
          fullNameEn: '',
          organisation: 'بلدية صلالة',
          registeredAt: '2026-12-04T09:30:00.000Z',
        };
        copy.change((b) => {
          addWalkIn(b, walkIn);
        });
        return { copy, walkIn };
      });
      // The desks come back online: their copies merge into the hub's.
      for (const { copy } of walkIns) book.merge(copy);
      // Three maps were made under one name: Automerge shows one of them.
      expect(Object.keys(getConflicts(book.doc(), 'walkIns') ?? {})).toHaveLength(3);
      await waitUntil('both walk-ins are registered', async () => (await hub.appliedWalkIns(forumId)).size === 2);
      await hub.settled(forumId);
      const byId = new Map((await core.handlers['registrations.list']({ forumId })).map((r) => [r.id, r]));
      for (const { walkIn } of walkIns) {
        expect((await hub.appliedWalkIns(forumId)).get(walkIn.registrationId)?.outcome).toBe('registered');
        expect(byId.get(walkIn.registrationId)).toMatchObject({
          code: walkIn.code,
          fullName: walkIn.fullName,
          checkedInAt: walkIn.registeredAt,
        });
      }
      expect(byId.size).toBe(3 + 2);
      expect((await hub.arrivals(forumId)).checkedIn.size).toBe(2);
    } finally {
      await hub.close();
      await core.close();
      for (const repo of deskRepos) await repo.shutdown();
    }
  });

  it('a walk-in applied again (its record cut short by a crash) changes nothing; another one’s code is refused', async () => {
    const dir = await tempDir();
    const { forumId } = await folderWithForum(dir, 3);
    const core = await openAt(dir);
    try {
      const walkIn = { id: personId(50), code: '20001', fullName: 'زائر', fullNameEn: '', organisation: '' };
      const first = await core.registrations.addWalkIn(forumId, walkIn, '2026-12-04T09:00:00.000Z');
      const again = await core.registrations.addWalkIn(forumId, walkIn, '2026-12-04T09:00:00.000Z');
      expect(again).toEqual(first);
      await expect(
        core.registrations.addWalkIn(forumId, { ...walkIn, id: personId(51) }, '2026-12-04T09:01:00.000Z'),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await core.handlers['registrations.list']({ forumId })).toHaveLength(4);
      // The counter moved past the walk-in's code.
      const next = await core.handlers['registrations.save']({
        forumId,
        registration: { ...emptyRegistrationInput(), fullName: 'التالي' },
      });
      expect(Number(next.code)).toBeGreaterThan(20001);
    } finally {
      await core.close();
    }
  });
});

async function logLineCount(dir: string): Promise<number> {
  const forums = path.join(dir, 'forums');
  let lines = 0;
  for (const name of await fs.readdir(forums)) {
    if (name.endsWith('.log')) lines += (await fs.readFile(path.join(forums, name), 'utf8')).split('\n').length - 1;
  }
  return lines;
}
