import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDir } from './durable-file';

/**
 * A file that only grows, one JSON line per record, written durably and in
 * groups: records appended while a write and its fsync are on their way wait
 * together for the next write, which carries all of them with one fsync. Each
 * `append` resolves only once its own bytes are on disk. So a hundred
 * appends at once cost two fsyncs, not a hundred, and the cost of one does not
 * depend on how large anything else in the store is.
 *
 * A crash in the middle of a write leaves at most the last line cut short:
 * `readLogLines` reports it as torn, and readers ignore it (it was never
 * acknowledged). After a failed write the file takes no more appends (a
 * record after a half-written one would sit behind garbage): the owner starts
 * a new file. The failed bytes are cut off again where the disk allows it.
 */
export class AppendLog {
  private handle: fs.FileHandle | null = null;
  /** Bytes known to be whole lines on disk; a failed write is cut back to this. */
  private length = 0;
  private waiting: { text: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;
  private failed: unknown = null;
  private closed = false;

  constructor(readonly file: string) {}

  /** Why the last write failed; null while none did. */
  get failure(): unknown {
    return this.failed;
  }

  /** False once a write failed or the log was closed: append to a new file then. */
  get usable(): boolean {
    return this.failed === null && !this.closed;
  }

  /** Appends one line (no newline inside); resolves once it is durable. */
  append(line: string): Promise<void> {
    if (!this.usable) return Promise.reject(this.failed ?? new Error(`${this.file} is closed`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ text: `${line}\n`, resolve, reject });
      this.writing ??= this.writeGroups();
    });
  }

  /** Waits for every append asked for so far, then releases the file. Appends after this are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => {});
  }

  private async writeGroups(): Promise<void> {
    while (this.waiting.length > 0 && this.failed === null) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.writeGroup(group.map((w) => w.text).join(''));
        for (const w of group) w.resolve();
      } catch (error) {
        this.failed = error;
        for (const w of [...group, ...this.waiting]) w.reject(error);
        this.waiting = [];
        await this.cutBack();
      }
    }
    this.writing = null;
  }

  private async writeGroup(text: string): Promise<void> {
    let created = false;
    if (!this.handle) {
      // 'wx': a log file is always new; one of that name left by a crash is never appended to blindly.
      this.handle = await fs.open(this.file, 'wx', 0o600);
      created = true;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, this.length + written);
      written += bytesWritten;
    }
    await this.handle.datasync();
    // A new file's name must be on disk too, or a crash could lose the file with the lines it acknowledged.
    if (created) await syncDir(path.dirname(this.file));
    this.length += bytes.length;
  }

  /** After a failed write: the bytes past the last whole group go (best effort; readers skip a torn tail anyway). */
  private async cutBack(): Promise<void> {
    try {
      await this.handle?.truncate(this.length);
      await this.handle?.datasync();
    } catch {
      // The disk refused even that: what is left is a torn tail, or lines whose failure was reported.
    }
  }
}

export interface LogLines {
  /** The whole lines, in order, without their newline. */
  lines: string[];
  /** True when the file ends in an unfinished line: a write a crash cut short, never acknowledged. */
  tornTail: boolean;
}

/** Reads a log written by AppendLog; a missing file has no lines. */
export async function readLogLines(file: string): Promise<LogLines> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], tornTail: false };
    throw error;
  }
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  return { lines, tornTail: last.length > 0 };
}
