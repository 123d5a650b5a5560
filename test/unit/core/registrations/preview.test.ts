import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../../src/core/registrations/import/duplicates';
import { buildPreview, type PreviewContext } from '../../../../src/core/registrations/import/preview';
import type { ImportFile } from '../../../../src/core/registrations/import/read-file';
import { parseCategory, readRow } from '../../../../src/core/registrations/import/row-values';
import { plainSheet } from '../../../../src/core/registrations/import/sheet-table';
import { emptyRegistrationInput, type Registration } from '../../../../src/shared/domain/registration';
import type { ImportField } from '../../../../src/shared/domain/registration-import';

const NOW = '2026-11-21T08:00:00.000Z';
const DELEGATION = { id: '2b7f9a52-1f0e-4f43-9d43-0c6a1bba3d11', nameAr: 'وفد مدينة سيول', nameEn: 'Seoul delegation' };

function registered(fields: Partial<Registration>): Registration {
  return {
    ...emptyRegistrationInput(),
    id: crypto.randomUUID(),
    code: '10001',
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...fields,
  };
}

function context(fields: Partial<PreviewContext> = {}): PreviewContext {
  return {
    defaultCountry: '968',
    delegations: [DELEGATION],
    registrations: [],
    rememberedMapping: () => null,
    ...fields,
  };
}

const fileOf = (...sheets: [string, string[][]][]): ImportFile => ({
  format: 'xlsx',
  encoding: null,
  sheets: sheets.map(([name, rows]) => plainSheet(name, rows)),
});

const read = (cells: string[], mapping: ImportField[]) =>
  readRow(cells, mapping.map(String), mapping, { defaultCountry: '966', delegationByName: new Map() });

describe('readRow', () => {
  it('splits the title off the name, reads the mobile with the default country, lower-cases the e-mail', () => {
    const { values, problems } = read(
      ['د. أحمد بن علي الحارثي', 'Ahmed@Example.COM ', '٠٥٥١٢٣٤٥٦٧'],
      ['fullName', 'email', 'mobile'],
    );
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      title: 'doctor',
      fullName: 'أحمد بن علي الحارثي',
      email: 'ahmed@example.com',
      mobile: '0551234567',
      mobileE164: '+966551234567',
    });
  });

  it('takes the country code from its own column when a form splits the number', () => {
    const { values } = read(['سالم', '971', '0501234567'], ['fullName', 'phoneCountryCode', 'mobile']);
    expect(values.mobileE164).toBe('+971501234567');
  });

  it('joins a name given in parts, in writing order whatever the column order', () => {
    const { values } = read(['الملحم', 'جمال', 'ناصر'], ['lastName', 'firstName', 'middleName']);
    expect(values.fullName).toBe('جمال ناصر الملحم');
  });

  it('rejects a row for each cell it cannot read, naming the column and keeping the cell', () => {
    const { problems } = read(
      ['سارة', 'sara@@example', 'فاكس المكتب', 'غير ذلك', 'عريف حفل'],
      ['fullName', 'email', 'mobile', 'gender', 'category'],
    );
    expect(problems.map((p) => [p.column, p.code, p.value])).toEqual([
      [1, 'email_invalid', 'sara@@example'],
      [3, 'gender_unknown', 'غير ذلك'],
      [4, 'category_unknown', 'عريف حفل'],
      [2, 'phone_invalid', 'فاكس المكتب'],
    ]);
  });

  it('says a row has no name when no name column has a value', () => {
    expect(read(['', 'a@b.co'], ['fullName', 'email']).problems).toEqual([
      { column: null, field: 'fullName', code: 'name_missing', value: '' },
    ]);
  });

  it('keeps note columns as "header: value" lines and ignores ignored columns', () => {
    const { values } = readRow(
      ['منى', 'نباتي', 'x', 'يصل متأخراً'],
      ['الاسم', 'الوجبة', 'الرقم', 'ملاحظات'],
      ['fullName', 'notes', 'ignore', 'notes'],
      { defaultCountry: '966', delegationByName: new Map() },
    );
    expect(values.notes).toBe('الوجبة: نباتي\nملاحظات: يصل متأخراً');
  });

  it('refuses a title cell with words it does not know rather than print a wrong title', () => {
    expect(read(['خالد', 'د.'], ['fullName', 'title']).values.title).toBe('doctor');
    expect(read(['خالد', 'معالي'], ['fullName', 'title']).values.honorific).toBe('maali');
    expect(read(['خالد', 'مستشار'], ['fullName', 'title']).problems[0]?.code).toBe('title_unknown');
  });

  it('rejects text longer than a registration keeps', () => {
    expect(read(['سعيد', 'ج'.repeat(301)], ['fullName', 'organisation']).problems[0]?.code).toBe('too_long');
  });
});

describe('parseCategory', () => {
  it.each([
    ['كبار الشخصيات', 'vip'],
    ['VIP', 'vip'],
    ['متحدث', 'speaker'],
    ['Speaker', 'speaker'],
    ['إعلامي', 'media'],
    ['اعلام / Media', 'media'],
    ['اللجنة المنظمة', 'staff'],
    ['مشاركة', 'participant'],
    ['عضو وفد', 'delegate'],
  ])('%s -> %s', (text, category) => {
    expect(parseCategory(text)).toBe(category);
  });

  it('refuses text that names no category, or two', () => {
    expect(parseCategory('عريف حفل')).toBeNull();
    expect(parseCategory('إعلام / VIP')).toBeNull();
  });
});

