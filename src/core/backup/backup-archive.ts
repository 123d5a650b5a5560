import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  BACKUP_REASONS,
  type BackupContent,
  type BackupReason,
  backupContentSchema,
  type ForumContent,
} from '../../shared/domain/backup';
import type { Directory } from '../../shared/domain/person';
import type { Settings } from '../../shared/domain/settings';
import type { ZipEntryOut } from '../archive/zip';
import { directorySpec, EMPTY_DIRECTORY } from '../directory/directory-store';
import { type ForumFile, forumFileSpec } from '../forums/forum-file';
import {
  REGISTRATIONS_SUFFIX,
  type RegistrationsFile,
  registrationsFileSpec,
} from '../registrations/registration-store';
import { settingsSpec } from '../settings/settings-store';
import type { DataFolder } from '../store/data-folder';
import { decodeDocument } from '../store/document-codec';
import {
  ARCHIVE_FORMAT,
  archiveRefused,
  DOCUMENT_ENTRY,
  decodeEntry,
  MANIFEST,
  PHOTO_ENTRY,
  readArchive,
  readDocuments,
  readManifest,
  readPhotos,
  refuseDuplicates,
  refuseOverCap,
  soundRegistrations,
} from './archive-documents';
import { type DeskFilesImage, isDeskEntry, readDeskFiles } from './desk-files';

/**
 * A backup: the store's files as they lie in the data folder (so an older
 * format stays as it was, and a restore migrates it like a start-up would),
 * the photos the directory's people and the forums' logos name, and a
 * manifest saying what it holds.
 * Import column mappings are left out: they are a memory of choices, not work.
 * Format 2 holds the check-in desks' files too (desks/, see desk-files.ts): a
 * backup of format 1 restores as before, and an older Multaqa says a backup of
 * 2 comes from a newer version rather than calling its desks/ entries unknown.
 */
export const BACKUP_FORMAT_VERSION = 2;

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT.backups),
  formatVersion: z.number().int().min(1),
  createdAt: z.string().datetime(),
  reason: z.enum(BACKUP_REASONS),
  appVersion: z.string().max(100),
  /** The store that made it (see store-identity.ts); absent in backups made before stores had one. */
  storeId: z.string().uuid().optional(),
  content: backupContentSchema,
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FORUM_ENTRY = new RegExp(`^forums/(${UUID})\\.json$`);
const REGISTRATIONS_ENTRY = new RegExp(`^forums/(${UUID})\\.registrations\\.json$`);
const SETTINGS = 'settings.json';
const DIRECTORY = 'directory.json';

/** A forum's two files, decoded. */
export interface ForumImage {
  file: ForumFile;
  registrations: RegistrationsFile | null;
}

/** What a backup holds, decoded: what a restore writes back. */
export interface StoreImage {
  settings: Settings | null;
  directory: Directory;
  forums: Map<string, ForumImage>;
  photos: Map<string, Buffer>;
  /** The council items' documents by file name. */
  documents: Map<string, Buffer>;
  /** The check-in desks' files (none in a backup made before the desks, nor in a handover file). */
  desks?: DeskFilesImage;
}

/**
 * The entries of a backup of the data folder as it is on disk now, and what they hold.
 * `deskFiles` (from `deskEntries`) were read before the stores were flushed: see there why.
 */
export async function snapshotEntries(
  folder: DataFolder,
  meta: { createdAt: Date; reason: BackupReason; appVersion: string; storeId: string },
  deskFiles: readonly ZipEntryOut[],
): Promise<{ entries: ZipEntryOut[]; content: BackupContent }> {
  const entries: ZipEntryOut[] = [];
  const forums: ForumContent[] = [];
  const add = async (name: string, file: string) => {
    const data = await fs.readFile(file).catch(ignoreMissing);
    if (data) entries.push({ name, data });
    return data;
  };
  await add(SETTINGS, folder.settingsFile);
  entries.push(...deskFiles);
  const directoryBytes = await add(DIRECTORY, folder.directoryFile);
  const directory = directoryBytes ? decodeOr(directorySpec, directoryBytes) : null;

  const forumLogos: string[] = [];
  const councilDocuments = new Set<string>();
  const names = (await fs.readdir(folder.forumsDir).catch(() => [] as string[])).sort();
  for (const name of names) {
    const id = FORUM_ENTRY.exec(`forums/${name}`)?.[1];
    if (!id) continue;
    const forumBytes = await add(`forums/${name}`, path.join(folder.forumsDir, name));
    const forumFile = forumBytes ? decodeOr(forumFileSpec, forumBytes) : null;
    const registrationsName = id + REGISTRATIONS_SUFFIX;
    const registrationsBytes = names.includes(registrationsName)
      ? await add(`forums/${registrationsName}`, path.join(folder.forumsDir, registrationsName))
      : null;
    if (forumFile) {
      forums.push(forumContent(forumFile, countRegistrations(registrationsBytes)));
      forumLogos.push(...forumFile.forum.logos);
      for (const item of forumFile.council.agenda) for (const d of item.documents) councilDocuments.add(d.file);
    }
  }
  let photos = 0;
  for (const photo of new Set([...(directory?.people.map((p) => p.photo) ?? []), ...forumLogos])) {
    if (!photo || !PHOTO_ENTRY.test(`photos/${photo}`)) continue;
    const data = await fs.readFile(path.join(folder.photosDir, photo)).catch(ignoreMissing);
    if (!data) continue;
    entries.push({ name: `photos/${photo}`, data, store: true });
    photos++;
  }
  for (const name of councilDocuments) {
    const data = await fs.readFile(path.join(folder.documentsDir, name)).catch(ignoreMissing);
    if (data) entries.push({ name: `documents/${name}`, data, store: true });
  }
  const content: BackupContent = {
    forums,
    people: directory?.people.length ?? 0,
    organisations: directory?.organisations.length ?? 0,
    photos,
  };
  const manifest: BackupManifest = {
    format: ARCHIVE_FORMAT.backups,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: meta.createdAt.toISOString(),
    reason: meta.reason,
    appVersion: meta.appVersion,
    storeId: meta.storeId,
    content,
  };
  // The manifest first, so a listing reads it without inflating the rest.
  entries.unshift({ name: MANIFEST, data: JSON.stringify(manifest, null, 2) });
  return { entries, content };
}

