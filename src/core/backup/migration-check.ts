import { promises as fs } from 'node:fs';
import path from 'node:path';
import { directorySpec } from '../directory/directory-store';
import { forumFileSpec } from '../forums/forum-file';
import { REGISTRATIONS_SUFFIX, registrationsFileSpec } from '../registrations/registration-store';
import { settingsSpec } from '../settings/settings-store';
import type { DataFolder } from '../store/data-folder';

/** encodeDocument writes the version first: `{"schemaVersion":2,"data":…`, so the head of a file says it. */
const VERSION_AT_START = /^\s*\{\s*"schemaVersion"\s*:\s*(\d+)/;
const HEAD_BYTES = 64;

/**
 * The store files written in an older format than this build's, which
 * opening the store will migrate in place: the backup before a migration is
 * taken when this is not empty. Only each file's first bytes are read, so
 * start-up does not parse a forum's registrations twice.
 */
export async function olderFormatFiles(folder: DataFolder): Promise<string[]> {
  const files: [string, number][] = [
    [folder.settingsFile, settingsSpec.version],
    [folder.directoryFile, directorySpec.version],
  ];
  for (const name of await fs.readdir(folder.forumsDir).catch(() => [] as string[])) {
    if (name.endsWith(REGISTRATIONS_SUFFIX))
      files.push([path.join(folder.forumsDir, name), registrationsFileSpec.version]);
    else if (name.endsWith('.json')) files.push([path.join(folder.forumsDir, name), forumFileSpec.version]);
  }
  const older: string[] = [];
  for (const [file, current] of files) {
    const version = await versionOf(file);
    if (version !== null && version < current) older.push(file);
  }
  return older;
}

async function versionOf(file: string): Promise<number | null> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const match = VERSION_AT_START.exec(head.subarray(0, bytesRead).toString('utf8'));
    return match ? Number(match[1]) : null;
  } finally {
    await handle.close();
  }
}
