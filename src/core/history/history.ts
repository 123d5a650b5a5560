import type { HistoryLabel, HistoryResult, HistoryState } from '../../shared/domain/history';
import { AppError } from '../../shared/errors';
import { saveFailed } from '../store/save-error';

/** A store file whose data history can put back: a JsonDocument. */
export interface HistoryTarget<T = unknown> {
  readonly data: T;
  set(data: T): Promise<void>;
  revert(fallback: T): Promise<void>;
}

interface Step {
  key: string;
  before: unknown;
  after: unknown;
}

export interface Plan<R> {
  label: HistoryLabel;
  /** The new data of each key the change touches. */
  next: Map<string, unknown>;
  /** The answer, computed once the writes have landed. */
  result: () => R;
}

export interface ChangeOptions {
  /**
   * The next change may start once this one's data is in memory, before it
   * is on disk; its answer still waits until it is. For a one-file change
   * whose target puts its own data back when the write fails (the
   * registrations' change log): scans at the door then share one fsync
   * instead of each waiting for the one before.
   */
  overlapWrites?: boolean;
}

interface Entry {
  label: HistoryLabel;
  steps: Step[];
}

export const DIRECTORY_KEY = 'directory';
export const forumKey = (forumId: string) => `forum:${forumId}`;
/** A forum's registrations live in a file of their own, so they are a key of their own. */
export const registrationsKey = (forumId: string) => `registrations:${forumId}`;
/** The forum a key belongs to, for telling the renderer what to reload after an undo. */
const FORUM_OF_KEY = /^(?:forum|registrations):(.+)$/;

/**
 * The app's undo and redo, across the directory and every forum's file.
 * Each change records the data of the files it touched before and after;
 * since stores always replace their data with new objects (never mutate),
 * these are plain references and cost no copying. Undo puts "before" back
 * only if the file still holds "after": a file deleted, restored from
 * quarantine or reloaded since then is not overwritten with stale data.
 */
export class History {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  /** Changes run one at a time so that "before" is what the previous one left. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly resolve: (key: string) => HistoryTarget | undefined,
    private readonly limit = 100,
  ) {}

  /**
   * Plans and makes one undoable change. `plan` runs in the queue, after
   * every earlier change has landed, and reads the current data through
   * `current`: so its checks and the records it builds see the latest state
   * (a hall deleted a moment ago, a field saved just before). It returns the
   * label, the new data of each key it changes, and the answer to give once
   * written. If any write fails, every file goes back to its state before
   * (on disk and in memory) and nothing is recorded.
   */
  change<R>(plan: (current: (key: string) => unknown) => Plan<R>, options: ChangeOptions = {}): Promise<R> {
    let landing: { entry: Entry; written: Promise<void> } | null = null;
    const planned = this.serial(async () => {
      const { label, next, result } = plan((key) => this.target(key).data);
      const steps: Step[] = [];
      for (const [key, after] of next) {
        const before = this.target(key).data;
        if (before !== after) steps.push({ key, before, after });
      }
      const entry: Entry = { label, steps };
      const [only] = steps;
      if (options.overlapWrites && only && steps.length === 1) {
        // The target holds the new data as soon as set() is called; the next change may start now.
        const written = this.target(only.key).set(only.after);
        written.catch(() => {}); // awaited below, once this step of the queue is over
        landing = { entry, written };
      } else {
        await this.write(steps, 'after');
      }
      if (steps.length > 0) {
        this.undoStack.push(entry);
        if (this.undoStack.length > this.limit) this.undoStack.shift();
        this.redoStack = [];
      }
      return result;
    });
    return planned.then(async (result) => {
      const settled = landing as { entry: Entry; written: Promise<void> } | null;
      if (settled) {
        try {
          await settled.written;
        } catch (error) {
          // Not on disk, and the target is back to its state before: the step is forgotten.
          this.undoStack = this.undoStack.filter((e) => e !== settled.entry);
          this.redoStack = this.redoStack.filter((e) => e !== settled.entry);
          throw error instanceof AppError ? error : saveFailed(error);
        }
      }
      return result();
    });
  }

  undo(): Promise<HistoryResult> {
    return this.serial(() => this.replay(this.undoStack, this.redoStack, 'before'));
  }

  redo(): Promise<HistoryResult> {
    return this.serial(() => this.replay(this.redoStack, this.undoStack, 'after'));
  }

  /**
   * Runs `run` between changes, none starting until it is done: a restore or
   * a handover import replaces files under the stores' feet.
   */
  exclusive<R>(run: () => Promise<R>): Promise<R> {
    return this.serial(run);
  }

  /** Forgets every step: after a whole-store restore none of them describes the data any more. */
  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  state(): HistoryState {
    return {
      undo: this.undoStack.at(-1)?.label ?? null,
      redo: this.redoStack.at(-1)?.label ?? null,
      undoDepth: this.undoStack.length,
    };
  }

  private async replay(from: Entry[], to: Entry[], side: 'before' | 'after'): Promise<HistoryResult> {
    const entry = from.pop();
    if (!entry) throw new AppError('not_found', 'Nothing to undo or redo.');
    const expected = side === 'before' ? 'after' : 'before';
    const stale = entry.steps.find((s) => this.resolve(s.key)?.data !== s[expected]);
    if (stale) {
      // The file changed outside history (deleted, restored): drop the step rather than overwrite.
      throw new AppError(
        'conflict',
        `The change "${entry.label.action}" can no longer be undone: its data changed since.`,
      );
    }
    try {
      await this.write(entry.steps, side);
    } catch (error) {
      from.push(entry); // nothing changed, so it can be tried again
      throw error;
    }
    to.push(entry);
    return {
      state: this.state(),
      label: entry.label,
      forumIds: [...new Set(entry.steps.flatMap((s) => FORUM_OF_KEY.exec(s.key)?.slice(1) ?? []))],
      directory: entry.steps.some((s) => s.key === DIRECTORY_KEY),
    };
  }

  /** Writes one side of every step; on a failure, everything goes back to the other side. */
  private async write(steps: Step[], side: 'before' | 'after'): Promise<void> {
    const other = side === 'before' ? 'after' : 'before';
    const done: Step[] = [];
    try {
      for (const step of steps) {
        await this.target(step.key).set(step[side]);
        done.push(step);
      }
    } catch (error) {
      const failed = steps[done.length];
      if (failed)
        await this.target(failed.key)
          .revert(failed[other])
          .catch(() => {});
      for (const step of done)
        await this.target(step.key)
          .set(step[other])
          .catch(() => {});
      throw error instanceof AppError ? error : saveFailed(error);
    }
  }

  private target(key: string): HistoryTarget {
    const target = this.resolve(key);
    if (!target) throw new AppError('not_found', `No ${key.replace(':', ' ')}.`);
    return target;
  }

  private serial<R>(run: () => Promise<R>): Promise<R> {
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => {});
    return next;
  }
}
