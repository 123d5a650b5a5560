/**
 * Rows of a registrants' sheet that are not people, and cells that say
 * "nothing here".
 *
 * Lists made for printing carry rows between and after the people: a total
 * («الإجمالي» beside a count), subtotals per group («المجموع»), a label above
 * each delegation naming its organisation, footers («إعداد: قسم العلاقات
 * العامة», «التوقيع: ......»), rows pre-numbered and never filled in, and
 * forms add rows of metadata alone. Imported, each would be a registrant
 * named «الإجمالي» or a rejected row. They are recognised here by their shape
 * and words, and the preview sets them aside (the coordinator can take any in).
 */
import type { ImportField, SetAsideReason } from '../../../shared/domain/registration-import';
import { normalizeHeader } from './column-mapping';
import { parseCategory } from './row-values';

/** Words that open a total line, and a subtotal line (folded). */
const TOTAL_WORDS = [
  'الإجمالي',
  'إجمالي',
  'الإجمالي العام',
  'المجموع الكلي',
  'المجموع العام',
  'العدد الإجمالي',
  'العدد الكلي',
  'إجمالي العدد',
  'عدد',
  'العدد',
  'عدد المشاركين',
  'عدد المسجلين',
  'عدد الحضور',
  'total',
  'count',
  'number of participants',
  'grand total',
  'totals',
].map(normalizeHeader);
const SUBTOTAL_WORDS = ['المجموع', 'مجموع', 'المجموع الفرعي', 'مجموع فرعي', 'subtotal', 'sub total', 'sum'].map(
  normalizeHeader,
);

/** Words that open a footer line: who prepared or approved the list, a signature, a stamp, a page number. */
const FOOTER_WORDS = [
  'إعداد',
  'اعداد',
  'من إعداد',
  'أعده',
  'أعدته',
  'إعداد وتنفيذ',
  'التوقيع',
  'توقيع',
  'الختم',
  'ختم',
  'اعتماد',
  'الاعتماد',
  'يعتمد',
  'المعتمد',
  'تاريخ الطباعة',
  'طبع بتاريخ',
  'صفحة',
  'ملاحظة',
  'ملاحظات',
  'ملحوظة',
  'تنبيه',
  'المصدر',
  'التاريخ',
  'تاريخ',
  'prepared by',
  'note',
  'notes',
  'source',
  'date',
  'signature',
  'signed',
  'approved by',
  'stamp',
  'printed on',
  'page',
].map(normalizeHeader);

/** Words that open the name of an organisation or a group, not of a person. */
const GROUP_WORDS = [
  'بلدية',
  'أمانة',
  'وزارة',
  'هيئة',
  'جامعة',
  'شركة',
  'مؤسسة',
  'مجلس',
  'ديوان',
  'مديرية',
  'دائرة',
  'إدارة',
  'وفد',
  'مجموعة',
  'منظمة',
  'سفارة',
  'municipality',
  'ministry',
  'university',
  'company',
  'council',
  'delegation',
  'group',
  'organisation',
  'organization',
  'embassy',
  'authority',
  // Section headings: «أولاً: المتحدثون», "Part 2".
  'أولا',
  'ثانيا',
  'ثالثا',
  'رابعا',
  'خامسا',
  'سادسا',
  'قسم',
  'فئة',
  'first',
  'second',
  'third',
  'section',
  'part',
].map(normalizeHeader);

/** The fields that say who a person is; a row with none of them is not one. */
const NAME_FIELDS: ReadonlySet<ImportField> = new Set(['fullName', 'fullNameEn', 'firstName', 'lastName']);

/** The fields a group's heading is written in when it is not in the name column. */
const GROUP_FIELDS: ReadonlySet<ImportField> = new Set(['organisation', 'delegation', 'category', 'country', 'city']);

/** A line of a form to fill by hand: a run of dots, underscores or dashes. */
const FILL_IN_LINE = /[.…_ـ-]{4,}/;
/** A serial number: "12", "12.", "(12)", "١٢" (digits folded by cleanText). */
const SERIAL = /^\(?\d{1,6}[.)-]?$/;
/** A count or another number, as totals carry beside their word. */
const NUMBER = /^[\d\s.,:()٪%-]+$/;

