/**
 * The attendee lists: one .xlsx with the forum's registrants, in
 * the coordinator's choice of columns and split into sheets by category,
 * organisation or delegation; a summary first, a sign-in sheet (كشف حضور)
 * with blank rows for walk-ins, and an attendance sheet per workshop. Every
 * sheet prints on A4 with its header row on each page (see xlsx-kit).
 */
import { makeFormatters } from '../../shared/calendar/formatters';
import type { AttendeeColumn, AttendeeListExport } from '../../shared/domain/export';
import type { Person } from '../../shared/domain/person';
import type { Delegation, Session } from '../../shared/domain/programme';
import { REGISTRANT_TEXT_FIELDS, type RegistrantTextField } from '../../shared/domain/registrant-fields';
import {
  CATEGORY_COLOURS,
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  type Registration,
} from '../../shared/domain/registration';
import { protocolOrder, registrantName } from '../../shared/people/protocol-name';
import {
  countRegistrations,
  organisationKey,
  type RegistrationCounts,
  sortByName,
} from '../../shared/registrations/registration-index';
import { compareArabic } from '../../shared/text/arabic';
import {
  categoryName,
  nameIn,
  registrantColumnName,
  statusName,
  titleIn,
  type Words,
  writtenDay,
} from './document-words';
import type { ExportInput, ExportWriter } from './export-input';
import { organisationsInEnglish, RegistrantPeople, registrantInEnglish } from './registrant-people';
import {
  type CellKind,
  type CellValue,
  type Line,
  localDateTime,
  type Rows,
  type TableColumn,
  XlsxBook,
} from './xlsx-kit';

const WORDS = {
  attendees: { ar: 'قائمة المشاركين', en: 'Attendees' },
  summary: { ar: 'الملخص', en: 'Summary' },
  signIn: { ar: 'كشف الحضور', en: 'Sign-in sheet' },
  signature: { ar: 'التوقيع', en: 'Signature' },
  otherOrganisations: { ar: 'جهات أخرى', en: 'Other organisations' },
  noOrganisation: { ar: '(بلا جهة)', en: '(no organisation)' },
  noDelegation: { ar: 'بلا وفد', en: 'No delegation' },
  byCategory: { ar: 'حسب الفئة', en: 'By category' },
  byStatus: { ar: 'حسب الحالة', en: 'By status' },
  byOrganisation: { ar: 'حسب الجهة', en: 'By organisation' },
  count: { ar: 'العدد', en: 'Number' },
  total: { ar: 'المجموع', en: 'Total' },
  madeAt: { ar: 'أُعدّت القوائم في', en: 'Lists made on' },
  sheet: { ar: 'ورقة', en: 'Sheet' },
  role: { ar: 'الصفة', en: 'Role' },
  headMale: { ar: 'رئيس الوفد', en: 'Head of delegation' },
  headFemale: { ar: 'رئيسة الوفد', en: 'Head of delegation' },
  memberMale: { ar: 'عضو', en: 'Member' },
  memberFemale: { ar: 'عضوة', en: 'Member' },
} satisfies Record<string, Words>;

/** A registrant's text field reads as the registrant fields' table says: left to right, or as its text goes. */
const kindOf = (field: RegistrantTextField): CellKind => (REGISTRANT_TEXT_FIELDS[field].dir === 'ltr' ? 'ltr' : 'text');

/** How each column's cells read; headed with the registrations table's words, the ones the coordinator ticked. */
const COLUMN_KINDS: Readonly<Record<AttendeeColumn, CellKind>> = {
  serial: 'number',
  code: 'ltr',
  name: 'text',
  nameEn: kindOf('fullNameEn'),
  position: kindOf('position'),
  organisation: kindOf('organisation'),
  category: 'text',
  status: 'text',
  delegation: 'text',
  mobile: kindOf('mobile'),
  email: kindOf('email'),
  country: kindOf('country'),
  city: kindOf('city'),
  checkedInAt: 'ltr',
  notes: 'text',
};

/** The columns of a sheet people sign: who they are, and room for the signature. */
const SIGNING_COLUMNS = ['serial', 'name', 'organisation'] as const satisfies readonly AttendeeColumn[];
const SIGNATURE_WIDTH = 32;

