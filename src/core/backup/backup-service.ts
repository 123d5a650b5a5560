import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BACKUP_FILE_NAME, type BackupList, type BackupReason, type BackupSummary } from '../../shared/domain/backup';
import { AppError } from '../../shared/errors';
import { writeZip } from '../archive/zip';
import type { DataFolder } from '../store/data-folder';
import { createDurableExclusive, isTempOrBackup, writeDurable } from '../store/durable-file';
import { saveFailed } from '../store/save-error';
import {
  type BackupManifest,
  readBackup,
  readBackupManifest,
  type StoreImage,
  snapshotEntries,
} from './backup-archive';
import { deskEntries } from './desk-files';
import { backupsToPrune, type Dated } from './rotation';

export interface BackupServiceDeps {
  folder: DataFolder;
  appVersion: string;
  /** This store's identity: its backups carry it, and rotation deletes only backups that carry it. */
  storeId: string;
  /** The folder the user chose (settings), or null for the data folder's backups/. */
  chosenFolder(): string | null;
  saveChosenFolder(folder: string | null): Promise<void>;
  /** Waits until every queued write is on disk, so a backup holds what the user sees. */
  flush(): Promise<void>;
  /** Whether the store holds anything worth a daily backup. */
  isEmpty(): boolean;
  now?: () => Date;
}

/**
 * A backup dated later than now plus this is suspect (planted, or made by a
 * machine whose clock runs ahead): it is neither taken as the newest, which
 * would push real ones out of the rotation, nor deleted.
 */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** How often the app checks whether today's backup has been taken. */
const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * Backups of the whole store: taken daily while the app runs, before every
 * step that replaces data (import, restore, migration, bulk delete, handover),
 * and when the user asks; written into the chosen folder (a USB stick, a
 * share) or, when that is out of reach, the data folder's own, so a safety
 * copy is never skipped because a stick was pulled out. Each folder keeps
 * the rotation of rotation.ts.
 */
export class BackupService {
  private readonly now: () => Date;
  private lastFailure: BackupList['lastFailure'] = null;
  private timer: NodeJS.Timeout | null = null;
  /** One backup at a time: two at once would read the store twice and race on pruning. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Summaries read from files, by path, size and time: listing does not reread a large zip. */
  private readonly summaries = new Map<string, { stamp: string; read: ReadSummary | null }>();

