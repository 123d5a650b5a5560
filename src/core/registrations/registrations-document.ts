import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { HistoryTarget } from '../history/history';
import { AppendLog, readLogLines } from '../store/append-log';
import { type DocumentSpec, encodeDocument } from '../store/document-codec';
import { writeDurable } from '../store/durable-file';
import { JsonDocument } from '../store/json-document';
import { unlessUnwritable } from '../store/save-error';
import type { RegistrationsFile } from './registration-store';
import { decodeEntry, encodeEntry, foldEntries, type LogEntry, logChangesBetween } from './registrations-log';

/** Entries logged since the file was last written past which it is written again (the log folded in). */
export const COMPACT_AFTER_ENTRIES = 10_000;

/** `<forumId>.registrations.<first seq>-<random>.log`: the random part keeps a name from a crashed run from being reused. */
const logName = (forumId: string, firstSeq: number) =>
  `${forumId}.registrations.${firstSeq}-${randomBytes(4).toString('hex')}.log`;
const LOG_NAME = /^([0-9a-f-]{36})\.registrations\.\d+-[0-9a-f]{8}\.log$/;

/** The forum a log file's name belongs to, or null for any other file. */
export function forumIdOfLogFile(name: string): string | null {
  return LOG_NAME.exec(name)?.[1] ?? null;
}

/** A forum's log files in `forumsDir`, as absolute paths. */
export async function logFilesOf(forumsDir: string, forumId: string): Promise<string[]> {
  const names = await fs.readdir(forumsDir).catch(() => [] as string[]);
  return names.filter((n) => forumIdOfLogFile(n) === forumId).map((n) => path.join(forumsDir, n));
}

interface LogFile {
  file: string;
  /** Null for a file found at open (read, never appended to again). */
  log: AppendLog | null;
  /** The highest sequence number written to it. */
  maxSeq: number;
  /** The document's generation when it was started (see `appendLog`). */
  generation: number;
}

export interface RegistrationsDocumentOptions {
  forumsDir: string;
  forumId: string;
  spec: DocumentSpec<RegistrationsFile>;
  /** The badge counter a file may hold at most: an add entry past it is damaged. */
  maxNextCode: number;
  /** A log whose lines are damaged (not a torn last line) is handed over here after its good lines were folded. */
  setAsideDamagedLog: (file: string, detail: string) => Promise<void>;
}

/**
 * One forum's registrations in memory, stored as the registrations file plus
 * its change log (registrations-log.ts). A small change is appended to the
 * log (constant time, group-committed: scans at the same moment share one
 * fsync); anything else rewrites the file through the durable writer, as do
 * compactions, which fold the log into the file now and then.
 *
 * Every change is acknowledged only once it and every change before it is on
 * disk. When a write fails, that change and all after it fail, and the data
 * goes back to what it was before the first of them: what is on disk.
 */
export class RegistrationsDocument implements HistoryTarget<RegistrationsFile> {
  private current: RegistrationsFile;
  private nextSeq: number;
  /** The log appended to now; null until the first append after open or a rotation. */
  private log: LogFile | null = null;
  /** Older log files, removed once a written file holds all their entries. */
  private retired: LogFile[];
  /** Resolves once every change made so far is on disk; rejects when one of them failed. */
  private acknowledged: Promise<void> = Promise.resolve();
  /** Appends wait for this before writing: the file write of a change made before them (see `set`). */
  private appendAfter: Promise<void> = Promise.resolve();
  /** File writes, one at a time (two at once could land in the wrong order). */
  private fileWrites: Promise<void> = Promise.resolve();
  /** The last file write asked for, and the data it writes. */
  private lastWrite: { data: RegistrationsFile; landed: Promise<void> } | null = null;
  private loggedSinceWrite = 0;
  /** Set when opening folded entries into the data that the file does not hold yet. */
  private foldNotWritten = false;
  /** Bumped at each rollback: failures of changes made before it roll nothing back again. */
  private generation = 0;
  /** The generation in which a change's write failed, until its rollback: later changes of it write nothing. */
  private broken: { generation: number; error: unknown } | null = null;

  private constructor(
    private readonly file: string,
    private readonly options: RegistrationsDocumentOptions,
    data: RegistrationsFile,
    nextSeq: number,
    retired: LogFile[],
  ) {
    this.current = data;
    this.nextSeq = nextSeq;
    this.retired = retired;
  }

