/**
 * Two machines' stores writing their backups into one shared folder (a
 * network share, as the settings invite), one of them with its clock running
 * months ahead, and backups planted with dates in the future. Rotation must
 * delete only the store's own backups, and never the one it has just made.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBackupManifest } from '../../../../src/core/backup/backup-archive';
import { BackupService } from '../../../../src/core/backup/backup-service';
import { dataFolder } from '../../../../src/core/store/data-folder';
import { tempDirsPerTest } from '../temp-dir';
import { openAt } from './backup-fixture';

const tempDir = tempDirsPerTest();
const DAY = 86_400_000;

/** A store's backup service writing into `shared`, on a clock the test sets. */
async function store(shared: string, storeId = randomUUID()) {
  const clock = { now: new Date('2026-11-21T09:00:00Z') };
  const service = new BackupService({
    folder: dataFolder(await tempDir()),
    appVersion: 'test',
    storeId,
    chosenFolder: () => shared,
    saveChosenFolder: async () => {},
    flush: async () => {},
    isEmpty: () => false,
    now: () => clock.now,
  });
  return { service, clock, storeId };
}

/** One backup a day for `days` days from `from`. */
async function backupsOverDays(s: Awaited<ReturnType<typeof store>>, from: Date, days: number): Promise<string[]> {
  const ids: string[] = [];
  for (let d = 0; d < days; d++) {
    s.clock.now = new Date(from.getTime() + d * DAY);
    ids.push((await s.service.create('daily')).id);
  }
  return ids;
}

const present = async (folder: string, id: string) =>
  fs.access(path.join(folder, id)).then(
    () => true,
    () => false,
  );

describe('backups in a folder shared by two stores', () => {
  it("one store's rotation never deletes the other's only backup", async () => {
    const shared = await tempDir();
    const office = await store(shared);
    const door = await store(shared);
    door.clock.now = new Date('2026-11-01T09:00:00Z');
    const doorsOnly = (await door.service.create('manual')).id;
    // The office works on for four months, a backup each day: its rotation runs 120 times over the folder.
    await backupsOverDays(office, new Date('2026-11-02T09:00:00Z'), 120);
    expect(await present(shared, doorsOnly)).toBe(true);
    // Both are listed; the office's own rotation kept its 14 daily and 8 weekly backups.
    const names = (await fs.readdir(shared)).filter((n) => n.endsWith('.zip'));
    expect(names).toHaveLength(1 + 14 + 8);
  }, 60_000);

  it('a backup just made survives backups dated months ahead, whether another store or its own skewed clock made them', async () => {
    const shared = await tempDir();
    const ahead = await store(shared);
    const here = await store(shared);
    // Another machine with its clock half a year ahead, and this machine's own clock once set wrong.
    await backupsOverDays(ahead, new Date('2027-05-01T09:00:00Z'), 80);
    // The same days at the same hour as the other machine: names of the same millisecond, never written over.
    await backupsOverDays(here, new Date('2027-06-01T09:00:00Z'), 80);
    here.clock.now = new Date('2026-11-21T09:00:00Z');
    const safety = await here.service.create('beforeRestore');
    expect(await present(shared, safety.id)).toBe(true);
    // And the next backup does not delete it either: the future-dated ones are not taken as the newest.
    here.clock.now = new Date('2026-11-21T10:00:00Z');
    const next = await here.service.create('manual');
    expect(await present(shared, safety.id)).toBe(true);
    expect(await present(shared, next.id)).toBe(true);
    // The future-dated ones are left alone: suspect, not ours to judge by a date that cannot be right.
    const listed = await here.service.list();
    expect(listed.backups.filter((b) => b.createdAt > '2027').length).toBeGreaterThanOrEqual(2 * 22);
  }, 120_000);

  it("carries the store's identity in every backup, and keeps it through a whole-store restore", async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    try {
      const id = JSON.parse(await fs.readFile(path.join(dir, 'store.json'), 'utf8')).data.id as string;
      const backup = await core.handlers['backups.create']();
      expect((await readBackupManifest(path.join(backup.folder, backup.id))).storeId).toBe(id);
      await core.handlers['backups.restore']({ id: backup.id });
      expect(JSON.parse(await fs.readFile(path.join(dir, 'store.json'), 'utf8')).data.id).toBe(id);
    } finally {
      await core.close();
    }
  });
});
