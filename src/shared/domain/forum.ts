import { z } from 'zod';
import { isIsoDate } from '../calendar/hijri';
import { EDITION_MAX, EDITION_NOUNS, EDITION_STYLES } from './edition';

/**
 * The forum (الملتقى / الفعالية): the record every other record hangs off.
 * Its fields: docs/domain.md, "Forum". Messages are i18n keys so the
 * renderer can show them in Arabic or English.
 */
export const FORUM_KINDS = ['forum', 'workshop', 'council_session', 'periodic_meeting', 'official_visit'] as const;
export type ForumKind = (typeof FORUM_KINDS)[number];

/** The forums' usual countries, in the order the forum form offers them (the Gulf and the wider Arab world: docs/domain.md). */
export const PHONE_COUNTRIES = [
  '966',
  '968',
  '971',
  '974',
  '965',
  '973',
  '20',
  '962',
  '964',
  '961',
  '970',
  '212',
  '216',
  '213',
] as const;

export const FORUM_STATUSES = ['draft', 'published', 'finished'] as const;
export type ForumStatus = (typeof FORUM_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
const listItem = (max: number) => z.string().trim().min(1).max(max, { message: 'errors.tooLong' });

/** An image file's name in the data folder's photos/: its content hash and type, like people's photos. */
export const IMAGE_NAME = /^[0-9a-f]{32}\.(jpg|png)$/;

export const isoDateSchema = z.string().refine(isIsoDate, { message: 'errors.dateInvalid' });

export const venueSchema = z.object({
  hotel: text(200),
  hall: text(200),
  city: text(120),
  country: text(120),
  /**
   * The venue in English, for the English programme. Optional, read as none
   * when absent, so files and callers from before them need not change.
   */
  hotelEn: text(200).optional(),
  hallEn: text(200).optional(),
  cityEn: text(120).optional(),
  countryEn: text(120).optional(),
});
export type Venue = z.infer<typeof venueSchema>;

const forumFields = z.object({
  kind: z.enum(FORUM_KINDS),
  /**
   * The edition as an older version stored it, free text, when it could not
   * be read as a number (see editionNumber): printed as written. Empty once
   * the edition is a number.
   */
  edition: text(100),
  /**
   * The edition as data: its ordinal (2 for الملتقى الثاني, 55 for الدورة الـ55)
   * and the noun it counts, written in words with the ordinal agreeing with
   * the noun, or in digits (see shared/domain/edition). Files written before
   * it existed read as none, until the forum file's migration reads their text.
   */
  editionNumber: z
    .number()
    .int()
    .min(1, { message: 'errors.editionNumber' })
    .max(EDITION_MAX, { message: 'errors.editionNumber' })
    .nullable()
    .default(null),
  editionNoun: z.enum(EDITION_NOUNS).default('forum'),
  editionStyle: z.enum(EDITION_STYLES).default('words'),
  titleAr: text(300),
  titleEn: text(300),
  slogan: text(300),
  organisers: z.array(listItem(200)).max(30),
  /**
   * The organisers' logos, printed in a row at the top of the programme's cover
   * in this order; image files in the data folder's photos/ (content-named like
   * people's photos). Files written before logos existed read as none.
   */
  logos: z.array(z.string().regex(IMAGE_NAME)).max(6).default([]),
  partners: z.array(listItem(200)).max(50),
  /** The patron's protocol name as printed after "تحت رعاية". */
  patron: text(300),
  venue: venueSchema,
  firstDay: isoDateSchema,
  lastDay: isoDateSchema,
  expectedAttendance: z.number().int().min(0).max(1_000_000).nullable(),
  /**
   * The calling code for mobile numbers written without one ("0551234567") in
   * imported registrations. Files written before it existed read as Saudi Arabia.
   */
  phoneCountry: z
    .string()
    .regex(/^[1-9]\d{0,3}$/)
    .default('966'),
  objectives: z.array(listItem(1000)).max(50),
  description: text(20_000),
  status: z.enum(FORUM_STATUSES),
  /**
   * The English of every text the forum prints, for English and bilingual
   * documents (the Arabic fields above are the forum's own). The organisers',
   * partners' and objectives' English go by position: organisersEn[2] is the
   * English of organisers[2]; an empty one is a gap the export's pre-flight
   * lists. Optional, read as none when absent, so files and callers from
   * before them need not change.
   */
  sloganEn: text(300).optional(),
  patronEn: text(300).optional(),
  organisersEn: z.array(text(200)).max(30).optional(),
  partnersEn: z.array(text(200)).max(50).optional(),
  objectivesEn: z.array(text(1000)).max(50).optional(),
  descriptionEn: text(20_000).optional(),
});

/** Rules that involve several fields; shared by the form, the gate and the store. */
function checkForum(f: z.infer<typeof forumFields>, ctx: z.RefinementCtx): void {
  if (!f.titleAr && !f.titleEn) {
    ctx.addIssue({ code: 'custom', path: ['titleAr'], message: 'errors.titleRequired' });
  }
  if (isIsoDate(f.firstDay) && isIsoDate(f.lastDay) && f.lastDay < f.firstDay) {
    ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'errors.lastBeforeFirst' });
  }
}

export const forumInputSchema = forumFields.superRefine(checkForum);
export type ForumInput = z.infer<typeof forumInputSchema>;

export const forumSchema = forumFields
  .extend({
    id: z.string().uuid(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .superRefine(checkForum);
export type Forum = z.infer<typeof forumSchema>;

export function emptyForumInput(firstDay: string): ForumInput {
  return {
    kind: 'forum',
    edition: '',
    editionNumber: null,
    editionNoun: 'forum',
    editionStyle: 'words',
    titleAr: '',
    titleEn: '',
    slogan: '',
    organisers: [],
    logos: [],
    partners: [],
    patron: '',
    venue: { hotel: '', hall: '', city: '', country: '', hotelEn: '', hallEn: '', cityEn: '', countryEn: '' },
    firstDay,
    lastDay: firstDay,
    expectedAttendance: null,
    phoneCountry: '966',
    objectives: [],
    description: '',
    status: 'draft',
    sloganEn: '',
    patronEn: '',
    organisersEn: [],
    partnersEn: [],
    objectivesEn: [],
    descriptionEn: '',
  };
}
