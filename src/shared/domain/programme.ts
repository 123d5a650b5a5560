import { z } from 'zod';
import { isoDateSchema } from './forum';

/**
 * A forum's programme (DOMAIN.md "Day and session"): halls, and sessions on
 * its days. Times are minutes from the start of the session's day; an end
 * past 1440 runs past midnight into the next day.
 */
export const SESSION_KINDS = [
  'registration',
  'opening',
  'keynote',
  'papers',
  'panel',
  'discussion',
  'workshop',
  'coffee_break',
  'prayer_break',
  'lunch',
  'field_visit',
  'side_meeting',
  'closing',
  'honouring',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Breaks stop the whole programme: nothing else should run while they do. */
export const BREAK_KINDS: ReadonlySet<SessionKind> = new Set(['coffee_break', 'prayer_break', 'lunch']);

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
});
export type Session = z.infer<typeof sessionSchema>;
