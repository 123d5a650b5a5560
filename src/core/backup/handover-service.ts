import { randomUUID } from 'node:crypto';
import type { HandoverCommitRequest, HandoverCommitResult, HandoverPreview } from '../../shared/domain/backup';
import { AppError } from '../../shared/errors';
import { forumContent } from './backup-archive';
import type { BackupService } from './backup-service';
import { type Handover, handoverContent, readHandover } from './handover-archive';
import { type PlanContext, planHandover, withDatesClamped } from './handover-plan';
import { type OpenStores, replaceStore } from './store-replacement';

/** Files kept open between preview and commit; opening another forgets the oldest. */
const OPEN_HANDOVERS = 2;

/**
 * Importing a `.multaqa` file: open (read and check it whole, preview what it
 * would do; nothing written), commit (back up the present state, then write
 * the forum, its registrations and the directory in one transaction), close.
 */
export class HandoverService {
  private readonly open = new Map<string, { fileName: string; handover: Handover }>();

  constructor(
    private readonly stores: OpenStores,
    private readonly backups: BackupService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async openFile(fileName: string, base64: string): Promise<HandoverPreview> {
    const handover = withDatesClamped(await readHandover(Buffer.from(base64, 'base64')), this.now());
    const handoverId = randomUUID();
    this.open.set(handoverId, { fileName, handover });
    for (const id of this.open.keys()) if (this.open.size > OPEN_HANDOVERS) this.open.delete(id);
    const existing = await this.existing(handover.file.forum.id);
    const plan = planHandover(handover, this.context(existing, 'merge', 'keepExisting', new Set()));
    return {
      handoverId,
      fileName,
      exportedAt: handover.exportedAt,
      appVersion: handover.appVersion,
      forum: handoverContent(handover),
      people: handover.directory.people.length,
      photos: handover.photos.size,
      existing: existing ? forumContent(existing.file, existing.registrations.registrations.length) : null,
      merge: plan.merge,
      directory: plan.directoryCounts,
      directoryChanges: plan.directoryChanges,
    };
  }

  async commit(request: HandoverCommitRequest): Promise<HandoverCommitResult> {
    const open = this.open.get(request.handoverId);
    if (!open) throw new AppError('not_found', 'This forum file is no longer open; choose it again.');
    const existing = await this.existing(open.handover.file.forum.id);
    if (request.mode === 'merge' && !existing) {
      throw new AppError('conflict', 'There is no forum here to merge this file into.');
    }
    const safetyBackup = await this.backups.create('beforeHandover');
    // Planned again against the store as it is now: a change made since the preview is not lost.
    const take = new Set(request.takeDirectory ?? []);
    const plan = planHandover(open.handover, this.context(existing, request.mode, request.duplicates, take));
    await replaceStore(this.stores, {
      directory: plan.directory,
      forums: new Map([[plan.forumId, { file: plan.file, registrations: plan.registrations }]]),
      photos: open.handover.photos,
      documents: open.handover.documents,
    });
    this.open.delete(request.handoverId);
    return { forumId: plan.forumId, safetyBackup };
  }

  close(handoverId: string): void {
    this.open.delete(handoverId);
  }

  private async existing(forumId: string): Promise<PlanContext['existing']> {
    const doc = this.stores.forums.document(forumId);
    if (!doc) return null;
    const registrations = await this.stores.registrations.open(forumId);
    return { file: doc.data, registrations: registrations.data };
  }

  private context(
    existing: PlanContext['existing'],
    mode: PlanContext['mode'],
    duplicates: PlanContext['duplicates'],
    takeDirectory: PlanContext['takeDirectory'],
  ): PlanContext {
    return {
      mode,
      duplicates,
      existing,
      takeDirectory,
      directory: this.stores.directory.data,
      newId: randomUUID,
      now: this.now(),
    };
  }
}
