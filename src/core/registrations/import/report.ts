/**
 * The import report, an .xlsx the coordinator can keep or send back to the
 * department that made the file: the counts, every rejected row with its
 * cells as they were and why, and the duplicates with whom they matched.
 * Written in the user's language, right to left for Arabic.
 */
import ExcelJS from 'exceljs';
import type { DuplicateMatch, ImportResult } from '../../../shared/domain/registration-import';
import { isolate } from '../../../shared/text/arabic';
import {
  importFieldName,
  importProblemName,
  registrantColumnName,
  setAsideReasonName,
} from '../../export/document-words';
import type { SheetPreview } from './preview';

export type ReportLanguage = 'ar' | 'en';

type Words = Record<ReportLanguage, string>;

const HEADINGS = {
  summary: { ar: 'الملخص', en: 'Summary' },
  rejected: { ar: 'الصفوف المرفوضة', en: 'Rejected rows' },
  setAside: { ar: 'صفوف ليست أشخاصًا', en: 'Rows that are not people' },
  duplicates: { ar: 'الصفوف المكررة', en: 'Duplicate rows' },
  file: { ar: 'الملف', en: 'File' },
  sheet: { ar: 'الورقة', en: 'Sheet' },
  madeAt: { ar: 'تاريخ التقرير', en: 'Report date' },
  rows: { ar: 'صفوف البيانات', en: 'Data rows' },
  toAdd: { ar: 'للإضافة', en: 'To add' },
  added: { ar: 'أضيفت', en: 'Added' },
  updated: { ar: 'حُدّثت', en: 'Updated' },
  skipped: { ar: 'تُركت', en: 'Skipped' },
  duplicatesCount: { ar: 'مكررة', en: 'Duplicates' },
  rejectedCount: { ar: 'مرفوضة', en: 'Rejected' },
  setAsideCount: { ar: 'مستبعدة (ليست أشخاصًا)', en: 'Set aside (not people)' },
  reason: { ar: 'السبب', en: 'Reason' },
  blank: { ar: 'صفوف فارغة', en: 'Blank rows' },
  notCommitted: { ar: 'معاينة: لم يُستورد شيء بعد', en: 'Preview: nothing imported yet' },
  row: { ar: 'الصف', en: 'Row' },
  reasons: { ar: 'الأسباب', en: 'Reasons' },
  matchedBy: { ar: 'التطابق في', en: 'Matched by' },
  matchedWith: { ar: 'يطابق', en: 'Matches' },
  existing: { ar: 'مسجل سابقاً', en: 'already registered' },
  fileRow: { ar: 'الصف', en: 'row' },
} satisfies Record<string, Words>;

const MATCHES: Record<DuplicateMatch, Words> = {
  email: { ar: 'البريد الإلكتروني', en: 'e-mail' },
  phone: { ar: 'رقم الجوال', en: 'mobile number' },
  name: { ar: 'الاسم والجهة', en: 'name and organisation' },
};

export interface ReportInput {
  fileName: string;
  preview: SheetPreview;
  /** The sheet's rows as read, to copy the rejected rows' cells. */
  sheetRows: readonly (readonly string[])[];
  result: ImportResult | null;
  language: ReportLanguage;
  at?: Date;
}

