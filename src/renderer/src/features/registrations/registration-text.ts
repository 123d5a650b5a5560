import type { Formatters } from '../../../../shared/calendar/formatters';
import type { Delegation } from '../../../../shared/domain/programme';
import { type Registration, type RegistrationInput, registrationInputOf } from '../../../../shared/domain/registration';
import type { FieldIssue } from '../../../../shared/errors';
import { nameOf } from '../../lib/record-text';

/** The editable fields of a saved registration, as the forms fill them (one rule, in the shared domain). */
export const inputOf: (r: Registration) => RegistrationInput = registrationInputOf;

export function delegationName(d: Pick<Delegation, 'nameAr' | 'nameEn'>, lang: 'ar' | 'en'): string {
  return nameOf(d, lang);
}

/** The local time of day of an ISO instant as the UI writes clocks ("09:41", in the user's digits). */
export function clockOf(iso: string, fmt: Formatters): string {
  const at = new Date(iso);
  return fmt.clock(at.getHours() * 60 + at.getMinutes());
}

/**
 * Issues of a save as paths into the registration: the save channel nests
 * the registration under `registration` (an edit in place, its fields under
 * `patch`), the form's fields are its keys.
 */
export function registrationIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) =>
    i.path[0] === 'registration' || i.path[0] === 'patch' ? { ...i, path: i.path.slice(1) } : i,
  );
}
