import { z } from 'zod';

/**
 * Every failure that crosses the gate has one of these codes. The renderer
 * turns a code into a sentence in the user's language (i18n key `errors.code.<code>`);
 * `message` is an English fallback for logs and tests.
 */
export const ERROR_CODES = [
  'invalid_request',
  'unknown_channel',
  'forbidden',
  'payload_too_large',
  'not_found',
  'conflict',
  'save_failed',
  'store_locked',
  /** The data folder could not be written when the app started: it shows what is there and changes nothing. */
  'read_only',
  /** An import file refused before any row was read (too large, not a spreadsheet...): the issue says why. */
  'import_refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** An i18n key such as `errors.titleRequired`, or zod's English text. */
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type AppErrorPayload = z.infer<typeof appErrorSchema>;

/** Thrown by core; serialised across the gate as an AppErrorPayload. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): AppErrorPayload {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorPayload };

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
}
