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
 * selects; a field visit's stops, hosts and party; a delegation's members,
 * travel and reception. English is checked where English is printed
 * (English or both), Latin names where only Arabic is, and on the visit's
 * and delegation's papers the details they print blank when not entered.
 */
import type {
  BriefingExport,
  ExportOptions,
  ItineraryExport,
  MovementSheetExport,
  ProgrammeExport,
  ReceptionExport,
} from '../../shared/domain/export';
import {
  type ForumEnglishField,
  lacksEnglish,
  PREFLIGHT_MAX_FINDINGS,
  type PreflightFinding,
  type PreflightResult,
  type PreflightTarget,
} from '../../shared/domain/export-preflight';
import { stopSchedule } from '../../shared/domain/field-visit';
import type { Forum } from '../../shared/domain/forum';
import type { Directory, Organisation, Person } from '../../shared/domain/person';
import { BREAK_KINDS, type Delegation, type Programme, type Session } from '../../shared/domain/programme';
import type { Registration } from '../../shared/domain/registration';
import { hasArabic, LRI, PDI } from '../../shared/text/arabic';
import { splitNameTitle } from '../registrations/import/normalise';
import { attendees, registrantsByCategory } from './registrant-selection';
import { visitsOf } from './visit-docx';

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
      checkRegistrants(registrantsByCategory(input.registrations, options), options, findings, {
        positionAndOrganisation: true,
      });
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
    case 'itinerary':
    case 'movementSheet':
      checkVisitPaper(input, options, findings);
      break;
    case 'briefing':
      checkBriefing(input, options, findings);
      break;
    case 'reception':
      checkReception(input, options, findings);
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
    const check = { english, arabicOnly, bios: withBio && options.includeBios, position: 'orOrganisation' } as const;
    checkPerson(person, organisations, check, findings);
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
  /**
   * `position`: whether the paper prints the person's position beside the
   * name, and, as the programme does, their organisation in its place when
   * they have none.
   */
  check: { english: boolean; arabicOnly: boolean; bios: boolean; position: 'none' | 'own' | 'orOrganisation' },
  findings: Findings,
): void {
  const owner = { ownerAr: person.nameAr, ownerEn: person.nameEn };
  const target = (field: 'nameAr' | 'nameEn' | 'positionEn' | 'bioEn') =>
    ({ kind: 'person', id: person.id, field }) as const;
  if (check.english) {
    if (lacksEnglish(person.nameAr, person.nameEn)) findings.add('noEnglish', target('nameEn'), person.nameAr, owner);
    if (check.position !== 'none' && lacksEnglish(person.positionAr, person.positionEn)) {
      findings.add('noEnglish', target('positionEn'), person.positionAr, owner);
    }
    // With no position at all, the programme prints the organisation's name in its place.
    const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
    if (
      check.position === 'orOrganisation' &&
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

/**
 * The registrants' names; with `positionAndOrganisation`, a card's lines too: an English badge or
 * name card prints the registrant's own English position and organisation, and marks what has none.
 */
function checkRegistrants(
  registrants: readonly Registration[],
  options: ExportOptions,
  findings: Findings,
  prints: { positionAndOrganisation?: boolean } = {},
): void {
  const { english, arabicOnly } = languagesOf(options);
  const englishCard = prints.positionAndOrganisation === true && 'language' in options && options.language === 'en';
  for (const r of registrants) {
    const owner = { ownerAr: r.fullName, ownerEn: r.fullNameEn };
    const target = (field: 'fullName' | 'fullNameEn' | 'positionEn' | 'organisationEn') =>
      ({ kind: 'registration', id: r.id, field }) as const;
    if (english && lacksEnglish(r.fullName, r.fullNameEn)) {
      findings.add('noEnglish', target('fullNameEn'), r.fullName, owner);
    }
    if (englishCard && lacksEnglish(r.position, r.positionEn)) {
      findings.add('noEnglish', target('positionEn'), r.position, owner);
    }
    if (englishCard && lacksEnglish(r.organisation, r.organisationEn)) {
      findings.add('noEnglish', target('organisationEn'), r.organisation, owner);
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

/** The directory as the papers look people up. */
function peopleOf(directory: Directory) {
  return {
    people: new Map(directory.people.map((p) => [p.id, p])),
    organisations: new Map(directory.organisations.map((o) => [o.id, o])),
  };
}

/** "12:30", for a finding's text: the times the stops run to (kept left to right around its arrow, see overrun). */
const clock = (minutes: number) => {
  const m = ((minutes % (24 * 60)) + 24 * 60) % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** A session's place as the papers print it: its hall's name, or the place typed. */
function checkSessionPlace(session: Session, programme: Programme, findings: Findings): void {
  const owner = { ownerAr: session.titleAr, ownerEn: session.titleEn };
  const hall = session.hallId ? programme.halls.find((h) => h.id === session.hallId) : undefined;
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

/**
 * The itinerary and the movement sheet: the visit's title and place, the
 * accompanying party's names, each stop's place and host in the paper's
 * language; a stop with no place or no one to receive the guests, stops that
 * run past the tour's end; and on the drivers' sheet a stop they cannot find
 * (no address, no map link), cannot call (no host's mobile, no site
 * telephone) or has no cars.
 */
function checkVisitPaper(
  input: PreflightInput,
  options: ItineraryExport | MovementSheetExport,
  findings: Findings,
): void {
  let visits: Session[];
  try {
    visits = visitsOf(input.programme.sessions, options.sessionId);
  } catch {
    // No such visit, or no stops: the export itself refuses, saying so.
    return;
  }
  const { english, arabicOnly } = languagesOf(options);
  const { people, organisations } = peopleOf(input.directory);
  const drivers = options.kind === 'movementSheet';
  checkForumTitle(input.forum, options, findings);
  for (const visit of visits) {
    const owner = { ownerAr: visit.titleAr, ownerEn: visit.titleEn };
    if (english) {
      if (lacksEnglish(visit.titleAr, visit.titleEn)) {
        findings.add('noEnglish', { kind: 'session', id: visit.id, field: 'titleEn' }, visit.titleAr, owner);
      }
      checkSessionPlace(visit, input.programme, findings);
    }
    for (const id of visit.presentIds) {
      const person = people.get(id);
      if (person) checkPerson(person, organisations, { english, arabicOnly, bios: false, position: 'none' }, findings);
    }
    const schedule = stopSchedule(visit);
    if (schedule.end > visit.end) {
      findings.add(
        'missingDetail',
        { kind: 'visit', id: visit.id, field: 'overrun' },
        // Isolated left to right: in an Arabic line the two times would swap around the arrow.
        `${LRI}${clock(visit.end)} → ${clock(schedule.end)}${PDI}`,
        owner,
      );
    }
    for (const stop of visit.stops) {
      const target = (field: Extract<PreflightTarget, { kind: 'stop' }>['field']) =>
        ({ kind: 'stop', sessionId: visit.id, id: stop.id, field }) as const;
      const place = stop.placeAr || stop.placeEn;
      if (!place) findings.add('missingDetail', target('place'), '', owner);
      if (english && lacksEnglish(stop.placeAr, stop.placeEn)) {
        findings.add('noEnglish', target('placeEn'), stop.placeAr, owner);
      }
      const host = stop.hostId ? people.get(stop.hostId) : undefined;
      if (host) {
        checkPerson(host, organisations, { english, arabicOnly, bios: false, position: 'own' }, findings);
      } else if (stop.hostName || stop.hostNameEn) {
        if (english && lacksEnglish(stop.hostName, stop.hostNameEn)) {
          findings.add('noEnglish', target('hostNameEn'), stop.hostName, owner);
        }
      } else findings.add('missingDetail', target('host'), place, owner);
      if (!drivers) continue;
      if (!stop.address && !stop.mapLink) findings.add('missingDetail', target('address'), place, owner);
      if (!host?.mobile && !stop.contact) findings.add('missingDetail', target('contact'), place, owner);
      if (!stop.vehicles.some(Boolean)) findings.add('missingDetail', target('vehicles'), place, owner);
    }
  }
}

/** The delegation an export names, or none (the export itself then refuses, saying why). */
function chosenDelegation(programme: Programme, id: string | null): Delegation | undefined {
  return id === null ? undefined : programme.delegations.find((d) => d.id === id);
}

/** A delegation's people in protocol order: its head, then its members (as the papers list them). */
function delegationPeople(d: Delegation): string[] {
  return [...(d.headId ? [d.headId] : []), ...d.memberIds.filter((id) => id !== d.headId)];
}

/** The names the papers print of a delegation's liaison officer and reception party, from the directory. */
function checkReceivers(
  d: Delegation,
  directory: ReturnType<typeof peopleOf>,
  languages: { english: boolean; arabicOnly: boolean },
  findings: Findings,
): void {
  for (const named of [d.hostOfficer, ...d.receptionParty]) {
    const person = named.personId ? directory.people.get(named.personId) : undefined;
    if (person) checkPerson(person, directory.organisations, { ...languages, bios: false, position: 'none' }, findings);
  }
}

function checkDelegationName(d: Delegation, english: boolean, findings: Findings): void {
  if (english && lacksEnglish(d.nameAr, d.nameEn)) {
    findings.add('noEnglish', { kind: 'delegation', id: d.id, field: 'nameEn' }, d.nameAr, {
      ownerAr: d.nameAr,
      ownerEn: d.nameEn,
    });
  }
}

/**
 * The briefing file an outgoing delegation's head takes along: the meeting
 * (the forum's title, edition, organisers and venue), the members' names and
 * positions, the programme's sessions and places, in the paper's language;
 * a delegation with no head, no members or no liaison officer; each member
 * with no flight in or out, no arrival time or no hotel in the travel table.
 */
function checkBriefing(input: PreflightInput, options: BriefingExport, findings: Findings): void {
  const delegation = chosenDelegation(input.programme, options.delegationId);
  if (!delegation) return;
  const languages = languagesOf(options);
  const { english } = languages;
  const directory = peopleOf(input.directory);
  const { forum } = input;
  checkForumTitle(forum, options, findings);
  if (english) {
    const owner = forumOwner(forum);
    if (forum.editionNumber === null && lacksEnglish(forum.edition, '')) {
      findings.add('noEnglish', { kind: 'forum', field: 'editionNumber', index: null }, forum.edition, owner);
    }
    for (const [index, organiser] of forum.organisers.entries()) {
      if (lacksEnglish(organiser, forum.organisersEn?.[index])) {
        findings.add('noEnglish', { kind: 'forum', field: 'organisersEn', index }, organiser, owner);
      }
    }
    checkVenue(forum, findings);
  }
  checkDelegationName(delegation, english, findings);
  const ids = delegationPeople(delegation);
  const detail = (field: Extract<PreflightTarget, { kind: 'delegationDetail' }>['field']) =>
    findings.add('missingDetail', { kind: 'delegationDetail', id: delegation.id, field }, '', {
      ownerAr: delegation.nameAr,
      ownerEn: delegation.nameEn,
    });
  if (ids.length === 0) detail('members');
  else if (!delegation.headId) detail('head');
  if (!delegation.hostOfficer.personId && !delegation.hostOfficer.name) detail('hostOfficer');
  const details = new Map(delegation.memberDetails.map((m) => [m.personId, m]));
  for (const id of ids) {
    const person = directory.people.get(id);
    if (!person) continue;
    checkPerson(person, directory.organisations, { ...languages, bios: false, position: 'own' }, findings);
    const member = details.get(id);
    const lacks = memberLacks(findings, delegation, person);
    if (!member?.arrival) lacks('arrival');
    else {
      if (!member.arrival.flight) lacks('flight');
      if (member.arrival.time === null) lacks('arrivalTime');
    }
    if (!member?.departure) lacks('departure');
    if (!member?.hotel) lacks('hotel');
  }
  checkReceivers(delegation, directory, languages, findings);
  if (english) {
    for (const session of input.programme.sessions) {
      if (lacksEnglish(session.titleAr, session.titleEn)) {
        findings.add('noEnglish', { kind: 'session', id: session.id, field: 'titleEn' }, session.titleAr, {
          ownerAr: session.titleAr,
          ownerEn: session.titleEn,
        });
      }
      checkSessionPlace(session, input.programme, findings);
    }
  }
}

/** Says what a delegation member's travel and stay lack, under their name. */
function memberLacks(findings: Findings, delegation: Delegation, person: Person) {
  return (field: Extract<PreflightTarget, { kind: 'member' }>['field']) =>
    findings.add('missingDetail', { kind: 'member', delegationId: delegation.id, personId: person.id, field }, '', {
      ownerAr: person.nameAr,
      ownerEn: person.nameEn,
    });
}

/**
 * The airport-reception schedule: each arriving member's name and their
 * delegation's, in the paper's language; a member of an incoming delegation
 * with no arrival (left off the schedule), an arrival with no flight number
 * or no time, an arriving member with no car; a delegation landing with no
 * one to receive it.
 */
function checkReception(input: PreflightInput, options: ReceptionExport, findings: Findings): void {
  const chosen = chosenDelegation(input.programme, options.delegationId);
  if (options.delegationId !== null && !chosen) return;
  const delegations = chosen ? [chosen] : input.programme.delegations.filter((d) => d.direction === 'incoming');
  const languages = languagesOf(options);
  const directory = peopleOf(input.directory);
  checkForumTitle(input.forum, options, findings);
  for (const delegation of delegations) {
    const ids = delegationPeople(delegation);
    const owner = { ownerAr: delegation.nameAr, ownerEn: delegation.nameEn };
    if (ids.length === 0) {
      findings.add('missingDetail', { kind: 'delegationDetail', id: delegation.id, field: 'members' }, '', owner);
      continue;
    }
    checkDelegationName(delegation, languages.english, findings);
    const details = new Map(delegation.memberDetails.map((m) => [m.personId, m]));
    let landing = false;
    for (const id of ids) {
      const person = directory.people.get(id);
      if (!person) continue;
      checkPerson(person, directory.organisations, { ...languages, bios: false, position: 'none' }, findings);
      const member = details.get(id);
      const lacks = memberLacks(findings, delegation, person);
      if (!member?.arrival) {
        lacks('arrival');
        continue;
      }
      landing = true;
      if (!member.arrival.flight) lacks('flight');
      if (member.arrival.time === null) lacks('arrivalTime');
      if (!delegation.cars.some((car) => car.id === member.carId)) lacks('car');
    }
    const received = delegation.hostOfficer.personId || delegation.hostOfficer.name || delegation.receptionParty.length;
    if (landing && !received) {
      findings.add(
        'missingDetail',
        { kind: 'delegationDetail', id: delegation.id, field: 'receptionParty' },
        '',
        owner,
      );
    }
    checkReceivers(delegation, directory, languages, findings);
  }
}
