import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ZipEntryOut } from '../archive/zip';
import { isLedgerFileOf } from '../desks/applied-ledger';
import { type DeskRecord, registryFileSchema } from '../desks/desk-registry';
import type { FileChange } from '../store/file-transaction';
import { type ArchiveKind, archiveRefused } from './archive-documents';

/**
 * The check-in desks' files in a backup, and how a restore puts them back
 * (`desks/` in the data folder: see docs/desks.md).
 *
 * What decides is the **applied ledger**: it says which people the hub has
 * applied from the desks' books, and it must agree with the registrations
 * beside it. So a backup holds each forum's ledger as it was when the
 * registrations were read, and a restore puts that ledger back with the
 * forum's registrations, in the same transaction. The scans filed after the
 * backup are then missing from the ledger, and the hub applies them again
 * from the book when it opens the forum.
 *
 * The books themselves, their index and the paired desks are not rolled
 * back: they record what happened outside this machine (badges scanned at a
 * desk, credentials handed to a desk, blocks of badge codes a desk holds),
 * and only grow. A restore keeps this machine's, and brings the backup's back
 * only where this machine has none (a new laptop, a lost `desks/`), so the
 * desks' queues find their book again and their credentials stay good.
 *
 * A backup without a ledger for a forum (made before the desks, or before any
 * scan was applied) restores it with no ledger: the hub applies the whole book
 * again, and people the restored registrations hold checked in are recorded
 * as checked in already.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LEDGER_ENTRY = new RegExp(`^desks/applied/(${UUID})\\.applied\\.[0-9a-f]{8}\\.log$`);
const INDEX_ENTRY = 'desks/books.json';
const REGISTRY_ENTRY = 'desks/desks.json';
/** Automerge's Node storage: folders and files named by document ids (base58) and hashes; no `..`. */
const BOOK_ENTRY = /^desks\/books(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}){2,8}$/;

export const isDeskEntry = (name: string) =>
  name === INDEX_ENTRY || name === REGISTRY_ENTRY || LEDGER_ENTRY.test(name) || BOOK_ENTRY.test(name);

/** What a backup holds of `desks/`. */
export interface DeskFilesImage {
  /** Forum id → its ledger files, by name. */
  ledgers: Map<string, Map<string, Buffer>>;
  /** `books.json` as it was, or null. */
  index: Buffer | null;
  registry: { bytes: Buffer; desks: DeskRecord[] } | null;
  /** The books' storage files, by their path under `books/`. */
  books: Map<string, Buffer>;
}

/** Only what tells a forum from a book's url: the hub reads the index strictly when it opens it. */
const indexSchema = z.record(z.string().uuid(), z.string().startsWith('automerge:'));

/**
 * The entries for `desks/`. Read before the stores are flushed (which folds
 * each forum's check-in log into the registrations file the backup copies):
 * the hub writes a person's ledger line only after their check-in landed, so
 * every line read here has its check-in in the registrations folded next. A
 * check-in that lands in between is missing from the ledger, and the hub,
 * after a restore, finds that person checked in already; nothing is counted
 * twice, and an undo at the hub in between stays undone.
 */
export async function deskEntries(desksDir: string): Promise<ZipEntryOut[]> {
  const entries: ZipEntryOut[] = [];
  const appliedDir = path.join(desksDir, 'applied');
  for (const name of (await readdirOrNone(appliedDir)).sort()) {
    const entry = `desks/applied/${name}`;
    if (!LEDGER_ENTRY.test(entry)) continue;
    const data = await readOrNull(path.join(appliedDir, name));
    if (data) entries.push({ name: entry, data });
  }
  for (const entry of [INDEX_ENTRY, REGISTRY_ENTRY]) {
    const data = await readOrNull(path.join(desksDir, entry.slice('desks/'.length)));
    if (data) entries.push({ name: entry, data });
  }
  entries.push(...(await bookEntries(path.join(desksDir, 'books'))));
  return entries;
}

/**
 * The books' storage files. Automerge may fold a book's changes into one
 * snapshot while they are read, removing the files it folded: a file gone
 * between the listing and its read sends us back to list again.
 */
