import { z } from 'zod';
import { fieldStopSchema, MAX_STOPS } from './field-visit';
import { isoDateSchema } from './forum';
import { expectedRevision, storedRevision } from './revision';
import { SESSION_KINDS } from './session-kinds';

// A session kind and its traits (break, ceremony, hall, colour…) live in one table.
export {
  BREAK_KINDS,
  CEREMONY_KINDS,
  CHOOSABLE_KINDS,
  PROGRAMME_WIDE_KINDS,
  SESSION_KIND_TRAITS,
  SESSION_KINDS,
  SESSION_TONES,
  type SessionKind,
  type SessionKindTraits,
  type SessionTone,
  sessionKindTraits,
  takesNoHall,
} from './session-kinds';

/**
 * A forum's programme (docs/domain.md, "Programme"): halls, and sessions on
 * its days. Times are minutes from the start of the session's day; an end
 * past 1440 runs past midnight into the next day.
 */
export const ITEM_KINDS = ['paper', 'talk', 'panellist', 'speech'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
const minutes = z
  .number()
  .int()
  .min(0)
  .max(2 * 24 * 60);

export const hallSchema = z.object({
  id: z.string().uuid(),
  nameAr: text(200),
  nameEn: text(200),
  capacity: z.number().int().min(0).max(100_000).nullable(),
  updatedAt: storedRevision,
});
export type Hall = z.infer<typeof hallSchema>;

export const sessionItemSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(ITEM_KINDS),
  titleAr: text(500),
  titleEn: text(500),
  /** The presenter, panellist or speaker; null when only a name is known so far. */
  personId: z.string().uuid().nullable(),
  /** A name typed before the person has a record (flagged until linked). */
  nameWithoutRecord: text(200),
  /**
   * The item's own time within its session ("10:15 – 10:35" for the second
   * paper), printed beside it; none prints the session's time alone. Files
   * written before items had times read as none.
   */
  time: z
    .object({ start: minutes, end: minutes })
    .refine((t) => t.end > t.start, { message: 'errors.itemEndBeforeStart', path: ['end'] })
    .nullable()
    .optional(),
});
export type SessionItem = z.infer<typeof sessionItemSchema>;

export const sessionSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(SESSION_KINDS),
  titleAr: text(500),
  titleEn: text(500),
  day: isoDateSchema,
  start: minutes,
  end: minutes,
  hallId: z.string().uuid().nullable(),
  /** Where a field visit goes, when it is not one of the halls. */
  place: text(300),
  chairId: z.string().uuid().nullable(),
  /** Overrides the forum's expected attendance (a parallel workshop draws fewer). */
  expectedAttendance: z.number().int().min(0).nullable(),
  items: z.array(sessionItemSchema).max(100),
  /** Who sits at the head table (an opening or closing ceremony), in protocol order. */
  headTableIds: z.array(z.string().uuid()).max(60),
  /**
   * The session's speakers (its items' people) in the order they are listed:
   * in a ceremony the protocol order (see syncProtocolList), elsewhere the
   * items' running order (see withSyncedSpeakers).
   */
  speakerOrder: z.array(z.string().uuid()).max(100),
  /**
   * Those present (بحضور): the officials attending a meeting without
   * speaking or sitting at a head table, in protocol order; at a field visit,
   * the party that goes round with the guests. Files written before it read as none.
   */
  presentIds: z.array(z.string().uuid()).max(100).default([]),
  /**
   * A field visit's stops in the order the guests are taken to them (see field-visit); none elsewhere.
   * These two stand before the revision, where a save of the session puts its fields: a handover
   * compares a session here with the file's as JSON text, key order and all.
   */
  stops: z.array(fieldStopSchema).max(MAX_STOPS).default([]),
  /** Its items are part of it: editing an item is a save of the session, under the session's revision. */
  updatedAt: storedRevision,
  /** The field visit's place in English; optional, read as none when absent (files and callers from before it). */
  placeEn: text(300).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/**
 * Which way a delegation travels: incoming (the Seoul delegation received at
 * Muscat's airport) or outgoing (Dammam's delegation flying to Houston).
 */
export const DELEGATION_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type DelegationDirection = (typeof DELEGATION_DIRECTIONS)[number];

/** One flight of a member's journey: the day and local time it lands (or leaves), and where. */
export const travelLegSchema = z.object({
  /** "QR 1138", "SV 1023" */
  flight: text(40),
  day: isoDateSchema,
  /** Local time at the airport, minutes from midnight; null while the schedule is not known. */
  time: minutes.max(24 * 60 - 1).nullable(),
  airport: text(200),
});
export type TravelLeg = z.infer<typeof travelLegSchema>;

/** One member's part in the delegation and their journey and stay; the head has one too. */
export const delegationMemberSchema = z.object({
  personId: z.string().uuid(),
  /** Their part in the delegation, as the briefing lists it: «رئيس الوفد», «عضو», «منسق الوفد». */
  role: text(200).default(''),
  arrival: travelLegSchema.nullable().default(null),
  departure: travelLegSchema.nullable().default(null),
  hotel: text(200).default(''),
  room: text(40).default(''),
  /** Which of the delegation's cars takes them (its id), if one is given. */
  carId: z.string().uuid().nullable().default(null),
});
export type DelegationMember = z.infer<typeof delegationMemberSchema>;

