import { z } from 'zod';
import {
  IMPORT_MAX_BYTES,
  REGISTRATION_CATEGORIES,
  REGISTRATION_STATUSES,
  registrationInputSchema,
} from './registration';

/**
 * Importing a registrants' spreadsheet, as the renderer and core speak of it:
 * open a file (core keeps its rows while the coordinator looks), preview it
 * under a mapping as often as they like, then commit once, all or nothing.
 */

/**
 * What a column can be imported as. A name arrives as one cell (`fullName`, in
 * whichever script; `fullNameEn` when the header says it is the English one) or
 * in parts (first, father's, grandfather's, family name). `phoneCountryCode` is a
 * separate "country code" column of forms that split the phone number.
 * `notes` keeps the cell as a note on the registration; `ignore` drops it.
 */
export const IMPORT_FIELDS = [
  'fullName',
  'fullNameEn',
  'firstName',
  'middleName',
  'grandfatherName',
  'lastName',
  'title',
  'organisation',
  'organisationEn',
  'position',
  'positionEn',
  'email',
  'mobile',
  'phoneCountryCode',
  'gender',
  'country',
  'city',
  'category',
  'delegation',
  'notes',
  'ignore',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The fields several columns may share; every other field is taken by one column at most. */
export const REPEATABLE_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>(['notes', 'ignore']);

export const IMPORT_SOURCES = ['google_forms', 'microsoft_forms', 'generic'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Why a column got its field (see autoMapColumns in core); 'hidden': the sheet hides the column, so it is not imported unless chosen. */
export const GUESS_REASONS = [
  'exact',
  'partial',
  'account',
  'duplicate',
  'unknown',
  'blank',
  'remembered',
  'hidden',
] as const;
export type GuessReason = (typeof GUESS_REASONS)[number];

export const mappingProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('duplicate_field'), field: z.enum(IMPORT_FIELDS), columns: z.array(z.number().int()) }),
  z.object({ code: z.literal('no_name') }),
]);
export type MappingProblem = z.infer<typeof mappingProblemSchema>;

/** Why a cell stops its row from being imported; the renderer words it (`import.problem.<code>`). */
export const CELL_PROBLEMS = [
  'name_missing',
  'email_invalid',
  'phone_invalid',
  'title_unknown',
  'gender_unknown',
  'category_unknown',
  'delegation_unknown',
  'too_long',
] as const;
export type CellProblem = z.infer<typeof cellProblemSchema>;
export const cellProblemSchema = z.object({
  /** The column (0-based) of the cell, or null for a problem of the whole row (no name). */
  column: z.number().int().nullable(),
  field: z.enum(IMPORT_FIELDS),
  code: z.enum(CELL_PROBLEMS),
  /** The cell as it was in the file. */
  value: z.string(),
});

/**
 * Why a row is set aside as not a person (left out unless the coordinator
 * takes it in): a total or subtotal line, a label heading a group of rows
 * (an organisation's name above its delegation), a footer (prepared by,
 * signature), a row holding only a serial number, a form's row with only its
 * metadata, the header row repeated (a list printed with a header on every
 * page), or a row the sheet hides (by hand or by a filter).
 */
export const SET_ASIDE_REASONS = [
  'total',
  'subtotal',
  'group_label',
  'footer',
  'serial_only',
  'form_metadata',
  'header_repeat',
  'hidden_row',
] as const;
export type SetAsideReason = (typeof SET_ASIDE_REASONS)[number];

/** What a duplicate is matched by, strongest evidence first: the first that matches is the one shown. */
export const DUPLICATE_MATCHES = ['email', 'phone', 'name'] as const;
export type DuplicateMatch = (typeof DUPLICATE_MATCHES)[number];

/**
 * What to do with a row: for a duplicate, add it anyway, leave it out, or
 * update the one registered; for a rejected row, 'keep' takes it with the
 * unreadable cells left empty and their text kept in the notes; for a row set
 * aside, 'keep' takes it in as a person.
 */
export const DUPLICATE_ACTIONS = ['keep', 'skip', 'update'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];

export const duplicateOfSchema = z.object({
  matchedBy: z.enum(DUPLICATE_MATCHES),
  /** An earlier row of the same file (its Excel row number)... */
  row: z.number().int().nullable(),
  /** ...or a registration already in the forum. */
  registrationId: z.string().nullable(),
  /** The one matched, to show beside the row: a match by name alone is judged by these. */
  name: z.string(),
  organisation: z.string(),
  email: z.string(),
  mobile: z.string(),
});
export type DuplicateOf = z.infer<typeof duplicateOfSchema>;