/** Caps for reading a backup back: a large store, generously, and no more. */
export const BACKUP_RULES = {
  maxFileBytes: 1024 * 1024 * 1024,
  maxEntries: 20_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1536 * 1024 * 1024,
  allowed: (name: string) =>
    name === MANIFEST ||
    name === SETTINGS ||
    name === DIRECTORY ||
    FORUM_ENTRY.test(name) ||
    REGISTRATIONS_ENTRY.test(name) ||
    PHOTO_ENTRY.test(name) ||
    DOCUMENT_ENTRY.test(name) ||
    isDeskEntry(name),
};

/** Only the manifest, for the list. */
export async function readBackupManifest(file: string): Promise<BackupManifest> {
  const entries = await readArchive('backups', { file }, { ...BACKUP_RULES, only: (name) => name === MANIFEST });
  return readManifest('backups', entries, manifestSchema, BACKUP_FORMAT_VERSION);
}

/** The whole backup, every document decoded (migrated, validated); refuses it whole at the first fault. */
export async function readBackup(bytes: Buffer): Promise<{ manifest: BackupManifest; image: StoreImage }> {
  const entries = await readArchive('backups', bytes, BACKUP_RULES);
  const manifest = readManifest('backups', entries, manifestSchema, BACKUP_FORMAT_VERSION);
  const forums: StoreImage['forums'] = new Map();
  for (const name of entries.keys()) {
    const id = FORUM_ENTRY.exec(name)?.[1];
    if (!id) continue;
    const file = decodeEntry('backups', entries, name, forumFileSpec);
    if (file.forum.id !== id) throw archiveRefused('backups', 'invalidData', `${name} holds forum ${file.forum.id}`);
    const registrationsName = `forums/${id}${REGISTRATIONS_SUFFIX}`;
    refuseOverCap('backups', registrationsName, entries.get(registrationsName));
    const decoded = decodeEntry('backups', entries, registrationsName, registrationsFileSpec, true);
    const registrations = decoded && soundRegistrations('backups', registrationsName, decoded);
    refuseDuplicates('backups', { programme: file.programme, registrations });
    forums.set(id, { file, registrations });
  }
  // Registrations without their forum's file: a part is missing (or a name was damaged; names are outside the CRC).
  for (const name of entries.keys()) {
    const id = REGISTRATIONS_ENTRY.exec(name)?.[1];
    if (id && !forums.has(id)) throw archiveRefused('backups', 'missingPart', `forums/${id}.json for ${name}`);
  }
  const missing = manifest.content.forums.find((f) => !forums.has(f.id));
  if (missing) throw archiveRefused('backups', 'missingPart', `forum ${missing.id} of the manifest`);
  const photos = readPhotos('backups', entries);
  const documents = readDocuments('backups', entries);
  const directory = decodeEntry('backups', entries, DIRECTORY, directorySpec, true) ?? EMPTY_DIRECTORY;
  refuseDuplicates('backups', { directory });
  return {
    manifest,
    image: {
      settings: decodeEntry('backups', entries, SETTINGS, settingsSpec, true),
      directory,
      forums,
      photos,
      documents,
      desks: readDeskFiles('backups', entries),
    },
  };
}

export function forumContent(file: Pick<ForumFile, 'forum' | 'programme'>, registrations: number): ForumContent {
  const { forum, programme } = file;
  return {
    id: forum.id,
    titleAr: forum.titleAr,
    titleEn: forum.titleEn,
    firstDay: forum.firstDay,
    sessions: programme.sessions.length,
    delegations: programme.delegations.length,
    registrations,
  };
}

function decodeOr<T>(spec: Parameters<typeof decodeDocument<T>>[0], bytes: Buffer): T | null {
  const decoded = decodeDocument(spec, bytes.toString('utf8'));
  return decoded.ok ? decoded.data : null;
}

/** Counting needs no validation (a restore validates): parsing is enough. */
function countRegistrations(bytes: Buffer | null): number {
  if (!bytes) return 0;
  try {
    const raw = JSON.parse(bytes.toString('utf8')) as { data?: { registrations?: unknown[] } };
    return raw.data?.registrations?.length ?? 0;
  } catch {
    return 0;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
