import { z } from 'zod';
import { type RegistrationInput, registrationInputSchema } from './registration';

/**
 * A registrant's free-text fields, in the order the registration form lists
 * them, and what sets each apart on screen. Everything else about them is
 * derived: their length limits are the registration schema's (`textLimitOf`),
 * the import fills them and updates them from a row, the search reads them,
 * the table and the attendee lists show them, all under one set of words,
 * `registrations.column.<field>` (docs/architecture.md, "Adding a registrant
 * field").
 */
export interface RegistrantTextTraits {
  /** 'ltr' for what reads left to right in either language (an e-mail, a number); 'auto' follows the text. */
  dir: 'rtl' | 'ltr' | 'auto';
  /** The kind of keyboard a phone or tablet shows for it. */
  input: 'text' | 'tel' | 'email';
  /** Given the form's whole width (names and organisations are long). */
  wide: boolean;
}

/** The registration's fields that hold a string. */
type TextFieldOf<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

export const REGISTRANT_TEXT_FIELDS = {
  fullName: { dir: 'rtl', input: 'text', wide: true },
  fullNameEn: { dir: 'ltr', input: 'text', wide: true },
  organisation: { dir: 'auto', input: 'text', wide: true },
  organisationEn: { dir: 'ltr', input: 'text', wide: false },
  position: { dir: 'auto', input: 'text', wide: true },
  positionEn: { dir: 'ltr', input: 'text', wide: false },
  email: { dir: 'ltr', input: 'email', wide: false },
  mobile: { dir: 'ltr', input: 'tel', wide: false },
  country: { dir: 'auto', input: 'text', wide: false },
  city: { dir: 'auto', input: 'text', wide: false },
} as const satisfies Partial<Record<TextFieldOf<RegistrationInput>, RegistrantTextTraits>>;

export type RegistrantTextField = keyof typeof REGISTRANT_TEXT_FIELDS;
export const REGISTRANT_TEXT_FIELD_NAMES = Object.keys(REGISTRANT_TEXT_FIELDS) as RegistrantTextField[];

export function isRegistrantTextField(name: string): name is RegistrantTextField {
  return Object.hasOwn(REGISTRANT_TEXT_FIELDS, name);
}

/** The check-in desk's short form for a walk-in: who they are and how to reach them, in the order typed at the door. */
export const WALK_IN_TEXT_FIELDS = [
  'fullName',
  'organisation',
  'mobile',
  'email',
] as const satisfies readonly RegistrantTextField[];

/** The text fields with a plain length limit: all but the e-mail, whose limit is its address rule's. */
export type LimitedTextField = Exclude<RegistrantTextField, 'email'> | 'notes';

/** A field's schema as a plain string's, seen through the default that lets older files read; null for another kind. */
export function plainStringSchema(schema: z.ZodType): z.ZodString | null {
  const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema;
  return inner instanceof z.ZodString ? inner : null;
}

/** The longest text a field keeps, as the registration schema says, so no other place copies the number. */
export function textLimitOf(field: LimitedTextField): number {
  const max = plainStringSchema(registrationInputSchema.shape[field])?.maxLength ?? null;
  if (max === null) throw new Error(`The registration schema gives ${field} no length limit.`);
  return max;
}
