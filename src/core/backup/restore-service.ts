import type { BackupRestoreResult } from '../../shared/domain/backup';
import { councilPeopleOf } from '../../shared/domain/council-edit';
import type { Directory } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { peopleOf } from '../../shared/domain/programme-edit';
import { AppError } from '../../shared/errors';
import type { DeskRecord } from '../desks/desk-registry';
import { EMPTY_REGISTRATIONS } from '../registrations/registration-store';
import { settingsSpec } from '../settings/settings-store';
import { encodeDocument } from '../store/document-codec';
import type { ForumImage, StoreImage } from './backup-archive';
import type { BackupService } from './backup-service';
import { deskRestoreChanges, highestReservedCode } from './desk-files';
import { type OpenStores, replaceStore } from './store-replacement';

/** What a restore asks of the check-in desks' door, which is open in this process or not at all. */
export interface DesksAtRestore {
  /**
   * Closes the door and its hub (their scans still on their way applied
   * first) while the files are replaced, so that no scan is applied
   * against a ledger being replaced; the function returned opens them again
   * as they were, and the hub then applies what the restored ledgers lack.
   */
  pause(): Promise<() => Promise<void>>;
}

const NO_DESKS: DesksAtRestore = { pause: async () => async () => {} };

/**
 * Puts a backup back: the whole store, or one forum. The backup is read and
 * checked whole first, then the present state is backed up (a failure there
 * stops the restore: nothing is replaced without a way back), then the files
 * are replaced in one transaction.
 */
export class RestoreService {
  constructor(
    private readonly stores: OpenStores,
    private readonly backups: BackupService,
    private readonly desks: DesksAtRestore = NO_DESKS,
  ) {}

  async restore(id: string, forumId?: string): Promise<BackupRestoreResult> {
    const { image } = await this.backups.read(id);
    if (forumId && !image.forums.has(forumId))
      throw new AppError('not_found', `Backup ${id} holds no forum ${forumId}.`);
    const safetyBackup = await this.backups.create('beforeRestore');
    const resume = await this.desks.pause();
    try {
      if (forumId) {
        await this.restoreForum(image, forumId);
        return { safetyBackup, forumIds: [forumId] };
      }
      await this.restoreAll(image);
      return { safetyBackup, forumIds: [...image.forums.keys()] };
    } finally {
      await resume();
    }
  }

  private async restoreAll(image: StoreImage): Promise<void> {
    const { folder, settings, forums, history } = this.stores;
    const present = forums.all().map((f) => f.id);
    const replaced = new Map<string, ForumImage | null>(present.map((id) => [id, null]));
    for (const [id, forum] of image.forums) replaced.set(id, forum);
    const desks = await deskRestoreChanges(folder.desksDir, image.desks, [...replaced.keys()]);
    await replaceStore(this.stores, {
      deskFiles: desks.changes,
      // The backups folder belongs to this machine, not to the backup.
      settings: image.settings
        ? {
            file: folder.settingsFile,
            content: encodeDocument(settingsSpec, { ...image.settings, backupsFolder: settings.get().backupsFolder }),
          }
        : undefined,
      directory: image.directory,
      forums: countersPastDesks(replaced, desks.desks),
      photos: image.photos,
      documents: image.documents,
    });
    history.clear();
  }

  /** The forum as the backup had it; people and organisations it names that are gone from here come back too. */
  private async restoreForum(image: StoreImage, forumId: string): Promise<void> {
    const forum = image.forums.get(forumId);
    if (!forum) return;
    const directory = withMissingReferences(this.stores.directory.data, image.directory, forum.file.programme, [
      ...councilPeopleOf(forum.file.council),
    ]);
    const desks = await deskRestoreChanges(this.stores.folder.desksDir, image.desks, [forumId]);
    await replaceStore(this.stores, {
      deskFiles: desks.changes,
      directory: directory === this.stores.directory.data ? undefined : directory,
      forums: countersPastDesks(new Map([[forumId, forum]]), desks.desks),
      photos: image.photos,
      documents: image.documents,
    });
  }
}

/**
 * The forums with their badge counters past every block of codes their desks
 * hold. A desk paired after the backup was taken keeps its block (its walk-ins
 * carry those codes, and it registers more offline): the backup's counter,
 * from before the block was set aside, would hand its codes out again.
 */
function countersPastDesks(
  forums: ReadonlyMap<string, ForumImage | null>,
  desks: readonly DeskRecord[],
): Map<string, ForumImage | null> {
  const moved = new Map(forums);
  for (const [id, forum] of forums) {
    const highest = highestReservedCode(desks, id);
    if (!forum || highest === null) continue;
    const registrations = forum.registrations ?? EMPTY_REGISTRATIONS;
    if (registrations.nextCode > highest) continue;
    moved.set(id, { ...forum, registrations: { ...registrations, nextCode: highest + 1 } });
  }
  return moved;
}

/** `here` with the people of `programme` (and their organisations, and the delegations') that only `from` still has. */
function withMissingReferences(
  here: Directory,
  from: Directory,
  programme: Programme,
  alsoNamed: readonly string[] = [],
): Directory {
  const peopleHere = new Set(here.people.map((p) => p.id));
  const organisationsHere = new Set(here.organisations.map((o) => o.id));
  const wanted = new Set([...peopleOf(programme), ...alsoNamed]);
  const people = from.people.filter((p) => wanted.has(p.id) && !peopleHere.has(p.id));
  const organisationIds = new Set([
    ...people.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
    ...programme.delegations.flatMap((d) => (d.organisationId ? [d.organisationId] : [])),
  ]);
  const organisations = from.organisations.filter((o) => organisationIds.has(o.id) && !organisationsHere.has(o.id));
  if (people.length === 0 && organisations.length === 0) return here;
  return { people: [...here.people, ...people], organisations: [...here.organisations, ...organisations] };
}
