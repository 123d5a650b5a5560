import { promises as fs } from 'node:fs';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * Zip files in and out, for backups and handover files. Writing is yazl's;
 * reading is yauzl's, wrapped to treat every file as hostile: a backup may
 * have spent a month on a shared USB stick, a handover file came by e-mail.
 */

export interface ZipEntryOut {
  name: string;
  data: Buffer | string;
  /** Photos are already compressed: storing them as they are is faster and no larger. */
  store?: boolean;
}

/** A zip of the entries, in their order. */
export function writeZip(entries: readonly ZipEntryOut[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    zip.addBuffer(data, entry.name, { mtime, mode: 0o600, compress: !entry.store });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Why a zip was refused; each reason has a sentence in both languages (`<prefix>.refused.<reason>`). */
export type ZipRefusal =
  | 'notZip'
  | 'tooLarge'
  | 'tooManyEntries'
  | 'unexpectedEntry'
  | 'unsafePath'
  | 'zipBomb'
  | 'duplicateEntry'
  | 'encrypted';

export class ZipRefused extends Error {
  constructor(
    readonly reason: ZipRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipRefused';
  }
}

export interface ZipRules {
  /** The file's own size. */
  maxFileBytes: number;
  maxEntries: number;
  /** Once inflated, one entry and all of them together. */
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Names the format has; any other entry refuses the whole file. */
  allowed: (name: string) => boolean;
  /** Inflate only these (the rest are still checked by name and declared size): a listing wants the manifest alone. */
  only?: (name: string) => boolean;
}

/** More inflation than this, on an entry worth measuring, is a bomb, not a forum. JSON deflates about 10:1. */
const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * Reads every entry of an untrusted zip into memory, refusing it whole at
 * the first thing wrong: not a zip, too big, too many entries, a name outside
 * the format (or one that climbs out of its folder, `../`, `C:\`, `/etc`),
 * the same name twice, encryption, or an entry that inflates past the caps or
 * past what its header declared (yauzl checks the bytes as they come, so a
 * lying header cannot sneak a bomb past the caps).
 */
export function readZip(bytes: Buffer, rules: ZipRules): Promise<Map<string, Buffer>> {
  return readEntries(bytes.length, () => yauzl.fromBufferPromise(bytes, STRICT), rules);
}

/**
 * The same, from a file on disk: only the central directory and the entries
 * inflated are read, so listing backups reads each one's manifest, not the
 * whole store it holds.
 */
export async function readZipFile(file: string, rules: ZipRules): Promise<Map<string, Buffer>> {
  const { size } = await fs.stat(file);
  return readEntries(size, () => yauzl.openPromise(file, STRICT), rules);
}

const STRICT = { lazyEntries: true, strictFileNames: true, validateEntrySizes: true };

async function readEntries(
  size: number,
  open: () => Promise<yauzl.ZipFile>,
  rules: ZipRules,
): Promise<Map<string, Buffer>> {
  if (size > rules.maxFileBytes) throw new ZipRefused('tooLarge', `file of ${size} bytes`);
  let zip: yauzl.ZipFile;
  try {
    zip = await open();
  } catch (error) {
    throw new ZipRefused('notZip', (error as Error).message);
  }
  try {
    return await readOpened(zip, rules);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

async function readOpened(zip: yauzl.ZipFile, rules: ZipRules): Promise<Map<string, Buffer>> {
  if (zip.entryCount > rules.maxEntries) throw new ZipRefused('tooManyEntries', `${zip.entryCount} entries`);
  const entries = new Map<string, Buffer>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (!rules.allowed(name)) throw new ZipRefused('unexpectedEntry', name);
      if (entries.has(name)) throw new ZipRefused('duplicateEntry', name);
      if (entry.isEncrypted()) throw new ZipRefused('encrypted', name);
      const declared = entry.uncompressedSize;
      if (declared > rules.maxEntryBytes || total + declared > rules.maxTotalBytes) {
        throw new ZipRefused('zipBomb', `${name} inflates to ${declared} bytes`);
      }
      if (declared > RATIO_FLOOR_BYTES && declared > entry.compressedSize * MAX_RATIO) {
        throw new ZipRefused('zipBomb', `${name} inflates ${Math.round(declared / entry.compressedSize)} times`);
      }
      total += declared;
      if (rules.only && !rules.only(name)) continue;
      entries.set(name, await readEntry(zip, entry, declared));
    }
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    // yauzl's own refusals: a malformed structure, a name with `..` or an absolute path, sizes that lie.
    const message = (error as Error).message;
    if (/fileName|file name|invalid relative path|absolute path|backslash/i.test(message)) {
      throw new ZipRefused('unsafePath', message);
    }
    if (/too many bytes|too few bytes|uncompressed size|compressed size/i.test(message)) {
      throw new ZipRefused('zipBomb', message);
    }
    throw new ZipRefused('notZip', message);
  }
  return entries;
}

/** One entry's bytes, stopped the moment it passes what its header declared, and checked against its CRC-32. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, declared: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > declared) {
      stream.destroy();
      throw new ZipRefused('zipBomb', `${entry.fileName} inflates past its declared ${declared} bytes`);
    }
    chunks.push(chunk);
  }
  const data = Buffer.concat(chunks, length);
  // yauzl does not check the CRC: without this a flipped bit in a stored entry is read as data.
  if (zlib.crc32(data) !== entry.crc32) throw new ZipRefused('notZip', `${entry.fileName} does not match its CRC-32`);
  return data;
}
