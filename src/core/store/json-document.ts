import { isDeepStrictEqual } from 'node:util';
import { type Adapter, Low } from 'lowdb';
import { type DocumentSpec, decodeDocument, encodeDocument } from './document-codec';
import { readDurable, writeDurable } from './durable-file';
import { unlessUnwritable } from './save-error';

/** Raised when a store file exists but cannot be used; the store quarantines it. */
export class DocumentReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'corrupt' | 'invalid' | 'newerVersion' | 'unreadable',
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'DocumentReadError';
  }
}

/**
 * lowdb adapter that validates and migrates on read and writes durably
 * (temp + fsync + rename, last good copy kept as `.bak`).
 */
class DurableJsonAdapter<T> implements Adapter<T> {
  /** Set when the last read migrated an older file, so the owner can rewrite it. */
  migratedFrom: number | null = null;

  constructor(
    private readonly file: string,
    private readonly spec: DocumentSpec<T>,
  ) {}

  async read(): Promise<T | null> {
    let result: Awaited<ReturnType<typeof readDurable>>;
    try {
      result = await readDurable(this.file);
    } catch (error) {
      throw new DocumentReadError(this.file, 'unreadable', (error as Error).message);
    }
    if (result.kind === 'missing') return null;
    const decoded = decodeDocument(this.spec, result.text);
    if (!decoded.ok) throw new DocumentReadError(this.file, decoded.reason, decoded.detail);
    this.migratedFrom = decoded.migratedFrom;
    return decoded.data;
  }

  async write(data: T): Promise<void> {
    await writeDurable(this.file, encodeDocument(this.spec, data));
  }
}

/**
 * One store file held in memory (a lowdb `Low`), with coalesced saves: while a
 * write is on its way, further `save()` calls share one follow-up write that
 * carries every change made until it starts. So a burst of edits costs at most
 * two writes, and each caller's promise resolves once its change is on disk.
 */
export class JsonDocument<T> {
  private readonly low: Low<T>;
  private readonly adapter: DurableJsonAdapter<T>;
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  private constructor(
    readonly file: string,
    spec: DocumentSpec<T>,
    initial: T,
  ) {
    this.adapter = new DurableJsonAdapter(file, spec);
    this.low = new Low(this.adapter, initial);
  }

  /**
   * Opens a document; `fallback` is used (and not written) when the file does
   * not exist yet. Throws DocumentReadError when the file is unusable.
   */
  static async open<T>(file: string, spec: DocumentSpec<T>, fallback: T): Promise<JsonDocument<T>> {
    const doc = new JsonDocument(file, spec, fallback);
    await doc.low.read(); // keeps `fallback` when the file does not exist
    // Written back in the new format; a folder that cannot be written keeps the old file, read as migrated.
    if (doc.adapter.migratedFrom !== null) await doc.save().catch(unlessUnwritable);
    return doc;
  }

  /** A document for a file that does not exist yet: written, never read. */
  static async create<T>(file: string, spec: DocumentSpec<T>, data: T): Promise<JsonDocument<T>> {
    const doc = new JsonDocument(file, spec, data);
    await doc.save();
    return doc;
  }

  get data(): T {
    return this.low.data;
  }

  /** Replaces the in-memory data and saves it. */
  async set(data: T): Promise<void> {
    this.low.data = data;
    await this.save();
  }

  save(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.tail.then(() => {
      this.queued = null;
      return this.low.write();
    });
    this.queued = write;
    this.tail = write.catch(() => {});
    return write;
  }

  /** Waits until every write asked for so far has landed (or failed); writes nothing itself. */
  flush(): Promise<void> {
    return this.tail;
  }

  /**
   * After a failed save: take the disk's (last good) state back into memory.
   * When the disk holds what `fallback` holds, `fallback` itself is kept, so
   * History still recognises it as the state it recorded.
   */
  async revert(fallback: T): Promise<void> {
    await this.tail;
    this.low.data = fallback;
    await this.low.read();
    if (isDeepStrictEqual(this.low.data, fallback)) this.low.data = fallback;
  }
}
