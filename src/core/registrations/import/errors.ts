/**
 * Why an import file was refused before any of its rows were looked at.
 *
 * Core speaks in codes only: the renderer turns `code` (and, for
 * 'unsupported_format', `format`) into a sentence in the user's language;
 * `message` is an English fallback for logs and tests.
 */
export const IMPORT_INPUT_ERROR_CODES = [
  /** Over IMPORT_MAX_BYTES. */
  'too_large',
  /** Not a workbook or CSV Multaqa reads: `format` says what it is instead. */
  'unsupported_format',
  /** An encrypted workbook: Excel must open it with its password and save it without one. */
  'password_protected',
  /** A workbook (by its first bytes) that is cut short or damaged. */
  'corrupt',
  /** A workbook part that inflates past what a real registrants' list needs: a crafted file (a "zip bomb"). */
  'unpacks_too_large',
  /** A sheet with more rows with content than MAX_ROWS. */
  'too_many_rows',
  'too_many_columns',
  'cell_too_large',
  /** No bytes, or not one cell with text in any sheet. */
  'empty',
] as const;
export type ImportInputErrorCode = (typeof IMPORT_INPUT_ERROR_CODES)[number];

/**
 * What a refused file was found to be, by its content, so the renderer can say
 * what to do with it:
 * - 'xls': an Excel workbook in a format other than .xlsx (.xls 97-2003, .xlsb,
 *   XML Spreadsheet 2003): Excel opens it and saves it as .xlsx;
 * - 'ods': a LibreOffice / OpenOffice spreadsheet: save it as .xlsx;
 * - 'slk', 'dif': old spreadsheet exchange formats (SYLK, DIF): Excel opens them and saves them as .xlsx;
 * - 'docx', 'doc', 'pptx', 'pdf', 'image': a document, presentation, PDF or picture, not a sheet;
 * - 'iwork': an Apple Numbers, Pages or Keynote file: Numbers exports it to Excel;
 * - 'html': a web page (what many systems' "export to Excel" writes): open it in Excel, save as .xlsx;
 * - 'zip': another ZIP archive: extract the workbook from it;
 * - 'unknown': none of these.
 */
export const UNSUPPORTED_FORMATS = [
  'xls',
  'ods',
  'slk',
  'dif',
  'docx',
  'doc',
  'pptx',
  'iwork',
  'pdf',
  'image',
  'html',
  'zip',
  'unknown',
] as const;
export type UnsupportedFormat = (typeof UNSUPPORTED_FORMATS)[number];

/** Where in the file the problem was found (0-based), when it is about one place. */
export interface ImportInputErrorWhere {
  row?: number;
  column?: number;
}

export class ImportInputError extends Error {
  constructor(
    readonly code: ImportInputErrorCode,
    message: string,
    readonly where: ImportInputErrorWhere = {},
    /** Set with code 'unsupported_format' only. */
    readonly format: UnsupportedFormat | null = null,
  ) {
    super(message);
    this.name = 'ImportInputError';
  }
}
