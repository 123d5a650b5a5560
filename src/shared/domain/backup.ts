import { z } from 'zod';

/**
 * Backups of the whole store and the single-file handover of one forum.
 * A backup is a zip of the store's files as they lie in the data
 * folder, with a manifest that says what it holds; a handover file
 * (`.multaqa`) is a zip of one forum, its registrations and the people and
 * photos its programme names. Both are read as untrusted input: a backup may
 * have spent a month on a USB stick, a handover file arrives by e-mail.
 */

/** Why a backup was taken: the daily one, the user's own, or the safety copy before a step that replaces data. */
export const BACKUP_REASONS = [
  'daily',
  'manual',
  'beforeImport',
  'beforeRestore',
  'beforeMigration',
  'beforeDelete',
  'beforeHandover',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** One forum as a backup or handover file holds it: enough to recognise it and see how much it carries. */
export const forumContentSchema = z.object({
  id: z.string().uuid(),
  titleAr: z.string(),
  titleEn: z.string(),
  firstDay: z.string(),
  sessions: z.number().int().min(0),
  delegations: z.number().int().min(0),
  registrations: z.number().int().min(0),
});
export type ForumContent = z.infer<typeof forumContentSchema>;

/** What a backup holds, written into it as its manifest and shown in the list. */
export const backupContentSchema = z.object({
  forums: z.array(forumContentSchema),
  people: z.number().int().min(0),
  organisations: z.number().int().min(0),
  photos: z.number().int().min(0),
});
export type BackupContent = z.infer<typeof backupContentSchema>;

/** Backup file names: `Multaqa-backup-20261121-093005-123-daily.zip`, so a folder listing sorts by time. */
export const BACKUP_FILE_NAME = /^Multaqa-backup-\d{8}-\d{6}-\d{3}-[a-zA-Z]+\.zip$/;

export const backupSummarySchema = z.object({
  /** The file's name, which is also its id. */
  id: z.string().regex(BACKUP_FILE_NAME),
  createdAt: z.string().datetime(),
  reason: z.enum(BACKUP_REASONS),
  appVersion: z.string(),
  sizeBytes: z.number().int().min(0),
  /** The folder it lies in (the chosen backups folder, or the data folder's when the chosen one was out of reach). */
  folder: z.string(),
  content: backupContentSchema,
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

export const backupListSchema = z.object({
  /** Where new backups go. */
  folder: z.string(),
  /** True when the user chose the folder (a USB stick, a network share); false for the data folder's own. */
  chosen: z.boolean(),
  backups: z.array(backupSummarySchema),
  /** The last automatic backup that failed, and why, until one succeeds again. */
  lastFailure: z.object({ at: z.string().datetime(), message: z.string() }).nullable(),
  /** Files in the folder that look like backups but cannot be read: shown, never offered for restore. */
  unreadable: z.array(z.string()),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const backupRestoreRequestSchema = z
  .object({
    id: z.string().regex(BACKUP_FILE_NAME),
    /** One forum of the backup; the whole store when absent. */
    forumId: z.string().uuid().optional(),
  })
  .strict();

export const backupRestoreResultSchema = z.object({
  /** The copy of the store taken just before: restoring it undoes the restore. */
  safetyBackup: backupSummarySchema,
  /** The forums now as the backup had them. */
  forumIds: z.array(z.string().uuid()),
});
export type BackupRestoreResult = z.infer<typeof backupRestoreResultSchema>;

/** The largest handover file taken (a forum of 100,000 registrants with photos fits well inside). */
export const HANDOVER_MAX_BYTES = 100 * 1024 * 1024;

export const handoverOpenRequestSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    base64: z.string().max(Math.ceil((HANDOVER_MAX_BYTES * 4) / 3) + 4),
  })
  .strict();

/** How many records a merge adds, changes or leaves as they are, per kind. */
const changeCounts = z.object({
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
});

/** A registrant of the file that the duplicate rules (e-mail, mobile, name with organisation) match to one here. */
export const handoverDuplicateSchema = z.object({
  incomingName: z.string(),
  existingName: z.string(),
  organisation: z.string(),
  matchedBy: z.enum(['email', 'phone', 'name']),
});

/**
 * A person or organisation of the file with the id of one here whose details
 * differ: shown field by field, and taken only when the coordinator ticks it.
 * Values are as the records hold them, except an organisation, given by its name.
 */
export const directoryChangeSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['person', 'organisation']),
  /** The name here. */
  name: z.string(),
  fields: z.array(z.object({ field: z.string(), here: z.string(), incoming: z.string() })),
  /** When each was last changed (the file's no later than the moment it was read). */
  hereUpdatedAt: z.string().datetime(),
  incomingUpdatedAt: z.string().datetime(),
});
export type DirectoryChange = z.infer<typeof directoryChangeSchema>;

/** Most directory records one handover file can carry (it holds those its programme names). */
export const HANDOVER_MAX_DIRECTORY = 20_000;

export const handoverPreviewSchema = z.object({
  handoverId: z.string().uuid(),
  fileName: z.string(),
  exportedAt: z.string().datetime(),
  appVersion: z.string(),
  forum: forumContentSchema,
  people: z.number().int().min(0),
  photos: z.number().int().min(0),
  /** The same forum (by id) on this machine, which "merge" brings the file into; null when there is none. */
  existing: forumContentSchema.nullable(),
  /** What a merge would change; null when there is nothing to merge into. */
  merge: z
    .object({
      forum: z.enum(['updated', 'unchanged']),
      halls: changeCounts,
      sessions: changeCounts,
      delegations: changeCounts,
      registrations: changeCounts,
      /** Registrants matched by the duplicate rules rather than by id (the first 50), kept as they are here unless asked. */
      duplicates: z.array(handoverDuplicateSchema),
      duplicateCount: z.number().int().min(0),
      /** Incoming registrants whose badge code is taken here and who get a new one. */
      recoded: z.number().int().min(0),
    })
    .nullable(),
  /** People and organisations the file adds to the directory, and how many it matches to ones already here. */
  directory: z.object({
    peopleAdded: z.number().int().min(0),
    peopleMatched: z.number().int().min(0),
    organisationsAdded: z.number().int().min(0),
    organisationsMatched: z.number().int().min(0),
  }),
  /** Records here that the file would change: none is changed unless chosen in `takeDirectory`. */
  directoryChanges: z.array(directoryChangeSchema),
});
export type HandoverPreview = z.infer<typeof handoverPreviewSchema>;

export const handoverCommitRequestSchema = z
  .object({
    handoverId: z.string().uuid(),
    /** A new forum beside any other, or merged into the forum of the same id. */
    mode: z.enum(['new', 'merge']),
    /** For registrants matched by the duplicate rules: keep the one here, or take the file's. */
    duplicates: z.enum(['keepExisting', 'takeIncoming']),
    /** The people and organisations of `directoryChanges` whose version in the file the coordinator chose. */
    takeDirectory: z.array(z.string().uuid()).max(HANDOVER_MAX_DIRECTORY).optional(),
  })
  .strict();
export type HandoverCommitRequest = z.infer<typeof handoverCommitRequestSchema>;

export const handoverCommitResultSchema = z.object({
  forumId: z.string().uuid(),
  safetyBackup: backupSummarySchema,
});
export type HandoverCommitResult = z.infer<typeof handoverCommitResultSchema>;
