import { z } from 'zod';
import { type ForumContent, forumContentSchema, HANDOVER_MAX_BYTES } from '../../shared/domain/backup';
import { EMPTY_COUNCIL } from '../../shared/domain/council';
import { councilOrganisationsOf, councilPeopleOf } from '../../shared/domain/council-edit';
import type { HandoverExport } from '../../shared/domain/export';
import type { Forum } from '../../shared/domain/forum';
import type { Directory } from '../../shared/domain/person';
import { peopleOf } from '../../shared/domain/programme-edit';
import { writeZip, type ZipEntryOut } from '../archive/zip';
import { directorySpec, EMPTY_DIRECTORY } from '../directory/directory-store';
import type { ExportInput } from '../export/export-input';
import { type ForumFile, forumFileSpec } from '../forums/forum-file';
import {
  EMPTY_REGISTRATIONS,
  type RegistrationsFile,
  registrationsFileSpec,
  soundNextCode,
} from '../registrations/registration-store';
import { encodeDocument } from '../store/document-codec';
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
import { forumContent } from './backup-archive';

/**
 * A `.multaqa` file: one forum handed to a colleague. It holds the forum's
 * file (record and programme), its registrations when asked, the people
 * and organisations the programme names (not the whole directory: a
 * colleague in another ministry has no business with everyone else's
 * contacts) and, when asked, their photos and the forum's logos. A council
 * session's papers (its agenda items' documents) always travel with it: the
 * minutes list them.
 */
export const HANDOVER_FORMAT_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT.handover),
  formatVersion: z.number().int().min(1),
  exportedAt: z.string().datetime(),
  appVersion: z.string().max(100),
  forum: forumContentSchema,
});

const FORUM = 'forum.json';
const REGISTRATIONS = 'registrations.json';
const DIRECTORY = 'directory.json';

/** What a handover file holds, decoded and checked. */
export interface Handover {
  exportedAt: string;
  appVersion: string;
  file: ForumFile;
  registrations: RegistrationsFile | null;
  directory: Directory;
  photos: Map<string, Buffer>;
  /** The council items' documents by file name (files written before councils had none). */
  documents: Map<string, Buffer>;
}

export async function writeHandover(input: ExportInput<HandoverExport>): Promise<Buffer> {
  const { programme, options, progress } = input;
  const registrations = options.includeRegistrations ? input.registrations : [];
  const council = input.council?.council ?? EMPTY_COUNCIL;
  const directory = directoryOf(input.directory, new Set([...peopleOf(programme), ...councilPeopleOf(council)]), [
    ...programme.delegations,
    ...[...councilOrganisationsOf(council)].map((organisationId) => ({ organisationId })),
  ]);
  const photos = options.includePhotos ? directory.people.flatMap((p) => (p.photo ? [p.photo] : [])) : [];
  // The logos travel with the photos; a logo whose file is gone (or left out) is dropped from the forum written,
  // so that it names no file the receiver will not have.
  const logos = new Map<string, Buffer>();
  for (const name of options.includePhotos ? input.forum.logos : []) {
    const bytes = await input.photo(name);
    if (bytes) logos.set(name, bytes);
  }
  const forum: Forum = { ...input.forum, logos: input.forum.logos.filter((name) => logos.has(name)) };
  progress.setTotal(photos.length + 1);
  const entries: ZipEntryOut[] = [];
  const manifest: z.infer<typeof manifestSchema> = {
    format: ARCHIVE_FORMAT.handover,
    formatVersion: HANDOVER_FORMAT_VERSION,
    exportedAt: input.now.toISOString(),
    appVersion: input.appVersion,
    forum: forumContent({ forum, programme }, registrations.length),
  };
  entries.push({ name: MANIFEST, data: JSON.stringify(manifest, null, 2) });
  // A document whose file is gone from the data folder is left out of the item, so it names nothing the receiver lacks.
  const documents = new Map<string, Buffer>();
  for (const item of council.agenda) {
    for (const d of item.documents) {
      const bytes = documents.get(d.file) ?? (await input.councilDocument?.(d.file)) ?? null;
      if (bytes) documents.set(d.file, bytes);
    }
  }
  const sentCouncil = {
    ...council,
    agenda: council.agenda.map((i) => ({ ...i, documents: i.documents.filter((d) => documents.has(d.file)) })),
  };
  entries.push({ name: FORUM, data: encodeDocument(forumFileSpec, { forum, programme, council: sentCouncil }) });
  for (const [name, bytes] of documents) entries.push({ name: `documents/${name}`, data: bytes, store: true });
  if (options.includeRegistrations) {
    entries.push({
      name: REGISTRATIONS,
      data: encodeDocument(registrationsFileSpec, {
        nextCode: soundNextCode(EMPTY_REGISTRATIONS.nextCode, registrations),
        registrations: [...registrations],
      }),
    });
  }
  const withPhotos: Directory = {
    ...directory,
    // Without its photo the person's record must not name a file the receiver will not have.
    people: directory.people.map((p) => (options.includePhotos ? p : { ...p, photo: null })),
  };
  const written = new Set<string>();
  for (const name of photos) {
    const bytes = await input.photo(name);
    if (bytes) entries.push({ name: `photos/${name}`, data: bytes, store: true });
    written.add(name);
    await progress.advance();
  }
  for (const [name, bytes] of logos) {
    if (!written.has(name)) entries.push({ name: `photos/${name}`, data: bytes, store: true });
    written.add(name);
  }
  entries.push({ name: DIRECTORY, data: encodeDocument(directorySpec, withPhotos) });
  const bytes = await writeZip(entries, input.now);
  await progress.advance();
  return bytes;
}