/**
 * Grouping by organisation: a forum can have 500 organisations with a
 * handful of registrants each, and 500 tabs help nobody. The largest
 * organisations get a sheet each (at most as many as the dashboard names,
 * and only those with at least two registrants), so each can be printed
 * for that organisation's liaison; everyone else is on one "other
 * organisations" sheet, sorted by organisation and then by name, with the
 * organisation column added if it was not chosen. That sheet stays a plain
 * table (no heading rows between organisations), so Excel's sort and filter
 * still work on it.
 */
const ORGANISATION_SHEETS = 15;
const ORGANISATION_SHEET_MIN = 2;
/** The summary names this many organisations and sums the rest, as the dashboard does. */
const SUMMARY_ORGANISATIONS = 15;

interface Group {
  name: string;
  tabColour?: string;
  registrations: readonly Registration[];
  columns: readonly AttendeeColumn[];
  /** A delegation's sheet: its head, and those on it only because the programme names them. */
  delegation?: DelegationRows;
}

interface DelegationRows {
  head: Registration | null;
  /**
   * Members the programme names who have no registration (or none the
   * directory can tell is theirs): listed from the directory, with the
   * registration's own columns (code, category, status, check-in) left empty.
   */
  fromDirectory: ReadonlySet<Registration>;
}

/** The columns only a registration has: empty for a delegation member listed from the directory. */
const REGISTRATION_ONLY: ReadonlySet<AttendeeColumn> = new Set(['code', 'category', 'status', 'checkedInAt']);

export const writeAttendeeLists: ExportWriter<AttendeeListExport> = async (input) => {
  const { options, progress } = input;
  const lang = options.language;
  const wanted = new Set(options.statuses);
  // Matching registrants to the directory folds every name: only for the lists that use it.
  const matched = lang === 'en' || options.grouping === 'delegation';
  const people = new RegistrantPeople(input.registrations, matched ? input.directory : { people: [] });
  // An English list takes the English name, position and organisation the directory has for a registrant.
  const organisationEn = organisationsInEnglish(input.directory);
  const shown = new Map<Registration, Registration>();
  for (const r of input.registrations) {
    if (wanted.has(r.status)) {
      shown.set(r, lang === 'en' ? registrantInEnglish(r, people.personOf(r), organisationEn) : r);
    }
  }
  const listed = sortByName([...shown.values()], lang);
  const cells = cellMakers(input);
  const header = (c: AttendeeColumn): TableColumn => ({ header: registrantColumnName(c, lang), kind: COLUMN_KINDS[c] });
  const rowsOf = (registrations: readonly Registration[], makers: readonly CellMaker[], walkIns = 0): Rows => ({
    count: registrations.length + walkIns,
    row: (i) => {
      const r = registrations[i];
      // Past the registrants, numbered blank rows for those who come without registering.
      return r ? makers.map((make) => orEmpty(make(r, i + 1))) : makers.map((_, c) => (c === 0 ? i + 1 : undefined));
    },
  });

  const lists = groups(listed, input, { people, shown }).map((group) => {
    const { delegation } = group;
    const made = group.columns.map((c) => ({
      column: header(c),
      make:
        delegation && REGISTRATION_ONLY.has(c)
          ? (r: Registration, serial: number) => (delegation.fromDirectory.has(r) ? undefined : cells[c](r, serial))
          : cells[c],
    }));
    // A delegation's sheet says who heads it, beside the name (or first after the serial).
    if (delegation) {
      const at = group.columns.indexOf('name') + 1 || group.columns.indexOf('serial') + 1;
      made.splice(at, 0, { column: { header: WORDS.role[lang], kind: 'text' }, make: roleIn(delegation, lang) });
    }
    return {
      sheet: { name: group.name, heading: group.name, tabColour: group.tabColour, columns: made.map((m) => m.column) },
      rows: rowsOf(
        group.registrations,
        made.map((m) => m.make),
      ),
    };
  });
  const signing = [
    ...(options.signInSheet
      ? [{ name: WORDS.signIn[lang], heading: WORDS.signIn[lang], registrations: listed, walkIns: options.walkInRows }]
      : []),
    ...(options.sessionSheets ? sessionSheets(listed, input) : []),
  ].map(({ name, heading, registrations, walkIns }) => ({
    sheet: {
      name,
      heading,
      signing: true,
      columns: [
        ...SIGNING_COLUMNS.map(header),
        { header: WORDS.signature[lang], kind: 'text' as const, width: SIGNATURE_WIDTH },
      ],
    },
    rows: rowsOf(registrations, [...SIGNING_COLUMNS.map((c) => cells[c]), () => undefined], walkIns),
  }));
  const summary = options.summary ? summaryLines(countRegistrations(listed), input) : [];

  const sheets = [...lists, ...signing];
  progress.setTotal(summary.length + sheets.reduce((n, s) => n + 1 + s.rows.count, 0));
  const book = new XlsxBook({
    lang,
    title: titleIn(input.forum, lang),
    madeAt: localDateTime(input.now),
    fallbackName: WORDS.sheet[lang],
    progress,
  });
  if (options.summary) await book.lines(WORDS.summary[lang], ['text', 'number'], summary);
  for (const { sheet, rows } of sheets) await book.table(sheet, rows);
  return book.finish();
};

