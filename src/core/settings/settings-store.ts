import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../shared/domain/settings';
import type { StoreProblem } from '../../shared/domain/store-problem';
import type { DocumentSpec } from '../store/document-codec';
import { DocumentReadError, JsonDocument } from '../store/json-document';
import type { Quarantine } from '../store/quarantine';
import { saveFailed } from '../store/save-error';

export const settingsSpec: DocumentSpec<Settings> = {
  label: 'settings',
  version: 2,
  schema: settingsSchema,
  migrations: {
    // Format 2 adds the clock; a file from before it keeps the 24-hour clock it always showed.
    1: (data) => (isRecord(data) && !('clock' in data) ? { ...data, clock: '24h' } : data),
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
