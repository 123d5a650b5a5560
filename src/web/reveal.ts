import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../shared/errors';

/**
 * Browser mode's "Open" and "Show in folder": the page cannot open files,
 * but the server runs on the user's own machine, so it asks the system's
 * opener. Arguments go as a list (no shell), and core only ever passes the
 * path of an export it wrote itself.
 */
export async function revealWithSystemOpener(file: string, how: 'open' | 'folder'): Promise<void> {
  const [command, args] = openerCommand(file, how);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => reject(new AppError('not_found', `No program to open files with (${command})`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

function openerCommand(file: string, how: 'open' | 'folder'): [string, string[]] {
  switch (process.platform) {
    case 'win32':
      return how === 'open' ? ['explorer.exe', [file]] : ['explorer.exe', [`/select,${file}`]];
    case 'darwin':
      return how === 'open' ? ['open', [file]] : ['open', ['-R', file]];
    default:
      // xdg-open has no "select this file": open its folder.
      return ['xdg-open', [how === 'open' ? file : path.dirname(file)]];
  }
}
