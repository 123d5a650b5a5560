/**
 * Registrant lists as Arab municipalities send them, generated from a seed:
 * names with titles, organisations, positions, phones, e-mails, dates and long
 * notes with diacritics, emoji and Latin. Almost every character is two bytes
 * or more in UTF-8, and the cells are long, so in an .xlsx of a few thousand
 * rows the 16 KiB chunks of the unpacked XML end inside a character many times.
 */
import type { SheetCell, SheetSpec } from './libreoffice';

/** A small seeded generator (mulberry32), so every fixture is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export const TITLES = [
  'الدكتور',
  'الدكتورة',
  'المهندس',
  'المهندسة',
  'الأستاذ',
  'الأستاذة',
  'سعادة',
  'معالي',
  'الشيخ',
  'السيد',
];
export const FIRST_NAMES = [
  'أحمد',
  'محمد',
  'فاطمة',
  'عائشة',
  'خالد',
  'مريم',
  'عبدالله',
  'نورة',
  'يوسف',
  'هدى',
  'إبراهيم',
  'سلمى',
  'عمر',
  'ليلى',
  'حسن',
  'زينب',
  'طارق',
  'رُقيّة',
  'مصطفى',
  'آمنة',
  'سعيد',
  'جميلة',
  'وليد',
  'أسماء',
];
export const FAMILY_NAMES = [
  'الهاشمي',
  'المنصوري',
  'القحطاني',
  'الزعابي',
  'الشامسي',
  'العلوي',
  'بن راشد',
  'الفلاسي',
  'الكعبي',
  'السويدي',
  'الظاهري',
  'النعيمي',
  'الحمادي',
  'المزروعي',
  'الأنصاري',
  'الخزرجي',
  'الدوسري',
  'العتيبي',
];
export const ORGANISATIONS = [
  'بلدية دبي',
  'أمانة منطقة الرياض',
  'بلدية مسقط',
  'بلدية الكويت',
  'أمانة عمّان الكبرى',
  'بلدية الدار البيضاء',
  'بلدية تونس',
  'محافظة القاهرة',
  'هيئة الطرق والمواصلات',
  'دائرة التخطيط العمراني والبلديات',
  'وزارة الشؤون البلدية والقروية والإسكان',
  'المجلس البلدي المركزي',
  'مؤسسة الشيخ زايد للثقافة',
];
export const POSITIONS = [
  'مدير عام',
  'نائب المدير',
  'رئيس قسم العلاقات العامة',
  'منسقة فعاليات',
  'مستشار قانوني',
  'مهندس تخطيط',
  'أخصائية إعلام',
  'سكرتير تنفيذي',
  'رئيس المجلس',
  'عضو مجلس الإدارة',
  'مدير المراسم',
];
/** Words for the notes; diacritics are added at random. */
const NOTE_WORDS = [
  'يرجى',
  'توفير',
  'مقعد',
  'قريب',
  'من',
  'المنصة',
  'يحضر',
  'مع',
  'مرافق',
  'وصول',
  'متأخر',
  'بسبب',
  'رحلة',
  'الطيران',
  'نباتي',
  'لا',
  'يتناول',
  'المكسرات',
  'مترجم',
  'فوري',
  'للغة',
  'الإنجليزية',
  'الجلسة',
  'الافتتاحية',
  'فقط',
  'يغادر',
  'قبل',
  'حفل',
  'العشاء',
  'كرسي',
  'متحرك',
  'موقف',
  'سيارات',
  'قريب',
  'تأكيد',
  'الحضور',
  'بالبريد',
  'الإلكتروني',
  'الوفد',
  'الرسمي',
  'لبلدية',
  'تنسيق',
  'المراسم',
  'استقبال',
  'في',
  'المطار',
];
/** Fatha, damma, kasra, sukun, shadda, the three tanwin. */
const DIACRITICS = ['\u064e', '\u064f', '\u0650', '\u0652', '\u0651', '\u064b', '\u064c', '\u064d'];
/** Three- and four-byte characters: emoji, a flag, the euro sign, an Arabic ligature. */
const EXTRAS = ['🌙', '🕌', '✅', '🇦🇪', '€', 'ﷺ', '«', '»', 'café', 'Dr. Müller', 'Rüştü', '—'];

function withDiacritics(random: () => number, word: string): string {
  let out = '';
  for (const ch of word) {
    out += ch;
    if (ch !== ' ' && random() < 0.35) out += pick(random, DIACRITICS);
  }
  return out;
}