/** An empty field is an empty cell, not a cell holding "". */
function orEmpty(value: CellValue): CellValue {
  return value === '' ? undefined : value;
}

/** How a column's cell is made from a registration; `serial` is its row within the sheet. */
type CellMaker = (r: Registration, serial: number) => CellValue;

function cellMakers(input: ExportInput<AttendeeListExport>): Record<AttendeeColumn, CellMaker> {
  const lang = input.options.language;
  const delegations = new Map(input.programme.delegations.map((d) => [d.id, nameIn(d, lang)]));
  const categories = Object.fromEntries(REGISTRATION_CATEGORIES.map((c) => [c, categoryName(c, lang)]));
  const statuses = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, statusName(s, lang)]));
  return {
    serial: (_r, serial) => serial,
    code: (r) => r.code,
    // Without an English name, an English list prints the Arabic protocol name whole, never "Eng. فاطمة …".
    name: (r) => registrantName(r, lang === 'en' && !r.fullNameEn ? 'ar' : lang),
    nameEn: (r) => r.fullNameEn,
    position: (r) => r.position,
    organisation: (r) => r.organisation,
    category: (r) => categories[r.category] ?? r.category,
    status: (r) => statuses[r.status] ?? r.status,
    delegation: (r) => (r.delegationId === null ? undefined : delegations.get(r.delegationId)),
    mobile: (r) => r.mobile,
    email: (r) => r.email,
    country: (r) => r.country,
    city: (r) => r.city,
    checkedInAt: (r) => (r.checkedInAt === null ? undefined : localDateTime(new Date(r.checkedInAt))),
    notes: (r) => r.notes,
  };
}

/** The list's sheets for the chosen grouping; at least one, so an empty forum still gets its headers. */
function groups(
  listed: readonly Registration[],
  input: ExportInput<AttendeeListExport>,
  known: DelegationLookup,
): Group[] {
  const { language: lang, columns } = input.options;
  const all: Group = { name: WORDS.attendees[lang], registrations: listed, columns };
  let out: Group[];
  switch (input.options.grouping) {
    case 'none':
      return [all];
    case 'category': {
      const byCategory = partition(listed, (r) => r.category);
      // A sheet of one category has no use for the category column.
      const shown = withoutColumn(columns, 'category');
      out = REGISTRATION_CATEGORIES.flatMap((c) => {
        const registrations = byCategory.get(c);
        if (!registrations) return [];
        // The VIPs in protocol order (صاحب السمو, then معالي, then سعادة …), as they are seated and received.
        const ordered = c === 'vip' ? protocolOrder(registrations) : registrations;
        return [
          { name: categoryName(c, lang), tabColour: CATEGORY_COLOURS[c], registrations: ordered, columns: shown },
        ];
      });
      break;
    }
    case 'organisation':
      out = organisationGroups(listed, input);
      break;
    case 'delegation':
      out = delegationGroups(listed, input, known);
      break;
  }
  return out.length > 0 ? out : [all];
}

/** What a delegation's sheet is built from besides the listed registrations. */
interface DelegationLookup {
  people: RegistrantPeople;
  /** Each registration of the forum that is listed, as the list prints it (in English, for an English list). */
  shown: ReadonlyMap<Registration, Registration>;
}

/**
 * A sheet for each delegation of the programme, built from the programme:
 * its head first, then its members in the order the programme lists them
 * (the protocol order the coordinator set), each by their registration, or
 * from the directory when they have none; then the registrants who chose the
 * delegation but whom the programme does not name, in protocol order. A member
 * whose registration is not listed (cancelled, when cancellations are left
 * out) is not printed. Everyone else is on a last "no delegation" sheet.
 */
