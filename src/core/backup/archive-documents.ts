import type { z } from 'zod';
import type { Directory } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { MAX_REGISTRATIONS } from '../../shared/domain/registration';
import { AppError } from '../../shared/errors';
import { readZip, readZipFile, type ZipRefusal, ZipRefused, type ZipRules } from '../archive/zip';
import { isDocumentNamed } from '../council/council-documents';
import { isPhotoNamed } from '../directory/directory-store';
import { HIGHEST_CODE_FROM_FILE, type RegistrationsFile, withSoundCounter } from '../registrations/registration-store';
import { type DocumentSpec, decodeDocument } from '../store/document-codec';

/**
 * What backups and handover files share: a zip whose entries are store
 * documents (`{schemaVersion, data}`, as the data folder keeps them) and
 * photos, read as untrusted input. Every document is decoded with its spec,
 * so an older file is migrated and anything that does not validate refuses
 * the whole file before a byte of the store changes.
 */

/** Why a file was refused; `<kind>.refused.<reason>` is the sentence the user reads. */
export type ArchiveRefusal =
  | ZipRefusal
  | 'notOurs'
  | 'newerVersion'
  | 'invalidData'
  | 'missingPart'
  | 'tooManyRegistrations';

export type ArchiveKind = 'backups' | 'handover';

export function archiveRefused(kind: ArchiveKind, reason: ArchiveRefusal, detail: string): AppError {
  return new AppError('import_refused', `${kind} file refused (${reason}): ${detail}`, [
    { path: ['file'], message: `${kind}.refused.${reason === 'notOurs' ? notOursKey[kind] : reason}` },
  ]);
}

const notOursKey: Record<ArchiveKind, string> = { backups: 'notBackup', handover: 'notHandover' };
/** What each kind's manifest says it is: a backup given as a forum file is "not a forum file", whatever its version. */
export const ARCHIVE_FORMAT = { backups: 'multaqa-backup', handover: 'multaqa-forum' } as const satisfies Record<
  ArchiveKind,
  string
>;

/** A photo as the data folder names it: its content hash and type. */
export const PHOTO_ENTRY = /^photos\/[0-9a-f]{32}\.(jpg|png)$/;

/** A council item's document as the data folder names it: its content hash and type. */
export const DOCUMENT_ENTRY = /^documents\/[0-9a-f]{32}\.[a-z]{3,4}$/;

/** The council documents of the archive by file name, each checked to be the file its name (a content hash) says. */
export function readDocuments(kind: ArchiveKind, entries: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const documents = new Map<string, Buffer>();
  for (const [name, data] of entries) {
    if (!DOCUMENT_ENTRY.test(name)) continue;
    const file = name.slice('documents/'.length);
    if (!isDocumentNamed(file, data))
      throw archiveRefused(kind, 'invalidData', `${name} is not the document its name says`);
    documents.set(file, data);
  }
  return documents;
}

/** The zip's entries, or the refusal in the user's language. */
export async function readArchive(
  kind: ArchiveKind,
  source: Buffer | { file: string },
  rules: ZipRules,
): Promise<Map<string, Buffer>> {
  try {
    return await (Buffer.isBuffer(source) ? readZip(source, rules) : readZipFile(source.file, rules));
  } catch (error) {
    if (error instanceof ZipRefused) throw archiveRefused(kind, error.reason, error.message);
    throw error;
  }
}

/** One document entry decoded with its spec; `null` when the entry is absent and `optional`. */
export function decodeEntry<T>(
  kind: ArchiveKind,
  entries: ReadonlyMap<string, Buffer>,
  name: string,
  spec: DocumentSpec<T>,
): T;
export function decodeEntry<T>(
  kind: ArchiveKind,
  entries: ReadonlyMap<string, Buffer>,
  name: string,
  spec: DocumentSpec<T>,
  optional: true,
): T | null;
export function decodeEntry<T>(
  kind: ArchiveKind,
  entries: ReadonlyMap<string, Buffer>,
  name: string,
  spec: DocumentSpec<T>,
  optional = false,
): T | null {
  const bytes = entries.get(name);
  if (!bytes) {
    if (optional) return null;
    throw archiveRefused(kind, 'missingPart', name);
  }
  const decoded = decodeDocument(spec, bytes.toString('utf8'));
  if (!decoded.ok) {
    throw archiveRefused(
      kind,
      decoded.reason === 'newerVersion' ? 'newerVersion' : 'invalidData',
      `${name}: ${decoded.detail}`,
    );
  }
  return decoded.data;
}

