/**
 * The pre-flight before an export: what the document would print wrongly,
 * each with the record and field that fixes it (see
 * shared/domain/export-preflight). Pure: the records in, the findings out,
 * so the exports page asks it again after every fix, and tests call it
 * directly.
 *
 * It looks only at what the chosen export prints: the programme's forum,
 * sessions, halls, presenters and (when ticked) objectives, bios and
 * delegations; the registrants a list, badge, card or certificate export
 * selects. English is checked where English is printed (English or both),
 * Latin names where only Arabic is.
 */
import type { ExportOptions, ProgrammeExport } from '../../shared/domain/export';
import {
  type ForumEnglishField,
  lacksEnglish,
  PREFLIGHT_MAX_FINDINGS,
  type PreflightFinding,
  type PreflightResult,
  type PreflightTarget,
} from '../../shared/domain/export-preflight';
import type { Forum } from '../../shared/domain/forum';
import type { Directory, Organisation, Person } from '../../shared/domain/person';
import { BREAK_KINDS, type Programme } from '../../shared/domain/programme';
import type { Registration } from '../../shared/domain/registration';
import { hasArabic } from '../../shared/text/arabic';
import { splitNameTitle } from '../registrations/import/normalise';
import { attendees, registrantsByCategory } from './registrant-selection';

export interface PreflightInput {
  forum: Forum;
  programme: Programme;
  directory: Directory;
  registrations: readonly Registration[];
  options: ExportOptions;
}

/** A formula's sign, or a stray key, at the start of a name: Excel would compute it, a badge would print it. */
const FORMULA_START = /^[=+\-@]/;
const LATIN_LETTER = /\p{Script=Latin}/u;

type Owner = { ownerAr: string; ownerEn: string };

class Findings {
  readonly list: PreflightFinding[] = [];
  private readonly seen = new Set<string>();

