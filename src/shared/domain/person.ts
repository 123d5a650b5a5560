import { z } from 'zod';

/**
 * People (speakers, guests, chairs, delegates) and organisations: a
 * directory shared by all forums (DOMAIN.md "Person", "Organisation").
 */
export const HONORIFICS = ['highness', 'maali', 'saada', 'sayyid', 'none'] as const;
/** صاحب السمو، معالي، سعادة، السيد/السيدة, or nothing. */
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
