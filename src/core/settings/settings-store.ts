import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../shared/domain/settings';
import type { StoreProblem } from '../../shared/domain/store-problem';
import type { DocumentSpec } from '../store/document-codec';
import { DocumentReadError, JsonDocument } from '../store/json-document';
import type { Quarantine } from '../store/quarantine';
import { saveFailed } from '../store/save-error';

export const settingsSpec: DocumentSpec<Settings> = {
  label: 'settings',
  version: 1,
  schema: settingsSchema,
  migrations: {},
};

/** The user's preferences, `settings.json`. A broken file is quarantined and defaults apply. */
export class SettingsStore {
  private constructor(
    private doc: JsonDocument<Settings> | null,
    private readonly file: string,
  ) {}

  static async open(file: string, quarantine: Quarantine) {
    try {
      const doc = await JsonDocument.open(file, settingsSpec, DEFAULT_SETTINGS);
      return { store: new SettingsStore(doc, file), problem: null };
    } catch (error) {
      if (!(error instanceof DocumentReadError)) throw error;
      const problem: StoreProblem = await quarantine.quarantine(file, settingsSpec, error.reason, error.detail);
      return { store: new SettingsStore(null, file), problem };
    }
  }

  get(): Settings {
    return this.doc?.data ?? DEFAULT_SETTINGS;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...this.get(), ...patch };
    const doc = this.doc ?? (await JsonDocument.open(this.file, settingsSpec, DEFAULT_SETTINGS));
    try {
      await doc.set(next);
    } catch (error) {
      await doc.revert(DEFAULT_SETTINGS).catch(() => {});
      throw saveFailed(error);
    }
    this.doc = doc;
    return next;
  }

  /** After the last good copy was put back in place. */
  async reload(): Promise<void> {
    this.doc = await JsonDocument.open(this.file, settingsSpec, DEFAULT_SETTINGS);
  }

  async flush(): Promise<void> {
    await this.doc?.flush();
  }
}
