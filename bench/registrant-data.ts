/**
 * Registrants for the import and search benches: realistic Arabic names (with
 * the hamza and ta marbuta variants the duplicate check must fold), Gulf
 * organisations, mobiles written every which way, and e-mails. Seeded, so every
 * run measures the same data.
 */
import ExcelJS from 'exceljs';
import { emptyRegistrationInput, type Registration } from '../src/shared/domain/registration';

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const FIRST = [
  'أحمد',
  'محمد',
  'فاطمة',
  'عبدالله',
  'مريم',
  'خالد',
  'نورة',
  'سالم',
  'عائشة',
  'إبراهيم',
  'هدى',
  'يوسف',
  'سعيد',
  'ليلى',
  'حمد',
  'منى',
  'راشد',
  'أسماء',
  'ماجد',
  'سارة',
  'طارق',
  'هند',
  'فيصل',
  'ريم',
  'بدر',
  'جميلة',
  'ناصر',
  'لطيفة',
  'سلطان',
  'خديجة',
  'عمر',
  'زينب',
  'حسن',
  'آمنة',
  'علي',
  'شيخة',
  'مصطفى',
  'رحمة',
  'عيسى',
  'وفاء',
];
const FATHER = [
  'علي',
  'ناصر',
  'سعيد',
  'حمد',
  'راشد',
  'سليمان',
  'عيسى',
  'مصطفى',
  'محمد',
  'أحمد',
  'خلفان',
  'سالم',
  'عبدالرحمن',
  'مبارك',
  'حمود',
  'سيف',
  'جمعة',
  'عبدالعزيز',
  'يحيى',
  'زايد',
  'هلال',
  'سعود',
  'مسلم',
  'خميس',
  'بخيت',
  'عوض',
  'ثاني',
  'جاسم',
  'فهد',
  'منصور',
];
const FAMILY = [
  'الحارثي',
  'البلوشي',
  'الملحم',
  'الراشدي',
  'الزهراني',
  'الشمري',
  'العتيبي',
  'آل سعود',
  'الكندي',
  'الهنائي',
  'المعمري',
  'السيابي',
  'الغامدي',
  'القحطاني',
  'الدوسري',
  'المطيري',
  'العامري',
  'الشحي',
  'النعيمي',
  'الكعبي',
  'البوسعيدي',
  'الرواحي',
  'الفارسي',
  'اللواتي',
  'الجابري',
  'المقبالي',
  'الوهيبي',
  'الخروصي',
  'الصبحي',
  'العبري',
];
const ORGS = [
  'بلدية مسقط',
  'بلدية صحار',
  'أمانة المنطقة الشرقية',
  'وزارة الشؤون البلدية والقروية',
  'منظمة المدن العربية',
];
const POSITIONS = ['مدير إدارة التخطيط', 'مهندس مشاريع', 'أخصائي علاقات عامة', 'رئيس قسم الاستثمار'];
const TITLES = ['', '', 'د. ', 'م. ', 'أ. '];

export function registrantRow(i: number): string[] {
  // Unique for the first 36,000 rows, as most names of a real list are; later rows repeat some.
  const name = `${FIRST[i % 40]} ${FATHER[Math.floor(i / 40) % 30]} ${FAMILY[Math.floor(i / 1200) % 30]}`;
  const national = `9${String(1_000_000 + i).padStart(7, '0')}`;
  const mobile = pick([national, `+968 ${national}`, `00968${national}`, `٩${national.slice(1)}`]);
  return [
    `2026-10-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
    pick(TITLES) + name,
    pick(ORGS),
    pick(POSITIONS),
    `user${i}@example.om`,
    mobile,
    pick(['ذكر', 'أنثى']),
    pick(['مشارك', 'متحدث', 'إعلامي', 'كبار الشخصيات']),
    `ملاحظة ${i}`,
  ];
}

export const REGISTRANT_HEADER = [
  'Timestamp',
  'الاسم الكامل',
  'جهة العمل',
  'المسمى الوظيفي',
  'البريد الإلكتروني',
  'رقم الجوال',
  'الجنس',
  'الفئة',
  'ملاحظات',
];

/** An .xlsx of `rows` registrants under a title row, as a department would send it. */
export async function registrantWorkbook(rows: number, offset = 0): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('المسجلون');
  sheet.addRow(['كشف المسجلين في الملتقى']);
  sheet.addRow(REGISTRANT_HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(registrantRow(offset + i));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Registrations already in the forum; `overlap` of them share e-mails with the workbook's first rows. */
export function existingRegistrations(count: number, overlap = 0): Registration[] {
  const at = '2026-11-01T08:00:00.000Z';
  return Array.from({ length: count }, (_, i) => {
    const row = registrantRow(i < overlap ? i : 1_000_000 + i);
    return {
      ...emptyRegistrationInput(),
      fullName: row[1]?.replace(/^[دمأ]\. /, '') ?? '',
      organisation: row[2] ?? '',
      email: row[4] ?? '',
      mobile: row[5] ?? '',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      code: String(10001 + i),
      checkedInAt: null,
      statusBeforeCheckIn: null,
      source: null,
      createdAt: at,
      updatedAt: at,
    };
  });
}
