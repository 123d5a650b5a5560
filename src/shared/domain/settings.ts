import { z } from 'zod';

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const settingsSchema = z.object({
  language: z.enum(LANGUAGES),
  /** Latin 0123 or Arabic-Indic ٠١٢٣ in what the app shows and prints. */
  digits: z.enum(['latn', 'arab']),
  /** Which calendar is written first where both are shown. */
  primaryCalendar: z.enum(['hijri', 'gregorian']),
  /** Gregorian month names: ديسمبر (Gulf, Egypt) or كانون الأول (Levant). */
  gregorianMonthNames: z.enum(['gulf', 'levant']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'ar',
  digits: 'latn',
  primaryCalendar: 'hijri',
  gregorianMonthNames: 'gulf',
};
