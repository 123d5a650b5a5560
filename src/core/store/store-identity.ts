import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type DocumentSpec, decodeDocument, encodeDocument } from './document-codec';
import { readDurable, writeDurable } from './durable-file';

/**
 * Which store this data folder is, `store.json`: an id made the first time
 * the folder is opened. Backups carry it, so that in a backups folder shared
 * by several machines (a network share, one stick for two laptops) each
 * store's rotation deletes only its own backups. It stays with the folder: a
 * restore never brings another store's id.
 */
const storeFileSpec: DocumentSpec<{ id: string }> = {
  label: 'store',
  version: 1,
  schema: z.object({ id: z.string().uuid() }),
  migrations: {},
};

/** The folder's store id; a missing or unusable file gets a new one (older backups then read as another store's). */
export async function storeIdentity(file: string): Promise<string> {
  const read = await readDurable(file).catch(() => null);
  if (read?.kind === 'ok') {
    const decoded = decodeDocument(storeFileSpec, read.text);
    if (decoded.ok) return decoded.data.id;
  }
  const id = randomUUID();
  await writeDurable(file, encodeDocument(storeFileSpec, { id }));
  return id;
}