/** Notes of `min` to `max` characters or so: Arabic with diacritics, now and then emoji or Latin. */
export function noteText(random: () => number, min: number, max: number): string {
  const target = min + Math.floor(random() * (max - min));
  const words: string[] = [];
  let length = 0;
  while (length < target) {
    const roll = random();
    const word =
      roll < 0.05 ? pick(random, EXTRAS) : roll < 0.08 ? String(Math.floor(random() * 1000)) : pick(random, NOTE_WORDS);
    const shown = roll < 0.08 ? word : withDiacritics(random, word);
    words.push(shown);
    length += shown.length + 1;
  }
  // Now and then a second line, as a note typed with Alt+Enter.
  if (random() < 0.1) words.splice(Math.floor(words.length / 2), 0, '\n');
  return words.join(' ').replace(/ \n /g, '\n');
}

export function personName(random: () => number): string {
  const title = random() < 0.6 ? `${pick(random, TITLES)} ` : '';
  const first = pick(random, FIRST_NAMES);
  const father = pick(random, FIRST_NAMES);
  const family = pick(random, FAMILY_NAMES);
  const name = `${title}${first} ${father} ${family}`;
  return random() < 0.2 ? withDiacritics(random, name) : name;
}

const LATIN_FOR = new Map([
  ['أحمد', 'ahmed'],
  ['محمد', 'mohammed'],
  ['فاطمة', 'fatima'],
  ['خالد', 'khalid'],
  ['مريم', 'maryam'],
]);

export function emailFor(random: () => number, index: number): string {
  const local = LATIN_FOR.get(pick(random, FIRST_NAMES)) ?? 'guest';
  return `${local}.${index}@${pick(random, ['dm.gov.ae', 'alriyadh.gov.sa', 'mm.gov.om', 'baladia.gov.kw'])}`;
}

export function phoneText(random: () => number): string {
  const digits = () => String(Math.floor(random() * 10_000)).padStart(4, '0');
  return pick(random, [
    `+971 50 ${digits().slice(1)} ${digits()}`,
    `+966 5${digits().slice(2)} ${digits()}`,
    `05${digits()}${digits()}`,
  ]);
}

function isoDate(random: () => number): string {
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 900) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export const REGISTRANT_HEADERS = [
  'م',
  'الاسم',
  'الجهة',
  'المسمى الوظيفي',
  'الهاتف',
  'البريد الإلكتروني',
  'تاريخ التسجيل',
  'ملاحظات',
  'الاسم على البطاقة',
];

/**
 * A registrants' sheet of `count` people under a title row merged across the
 * header's width and a header row. Each person has a serial number (a number
 * cell), a phone that is text or (one in five) a number, a registration date,
 * notes of `minNoteChars` to `maxNoteChars` characters, and a badge name
 * (name — organisation) that is a formula on every `formulaEvery`-th row:
 * a formula's cached text is in the sheet XML itself, not the shared strings.
 */
export function registrantsSheet(
  name: string,
  count: number,
  seed: number,
  options: { minNoteChars?: number; maxNoteChars?: number; formulaEvery?: number } = {},
): SheetSpec {
  const { minNoteChars = 80, maxNoteChars = 400, formulaEvery = 1 } = options;
  const random = seededRandom(seed);
  const width = REGISTRANT_HEADERS.length;
  const title: SheetCell[] = [{ cell: 'قائمة المسجلين في ملتقى البلديات العربية', columnsSpanned: width }];
  while (title.length < width) title.push(null);
  const rows: SheetCell[][] = [title, [...REGISTRANT_HEADERS]];
  for (let i = 1; i <= count; i++) {
    const person = personName(random);
    const organisation = pick(random, ORGANISATIONS);
    const rowNumber = rows.length + 1;
    rows.push([
      { kind: 'number', value: i },
      person,
      organisation,
      pick(random, POSITIONS),
      random() < 0.2
        ? { kind: 'number', value: 971_500_000_000 + Math.floor(random() * 9_999_999) }
        : phoneText(random),
      emailFor(random, i),
      { kind: 'date', iso: isoDate(random) },
      noteText(random, minNoteChars, maxNoteChars),
      // LibreOffice compiles each formula: on the biggest lists only every few rows have one.
      i % formulaEvery === 0
        ? {
            kind: 'formula',
            formula: `of:=[.B${rowNumber}]&" — "&[.C${rowNumber}]`,
            result: `${person} — ${organisation}`,
          }
        : `${person} — ${organisation}`,
    ]);
  }
  return { name, rows };
}
