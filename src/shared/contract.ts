import { z } from 'zod';
import { DESK_ID } from './desks/check-in-book';
import { deskArrivalsSchema, deskDoorSchema, deskPairingSchema } from './desks/desk-channels';
import {
  backupListSchema,
  backupRestoreRequestSchema,
  backupRestoreResultSchema,
  backupSummarySchema,
  HANDOVER_MAX_BYTES,
  handoverCommitRequestSchema,
  handoverCommitResultSchema,
  handoverOpenRequestSchema,
  handoverPreviewSchema,
} from './domain/backup';
import {
  agendaItemSchema,
  attendanceSchema,
  COUNCIL_DOCUMENT_MAX_BYTES,
  councilMemberSchema,
  councilSettingsSchema,
  councilViewSchema,
  decisionSchema,
  sittingSchema,
} from './domain/council';
import { exportOptionsSchema, exportStatusSchema } from './domain/export';
import { preflightResultSchema } from './domain/export-preflight';
import { forumInputSchema, forumSchema, IMAGE_NAME } from './domain/forum';
import { historyResultSchema, historyStateSchema } from './domain/history';
import {
  directorySchema,
  organisationSaveSchema,
  organisationSchema,
  PHOTO_MAX_BYTES,
  personSaveSchema,
  personSchema,
} from './domain/person';
import { delegationSaveSchema, hallSaveSchema, programmeViewSchema, sessionSaveSchema } from './domain/programme';
import {
  IMPORT_MAX_BYTES,
  MAX_REGISTRATIONS,
  registrationBulkPatchSchema,
  registrationPatchSchema,
  registrationSaveSchema,
  registrationSchema,
} from './domain/registration';
import {
  importCommitRequestSchema,
  importOpenRequestSchema,
  importPreviewRequestSchema,
  importPreviewSchema,
  importResultSchema,
} from './domain/registration-import';
import { expectedRevision } from './domain/revision';
import { settingsPatchSchema, settingsSchema } from './domain/settings';
import { storeProblemSchema } from './domain/store-problem';

/**
 * The one table of channels. Each entry names a request schema (parsed at the
 * gate before core sees it) and a response schema (the type the renderer gets).
 * The preload, the browser-mode client, the gate and the tests are all derived
 * from this table, so a channel is added here and nowhere else.
 */
const none = z.undefined();
const uuid = z.string().uuid();
const byId = z.object({ id: uuid }).strict();
const deleted = z.object({ id: z.string() });
const inForum = <S extends z.ZodRawShape>(shape: S) => z.object({ forumId: uuid, ...shape }).strict();

