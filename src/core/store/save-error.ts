import type { ReadOnlyReason } from '../../shared/contract';
import { AppError } from '../../shared/errors';

/** Why a write was refused by the disk, when it says the folder cannot take writes at all; null for anything else. */
export function unwritableReason(error: unknown): ReadOnlyReason | null {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EROFS':
      return 'readOnly';
    case 'EACCES':
    case 'EPERM':
      return 'noPermission';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    default:
      return null;
  }
}

/**
 * For a write made only in passing while opening (a migrated file written
 * back, a counter set right, a folder made): a folder that cannot be written
 * keeps what it has, and the store goes on from memory; any other failure is thrown.
 */
export function unlessUnwritable(error: unknown): void {
  if (unwritableReason(error) === null) throw error;
}

/** Turns a failed durable write into the message the user sees; the old file is untouched. */
export function saveFailed(error: unknown): AppError {
  const reason = unwritableReason(error);
  const why =
    reason === 'full'
      ? 'the disk is full'
      : reason !== null
        ? 'the data folder is read-only'
        : (error as Error).message;
  return new AppError('save_failed', `Could not save (${why}); the last good file is kept.`);
}
