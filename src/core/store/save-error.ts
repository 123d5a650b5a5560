import { AppError } from '../../shared/errors';

/** Turns a failed durable write into the message the user sees; the old file is untouched. */
export function saveFailed(error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
        ? 'the data folder is read-only'
        : (error as Error).message;
  return new AppError('save_failed', `Could not save (${why}); the last good file is kept.`);
}