/** Why a data folder cannot be written: a read-only drive or share, no permission, or a full disk. */
export const READ_ONLY_REASONS = ['readOnly', 'noPermission', 'full'] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  backupsDir: z.string(),
  exportsDir: z.string(),
  /**
   * Set when the data folder could not be written at start: the app then
   * shows what is there and refuses every change (`read_only`), instead of
   * failing to start.
   */
  readOnly: z.object({ reason: z.enum(READ_ONLY_REASONS), detail: z.string() }).nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const channels = {
  'app.info': { request: none, response: appInfoSchema },
  'app.storeProblems': { request: none, response: z.array(storeProblemSchema) },
  /** Put the last good copy of a quarantined file back in place. */
  'app.restoreLastGood': {
    request: z.object({ problemId: z.string().min(1).max(200) }).strict(),
    response: z.array(storeProblemSchema),
  },
  /** Leave the quarantined file where it is and stop showing the problem. */
  'app.dismissProblem': {
    request: z.object({ problemId: z.string().min(1).max(200) }).strict(),
    response: z.array(storeProblemSchema),
  },

  'settings.get': { request: none, response: settingsSchema },
  'settings.update': { request: settingsPatchSchema, response: settingsSchema },

  'forums.list': { request: none, response: z.array(forumSchema) },
  'forums.get': { request: byId, response: forumSchema },
  'forums.create': { request: forumInputSchema, response: forumSchema },
  'forums.update': {
    request: z.object({ id: z.string().uuid(), input: forumInputSchema, ...expectedRevision }).strict(),
    response: forumSchema,
  },
  'forums.duplicate': { request: byId, response: forumSchema },
  /** Moves the forum to the trash; `forums.restore` undoes it. */
  'forums.delete': { request: byId, response: z.object({ id: z.string() }) },
  'forums.restore': { request: byId, response: forumSchema },

  /** People and organisations, shared by all forums. */
  'directory.get': { request: none, response: directorySchema },
  'people.save': { request: personSaveSchema, response: personSchema },
  /** Sessions keep the deleted person's printed name as text; undo brings everything back. */
  'people.delete': { request: byId, response: deleted },
  /** `mergeId`'s sessions and delegations move to `keepId`, whose blank fields are filled from it. */
  'people.merge': { request: z.object({ keepId: uuid, mergeId: uuid }).strict(), response: personSchema },
  /** A JPEG or PNG, already resized by the renderer, base64; null removes the photo. */
  'people.setPhoto': {
    request: z
      .object({
        id: uuid,
        base64: z
          .string()
          .max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4)
          .nullable(),
      })
      .strict(),
    response: personSchema,
  },
  'people.photo': { request: byId, response: z.object({ dataUrl: z.string().nullable() }) },
  /** An image for the forums (the organisers' logos): a JPEG or PNG, already resized by the renderer, base64. */
  'images.save': {
    request: z
      .object({
        base64: z.string().max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4),
      })
      .strict(),
    response: z.object({ name: z.string() }),
  },
  /** A saved image as a data: URL; null when its file is gone. */
  'images.get': {
    request: z.object({ name: z.string().regex(IMAGE_NAME) }).strict(),
    response: z.object({ dataUrl: z.string().nullable() }),
  },
  'organisations.save': { request: organisationSaveSchema, response: organisationSchema },
  'organisations.delete': { request: byId, response: deleted },

  /** A forum's halls, sessions and delegations with their conflicts; every change answers with it anew. */
  'programme.get': { request: inForum({}), response: programmeViewSchema },
  'programme.saveSessions': {
    request: inForum({ sessions: z.array(sessionSaveSchema).min(1).max(500) }),
    response: programmeViewSchema,
  },
  'programme.deleteSessions': {
    request: inForum({ ids: z.array(uuid).min(1).max(500) }),
    response: programmeViewSchema,
  },
  'programme.saveHall': { request: inForum({ hall: hallSaveSchema }), response: programmeViewSchema },
  'programme.deleteHall': { request: inForum({ id: uuid }), response: programmeViewSchema },
  'programme.saveDelegation': {
    request: inForum({ delegation: delegationSaveSchema }),
    response: programmeViewSchema,
  },
  'programme.deleteDelegation': { request: inForum({ id: uuid }), response: programmeViewSchema },

  /** A council session's members, sittings and attendance, agenda and decisions; every change answers with it anew. */
  'council.get': { request: inForum({}), response: councilViewSchema },
  'council.saveSettings': {
    request: inForum({ settings: councilSettingsSchema.strict() }),
    response: councilViewSchema,
  },
  'council.saveMember': { request: inForum({ member: councilMemberSchema.strict() }), response: councilViewSchema },
  /** The member leaves every sitting's attendance too. */
  'council.deleteMember': { request: inForum({ id: uuid }), response: councilViewSchema },
  /** The members (protocol order) or the agenda (running order) in the order given: all their ids, each once. */
  'council.reorder': {
    request: inForum({ list: z.enum(['members', 'agenda']), ids: z.array(uuid).max(500) }),
    response: councilViewSchema,
  },
  /** A sitting's day and title; its attendance is taken with `council.setAttendance`. */
  'council.saveSitting': { request: inForum({ sitting: sittingSchema.strict() }), response: councilViewSchema },
  'council.deleteSitting': { request: inForum({ id: uuid }), response: councilViewSchema },
  'council.setAttendance': {
    request: inForum({ sittingId: uuid, attendance: attendanceSchema.strict() }),
    response: councilViewSchema,
  },
  /** An agenda item; its documents are added and removed with their own channels. */
  'council.saveItem': {
    request: inForum({ item: agendaItemSchema.omit({ documents: true }).strict() }),
    response: councilViewSchema,
  },
  'council.deleteItem': { request: inForum({ id: uuid }), response: councilViewSchema },
  /** Adds (or brings up to date) the item following up the previous session's open decisions. */
  'council.addFollowUp': { request: inForum({}), response: councilViewSchema },
  /** A decision or recommendation; a new one without a number takes the register's next. */
  'council.saveDecision': {
    request: inForum({ decision: decisionSchema.extend({ number: decisionSchema.shape.number.optional() }).strict() }),
    response: councilViewSchema,
  },
  'council.deleteDecision': { request: inForum({ id: uuid }), response: councilViewSchema },
  /** A paper an item presents, kept in the data folder (PDF, Word, Excel, PowerPoint, images, text). */
  'council.addDocument': {
    request: inForum({
      itemId: uuid,
      fileName: z.string().trim().min(1).max(200),
      base64: z
        .string()
        .min(1)
        .max(Math.ceil((COUNCIL_DOCUMENT_MAX_BYTES * 4) / 3) + 4),
    }),
    response: councilViewSchema,
  },
  'council.deleteDocument': { request: inForum({ itemId: uuid, documentId: uuid }), response: councilViewSchema },
  /** A kept document's bytes, to open or download. */
  'council.document': {
    request: inForum({ itemId: uuid, documentId: uuid }),
    response: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /** Opens the body's next session as a new event: same body and members, the next number, the open decisions to follow up. */
  'council.openNext': { request: inForum({}), response: forumSchema },

  /** A forum's registrations, all of them (the table and the check-in screen search them in memory). */
  'registrations.list': { request: inForum({}), response: z.array(registrationSchema) },
  /** Adds (no id) or replaces one; `checkIn` checks a walk-in in at the same time. */
  'registrations.save': {
    request: inForum({ registration: registrationSaveSchema, checkIn: z.boolean().optional() }),
    response: registrationSchema,
  },
  /** Changes some fields of one registration (an edit in place), made from the revision it names. */
  'registrations.update': {
    request: inForum({ id: uuid, patch: registrationPatchSchema }),
    response: registrationSchema,
  },
  'registrations.delete': {
    request: inForum({ ids: z.array(uuid).min(1).max(MAX_REGISTRATIONS) }),
    response: z.object({ count: z.number().int() }),
  },
  'registrations.bulkUpdate': {
    request: inForum({ ids: z.array(uuid).min(1).max(MAX_REGISTRATIONS), patch: registrationBulkPatchSchema }),
    response: z.object({ count: z.number().int() }),
  },
  /** `checkedIn: false` takes a check-in back, restoring the status it had before. */
  'registrations.checkIn': { request: inForum({ id: uuid, checkedIn: z.boolean() }), response: registrationSchema },

  /** Reads a registrants' file (.xlsx or .csv) and previews its first sheet; nothing is written. */
  'import.open': { request: importOpenRequestSchema, response: importPreviewSchema },
  /** The same file under another sheet, header row or mapping. */
  'import.preview': { request: importPreviewRequestSchema, response: importPreviewSchema },
  /** Writes the previewed rows in one undoable step, all or nothing. */
  'import.commit': { request: importCommitRequestSchema, response: importResultSchema },
  /** The report of the last preview or commit, an .xlsx in the given language. */
  'import.report': {
    request: inForum({ importId: z.string().uuid(), language: z.enum(['ar', 'en']) }),
    response: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'import.close': { request: z.object({ importId: z.string().uuid() }).strict(), response: z.object({}) },

  /** Starts writing a document in the background; poll `exports.status` for its progress. */
  'exports.start': { request: inForum({ options: exportOptionsSchema }), response: exportStatusSchema },
  'exports.status': { request: z.object({ jobId: uuid }).strict(), response: exportStatusSchema },
  /** What the export would print wrongly (no English, a formula's sign, a title twice…), before it is started. */
  'exports.preflight': { request: inForum({ options: exportOptionsSchema }), response: preflightResultSchema },
  /** Stops a running export; nothing is left in the exports folder. */
  'exports.cancel': { request: z.object({ jobId: uuid }).strict(), response: exportStatusSchema },
  /** A finished export's bytes, for browser mode's download. */
  'exports.download': {
    request: z.object({ jobId: uuid }).strict(),
    response: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /** Opens a finished export, or shows it in its folder (the shell does it: Electron's shell, or the OS opener). */
  'exports.reveal': {
    request: z.object({ jobId: uuid, how: z.enum(['open', 'folder']) }).strict(),
    response: z.object({}),
  },

  /** The backups in the backups folder, newest first, with what each holds. */
  'backups.list': { request: none, response: backupListSchema },
  /** A backup now, whatever the schedule. */
  'backups.create': { request: none, response: backupSummarySchema },
  /** Puts the whole store, or one forum, back as the backup had it; the present state is backed up first. */
  'backups.restore': { request: backupRestoreRequestSchema, response: backupRestoreResultSchema },
  /** Where backups go: an absolute folder (a USB stick, a network share) that Multaqa can write, or null for the data folder's. */
  'backups.setFolder': {
    request: z.object({ folder: z.string().trim().min(1).max(1000).nullable() }).strict(),
    response: backupListSchema,
  },

  /** Reads a `.multaqa` file and previews what it would add or change; nothing is written. */
  'handover.open': { request: handoverOpenRequestSchema, response: handoverPreviewSchema },
  /** Writes the previewed forum, as a new forum or merged into the same one, after a backup of the present state. */
  'handover.commit': { request: handoverCommitRequestSchema, response: handoverCommitResultSchema },
  'handover.close': { request: z.object({ handoverId: uuid }).strict(), response: z.object({}) },

  /** Undo and redo across every change to forums, the programme and the directory (the last 100). */
  'history.state': { request: none, response: historyStateSchema },
  'history.undo': { request: none, response: historyResultSchema },
  'history.redo': { request: none, response: historyResultSchema },

  /** The door for the check-in desks (docs/desks.md): closed until opened, on one of this machine's addresses. */
  'desks.state': { request: inForum({}), response: deskDoorSchema },
  /** Starts listening for desks on `address` (port 0 picks a free one). */
  'desks.open': {
    request: inForum({ address: z.string().trim().min(1).max(64), port: z.number().int().min(0).max(65535) }),
    response: deskDoorSchema,
  },
  /** Stops listening: every desk is cut off (and keeps scanning offline). */
  'desks.close': { request: inForum({}), response: deskDoorSchema },
  /** A short code and a QR code for one more desk; good once, for ten minutes. */
  'desks.pairing': { request: inForum({}), response: deskPairingSchema },
  /** The desk is refused from now on and its connection closed. */
  'desks.revoke': { request: inForum({ deskId: z.string().regex(DESK_ID) }), response: deskDoorSchema },
  /** The room at a glance: who is in, by category and desk, per quarter hour, the latest, the VIPs, the doubles. */
  'desks.arrivals': { request: inForum({}), response: deskArrivalsSchema },
} as const;

/** Every registration's id, quoted, with room for the rest of the request: a bulk change of a whole forum. */
const ALL_REGISTRATION_IDS_BYTES = MAX_REGISTRATIONS * 40 + 64 * 1024;

/** Requests larger than the transports' usual limit (browser mode's 1 MB): a whole file to import, bulk changes. */
export const REQUEST_BYTE_LIMITS: Readonly<Partial<Record<keyof typeof channels, number>>> = {
  'import.open': Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024,
  'handover.open': Math.ceil((HANDOVER_MAX_BYTES * 4) / 3) + 64 * 1024,
  'council.addDocument': Math.ceil((COUNCIL_DOCUMENT_MAX_BYTES * 4) / 3) + 64 * 1024,
  'registrations.delete': ALL_REGISTRATION_IDS_BYTES,
  'registrations.bulkUpdate': ALL_REGISTRATION_IDS_BYTES,
  // Certificates carry the coordinator's choice of people, at most every registration twice.
  'exports.start': 2 * ALL_REGISTRATION_IDS_BYTES,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

/** What core implements: one async function per channel, given the parsed request. */
export type Handlers = {
  [C in ChannelName]: (
    ...args: z.output<Channels[C]['request']> extends undefined ? [] : [z.output<Channels[C]['request']>]
  ) => Promise<ResponseOf<C>>;
};

/** The client shape the renderer calls: `api['forums.create'](input)`. */
export type Api = {
  [C in ChannelName]: (...args: RequestOf<C> extends undefined ? [] : [RequestOf<C>]) => Promise<ResponseOf<C>>;
};

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** Electron IPC channel name for a contract channel (namespaced so nothing else collides). */
export const ipcChannel = (name: ChannelName): string => `multaqa:${name}`;
