import { z } from 'zod';
import { isoDateSchema } from './forum';

/**
 * A council session or periodic meeting (دورة المجلس، الاجتماع الدوري): the
 * body that meets, its members (cities or organisations, each represented by
 * a person), the sittings with who attended each, the agenda (جدول الأعمال)
 * as numbered items, and the register of decisions and recommendations
 * (القرارات والتوصيات) someone must carry out by a date. Kept in the forum's
 * own file beside its programme, so undo, backups and handover files carry
 * it with the forum.
 */

/** Present, apologised (اعتذر), absent, or represented by someone else (ينوب عنه). */
export const ATTENDANCE_STATUSES = ['present', 'apologised', 'absent', 'represented'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Who counts towards the quorum: the member's own representative, or the one standing in. */
export const COUNTS_FOR_QUORUM: ReadonlySet<AttendanceStatus> = new Set(['present', 'represented']);

export const AGENDA_ITEM_KINDS = ['approval', 'report', 'proposal', 'follow_up', 'other'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** What became of an item: still to come, approved, noted (a report), deferred, or decided (see its decisions). */
export const AGENDA_OUTCOMES = ['pending', 'approved', 'noted', 'deferred', 'decided'] as const;
export type AgendaOutcome = (typeof AGENDA_OUTCOMES)[number];

export const DECISION_KINDS = ['decision', 'recommendation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Decisions the next session still has to follow up: neither carried out nor dropped. */
export const STILL_OPEN: ReadonlySet<DecisionStatus> = new Set(['open', 'in_progress']);

/** The agenda's first item: the sitting opens by approving its own agenda. */
export const APPROVAL_TITLE = { ar: 'إقرار جدول الأعمال', en: 'Adoption of the agenda' } as const;
/** The item that reviews what the previous session decided. */
export const FOLLOW_UP_TITLE = {
  ar: 'متابعة تنفيذ قرارات الدورة السابقة',
  en: 'Follow-up of the decisions of the previous session',
} as const;

/** A document an item presents is kept in the data folder's documents/, at most this large. */
export const COUNCIL_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** The kinds of file a council's papers come as; the name's extension says which, the bytes must agree. */
export const COUNCIL_DOCUMENT_TYPES = [
  'pdf',
  'docx',
  'doc',
  'xlsx',
  'xls',
  'pptx',
  'ppt',
  'odt',
  'jpg',
  'png',
  'txt',
] as const;
export type CouncilDocumentType = (typeof COUNCIL_DOCUMENT_TYPES)[number];
/** A document as the data folder names it: its content hash and type. */
export const COUNCIL_DOCUMENT_NAME = new RegExp(`^[0-9a-f]{32}\\.(${COUNCIL_DOCUMENT_TYPES.join('|')})$`);

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
const uuid = z.string().uuid();
const minutes = z
  .number()
  .int()
  .min(0)
  .max(2 * 24 * 60);

export const councilMemberSchema = z.object({
  id: uuid,
  /** The member city or organisation: «بلدية مسقط». */
  nameAr: text(300),
  nameEn: text(300),
  organisationId: uuid.nullable(),
  /** The person who represents it, from the directory; or a name typed before they have a record. */
  representativeId: uuid.nullable(),
  representativeName: text(200),
});
export type CouncilMember = z.infer<typeof councilMemberSchema>;

export const attendanceSchema = z.object({
  memberId: uuid,
  status: z.enum(ATTENDANCE_STATUSES),
  /** Who stood in (status "represented"): a person of the directory or a typed name. */
  substituteId: uuid.nullable(),
  substituteName: text(200),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const sittingSchema = z.object({
  id: uuid,
  titleAr: text(300),
  titleEn: text(300),
  day: isoDateSchema,
  start: minutes.nullable(),
  /** One entry per member whose attendance was taken; a member without one has not been marked yet. */
  attendance: z.array(attendanceSchema).max(500),
});
export type Sitting = z.infer<typeof sittingSchema>;

export const councilDocumentSchema = z.object({
  id: uuid,
  /** The file in the data folder's documents/. */
  file: z.string().regex(COUNCIL_DOCUMENT_NAME),
  /** The name it came with, as the minutes list it. */
  name: z.string().trim().min(1).max(200),
  bytes: z.number().int().min(0).max(COUNCIL_DOCUMENT_MAX_BYTES),
});
export type CouncilDocument = z.infer<typeof councilDocumentSchema>;

/** A decision of another session that this one follows up (its id and the forum that holds it). */
export const decisionRefSchema = z.object({ forumId: uuid, decisionId: uuid });
export type DecisionRef = z.infer<typeof decisionRefSchema>;

export const agendaItemSchema = z.object({
  id: uuid,
  /** The sitting it is taken in; null while not placed in one. */
  sittingId: uuid.nullable(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  titleAr: text(500),
  titleEn: text(500),
  presenterId: uuid.nullable(),
  presenterName: text(200),
  documents: z.array(councilDocumentSchema).max(30),
  /** Planned length in minutes. */
  plannedMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable(),
  outcome: z.enum(AGENDA_OUTCOMES),
  /** What was said, for the minutes. */
  discussionAr: text(20_000),
  discussionEn: text(20_000),
  /** A follow-up item: the earlier decisions it reviews, in order. */
  followUp: z.array(decisionRefSchema).max(500),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const decisionSchema = z.object({
  id: uuid,
  /** Numbered per session: 3 prints as «55/3». */
  number: z.number().int().min(1).max(10_000),
  kind: z.enum(DECISION_KINDS),
  textAr: text(5000),
  textEn: text(5000),
  /** The agenda item it was taken under, if any. */
  agendaItemId: uuid.nullable(),
  /** The body responsible for carrying it out («الأمانة العامة»). */
  responsibleAr: text(300),
  responsibleEn: text(300),
  deadline: isoDateSchema.nullable(),
  status: z.enum(DECISION_STATUSES),
  followUpNotes: text(5000),
});
export type Decision = z.infer<typeof decisionSchema>;

export const councilSettingsSchema = z.object({
  /** The body that meets: «المجلس التنفيذي لمنظمة المدن العربية». */
  bodyAr: text(300),
  bodyEn: text(300),
  /** 55 for the 55th session; decisions are numbered «55/n». */
  sessionNumber: z.number().int().min(1).max(10_000).nullable(),
  /** Members needed for the quorum; null for more than half of the members. */
  quorum: z.number().int().min(1).max(500).nullable(),
  chairId: uuid.nullable(),
  rapporteurId: uuid.nullable(),
  /** The body's previous session, whose open decisions this one follows up. */
  previousForumId: uuid.nullable(),
});
export type CouncilSettings = z.infer<typeof councilSettingsSchema>;

export const councilSchema = councilSettingsSchema.extend({
  members: z.array(councilMemberSchema).max(500),
  sittings: z.array(sittingSchema).max(50),
  agenda: z.array(agendaItemSchema).max(300),
  decisions: z.array(decisionSchema).max(1000),
});
export type Council = z.infer<typeof councilSchema>;

export const EMPTY_COUNCIL: Council = {
  bodyAr: '',
  bodyEn: '',
  sessionNumber: null,
  quorum: null,
  chairId: null,
  rapporteurId: null,
  previousForumId: null,
  members: [],
  sittings: [],
  agenda: [],
  decisions: [],
};

/** A decision of another session as the follow-up item shows it, with where it came from. */
export const followedDecisionSchema = decisionSchema.extend({
  forumId: uuid,
  /** The session number it was taken in (for «54/2»); null when that session has none. */
  sessionNumber: z.number().int().nullable(),
});
export type FollowedDecision = z.infer<typeof followedDecisionSchema>;

/** The council as the page gets it: the records, the previous session's open decisions, and what each follow-up names. */
export const councilViewSchema = z.object({
  council: councilSchema,
  previous: z
    .object({
      forumId: uuid,
      titleAr: z.string(),
      titleEn: z.string(),
      sessionNumber: z.number().int().nullable(),
      openDecisions: z.array(followedDecisionSchema),
    })
    .nullable(),
  /** The decisions the follow-up items name, as they stand now in their own sessions (gone ones left out). */
  followed: z.array(followedDecisionSchema),
});
export type CouncilView = z.infer<typeof councilViewSchema>;

/** «55/3», or «3» for a session without a number. */
export function decisionNumber(sessionNumber: number | null, number: number): string {
  return sessionNumber === null ? String(number) : `${sessionNumber}/${number}`;
}

/** The members a sitting needs: the set quorum, or more than half of the members. */
export function quorumNeeded(council: Pick<Council, 'quorum' | 'members'>): number {
  return council.quorum ?? Math.floor(council.members.length / 2) + 1;
}

/** How many members a sitting counts (present or represented), and whether that is a quorum. */
export function quorumOf(
  council: Pick<Council, 'quorum' | 'members'>,
  sitting: Sitting,
): {
  counted: number;
  needed: number;
  reached: boolean;
} {
  const members = new Set(council.members.map((m) => m.id));
  const counted = sitting.attendance.filter((a) => members.has(a.memberId) && COUNTS_FOR_QUORUM.has(a.status)).length;
  const needed = quorumNeeded(council);
  return { counted, needed, reached: council.members.length > 0 && counted >= needed };
}

/** The next number of the session's register. */
export function nextDecisionNumber(decisions: readonly Decision[]): number {
  return decisions.reduce((max, d) => Math.max(max, d.number), 0) + 1;
}
