/**
 * One spreadsheet row to the registration it would make, with the reason for
 * every cell that cannot be read. A cell that cannot be read rejects its row
 * (nothing is guessed); the coordinator corrects the cell in the preview, or
 * takes the row anyway: its values leave that field empty and keep the
 * cell's text in the notes, so nothing typed is lost.
 */

import { REGISTRANT_TEXT_FIELD_NAMES, textLimitOf } from '../../../shared/domain/registrant-fields';
import { emptyRegistrationInput, type RegistrationCategory } from '../../../shared/domain/registration';
import type { CellProblem, ImportedValues, ImportField } from '../../../shared/domain/registration-import';
import { normalizeHeader } from './column-mapping';
import { cleanText, isPlaceholder, normaliseEmail, normalisePhone, parseGender, splitNameTitle } from './normalise';

/** The longest text each field keeps (the registration schema's limits); a name's parts, a whole name's. */
const MAX_LENGTH: Partial<Record<ImportField, number>> = Object.fromEntries(
  REGISTRANT_TEXT_FIELD_NAMES.flatMap((field) => (field === 'email' ? [] : [[field, textLimitOf(field)]])),
);
const NAME_MAX = textLimitOf('fullName');
const MOBILE_MAX = textLimitOf('mobile');
const NOTES_MAX = textLimitOf('notes');

/** Words coordinators and forms use for each category, folded like headers (article, hamza, case). */
const CATEGORY_WORDS: Readonly<Record<RegistrationCategory, readonly string[]>> = {
  vip: ['vip', 'v.i.p', 'كبار الشخصيات', 'كبار الزوار', 'كبار الضيوف', 'ضيف شرف', 'شخصية هامة', 'شخصيات هامة'],
  speaker: ['speaker', 'متحدث', 'متحدثة', 'المتحدثون', 'محاضر', 'مقدم ورقة', 'مقدم ورقة عمل', 'presenter', 'panelist'],
  delegate: ['delegate', 'مندوب', 'مندوبة', 'عضو وفد', 'وفد', 'delegation', 'delegation member'],
  participant: ['participant', 'مشارك', 'مشاركة', 'attendee', 'حضور', 'حاضر', 'زائر', 'visitor', 'مدعو', 'guest'],
  media: ['media', 'press', 'journalist', 'إعلام', 'إعلامي', 'إعلامية', 'صحفي', 'صحفية', 'صحافة', 'وسائل الإعلام'],
  staff: [
    'staff',
    'organiser',
    'organizer',
    'organising staff',
    'organizing staff',
    'organizing committee',
    'منظم',
    'اللجنة المنظمة',
    'فريق التنظيم',
    'فريق العمل',
    'لجنة التنظيم',
  ],
};
const CATEGORY_OF = new Map<string, RegistrationCategory>(
  Object.entries(CATEGORY_WORDS).flatMap(([category, words]) =>
    words.map((w) => [normalizeHeader(w), category as RegistrationCategory] as const),
  ),
);

/** A category cell in Arabic or English ("كبار الشخصيات", "VIP", "Media / إعلام"), or null. */
export function parseCategory(raw: string): RegistrationCategory | null {
  const whole = CATEGORY_OF.get(normalizeHeader(raw));
  if (whole) return whole;
  // Bilingual answers ("إعلام / Media"): every part must name the same category.
  const parts = raw.split(/[/|\\،,;؛]/).map((p) => CATEGORY_OF.get(normalizeHeader(p)));
  const [first] = parts;
  return parts.length > 1 && first && parts.every((p) => p === first) ? first : null;
}

export interface RowContext {
  /** The forum's calling code for numbers written nationally ("966"). */
  defaultCountry: string;
  /** The forum's delegations by folded name (Arabic and English), to link a "delegation" column. */
  delegationByName: ReadonlyMap<string, string>;
  /**
   * Answers already worked out for a column's cell, by field and text. Gender,
   * category, title and delegation columns hold a handful of distinct values
   * over thousands of rows; reading each once keeps a large import fast.
   */
  memo?: Map<string, unknown>;
}

function remembered<T>(context: RowContext, field: ImportField, raw: string, read: (raw: string) => T): T {
  if (!context.memo) return read(raw);
  const key = `${field}\u0000${raw}`;
  if (context.memo.has(key)) return context.memo.get(key) as T;
  const value = read(raw);
  context.memo.set(key, value);
  return value;
}

/**
 * Each cell of a row cleaned (see cleanText), and '' where it holds no value:
 * blank, a dash, «لا يوجد», "anonymous". Worked out once per row: telling a
 * blank row, reading the row and telling whether it is a person all look at it.
 */
export function cellTexts(cells: readonly string[]): string[] {
  return cells.map((raw) => {
    if (raw === '') return '';
    const text = cleanText(raw);
    return text === '' || isPlaceholder(text) ? '' : text;
  });
}

/** A row's values before its cells are read: the registration's defaults, no category (the import's default applies). */
const EMPTY_VALUES: ImportedValues = (() => {
  const { status: _status, sessionIds: _sessions, ...empty } = emptyRegistrationInput();
  return { ...empty, category: null };
})();

export interface RowReading {
  values: ImportedValues;
  problems: CellProblem[];
}

/** The parts of a name given in separate columns, in the order they are written. */
const NAME_PARTS = ['firstName', 'middleName', 'grandfatherName', 'lastName'] as const;

/**
 * Reads one row under `mapping` (a field per column). `headers` (cleaned) name
 * the cells kept as notes ("Header: value"); `texts` are the cells as cellTexts
 * gives them. Never throws; the caller has already set aside rows with no value at all.
 */
