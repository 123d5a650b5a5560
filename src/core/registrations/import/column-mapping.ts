/**
 * Which column of a registrants' spreadsheet holds what: a guess from the
 * header texts, Arabic or English, and from the shapes of Google Forms and
 * Microsoft Forms exports.
 *
 * Exists so the coordinator starts from a mapping that is right for the usual
 * files and only corrects the odd column; `shapeKey` lets the mapping they
 * settle on be remembered for the next file with the same headers.
 */
import {
  type GuessReason,
  type ImportField,
  type ImportSource,
  type MappingProblem,
  REPEATABLE_FIELDS,
} from '../../../shared/domain/registration-import';
import { normalizeArabic } from '../../../shared/text/arabic';

/** The fields that carry a name: a mapping without any of them cannot make a registration. */
const NAME_FIELDS: readonly ImportField[] = ['fullName', 'fullNameEn', 'firstName', 'lastName'];

// ---------------------------------------------------------------------------
// Header normalisation
// ---------------------------------------------------------------------------

/**
 * Folds a header for matching: Arabic letter variants, diacritics and digits
 * (normalizeArabic), case, punctuation ("E-mail:" -> "e mail", "Mobile No." ->
 * "mobile no"), the required-answer star, and the article ال on every word ("البريد
 * الإلكتروني" = "بريد الكتروني"; taken off repeatedly, so "الإلكتروني" and
 * "إلكتروني" agree).
 */