export const HANDOVER_RULES = {
  maxFileBytes: HANDOVER_MAX_BYTES,
  maxEntries: 5_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  allowed: (name: string) =>
    name === MANIFEST ||
    name === FORUM ||
    name === REGISTRATIONS ||
    name === DIRECTORY ||
    PHOTO_ENTRY.test(name) ||
    DOCUMENT_ENTRY.test(name),
};

/** Reads and checks a handover file whole; refuses it (import_refused) at the first fault. */
export async function readHandover(bytes: Buffer): Promise<Handover> {
  const entries = await readArchive('handover', bytes, HANDOVER_RULES);
  const manifest = readManifest('handover', entries, manifestSchema, HANDOVER_FORMAT_VERSION);
  const file = decodeEntry('handover', entries, FORUM, forumFileSpec);
  refuseOverCap('handover', REGISTRATIONS, entries.get(REGISTRATIONS));
  const decoded = decodeEntry('handover', entries, REGISTRATIONS, registrationsFileSpec, true);
  const registrations = decoded && soundRegistrations('handover', REGISTRATIONS, decoded);
  const directory = decodeEntry('handover', entries, DIRECTORY, directorySpec, true) ?? EMPTY_DIRECTORY;
  refuseDuplicates('handover', { programme: file.programme, registrations, directory });
  if (manifest.forum.id !== file.forum.id) {
    throw archiveRefused('handover', 'invalidData', 'the manifest and forum.json name different forums');
  }
  const photos = readPhotos('handover', entries);
  const documents = readDocuments('handover', entries);
  const missing = file.council.agenda.flatMap((i) => i.documents).find((d) => !documents.has(d.file));
  if (missing) throw archiveRefused('handover', 'missingPart', `documents/${missing.file} (${missing.name})`);
  return {
    exportedAt: manifest.exportedAt,
    appVersion: manifest.appVersion,
    file,
    registrations,
    directory,
    photos,
    documents,
  };
}

export function handoverContent(handover: Handover): ForumContent {
  return forumContent(handover.file, handover.registrations?.registrations.length ?? 0);
}

/** The people named, their organisations and the delegations' organisations. */
function directoryOf(
  directory: Directory,
  people: ReadonlySet<string>,
  delegations: readonly { organisationId: string | null }[],
): Directory {
  const named = directory.people.filter((p) => people.has(p.id));
  const organisations = new Set([
    ...named.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
    ...delegations.flatMap((d) => (d.organisationId ? [d.organisationId] : [])),
  ]);
  return { people: named, organisations: directory.organisations.filter((o) => organisations.has(o.id)) };
}