export function readRow(
  cells: readonly string[],
  headers: readonly string[],
  mapping: readonly ImportField[],
  context: RowContext,
  texts: readonly string[] = cellTexts(cells),
): RowReading {
  const values: ImportedValues = { ...EMPTY_VALUES };

  const problems: CellProblem[] = [];
  const nameParts: string[] = [];
  const notes: string[] = [];
  let impliedGender: ImportedValues['gender'] = null;
  let mobileColumn = -1;
  let countryCode = '';

  mapping.forEach((field, column) => {
    const raw = cells[column] ?? '';
    // The cell as cleaned; '' for "anonymous", «لا يوجد», "N/A", "-": nothing to read, nothing wrong.
    const text = texts[column] ?? '';
    if (field === 'ignore' || text === '') return;
    const fail = (code: CellProblem['code']) => problems.push({ column, field, code, value: raw });
    const tooLong = (text: string, max = MAX_LENGTH[field] ?? NAME_MAX) => {
      if (text.length <= max) return false;
      fail('too_long');
      return true;
    };

    switch (field) {
      case 'fullName':
      case 'fullNameEn': {
        const split = splitNameTitle(text);
        if (tooLong(split.name)) return;
        values[field] = split.name;
        if (split.honorific !== 'none') values.honorific = split.honorific;
        if (split.title !== 'none') values.title = split.title;
        impliedGender ??= split.gender;
        return;
      }
      case 'firstName':
      case 'middleName':
      case 'grandfatherName':
      case 'lastName': {
        nameParts[NAME_PARTS.indexOf(field)] = text;
        return;
      }
      case 'title': {
        const split = remembered(context, field, text, splitNameTitle);
        const recognised = split.honorific !== 'none' || split.title !== 'none';
        // Words left over are not a title we know: guessing would print a wrong one on a badge.
        if (!recognised || split.name !== '') {
          fail('title_unknown');
          return;
        }
        values.honorific = split.honorific;
        values.title = split.title;
        impliedGender ??= split.gender;
        return;
      }
      case 'organisation':
      case 'organisationEn':
      case 'position':
      case 'positionEn':
      case 'country':
      case 'city': {
        if (!tooLong(text)) values[field] = text;
        return;
      }
      case 'email': {
        const email = normaliseEmail(text);
        if (email.problem) fail('email_invalid');
        else values.email = email.value;
        return;
      }
      case 'mobile': {
        values.mobile = text;
        mobileColumn = column;
        return;
      }
      case 'phoneCountryCode': {
        countryCode = text.replace(/\D/g, '').replace(/^0+/, '');
        return;
      }
      case 'gender': {
        const gender = remembered(context, field, text, parseGender);
        if (gender) values.gender = gender;
        else fail('gender_unknown');
        return;
      }
      case 'category': {
        const category = remembered(context, field, text, parseCategory);
        if (category) values.category = category;
        else fail('category_unknown');
        return;
      }
      case 'delegation': {
        const id = context.delegationByName.get(remembered(context, field, text, normalizeHeader));
        if (id) values.delegationId = id;
        else fail('delegation_unknown');
        return;
      }
      case 'notes': {
        const lines = cleanText(raw, { keepLineBreaks: true });
        if (lines) notes.push(labelled(headers[column], lines));
        return;
      }
      default: {
        // A field added to IMPORT_FIELDS with no reading here would drop its cells without a word.
        const unread: never = field;
        throw new Error(`No reading for the import field ${String(unread)}.`);
      }
    }
  });

  if (values.fullName === '' && nameParts.length > 0) {
    const joined = nameParts.filter(Boolean).join(' ');
    if (joined.length <= NAME_MAX) values.fullName = joined;
    else problems.push({ column: null, field: 'fullName', code: 'too_long', value: joined.slice(0, 120) });
  }
  if (values.mobile !== '') {
    const others = readMobile(values, countryCode, context.defaultCountry, (code) => {
      problems.push({ column: mobileColumn, field: 'mobile', code, value: cells[mobileColumn] ?? '' });
    });
    // A second number in the cell ("0551234567 / 0501234567") is kept where the coordinator will see it.
    if (others.length > 0) notes.push(labelled(headers[mobileColumn], others.join(' / ')));
  }
  values.gender ??= impliedGender;
  // A row taken in despite a cell it cannot read keeps that cell's text in its notes (a typed phone stays in mobile).
  for (const problem of problems) {
    if (problem.column !== null && problem.field !== 'mobile' && problem.field !== 'notes') {
      notes.push(labelled(headers[problem.column], cleanText(problem.value)));
    }
  }
  const joinedNotes = notes.join('\n');
  if (joinedNotes.length > NOTES_MAX) problems.push({ column: null, field: 'notes', code: 'too_long', value: '' });
  else values.notes = joinedNotes;
  if (values.fullName === '' && values.fullNameEn === '' && !problems.some((p) => p.field.startsWith('fullName'))) {
    problems.push({ column: null, field: 'fullName', code: 'name_missing', value: '' });
  }
  return { values, problems };
}

/** A note line: "Header: value", or the value alone under a blank header. */
function labelled(header: string | undefined, text: string): string {
  return header ? `${header}: ${text}` : text;
}

/**
 * The mobile with a country code given in its own column (forms that split
 * the number); returns the cell's further numbers, in E.164.
 */
function readMobile(
  values: ImportedValues,
  countryCode: string,
  defaultCountry: string,
  fail: (code: 'phone_invalid' | 'too_long') => void,
): string[] {
  if (values.mobile.length > MOBILE_MAX) {
    fail('too_long');
    values.mobile = '';
    return [];
  }
  const phone = normalisePhone(values.mobile, countryCode || defaultCountry);
  if (phone.problem) fail('phone_invalid');
  else values.mobileE164 = phone.e164;
  return phone.others ?? [];
}
