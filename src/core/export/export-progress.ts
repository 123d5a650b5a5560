/** Thrown at a checkpoint once the user has cancelled the export. */
export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** How long an export may keep the event loop before letting status polls and a cancel through. */
const SLICE_MS = 40;

/**
 * The progress of one export, shared by the job (which reports it) and the
 * writer (which advances it). Writers run in the same process as every other
 * request, so they call `checkpoint()` inside their loops: it yields now and
 * then so the app stays responsive, and stops the export once it is cancelled.
 */
export class ExportProgress {
  done = 0;
  total = 0;
  private cancelled = false;
  private sliceStart = Date.now();

  /** The units of work (rows, badges, sessions) the export will go through. */
  setTotal(total: number): void {
    this.total = total;
  }

  advance(units = 1): void {
    this.done = Math.min(this.total, this.done + units);
  }

  cancel(): void {
    this.cancelled = true;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  async checkpoint(): Promise<void> {
    if (this.cancelled) throw new ExportCancelled();
    if (Date.now() - this.sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = Date.now();
    if (this.cancelled) throw new ExportCancelled();
  }
}
