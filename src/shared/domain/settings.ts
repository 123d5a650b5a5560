import { z } from 'zod';

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DOCUMENT_FONTS = ['Amiri', 'Sakkal Majalla', 'Traditional Arabic', 'Simplified Arabic', 'Arial'] as const;
export type DocumentFont = (typeof DOCUMENT_FONTS)[number];
/** The fonts Multaqa embeds in Word files (the TTFs in resources/fonts). */
export const EMBEDDED_FONTS: ReadonlySet<DocumentFont> = new Set(['Amiri']);

/** How times of day are shown and typed in the app: 14:30, or 2:30 PM («2:30 م»). Documents keep their own. */
export const CLOCKS = ['24h', '12h'] as const;
export type Clock = (typeof CLOCKS)[number];

export const settingsSchema = z.object({
  language: z.enum(LANGUAGES),
  /** Latin 0123 or Arabic-Indic ٠١٢٣ in what the app shows and prints. */
  digits: z.enum(['latn', 'arab']),
  /** Which calendar is written first where both are shown. */
  primaryCalendar: z.enum(['hijri', 'gregorian']),
  /** Gregorian month names: ديسمبر (Gulf, Egypt) or كانون الأول (Levant). */
  gregorianMonthNames: z.enum(['gulf', 'levant']),
  /**
   * The font of Word exports. Amiri is embedded in the file (its licence, the
   * SIL OFL, allows it), so the document looks the same on a computer that
   * lacks it; the others ship with Word on Windows and are not embedded.
   * Files written before it existed read as Amiri.
   */
  documentFont: z.enum(DOCUMENT_FONTS).default('Amiri'),
  /** The app's clock, 24-hour unless the user asks for 12-hour. */
  clock: z.enum(CLOCKS).default('24h'),
  /**
   * Where backups go when the user chose a folder of their own (a USB stick,
   * a network share); null for the data folder's backups/. Set only through
   * `backups.setFolder`, which checks that the folder can be written.
   */
  backupsFolder: z.string().max(1000).nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A change to some of the settings: a key left out stays as it is. Without the stored file's defaults,
 * which zod would fill in for a missing key and so put the font or the clock back to theirs on every change.
 */
export const settingsPatchSchema = settingsSchema
  .extend({ documentFont: z.enum(DOCUMENT_FONTS), clock: z.enum(CLOCKS) })
  .omit({ backupsFolder: true })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'ar',
  digits: 'latn',
  primaryCalendar: 'hijri',
  gregorianMonthNames: 'gulf',
  documentFont: 'Amiri',
  clock: '24h',
  backupsFolder: null,
};
