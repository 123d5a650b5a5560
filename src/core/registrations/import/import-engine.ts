/**
 * Where an import's heavy work runs: reading the file (inflating and parsing
 * a 50 MB workbook) and building its preview (every row read, checked and
 * matched against the forum's registrations). The app runs it in a worker
 * thread (WorkerImportEngine), so the window and the door's check-ins keep
 * being answered while a 50,000-row list is read; tests may run it in the
 * same thread (InProcessImportEngine). Both keep the open files themselves,
 * by handle: a file's rows never cross between threads, only previews do.
 * See docs/import.md.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Registration } from '../../../shared/domain/registration';
import type { ImportField, ImportPreviewRequest } from '../../../shared/domain/registration-import';
import { AppError } from '../../../shared/errors';
import { shapeKey } from './column-mapping';
import type { DuplicateCandidate } from './duplicates';
import { ImportInputError } from './errors';
import { buildPreview, type PreviewContext, type SheetPreview } from './preview';
import { type ImportFile, readImportFile } from './read-file';

export type SheetRequest = Pick<ImportPreviewRequest, 'sheet' | 'headerRow' | 'mapping' | 'edits'>;

/** What a preview needs of the forum, as plain data: it is copied to the worker with each preview. */
export interface EngineContext extends Omit<PreviewContext, 'rememberedMapping'> {
  /** The mappings remembered by header shape (see MappingMemory). */
  shapes: readonly { key: string; mapping: ImportField[] }[];
}

export interface ImportEngine {
  /** Reads and checks a file; rejects with ImportInputError when it is refused. Resolves to its handle. */
  open(fileName: string, bytes: Uint8Array): Promise<string>;
  /** Rejects with AppError 'not_found' for a sheet the file does not have, or a handle no longer open. */
  preview(handle: string, request: SheetRequest, context: EngineContext): Promise<SheetPreview>;
  /** A sheet's rows as read, for the report. */
  rows(handle: string, sheet: string): Promise<string[][]>;
  close(handle: string): void;
  /** Ends the worker, if any. */
  stop(): Promise<void>;
}

/** Files kept open at once; opening another forgets the oldest (each may hold 50 MB of rows). */
const OPEN_FILES = 2;

/** The registration fields duplicates are found by: all a preview is sent of the forum's registrations. */
export function duplicateCandidates(registrations: readonly Registration[]): DuplicateCandidate[] {
  return registrations.map((r) => ({
    id: r.id,
    email: r.email,
    mobile: r.mobile,
    mobileE164: r.mobileE164,
    fullName: r.fullName,
    fullNameEn: r.fullNameEn,
    organisation: r.organisation,
  }));
}

export class InProcessImportEngine implements ImportEngine {
  private readonly files = new Map<string, ImportFile>();

  async open(fileName: string, bytes: Uint8Array): Promise<string> {
    const file = await readImportFile(fileName, bytes);
    const handle = randomUUID();
    this.files.set(handle, file);
    for (const key of this.files.keys()) if (this.files.size > OPEN_FILES) this.files.delete(key);
    return handle;
  }

  async preview(handle: string, request: SheetRequest, context: EngineContext): Promise<SheetPreview> {
    const remembered = new Map(context.shapes.map((s) => [s.key, s.mapping]));
    return buildPreview(this.file(handle), request, {
      ...context,
      rememberedMapping: (headers) => remembered.get(shapeKey(headers)) ?? null,
    });
  }

  async rows(handle: string, sheet: string): Promise<string[][]> {
    return this.file(handle).sheets.find((s) => s.name === sheet)?.rows ?? [];
  }

  close(handle: string): void {
    this.files.delete(handle);
  }

  async stop(): Promise<void> {
    this.files.clear();
  }

  private file(handle: string): ImportFile {
    const file = this.files.get(handle);
    if (!file) throw new AppError('not_found', 'This import is no longer open: choose the file again.');
    return file;
  }
}

// ---------------------------------------------------------------------------
// The worker thread
// ---------------------------------------------------------------------------

type EngineMethod = 'open' | 'preview' | 'rows' | 'close';

export interface EngineCall {
  id: number;
  method: EngineMethod;
  args: unknown[];
}

export type EngineReply = { id: number; result: unknown } | { id: number; error: SerializedError };

/** An error as it crosses threads: the structured clone keeps only an Error's message. */
export type SerializedError =
  | {
      kind: 'import';
      code: ImportInputError['code'];
      message: string;
      where: ImportInputError['where'];
      format: ImportInputError['format'];
    }
  | { kind: 'app'; code: AppError['code']; message: string }
  | { kind: 'other'; message: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ImportInputError) {
    return { kind: 'import', code: error.code, message: error.message, where: error.where, format: error.format };
  }
  if (error instanceof AppError) return { kind: 'app', code: error.code, message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

function deserializeError(error: SerializedError): Error {
  if (error.kind === 'import') return new ImportInputError(error.code, error.message, error.where, error.format);
  if (error.kind === 'app') return new AppError(error.code, error.message);
  return new Error(error.message);
}

/** How much heap the worker may take: a crafted file ends the worker, never the app. */
const WORKER_HEAP_MB = 2048;

/**
 * The engine in a worker thread, started on first use from `script` (the
 * bundled import-worker). A worker that dies (out of memory on a crafted
 * file) fails the calls under way with a clear error; the next call starts a
 * new one, whose open files are none.
 */
export class WorkerImportEngine implements ImportEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { method: EngineMethod; resolve(value: unknown): void; reject(error: Error): void }
  >();

  constructor(private readonly script: string) {}

  open(fileName: string, bytes: Uint8Array): Promise<string> {
    // The bytes move to the worker rather than being copied; a Buffer from Node's pool is copied first.
    const own =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
        ? bytes
        : Uint8Array.from(bytes);
    return this.call('open', [fileName, own], [own.buffer as ArrayBuffer]) as Promise<string>;
  }

  preview(handle: string, request: SheetRequest, context: EngineContext): Promise<SheetPreview> {
    return this.call('preview', [handle, request, context]) as Promise<SheetPreview>;
  }

  rows(handle: string, sheet: string): Promise<string[][]> {
    return this.call('rows', [handle, sheet]) as Promise<string[][]>;
  }

  close(handle: string): void {
    if (this.worker) void this.call('close', [handle]).catch(() => {});
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private call(method: EngineMethod, args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      worker.postMessage({ id, method, args } satisfies EngineCall, transfer);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on('message', (reply: EngineReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if ('error' in reply) call.reject(deserializeError(reply.error));
      else call.resolve(reply.result);
    });
    const fail = (outOfMemory: boolean, reason: string) => {
      if (this.worker === worker) this.worker = null;
      for (const call of this.pending.values()) {
        // A file that ends the worker while it is read is refused; an open import whose worker ended is gone.
        call.reject(
          call.method === 'open'
            ? new ImportInputError(outOfMemory ? 'unpacks_too_large' : 'corrupt', `The reader stopped: ${reason}`)
            : new AppError('not_found', 'This import is no longer open: choose the file again.'),
        );
      }
      this.pending.clear();
    };
    worker.on('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY', error.message),
    );
    worker.on('exit', (code) => fail(false, `exit ${code}`));
    // The worker must not keep the process alive on its own (the app quits, a test ends).
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