/** The manifest, parsed with its schema; a zip without one (or another's) is not ours. */
export function readManifest<T>(
  kind: ArchiveKind,
  entries: ReadonlyMap<string, Buffer>,
  schema: z.ZodType<T>,
  newestVersion: number,
): T {
  const bytes = entries.get(MANIFEST);
  if (!bytes) throw archiveRefused(kind, 'notOurs', 'no manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw archiveRefused(kind, 'notOurs', 'manifest.json does not parse');
  }
  const { format, formatVersion: version } = (raw ?? {}) as { format?: unknown; formatVersion?: unknown };
  if (format !== ARCHIVE_FORMAT[kind]) throw archiveRefused(kind, 'notOurs', `manifest.json is of ${String(format)}`);
  if (typeof version === 'number' && version > newestVersion) {
    throw archiveRefused(kind, 'newerVersion', `format ${version}; this version reads up to ${newestVersion}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw archiveRefused(kind, 'notOurs', 'manifest.json is not a Multaqa manifest');
  return parsed.data;
}

export const MANIFEST = 'manifest.json';

/** The photos of the archive by file name, each checked to be the JPEG or PNG its name (a content hash) says. */
export function readPhotos(kind: ArchiveKind, entries: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const photos = new Map<string, Buffer>();
  for (const [name, data] of entries) {
    if (!PHOTO_ENTRY.test(name)) continue;
    const file = name.slice('photos/'.length);
    if (!isPhotoNamed(file, data)) throw archiveRefused(kind, 'invalidData', `${name} is not the photo its name says`);
    photos.set(file, data);
  }
  return photos;
}

/**
 * Records a store never holds twice, which a schema cannot see: one id for two
 * sessions, people or registrants, or one badge code for two registrants.
 * Written as they are, they would make edits land on the wrong record.
 */
export function refuseDuplicates(
  kind: ArchiveKind,
  parts: {
    programme?: Programme;
    registrations?: RegistrationsFile | null;
    directory?: Directory;
  },
): void {
  const lists: [string, readonly string[]][] = [];
  if (parts.programme) {
    const { halls, sessions, delegations } = parts.programme;
    lists.push(['hall', halls.map((h) => h.id)], ['session', sessions.map((x) => x.id)]);
    lists.push(['delegation', delegations.map((d) => d.id)]);
  }
  if (parts.registrations) {
    const { registrations } = parts.registrations;
    lists.push(['registration', registrations.map((r) => r.id)], ['badge code', registrations.map((r) => r.code)]);
  }
  if (parts.directory) {
    lists.push(['person', parts.directory.people.map((p) => p.id)]);
    lists.push(['organisation', parts.directory.organisations.map((o) => o.id)]);
  }
  for (const [what, values] of lists) {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) throw archiveRefused(kind, 'invalidData', `${what} ${value} appears twice`);
      seen.add(value);
    }
  }
}

/**
 * A forum's registrations as a file brings them, checked against what its
 * counter refers to: refused when a code or the counter lies so near the last
 * code that this forum could register no more, else the counter moved past
 * every code in use (a file's counter at or below a code in use would hand
 * that code out twice; one below the first code writes codes the schema
 * refuses at the next start).
 */
export function soundRegistrations(kind: ArchiveKind, name: string, file: RegistrationsFile): RegistrationsFile {
  if (file.nextCode > HIGHEST_CODE_FROM_FILE + 1) {
    throw archiveRefused(kind, 'invalidData', `${name}: nextCode ${file.nextCode} leaves no badge codes`);
  }
  const high = file.registrations.find((r) => Number(r.code) > HIGHEST_CODE_FROM_FILE);
  if (high) throw archiveRefused(kind, 'invalidData', `${name}: badge code ${high.code} leaves no badge codes`);
  return withSoundCounter(file);
}

/**
 * Refuses a registrations document holding more registrants than a forum may
 * (MAX_REGISTRATIONS), counted on its bytes before they are parsed: parsed,
 * 200,000 registrants take gigabytes of memory and stall every other request.
 * Counts the objects that open directly inside an array of `data` (only the
 * registrations list is one), skipping strings; an unknown array of objects
 * there would only count against the file.
 */
export function refuseOverCap(kind: ArchiveKind, name: string, bytes: Buffer | undefined): void {
  if (!bytes) return;
  const QUOTE = 0x22;
  const BACKSLASH = 0x5c;
  let depth = 0;
  let inString = false;
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      // {"schemaVersion", "data": {"registrations": [ {...}, ... ]}}: a registrant opens at depth 3.
      if (c === 0x7b && depth === 3 && ++count > MAX_REGISTRATIONS) {
        throw archiveRefused(kind, 'tooManyRegistrations', `${name}: more than ${MAX_REGISTRATIONS} registrants`);
      }
      depth++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
}
