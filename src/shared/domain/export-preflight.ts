import { z } from 'zod';
import { hasArabic } from '../text/arabic';

/**
 * What the pre-flight before an export finds (core/export/preflight reads
 * the records; the exports page shows the findings and fixes them in place):
 *
 * - `noEnglish`: a text the English part prints has no English; exported
 *   anyway, it is printed marked (the Arabic kept inside a visible mark).
 * - `formulaStart`: a name starting with = + - or @ (a spreadsheet's formula
 *   sign, or a slip of the keyboard): printed as typed.
 * - `doubleTitle`: a name that already starts with an honorific or a title
 *   while the record adds one of its own («السيدة Dr. Hannah»).
 * - `latinInArabic`: a name with no Arabic form, printed in Latin letters in
 *   an Arabic-only document.
 * - `missingDetail`: something a field visit's or a delegation's paper prints
 *   for the guests, the drivers or the reception party is not entered yet (a
 *   stop with no place or no one to receive them, a member with no flight or
 *   hotel, a delegation with no liaison officer): the paper prints a blank or
 *   "time to be confirmed" there. Filled in the visit's or delegation's own
 *   form, not in the pre-flight.
 *
 * Each finding names the record and the field that fixes it.
 */
export const PREFLIGHT_PROBLEMS = [
  'noEnglish',
  'formulaStart',
  'doubleTitle',
  'latinInArabic',
  'missingDetail',
] as const;
export type PreflightProblem = (typeof PREFLIGHT_PROBLEMS)[number];

/** The forum's fields a finding can point at (the lists' by their item's position). */
export const FORUM_ENGLISH_FIELDS = [
  'titleEn',
  'sloganEn',
  'patronEn',
  'editionNumber',
  'organisersEn',
  'partnersEn',
  'objectivesEn',
  'hotelEn',
  'hallEn',
  'cityEn',
  'countryEn',
] as const;
export type ForumEnglishField = (typeof FORUM_ENGLISH_FIELDS)[number];

const uuid = z.string().uuid();

/** A stop's texts with an English form, filled in the pre-flight. */
export const STOP_ENGLISH_FIELDS = ['placeEn', 'hostNameEn'] as const;
/**
 * What a stop can lack: its place, who receives the guests there, and for
 * the drivers an address or map link, a telephone (the host's mobile or the
 * site's), the cars.
 */
export const STOP_DETAILS = ['place', 'host', 'address', 'contact', 'vehicles'] as const;
const STOP_FIELDS = [...STOP_ENGLISH_FIELDS, ...STOP_DETAILS] as const;
/** What a member's travel can lack: a flight in, its number, its time, a flight out, a hotel, a car from the airport. */
export const MEMBER_DETAILS = ['arrival', 'flight', 'arrivalTime', 'departure', 'hotel', 'car'] as const;
export const DELEGATION_DETAILS = ['head', 'members', 'hostOfficer', 'receptionParty'] as const;

export const preflightTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('forum'),
    field: z.enum(FORUM_ENGLISH_FIELDS),
    /** Which organiser, partner or objective; null for a field of its own. */
    index: z.number().int().min(0).nullable(),
  }),
  z.object({ kind: z.literal('person'), id: uuid, field: z.enum(['nameAr', 'nameEn', 'positionEn', 'bioEn']) }),
  z.object({ kind: z.literal('organisation'), id: uuid, field: z.literal('nameEn') }),
  z.object({ kind: z.literal('hall'), id: uuid, field: z.literal('nameEn') }),
  z.object({ kind: z.literal('session'), id: uuid, field: z.enum(['titleEn', 'placeEn']) }),
  z.object({
    kind: z.literal('item'),
    sessionId: uuid,
    id: uuid,
    /** A presenter typed as a name with no record has no English field: the record is what fixes it. */
    field: z.enum(['titleEn', 'nameWithoutRecord']),
  }),
  z.object({ kind: z.literal('delegation'), id: uuid, field: z.enum(['nameEn', 'cityEn', 'countryEn']) }),
  z.object({
    kind: z.literal('registration'),
    id: uuid,
    field: z.enum(['fullName', 'fullNameEn', 'positionEn', 'organisationEn']),
  }),
  /** A field visit's stop: its English place or host's name (filled in place), or what it lacks (`missingDetail`). */
  z.object({ kind: z.literal('stop'), sessionId: uuid, id: uuid, field: z.enum(STOP_FIELDS) }),
  /** A field visit as a whole: its stops run past the end of the time booked for it. */
  z.object({ kind: z.literal('visit'), id: uuid, field: z.literal('overrun') }),
  /** A delegation's member (its head too): what their travel and stay lack. */
  z.object({ kind: z.literal('member'), delegationId: uuid, personId: uuid, field: z.enum(MEMBER_DETAILS) }),
  /** A delegation's people: no head, no members, no liaison officer, no one to receive it. */
  z.object({ kind: z.literal('delegationDetail'), id: uuid, field: z.enum(DELEGATION_DETAILS) }),
]);
export type PreflightTarget = z.infer<typeof preflightTargetSchema>;

export const preflightFindingSchema = z.object({
  problem: z.enum(PREFLIGHT_PROBLEMS),
  target: preflightTargetSchema,
  /** The text at fault: the Arabic that has no English, or the name as it would print. */
  text: z.string(),
  /** What the text belongs to, for the list: the person's or session's name, in Arabic and English. */
  ownerAr: z.string(),
  ownerEn: z.string(),
});
export type PreflightFinding = z.infer<typeof preflightFindingSchema>;

/** The most findings a pre-flight answers with; `more` counts the rest (a list of thousands is fixed in its own page). */
export const PREFLIGHT_MAX_FINDINGS = 200;

export const preflightResultSchema = z.object({
  findings: z.array(preflightFindingSchema).max(PREFLIGHT_MAX_FINDINGS),
  more: z.number().int().min(0),
});
export type PreflightResult = z.infer<typeof preflightResultSchema>;

/**
 * Whether a text has no English where English is printed: no English form,
 * and Arabic letters in the Arabic one. A text typed in Latin letters in the
 * Arabic field is English already. The one rule the pre-flight lists by and
 * the documents mark by, so the two never disagree.
 */
export function lacksEnglish(ar: string, en: string | undefined): boolean {
  return !en && hasArabic(ar);
}