function delegationGroups(
  listed: readonly Registration[],
  input: ExportInput<AttendeeListExport>,
  { people, shown }: DelegationLookup,
): Group[] {
  const { language: lang } = input.options;
  // Every sheet of this grouping is one delegation, or none: the delegation column would say it on every row.
  const columns = withoutColumn(input.options.columns, 'delegation');
  const directory = new Map(input.directory.people.map((p) => [p.id, p]));
  const organisations = new Map(input.directory.organisations.map((o) => [o.id, o]));
  const placed = new Set<Registration>();
  const out: Group[] = input.programme.delegations.map((d) => {
    const registrations: Registration[] = [];
    const fromDirectory = new Set<Registration>();
    let head: Registration | null = null;
    // A person the programme names twice (a file edited by hand) is one row.
    const named = new Set<string>();
    const add = (personId: string): Registration | null => {
      if (named.has(personId)) return null;
      named.add(personId);
      const registration = people.registrationOf(personId);
      if (registration) {
        const printed = shown.get(registration);
        if (!printed || placed.has(printed)) return null;
        placed.add(printed);
        registrations.push(printed);
        return printed;
      }
      const person = directory.get(personId);
      if (!person) return null;
      const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
      const member = memberFromDirectory(person, d, organisation ? nameIn(organisation, lang) : '', lang);
      fromDirectory.add(member);
      registrations.push(member);
      return member;
    };
    if (d.headId) head = add(d.headId);
    for (const id of d.memberIds) add(id);
    for (const r of protocolOrder(listed.filter((r) => r.delegationId === d.id && !placed.has(r)))) {
      placed.add(r);
      registrations.push(r);
    }
    return { name: nameIn(d, lang), registrations, columns, delegation: { head, fromDirectory } };
  });
  const without = listed.filter((r) => !placed.has(r));
  if (without.length > 0) out.push({ name: WORDS.noDelegation[lang], registrations: without, columns });
  return out;
}

/**
 * A member of a delegation the programme names and no registration stands
 * for, as a row of the list: the directory's name, position, organisation,
 * e-mail, mobile and country. Not a registration: it is never saved, and the
 * columns only a registration has are left empty (REGISTRATION_ONLY).
 */
function memberFromDirectory(
  person: Person,
  delegation: Delegation,
  organisation: string,
  lang: 'ar' | 'en',
): Registration {
  return {
    id: person.id,
    code: '',
    honorific: person.honorific,
    title: person.title,
    gender: person.gender,
    fullName: person.nameAr,
    fullNameEn: person.nameEn,
    organisation,
    // The organisation comes named in the list's language already.
    organisationEn: '',
    position: nameIn({ nameAr: person.positionAr, nameEn: person.positionEn }, lang),
    positionEn: person.positionEn,
    email: person.email,
    mobile: person.mobile,
    mobileE164: null,
    country: person.country,
    city: '',
    category: 'delegate',
    status: 'invited',
    delegationId: delegation.id,
    sessionIds: [],
    notes: '',
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: delegation.updatedAt,
    updatedAt: delegation.updatedAt,
  };
}

/** The role column of a delegation's sheet: its head marked, the others members. */
function roleIn(delegation: DelegationRows, lang: 'ar' | 'en'): CellMaker {
  return (r) => {
    const female = r.gender === 'female';
    if (r === delegation.head) return (female ? WORDS.headFemale : WORDS.headMale)[lang];
    return (female ? WORDS.memberFemale : WORDS.memberMale)[lang];
  };
}

/** The columns without one, unless it is the only one chosen. */
function withoutColumn(columns: readonly AttendeeColumn[], left: AttendeeColumn): readonly AttendeeColumn[] {
  const rest = columns.filter((c) => c !== left);
  return rest.length > 0 ? rest : columns;
}

/** See ORGANISATION_SHEETS for the rule. */
function organisationGroups(listed: readonly Registration[], input: ExportInput<AttendeeListExport>): Group[] {
  const { language: lang, columns } = input.options;
  const byOrganisation = partition(listed, organisationKey);
  const ranked = countRegistrations(listed).byOrganisation;
  const own = ranked.filter((o) => o.key !== '' && o.count >= ORGANISATION_SHEET_MIN).slice(0, ORGANISATION_SHEETS);
  const ownKeys = new Set(own.map((o) => o.key));
  const out: Group[] = own.map((o) => ({ name: o.name, registrations: byOrganisation.get(o.key) ?? [], columns }));
  // The rest by organisation (those without one last), each organisation's people still in name order.
  const rest = ranked
    .filter((o) => !ownKeys.has(o.key))
    .sort((a, b) => Number(a.key === '') - Number(b.key === '') || compareArabic(a.name, b.name))
    .flatMap((o) => byOrganisation.get(o.key) ?? []);
  if (rest.length > 0) {
    out.push({ name: WORDS.otherOrganisations[lang], registrations: rest, columns: withOrganisation(columns) });
  }
  return out;
}