  /**
   * Opens the file (JsonDocument: `.bak` recovery, migration, validation; a
   * DocumentReadError when it cannot be used) and folds in the log entries it
   * does not hold yet. A log found with entries is folded into the file at
   * once, so a crash leaves at most one run's log behind.
   */
  static async open(
    file: string,
    fallback: RegistrationsFile,
    options: RegistrationsDocumentOptions,
  ): Promise<RegistrationsDocument> {
    const json = await JsonDocument.open(file, options.spec, fallback);
    const { logSeq = 0, ...stored } = json.data;
    const logs = await readLogs(await logFilesOf(options.forumsDir, options.forumId), options.maxNextCode);
    const pending = logs.entries.filter((e) => e.seq > logSeq);
    const { file: folded } = foldEntries(stored, pending);
    const highest = Math.max(logSeq, ...logs.files.map((f) => f.maxSeq));
    const damaged = new Set(logs.damaged.map((d) => d.file));
    const doc = new RegistrationsDocument(
      file,
      options,
      folded,
      highest + 1,
      logs.files.filter((f) => !damaged.has(f.file)),
    );
    doc.foldNotWritten = pending.length > 0;
    if (pending.length > 0) {
      // Folded into the file now, so a crash leaves at most one run's log behind; a folder that
      // cannot be written keeps the logs, read again next time.
      await doc.compact().catch(unlessUnwritable);
    } else {
      // Every entry is in the file already (a crash came between writing it and removing the logs).
      for (const log of doc.retired.splice(0)) await fs.rm(log.file, { force: true }).catch(unlessUnwritable);
    }
    if (!doc.foldNotWritten && doc.retired.length === 0) {
      // Their good lines are in the file now: the damaged logs go aside for the coordinator to see.
      for (const { file: log, detail } of logs.damaged) {
        await options.setAsideDamagedLog(log, detail).catch(unlessUnwritable);
      }
    }
    return doc;
  }

  get data(): RegistrationsFile {
    return this.current;
  }

  /**
   * Makes `next` the data at once (the next read sees it) and resolves once
   * it is on disk: appended to the log when it is a small change of the
   * current data, the whole file written otherwise.
   */
  set(next: RegistrationsFile): Promise<void> {
    const before = this.current;
    if (next === before) return this.acknowledged;
    const changes = logChangesBetween(before, next);
    this.current = next;
    if (changes === null || changes.length === 0) return this.writeChange(before);
    const entries = changes.map((change) => ({ ...change, seq: this.nextSeq++ }) as LogEntry);
    const lastSeq = this.nextSeq - 1;
    const generation = this.generation;
    const written = this.appendAfter.then(() => {
      // Made on top of a change that failed since: it fails with it, and must not reach the disk.
      if (this.broken?.generation === generation) throw this.broken.error;
      if (generation !== this.generation) throw new Error('An earlier change could not be saved.');
      // The log is chosen when the entries are written, not now: a compaction meanwhile starts a new one.
      const log = this.appendLog(entries[0]?.seq ?? lastSeq, generation);
      log.maxSeq = Math.max(log.maxSeq, lastSeq);
      return Promise.all(entries.map((entry) => (log.log as AppendLog).append(encodeEntry(entry))));
    });
    this.markBrokenOnFailure(written, generation);
    this.loggedSinceWrite += entries.length;
    const landed = this.acknowledge(before, written);
    if (this.loggedSinceWrite >= COMPACT_AFTER_ENTRIES) {
      this.loggedSinceWrite = 0;
      void this.compact().catch(() => {}); // failing, it leaves the log as it was: tried again at the next threshold
    }
    return landed;
  }

  /**
   * After a failed `set`: waits until every write asked for has settled. The
   * data is back already to the last state on disk (see `acknowledge`).
   */
  async revert(_fallback: RegistrationsFile): Promise<void> {
    await this.settled();
  }

  /**
   * Writes the file with every change so far folded in and removes the logs
   * it holds, unless there are none. Changes made meanwhile go on being
   * appended (to a new log) and acknowledged without waiting for it.
   */
  compact(): Promise<void> {
    if (this.lastWrite?.data === this.current) return this.lastWrite.landed;
    if (this.log === null && this.retired.length === 0 && !this.foldNotWritten) return Promise.resolve();
    return this.writeFile(this.current, this.acknowledged);
  }

  /** Waits until every write asked for so far has landed or failed; writes nothing itself. */
  async settled(): Promise<void> {
    // A write that settles can lead to another (a rollback, a compaction): wait until nothing new was started.
    for (;;) {
      const waits = [this.acknowledged, this.appendAfter, this.fileWrites];
      await Promise.allSettled(waits);
      const now = [this.acknowledged, this.appendAfter, this.fileWrites];
      if (now.every((w, i) => w === waits[i])) return;
    }
  }

  /** Releases the log files (after `settled`); the document is not used after this. */
  async close(): Promise<void> {
    await this.settled();
    await Promise.all([this.log, ...this.retired].map((l) => l?.log?.close()));
  }

  /** A change that is not small: the file is written with it, after every change before it is on disk. */
  private writeChange(before: RegistrationsFile): Promise<void> {
    const written = this.writeFile(this.current, this.acknowledged);
    this.markBrokenOnFailure(written, this.generation);
    // An append after this change must not land before it: it could name a registrant this write adds.
    this.appendAfter = Promise.all([this.appendAfter, written.catch(() => {})]).then(() => {});
    this.loggedSinceWrite = 0;
    return this.acknowledge(before, written);
  }

