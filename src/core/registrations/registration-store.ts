import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_REGISTRATIONS, type Registration, registrationSchema } from '../../shared/domain/registration';
import { AppError } from '../../shared/errors';
import type { DocumentSpec } from '../store/document-codec';
import { BACKUP_SUFFIX, fileExists } from '../store/durable-file';
import { DocumentReadError } from '../store/json-document';
import type { Quarantine } from '../store/quarantine';
import { saveFailed, unlessUnwritable } from '../store/save-error';
import { forumIdOfLogFile, RegistrationsDocument } from './registrations-document';

/**
 * One forum's registrations, `forums/<forumId>.registrations.json`, beside the
 * forum's own file: a forum has thousands of registrants, and keeping them
 * apart means moving a session never rewrites them (nor a check-in the
 * programme). `nextCode` numbers the badge codes, never reused within a forum.
 */
/** The last badge code the registration schema takes: twelve digits. */
export const LAST_BADGE_CODE = 999_999_999_999;

export const registrationsFileSchema = z.object({
  /** The code the next registrant gets; one past the last code means none are left. */
  nextCode: z
    .number()
    .int()
    .min(1)
    .max(LAST_BADGE_CODE + 1),
  registrations: z.array(registrationSchema),
  /**
   * The sequence number of the last entry of the forum's change log that this
   * file holds (registrations-log.ts): entries up to it are never applied
   * again. Written by the store; absent in files written before the log.
   */
  logSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type RegistrationsFile = z.infer<typeof registrationsFileSchema>;

export const registrationsFileSpec: DocumentSpec<RegistrationsFile> = {
  label: 'registrations',
  version: 1,
  schema: registrationsFileSchema,
  migrations: {},
};

/** Badge codes start at five digits, so every code a forum hands out has the same length for a long while. */
export const EMPTY_REGISTRATIONS: RegistrationsFile = { nextCode: 10001, registrations: [] };

/**
 * The highest code a file from elsewhere (a handover file, a backup) may carry,
 * in a code or in its counter: far enough below the last code that a full
 * forum of walk-ins still finds codes after it. A file set near the end
 * would otherwise leave this forum (or the one it is merged into) unable to
 * register anyone.
 */
export const HIGHEST_CODE_FROM_FILE = LAST_BADGE_CODE - MAX_REGISTRATIONS;

/** The counter's lowest sound value: past every code in use, and never below the first code. */
export function soundNextCode(nextCode: number, registrations: readonly Pick<Registration, 'code'>[]): number {
  let next = Math.max(nextCode, EMPTY_REGISTRATIONS.nextCode);
  for (const r of registrations) {
    const code = Number(r.code);
    if (code >= next) next = code + 1;
  }
  return next;
}

/**
 * The file with its counter past every code in use. A counter at or below a
 * code in use would hand that code to a second registrant, and a scan would
 * then check in the wrong person. The same object when it was sound already.
 */
export function withSoundCounter(file: RegistrationsFile): RegistrationsFile {
  const nextCode = soundNextCode(file.nextCode, file.registrations);
  return nextCode === file.nextCode ? file : { ...file, nextCode };
}

/**
 * The last good registrations with those added since (by id) laid after
 * them. One whose code the last good copy also gave out (possible only when
 * the counter could not be recovered) gets a new code; the counter ends past
 * every code of both.
 */
export function withRegistrationsSince(restored: RegistrationsFile, since: RegistrationsFile): RegistrationsFile {
  const ids = new Set(restored.registrations.map((r) => r.id));
  const added = since.registrations.filter((r) => !ids.has(r.id));
  if (added.length === 0 && since.nextCode <= restored.nextCode) return restored;
  const codes = new Set(restored.registrations.map((r) => r.code));
  let next = soundNextCode(Math.max(restored.nextCode, since.nextCode), [...restored.registrations, ...added]);
  const kept = added.map((r) => (codes.has(r.code) ? { ...r, code: String(next++) } : r));
  return { nextCode: next, registrations: [...restored.registrations, ...kept] };
}

/**
 * The highest badge code these files handed out, read as text (they may not
 * parse): the counter, which comes first in the file and so survives a file
 * cut short, less one, or a code written in it; 0 when there is none.
 */
async function highestCodeIn(files: readonly string[]): Promise<number> {
  let highest = 0;
  const consider = (n: number) => {
    if (n > highest && n <= HIGHEST_CODE_FROM_FILE) highest = n;
  };
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    for (const [, next] of text.matchAll(/"nextCode"\s*:\s*(\d{1,13})/g)) consider(Number(next) - 1);
    for (const [, code] of text.matchAll(/"code"\s*:\s*"(\d{4,12})"/g)) consider(Number(code));
  }
  return highest;
}

/** Refuses a change that would hand out a code past the last one (the schema would refuse the file at the next start). */
export function ensureCodesLeft(file: RegistrationsFile): void {
  if (file.nextCode > LAST_BADGE_CODE + 1) {
    throw new AppError('conflict', 'This forum has no badge codes left.', [
      { path: ['registration', 'code'], message: 'errors.badgeCodesExhausted' },
    ]);
  }
}

export const REGISTRATIONS_SUFFIX = '.registrations.json';

export const registrationsFileOf = (forumsDir: string, forumId: string) =>
  path.join(forumsDir, forumId + REGISTRATIONS_SUFFIX);

/**
 * Opens a forum's registrations when first asked for (not at start-up: tens
 * of forums of thousands of rows each would slow every start for nothing).
 * An unusable file is quarantined (the store-problems screen lists it) and the
 * forum starts with none, as the other store files do; restoring the last
 * good copy reloads it.
 */
export class RegistrationStore {
  private readonly docs = new Map<string, RegistrationsDocument>();
  private readonly opening = new Map<string, Promise<RegistrationsDocument>>();

  constructor(
    private readonly forumsDir: string,
    private readonly quarantine: Quarantine,
  ) {}

  /** The forum's registrations, opened if they were not yet. */
  async open(forumId: string): Promise<RegistrationsDocument> {
    const open = this.docs.get(forumId);
    if (open) return open;
    // Two first requests at once must share one document, or the second would drop the first's writes.
    let pending = this.opening.get(forumId);
    if (!pending) {
      pending = this.read(forumId).finally(() => this.opening.delete(forumId));
      this.opening.set(forumId, pending);
    }
    return pending;
  }

  /** The open document, for History (which resolves synchronously); undefined when not open. */
  document(forumId: string): RegistrationsDocument | undefined {
    return this.docs.get(forumId);
  }

  /**
   * Forgets a forum's document once its writes have landed (its forum is
   * going to the trash, or is reloaded), its change log folded into the file
   * first. A fold that fails leaves the log beside the file, folded in when
   * the forum is opened next.
   */
  async close(forumId: string): Promise<void> {
    const doc = this.docs.get(forumId);
    this.docs.delete(forumId);
    if (!doc) return;
    await doc.compact().catch(() => {});
    await doc.close();
  }

  /**
   * Waits for every queued write and folds every change log into its file,
   * so that the files on disk hold everything (a backup copies them as they
   * are): the open forums', and those a crash left of forums not opened yet.
   */
  async flush(): Promise<void> {
    const names = await fs.readdir(this.forumsDir).catch(() => [] as string[]);
    const leftOver = new Set(names.map(forumIdOfLogFile).filter((id): id is string => id !== null));
    for (const id of leftOver) {
      // Only beside a registrations file: a log whose forum went to the trash waits for it there.
      if (this.docs.has(id) || !(await hasRegistrationsFile(this.forumsDir, id))) continue;
      await this.open(id);
    }
    try {
      await Promise.all([...this.docs.values()].map((d) => d.compact()));
    } catch (error) {
      throw saveFailed(error);
    } finally {
      await Promise.all([...this.docs.values()].map((d) => d.settled()));
    }
  }

  /**
   * Puts a forum's last good registrations back (`putBack` writes the file)
   * without losing what was done since the damaged file was set aside: the
   * registrants added since (walk-ins at the door) are kept, and no badge code
   * either file handed out is handed out again.
   */
  async restoreLastGood(forumId: string, putBack: () => Promise<unknown>): Promise<void> {
    const since = (await this.open(forumId)).data;
    await this.close(forumId); // its writes land before the file is replaced
    await putBack();
    const doc = await this.open(forumId);
    const merged = withRegistrationsSince(doc.data, since);
    if (merged !== doc.data) await doc.set(merged);
  }

  private async read(forumId: string): Promise<RegistrationsDocument> {
    const file = registrationsFileOf(this.forumsDir, forumId);
    const options = {
      forumsDir: this.forumsDir,
      forumId,
      spec: registrationsFileSpec,
      maxNextCode: LAST_BADGE_CODE + 1,
      setAsideDamagedLog: async (log: string, detail: string) => {
        await this.quarantine.quarantine(log, registrationsFileSpec, 'corrupt', detail);
      },
    };
    let doc: RegistrationsDocument;
    try {
      doc = await RegistrationsDocument.open(file, EMPTY_REGISTRATIONS, options);
    } catch (error) {
      if (!(error instanceof DocumentReadError)) throw error;
      // The codes the damaged file (and its last good copy) handed out are printed on badges: the forum
      // starts again with none of its registrants, but its counter goes on past those codes.
      const issued = await highestCodeIn([file, file + BACKUP_SUFFIX]);
      await this.quarantine.quarantine(file, registrationsFileSpec, error.reason, error.detail);
      doc = await RegistrationsDocument.open(file, EMPTY_REGISTRATIONS, options);
      if (issued >= doc.data.nextCode) {
        await doc.set({ ...doc.data, nextCode: issued + 1 }).catch(unlessUnwritable);
      }
    }
    // A counter left behind a code in use (a file written by an older version, or edited) is moved past it now,
    // before anyone is given a code.
    const sound = withSoundCounter(doc.data);
    if (sound !== doc.data) await doc.set(sound).catch(unlessUnwritable);
    this.docs.set(forumId, doc);
    return doc;
  }
}

async function hasRegistrationsFile(forumsDir: string, forumId: string): Promise<boolean> {
  const file = registrationsFileOf(forumsDir, forumId);
  return (await fileExists(file)) || fileExists(file + BACKUP_SUFFIX);
}

/** The forum id of a registrations file's name, or null for any other file. */
export function forumIdOfRegistrationsFile(file: string): string | null {
  const base = path.basename(file);
  return base.endsWith(REGISTRATIONS_SUFFIX) ? base.slice(0, -REGISTRATIONS_SUFFIX.length) : null;
}
