import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { DECISION_STATUSES } from './council';
import {
  MAX_REGISTRATIONS,
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  type RegistrationCategory,
} from './registration';

/**
 * What the coordinator prints: the Word programme, the Excel
 * attendee lists, and badges, table name cards and certificates. Each export
 * is asked for with its options; core writes the file into the exports
 * folder and reports progress while it works (see core/export).
 *
 * Badges, name cards and certificates are Word files too, not PDFs: the
 * coordinator fixes a misspelt name in Word minutes before the ceremony,
 * print shops take Word, and the same file prints alike from the desktop
 * app and from browser mode (whose only PDF route is the browser's print
 * dialog, with its own margins and headers).
 */

/** Arabic, English, or both in one document. */
export const DOCUMENT_LANGUAGES = ['ar', 'en', 'both'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

const oneLanguage = z.enum(['ar', 'en']);
const uuid = z.string().uuid();
const categories = z.array(z.enum(REGISTRATION_CATEGORIES)).min(1).max(REGISTRATION_CATEGORIES.length);
const statuses = z.array(z.enum(REGISTRATION_STATUSES)).min(1).max(REGISTRATION_STATUSES.length);

export const programmeExportSchema = z
  .object({
    kind: z.literal('programme'),
    language: z.enum(DOCUMENT_LANGUAGES),
    /** With both languages: two columns side by side, or the whole Arabic programme then the English one. */
    bilingualLayout: z.enum(['side_by_side', 'one_after_other']),
    orientation: z.enum(['portrait', 'landscape']),
    includeObjectives: z.boolean(),
    includeBios: z.boolean(),
    includeDelegations: z.boolean(),
    /**
     * A delegation's own copy: only the sessions it attends (and the breaks
     * and registration everyone shares), its name on the cover. Options saved
     * before it existed read as the whole programme.
     */
    delegationId: uuid.nullable().default(null),
  })
  .strict();
export type ProgrammeExport = z.infer<typeof programmeExportSchema>;

/** How the attendee list is split into sheets. */
export const ATTENDEE_GROUPINGS = ['none', 'category', 'organisation', 'delegation'] as const;
export type AttendeeGrouping = (typeof ATTENDEE_GROUPINGS)[number];

/** The columns the coordinator can pick, in the order they print. */
export const ATTENDEE_COLUMNS = [
  'serial',
  'code',
  'name',
  'nameEn',
  'position',
  'organisation',
  'category',
  'status',
  'delegation',
  'mobile',
  'email',
  'country',
  'city',
  'checkedInAt',
  'notes',
] as const;
export type AttendeeColumn = (typeof ATTENDEE_COLUMNS)[number];

export const attendeeListExportSchema = z
  .object({
    kind: z.literal('attendees'),
    language: oneLanguage,
    grouping: z.enum(ATTENDEE_GROUPINGS),
    columns: z.array(z.enum(ATTENDEE_COLUMNS)).min(1).max(ATTENDEE_COLUMNS.length),
    /** Who is listed, by status (cancelled registrations are usually left out). */
    statuses,
    /** A summary sheet: counts by category, status and organisation. */
    summary: z.boolean(),
    /** A sign-in sheet (كشف حضور): serial, name, organisation, a signature column, and blank rows for walk-ins. */
    signInSheet: z.boolean(),
    walkInRows: z.number().int().min(0).max(500),
    /** One attendance sheet per session that registrants chose (workshops with limited seats). */
    sessionSheets: z.boolean(),
  })
  .strict();
export type AttendeeListExport = z.infer<typeof attendeeListExportSchema>;

export const BADGE_SIZES = ['a4_4up', 'a6'] as const;
export type BadgeSize = (typeof BADGE_SIZES)[number];

export const badgeExportSchema = z
  .object({
    kind: z.literal('badges'),
    language: z.enum(DOCUMENT_LANGUAGES),
    size: z.enum(BADGE_SIZES),
    categories,
    statuses,
  })
  .strict();
export type BadgeExport = z.infer<typeof badgeExportSchema>;

export const nameCardExportSchema = z
  .object({
    kind: z.literal('nameCards'),
    language: z.enum(DOCUMENT_LANGUAGES),
    categories,
    statuses,
  })
  .strict();
export type NameCardExport = z.infer<typeof nameCardExportSchema>;

export const CERTIFICATE_KINDS = ['attendance', 'appreciation'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** Who a certificate of each kind goes to unless the coordinator chooses otherwise. */
export const CERTIFICATE_CATEGORIES: Readonly<Record<CertificateKind, readonly RegistrationCategory[]>> = {
  attendance: ['participant', 'delegate'],
  appreciation: ['speaker'],
};

export const certificateExportSchema = z
  .object({
    kind: z.literal('certificates'),
    language: oneLanguage,
    /** A workshop: certificates for those who chose it; null for the whole forum. */
    sessionId: uuid.nullable(),
    /** Only those checked in (or marked attended); otherwise everyone not cancelled. */
    onlyAttended: z.boolean(),
    /**
     * Which certificate: of attendance (شهادة حضور), or of appreciation (شهادة
     * شكر وتقدير) for speakers and presenters. Options saved before it existed read as attendance.
     */
    certificate: z.enum(CERTIFICATE_KINDS).default('attendance'),
    /**
     * Who gets one, by category. By default the participants and delegates:
     * a minister, a speaker or the organising staff is not handed a
     * certificate of attendance. Options saved before it existed read so.
     */
    categories: categories.default([...CERTIFICATE_CATEGORIES.attendance]),
    /**
     * The coordinator's choice of people, over the rule above: registrations
     * given one though the rule leaves them out (a VIP who sat through the
     * workshop), and registrations the rule would give one but the coordinator
     * does not. Kept as the exceptions, so that someone checked in after the
     * choice still gets theirs. Options saved before it existed read as none.
     */
    addedIds: z.array(uuid).max(MAX_REGISTRATIONS).default([]),
    removedIds: z.array(uuid).max(MAX_REGISTRATIONS).default([]),
    signerName: z.string().trim().max(200),
    signerPosition: z.string().trim().max(300),
  })
  .strict();
export type CertificateExport = z.infer<typeof certificateExportSchema>;

/**
 * The forum as one `.multaqa` file for a colleague's machine: its
 * programme, the people and organisations it names, and, as chosen, its
 * registrations and the people's photos.
 */
export const handoverExportSchema = z
  .object({
    kind: z.literal('handover'),
    includeRegistrations: z.boolean(),
    includePhotos: z.boolean(),
  })
  .strict();
export type HandoverExport = z.infer<typeof handoverExportSchema>;

/** A council session's minutes (محضر الاجتماع), a Word file to finish in Word: attendance, agenda, decisions, signatures. */
export const minutesExportSchema = z
  .object({
    kind: z.literal('minutes'),
    language: oneLanguage,
  })
  .strict();
export type MinutesExport = z.infer<typeof minutesExportSchema>;

/** The follow-up report of decisions and recommendations (Excel): by the body responsible and by status. */
export const decisionsExportSchema = z
  .object({
    kind: z.literal('decisions'),
    language: oneLanguage,
    /** Which decisions are listed, by status; the previous sessions' ones followed up here are listed too. */
    statuses: z.array(z.enum(DECISION_STATUSES)).min(1).max(DECISION_STATUSES.length),
  })
  .strict();
export type DecisionsExport = z.infer<typeof decisionsExportSchema>;

/**
 * A field visit's papers: the itinerary handed to the guests (the stops in
 * order, when and where, who receives them) and the movement sheet for the
 * drivers and host officers (departures and arrivals, cars, addresses, whom
 * to call). For one field visit, or every field visit with stops (null).
 */
export const itineraryExportSchema = z
  .object({
    kind: z.literal('itinerary'),
    language: oneLanguage,
    sessionId: uuid.nullable(),
  })
  .strict();
export type ItineraryExport = z.infer<typeof itineraryExportSchema>;

export const movementSheetExportSchema = z
  .object({
    kind: z.literal('movementSheet'),
    language: oneLanguage,
    sessionId: uuid.nullable(),
  })
  .strict();
export type MovementSheetExport = z.infer<typeof movementSheetExportSchema>;

/**
 * An outgoing delegation's briefing file (Word) for its head: the meeting's
 * agenda and programme, who goes and their roles, travel and stay, contacts,
 * what the delegation presents and its talking points.
 */
export const briefingExportSchema = z
  .object({
    kind: z.literal('briefing'),
    language: oneLanguage,
    /** The delegation; null until one is chosen (the page offers the forum's outgoing ones). */
    delegationId: uuid.nullable(),
  })
  .strict();
export type BriefingExport = z.infer<typeof briefingExportSchema>;

/**
 * The airport-reception schedule (Word): every arrival of the incoming
 * delegations in one table by arrival time, with its flight, who lands,
 * the airport, who receives them and the car that takes them.
 */
export const receptionExportSchema = z
  .object({
    kind: z.literal('reception'),
    language: oneLanguage,
    /** One delegation, or null for every incoming one. */
    delegationId: uuid.nullable(),
  })
  .strict();
export type ReceptionExport = z.infer<typeof receptionExportSchema>;

export const exportOptionsSchema = z.discriminatedUnion('kind', [
  programmeExportSchema,
  attendeeListExportSchema,
  badgeExportSchema,
  nameCardExportSchema,
  certificateExportSchema,
  handoverExportSchema,
  minutesExportSchema,
  decisionsExportSchema,
  itineraryExportSchema,
  movementSheetExportSchema,
  briefingExportSchema,
  receptionExportSchema,
]);
export type ExportOptions = z.infer<typeof exportOptionsSchema>;
export type ExportKind = ExportOptions['kind'];
export const EXPORT_KINDS = [
  'programme',
  'attendees',
  'badges',
  'nameCards',
  'certificates',
  'handover',
  'minutes',
  'decisions',
  'itinerary',
  'movementSheet',
  'briefing',
  'reception',
] as const satisfies readonly ExportKind[];

export const EXPORT_STATES = ['running', 'done', 'failed', 'cancelled'] as const;

/** Where an export is: the renderer polls this to show progress, then offers Open and Show in folder. */
export const exportStatusSchema = z.object({
  jobId: uuid,
  kind: z.enum(EXPORT_KINDS),
  state: z.enum(EXPORT_STATES),
  /** Units of work done and in all (rows, badges, sessions): a progress bar, not a promise of time. */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** When done: the file's name and full path in the exports folder. */
  fileName: z.string().nullable(),
  path: z.string().nullable(),
  error: appErrorSchema.nullable(),
});
export type ExportStatus = z.infer<typeof exportStatusSchema>;

/** The options a first export of each kind starts from. */
export const DEFAULT_EXPORT_OPTIONS: { [K in ExportKind]: Extract<ExportOptions, { kind: K }> } = {
  programme: {
    kind: 'programme',
    language: 'ar',
    bilingualLayout: 'side_by_side',
    orientation: 'portrait',
    includeObjectives: true,
    includeBios: false,
    includeDelegations: false,
    delegationId: null,
  },
  attendees: {
    kind: 'attendees',
    language: 'ar',
    grouping: 'category',
    columns: ['serial', 'name', 'position', 'organisation', 'category', 'mobile', 'email'],
    statuses: ['invited', 'registered', 'confirmed', 'attended'],
    summary: true,
    signInSheet: true,
    walkInRows: 20,
    sessionSheets: false,
  },
  badges: {
    kind: 'badges',
    language: 'ar',
    size: 'a4_4up',
    categories: [...REGISTRATION_CATEGORIES],
    statuses: ['invited', 'registered', 'confirmed', 'attended'],
  },
  nameCards: {
    kind: 'nameCards',
    language: 'ar',
    categories: ['vip', 'speaker'],
    statuses: ['invited', 'registered', 'confirmed', 'attended'],
  },
  certificates: {
    kind: 'certificates',
    language: 'ar',
    sessionId: null,
    onlyAttended: true,
    certificate: 'attendance',
    categories: [...CERTIFICATE_CATEGORIES.attendance],
    addedIds: [],
    removedIds: [],
    signerName: '',
    signerPosition: '',
  },
  handover: { kind: 'handover', includeRegistrations: true, includePhotos: true },
  minutes: { kind: 'minutes', language: 'ar' },
  decisions: { kind: 'decisions', language: 'ar', statuses: [...DECISION_STATUSES] },
  itinerary: { kind: 'itinerary', language: 'ar', sessionId: null },
  movementSheet: { kind: 'movementSheet', language: 'ar', sessionId: null },
  briefing: { kind: 'briefing', language: 'ar', delegationId: null },
  reception: { kind: 'reception', language: 'ar', delegationId: null },
};