  constructor(private readonly deps: BackupServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Takes a backup now. A failure is an AppError('save_failed'): callers about to replace data stop there. */
  create(reason: BackupReason): Promise<BackupSummary> {
    const run = this.tail.then(() => this.write(reason));
    this.tail = run.catch(() => {});
    return run;
  }

  /** Today's backup if there is none yet and the store holds something; failures are kept for the list to show. */
  async daily(): Promise<void> {
    if (this.deps.isEmpty()) return;
    const today = localDay(this.now());
    // Only this store's: another machine's backup of today in a shared folder is not this one's.
    for (const folder of this.folders()) {
      const ours = await this.ownBackups(folder);
      if (ours.some((b) => localDay(new Date(b.createdAt)) === today)) return;
    }
    await this.create('daily').catch(() => {}); // recorded in lastFailure by write()
  }

  /** Checks for today's backup now and every hour, until stop(). */
  schedule(): void {
    const check = () => void this.daily().catch(() => {});
    check();
    this.timer = setInterval(check, DAILY_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tail;
  }

  async list(): Promise<BackupList> {
    const chosen = this.deps.chosenFolder();
    const folders = this.folders();
    const backups: BackupSummary[] = [];
    const unreadable: string[] = [];
    for (const folder of folders) {
      for (const name of await backupFiles(folder)) {
        const summary = await this.summary(folder, name);
        if (summary) backups.push(summary);
        else unreadable.push(path.join(folder, name));
      }
    }
    backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return {
      folder: chosen ?? this.deps.folder.backupsDir,
      chosen: chosen !== null,
      backups,
      lastFailure: this.lastFailure,
      unreadable,
    };
  }

  /** Where backups are looked for: the chosen folder, and the data folder's (which takes them when the chosen is out of reach). */
  private folders(): string[] {
    return [...new Set([this.deps.chosenFolder() ?? this.deps.folder.backupsDir, this.deps.folder.backupsDir])];
  }

  /** A backup's decoded content, for a restore; refused whole (import_refused) when anything in it is wrong. */
  async read(id: string): Promise<{ summary: BackupSummary; image: StoreImage }> {
    const summary = (await this.list()).backups.find((b) => b.id === id);
    if (!summary) throw new AppError('not_found', `No backup ${id}.`);
    const { image } = await readBackup(await fs.readFile(path.join(summary.folder, id)));
    return { summary, image };
  }

  /** Uses `folder` for backups from now on, once a test file could be written there; null goes back to the data folder. */
  async setFolder(folder: string | null): Promise<BackupList> {
    if (folder !== null) {
      if (!path.isAbsolute(folder)) throw folderRefused('folderNotAbsolute', folder);
      const probe = path.join(folder, `.multaqa-write-test-${process.pid}`);
      try {
        await writeDurable(probe, 'Multaqa checks that it can write its backups here.');
        await fs.rm(probe, { force: true });
      } catch (error) {
        throw folderRefused('folderNotWritable', `${folder}: ${(error as Error).message}`);
      }
    }
    await this.deps.saveChosenFolder(folder === null ? null : path.normalize(folder));
    return this.list();
  }

  private async write(reason: BackupReason): Promise<BackupSummary> {
    // The desks' ledgers before the flush folds the registrations' logs into the files the backup copies.
    const deskFiles = await deskEntries(this.deps.folder.desksDir);
    await this.deps.flush();
    const createdAt = this.now();
    const { entries, content } = await snapshotEntries(
      this.deps.folder,
      { createdAt, reason, appVersion: this.deps.appVersion, storeId: this.deps.storeId },
      deskFiles,
    );
    const bytes = await writeZip(entries, createdAt);
    const fallback = this.deps.folder.backupsDir;
    const chosen = this.deps.chosenFolder() ?? fallback;
    let folder = chosen;
    let name: string;
    try {
      name = await writeNewBackup(chosen, createdAt, reason, bytes);
      this.lastFailure = null;
    } catch (error) {
      this.lastFailure = { at: createdAt.toISOString(), message: `${chosen}: ${(error as Error).message}` };
      if (chosen === fallback) throw saveFailed(error);
      // The chosen folder is out of reach (a stick pulled out): the data folder keeps this one.
      folder = fallback;
      name = await writeNewBackup(folder, createdAt, reason, bytes).catch((fallbackError: unknown) =>
        Promise.reject(saveFailed(fallbackError)),
      );
    }
    await this.prune(folder, { id: name, createdAt: createdAt.toISOString() });
    return this.summaryOf(folder, name, bytes.length, { createdAt: createdAt.toISOString(), reason, content });
  }

  private summaryOf(
    folder: string,
    id: string,
    sizeBytes: number,
    manifest: Pick<BackupManifest, 'createdAt' | 'reason' | 'content'>,
  ): BackupSummary {
    return { id, folder, sizeBytes, appVersion: this.deps.appVersion, ...manifest };
  }

  /**
   * The rotation of `folder`, over this store's backups alone and never the
   * one just made (`made`). In a shared folder the others belong to other
   * machines' stores; backups without a store id (made before there was one)
   * count as ours only in the data folder's own backups folder, which no
   * other store writes. Suspect future-dated ones are left out of it.
   */
  private async prune(folder: string, made: Dated): Promise<void> {
    await removeAbandonedTemps(folder, this.now());
    const dated = (await this.ownBackups(folder)).filter((b) => b.id !== made.id);
    for (const id of backupsToPrune([made, ...dated], this.now().getTimezoneOffset())) {
      if (id === made.id) continue;
      await fs.rm(path.join(folder, id), { force: true });
      this.summaries.delete(path.join(folder, id));
    }
  }

  /** This store's backups in `folder` that are not dated in the future (see `prune`). */
  private async ownBackups(folder: string): Promise<Dated[]> {
    const latest = this.now().getTime() + FUTURE_SKEW_MS;
    const own: Dated[] = [];
    for (const name of await backupFiles(folder)) {
      const read = await this.examine(folder, name);
      if (!read) continue;
      const ours =
        read.storeId === this.deps.storeId || (read.storeId === null && folder === this.deps.folder.backupsDir);
      if (ours && Date.parse(read.summary.createdAt) <= latest)
        own.push({ id: name, createdAt: read.summary.createdAt });
    }
    return own;
  }

  /** The summary of a backup file, or null when it cannot be read as one. */
  private async summary(folder: string, name: string): Promise<BackupSummary | null> {
    return (await this.examine(folder, name))?.summary ?? null;
  }

  /** A backup file's summary and the store that made it (from its manifest), or null when it cannot be read. */
  private async examine(folder: string, name: string): Promise<ReadSummary | null> {
    const file = path.join(folder, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return null;
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.summaries.get(file);
    if (cached?.stamp === stamp) return cached.read;
    let read: ReadSummary | null = null;
    try {
      const manifest = await readBackupManifest(file);
      read = {
        summary: { ...this.summaryOf(folder, name, stat.size, manifest), appVersion: manifest.appVersion },
        storeId: manifest.storeId ?? null,
      };
    } catch {
      read = null;
    }
    this.summaries.set(file, { stamp, read });
    return read;
  }
}

interface ReadSummary {
  summary: BackupSummary;
  storeId: string | null;
}

/** A backup's temp file this old was left by a write that died (a crash, a pulled stick). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes backups' temp files left by interrupted writes, each as large as
 * the store. Only old ones: the folder may be a share another machine's
 * Multaqa is writing into right now.
 */
async function removeAbandonedTemps(folder: string, now: Date): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith('Multaqa-backup-') || !isTempOrBackup(name)) continue;
    const file = path.join(folder, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > ABANDONED_AFTER_MS) await fs.rm(file, { force: true });
  }
}

async function backupFiles(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => BACKUP_FILE_NAME.test(n));
}

/**
 * Writes a backup under its time's name without ever replacing a file: in a
 * shared folder another machine may have written a backup of the same
 * millisecond (or its clock was set to it), and that one is not ours to
 * overwrite. The name then moves on by a millisecond.
 */
async function writeNewBackup(folder: string, at: Date, reason: BackupReason, bytes: Uint8Array): Promise<string> {
  await fs.mkdir(folder, { recursive: true });
  for (let shift = 0; shift < 1000; shift++) {
    const name = backupFileName(new Date(at.getTime() + shift), reason);
    if (await createDurableExclusive(path.join(folder, name), bytes)) return name;
  }
  throw new Error(`${folder}: a thousand backups already bear the time ${at.toISOString()}`);
}

/** `Multaqa-backup-20261121-093005-123-daily.zip`, in UTC so names sort as times do wherever the stick goes. */
function backupFileName(at: Date, reason: BackupReason): string {
  const iso = at.toISOString(); // 2026-11-21T09:30:05.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
  return `Multaqa-backup-${stamp}-${reason}.zip`;
}

function localDay(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function folderRefused(reason: 'folderNotAbsolute' | 'folderNotWritable', detail: string): AppError {
  return new AppError('invalid_request', `Backups folder refused (${reason}): ${detail}`, [
    { path: ['folder'], message: `backups.refused.${reason}` },
  ]);
}