/** A car put at the delegation's disposal and its driver. */
export const delegationCarSchema = z.object({
  id: z.string().uuid(),
  /** "GMC Yukon — white — 1234 ABC" */
  car: text(200),
  driverName: text(200),
  /** As typed; core refuses one it cannot read as a phone number (the forum's country code for local ones). */
  phone: text(40),
});
export type DelegationCar = z.infer<typeof delegationCarSchema>;

/** Someone of the directory, or a name typed before they have a record. */
export const namedPersonSchema = z.object({
  personId: z.string().uuid().nullable(),
  name: text(200),
});
export type NamedPerson = z.infer<typeof namedPersonSchema>;

export const delegationSchema = z.object({
  id: z.string().uuid(),
  /** وفد مدينة الدمام */
  nameAr: text(300),
  nameEn: text(300),
  organisationId: z.string().uuid().nullable(),
  city: text(120),
  country: text(120),
  headId: z.string().uuid().nullable(),
  /** The members besides the head, in protocol order. */
  memberIds: z.array(z.string().uuid()).max(500),
  updatedAt: storedRevision,
  // Files written before delegations travelled read as an incoming delegation with nothing arranged yet.
  direction: z.enum(DELEGATION_DIRECTIONS).default('incoming'),
  /** Per person of the delegation (the head and members), their role, flights, hotel and car. */
  memberDetails: z.array(delegationMemberSchema).max(501).default([]),
  cars: z.array(delegationCarSchema).max(50).default([]),
  /** The liaison officer (ضابط الارتباط) who accompanies the delegation. */
  hostOfficer: namedPersonSchema.default({ personId: null, name: '' }),
  /** Who receives them at the airport, in protocol order. */
  receptionParty: z.array(namedPersonSchema).max(30).default([]),
  /** What the head of delegation should say (an outgoing delegation's briefing), one point a line. */
  talkingPoints: z.array(text(1000)).max(50).default([]),
  /** What the delegation presents: a draft strategy, its projects, a paper. */
  presentations: z.array(text(1000)).max(50).default([]),
  /** The sessions it attends, for its own programme; none chosen: the whole programme. */
  sessionIds: z.array(z.string().uuid()).max(2000).default([]),
  /** The delegation's city and country in English; optional, read as none when absent (files and callers from before them). */
  cityEn: text(120).optional(),
  countryEn: text(120).optional(),
});
export type Delegation = z.infer<typeof delegationSchema>;

/**
 * What the renderer sends to save a programme record: its fields, and the
 * revision its edit was made from (absent for a new one); core gives the
 * saved record its next revision.
 */
const NO_REVISION = { updatedAt: true } as const;
export const hallSaveSchema = hallSchema.omit(NO_REVISION).extend(expectedRevision);
export const sessionSaveSchema = sessionSchema.omit(NO_REVISION).extend(expectedRevision);
export const delegationSaveSchema = delegationSchema.omit(NO_REVISION).extend(expectedRevision);
export type HallSave = z.infer<typeof hallSaveSchema>;
export type SessionSave = z.infer<typeof sessionSaveSchema>;
export type DelegationSave = z.infer<typeof delegationSaveSchema>;

/** A forum's whole programme, kept in the forum's file. */
export const programmeSchema = z.object({
  halls: z.array(hallSchema).max(100),
  sessions: z.array(sessionSchema).max(2000),
  delegations: z.array(delegationSchema).max(500),
});
export type Programme = z.infer<typeof programmeSchema>;

export const EMPTY_PROGRAMME: Programme = { halls: [], sessions: [], delegations: [] };

const one = z.tuple([z.string()]);
const pair = z.tuple([z.string(), z.string()]);

/** A problem in the programme, naming the sessions (and the person or hall) it is about; see core/programme/conflicts. */
export const conflictSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person_double_booked'), personId: z.string(), sessionIds: pair }),
  z.object({ kind: z.literal('hall_double_booked'), hallId: z.string(), sessionIds: pair }),
  z.object({ kind: z.literal('break_overlap'), sessionIds: pair }),
  z.object({ kind: z.literal('outside_forum_days'), sessionIds: one }),
  z.object({ kind: z.literal('ends_before_start'), sessionIds: one }),
  z.object({ kind: z.literal('zero_length'), sessionIds: one }),
  z.object({
    kind: z.literal('over_capacity'),
    hallId: z.string(),
    expected: z.number(),
    capacity: z.number(),
    sessionIds: one,
  }),
  z.object({ kind: z.literal('person_without_record'), itemId: z.string(), name: z.string(), sessionIds: one }),
  z.object({ kind: z.literal('untitled'), sessionIds: one }),
]);
export type Conflict = z.infer<typeof conflictSchema>;

/**
 * Two levels of what the day view says about a programme. A conflict is a
 * mistake that breaks the day (a person or a hall double-booked, over
 * capacity, outside the days, ending before it starts, a presenter whose
 * record is gone): red and counted. A note is something the coordinator may
 * well mean for now: a presenter typed as a name with no directory record
 * (the person picker invites it), a session not titled yet: quiet, shown apart.
 */
export function isNote(conflict: Conflict): boolean {
  return conflict.kind === 'untitled' || (conflict.kind === 'person_without_record' && conflict.name !== '');
}

/** The programme as the day view gets it: the records and what is wrong with them. */
export const programmeViewSchema = programmeSchema.extend({ conflicts: z.array(conflictSchema) });
export type ProgrammeView = z.infer<typeof programmeViewSchema>;
