import { type Core, openCore } from '../../../src/core/app-core';
import { AppError, type ErrorCode } from '../../../src/shared/errors';

/** Core over a test data folder, as the desktop app and browser mode open it. */
export const openTestCore = (dataDir: string) => openCore({ dataDir, appVersion: 'test', holder: 'test' });

/** Opens core, runs `body`, and always closes it (flushing writes, releasing the folder lock). */
export async function withCore<T>(dataDir: string, body: (core: Core) => Promise<T>): Promise<T> {
  const core = await openTestCore(dataDir);
  try {
    return await body(core);
  } finally {
    await core.close();
  }
}

/** For `rejects.toSatisfy`: an AppError with this code. */
export const withCode = (code: ErrorCode) => (e: unknown) => e instanceof AppError && e.code === code;
