import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  COUNCIL_DOCUMENT_MAX_BYTES,
  COUNCIL_DOCUMENT_NAME,
  COUNCIL_DOCUMENT_TYPES,
  type CouncilDocumentType,
} from '../../shared/domain/council';
import { AppError } from '../../shared/errors';
import { fileExists, writeDurable } from '../store/durable-file';
import { saveFailed } from '../store/save-error';

/**
 * The papers a council's agenda items present (reports, proposals), kept in
 * the data folder's documents/ under their content hash and type, like
 * people's photos: a file is written once however many items name it, and a
 * name always means the same bytes, so backups and handover files can carry
 * them without a journal.
 */
export class CouncilDocuments {
  constructor(readonly dir: string) {}

  /** Keeps the bytes of a file called `fileName`; refuses a type it does not take or bytes that are not that type. */
  async save(fileName: string, bytes: Buffer): Promise<{ file: string; bytes: number }> {
    const type = documentTypeOf(fileName);
    if (!type) {
      throw new AppError('invalid_request', `${fileName} is not a kind of document a council item takes.`, [
        { path: ['fileName'], message: 'errors.council.documentType' },
      ]);
    }
    if (bytes.length > COUNCIL_DOCUMENT_MAX_BYTES) {
      throw new AppError('payload_too_large', 'The document is too large.', [
        { path: ['base64'], message: 'errors.council.documentTooLarge' },
      ]);
    }
    if (bytes.length === 0 || !looksLike(type, bytes)) {
      throw new AppError('invalid_request', `${fileName} is not the ${type} file its name says.`, [
        { path: ['base64'], message: 'errors.council.documentDamaged' },
      ]);
    }
    const file = documentFileName(bytes, type);
    const target = path.join(this.dir, file);
    try {
      if (!(await fileExists(target))) {
        await fs.mkdir(this.dir, { recursive: true });
        await writeDurable(target, bytes);
      }
    } catch (error) {
      throw saveFailed(error);
    }
    return { file, bytes: bytes.length };
  }

  /** A kept document's bytes, or null when its file is gone. */
  async bytes(file: string): Promise<Buffer | null> {
    if (!COUNCIL_DOCUMENT_NAME.test(file)) return null;
    return fs.readFile(path.join(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }

  /** Writes a document a backup or handover file brought, unless the same one is already here. */
  async restore(file: string, bytes: Buffer): Promise<void> {
    if (!isDocumentNamed(file, bytes)) return;
    const target = path.join(this.dir, file);
    if (await fileExists(target)) return;
    await fs.mkdir(this.dir, { recursive: true });
    await writeDurable(target, bytes);
  }
}

/** The type a file's name says, when it is one a council item takes. */
export function documentTypeOf(fileName: string): CouncilDocumentType | null {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return (COUNCIL_DOCUMENT_TYPES as readonly string[]).includes(ext) ? (ext as CouncilDocumentType) : null;
}

function documentFileName(bytes: Buffer, type: CouncilDocumentType): string {
  return `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${type}`;
}

/** Whether `bytes` are the document the store would have kept under `file` (a backup or handover brings them). */
export function isDocumentNamed(file: string, bytes: Buffer): boolean {
  const type = COUNCIL_DOCUMENT_NAME.exec(file)?.[1] as CouncilDocumentType | undefined;
  return (
    type !== undefined &&
    bytes.length <= COUNCIL_DOCUMENT_MAX_BYTES &&
    looksLike(type, bytes) &&
    documentFileName(bytes, type) === file
  );
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Buffer, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * The first bytes each type starts with: Office files since 2007 and
 * OpenDocument are zips, older Office files OLE compound files. Text is
 * taken as it comes, but never with NUL bytes (a binary file renamed .txt).
 */
function looksLike(type: CouncilDocumentType, bytes: Buffer): boolean {
  switch (type) {
    case 'pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'odt':
      return startsWith(bytes, ZIP);
    case 'doc':
    case 'xls':
    case 'ppt':
      return startsWith(bytes, OLE);
    case 'jpg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'txt':
      return !bytes.includes(0);
  }
}