  add(problem: PreflightFinding['problem'], target: PreflightTarget, text: string, owner: Owner): void {
    // A person who chairs one session and speaks in three is one thing to fix.
    const key = `${problem}:${JSON.stringify(target)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ problem, target, text, ...owner });
  }

  result(): PreflightResult {
    return {
      findings: this.list.slice(0, PREFLIGHT_MAX_FINDINGS),
      more: Math.max(0, this.list.length - PREFLIGHT_MAX_FINDINGS),
    };
  }
}

/** Which languages the export prints: the English checks run for 'en', the Latin-name one for Arabic alone. */
function languagesOf(options: ExportOptions): { english: boolean; arabicOnly: boolean } {
  if (!('language' in options)) return { english: false, arabicOnly: false };
  return { english: options.language !== 'ar', arabicOnly: options.language === 'ar' };
}

export function preflight(input: PreflightInput): PreflightResult {
  const findings = new Findings();
  const { options } = input;
  switch (options.kind) {
    case 'programme':
      checkProgramme(input, options, findings);
      break;
    case 'attendees':
      checkRegistrants(
        input.registrations.filter((r) => options.statuses.includes(r.status)),
        options,
        findings,
      );
      checkForumTitle(input.forum, options, findings);
      break;
    case 'badges':
    case 'nameCards':
      checkRegistrants(registrantsByCategory(input.registrations, options), options, findings);
      checkForumTitle(input.forum, options, findings);
      break;
    case 'certificates': {
      checkRegistrants(attendees(input.registrations, options), options, findings);
      const session = input.programme.sessions.find((s) => s.id === options.sessionId);
      if (options.language === 'en' && session && lacksEnglish(session.titleAr, session.titleEn)) {
        findings.add('noEnglish', { kind: 'session', id: session.id, field: 'titleEn' }, session.titleAr, {
          ownerAr: session.titleAr,
          ownerEn: session.titleEn,
        });
      }
      checkForumTitle(input.forum, options, findings);
      break;
    }
    // English minutes say where the session was held: the forum's venue.
    case 'minutes':
      if (options.language === 'en') checkVenue(input.forum, findings);
      checkForumTitle(input.forum, options, findings);
      break;
    // The forum file carries the records as they are; the decisions report is the council's own wording.
    case 'handover':
    case 'decisions':
      break;
  }
  return findings.result();
}

function checkForumTitle(forum: Forum, options: ExportOptions, findings: Findings): void {
  if (!languagesOf(options).english) return;
  if (lacksEnglish(forum.titleAr, forum.titleEn)) {
    findings.add('noEnglish', { kind: 'forum', field: 'titleEn', index: null }, forum.titleAr, forumOwner(forum));
  }
}

const forumOwner = (forum: Forum): Owner => ({ ownerAr: forum.titleAr, ownerEn: forum.titleEn });

function checkProgramme(input: PreflightInput, options: ProgrammeExport, findings: Findings): void {
  const { forum, programme, directory } = input;
  const { english, arabicOnly } = languagesOf(options);
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const organisations = new Map(directory.organisations.map((o) => [o.id, o]));
  const halls = new Map(programme.halls.map((h) => [h.id, h]));

  if (english) checkForumEnglish(forum, options, findings);

  const printed: { person: Person; withBio: boolean }[] = [];
  for (const session of programme.sessions) {
    const owner = { ownerAr: session.titleAr, ownerEn: session.titleEn };
    if (english && lacksEnglish(session.titleAr, session.titleEn)) {
      findings.add('noEnglish', { kind: 'session', id: session.id, field: 'titleEn' }, session.titleAr, owner);
    }
    const hall = session.hallId ? halls.get(session.hallId) : undefined;
    if (english && !BREAK_KINDS.has(session.kind)) {
      if (hall && lacksEnglish(hall.nameAr, hall.nameEn)) {
        findings.add('noEnglish', { kind: 'hall', id: hall.id, field: 'nameEn' }, hall.nameAr, {
          ownerAr: hall.nameAr,
          ownerEn: hall.nameEn,
        });
      }
      if (!hall && lacksEnglish(session.place, session.placeEn)) {
        findings.add('noEnglish', { kind: 'session', id: session.id, field: 'placeEn' }, session.place, owner);
      }
    }
    // A break prints its title alone, across the table: no chair, no speakers.
    if (BREAK_KINDS.has(session.kind)) continue;
    const chair = session.chairId ? people.get(session.chairId) : undefined;
    if (chair) printed.push({ person: chair, withBio: true });
    for (const item of session.items) {
      const itemTarget = { kind: 'item', sessionId: session.id, id: item.id } as const;
      if (english && (item.titleAr || item.titleEn) && lacksEnglish(item.titleAr, item.titleEn)) {
        findings.add('noEnglish', { ...itemTarget, field: 'titleEn' }, item.titleAr, owner);
      }
      const person = item.personId ? people.get(item.personId) : undefined;
      if (person) printed.push({ person, withBio: true });
      else if (item.nameWithoutRecord) {
        const name = item.nameWithoutRecord;
        const target = { ...itemTarget, field: 'nameWithoutRecord' } as const;
        if (english && lacksEnglish(name, '')) findings.add('noEnglish', target, name, owner);
        if (FORMULA_START.test(name)) findings.add('formulaStart', target, name, owner);
        if (arabicOnly && !hasArabic(name) && LATIN_LETTER.test(name)) {
          findings.add('latinInArabic', target, name, owner);
        }
      }
    }
  }
  if (options.includeDelegations) {
    for (const delegation of programme.delegations) {
      const owner = { ownerAr: delegation.nameAr, ownerEn: delegation.nameEn };
      if (english) {
        const fields = [
          ['nameEn', delegation.nameAr, delegation.nameEn],
          ['cityEn', delegation.city, delegation.cityEn],
          ['countryEn', delegation.country, delegation.countryEn],
        ] as const;
        for (const [field, ar, en] of fields) {
          if (lacksEnglish(ar, en))
            findings.add('noEnglish', { kind: 'delegation', id: delegation.id, field }, ar, owner);
        }
      }
      for (const id of [delegation.headId, ...delegation.memberIds]) {
        const person = id ? people.get(id) : undefined;
        if (person) printed.push({ person, withBio: false });
      }
    }
  }
  for (const { person, withBio } of printed) {
    checkPerson(person, organisations, { english, arabicOnly, bios: withBio && options.includeBios }, findings);
  }
}

function checkForumEnglish(forum: Forum, options: ProgrammeExport, findings: Findings): void {
  const owner = forumOwner(forum);
  const field = (name: ForumEnglishField, ar: string, en: string | undefined) => {
    if (lacksEnglish(ar, en)) findings.add('noEnglish', { kind: 'forum', field: name, index: null }, ar, owner);
  };
  field('titleEn', forum.titleAr, forum.titleEn);
  field('sloganEn', forum.slogan, forum.sloganEn);
  field('patronEn', forum.patron, forum.patronEn);
  // An edition kept as text by an older version has no English: a number gives it one ("2nd Forum").
  if (forum.editionNumber === null) field('editionNumber', forum.edition, '');
  checkVenue(forum, findings);
  const list = (name: ForumEnglishField, items: readonly string[], itemsEn: readonly string[] | undefined) => {
    for (const [index, item] of items.entries()) {
      if (lacksEnglish(item, itemsEn?.[index])) {
        findings.add('noEnglish', { kind: 'forum', field: name, index }, item, owner);
      }
    }
  };
  list('organisersEn', forum.organisers, forum.organisersEn);
  list('partnersEn', forum.partners, forum.partnersEn);
  if (options.includeObjectives) list('objectivesEn', forum.objectives, forum.objectivesEn);
}

function checkVenue(forum: Forum, findings: Findings): void {
  const { venue } = forum;
  const fields = [
    ['hotelEn', venue.hotel, venue.hotelEn],
    ['hallEn', venue.hall, venue.hallEn],
    ['cityEn', venue.city, venue.cityEn],
    ['countryEn', venue.country, venue.countryEn],
  ] as const;
  for (const [field, ar, en] of fields) {
    if (lacksEnglish(ar, en)) findings.add('noEnglish', { kind: 'forum', field, index: null }, ar, forumOwner(forum));
  }
}

/** The title a name carries itself («Dr. Hannah», «السيدة هند»), as the import reads one off a name cell. */
function carriesTitle(name: string): boolean {
  const { honorific, title } = splitNameTitle(name);
  return honorific !== 'none' || title !== 'none';
}

function checkPerson(
  person: Person,
  organisations: ReadonlyMap<string, Organisation>,
  check: { english: boolean; arabicOnly: boolean; bios: boolean },
  findings: Findings,
): void {
  const owner = { ownerAr: person.nameAr, ownerEn: person.nameEn };
  const target = (field: 'nameAr' | 'nameEn' | 'positionEn' | 'bioEn') =>
    ({ kind: 'person', id: person.id, field }) as const;
  if (check.english) {
    if (lacksEnglish(person.nameAr, person.nameEn)) findings.add('noEnglish', target('nameEn'), person.nameAr, owner);
    if (lacksEnglish(person.positionAr, person.positionEn)) {
      findings.add('noEnglish', target('positionEn'), person.positionAr, owner);
    }
    // With no position at all, the programme prints the organisation's name in its place.
    const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
    if (
      !person.positionAr &&
      !person.positionEn &&
      organisation &&
      lacksEnglish(organisation.nameAr, organisation.nameEn)
    ) {
      findings.add('noEnglish', { kind: 'organisation', id: organisation.id, field: 'nameEn' }, organisation.nameAr, {
        ownerAr: organisation.nameAr,
        ownerEn: organisation.nameEn,
      });
    }
    if (check.bios && lacksEnglish(person.bioAr, person.bioEn)) {
      findings.add('noEnglish', target('bioEn'), person.bioAr, owner);
    }
  }
  const adds = person.honorific !== 'none' || person.title !== 'none';
  for (const field of ['nameAr', 'nameEn'] as const) {
    const name = person[field];
    if (FORMULA_START.test(name)) findings.add('formulaStart', target(field), name, owner);
    if (adds && name && carriesTitle(name)) findings.add('doubleTitle', target(field), name, owner);
  }
  if (check.arabicOnly && !hasArabic(person.nameAr) && LATIN_LETTER.test(person.nameAr || person.nameEn)) {
    findings.add('latinInArabic', target('nameAr'), person.nameAr || person.nameEn, owner);
  }
}

function checkRegistrants(registrants: readonly Registration[], options: ExportOptions, findings: Findings): void {
  const { english, arabicOnly } = languagesOf(options);
  for (const r of registrants) {
    const owner = { ownerAr: r.fullName, ownerEn: r.fullNameEn };
    const target = (field: 'fullName' | 'fullNameEn') => ({ kind: 'registration', id: r.id, field }) as const;
    if (english && lacksEnglish(r.fullName, r.fullNameEn)) {
      findings.add('noEnglish', target('fullNameEn'), r.fullName, owner);
    }
    const adds = r.honorific !== 'none' || r.title !== 'none';
    for (const field of ['fullName', 'fullNameEn'] as const) {
      const name = r[field];
      if (FORMULA_START.test(name)) findings.add('formulaStart', target(field), name, owner);
      if (adds && name && carriesTitle(name)) findings.add('doubleTitle', target(field), name, owner);
    }
    if (arabicOnly && !hasArabic(r.fullName) && LATIN_LETTER.test(r.fullName || r.fullNameEn)) {
      findings.add('latinInArabic', target('fullName'), r.fullName || r.fullNameEn, owner);
    }
  }
}
