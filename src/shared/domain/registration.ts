import { z } from 'zod';
import { GENDERS, HONORIFICS, PROFESSIONAL_TITLES } from './person';
import { expectedRevision, revisionSchema } from './revision';

/**
 * A registration (التسجيل): one person attending one forum. Registrants are
 * kept per forum, with their own contact fields (not as people of the shared
 * directory): a forum has thousands of them, mostly seen once, and they
 * arrive from other departments' spreadsheets. Its fields: docs/domain.md,
 * "Registration", with where each came from and its check-in.
 */
export const REGISTRATION_CATEGORIES = ['vip', 'speaker', 'delegate', 'participant', 'media', 'staff'] as const;
export type RegistrationCategory = (typeof REGISTRATION_CATEGORIES)[number];

/**
 * A colour per category, for badges, name cards and the attendee lists' sheet
 * tabs: the band that lets ushers tell a VIP from a participant at a glance.
 * Hex without '#'; each dark enough for white text on it.
 */
export const CATEGORY_COLOURS: Readonly<Record<RegistrationCategory, string>> = {
  vip: '8B1E3F',
  speaker: '1F4E79',
  delegate: '2E6B30',
  participant: '5B5B5B',
  media: 'B35900',
  staff: '5A2D82',
};

export const REGISTRATION_STATUSES = ['invited', 'registered', 'confirmed', 'attended', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The largest file the import accepts (checked by the renderer before reading, and by core). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** Most registrations one forum holds: the largest forums' scale, with room to spare. */
export const MAX_REGISTRATIONS = 100_000;

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
const uuid = z.string().uuid();

/** What the coordinator edits (by hand, in the table, or through an import). */
export const registrationInputSchema = z.object({
  /** Printed before the name as for people of the directory (protocolName): "معالي الدكتور". */
  honorific: z.enum(HONORIFICS),
  title: z.enum(PROFESSIONAL_TITLES),
  fullName: text(300),
  fullNameEn: text(300),
  gender: z.enum(GENDERS).nullable(),
  organisation: text(300),
  /** The organisation's and the position's English, for English papers; files written before them read as none. */
  organisationEn: text(300).default(''),
  position: text(300),
  positionEn: text(300).default(''),
  /** Lower-cased and checked, or empty. */
  email: z.union([z.literal(''), z.string().trim().toLowerCase().max(254).email({ message: 'errors.email' })]),
  /** As typed (cleaned): what the coordinator recognises. */
  mobile: text(80),
  /** The number to dial, "+9665...", when `mobile` could be read. */
  mobileE164: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .nullable(),
  country: text(120),
  city: text(120),
  category: z.enum(REGISTRATION_CATEGORIES),
  status: z.enum(REGISTRATION_STATUSES),
  /** A delegation of the forum's programme. */
  delegationId: uuid.nullable(),
  /** Sessions or workshops chosen where seats are limited. */
  sessionIds: z.array(uuid).max(200),
  notes: text(10_000),
});
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

/** Where an imported registration came from: the spreadsheet, its sheet and row (1-based, as Excel shows it). */
export const registrationSourceSchema = z.object({
  file: z.string().max(260),
  sheet: z.string().max(200),
  row: z.number().int().min(1),
  importedAt: z.string().datetime(),
});
export type RegistrationSource = z.infer<typeof registrationSourceSchema>;

export const registrationSchema = registrationInputSchema.extend({
  id: uuid,
  /**
   * The badge code a barcode scanner types: digits only, because a scanner
   * sends key presses and on an Arabic keyboard layout letters arrive as
   * Arabic letters, while the digit row types digits on every layout.
   */
  code: z.string().regex(/^\d{4,12}$/),
  checkedInAt: z.string().datetime().nullable(),
  /** The status before the check-in made it "attended", so undoing a check-in puts it back. */
  statusBeforeCheckIn: z.enum(REGISTRATION_STATUSES).nullable(),
  source: registrationSourceSchema.nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Registration = z.infer<typeof registrationSchema>;

/**
 * Saving one registration: a new one has no id yet. An edit names the
 * version it was made from (`expectedUpdatedAt`, the record's `updatedAt` as
 * the editor read it): when the record has changed since (checked in at the
 * door, edited in another window), the save is refused rather than putting
 * the older copy's fields back over the newer ones.
 */
export const registrationSaveSchema = registrationInputSchema
  .extend({ id: uuid.optional(), ...expectedRevision })
  .strict();
export type RegistrationSave = z.infer<typeof registrationSaveSchema>;

/**
 * An edit in place (one cell of the table): only the fields it changes, and
 * the revision they were edited from, which it must name. Sending only those
 * means even an edit that slipped past the revision could not carry an older
 * status or check-in back with it.
 */
export const registrationPatchSchema = registrationInputSchema
  .partial()
  .extend({ expectedUpdatedAt: revisionSchema })
  .strict();
export type RegistrationPatch = z.infer<typeof registrationPatchSchema>;

/** The editable fields of a saved registration (the save channel refuses the others: code, check-in, source…). */
export function registrationInputOf(r: Registration): RegistrationInput {
  const {
    id: _id,
    code: _code,
    checkedInAt: _checkedInAt,
    statusBeforeCheckIn: _before,
    source: _source,
    createdAt: _created,
    updatedAt: _updated,
    ...input
  } = r;
  return input;
}

/** A change to many registrations at once (the table's bulk edit). */
export const registrationBulkPatchSchema = z
  .object({
    category: z.enum(REGISTRATION_CATEGORIES).optional(),
    status: z.enum(REGISTRATION_STATUSES).optional(),
    delegationId: uuid.nullable().optional(),
  })
  .strict()
  // An empty change would still rewrite every registration's updatedAt and take an undo step.
  .refine((patch) => Object.keys(patch).length > 0, { message: 'errors.nothingToChange' });
export type RegistrationBulkPatch = z.infer<typeof registrationBulkPatchSchema>;

export function emptyRegistrationInput(): RegistrationInput {
  return {
    honorific: 'none',
    title: 'none',
    fullName: '',
    fullNameEn: '',
    gender: null,
    organisation: '',
    organisationEn: '',
    position: '',
    positionEn: '',
    email: '',
    mobile: '',
    mobileE164: null,
    country: '',
    city: '',
    category: 'participant',
    status: 'registered',
    delegationId: null,
    sessionIds: [],
    notes: '',
  };
}

/** The name a registration is known by: the Arabic one, else the English one. */
export function registrationName(r: Pick<RegistrationInput, 'fullName' | 'fullNameEn'>): string {
  return r.fullName || r.fullNameEn;
}
