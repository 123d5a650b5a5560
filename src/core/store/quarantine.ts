import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type StoreProblem, storeProblemSchema } from '../../shared/domain/store-problem';
import { AppError } from '../../shared/errors';
import { type DocumentSpec, decodeDocument } from './document-codec';
import { BACKUP_SUFFIX, writeDurable } from './durable-file';

/**
 * Files the store cannot use are never repaired or overwritten in place. Each
 * is moved, byte for byte, into `quarantine/<problem id>/` together with its
 * last good copy (the `.bak` of the durable writer) and a `problem.json` that
 * says what was wrong. The user then restores the last good copy or leaves it.
 */
const recordSchema = z.object({
  problem: storeProblemSchema,
  state: z.enum(['open', 'restored', 'dismissed']),
  lastGoodFile: z.string().nullable(),
});
type ProblemRecord = z.infer<typeof recordSchema>;

const RECORD = 'problem.json';

export class Quarantine {
  constructor(
    private readonly dir: string,
    private readonly dataRoot: string,
  ) {}

  /** Moves `file` (and its `.bak`) aside and records why. */
  async quarantine<T>(file: string, spec: DocumentSpec<T>, reason: StoreProblem['reason'], detail: string) {
    const detectedAt = new Date().toISOString();
    const base = path.basename(file);
    const id = `${detectedAt.replace(/[:.]/g, '-')}_${base}`;
    const folder = path.join(this.dir, id);
    await fs.mkdir(folder, { recursive: true });
    const movedTo = path.join(folder, base);
    await fs.rename(file, movedTo);

    let lastGoodFile: string | null = null;
    const backup = file + BACKUP_SUFFIX;
    const backupText = await fs.readFile(backup, 'utf8').catch(() => null);
    if (backupText !== null) {
      // The .bak must leave too, or the next start would take it for an interrupted write.
      const usable = decodeDocument(spec, backupText).ok;
      const target = path.join(folder, usable ? `last-good_${base}` : base + BACKUP_SUFFIX);
      await fs.rename(backup, target);
      if (usable) lastGoodFile = target;
    }
    const problem: StoreProblem = {
      id,
      file: path.relative(this.dataRoot, file),
      movedTo,
      reason,
      detail,
      lastGoodAvailable: lastGoodFile !== null,
      detectedAt,
    };
    await this.save(id, { problem, state: 'open', lastGoodFile });
    return problem;
  }

  async openProblems(): Promise<StoreProblem[]> {
    const ids = await fs.readdir(this.dir).catch(() => [] as string[]);
    const records = await Promise.all(ids.map((id) => this.load(id)));
    return records
      .filter((r): r is ProblemRecord => r !== null && r.state === 'open')
      .map((r) => r.problem)
      .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  }

  /**
   * Writes the last good copy back where the broken file was and returns that
   * path, for the owning store to load. The broken file stays in quarantine.
   */
  async restoreLastGood(id: string): Promise<string> {
    const record = await this.openRecord(id);
    if (!record.lastGoodFile) {
      throw new AppError('not_found', `There is no good earlier copy of ${record.problem.file}.`);
    }
    const target = path.join(this.dataRoot, record.problem.file);
    await writeDurable(target, await fs.readFile(record.lastGoodFile));
    await this.save(id, { ...record, state: 'restored' });
    return target;
  }

  /** Where the file of an open problem lived, as restoring it would write it back. */
  async fileOf(id: string): Promise<string> {
    return path.join(this.dataRoot, (await this.openRecord(id)).problem.file);
  }

  async dismiss(id: string): Promise<void> {
    const record = await this.openRecord(id);
    await this.save(id, { ...record, state: 'dismissed' });
  }

  private async openRecord(id: string): Promise<ProblemRecord> {
    const record = await this.load(id);
    if (record?.state !== 'open') throw new AppError('not_found', `No open problem ${id}.`);
    return record as ProblemRecord;
  }

  private async load(id: string): Promise<ProblemRecord | null> {
    // Ids come from the renderer: only plain folder names inside the quarantine.
    if (id !== path.basename(id) || id.startsWith('.')) return null;
    try {
      const text = await fs.readFile(path.join(this.dir, id, RECORD), 'utf8');
      const parsed = recordSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private save(id: string, record: ProblemRecord): Promise<void> {
    return writeDurable(path.join(this.dir, id, RECORD), JSON.stringify(record, null, 2));
  }
}
