import { describe, expect, it } from 'vitest';
import { settingsSpec } from '../../../../src/core/settings/settings-store';
import { decodeDocument } from '../../../../src/core/store/document-codec';

/** A settings file as the first format wrote it, before the clock setting existed. */
const FORMAT_1 = JSON.stringify({
  schemaVersion: 1,
  data: {
    language: 'en',
    digits: 'arab',
    primaryCalendar: 'gregorian',
    gregorianMonthNames: 'levant',
    documentFont: 'Arial',
    backupsFolder: null,
  },
});

describe('settings file migration', () => {
  it('opens a format-1 file with every choice kept and the 24-hour clock it always showed', () => {
    const read = decodeDocument(settingsSpec, FORMAT_1);
    expect(read).toMatchObject({
      ok: true,
      migratedFrom: 1,
      data: { language: 'en', digits: 'arab', primaryCalendar: 'gregorian', documentFont: 'Arial', clock: '24h' },
    });
  });
  it('keeps a 12-hour clock the current format wrote', () => {
    const text = JSON.stringify({
      schemaVersion: settingsSpec.version,
      data: { ...JSON.parse(FORMAT_1).data, clock: '12h' },
    });
    expect(decodeDocument(settingsSpec, text)).toMatchObject({ ok: true, data: { clock: '12h' } });
  });
  it('refuses a clock it does not know rather than guessing', () => {
    const text = JSON.stringify({
      schemaVersion: settingsSpec.version,
      data: { ...JSON.parse(FORMAT_1).data, clock: 'noon' },
    });
    expect(decodeDocument(settingsSpec, text).ok).toBe(false);
  });
});
