/**
 * A backup restored while desks scan, as the coordinator does it from the
 * backups page with the door open: the scans filed after the backup must be
 * applied again to the restored registrations (the ledger comes back with
 * them), an undo made at the hub before the backup stays undone, a desk
 * paired after the backup keeps its block of badge codes (the restored
 * counter moves past it, so a registrant added at the hub never takes a
 * walk-in's code), and a backup made before the desks (no desks/ in it)
 * restores too, the hub then applying the whole book again.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocHandle, Repo } from '@automerge/automerge-repo';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/core/app-core';
import { writeZip } from '../../../../src/core/archive/zip';
import { readArchive } from '../../../../src/core/backup/archive-documents';
import { BACKUP_RULES, readBackup } from '../../../../src/core/backup/backup-archive';
import { type AppliedLine, isLedgerFileOf } from '../../../../src/core/desks/applied-ledger';
import { readLogLines } from '../../../../src/core/store/append-log';
import { addScan, addWalkIn, type CheckInBook, newRegistrationId } from '../../../../src/shared/desks/check-in-book';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';
import { openAt } from '../backup/backup-fixture';
import { tempDirsPerTest } from '../temp-dir';
import {
  checkedInCount,
  deskOnSocket,
  folderWithForum,
  type PairedDeskPass,
  pairAt,
  personId,
  waitUntil,
} from './desk-fixture';

const tempDir = tempDirsPerTest();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Hub {
  core: Core;
  dir: string;
  forumId: string;
}

async function hubWithForum(people: number): Promise<Hub> {
  const dir = await tempDir();
  const { forumId } = await folderWithForum(dir, people);
  const core = await openAt(dir);
  cleanups.push(() => core.close());
  return { core, dir, forumId };
}

async function openDoor({ core, forumId }: Hub): Promise<number> {
  const door = await core.handlers['desks.open']({ forumId, address: '127.0.0.1', port: 0 });
  if (!door.listening) throw new Error('The door did not open');
  return door.listening.port;
}

async function newDesk(hub: Hub, port: number, name: string) {
  const { code } = await hub.core.handlers['desks.pairing']({ forumId: hub.forumId });
  const pass = await pairAt(port, code);
  const desk: { pass: PairedDeskPass; repo: Repo; book: DocHandle<CheckInBook> } = {
    pass,
    ...(await deskOnSocket(port, pass, name)),
  };
  cleanups.push(() => desk.repo.shutdown());
  return desk;
}

function scan(book: DocHandle<CheckInBook>, deskId: string, person: number) {
  book.change((b) => {
    addScan(b, {
      registrationId: personId(person),
      deskId,
      scannedAt: new Date(Date.parse('2026-12-04T08:00:00.000Z') + person * 60_000).toISOString(),
    });
  });
}

async function checkedInIds(hub: Hub): Promise<string[]> {
  const list = await hub.core.handlers['registrations.list']({ forumId: hub.forumId });
  return list
    .filter((r) => r.checkedInAt !== null)
    .map((r) => r.id)
    .sort();
}

/**
 * The ledger's lines as the next start of the hub reads them, read from its
 * files without opening it (opening one would fold the live hub's files).
 */