describe('duplicate matching by name', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إحمد', 'أحمد'],
    ['فاطمة', 'فاطمه'],
    ['مصطفى', 'مصطفي'],
    ['مُحَمَّد', 'محـــمد'],
  ])('%s and %s are one name', (a, b) => {
    const org = 'بلدية مسقط';
    expect(nameKey({ fullName: a, fullNameEn: '', organisation: org })).toBe(
      nameKey({ fullName: b, fullNameEn: '', organisation: org }),
    );
  });

  it('the same name at another organisation is someone else', () => {
    expect(nameKey({ fullName: 'أحمد علي', fullNameEn: '', organisation: 'بلدية مسقط' })).not.toBe(
      nameKey({ fullName: 'أحمد علي', fullNameEn: '', organisation: 'بلدية صحار' }),
    );
  });
});

describe('buildPreview', () => {
  const messy: string[][] = [
    ['كشف المسجلين في الملتقى الثاني'],
    [],
    ['Timestamp', 'الاسم الكامل', 'جهة العمل', 'البريد الإلكتروني', 'رقم الجوال', 'الفئة', 'الوفد'],
    ['2026-11-01 09:15', 'د. أحمد الحارثي', 'بلدية مسقط', 'ahmed@muscat.gov.om', '91234567', 'متحدث', ''],
    ['2026-11-01 09:20', 'فاطمة البلوشي', 'بلدية صحار', 'fatma@sohar', '92345678', '', ''],
    [],
    ['2026-11-01 10:02', 'احمد الحارثي', 'بلدية مسقط', '', '', '', ''],
    [
      '2026-11-02 11:00',
      'Kim Min-jun',
      'Seoul Metropolitan Government',
      'kim@seoul.go.kr',
      '+82 10 1234 5678',
      'delegate',
      'Seoul delegation',
    ],
    ['2026-11-02 11:30', 'سالم الراشدي', 'بلدية مسقط', 'salem@muscat.gov.om', '', '', ''],
    [],
  ];

  it('finds the header under a title row, maps the columns, and sorts rows into added, rejected and duplicate', () => {
    const preview = buildPreview(
      fileOf(['المسجلون', messy]),
      { sheet: '', headerRow: null, mapping: null },
      context({
        registrations: [
          registered({ fullName: 'سالم الراشدي', email: 'salem@muscat.gov.om', organisation: 'بلدية مسقط' }),
        ],
      }),
    );
    expect(preview.headerRow).toBe(2);
    expect(preview.source).toBe('google_forms');
    expect(preview.mapping).toEqual([
      'ignore',
      'fullName',
      'organisation',
      'email',
      'mobile',
      'category',
      'delegation',
    ]);
    expect(preview.counts).toEqual({ rows: 5, add: 2, rejected: 1, duplicates: 2, setAside: 0, blank: 1 });
    const byRow = new Map(preview.rows.map((r) => [r.row, r]));
    expect(byRow.get(4)).toMatchObject({
      kind: 'add',
      values: { title: 'doctor', mobileE164: '+96891234567', category: 'speaker' },
    });
    expect(byRow.get(5)).toMatchObject({ kind: 'rejected', problems: [{ column: 3, code: 'email_invalid' }] });
    // Spelled without the hamza, same organisation: a duplicate of row 4 of the file.
    expect(byRow.get(7)).toMatchObject({ kind: 'duplicate', duplicateOf: { matchedBy: 'name', row: 4 } });
    expect(byRow.get(8)).toMatchObject({ kind: 'add', values: { delegationId: DELEGATION.id, category: 'delegate' } });
    expect(byRow.get(9)?.duplicateOf).toMatchObject({ matchedBy: 'email', row: null, name: 'سالم الراشدي' });
  });

  it('uses the mapping the user gives, and reports a mapping that cannot be used instead of rows', () => {
    const mapping: ImportField[] = ['ignore', 'notes', 'organisation', 'email', 'mobile', 'category', 'delegation'];
    const preview = buildPreview(fileOf(['s', messy]), { sheet: 's', headerRow: 2, mapping }, context());
    expect(preview.mappingProblems).toEqual([{ code: 'no_name' }]);
    expect(preview.rows).toEqual([]);
  });

  it('prefers a remembered mapping for a file of the same shape', () => {
    const remembered: ImportField[] = ['ignore', 'fullName', 'organisation', 'email', 'mobile', 'notes', 'notes'];
    const preview = buildPreview(
      fileOf(['s', messy]),
      { sheet: '', headerRow: null, mapping: null },
      context({
        rememberedMapping: () => remembered,
      }),
    );
    expect(preview.mapping).toEqual(remembered);
    expect(preview.reasons.every((r) => r === 'remembered')).toBe(true);
  });

  it('opens on the first sheet with a name column, past a cover or instructions sheet', () => {
    const preview = buildPreview(
      fileOf(['تعليمات', [['يرجى تعبئة الورقة التالية']]], ['المسجلون', messy]),
      { sheet: '', headerRow: null, mapping: null },
      context(),
    );
    expect(preview.sheet).toBe('المسجلون');
  });

  it('opens the first sheet with data and lists every sheet', () => {
    const preview = buildPreview(
      fileOf(['غلاف', []], ['المسجلون', messy]),
      { sheet: '', headerRow: null, mapping: null },
      context(),
    );
    expect(preview.sheet).toBe('المسجلون');
    expect(preview.sheets.map((s) => s.name)).toEqual(['غلاف', 'المسجلون']);
  });

  it('an empty sheet previews as nothing to import, and an unknown sheet name is refused', () => {
    const empty = buildPreview(fileOf(['s', [[], []]]), { sheet: 's', headerRow: null, mapping: null }, context());
    expect(empty.headerRow).toBeNull();
    expect(empty.counts.rows).toBe(0);
    expect(() =>
      buildPreview(fileOf(['s', messy]), { sheet: 'x', headerRow: null, mapping: null }, context()),
    ).toThrow();
  });
});
