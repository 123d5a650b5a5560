import { z } from 'zod';
import { expectedRevision } from './revision';

/**
 * People (speakers, guests, chairs, delegates) and organisations: a
 * directory shared by all forums (docs/domain.md, "Person and organisation").
 */
export const HONORIFICS = [
  'royal_highness',
  'highness',
  'sumuw',
  'maali',
  'maali_sayyid',
  'ambassador',
  'saada',
  'saada_sayyid',
  'atufa',
  'fadila',
  'sheikh',
  'sayyid',
  'none',
] as const;
/**
 * صاحب السمو الملكي، صاحب السمو، سمو، معالي، معالي السيد/السيدة، سعادة السفير،
 * سعادة، سعادة السيد/السيدة، عطوفة، فضيلة الشيخ، الشيخ، السيد/السيدة, or
 * nothing; their printed forms and ranks: shared/people/protocol-name.
 */
export type Honorific = (typeof HONORIFICS)[number];

export const PROFESSIONAL_TITLES = ['engineer', 'doctor', 'professor', 'ustadh', 'none'] as const;
/** المهندس (م.)، الدكتور (د.)، الأستاذ الدكتور (أ.د.)، الأستاذ (أ.), or nothing. */
export type ProfessionalTitle = (typeof PROFESSIONAL_TITLES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });

export const personInputSchema = z
  .object({
    honorific: z.enum(HONORIFICS),
    title: z.enum(PROFESSIONAL_TITLES),
    gender: z.enum(GENDERS),
    /** Full name with its patronymics, as printed: "جمال بن ناصر الملحم". */
    nameAr: text(200),
    nameEn: text(200),
    positionAr: text(300),
    positionEn: text(300),
    organisationId: z.string().uuid().nullable(),
    country: text(120),
    email: z.union([z.literal(''), z.string().trim().toLowerCase().email({ message: 'errors.email' })]),
    /** As typed; the import issue normalises to E.164 beside it. */
    mobile: text(40),
    bioAr: text(4000),
    bioEn: text(4000),
  })
  .superRefine((p, ctx) => {
    if (!p.nameAr && !p.nameEn) ctx.addIssue({ code: 'custom', path: ['nameAr'], message: 'errors.nameRequired' });
  });
export type PersonInput = z.infer<typeof personInputSchema>;

const timestamps = { createdAt: z.string().datetime(), updatedAt: z.string().datetime() };

/** The largest photo kept (bytes, after the renderer has resized it to at most PHOTO_MAX_SIDE). */
export const PHOTO_MAX_BYTES = 400 * 1024;
export const PHOTO_MAX_SIDE = 480;

export const personSchema = personInputSchema.and(
  z.object({
    id: z.string().uuid(),
    /** File name inside the data folder's photos/ (`<id>.jpg`), or null. */
    photo: z.string().max(100).nullable(),
    ...timestamps,
  }),
);
export type Person = z.infer<typeof personSchema>;

/**
 * What the renderer sends to add or change a person: the id is the client's, so a new record can be undone;
 * an edit names the revision it was made from (shared/domain/revision).
 */
export const personSaveSchema = personInputSchema.and(z.object({ id: z.string().uuid(), ...expectedRevision }));
export type PersonSave = z.infer<typeof personSaveSchema>;

export function emptyPersonInput(): PersonInput {
  return {
    honorific: 'none',
    title: 'none',
    gender: 'male',
    nameAr: '',
    nameEn: '',
    positionAr: '',
    positionEn: '',
    organisationId: null,
    country: '',
    email: '',
    mobile: '',
    bioAr: '',
    bioEn: '',
  };
}

export const ORGANISATION_KINDS = [
  'municipality',
  'ministry',
  'international',
  'company',
  'university',
  'media',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisationInputSchema = z
  .object({
    nameAr: text(300),
    nameEn: text(300),
    kind: z.enum(ORGANISATION_KINDS),
    country: text(120),
    city: text(120),
  })
  .superRefine((o, ctx) => {
    if (!o.nameAr && !o.nameEn) ctx.addIssue({ code: 'custom', path: ['nameAr'], message: 'errors.nameRequired' });
  });
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationSaveSchema = organisationInputSchema.and(
  z.object({ id: z.string().uuid(), ...expectedRevision }),
);
export const organisationSchema = organisationInputSchema.and(z.object({ id: z.string().uuid(), ...timestamps }));
export type Organisation = z.infer<typeof organisationSchema>;

/** The directory file: everyone and every organisation, shared by all forums. */
export const directorySchema = z.object({
  people: z.array(personSchema),
  organisations: z.array(organisationSchema),
});
export type Directory = z.infer<typeof directorySchema>;
