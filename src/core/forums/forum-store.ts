import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Council, EMPTY_COUNCIL } from '../../shared/domain/council';
import type { Forum } from '../../shared/domain/forum';
import { EMPTY_PROGRAMME, type Programme } from '../../shared/domain/programme';
import type { StoreProblem } from '../../shared/domain/store-problem';
import { AppError } from '../../shared/errors';
import { registrationsFileOf } from '../registrations/registration-store';
import { BACKUP_SUFFIX, removeStaleTemps } from '../store/durable-file';
import { DocumentReadError, JsonDocument } from '../store/json-document';
import type { Quarantine } from '../store/quarantine';
import { saveFailed, unlessUnwritable } from '../store/save-error';
import { type ForumFile, forumFileSpec } from './forum-file';

const FILE_SUFFIX = '.json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The forums on disk: one durable lowdb document per forum, all loaded at
 * start-up (a coordinator has tens of forums, not thousands). Unusable files
 * are quarantined and reported, and the rest open normally.
 */
export class ForumStore {
  private readonly docs = new Map<string, JsonDocument<ForumFile>>();

  private constructor(
    private readonly dir: string,
    private readonly trashDir: string,
    private readonly quarantine: Quarantine,
  ) {}

  static async open(dir: string, trashDir: string, quarantine: Quarantine) {
    const store = new ForumStore(dir, trashDir, quarantine);
    await fs.mkdir(dir, { recursive: true }).catch(unlessUnwritable); // read-only: nothing to make
    await removeStaleTemps(dir);
    const problems: StoreProblem[] = [];
    for (const id of await listIds(dir)) {
      const problem = await store.load(id);
      if (problem) problems.push(problem);
    }
    return { store, problems };
  }

  /** Opens `forums/<id>.json`; an unusable file is quarantined and its problem returned. */
  async load(id: string): Promise<StoreProblem | null> {
    const file = this.fileOf(id);
    try {
      const doc = await JsonDocument.open<ForumFile | null>(file, forumFileSpec, null);
      if (doc.data) this.docs.set(id, doc as JsonDocument<ForumFile>);
      return null;
    } catch (error) {
      if (!(error instanceof DocumentReadError)) throw error;
      return this.quarantine.quarantine(file, forumFileSpec, error.reason, error.detail);
    }
  }

  /** Reads the forum's file anew after it was replaced on disk (a restore, a handover); forgets it when it is gone. */
  async reload(id: string): Promise<StoreProblem | null> {
    this.docs.delete(id);
    return this.load(id);
  }

  all(): Forum[] {
    return [...this.docs.values()].map((d) => d.data.forum);
  }

  get(id: string): Forum {
    return this.doc(id).data.forum;
  }

  programme(id: string): Programme {
    return this.doc(id).data.programme;
  }

  async create(forum: Forum, programme: Programme = EMPTY_PROGRAMME, council: Council = EMPTY_COUNCIL): Promise<void> {
    try {
      const file = { forum, programme, council };
      this.docs.set(forum.id, await JsonDocument.create(this.fileOf(forum.id), forumFileSpec, file));
    } catch (error) {
      throw saveFailed(error);
    }
  }

  /** The forum's open file, for changes made through History; undefined once deleted. */
  document(id: string): JsonDocument<ForumFile> | undefined {
    return this.docs.get(id);
  }

  /** Moves the forum's files to the trash folder (a rename: nothing is rewritten). */
  async trash(id: string): Promise<void> {
    const doc = this.doc(id);
    this.docs.delete(id); // no new write may start on a file that is leaving
    await doc.flush(); // and the ones already queued land first
    const file = this.fileOf(id);
    const inTrash = this.inTrash(file);
    try {
      await fs.mkdir(this.trashDir, { recursive: true });
      // The .bak goes first: a crash between the two moves leaves the live file
      // in place (the delete simply did not happen), never a lone .bak that the
      // next start would take for an interrupted write and revive a step behind.
      await moveIfPresent(file + BACKUP_SUFFIX, inTrash + BACKUP_SUFFIX);
      await fs.rename(file, inTrash);
    } catch (error) {
      this.docs.set(id, doc); // still on disk, so still listed
      throw saveFailed(error);
    }
    // Companions follow the forum. One that fails to move (or a crash before) stays
    // beside no forum, unseen and harmless, and a restore finds it still in place.
    for (const companion of this.companionsOf(id)) {
      await moveWithBackup(companion, this.inTrash(companion)).catch(() => {});
    }
  }

  async untrash(id: string): Promise<Forum> {
    if (!UUID.test(id)) throw new AppError('not_found', `No deleted forum ${id}.`);
    const inTrash = path.join(this.trashDir, id + FILE_SUFFIX);
    try {
      await fs.access(inTrash);
    } catch {
      throw new AppError('not_found', `No deleted forum ${id}.`);
    }
    const file = this.fileOf(id);
    // Companions first: should the forum's own move fail, they wait in forums/ for the next try.
    for (const companion of this.companionsOf(id)) await moveWithBackup(this.inTrash(companion), companion);
    // The file goes first, for the same reason as in trash(): never a lone .bak in forums/.
    await fs.rename(inTrash, file);
    await moveIfPresent(inTrash + BACKUP_SUFFIX, file + BACKUP_SUFFIX);
    const problem = await this.load(id);
    if (problem) throw new AppError('internal', `The deleted forum could not be read back: ${problem.detail}`);
    return this.get(id);
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].map((d) => d.flush()));
  }

  private doc(id: string): JsonDocument<ForumFile> {
    const doc = this.docs.get(id);
    if (!doc) throw new AppError('not_found', `No forum ${id}.`);
    return doc;
  }

  /** Files that belong to a forum and live beside it: its registrations. */
  private companionsOf(id: string): string[] {
    return [registrationsFileOf(this.dir, id)];
  }

  private inTrash(file: string): string {
    return path.join(this.trashDir, path.basename(file));
  }

  private fileOf(id: string): string {
    if (!UUID.test(id)) throw new AppError('not_found', `No forum ${id}.`);
    return path.join(this.dir, id + FILE_SUFFIX);
  }
}

/** Forum ids present in the folder, including one whose write was interrupted (only its .bak). */
async function listIds(dir: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const name of await fs.readdir(dir)) {
    const base = name.endsWith(BACKUP_SUFFIX) ? name.slice(0, -BACKUP_SUFFIX.length) : name;
    if (base.endsWith(FILE_SUFFIX) && UUID.test(base.slice(0, -FILE_SUFFIX.length))) {
      ids.add(base.slice(0, -FILE_SUFFIX.length));
    }
  }
  return [...ids].sort();
}

/** Moves a store file and its last good copy, the copy first (see trash()). */
async function moveWithBackup(from: string, to: string): Promise<void> {
  await moveIfPresent(from + BACKUP_SUFFIX, to + BACKUP_SUFFIX);
  await moveIfPresent(from, to);
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  await fs.rename(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
