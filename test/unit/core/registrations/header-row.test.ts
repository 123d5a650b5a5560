import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoMap } from '../../../../src/core/registrations/import/column-mapping';
import { findHeaderRow } from '../../../../src/core/registrations/import/header-row';
import {
  normaliseEmail,
  normalisePhone,
  parseGender,
  splitNameTitle,
} from '../../../../src/core/registrations/import/normalise';
import { decodeCsvBytes, parseCsv } from '../../../../src/core/registrations/import/text-encoding';

const ARABIC_HEADER = ['م', 'الاسم', 'جهة العمل', 'المسمى الوظيفي', 'البريد الإلكتروني', 'رقم الجوال'];
const ARABIC_ROWS = [
  ['1', 'أحمد بن علي العتيبي', 'وزارة الصحة', 'مدير إدارة', 'ahmed@moh.gov.sa', '0551234567'],
  ['2', 'نورة القحطاني', 'أمانة منطقة الرياض', 'مهندسة', 'noura@alriyadh.gov.sa', '٠٥٠١٢٣٤٥٦٧'],
  ['3', 'خالد الزهراني', 'شركة الاتصالات السعودية', 'مستشار', 'khalid@stc.com.sa', '+966 50 765 4321'],
];

describe('findHeaderRow', () => {
  it('finds a header in the first row', () => {
    expect(findHeaderRow([ARABIC_HEADER, ...ARABIC_ROWS])).toBe(0);
  });

  it('skips a title row (one merged cell) and a blank row', () => {
    const rows = [['كشف المسجلين في منتدى المدن الذكية 2025', '', '', '', '', ''], [], ARABIC_HEADER, ...ARABIC_ROWS];
    expect(findHeaderRow(rows)).toBe(2);
  });

  it('skips a logo row, a title repeated across merged cells, and a date line', () => {
    const rows = [
      ['', '', '', '', '', ''], // the logo sits over these cells
      Array(6).fill('وزارة الشؤون البلدية والقروية والإسكان'), // a reader that fills merged cells
      ['', 'التاريخ:', '1446/11/05هـ', '', '', ''],
      ARABIC_HEADER,
      ...ARABIC_ROWS,
    ];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('prefers the real header over a row of group headings above it', () => {
    const rows = [['', 'البيانات الشخصية', '', '', 'بيانات التواصل', ''], ARABIC_HEADER, ...ARABIC_ROWS];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('finds an English header under a title, with e-mails and phones below it', () => {
    const rows = [
      ['Smart Cities Forum — Registrations'],
      ['Exported on 2025-05-01'],
      ['Full name', 'Company', 'Job Title', 'Email', 'Mobile'],
      ['John Smith', 'Acme', 'CEO', 'john@acme.com', '+1 202 555 0123'],
      ['Sara Ali', 'Aramco', 'Engineer', 'sara@aramco.com', '0551234567'],
    ];
    expect(findHeaderRow(rows)).toBe(2);
  });

  it('finds a Google Forms header made of long questions', () => {
    const rows = [
      ['Timestamp', 'الاسم الكامل (كما سيظهر في الشهادة)', 'البريد الإلكتروني للتواصل', 'هل ستحضر حفل العشاء؟'],
      ['2025/05/01 10:15:00 AM GMT+3', 'أحمد العتيبي', 'ahmed@example.com', 'نعم'],
    ];
    expect(findHeaderRow(rows)).toBe(0);
  });

  it('with headers it does not know, takes the first full row of text', () => {
    const rows = [
      ['نموذج التسجيل'],
      ['المشارك', 'المنشأة', 'الغرض من الزيارة'],
      ['أحمد', 'مصنع الأمل', 'تعارف'],
      ['سارة', 'مكتب النخبة', 'شراكة'],
    ];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('does not take a data row whose cells happen to contain a header word', () => {
    const rows = [
      ['الاسم', 'جهة العمل', 'الجوال'],
      ['محمد السيد', 'الشركة السعودية للكهرباء', '0551234567'],
      ['ريم', 'المؤسسة العامة للتدريب', '0501234567'],
    ];
    expect(findHeaderRow(rows)).toBe(0);
  });

  it('reads a one-column sheet', () => {
    expect(findHeaderRow([['قائمة الحضور'], ['الاسم'], ['أحمد'], ['سارة']])).toBe(1);
    expect(findHeaderRow([['Name'], ['Ahmed']])).toBe(0);
  });

  it('looks at the first maxScan rows only', () => {
    const rows = [...Array.from({ length: 5 }, () => ['', '', '']), ARABIC_HEADER, ...ARABIC_ROWS];
    expect(findHeaderRow(rows, 5)).toBeNull();
    expect(findHeaderRow(rows, 6)).toBe(5);
    expect(findHeaderRow(rows)).toBe(5);
    expect(findHeaderRow(rows, 0)).toBeNull();
    // Within the scan, a lone title counts as a one-column sheet's header.
    expect(findHeaderRow([['عنوان'], ['عنوان فرعي'], ...rows.slice(2)], 2)).toBe(0);
  });

  it('returns null when there is nothing to find', () => {
    expect(findHeaderRow([])).toBeNull();
    expect(findHeaderRow([[], [''], ['  ', '\u00A0']])).toBeNull();
  });

  it('always returns null or the index of a non-empty scanned row (property)', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'الاسم', 'Email', 'الجوال', '0551234567', 'a@b.co', 'أحمد', 'عنوان'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.nat(15), (rows, maxScan) => {
        const index = findHeaderRow(rows, maxScan);
        if (index === null) return;
        expect(index).toBeLessThan(Math.min(rows.length, maxScan));
        expect(rows[index]?.some((c) => c.trim() !== '')).toBe(true);
      }),
    );
  });
});

describe('the pieces together', () => {
  it('reads an Excel "Unicode text" file with a title row into mapped, cleaned values', () => {
    const text =
      '\uFEFFكشف المسجلين — منتدى الرياض الدولي\t\t\t\t\r\n' +
      '\t\t\t\t\r\n' +
      'الاسم\tالجهة\tالبريد الإلكتروني\tالجوال\tالجنس\r\n' +
      'سعادة الدكتور خالد بن عبدالله\tوزارة الصحة\tKhalid@MOH.gov.sa \t٠٥٥١٢٣٤٥٦٧\tذكر\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.encoding).toBe('utf-16le');
    const rows = parseCsv(decoded.text);
    const headerIndex = findHeaderRow(rows);
    expect(headerIndex).toBe(2);
    const mapping = autoMap(rows[headerIndex ?? 0] ?? []);
    expect(mapping).toEqual(['fullName', 'organisation', 'email', 'mobile', 'gender']);

    const [name = '', , email = '', mobile = '', gender = ''] = rows[3] ?? [];
    expect(splitNameTitle(name)).toEqual({
      honorific: 'saada',
      title: 'doctor',
      name: 'خالد بن عبدالله',
      gender: 'male',
    });
    expect(normaliseEmail(email)).toEqual({ value: 'khalid@moh.gov.sa' });
    expect(normalisePhone(mobile, '966')).toEqual({ typed: '0551234567', e164: '+966551234567' });
    expect(parseGender(gender)).toBe('male');
  });
});