export function normalizeHeader(header: string): string {
  return normalizeArabic(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .map(withoutArticle)
    .join(' ');
}

function withoutArticle(word: string): string {
  let w = word;
  while (w.startsWith('ال') && w.length >= 4) w = w.slice(2);
  return w;
}

// ---------------------------------------------------------------------------
// Synonyms
// ---------------------------------------------------------------------------

/**
 * How a synonym may match a header:
 * - 'anywhere': the header is the synonym, or contains it as whole words
 *   ("البريد الإلكتروني للتواصل", "Mobile number (with country code)");
 * - 'start': a generic word that only counts at the start of the header and gives
 *   way to any other synonym in it ("Name of your company" is the company);
 * - 'exact': only the whole header ("ID", "Type", "م").
 * In the table a phrase ending in '^' is 'start', in '=' is 'exact'.
 */
type MatchMode = 'anywhere' | 'start' | 'exact';

interface Synonym {
  field: ImportField;
  /** 3: says what the column is; 2: usually means it ("Phone" for the mobile, "Nationality" for the country). */
  weight: number;
  /** The phrase folded, as a header is before it is compared. */
  key: string;
  tokens: readonly string[];
  mode: MatchMode;
}

const TABLE: readonly [ImportField, number, readonly string[]][] = [
  [
    'fullName',
    3,
    [
      'الاسم^',
      'name^',
      'الاسم الكامل',
      'الاسم بالكامل',
      'الاسم الثلاثي',
      'الاسم الرباعي',
      'اسم المشارك',
      'اسم المشاركة',
      'اسم المسجل',
      'اسم الضيف',
      'اسمك',
      'الاسم باللغة العربية',
      'الاسم بالعربية',
      'الاسم بالعربي',
      'الاسم عربي',
      'الاسم العربي',
      'الاسم الكامل باللغة العربية',
      'full name',
      'fullname',
      'your name',
      'participant name',
      'attendee name',
      'arabic name',
      'name in arabic',
      'name arabic',
      'full name in arabic',
      'full name arabic',
    ],
  ],
  [
    'fullNameEn',
    3,
    [
      'الاسم باللغة الإنجليزية',
      'الاسم بالإنجليزية',
      'الاسم بالإنجليزي',
      'الاسم إنجليزي',
      'الاسم الإنجليزي',
      'الاسم الكامل باللغة الإنجليزية',
      'الاسم الكامل بالإنجليزية',
      'english name',
      'name in english',
      'name english',
      'full name in english',
      'full name english',
      'name en=',
    ],
  ],
  ['firstName', 3, ['الاسم الأول', 'first name', 'given name', 'forename', 'first=']],
  ['middleName', 3, ['اسم الأب', 'الاسم الثاني', 'middle name', 'father name', "father's name", 'second name']],
  ['grandfatherName', 3, ['اسم الجد', 'الاسم الثالث', 'grandfather name', "grandfather's name", 'third name']],
  [
    'lastName',
    3,
    ['اسم العائلة', 'العائلة=', 'الاسم الأخير', 'اسم القبيلة', 'last name', 'surname', 'family name', 'family='],
  ],
  ['title', 3, ['اللقب', 'اللقب العلمي', 'title^', 'salutation', 'prefix=', 'honorific']],
  [
    'organisation',
    3,
    [
      'جهة العمل',
      'الجهة',
      'اسم الجهة',
      'الجهة التابع لها',
      'الجهة التي تمثلها',
      'المؤسسة',
      'اسم المؤسسة',
      'الشركة',
      'اسم الشركة',
      'المنظمة',
      'organization',
      'organisation',
      'organization name',
      'organisation name',
      'company',
      'company name',
      'employer',
      'institution',
      'affiliation',
      'entity=',
      'workplace',
    ],
  ],
  [
    'position',
    3,
    ['المسمى الوظيفي', 'المسمى', 'الوظيفة', 'المنصب', 'job title', 'position', 'designation', 'job=', 'job position'],
  ],
  ['position', 2, ['المهنة', 'occupation']],
  [
    'organisationEn',
    3,
    [
      'الجهة بالإنجليزية',
      'الجهة باللغة الإنجليزية',
      'جهة العمل بالإنجليزية',
      'اسم الجهة بالإنجليزية',
      'organisation in english',
      'organization in english',
      'organisation english',
      'organization english',
      'organisation en=',
      'organization en=',
    ],
  ],
  [
    'positionEn',
    3,
    [
      'المنصب بالإنجليزية',
      'المسمى الوظيفي بالإنجليزية',
      'المسمى الوظيفي باللغة الإنجليزية',
      'position in english',
      'job title in english',
      'position english',
      'job title english',
      'position en=',
    ],
  ],
  [
    'email',
    3,
    [
      'البريد الإلكتروني',
      'عنوان البريد الإلكتروني',
      'البريد^',
      'الإيميل',
      'ايميل',
      'email',
      'e-mail',
      'email address',
      'e-mail address',
      'mail=',
    ],
  ],
  [
    'mobile',
    3,
    [
      'الجوال',
      'رقم الجوال',
      'الهاتف الجوال',
      'الموبايل',
      'رقم الموبايل',
      'المحمول',
      'رقم المحمول',
      'الهاتف المحمول',
      'النقال',
      'الهاتف النقال',
      'رقم النقال',
      'mobile',
      'mobile number',
      'mobile no',
      'mobile phone',
      'cell',
      'cell phone',
      'cellphone',
      'cell number',
    ],
  ],
  [
    'mobile',
    2,
    [
      'الهاتف',
      'رقم الهاتف',
      'هاتف',
      'رقم التواصل',
      'رقم الاتصال',
      'واتساب',
      'رقم الواتساب',
      'phone',
      'phone number',
      'phone no',
      'telephone',
      'tel',
      'contact number',
      'whatsapp',
      'whatsapp number',
    ],
  ],
  [
    'phoneCountryCode',
    3,
    [
      'رمز الدولة',
      'مفتاح الدولة',
      'رمز الاتصال',
      'مفتاح الاتصال',
      'المفتاح الدولي',
      'country code',
      'dial code',
      'dialing code',
      'calling code',
    ],
  ],
  ['gender', 3, ['الجنس', 'gender', 'sex']],
  ['gender', 2, ['النوع=']],
  ['country', 3, ['الدولة', 'البلد', 'دولة الإقامة', 'بلد الإقامة', 'country', 'country of residence']],
  ['country', 2, ['الجنسية', 'nationality']],
  ['city', 3, ['المدينة', 'مدينة الإقامة', 'city', 'town']],
  [
    'category',
    3,
    [
      'الفئة',
      'فئة المشاركة',
      'نوع المشاركة',
      'صفة المشاركة',
      'الصفة',
      'نوع التسجيل',
      'category',
      'participant type',
      'attendee type',
      'participation type',
      'registration type',
    ],
  ],
  ['category', 2, ['type=', 'role=', 'ticket type']],
  ['delegation', 3, ['الوفد', 'اسم الوفد', 'delegation']],
  ['notes', 3, ['ملاحظات', 'ملاحظة', 'notes', 'note', 'comments', 'comment', 'remarks']],
  [
    'ignore',
    3,
    [
      // Form metadata (Google Forms, Microsoft Forms in English and Arabic).
      'timestamp=',
      'الطابع الزمني=',
      'id=',
      'المعرف=',
      'start time=',
      'completion time=',
      'last modified time=',
      'وقت البدء=',
      'وقت الإكمال=',
      'وقت الانتهاء=',
      'وقت آخر تعديل=',
      // Row numbers: م (مسلسل), ت (تسلسل), No., S/N, #.
      'م=',
      'ت=',
      'مسلسل=',
      'المسلسل=',
      'تسلسل=',
      'التسلسل=',
      'الرقم=',
      'الرقم التسلسلي=',
      'no=',
      'sn=',
      's n=',
      'serial=',
      'serial no=',
      'serial number=',
    ],
  ],
];

const SYNONYMS: readonly Synonym[] = TABLE.flatMap(([field, weight, phrases]) =>
  phrases.map((phrase): Synonym => {
    const mode: MatchMode = phrase.endsWith('=') ? 'exact' : phrase.endsWith('^') ? 'start' : 'anywhere';
    const phraseKey = normalizeHeader(phrase.replace(/[=^]$/, ''));
    return { field, weight, mode, key: phraseKey, tokens: phraseKey.split(' ') };
  }),
);

export interface HeaderMatch {
  field: ImportField;
  weight: number;
  /** The whole header is the synonym (not just contains it). */
  exact: boolean;
}

/**
 * The field a header names, or null. An exact synonym wins over one the header
 * merely contains. Among contained ones: a specific synonym beats a generic word
 * ('start' mode); then the one that starts earlier, since the subject comes first
 * and qualifiers follow ("رقم الجوال (مع رمز الدولة)" is the mobile, not the
 * country code); then the longer ("Full name in English" over "Full name"); then
 * the heavier.
 */
export function matchHeader(header: string): HeaderMatch | null {
  const tokens = normalizeHeader(header).split(' ').filter(Boolean);
  if (tokens.length === 0) return null;
  const key = tokens.join(' ');
  let exact: Synonym | null = null;
  let partial: { synonym: Synonym; start: number } | null = null;
  for (const synonym of SYNONYMS) {
    if (synonym.key === key) {
      if (!exact || synonym.weight > exact.weight) exact = synonym;
      continue;
    }
    if (synonym.mode === 'exact') continue;
    const start =
      synonym.mode === 'start'
        ? startsWithTokens(tokens, synonym.tokens)
          ? 0
          : -1
        : indexOfTokens(tokens, synonym.tokens);
    if (start < 0) continue;
    if (!partial || betterPartial({ synonym, start }, partial)) partial = { synonym, start };
  }
  if (exact) return { field: exact.field, weight: exact.weight, exact: true };
  return partial ? { field: partial.synonym.field, weight: partial.synonym.weight, exact: false } : null;
}

function betterPartial(a: { synonym: Synonym; start: number }, b: { synonym: Synonym; start: number }): boolean {
  const aGeneric = a.synonym.mode === 'start';
  const bGeneric = b.synonym.mode === 'start';
  if (aGeneric !== bGeneric) return bGeneric;
  if (a.start !== b.start) return a.start < b.start;
  if (a.synonym.tokens.length !== b.synonym.tokens.length) return a.synonym.tokens.length > b.synonym.tokens.length;
  return a.synonym.weight > b.synonym.weight;
}

function startsWithTokens(tokens: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((t, i) => tokens[i] === t);
}

function indexOfTokens(tokens: readonly string[], needle: readonly string[]): number {
  for (let i = 0; i + needle.length <= tokens.length; i++) {
    if (needle.every((t, j) => tokens[i + j] === t)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Where the file came from
// ---------------------------------------------------------------------------

const GOOGLE_TIMESTAMP = new Set(['timestamp', 'طابع زمني'].map(normalizeHeader));
const MS_ID = new Set(['id', 'المعرف'].map(normalizeHeader));
const MS_START = new Set(['start time', 'وقت البدء'].map(normalizeHeader));
const MS_COMPLETION = new Set(['completion time', 'وقت الإكمال', 'وقت الانتهاء'].map(normalizeHeader));
/** The columns Microsoft Forms puts before the form's own questions. */
const MS_METADATA = new Set(
  [
    ...MS_ID,
    ...MS_START,
    ...MS_COMPLETION,
    'last modified time',
    'وقت آخر تعديل',
    'email',
    'البريد الإلكتروني',
    'name',
    'الاسم',
  ].map(normalizeHeader),
);
/** How far the Microsoft Forms metadata columns reach. */
const MS_METADATA_SPAN = 6;

/**
 * Google Forms: the first column is "Timestamp" ("الطابع الزمني").
 * Microsoft Forms: the first column is "ID" and "Start time" and "Completion time"
 * follow among the first columns (Arabic exports: المعرّف، وقت البدء، وقت الإكمال).
 */
export function detectSource(headers: readonly string[]): ImportSource {
  const normalised = headers.map(normalizeHeader);
  if (GOOGLE_TIMESTAMP.has(normalised[0] ?? '')) return 'google_forms';
  const leading = normalised.slice(0, MS_METADATA_SPAN);
  if (
    MS_ID.has(normalised[0] ?? '') &&
    leading.some((h) => MS_START.has(h)) &&
    leading.some((h) => MS_COMPLETION.has(h))
  ) {
    return 'microsoft_forms';
  }
  return 'generic';
}

// ---------------------------------------------------------------------------
// The automatic mapping
// ---------------------------------------------------------------------------

/**
 * Why a column got its field, for the mapping screen:
 * - 'exact' / 'partial': the header is / contains a known synonym;
 * - 'account': a Forms column about the respondent's account (see autoMapColumns);
 * - 'duplicate': its field went to a column that names it better, so it is kept as a note
 *   (or ignored, for a Microsoft Forms account column);
 * - 'unknown': no synonym; kept as a note so nothing typed is lost;
 * - 'blank': no header; ignored.
 */
export interface ColumnGuess {
  field: ImportField;
  reason: GuessReason;
}

/**
 * Guesses a field for every column. Each field other than notes/ignore goes to
 * one column at most: the one whose header names it best (an exact synonym of
 * weight 3, then a contained one, then weight 2 — "Phone" gives way to "Mobile",
 * "Nationality" to "Country"), the leftmost on a tie. The losers become notes.
 *
 * Forms exports also carry the respondent's account:
 * - Microsoft Forms' "Email" and "Name" (among its leading metadata columns) are
 *   the Microsoft 365 account that filled the form — often "anonymous", or one
 *   shared office account. They are mapped when the form asks nothing better, but
 *   any of the form's own questions ("البريد الإلكتروني", "الاسم الكامل") wins, and
 *   the account column is then ignored.
 * - Google Forms' collected "Email Address" (second column) is the respondent's own
 *   Google address: mapped when nothing better exists, otherwise kept as a note.
 * Form metadata (Timestamp, ID, Start time, Completion time) and row numbers are ignored.
 */
export function autoMapColumns(headers: readonly string[]): ColumnGuess[] {
  const source = detectSource(headers);
  const msMetadataEnd = source === 'microsoft_forms' ? metadataEnd(headers) : 0;

  const candidates = headers.map((header, column) => {
    const match = matchHeader(header);
    if (!match) return null;
    let priority = match.weight * 2 + (match.exact ? 1 : 0);
    let account: 'microsoft' | 'google' | null = null;
    if (match.field === 'email' || match.field === 'fullName') {
      if (column < msMetadataEnd) account = 'microsoft';
      else if (source === 'google_forms' && column === 1 && match.field === 'email') account = 'google';
    }
    if (account) priority = account === 'microsoft' ? 1 : 2;
    return { column, field: match.field, exact: match.exact, priority, account };
  });

  const winners = new Map<ImportField, number>();
  const ranked = candidates.filter((c) => c !== null).sort((a, b) => b.priority - a.priority || a.column - b.column);
  for (const c of ranked) {
    if (!REPEATABLE_FIELDS.has(c.field) && !winners.has(c.field)) winners.set(c.field, c.column);
  }

  return headers.map((header, column): ColumnGuess => {
    const c = candidates[column];
    if (!c) return /[\p{L}\p{N}]/u.test(header) ? { field: 'notes', reason: 'unknown' } : unlabelled(header);
    if (REPEATABLE_FIELDS.has(c.field) || winners.get(c.field) === column) {
      return { field: c.field, reason: c.account ? 'account' : c.exact ? 'exact' : 'partial' };
    }
    return { field: c.account === 'microsoft' ? 'ignore' : 'notes', reason: 'duplicate' };
  });
}

/** No header is ignored; a header of punctuation only ("#") is a row-number column, ignored too. */
function unlabelled(header: string): ColumnGuess {
  return header.trim() === '' ? { field: 'ignore', reason: 'blank' } : { field: 'ignore', reason: 'exact' };
}

/** The index just past Microsoft Forms' leading metadata columns. */
function metadataEnd(headers: readonly string[]): number {
  let end = 0;
  while (end < Math.min(headers.length, MS_METADATA_SPAN) && MS_METADATA.has(normalizeHeader(headers[end] ?? ''))) {
    end++;
  }
  return end;
}

/** The field of every column (see autoMapColumns for how it is chosen). */
export function autoMap(headers: readonly string[]): ImportField[] {
  return autoMapColumns(headers).map((guess) => guess.field);
}

// ---------------------------------------------------------------------------
// Checking a mapping the user changed, and remembering it
// ---------------------------------------------------------------------------

/** What stops a mapping from being used: a field on two columns, or no name column at all. */
export function mappingProblems(mapping: readonly ImportField[]): MappingProblem[] {
  const columnsOf = new Map<ImportField, number[]>();
  mapping.forEach((field, column) => {
    columnsOf.set(field, [...(columnsOf.get(field) ?? []), column]);
  });
  const problems: MappingProblem[] = [];
  for (const [field, columns] of columnsOf) {
    if (!REPEATABLE_FIELDS.has(field) && columns.length > 1) problems.push({ code: 'duplicate_field', field, columns });
  }
  if (!NAME_FIELDS.some((field) => columnsOf.has(field))) problems.push({ code: 'no_name' });
  return problems;
}

/**
 * A stable key for the header row's shape: the normalised headers in order,
 * trailing empty columns dropped (Excel pads rows differently from file to file).
 * Two files with the same key take the same remembered mapping.
 */
export function shapeKey(headers: readonly string[]): string {
  let width = headers.length;
  while (width > 0 && (headers[width - 1] ?? '').trim() === '') width--;
  // A header of punctuation only ("#") normalises to nothing: keep it as written.
  const parts = headers.slice(0, width).map((h) => normalizeHeader(h) || h.trim());
  return `v1:${parts.join('|')}`;
}