async function ledgerOf(hub: Hub): Promise<{ scans: Map<string, AppliedLine>; walkIns: Map<string, AppliedLine> }> {
  const dir = path.join(hub.dir, 'desks', 'applied');
  const scans = new Map<string, AppliedLine>();
  const walkIns = new Map<string, AppliedLine>();
  for (const name of await fs.readdir(dir)) {
    if (!isLedgerFileOf(name, hub.forumId)) continue;
    for (const text of (await readLogLines(path.join(dir, name))).lines) {
      const line = JSON.parse(text) as AppliedLine;
      (line.kind === 'walkIn' ? walkIns : scans).set(line.registrationId, line);
    }
  }
  return { scans, walkIns };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('backups hold the desks', () => {
  it('scans after a backup are applied again when it is restored; an undo before it stands; codes never collide', async () => {
    const hub = await hubWithForum(40);
    const { core, forumId } = hub;
    const port = await openDoor(hub);
    const desk1 = await newDesk(hub, port, 'one');
    for (const p of range(0, 10)) scan(desk1.book, desk1.pass.deskId, p);
    await waitUntil('ten people applied', async () => (await checkedInCount(core, forumId)) === 10, 20_000);
    // The coordinator takes one of them back at the hub: the desk's scan must not overrule that, ever.
    await core.handlers['registrations.checkIn']({ forumId, id: personId(0), checkedIn: false });
    const backup = await core.handlers['backups.create']();

    // The backup holds the ledger, the books' index and storage, the paired desks.
    const { image } = await readBackup(await fs.readFile(path.join(backup.folder, backup.id)));
    expect([...(image.desks?.ledgers.keys() ?? [])]).toEqual([forumId]);
    expect(image.desks?.index).not.toBeNull();
    expect(image.desks?.registry?.desks.map((d) => d.id)).toEqual([desk1.pass.deskId]);
    expect(image.desks?.books.size).toBeGreaterThan(0);

    // After the backup: ten more scans, and a second desk paired whose walk-in takes the first code of its block.
    for (const p of range(10, 20)) scan(desk1.book, desk1.pass.deskId, p);
    const desk2 = await newDesk(hub, port, 'two');
    expect(desk2.pass.codes.first).toBeGreaterThan(desk1.pass.codes.last);
    const walkIn = {
      registrationId: newRegistrationId(),
      deskId: desk2.pass.deskId,
      code: String(desk2.pass.codes.first),
      fullName: 'سالم الحارثي',
      fullNameEn: 'Salem Al-Harthi',
      organisation: 'بلدية صلالة',
      registeredAt: '2026-12-04T09:30:00.000Z',
    };
    desk2.book.change((b) => {
      addWalkIn(b, walkIn);
    });
    const expected = [...range(1, 20).map(personId), walkIn.registrationId].sort();
    await waitUntil(
      'the later scans applied',
      async () => (await checkedInIds(hub)).length === expected.length,
      20_000,
    );
    expect(await checkedInIds(hub)).toEqual(expected);

    await core.handlers['backups.restore']({ id: backup.id });

    // The door is open again where it was; the desks reconnect, and the hub applies what the backup lacked.
    const door = await core.handlers['desks.state']({ forumId });
    expect(door.listening?.port).toBe(port);
    expect(door.desks.map((d) => d.id).sort()).toEqual([desk1.pass.deskId, desk2.pass.deskId].sort());
    await waitUntil(
      'the scans after the backup applied again',
      async () => (await checkedInIds(hub)).length === expected.length,
      20_000,
    );
    expect(await checkedInIds(hub)).toEqual(expected);
    const list = await core.handlers['registrations.list']({ forumId });
    const byId = new Map(list.map((r) => [r.id, r]));
    expect(byId.get(personId(0))?.checkedInAt).toBeNull();
    expect(byId.get(personId(15))?.checkedInAt).toBe('2026-12-04T08:15:00.000Z');
    expect(byId.get(walkIn.registrationId)).toMatchObject({ code: walkIn.code, fullName: walkIn.fullName });
    expect(list.filter((r) => r.code === walkIn.code)).toHaveLength(1);

    // The ledger names each person once, and agrees with the store.
    await waitUntil('the ledger holds them all', async () => (await ledgerOf(hub)).walkIns.size === 1);
    const ledger = await ledgerOf(hub);
    expect([...ledger.scans.keys()].sort()).toEqual([...range(0, 20).map(personId), walkIn.registrationId].sort());
    expect(ledger.walkIns.get(walkIn.registrationId)?.outcome).toBe('registered');

    // A registrant added at the hub after the restore: past both desks' blocks, no code given twice.
    const added = await core.handlers['registrations.save']({
      forumId,
      registration: { ...emptyRegistrationInput(), fullName: 'خالد العامري' },
    });
    expect(Number(added.code)).toBeGreaterThan(desk2.pass.codes.last);
    const codes = (await core.handlers['registrations.list']({ forumId })).map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    // And desk 2's next walk-in, from its block, is registered too.
    const second = { ...walkIn, registrationId: newRegistrationId(), code: String(desk2.pass.codes.first + 1) };
    desk2.book.change((b) => {
      addWalkIn(b, { ...second, fullName: 'منى البلوشي', fullNameEn: '' });
    });
    await waitUntil('the next walk-in registered', async () =>
      (await checkedInIds(hub)).includes(second.registrationId),
    );
  });

  it('restoring one forum puts its ledger back with its registrations', async () => {
    const hub = await hubWithForum(20);
    const { core, forumId } = hub;
    const port = await openDoor(hub);
    const desk = await newDesk(hub, port, 'one');
    for (const p of range(0, 5)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('five applied', async () => (await ledgerOf(hub)).scans.size === 5, 20_000);
    const backup = await core.handlers['backups.create']();
    for (const p of range(5, 12)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('twelve applied', async () => (await checkedInCount(core, forumId)) === 12, 20_000);

    await core.handlers['backups.restore']({ id: backup.id, forumId });
    expect(await checkedInCount(core, forumId)).toBeGreaterThanOrEqual(5);
    await waitUntil('twelve again', async () => (await ledgerOf(hub)).scans.size === 12, 20_000);
    expect(await checkedInIds(hub)).toEqual(range(0, 12).map(personId).sort());
  });

  it('a backup made before the desks (no desks/ in it) restores: the hub applies the whole book again', async () => {
    const hub = await hubWithForum(20);
    const { core, forumId, dir } = hub;
    const old = await core.handlers['backups.create']();
    await expect(fs.access(path.join(dir, 'desks'))).rejects.toThrow();
    const { image } = await readBackup(await fs.readFile(path.join(old.folder, old.id)));
    expect(image.desks).toEqual({ ledgers: new Map(), index: null, registry: null, books: new Map() });

    const port = await openDoor(hub);
    const desk = await newDesk(hub, port, 'one');
    for (const p of range(0, 8)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('eight applied', async () => (await checkedInCount(core, forumId)) === 8, 20_000);

    await core.handlers['backups.restore']({ id: old.id });
    await waitUntil('eight applied again', async () => (await ledgerOf(hub)).scans.size === 8, 20_000);
    expect(await checkedInIds(hub)).toEqual(range(0, 8).map(personId).sort());
    const ledger = await ledgerOf(hub);
    expect([...ledger.scans.values()].every((l) => l.outcome === 'checkedIn')).toBe(true);
    // The desk paired after that backup keeps its credential and its block: the counter is past it.
    const added = await core.handlers['registrations.save']({
      forumId,
      registration: { ...emptyRegistrationInput(), fullName: 'خالد العامري' },
    });
    expect(Number(added.code)).toBeGreaterThan(desk.pass.codes.last);
    for (const p of range(8, 10)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('the desk scans on', async () => (await checkedInCount(core, forumId)) === 10, 20_000);
  });

  it('a restore onto a folder without desks/ brings the desks back: their credentials and book work again', async () => {
    const hub = await hubWithForum(20);
    const { core, forumId } = hub;
    const port = await openDoor(hub);
    const desk = await newDesk(hub, port, 'one');
    for (const p of range(0, 6)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('six applied', async () => (await ledgerOf(hub)).scans.size === 6, 20_000);
    const backup = await core.handlers['backups.create']();
    await desk.repo.shutdown();
    await core.close();
    cleanups.pop();

    // A new laptop: the backup copied into a fresh data folder's backups/, nothing else.
    const fresh = await tempDir();
    await fs.mkdir(path.join(fresh, 'backups'), { recursive: true });
    await fs.copyFile(path.join(backup.folder, backup.id), path.join(fresh, 'backups', backup.id));
    const core2 = await openAt(fresh);
    cleanups.push(() => core2.close());
    await core2.handlers['backups.restore']({ id: backup.id });
    expect(await checkedInCount(core2, forumId)).toBe(6);
    expect((await ledgerOf({ core: core2, dir: fresh, forumId })).scans.size).toBe(6);
    const door = await core2.handlers['desks.open']({ forumId, address: '127.0.0.1', port: 0 });
    const port2 = door.listening?.port ?? 0;
    expect(door.desks.map((d) => d.id)).toEqual([desk.pass.deskId]);
    // The same desk, with the credential and book it was given at pairing, scans on.
    const again = await deskOnSocket(port2, desk.pass, 'again');
    cleanups.push(() => again.repo.shutdown());
    scan(again.book, desk.pass.deskId, 6);
    const hub2: Hub = { core: core2, dir: fresh, forumId };
    await waitUntil('the desk scans on at the new hub', async () => (await ledgerOf(hub2)).scans.size === 7, 20_000);
    expect(await checkedInIds(hub2)).toEqual(range(0, 7).map(personId).sort());
    // The six of the backup are in the restored ledger as they were applied, not found again.
    expect([...(await ledgerOf(hub2)).scans.values()].every((l) => l.outcome === 'checkedIn')).toBe(true);
  });

  it('a backup whose desks/ was tampered with is refused whole, with the sentence, and nothing changes', async () => {
    const hub = await hubWithForum(10);
    const { core, forumId } = hub;
    const port = await openDoor(hub);
    const desk = await newDesk(hub, port, 'one');
    for (const p of range(0, 4)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('four applied', async () => (await ledgerOf(hub)).scans.size === 4, 20_000);
    const backup = await core.handlers['backups.create']();
    for (const p of range(4, 6)) scan(desk.book, desk.pass.deskId, p);
    await waitUntil('six applied', async () => (await ledgerOf(hub)).scans.size === 6, 20_000);
    const entries = await readArchive('backups', await fs.readFile(path.join(backup.folder, backup.id)), BACKUP_RULES);
    const tampered = async (name: string, change: (all: Map<string, Buffer>) => void) => {
      const all = new Map(entries);
      change(all);
      // The same backups folder, a later name, so it is listed as one more backup.
      const file = `Multaqa-backup-20991231-000000-00${name}-manual.zip`;
      const zip = await writeZip(
        [...all].map(([entry, data]) => ({ name: entry, data })),
        new Date('2026-12-04T10:00:00.000Z'),
      );
      await fs.writeFile(path.join(backup.folder, file), zip);
      return file;
    };
    const brokenDesks = await tampered('1', (all) =>
      all.set('desks/desks.json', Buffer.from('{"desks": [{"id": 1}]}')),
    );
    const brokenIndex = await tampered('2', (all) => all.set('desks/books.json', Buffer.from('not json')));
    const foreign = await tampered('3', (all) => all.set('desks/credentials.json', Buffer.from('{}')));
    const before = await core.handlers['registrations.list']({ forumId });
    for (const id of [brokenDesks, brokenIndex]) {
      await expect(core.handlers['backups.restore']({ id })).rejects.toMatchObject({
        code: 'import_refused',
        issues: [{ message: 'backups.refused.invalidData' }],
      });
    }
    // A part Multaqa does not write: the file is not even listed as a backup, only as unreadable.
    expect((await core.handlers['backups.list']()).unreadable).toContain(path.join(backup.folder, foreign));
    await expect(core.handlers['backups.restore']({ id: foreign })).rejects.toMatchObject({ code: 'not_found' });
    expect(await core.handlers['registrations.list']({ forumId })).toEqual(before);
    expect((await ledgerOf(hub)).scans.size).toBe(6);
    // The door stayed open and the desk scans on.
    scan(desk.book, desk.pass.deskId, 6);
    await waitUntil('the desk scans on', async () => (await ledgerOf(hub)).scans.size === 7, 20_000);
  });
});