/** The registration a row would make, without the parts the forum or the commit decides. */
export const importedValuesSchema = registrationInputSchema.omit({ status: true, sessionIds: true }).extend({
  /** Null when the file has no category for the row: the commit's default applies. */
  category: z.enum(REGISTRATION_CATEGORIES).nullable(),
});
export type ImportedValues = z.infer<typeof importedValuesSchema>;

export const previewRowSchema = z.object({
  /** The row's number in the sheet, as Excel shows it (1-based). */
  row: z.number().int(),
  kind: z.enum(['add', 'rejected', 'duplicate', 'set_aside']),
  values: importedValuesSchema,
  problems: z.array(cellProblemSchema),
  duplicateOf: duplicateOfSchema.nullable(),
  /** Set with kind 'set_aside'. */
  setAside: z.enum(SET_ASIDE_REASONS).nullable(),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const importSheetSchema = z.object({
  name: z.string(),
  rowCount: z.number().int(),
  columnCount: z.number().int(),
});

export const importPreviewSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  /** CSV only: the encoding found (utf-8, utf-16le, windows-1256 ...). */
  encoding: z.string().nullable(),
  sheets: z.array(importSheetSchema),
  sheet: z.string(),
  /** Index (0-based) of the header row among the sheet's rows; null when the sheet is empty. */
  headerRow: z.number().int().nullable(),
  headers: z.array(z.string()),
  /** Columns (0-based) the sheet hides: marked in the mapping, not imported unless chosen. */
  hiddenColumns: z.array(z.number().int()),
  mapping: z.array(z.enum(IMPORT_FIELDS)),
  reasons: z.array(z.enum(GUESS_REASONS)),
  source: z.enum(IMPORT_SOURCES),
  mappingProblems: z.array(mappingProblemSchema),
  /** The first data rows as they are in the file, for the mapping screen. */
  sample: z.array(z.array(z.string())),
  rows: z.array(previewRowSchema),
  counts: z.object({
    rows: z.number().int(),
    add: z.number().int(),
    rejected: z.number().int(),
    duplicates: z.number().int(),
    setAside: z.number().int(),
    /** Rows with no value at all between the data rows: not counted anywhere else. */
    blank: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

const uuid = z.string().uuid();
const importId = z.string().regex(/^[0-9a-f-]{36}$/);

export const importOpenRequestSchema = z
  .object({
    forumId: uuid,
    fileName: z.string().min(1).max(260),
    /** The file's bytes, base64: 4/3 of the largest file accepted, and a little. */
    base64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 16),
  })
  .strict();

/** A cell corrected in the preview: its Excel row number (1-based), its column (0-based) and the new text. */
export const cellEditSchema = z
  .object({
    row: z.number().int().min(1),
    column: z.number().int().min(0).max(2000),
    value: z.string().max(10_000),
  })
  .strict();
export type CellEdit = z.infer<typeof cellEditSchema>;

/** Looking at the same file again: another sheet, header row, mapping or corrected cells. */
export const importPreviewRequestSchema = z
  .object({
    forumId: uuid,
    importId,
    /** A sheet's name, or a CSV's file name without its extension (a file name may be 255 characters). */
    sheet: z.string().max(300),
    /** Null: find the header row again. */
    headerRow: z.number().int().min(0).nullable(),
    /** Null: the remembered or automatic mapping for the chosen header row. */
    mapping: z.array(z.enum(IMPORT_FIELDS)).max(2000).nullable(),
    /** Cells corrected in the preview, applied over the file's; absent: none. */
    edits: z.array(cellEditSchema).max(10_000).optional(),
  })
  .strict();
export type ImportPreviewRequest = z.infer<typeof importPreviewRequestSchema>;

export const importCommitRequestSchema = importPreviewRequestSchema
  .extend({
    /** For rows whose file says nothing of them. */
    defaults: z.object({
      category: z.enum(REGISTRATION_CATEGORIES),
      status: z.enum(REGISTRATION_STATUSES),
    }),
    /** What to do with each duplicate, rejected or set-aside row, by its Excel row number; a row left out is skipped. */
    decisions: z.array(z.object({ row: z.number().int().min(1), action: z.enum(DUPLICATE_ACTIONS) })).max(300_000),
  })
  .strict();
export type ImportCommitRequest = z.infer<typeof importCommitRequestSchema>;

export const importResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  /** Duplicates left out. */
  skipped: z.number().int(),
  rejected: z.number().int(),
  /** Rows set aside as not people, and left out. */
  setAside: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
