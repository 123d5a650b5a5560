import {
  type AgendaOutcome,
  type AttendanceStatus,
  type Council,
  type CouncilMember,
  type DecisionKind,
  type DecisionStatus,
  decisionNumber,
  EMPTY_COUNCIL,
} from '../../shared/domain/council';
import type { Directory } from '../../shared/domain/person';
import ar from '../../shared/i18n/ar.json';
import en from '../../shared/i18n/en.json';
import { LRI, PDI } from '../../shared/text/arabic';
import { type DocLang, personNameIn, textIn } from './document-words';
import type { ExportInput } from './export-input';

/**
 * What the minutes and the follow-up report share: the app's own names for
 * attendance, outcomes, kinds and statuses (so the paper and the screen never
 * call one thing by two names), and people as they print.
 */
const APP_WORDS = { ar, en } as const;

export const attendanceName = (s: AttendanceStatus, lang: DocLang) => APP_WORDS[lang].council.attendance[s];
export const outcomeName = (o: AgendaOutcome, lang: DocLang) => APP_WORDS[lang].council.outcome[o];
export const decisionKindName = (k: DecisionKind, lang: DocLang) => APP_WORDS[lang].council.decisionKind[k];
export const decisionStatusName = (s: DecisionStatus, lang: DocLang) => APP_WORDS[lang].council.status[s];

/** «55/3», kept left to right inside Arabic text (or it reads 3/55). */
export function printedNumber(sessionNumber: number | null, number: number): string {
  return LRI + decisionNumber(sessionNumber, number) + PDI;
}

/** The council of the export, empty when the input has none. */
export function councilOf(input: Pick<ExportInput, 'council'>): Council {
  return input.council?.council ?? EMPTY_COUNCIL;
}

/** A person of the directory by protocol name, or the name typed, or nothing. */
/**
 * A person named by the directory, or by a name typed where no record was chosen; in English, a
 * name with no English is marked, never printed in Arabic silently (textIn, personNameIn).
 */
export function personText(directory: Directory, id: string | null, typed: string, lang: DocLang): string {
  const person = id ? directory.people.find((p) => p.id === id) : undefined;
  return person ? personNameIn(person, lang) : textIn(typed, '', lang);
}

export function memberName(member: CouncilMember, lang: DocLang): string {
  return textIn(member.nameAr, member.nameEn, lang);
}

/** 55 → "55th", 1 → "1st", 12 → "12th". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
