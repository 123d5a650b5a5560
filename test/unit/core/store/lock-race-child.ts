/**
 * One start racing for a data folder's lock (folder-lock.test.ts): says
 * "ready" once loaded, tries the lock when the test writes "go", says what it
 * got, and holds on until its stdin closes.
 */
import { createInterface } from 'node:readline';
import { acquireFolderLock } from '../../../../src/core/store/folder-lock';
import { AppError } from '../../../../src/shared/errors';

const lockFile = process.argv[2] as string;
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', () => {
  acquireFolderLock(lockFile, 'test').then(
    () => process.stdout.write('got\n'),
    (error: unknown) =>
      process.stdout.write(error instanceof AppError ? `refused ${error.code}\n` : `failed ${String(error)}\n`),
  );
});
lines.once('close', () => process.exit(0));
