/**
 * Why an import file was refused before any of its rows were looked at.
 *
 * Core speaks in codes only: the renderer turns `code` into a sentence in the
 * user's language; `message` is an English fallback for logs and tests.
 */
export const IMPORT_INPUT_ERROR_CODES = ['too_many_columns', 'cell_too_large', 'empty'] as const;
export type ImportInputErrorCode = (typeof IMPORT_INPUT_ERROR_CODES)[number];

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
  ) {
    super(message);
    this.name = 'ImportInputError';
  }
}
