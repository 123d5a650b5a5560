import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Directory, directorySchema, PHOTO_MAX_BYTES } from '../../shared/domain/person';
import type { StoreProblem } from '../../shared/domain/store-problem';
import { AppError } from '../../shared/errors';
import type { DocumentSpec } from '../store/document-codec';
import { fileExists, removeStaleTemps, writeDurable } from '../store/durable-file';
import { DocumentReadError, JsonDocument } from '../store/json-document';
import type { Quarantine } from '../store/quarantine';
import { saveFailed, unlessUnwritable } from '../store/save-error';

export const directorySpec: DocumentSpec<Directory> = {
  label: 'directory',
  version: 1,
  schema: directorySchema,
  migrations: {},
};

const PHOTO_NAME = /^[0-9a-f]{32}\.(jpg|png)$/;

export const EMPTY_DIRECTORY: Directory = { people: [], organisations: [] };

/**
 * The people and organisations shared by all forums, `directory.json`, and
 * their photos in `photos/`. A photo file is named by its content hash and
 * never overwritten, so undoing a photo change finds the old file in place.
 */
export class DirectoryStore {
  private constructor(
    private doc: JsonDocument<Directory>,
    private readonly file: string,
    private readonly photosDir: string,
  ) {}

  static async open(file: string, photosDir: string, quarantine: Quarantine) {
    await fs.mkdir(photosDir, { recursive: true }).catch(unlessUnwritable); // read-only: nothing to make
    await removeStaleTemps(photosDir);
    try {
      const doc = await JsonDocument.open(file, directorySpec, EMPTY_DIRECTORY);
      return { store: new DirectoryStore(doc, file, photosDir), problem: null };
    } catch (error) {
      if (!(error instanceof DocumentReadError)) throw error;
      const problem: StoreProblem = await quarantine.quarantine(file, directorySpec, error.reason, error.detail);
      // The file has moved aside: start empty; restoring the last good copy reloads it.
      const doc = await JsonDocument.open(file, directorySpec, EMPTY_DIRECTORY);
      return { store: new DirectoryStore(doc, file, photosDir), problem };
    }
  }

  get document(): JsonDocument<Directory> {
    return this.doc;
  }

  get data(): Directory {
    return this.doc.data;
  }

  /** After the last good copy was put back in place. */
  async reload(): Promise<void> {
    this.doc = await JsonDocument.open(this.file, directorySpec, EMPTY_DIRECTORY);
  }

  /** Keeps a JPEG or PNG (already resized by the renderer); returns its file name. */
  async savePhoto(bytes: Buffer): Promise<string> {
    const type = imageType(bytes);
    if (!type)
      throw new AppError('invalid_request', 'The photo is not a JPEG or PNG image.', [
        { path: ['photo'], message: 'errors.photoType' },
      ]);
    if (bytes.length > PHOTO_MAX_BYTES) {
      throw new AppError('payload_too_large', 'The photo is too large.', [
        { path: ['photo'], message: 'errors.photoTooLarge' },
      ]);
    }
    const name = photoFileName(bytes, type);
    const file = path.join(this.photosDir, name);
    if (!(await fileExists(file)))
      await writeDurable(file, bytes).catch((error: unknown) => Promise.reject(saveFailed(error)));
    return name;
  }

  /** Whether the photo (or logo) file is in the folder, without reading it. */
  hasPhoto(name: string): Promise<boolean> {
    return PHOTO_NAME.test(name) ? fileExists(path.join(this.photosDir, name)) : Promise.resolve(false);
  }

  /** A photo's bytes, or null when the name is not a photo's or the file is gone. */
  async photoBytes(name: string): Promise<Buffer | null> {
    if (!PHOTO_NAME.test(name)) return null;
    return fs.readFile(path.join(this.photosDir, name)).catch(() => null);
  }

  /** A photo as a data: URL for the renderer, or null when the file is gone. */
  async photoDataUrl(name: string): Promise<string | null> {
    const bytes = await this.photoBytes(name);
    if (!bytes) return null;
    return `data:image/${name.endsWith('.jpg') ? 'jpeg' : 'png'};base64,${bytes.toString('base64')}`;
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}

/** A photo's file name: its content hash, so a name always means the same picture. */
function photoFileName(bytes: Buffer, type: 'jpg' | 'png'): string {
  return `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${type}`;
}

/** Whether `bytes` are a photo the store would have kept under `name` (a backup or handover file brings them). */
export function isPhotoNamed(name: string, bytes: Buffer): boolean {
  const type = imageType(bytes);
  return type !== null && bytes.length <= PHOTO_MAX_BYTES && photoFileName(bytes, type) === name;
}

function imageType(bytes: Buffer): 'jpg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  return null;
}
