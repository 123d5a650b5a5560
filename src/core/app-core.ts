import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppInfo, Handlers } from '../shared/contract';
import type { StoreProblem } from '../shared/domain/store-problem';
import { AppError } from '../shared/errors';
import { BackupService } from './backup/backup-service';
import { HandoverService } from './backup/handover-service';
import { olderFormatFiles } from './backup/migration-check';
import { RestoreService } from './backup/restore-service';
import { flushStores, type OpenStores } from './backup/store-replacement';
import { CouncilDocuments } from './council/council-documents';
import { CouncilService } from './council/council-service';
import type { DeskDoorService } from './desks/desk-door';
import { DirectoryService } from './directory/directory-service';
import { DirectoryStore } from './directory/directory-store';
import { ExportService, type RevealFile } from './export/export-service';
import { ForumService } from './forums/forum-service';
import { ForumStore } from './forums/forum-store';
import { DIRECTORY_KEY, History } from './history/history';
import { ProgrammeService } from './programme/programme-service';
import { InProcessImportEngine, WorkerImportEngine } from './registrations/import/import-engine';
import { ImportService } from './registrations/import/import-service';
import { MappingMemory } from './registrations/import/mapping-memory';
import { RegistrationService } from './registrations/registration-service';
import { forumIdOfRegistrationsFile, RegistrationStore } from './registrations/registration-store';
import { SettingsStore } from './settings/settings-store';
import { type DataFolder, dataFolder } from './store/data-folder';
import { removeStaleTemps } from './store/durable-file';
import { recoverTransaction } from './store/file-transaction';
import { acquireFolderLock, type FolderLock, type LockHolderKind } from './store/folder-lock';
import { Quarantine } from './store/quarantine';
import { unwritableReason } from './store/save-error';
import { storeIdentity } from './store/store-identity';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  holder: LockHolderKind;
  /** Where exports are written; the data folder's exports/ when not given (tests). */
  exportsDir?: string;
  /** resources/fonts, whose TTFs Word exports embed; the working folder's resources/fonts when not given (tests). */
  fontsDir?: string;
  /** How the shell opens a file or shows it in its folder; refused when not given (tests). */
  reveal?: RevealFile;
  /** Today's backup at start and every hour while open (the app); off unless asked (tests). */
  dailyBackups?: boolean;
  /**
   * The bundled import worker: imports are read and previewed in a worker
   * thread from it (the app); in this thread when not given (tests).
   */
  importWorker?: string;
  /** The check-in desks' page as built (out/desk), served by their door; no page when not given (tests). */
  deskPageDir?: string;
}

export interface Core {
  handlers: Handlers;
  /** Problems found while opening, for a log line at start-up. */
  startupProblems: StoreProblem[];
  /** The registrations, for the check-in desks' hub (which applies the desks' scans beside the gate). */
  registrations: RegistrationService;
  /** Waits for queued writes and releases the data folder. */
  close(): Promise<void>;
}