async function bookEntries(booksDir: string): Promise<ZipEntryOut[]> {
  for (let attempt = 0; ; attempt++) {
    const entries: ZipEntryOut[] = [];
    let complete = true;
    const names = await fs.readdir(booksDir, { recursive: true, withFileTypes: true }).catch(ignoreMissing);
    for (const dirent of names ?? []) {
      if (!dirent.isFile()) continue;
      const file = path.join(dirent.parentPath, dirent.name);
      const entry = `desks/books/${path.relative(booksDir, file).split(path.sep).join('/')}`;
      if (!BOOK_ENTRY.test(entry)) continue;
      const data = await readOrNull(file);
      if (!data) {
        complete = false;
        break;
      }
      entries.push({ name: entry, data });
    }
    if (complete || attempt === 3) return entries;
  }
}

/** The `desks/` entries of a backup's zip; refused whole when the index or the desks' file is not ours. */
export function readDeskFiles(kind: ArchiveKind, entries: ReadonlyMap<string, Buffer>): DeskFilesImage {
  const image: DeskFilesImage = { ledgers: new Map(), index: null, registry: null, books: new Map() };
  for (const [name, data] of entries) {
    const forumId = LEDGER_ENTRY.exec(name)?.[1];
    if (forumId) {
      const files = image.ledgers.get(forumId) ?? new Map<string, Buffer>();
      files.set(path.posix.basename(name), data);
      image.ledgers.set(forumId, files);
    } else if (name === INDEX_ENTRY) {
      if (!indexSchema.safeParse(parseJson(data)).success) throw archiveRefused(kind, 'invalidData', name);
      image.index = data;
    } else if (name === REGISTRY_ENTRY) {
      const parsed = registryFileSchema.safeParse(parseJson(data));
      if (!parsed.success) throw archiveRefused(kind, 'invalidData', name);
      image.registry = { bytes: data, desks: parsed.data.desks };
    } else if (BOOK_ENTRY.test(name)) {
      image.books.set(name.slice('desks/books/'.length), data);
    }
  }
  return image;
}

/**
 * The file changes that put the desks' files back beside the registrations
 * of `forumIds` (see the top of this file), and the paired desks as they
 * will be after it: their blocks of badge codes must stay out of the
 * restored counters.
 */
export async function deskRestoreChanges(
  desksDir: string,
  image: DeskFilesImage | undefined,
  forumIds: readonly string[],
): Promise<{ changes: FileChange[]; desks: DeskRecord[] }> {
  const changes = new Map<string, FileChange['content']>();
  const appliedDir = path.join(desksDir, 'applied');
  const present = await readdirOrNone(appliedDir);
  for (const forumId of forumIds) {
    for (const name of present) if (isLedgerFileOf(name, forumId)) changes.set(path.join(appliedDir, name), null);
    for (const [name, data] of image?.ledgers.get(forumId) ?? []) changes.set(path.join(appliedDir, name), data);
  }
  const indexFile = path.join(desksDir, 'books.json');
  if (image?.index && !(await exists(indexFile))) changes.set(indexFile, image.index);
  const registryFile = path.join(desksDir, 'desks.json');
  let desks: DeskRecord[];
  const presentRegistry = await readOrNull(registryFile);
  if (presentRegistry) {
    const parsed = registryFileSchema.safeParse(parseJson(presentRegistry));
    desks = parsed.success ? parsed.data.desks : [];
  } else {
    desks = image?.registry?.desks ?? [];
    if (image?.registry) changes.set(registryFile, image.registry.bytes);
  }
  // A book's storage files are named by their content, and Automerge merges every file it finds of a book:
  // one written back is never a wrong one, and this machine's are never replaced.
  for (const [name, data] of image?.books ?? []) {
    const file = path.join(desksDir, 'books', ...name.split('/'));
    if (!(await exists(file))) changes.set(file, data);
  }
  return { changes: [...changes].map(([file, content]) => ({ file, content })), desks };
}

/** The highest badge code held by the forum's desks' blocks (revoked desks' too: their codes may be on badges). */
export function highestReservedCode(desks: readonly DeskRecord[], forumId: string): number | null {
  let highest: number | null = null;
  for (const d of desks) {
    if (d.forumId === forumId && d.codes && (highest === null || d.codes.last > highest)) highest = d.codes.last;
  }
  return highest;
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
}

async function readdirOrNone(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(ignoreMissing)) ?? [];
}

async function readOrNull(file: string): Promise<Buffer | null> {
  return fs.readFile(file).catch(ignoreMissing);
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(ignoreMissing)) !== null;
}

function ignoreMissing(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