/** The columns with the organisation among them: after the name, or first after the serial. */
function withOrganisation(columns: readonly AttendeeColumn[]): readonly AttendeeColumn[] {
  if (columns.includes('organisation')) return columns;
  const after = columns.indexOf('name') + 1 || columns.indexOf('serial') + 1;
  return [...columns.slice(0, after), 'organisation', ...columns.slice(after)];
}

interface SigningSheet {
  name: string;
  heading: string;
  registrations: readonly Registration[];
  walkIns: number;
}

/** An attendance sheet per session a listed registrant chose, in the programme's order of time. */
function sessionSheets(listed: readonly Registration[], input: ExportInput<AttendeeListExport>): SigningSheet[] {
  const lang = input.options.language;
  const bySession = new Map<string, Registration[]>();
  for (const r of listed) {
    for (const id of r.sessionIds) {
      const list = bySession.get(id);
      if (list) list.push(r);
      else bySession.set(id, [r]);
    }
  }
  const fmt = makeFormatters({ ...input.settings, language: lang, digits: 'latn' });
  const comma = lang === 'ar' ? '،' : ',';
  const when = (s: Session) =>
    `${writtenDay(fmt, s.day, lang, 'first')}${comma} ${fmt.clock(s.start)}–${fmt.clock(s.end)}`;
  return input.programme.sessions
    .filter((s) => bySession.has(s.id))
    .sort((a, b) => a.day.localeCompare(b.day) || a.start - b.start)
    .map((s) => ({
      name: titleIn(s, lang),
      heading: `${titleIn(s, lang)} — ${when(s)}`,
      registrations: bySession.get(s.id) ?? [],
      walkIns: 0,
    }));
}

/** The summary: the forum, its dates, and the listed registrants counted three ways. */
function summaryLines(counts: RegistrationCounts, input: ExportInput<AttendeeListExport>): Line[] {
  const { options, forum } = input;
  const lang = options.language;
  const fmt = makeFormatters({ ...input.settings, language: lang, digits: 'latn' });
  const [firstCalendar, secondCalendar] = fmt.rangeBoth(forum.firstDay, forum.lastDay);
  const top = counts.byOrganisation.slice(0, SUMMARY_ORGANISATIONS);
  const others = counts.byOrganisation.slice(SUMMARY_ORGANISATIONS).reduce((sum, o) => sum + o.count, 0);
  const heading = (words: Words): Line => ({ values: [words[lang], WORDS.count[lang]], emphasis: 'heading' });
  const blank: Line = { values: [] };
  return [
    { values: [titleIn(forum, lang)], emphasis: 'title' },
    { values: [firstCalendar] },
    { values: [secondCalendar] },
    { values: [`${WORDS.madeAt[lang]} ${localDateTime(input.now)}`] },
    blank,
    heading(WORDS.byCategory),
    ...REGISTRATION_CATEGORIES.map((c): Line => ({ values: [categoryName(c, lang), counts.byCategory[c]] })),
    blank,
    heading(WORDS.byStatus),
    ...REGISTRATION_STATUSES.filter((s) => options.statuses.includes(s)).map(
      (s): Line => ({ values: [statusName(s, lang), counts.byStatus[s]] }),
    ),
    blank,
    heading(WORDS.byOrganisation),
    ...top.map((o): Line => ({ values: [o.name || WORDS.noOrganisation[lang], o.count] })),
    ...(others > 0 ? [{ values: [WORDS.otherOrganisations[lang], others] }] : []),
    blank,
    { values: [WORDS.total[lang], counts.total], emphasis: 'heading' },
  ];
}

/** The list split by a key, each part keeping the list's order. */
function partition<K>(list: readonly Registration[], keyOf: (r: Registration) => K): Map<K, Registration[]> {
  const parts = new Map<K, Registration[]>();
  for (const r of list) {
    const key = keyOf(r);
    const part = parts.get(key);
    if (part) part.push(r);
    else parts.set(key, [r]);
  }
  return parts;
}