  /**
   * Writes `data` (holding every entry up to the last one given out) once
   * `earlier` resolves; refused if it rejects, so the file never holds a
   * change that failed. Then removes the log files it covers.
   */
  private writeFile(data: RegistrationsFile, earlier: Promise<void>): Promise<void> {
    const logSeq = this.nextSeq - 1;
    // The logs written so far are covered by this file; appends after it go to a new one, once the
    // last one's writes have settled (so failures are met in the order the changes were made).
    if (this.log) {
      const last = this.log;
      this.retired.push(last);
      this.log = null;
      this.appendAfter = Promise.all([this.appendAfter, last.log?.close()]).then(() => {});
    }
    const write = Promise.all([earlier, this.fileWrites.catch(() => {})]).then(async () => {
      await writeDurable(this.file, encodeDocument(this.options.spec, { ...data, logSeq }));
      this.foldNotWritten = false;
      const covered = this.retired.filter((l) => l.maxSeq <= logSeq);
      this.retired = this.retired.filter((l) => l.maxSeq > logSeq);
      // Removing needs no fsync: a log that comes back after a crash holds only entries the file has.
      for (const l of covered) {
        await l.log?.close();
        await fs.rm(l.file, { force: true }).catch(() => {});
      }
    });
    this.fileWrites = write;
    const last = { data, landed: write };
    this.lastWrite = last;
    write.catch(() => {
      if (this.lastWrite === last) this.lastWrite = null; // so that the next compaction tries again
    });
    return write;
  }

  /**
   * The log to append to: a new file when there is none, or when the last
   * one failed and the changes it failed have been rolled back since. A
   * change made before that rollback is refused here: it was made on top of
   * the failed ones and fails with them, so its bytes must not land in a new file.
   */
  private appendLog(firstSeq: number, generation: number): LogFile {
    const log = this.log;
    if (log?.log?.usable) return log;
    if (log?.log && log.generation === generation) throw log.log.failure;
    if (log) this.retired.push(log); // it failed: what it holds is cut back, or a torn tail
    const file = path.join(this.options.forumsDir, logName(this.options.forumId, firstSeq));
    this.log = { file, log: new AppendLog(file), maxSeq: firstSeq, generation };
    return this.log;
  }

  /**
   * Marks the generation broken as soon as `written` fails, before anything
   * queued behind it runs: a change made on top of a failed one must not
   * reach the disk, even in a new log file (see `set`).
   */
  private markBrokenOnFailure(written: Promise<unknown>, generation: number): void {
    written.catch((error: unknown) => {
      if (this.generation === generation && !this.broken) this.broken = { generation, error };
    });
  }

  /**
   * This change's answer: on disk once its own write and every earlier
   * change's are. The first failure puts the data back to before it (every
   * change after it fails with it: they were made on top of it).
   */
  private acknowledge(before: RegistrationsFile, written: Promise<unknown>): Promise<void> {
    const generation = this.generation;
    const landed = Promise.all([this.acknowledged, written]).then(() => {});
    this.acknowledged = landed;
    landed.catch(() => {
      if (this.generation !== generation) return;
      this.generation++;
      this.broken = null;
      this.current = before;
      this.acknowledged = Promise.resolve();
      this.appendAfter = Promise.resolve();
    });
    return landed;
  }
}

interface ReadLogs {
  files: LogFile[];
  /** Every readable entry, in sequence order, each sequence number once. */
  entries: LogEntry[];
  damaged: { file: string; detail: string }[];
}

/** Reads a forum's log files: a torn last line is skipped (never acknowledged); any other bad line is damage. */
async function readLogs(files: readonly string[], maxNextCode: number): Promise<ReadLogs> {
  const result: ReadLogs = { files: [], entries: [], damaged: [] };
  const seen = new Set<number>();
  for (const file of files) {
    const { lines } = await readLogLines(file);
    let maxSeq = 0;
    const bad: number[] = [];
    for (const [i, line] of lines.entries()) {
      const entry = decodeEntry(line);
      if (!entry || ('add' in entry && entry.nextCode > maxNextCode)) {
        bad.push(i + 1);
        continue;
      }
      maxSeq = Math.max(maxSeq, entry.seq);
      if (seen.has(entry.seq)) continue;
      seen.add(entry.seq);
      result.entries.push(entry);
    }
    result.files.push({ file, log: null, maxSeq, generation: 0 });
    if (bad.length > 0) {
      result.damaged.push({
        file,
        detail: `${bad.length} of ${lines.length} lines of the registrations log cannot be read (line ${bad.slice(0, 5).join(', ')})`,
      });
    }
  }
  result.entries.sort((a, b) => a.seq - b.seq);
  return result;
}
