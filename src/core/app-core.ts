import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppInfo, Handlers } from '../shared/contract';
import type { StoreProblem } from '../shared/domain/store-problem';
import { ForumService } from './forums/forum-service';
import { ForumStore } from './forums/forum-store';
import { SettingsStore } from './settings/settings-store';
import { dataFolder } from './store/data-folder';
import { acquireFolderLock, type LockHolderKind } from './store/folder-lock';
import { Quarantine } from './store/quarantine';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  holder: LockHolderKind;
}

export interface Core {
  handlers: Handlers;
  /** Problems found while opening, for a log line at start-up. */
  startupProblems: StoreProblem[];
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
  await fs.mkdir(folder.root, { recursive: true });
  const lock = await acquireFolderLock(folder.lockFile, options.holder);
  try {
    const quarantine = new Quarantine(folder.quarantineDir, folder.root);
    const settings = await SettingsStore.open(folder.settingsFile, quarantine);
    const forums = await ForumStore.open(folder.forumsDir, folder.trashDir, quarantine);
    const forumService = new ForumService(forums.store);
    const info: AppInfo = { version: options.appVersion, dataDir: folder.root, backupsDir: folder.backupsDir };

    const handlers: Handlers = {
      'app.info': async () => info,
      'app.storeProblems': () => quarantine.openProblems(),
      'app.restoreLastGood': async ({ problemId }) => {
        const restored = await quarantine.restoreLastGood(problemId);
        if (restored === folder.settingsFile) await settings.store.reload();
        else await forums.store.load(path.basename(restored, '.json'));
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
      'forums.update': ({ id, input }) => forumService.update(id, input),
      'forums.duplicate': ({ id }) => forumService.duplicate(id),
      'forums.delete': ({ id }) => forumService.delete(id),
      'forums.restore': ({ id }) => forumService.restore(id),
    };

    const startupProblems = [...(settings.problem ? [settings.problem] : []), ...forums.problems];
    return {
      handlers,
      startupProblems,
      async close() {
        await Promise.allSettled([settings.store.flush(), forums.store.flush()]);
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
