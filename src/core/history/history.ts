import type { HistoryLabel, HistoryResult, HistoryState } from '../../shared/domain/history';
import type { Directory } from '../../shared/domain/person';
import { AppError } from '../../shared/errors';
import { currentClientId } from '../caller';
import type { ForumFile } from '../forums/forum-file';
import type { RegistrationsFile } from '../registrations/registration-store';
import { saveFailed } from '../store/save-error';
import { ChangedSince, reapply } from './record-merge';

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

/** One window's (or tab's) own changes: its undo and its redo. */
interface Stacks {
  undo: Entry[];
  redo: Entry[];
}

/** A write of one key, and what to put back if a later write of the same change fails. */
interface Write {
  key: string;
  value: unknown;
  previous: unknown;
}

/** Windows and tabs whose history is kept; the one idle longest is forgotten first. */
const MAX_CLIENTS = 20;

declare const dataOfKey: unique symbol;
/**
 * The name of one file History changes, carrying the type of its data: a plan
 * reads `current(forumKey(id))` as a ForumFile, with no cast.
 */
export type HistoryKey<T> = string & { readonly [dataOfKey]?: T };
/** Reads a file's data as it is now, in a change's plan. */
export type ReadCurrent = <T>(key: HistoryKey<T>) => T;

export const DIRECTORY_KEY = 'directory' as HistoryKey<Directory>;
export const forumKey = (forumId: string) => `forum:${forumId}` as HistoryKey<ForumFile>;
/** A forum's registrations live in a file of their own, so they are a key of their own. */
export const registrationsKey = (forumId: string) => `registrations:${forumId}` as HistoryKey<RegistrationsFile>;
/** The forum a key belongs to, for telling the renderer what to reload after an undo. */
const FORUM_OF_KEY = /^(?:forum|registrations):(.+)$/;

/**
 * The app's undo and redo, across the directory and every forum's file.
 * Each change records the data of the files it touched before and after;
 * since stores always replace their data with new objects (never mutate),
 * these are plain references and cost no copying.
 *
 * Undo belongs to the window that made the change (core/caller): each
 * window or tab has its own undo and redo, so Ctrl+Z at the office never
 * undoes the door's check-in, and the button names the office's own last
 * change. An undo puts back record by record what its step changed
 * (record-merge), keeping what other windows changed since; where another
 * window (or a restore, a reload) changed one of the same records since, it
 * is refused rather than overwriting that change.
 */
export class History {
  private readonly clients = new Map<string, Stacks>();
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
  change<R>(plan: (current: ReadCurrent) => Plan<R>, options: ChangeOptions = {}): Promise<R> {
    const clientId = currentClientId();
    let landing: { entry: Entry; written: Promise<void> } | null = null;
    const planned = this.serial(async () => {
      const { label, next, result } = plan(<T>(key: HistoryKey<T>) => this.target(key).data as T);
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
        await this.write(steps.map((s) => ({ key: s.key, value: s.after, previous: s.before })));
      }
      if (steps.length > 0) {
        const own = this.stacksOf(clientId);
        own.undo.push(entry);
        if (own.undo.length > this.limit) own.undo.shift();
        own.redo = [];
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
          const own = this.clients.get(clientId);
          if (own) {
            own.undo = own.undo.filter((e) => e !== settled.entry);
            own.redo = own.redo.filter((e) => e !== settled.entry);
          }
          throw error instanceof AppError ? error : saveFailed(error);
        }
      }
      return result();
    });
  }

  /** Undoes the calling window's last change. */
  undo(): Promise<HistoryResult> {
    const clientId = currentClientId();
    return this.serial(() => this.replay(clientId, 'undo'));
  }

  /** Redoes the calling window's last undone change. */
  redo(): Promise<HistoryResult> {
    const clientId = currentClientId();
    return this.serial(() => this.replay(clientId, 'redo'));
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
    this.clients.clear();
  }

  /** The calling window's undo and redo. */
  state(clientId = currentClientId()): HistoryState {
    const own = this.clients.get(clientId);
    return {
      undo: own?.undo.at(-1)?.label ?? null,
      redo: own?.redo.at(-1)?.label ?? null,
      undoDepth: own?.undo.length ?? 0,
    };
  }

  private async replay(clientId: string, direction: 'undo' | 'redo'): Promise<HistoryResult> {
    const own = this.stacksOf(clientId);
    const [from, to] = direction === 'undo' ? [own.undo, own.redo] : [own.redo, own.undo];
    const entry = from.pop();
    if (!entry) throw new AppError('not_found', 'Nothing to undo or redo.');
    const writes: Write[] = [];
    for (const step of entry.steps) {
      const target = this.resolve(step.key);
      const [was, wanted] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after];
      try {
        // A file gone (its forum deleted) holds nothing the step left.
        if (!target) throw new ChangedSince([]);
        const value = reapply(target.data, was, wanted);
        if (value !== target.data) writes.push({ key: step.key, value, previous: target.data });
      } catch (error) {
        if (!(error instanceof ChangedSince)) throw error;
        // Someone changed one of its records since: the step is dropped rather than overwrite that change.
        throw new AppError(
          'conflict',
          `The change "${entry.label.action}" can no longer be ${direction === 'undo' ? 'undone' : 'redone'}: ` +
            `${step.key} (${error.message}) was changed since, by another window or a restore.`,
          [{ path: [], message: 'errors.undoClobbered' }],
        );
      }
    }
    try {
      await this.write(writes);
    } catch (error) {
      from.push(entry); // nothing changed, so it can be tried again
      throw error;
    }
    to.push(entry);
    return {
      state: this.state(clientId),
      label: entry.label,
      forumIds: [...new Set(entry.steps.flatMap((s) => FORUM_OF_KEY.exec(s.key)?.slice(1) ?? []))],
      directory: entry.steps.some((s) => s.key === DIRECTORY_KEY),
    };
  }

  /** Writes every key; on a failure, every key goes back to what it held before. */
  private async write(writes: Write[]): Promise<void> {
    const done: Write[] = [];
    try {
      for (const write of writes) {
        await this.target(write.key).set(write.value);
        done.push(write);
      }
    } catch (error) {
      const failed = writes[done.length];
      if (failed)
        await this.target(failed.key)
          .revert(failed.previous)
          .catch(() => {});
      for (const write of done)
        await this.target(write.key)
          .set(write.previous)
          .catch(() => {});
      throw error instanceof AppError ? error : saveFailed(error);
    }
  }

  /** The window's stacks, made on its first change; the window idle longest is forgotten past MAX_CLIENTS. */
  private stacksOf(clientId: string): Stacks {
    const own = this.clients.get(clientId) ?? { undo: [], redo: [] };
    this.clients.delete(clientId); // re-inserted last: the Map's order is the order of last use
    this.clients.set(clientId, own);
    for (const idle of this.clients.keys()) {
      if (this.clients.size <= MAX_CLIENTS) break;
      this.clients.delete(idle);
    }
    return own;
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