export async function writeImportReport(input: ReportInput): Promise<Buffer> {
  const { preview, language: lang } = input;
  const say = (w: Words) => w[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Multaqa';
  const view = { rightToLeft: lang === 'ar', state: 'frozen' as const, ySplit: 1 };

  const summary = workbook.addWorksheet(say(HEADINGS.summary), { views: [{ rightToLeft: lang === 'ar' }] });
  summary.columns = [{ width: 28 }, { width: 50 }];
  const lines: [Words, string | number][] = [
    // A Latin extension after an Arabic name keeps its place in a right-to-left sheet.
    [HEADINGS.file, isolate(input.fileName)],
    [HEADINGS.sheet, preview.sheet],
    [HEADINGS.madeAt, (input.at ?? new Date()).toISOString().slice(0, 16).replace('T', ' ')],
    [HEADINGS.rows, preview.counts.rows],
    ...(input.result
      ? ([
          [HEADINGS.added, input.result.added],
          [HEADINGS.updated, input.result.updated],
          [HEADINGS.skipped, input.result.skipped],
        ] as [Words, number][])
      : ([
          [HEADINGS.toAdd, preview.counts.add],
          [HEADINGS.duplicatesCount, preview.counts.duplicates],
        ] as [Words, number][])),
    [HEADINGS.rejectedCount, input.result?.rejected ?? preview.counts.rejected],
    [HEADINGS.setAsideCount, input.result?.setAside ?? preview.counts.setAside],
    [HEADINGS.blank, preview.counts.blank],
  ];
  for (const [label, value] of lines) summary.addRow([say(label), value]);
  if (!input.result) summary.addRow([say(HEADINGS.notCommitted)]);
  summary.getColumn(1).font = { bold: true };
  // Counts and the date line up with the text beside them, at the start of the reading direction.
  summary.getColumn(2).alignment = { horizontal: lang === 'ar' ? 'right' : 'left' };

  const rejected = workbook.addWorksheet(say(HEADINGS.rejected), { views: [view] });
  rejected.addRow([say(HEADINGS.row), say(HEADINGS.reasons), ...preview.headers]);
  for (const row of preview.rows) {
    if (row.kind !== 'rejected') continue;
    // In the preview's own words, so the report and the screen name a problem alike.
    const reasons = row.problems.map((p) => `${importFieldName(p.field, lang)}: ${importProblemName(p.code, lang)}`);
    // The cells exactly as they were (as text: a value is never read back as a formula).
    rejected.addRow([row.row, reasons.join(lang === 'ar' ? '؛ ' : '; '), ...(input.sheetRows[row.row - 1] ?? [])]);
  }
  styleTable(rejected, [8, 60, ...preview.headers.map(() => 22)]);
  // A row with several reasons wraps within its column rather than running under the next.
  rejected.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  const setAside = workbook.addWorksheet(say(HEADINGS.setAside), { views: [view] });
  setAside.addRow([say(HEADINGS.row), say(HEADINGS.reason), ...preview.headers]);
  for (const row of preview.rows) {
    if (row.kind !== 'set_aside' || !row.setAside) continue;
    setAside.addRow([row.row, setAsideReasonName(row.setAside, lang), ...(input.sheetRows[row.row - 1] ?? [])]);
  }
  styleTable(setAside, [8, 30, ...preview.headers.map(() => 22)]);

  const duplicates = workbook.addWorksheet(say(HEADINGS.duplicates), { views: [view] });
  duplicates.addRow([
    say(HEADINGS.row),
    registrantColumnName('name', lang),
    registrantColumnName('organisation', lang),
    say(HEADINGS.matchedBy),
    say(HEADINGS.matchedWith),
  ]);
  for (const row of preview.rows) {
    const of = row.duplicateOf;
    if (row.kind !== 'duplicate' || !of) continue;
    const where = of.row === null ? say(HEADINGS.existing) : `${say(HEADINGS.fileRow)} ${of.row}`;
    duplicates.addRow([
      row.row,
      row.values.fullName || row.values.fullNameEn,
      row.values.organisation,
      say(MATCHES[of.matchedBy]),
      // An English name inside an Arabic line keeps its own order.
      `${isolate(of.name)} (${where})`,
    ]);
  }
  styleTable(duplicates, [8, 34, 34, 24, 44]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleTable(sheet: ExcelJS.Worksheet, widths: number[]): void {
  sheet.columns = widths.map((width) => ({ width }));
  // On paper: A4 landscape, as wide as the page, as many pages down as it takes, the header row on each.
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
  };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
}
