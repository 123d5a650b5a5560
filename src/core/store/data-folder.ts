import os from 'node:os';
import path from 'node:path';

/** Where everything lives inside the data folder. */
export interface DataFolder {
  root: string;
  settingsFile: string;
  /** People and organisations, shared by all forums. */
  directoryFile: string;
  /** People's photos, named by content hash. */
  photosDir: string;
  /** The papers council agenda items present, named by content hash. */
  documentsDir: string;
  /** Column mappings the coordinator settled on, by the header shape of the file. */
  importMappingsFile: string;
  /** One file per forum (and its registrations beside it), so editing one forum never rewrites another's. */
  forumsDir: string;
  /** Deleted forums wait here so a delete can be undone, even after a restart. */
  trashDir: string;
  /** Files that could not be read, moved aside untouched with a note of why. */
  quarantineDir: string;
  backupsDir: string;
  /** The check-in desks: the books' replicas, their index, the applied ledgers, the paired desks. */
  desksDir: string;
  lockFile: string;
  /** The store's identity, which its backups carry. */
  storeFile: string;
}

export function dataFolder(root: string): DataFolder {
  return {
    root,
    settingsFile: path.join(root, 'settings.json'),
    directoryFile: path.join(root, 'directory.json'),
    photosDir: path.join(root, 'photos'),
    documentsDir: path.join(root, 'documents'),
    importMappingsFile: path.join(root, 'import-mappings.json'),
    forumsDir: path.join(root, 'forums'),
    trashDir: path.join(root, 'trash', 'forums'),
    quarantineDir: path.join(root, 'quarantine'),
    backupsDir: path.join(root, 'backups'),
    desksDir: path.join(root, 'desks'),
    lockFile: path.join(root, 'multaqa.lock'),
    storeFile: path.join(root, 'store.json'),
  };
}

/**
 * The user's data folder: `MULTAQA_DATA_DIR` when set, otherwise the same place
 * Electron's `app.getPath('userData')` gives for an app named Multaqa, so the
 * desktop app and browser mode share one store without importing Electron here.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MULTAQA_DATA_DIR) return path.resolve(env.MULTAQA_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Multaqa');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Multaqa');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Multaqa');
  }
}

/**
 * Where exports go: `MULTAQA_EXPORTS_DIR` when set, otherwise Documents/Multaqa
 * in the user's home, where a coordinator looks for the files they made.
 */
export function defaultExportsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MULTAQA_EXPORTS_DIR) return path.resolve(env.MULTAQA_EXPORTS_DIR);
  return path.join(os.homedir(), 'Documents', 'Multaqa');
}
