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
    throw refusal(error);
  }
  return entries;
}

/** An error met while reading a zip, as the refusal it stands for. */
function refusal(error: unknown): ZipRefused {
  if (error instanceof ZipRefused) return error;
  // yauzl's own refusals: a malformed structure, a name with `..` or an absolute path, sizes that lie.
  const message = (error as Error).message;
  if (/fileName|file name|invalid relative path|absolute path|backslash/i.test(message)) {
    return new ZipRefused('unsafePath', message);
  }
  if (/too many bytes|too few bytes|uncompressed size|compressed size/i.test(message)) {
    return new ZipRefused('zipBomb', message);
  }
  return new ZipRefused('notZip', message);
}

/** One entry's bytes, stopped the moment it passes what its header declared, and checked against its CRC-32. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, declared: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of entryChunks(zip, entry, declared)) {
    length += chunk.length;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/**
 * An entry's inflated bytes as they come, stopped the moment they pass
 * `limit`, and checked against the entry's CRC-32 once all have come (the
 * last chunk is held back until then, so a damaged entry never completes).
 */
async function* entryChunks(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): AsyncGenerator<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  let length = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > limit) {
        throw new ZipRefused('zipBomb', `${entry.fileName} inflates past ${limit} bytes`);
      }
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
  // yauzl does not check the CRC: without this a flipped bit in a stored entry is read as data.
  if (crc !== entry.crc32) throw new ZipRefused('notZip', `${entry.fileName} does not match its CRC-32`);
}

/**
 * An untrusted zip opened for reading entries by name, in any order, one
 * at a time: for formats (a workbook) whose parts say which other parts to
 * read. The table of contents is checked whole when it is opened (names,
 * duplicates, encryption, entry count); each entry is checked as it is read
 * (inflated size within the caller's cap and its declared size, CRC-32).
 */
export interface RandomAccessZip {
  /** The entries' names, with the size each declares once inflated. */
  readonly sizes: ReadonlyMap<string, number>;
  /** An entry's bytes, refused ('zipBomb') past `maxBytes`. */
  read(name: string, maxBytes: number): Promise<Buffer>;
  /** An entry's bytes as they inflate, for parts too large to hold twice. */
  chunks(name: string, maxBytes: number): AsyncIterable<Buffer>;
  close(): void;
}

export async function openZip(
  bytes: Buffer,
  rules: Pick<ZipRules, 'maxFileBytes' | 'maxEntries'>,
): Promise<RandomAccessZip> {
  if (bytes.length > rules.maxFileBytes) throw new ZipRefused('tooLarge', `file of ${bytes.length} bytes`);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, STRICT);
  } catch (error) {
    throw new ZipRefused('notZip', (error as Error).message);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    if (zip.entryCount > rules.maxEntries) throw new ZipRefused('tooManyEntries', `${zip.entryCount} entries`);
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) throw new ZipRefused('duplicateEntry', entry.fileName);
      if (entry.isEncrypted()) throw new ZipRefused('encrypted', entry.fileName);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw refusal(error);
  }
  const entryOf = (name: string, maxBytes: number): yauzl.Entry => {
    const entry = entries.get(name);
    // Callers look a name up in `sizes` first: a part another part names may be missing.
    if (!entry) throw new ZipRefused('notZip', `no entry ${name}`);
    if (entry.uncompressedSize > maxBytes) {
      throw new ZipRefused('zipBomb', `${name} inflates to ${entry.uncompressedSize} bytes`);
    }
    return entry;
  };
  async function* chunks(name: string, maxBytes: number): AsyncGenerator<Buffer> {
    const entry = entryOf(name, maxBytes);
    try {
      yield* entryChunks(zip, entry, entry.uncompressedSize);
    } catch (error) {
      throw refusal(error);
    }
  }
  return {
    sizes: new Map([...entries].map(([name, entry]) => [name, entry.uncompressedSize])),
    async read(name, maxBytes) {
      const entry = entryOf(name, maxBytes);
      try {
        return await readEntry(zip, entry, entry.uncompressedSize);
      } catch (error) {
        throw refusal(error);
      }
    },
    chunks,
    close: () => {
      if (zip.isOpen) zip.close();
    },
  };
}