export interface SetAsideContext {
  mapping: readonly ImportField[];
  /** The header row's cells, cleaned: a row that repeats them is the header printed again on a new page. */
  header: readonly string[];
  /** The sheet's organisations, folded: a row holding only one of them heads its group. */
  organisations: ReadonlySet<string>;
  /** Whether the cell at this column of the row starts a merge across two or more columns. */
  mergedAcross(column: number): boolean;
}

/**
 * Why the row is not a person, or null when it may be one. `cells` are its
 * cells as cellTexts gives them ('' where a cell holds no value), not all ''.
 * Cheap tests come first: a person's row has two or more texts that are not
 * numbers, which no total, footer or heading has, so the words are folded only
 * for the few rows that could be one of those.
 */
export function setAsideReason(cells: readonly string[], context: SetAsideContext): SetAsideReason | null {
  const texts: { column: number; text: string }[] = [];
  cells.forEach((text, column) => {
    if (text !== '') texts.push({ column, text });
  });
  if (texts.length === 0) return 'form_metadata';
  const repeated = texts.filter(({ column, text }) => context.header[column] === text).length;
  if (repeated >= 2 && repeated * 5 >= texts.length * 3) return 'header_repeat';
  const words = texts.filter(({ text }) => !NUMBER.test(text));
  if (words.length === 0 && texts.every(({ text }) => SERIAL.test(text))) return 'serial_only';

  // One text beside numbers only: a total or a subtotal line («الإجمالي» 24), or a footer.
  const [first] = words;
  if (words.length === 1 && first) {
    const folded = normalizeHeader(first.text);
    if (opensWith(folded, TOTAL_WORDS)) return 'total';
    if (opensWith(folded, SUBTOTAL_WORDS)) return 'subtotal';
  }
  if (texts.length <= 2 && words.length <= 2) {
    for (const { text } of words) {
      const fillIn = FILL_IN_LINE.test(text);
      if (opensWith(normalizeHeader(text), FOOTER_WORDS) && (text.includes(':') || fillIn)) return 'footer';
      // A line to fill in by hand, under a word or three («الاسم: ............»).
      if (
        fillIn &&
        text
          .replace(/[.…_ـ-]+/g, ' ')
          .trim()
          .split(/\s+/).length <= 3
      )
        return 'footer';
    }
  }

  // One value alone on its row (the serial number aside) with a letter in it: with no name beside it
  // (in a column that is not a person's, or none the mapping keeps), merged across the page, an
  // organisation's or a category's name, or opening with a group's word: the heading of the rows below.
  const values = texts.filter(({ text }) => !SERIAL.test(text));
  if (values.length > 0 && values.length <= 3) {
    const distinct = new Set(values.map(({ text }) => normalizeHeader(text)));
    const [only] = distinct;
    if (distinct.size === 1 && only !== undefined && /\p{L}/u.test(only)) {
      const fieldOf = (column: number) => context.mapping[column] ?? 'ignore';
      const named = texts.some(({ column }) => NAME_FIELDS.has(fieldOf(column)));
      const inGroupColumn = values.every(
        ({ column }) => GROUP_FIELDS.has(fieldOf(column)) || fieldOf(column) === 'ignore',
      );
      const heading =
        (!named && inGroupColumn) ||
        values.some(({ column }) => context.mergedAcross(column)) ||
        context.organisations.has(only) ||
        opensWith(only, GROUP_WORDS) ||
        // «كبار الشخصيات», «المتحدثون»: a category's name heading its people.
        (values.length === 1 && parseCategory(values[0]?.text ?? '') !== null);
      if (heading) return 'group_label';
    }
  }
  // Nothing in a column the mapping keeps: a form's row of metadata (its ID, its times) and no answers.
  if (texts.every(({ column }) => (context.mapping[column] ?? 'ignore') === 'ignore')) return 'form_metadata';
  return null;
}

/** Whether a folded text is one of the phrases, or starts with one followed by more words. */
function opensWith(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => folded === phrase || folded.startsWith(`${phrase} `));
}
