import type { Formatters } from '../../../../shared/calendar/formatters';
import type { Delegation } from '../../../../shared/domain/programme';
import type { Registration, RegistrationInput } from '../../../../shared/domain/registration';
import type { FieldIssue } from '../../../../shared/errors';

/** The editable fields of a saved registration (the save channel refuses the others: code, check-in, source…). */
export function inputOf(r: Registration): RegistrationInput {
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

export function delegationName(d: Pick<Delegation, 'nameAr' | 'nameEn'>, lang: 'ar' | 'en'): string {
  return lang === 'ar' ? d.nameAr || d.nameEn : d.nameEn || d.nameAr;
}

/** The local time of day of an ISO instant as the UI writes clocks ("09:41", in the user's digits). */
export function clockOf(iso: string, fmt: Formatters): string {
  const at = new Date(iso);
  return fmt.clock(at.getHours() * 60 + at.getMinutes());
}

/**
 * Issues of a save as paths into the registration: the save channel nests
 * the registration under `registration`, the form's fields are its keys.
 */
export function registrationIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) => (i.path[0] === 'registration' ? { ...i, path: i.path.slice(1) } : i));
}
