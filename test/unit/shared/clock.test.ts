import { describe, expect, it } from 'vitest';
import { clockBoxText, twelveHour } from '../../../src/shared/calendar/clock';
import { makeFormatters } from '../../../src/shared/calendar/formatters';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../src/shared/domain/settings';

describe('the 12-hour clock', () => {
  it('puts noon and midnight at 12, each in its half of the day', () => {
    expect(twelveHour(0)).toEqual({ hour: 12, minute: 0, half: 'am' });
    expect(twelveHour(12 * 60)).toEqual({ hour: 12, minute: 0, half: 'pm' });
    expect(twelveHour(14 * 60 + 30)).toEqual({ hour: 2, minute: 30, half: 'pm' });
    expect(twelveHour(9 * 60 + 5)).toEqual({ hour: 9, minute: 5, half: 'am' });
  });
  it('writes the time box as «2:30 م» in Arabic and "2:30 PM" in English; 24-hour is left as it was', () => {
    expect(clockBoxText(14 * 60 + 30, '12h', 'ar')).toBe('2:30 م');
    expect(clockBoxText(14 * 60 + 30, '12h', 'en')).toBe('2:30 PM');
    expect(clockBoxText(9 * 60 + 5, '12h', 'en')).toBe('9:05 AM');
    expect(clockBoxText(14 * 60 + 30, '24h', 'ar')).toBe('14:30');
  });
  it("follows the user's clock and digits on screen, past midnight still marked +1", () => {
    const at = (patch: Partial<typeof DEFAULT_SETTINGS>) => makeFormatters({ ...DEFAULT_SETTINGS, ...patch }).clock;
    expect(at({})(14 * 60 + 30)).toBe('14:30');
    expect(at({ clock: '12h', language: 'en' })(14 * 60 + 30)).toBe('2:30\u00a0PM');
    expect(at({ clock: '12h', language: 'ar' })(9 * 60)).toBe('9:00\u00a0ص');
    expect(at({ clock: '12h', language: 'ar', digits: 'arab' })(14 * 60 + 30)).toBe('٢:٣٠\u00a0م');
    expect(at({ clock: '12h', language: 'en' })(25 * 60)).toBe('1:00\u00a0AM\u00a0(+1)');
  });
  it('reads a settings file from before the clock as the 24-hour clock, and refuses an unknown clock', () => {
    const { clock: _clock, ...before } = DEFAULT_SETTINGS;
    expect(settingsSchema.parse(before).clock).toBe('24h');
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, clock: '13h' }).success).toBe(false);
  });
  it('a change of one setting (the language) leaves the clock and the font as they are', () => {
    expect(settingsPatchSchema.parse({ language: 'en' })).toEqual({ language: 'en' });
    expect(settingsPatchSchema.parse({ clock: '12h' })).toEqual({ clock: '12h' });
    expect(settingsPatchSchema.safeParse({ clock: '13h' }).success).toBe(false);
  });
});
