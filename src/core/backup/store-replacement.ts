import path from 'node:path';
import type { Directory } from '../../shared/domain/person';
import { CouncilDocuments } from '../council/council-documents';
import type { DirectoryStore } from '../directory/directory-store';
import { directorySpec } from '../directory/directory-store';
import { forumFileSpec } from '../forums/forum-file';
import type { ForumStore } from '../forums/forum-store';
import type { History } from '../history/history';
import {
  type RegistrationStore,
  type RegistrationsFile,
  registrationsFileOf,
  registrationsFileSpec,
} from '../registrations/registration-store';
import { logFilesOf } from '../registrations/registrations-document';
import type { SettingsStore } from '../settings/settings-store';
import type { DataFolder } from '../store/data-folder';
import { encodeDocument } from '../store/document-codec';
import { commitFiles, type FileChange, recoverTransaction } from '../store/file-transaction';
import { saveFailed } from '../store/save-error';
import type { ForumImage } from './backup-archive';

/** The open stores a restore or a handover import replaces files under. */
export interface OpenStores {
  folder: DataFolder;
  settings: SettingsStore;
  directory: DirectoryStore;
  forums: ForumStore;
  registrations: RegistrationStore;
  history: History;
}

/** Waits until every queued write of every store is on disk. */
export async function flushStores(stores: OpenStores): Promise<void> {
  await Promise.all([
    stores.settings.flush(),
    stores.directory.flush(),
    stores.forums.flush(),
    stores.registrations.flush(),
  ]);
}

/**
 * Registrations from elsewhere (a backup, a handover file) without the log
 * position they were written with: it names entries of a log that is removed
 * with them, and a count from a file is never carried on.
 */
function withoutLog(file: RegistrationsFile): RegistrationsFile {
  const { logSeq: _, ...rest } = file;
  return rest;
}

/** What to write: whole documents, already checked; a forum's registrations null removes them. */
export interface Replacement {
  directory?: Directory;
  /** Re-encoded settings (a whole-store restore only). */
  settings?: FileChange;
  forums?: ReadonlyMap<string, ForumImage | null>;
  /**
   * The photos at hand (a backup's, a handover file's): those the new directory's people
   * or the written forums' logos name are written if missing.
   */
  photos?: ReadonlyMap<string, Buffer>;
  /** Council documents at hand: those the written forums' agenda items name are written if missing. */
  documents?: ReadonlyMap<string, Buffer>;
  /** The check-in desks' files that go with the written registrations (desk-files.ts). */
  deskFiles?: readonly FileChange[];
}

/**
 * Writes a replacement as one transaction (see file-transaction.ts) while no
 * other change runs, then has every store read its files anew. Photos go
 * first and outside the transaction: they are named by their content, so one
 * written before a crash is an unused file, never a wrong one.
 */
export function replaceStore(stores: OpenStores, replacement: Replacement): Promise<void> {
  const { folder } = stores;
  return stores.history.exclusive(async () => {
    await flushStores(stores);
    const changes: FileChange[] = [];
    if (replacement.settings) changes.push(replacement.settings);
    if (replacement.directory) {
      changes.push({ file: folder.directoryFile, content: encodeDocument(directorySpec, replacement.directory) });
    }
    for (const [id, forum] of replacement.forums ?? []) {
      changes.push({
        file: path.join(folder.forumsDir, `${id}.json`),
        content: forum ? encodeDocument(forumFileSpec, forum.file) : null,
      });
      changes.push({
        file: registrationsFileOf(folder.forumsDir, id),
        content: forum?.registrations ? encodeDocument(registrationsFileSpec, withoutLog(forum.registrations)) : null,
      });
      // The forum's change log belongs to the registrations being replaced: it goes in the same step.
      for (const log of await logFilesOf(folder.forumsDir, id)) changes.push({ file: log, content: null });
    }
    // The desks' ledgers say what was applied to these registrations: they are replaced in the same step.
    changes.push(...(replacement.deskFiles ?? []));
    try {
      const named = new Set(replacement.directory?.people.map((p) => p.photo));
      for (const forum of replacement.forums?.values() ?? [])
        for (const logo of forum?.file.forum.logos ?? []) named.add(logo);
      for (const [name, bytes] of replacement.photos ?? []) {
        if (named.has(name)) await stores.directory.savePhoto(bytes); // the same name: it is the content's hash
      }
      // Documents likewise go first, named by their content, so one written before a crash is never a wrong one.
      const documents = new CouncilDocuments(folder.documentsDir);
      for (const forum of replacement.forums?.values() ?? [])
        for (const item of forum?.file.council.agenda ?? [])
          for (const d of item.documents) {
            const bytes = replacement.documents?.get(d.file);
            if (bytes) await documents.restore(d.file, bytes);
          }
      await commitFiles(folder.root, changes);
    } catch (error) {
      // Past the commit point a refused rename leaves the journal: one more try to finish it now.
      await recoverTransaction(folder.root).catch(() => {});
      throw saveFailed(error);
    } finally {
      // Whatever is on disk now is what the stores must hold, or their next write would undo it.
      if (replacement.settings) await stores.settings.reload();
      if (replacement.directory) await stores.directory.reload();
      for (const id of replacement.forums?.keys() ?? []) {
        await stores.registrations.close(id);
        await stores.forums.reload(id);
      }
    }
  });
}
