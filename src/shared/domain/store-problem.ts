import { z } from 'zod';

/**
 * A data file the store could not use at start-up. The file itself has been
 * moved aside untouched (quarantined); the user decides what happens next.
 */
export const STORE_PROBLEM_REASONS = ['corrupt', 'invalid', 'newerVersion', 'unreadable'] as const;

export const storeProblemSchema = z.object({
  id: z.string(),
  /** Path of the file as it was, relative to the data folder. */
  file: z.string(),
  /** Absolute path where the untouched file now lies. */
  movedTo: z.string(),
  reason: z.enum(STORE_PROBLEM_REASONS),
  /** Technical detail (parser message, failing field, version numbers). */
  detail: z.string(),
  /** A previous copy that parses and validates, which the user may restore. */
  lastGoodAvailable: z.boolean(),
  detectedAt: z.string(),
});
export type StoreProblem = z.infer<typeof storeProblemSchema>;