/**
 * Opens the store in `dataDir` and returns one handler per contract channel.
 * Plain Node: the Electron main process and the browser-mode server both
 * put their own gate in front of these handlers.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const folder = dataFolder(options.dataDir);
  const opened = await lockOrReadOnly(folder, options.holder);
  const { lock, readOnly } = opened;
  try {
    if (!readOnly) {
      // A restore or handover import that a crash interrupted is finished (or dropped) before anything reads the files.
      await recoverTransaction(folder.root);
      await removeStaleTemps(folder.root); // the folders' own are swept by their stores
    }
    let stores: OpenStores | null = null; // once they are open
    const backups = new BackupService({
      folder,
      appVersion: options.appVersion,
      // A folder that cannot be written keeps no identity of its own yet; it makes no backups either.
      storeId: readOnly ? randomUUID() : await storeIdentity(folder.storeFile),
      chosenFolder: () => stores?.settings.get().backupsFolder ?? null,
      saveChosenFolder: async (backupsFolder) => {
        await stores?.settings.update({ backupsFolder });
      },
      flush: async () => {
        if (stores) await flushStores(stores);
      },
      isEmpty: () => !stores || (stores.forums.all().length === 0 && stores.directory.data.people.length === 0),
    });
    // Opening migrates older files in place: the copy as they were is taken first (in the data folder's backups/).
    if (!readOnly && (await olderFormatFiles(folder)).length > 0) await backups.create('beforeMigration');
    const quarantine = new Quarantine(folder.quarantineDir, folder.root);
    const settings = await SettingsStore.open(folder.settingsFile, quarantine);
    const forums = await ForumStore.open(folder.forumsDir, folder.trashDir, quarantine);
    const directory = await DirectoryStore.open(folder.directoryFile, folder.photosDir, quarantine);
    const registrationStore = new RegistrationStore(folder.forumsDir, quarantine);
    const mappings = await MappingMemory.open(folder.importMappingsFile, quarantine);
    const history = new History((key) => {
      if (key === DIRECTORY_KEY) return directory.store.document;
      const [kind, id = ''] = key.split(':');
      return kind === 'registrations' ? registrationStore.document(id) : forums.store.document(id);
    });
    const forumService = new ForumService(forums.store, registrationStore, history, (name) =>
      directory.store.hasPhoto(name),
    );
    const directoryService = new DirectoryService(directory.store, forums.store, history);
    const programme = new ProgrammeService(forums.store, () => directory.store.data, history);
    const councilDocuments = new CouncilDocuments(folder.documentsDir);
    const council = new CouncilService(forums.store, () => directory.store.data, history, councilDocuments);
    const registrations = new RegistrationService(registrationStore, forums.store, history);
    const importEngine = options.importWorker
      ? new WorkerImportEngine(options.importWorker)
      : new InProcessImportEngine();
    const imports = new ImportService(forums.store, registrationStore, registrations, mappings.memory, importEngine);
    stores = {
      folder,
      settings: settings.store,
      directory: directory.store,
      forums: forums.store,
      registrations: registrationStore,
      history,
    };
    const restores = new RestoreService(stores, backups, { pause: () => pauseDoor() });
    const handovers = new HandoverService(stores, backups);
    const exportsDir = options.exportsDir ?? path.join(folder.root, 'exports');
    const exports = new ExportService(
      {
        forum: (id) => forumService.get(id),
        programme: (id) => forums.store.programme(id),
        council: (id) => council.view(id),
        councilDocument: (file) => councilDocuments.bytes(file),
        directory: () => directory.store.data,
        registrations: (id) => registrations.list(id),
        settings: () => settings.store.get(),
        photo: (name) => directory.store.photoBytes(name),
      },
      {
        appVersion: options.appVersion,
        exportsDir,
        fontsDir: options.fontsDir ?? path.resolve('resources', 'fonts'),
        reveal:
          options.reveal ??
          (async () => {
            throw new AppError('forbidden', 'This shell cannot open files');
          }),
      },
    );
    // The door to the check-in desks (and Automerge with it) is loaded the first time it is asked for.
    let door: Promise<DeskDoorService> | null = null;
    /** Set while a restore replaces the desks' ledgers: the door is not opened again until it is done. */
    let doorPaused: Promise<void> | null = null;
    const openDoorService = () => {
      door ??= import('./desks/desk-door').then((m) =>
        m.DeskDoorService.open({
          dir: m.desksDirOf(folder.root),
          registrations,
          ...(options.deskPageDir ? { pageDir: options.deskPageDir } : {}),
        }),
      );
      door.catch(() => {
        door = null;
      });
      return door;
    };
    const desks = async (forumId: string) => {
      forumService.get(forumId); // not_found before anything is made for a forum that is not there
      while (doorPaused) await doorPaused;
      return openDoorService();
    };
    /**
     * A restore puts back ledgers that say what the hub applied: the door and
     * its hub are closed while it writes, then opened again as they were (on
     * the same address and port, so the desks reconnect by themselves), and
     * every forum's book is opened so that the hub applies at once the scans
     * the restored ledgers lack.
     */
    const pauseDoor = async (): Promise<() => Promise<void>> => {
      while (doorPaused) await doorPaused;
      let release = () => {};
      doorPaused = new Promise<void>((resolve) => {
        release = resolve;
      });
      const open = door;
      door = null;
      const service = await open?.catch(() => null);
      const listening = service?.listeningAt ?? null;
      try {
        await service?.close();
      } catch (error) {
        doorPaused = null;
        release();
        throw error;
      }
      return async () => {
        doorPaused = null;
        release();
        if (!service) return;
        try {
          const again = await openDoorService();
          const withBooks = forums.store.all().filter((f) => again.checkInHub.bookDocumentId(f.id) !== null);
          for (const f of withBooks) await again.checkInHub.book(f.id);
          const first = withBooks[0];
          if (listening && first) await again.openDoor(first.id, listening.address, listening.port);
        } catch (error) {
          // The restore itself is done; the coordinator opens the door again from its page.
          console.error(
            `[multaqa desks] the door could not be opened again after a restore: ${(error as Error).message}`,
          );
        }
      };
    };
    const info: AppInfo = {
      version: options.appVersion,
      dataDir: folder.root,
      backupsDir: folder.backupsDir,
      exportsDir,
      readOnly,
    };

    const handlers: Handlers = {
      'app.info': async () => info,
      'app.storeProblems': () => quarantine.openProblems(),
      'app.restoreLastGood': async ({ problemId }) => {
        const forumOfRegistrations = forumIdOfRegistrationsFile(await quarantine.fileOf(problemId));
        if (forumOfRegistrations && forums.store.document(forumOfRegistrations)) {
          // Walk-ins registered since the file was set aside are kept, their codes not handed out again.
          await registrationStore.restoreLastGood(forumOfRegistrations, () => quarantine.restoreLastGood(problemId));
          return quarantine.openProblems();
        }
        const restored = await quarantine.restoreLastGood(problemId);
        const registrationsOf = forumIdOfRegistrationsFile(restored);
        if (restored === folder.settingsFile) await settings.store.reload();
        else if (restored === folder.directoryFile) await directory.store.reload();
        else if (registrationsOf)
          await registrationStore.close(registrationsOf); // reopened on next use
        else if (restored !== folder.importMappingsFile) await forums.store.load(path.basename(restored, '.json'));
        return quarantine.openProblems();
      },
      'app.dismissProblem': async ({ problemId }) => {
        await quarantine.dismiss(problemId);
        return quarantine.openProblems();
      },
      'settings.get': async () => settings.store.get(),
      'settings.update': (patch) => settings.store.update(patch),
      'forums.list': async () => forumService.list(),
      'forums.get': async ({ id }) => forumService.get(id),
      'forums.create': (input) => forumService.create(input),
      'forums.update': ({ id, input, expectedUpdatedAt }) => forumService.update(id, input, expectedUpdatedAt),
      'forums.duplicate': ({ id }) => forumService.duplicate(id),
      'forums.delete': async ({ id }) => {
        forumService.get(id); // not_found before a backup is taken for nothing
        await backups.create('beforeDelete');
        return forumService.delete(id);
      },
      'forums.restore': ({ id }) => forumService.restore(id),
      'directory.get': async () => directoryService.get(),
      'people.save': (person) => directoryService.savePerson(person),
      'people.delete': ({ id }) => directoryService.deletePerson(id),
      'people.merge': ({ keepId, mergeId }) => directoryService.mergePeople(keepId, mergeId),
      'people.setPhoto': ({ id, base64 }) => directoryService.setPhoto(id, base64),
      'people.photo': async ({ id }) => ({ dataUrl: await directoryService.photo(id) }),
      'images.save': async ({ base64 }) => ({ name: await directory.store.savePhoto(Buffer.from(base64, 'base64')) }),
      'images.get': async ({ name }) => ({ dataUrl: await directory.store.photoDataUrl(name) }),
      'organisations.save': (organisation) => directoryService.saveOrganisation(organisation),
      'organisations.delete': ({ id }) => directoryService.deleteOrganisation(id),
      'programme.get': async ({ forumId }) => programme.view(forumId),
      'programme.saveSessions': ({ forumId, sessions }) => programme.saveSessions(forumId, sessions),
      'programme.deleteSessions': ({ forumId, ids }) => programme.deleteSessions(forumId, ids),
      'programme.saveHall': ({ forumId, hall }) => programme.saveHall(forumId, hall),
      'programme.deleteHall': ({ forumId, id }) => programme.deleteHall(forumId, id),
      'programme.saveDelegation': ({ forumId, delegation }) => programme.saveDelegation(forumId, delegation),
      'programme.deleteDelegation': ({ forumId, id }) => programme.deleteDelegation(forumId, id),
      'council.get': async ({ forumId }) => council.view(forumId),
      'council.saveSettings': ({ forumId, settings: chosen }) => council.saveSettings(forumId, chosen),
      'council.saveMember': ({ forumId, member }) => council.saveMember(forumId, member),
      'council.deleteMember': ({ forumId, id }) => council.deleteMember(forumId, id),
      'council.reorder': ({ forumId, list, ids }) => council.reorder(forumId, list, ids),
      'council.saveSitting': ({ forumId, sitting }) => council.saveSitting(forumId, sitting),
      'council.deleteSitting': ({ forumId, id }) => council.deleteSitting(forumId, id),
      'council.setAttendance': ({ forumId, sittingId, attendance }) =>
        council.setAttendance(forumId, sittingId, attendance),
      'council.saveItem': ({ forumId, item }) => council.saveItem(forumId, item),
      'council.deleteItem': ({ forumId, id }) => council.deleteItem(forumId, id),
      'council.addFollowUp': ({ forumId }) => council.addFollowUp(forumId),
      'council.saveDecision': ({ forumId, decision }) => council.saveDecision(forumId, decision),
      'council.deleteDecision': ({ forumId, id }) => council.deleteDecision(forumId, id),
      'council.addDocument': ({ forumId, itemId, fileName, base64 }) =>
        council.addDocument(forumId, itemId, fileName, base64),
      'council.deleteDocument': ({ forumId, itemId, documentId }) =>
        council.deleteDocument(forumId, itemId, documentId),
      'council.document': ({ forumId, itemId, documentId }) => council.document(forumId, itemId, documentId),
      'council.openNext': ({ forumId }) => council.openNext(forumId),
      'registrations.list': ({ forumId }) => registrations.list(forumId),
      'registrations.save': ({ forumId, registration, checkIn }) =>
        registrations.save(forumId, registration, { checkIn }),
      'registrations.update': ({ forumId, id, patch }) => registrations.update(forumId, id, patch),
      'registrations.delete': async ({ forumId, ids }) => {
        // One registrant is one undo away; many at once get a backup as well, once there is something to delete.
        if (ids.length > 1) {
          const gone = new Set(ids);
          if ((await registrations.list(forumId)).some((r) => gone.has(r.id))) await backups.create('beforeDelete');
        }
        return registrations.delete(forumId, ids);
      },
      'registrations.bulkUpdate': ({ forumId, ids, patch }) => registrations.bulkUpdate(forumId, ids, patch),
      'registrations.checkIn': ({ forumId, id, checkedIn }) => registrations.checkIn(forumId, id, checkedIn),
      'import.open': ({ forumId, fileName, base64 }) => imports.openFile(forumId, fileName, base64),
      'import.preview': (request) => imports.preview(request),
      'import.commit': async (request) => {
        imports.assertOpen(request.importId, request.forumId);
        await backups.create('beforeImport');
        return imports.commit(request);
      },
      'import.report': ({ forumId, importId, language }) => imports.report(forumId, importId, language),
      'import.close': async ({ importId }) => {
        imports.close(importId);
        return {};
      },
      'exports.start': ({ forumId, options: exportOptions }) => exports.start(forumId, exportOptions),
      'exports.status': async ({ jobId }) => exports.status(jobId),
      'exports.preflight': ({ forumId, options: exportOptions }) => exports.preflight(forumId, exportOptions),
      'exports.cancel': async ({ jobId }) => exports.cancel(jobId),
      'exports.download': ({ jobId }) => exports.download(jobId),
      'exports.reveal': async ({ jobId, how }) => {
        await exports.reveal(jobId, how);
        return {};
      },
      'backups.list': () => backups.list(),
      'backups.create': () => backups.create('manual'),
      'backups.restore': ({ id, forumId }) => restores.restore(id, forumId),
      'backups.setFolder': ({ folder: chosen }) => backups.setFolder(chosen),
      'handover.open': ({ fileName, base64 }) => handovers.openFile(fileName, base64),
      'handover.commit': (request) => handovers.commit(request),
      'handover.close': async ({ handoverId }) => {
        handovers.close(handoverId);
        return {};
      },
      'history.state': async () => history.state(),
      'history.undo': () => history.undo(),
      'history.redo': () => history.redo(),
      'desks.state': async ({ forumId }) => (await desks(forumId)).state(forumId),
      'desks.open': async ({ forumId, address, port }) => (await desks(forumId)).openDoor(forumId, address, port),
      'desks.close': async ({ forumId }) => {
        const service = await desks(forumId);
        await service.closeDoor();
        return service.state(forumId);
      },
      'desks.pairing': async ({ forumId }) => (await desks(forumId)).pairing(forumId),
      'desks.revoke': async ({ forumId, deskId }) => (await desks(forumId)).revoke(forumId, deskId),
      'desks.arrivals': async ({ forumId }) => (await desks(forumId)).arrivals(forumId),
    };

    if (readOnly) refuseChanges(handlers, readOnly);
    const startupProblems = [settings.problem, directory.problem, mappings.problem, ...forums.problems].filter(
      (p): p is StoreProblem => p !== null,
    );
    if (options.dailyBackups && !readOnly) backups.schedule();
    return {
      handlers,
      startupProblems,
      registrations,
      async close() {
        exports.cancelAll();
        // The desks' scans still on their way are applied before the registrations are flushed.
        await door?.then((d) => d.close()).catch(() => {});
        await Promise.all([backups.stop(), importEngine.stop()]);
        await Promise.allSettled([
          settings.store.flush(),
          directory.store.flush(),
          forums.store.flush(),
          registrationStore.flush(),
          mappings.memory.flush(),
        ]);
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * Takes the data folder's lock; when the folder cannot be written (a
 * read-only drive or share, no permission, a full disk) the store opens
 * read-only instead of failing to start: there is then no lock to take, and
 * nothing will be written that another process could overwrite.
 */
async function lockOrReadOnly(
  folder: DataFolder,
  holder: LockHolderKind,
): Promise<{ lock: FolderLock | null; readOnly: AppInfo['readOnly'] }> {
  try {
    await fs.mkdir(folder.root, { recursive: true });
    return { lock: await acquireFolderLock(folder.lockFile, holder), readOnly: null };
  } catch (error) {
    const reason = unwritableReason(error);
    if (!reason) throw error;
    return { lock: null, readOnly: { reason, detail: (error as Error).message } };
  }
}

/** The channels that only read: all a read-only store answers. */
const READING: ReadonlySet<keyof Handlers> = new Set<keyof Handlers>([
  'app.info',
  'app.storeProblems',
  'settings.get',
  'forums.list',
  'forums.get',
  'directory.get',
  'people.photo',
  'images.get',
  'programme.get',
  'council.get',
  'council.document',
  'registrations.list',
  // Exports are written to the exports folder, not the data folder: the lists can still be printed.
  'exports.start',
  'exports.status',
  'exports.preflight',
  'exports.cancel',
  'exports.download',
  'exports.reveal',
  'backups.list',
  'history.state',
]);

/** Every channel that would change the store answers `read_only`, saying why, and changes nothing. */
function refuseChanges(handlers: Handlers, readOnly: NonNullable<AppInfo['readOnly']>): void {
  const refused = async () => {
    throw new AppError('read_only', `The data folder cannot be written (${readOnly.detail}); nothing was changed.`, [
      { path: [], message: `app.readOnly.${readOnly.reason}` },
    ]);
  };
  const all = handlers as unknown as Record<string, unknown>;
  for (const channel of Object.keys(handlers) as (keyof Handlers)[]) {
    if (!READING.has(channel)) all[channel] = refused;
  }
}
