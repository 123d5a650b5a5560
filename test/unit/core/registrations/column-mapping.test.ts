import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoMap,
  autoMapColumns,
  detectSource,
  mappingProblems,
  matchHeader,
  normalizeHeader,
  shapeKey,
} from '../../../../src/core/registrations/import/column-mapping';
import { IMPORT_FIELDS, type ImportField, REPEATABLE_FIELDS } from '../../../../src/shared/domain/registration-import';

describe('normalizeHeader', () => {
  it('folds Arabic spellings, the article, case, punctuation and the required star', () => {
    expect(normalizeHeader('البريد الإلكتروني *')).toBe(normalizeHeader('بريد الكتروني'));
    expect(normalizeHeader('البريد الالكتروني')).toBe(normalizeHeader('البريد الإلكتروني'));
    expect(normalizeHeader('جهة العمل:')).toBe(normalizeHeader('جهه العمل'));
    expect(normalizeHeader('  E-Mail  ')).toBe('e mail');
    expect(normalizeHeader('Mobile No.')).toBe('mobile no');
    expect(normalizeHeader('المُسمّى الوظيفي')).toBe(normalizeHeader('المسمى الوظيفي'));
    expect(normalizeHeader('الاسم\u00A0الكامل')).toBe(normalizeHeader('الاسم الكامل'));
  });

  it('keeps digits (as Latin) and drops headers of punctuation only to nothing', () => {
    expect(normalizeHeader('١. الاسم')).toBe('1 اسم');
    expect(normalizeHeader('#')).toBe('');
    expect(normalizeHeader('')).toBe('');
  });
});

describe('matchHeader', () => {
  const exact: [string, ImportField][] = [
    // From the issue.
    ['الاسم', 'fullName'],
    ['الاسم الكامل', 'fullName'],
    ['Name', 'fullName'],
    ['Full name', 'fullName'],
    ['جهة العمل', 'organisation'],
    ['الجهة', 'organisation'],
    ['Organization', 'organisation'],
    ['Organisation', 'organisation'],
    ['Company', 'organisation'],
    ['المسمى الوظيفي', 'position'],
    ['الوظيفة', 'position'],
    ['Job title', 'position'],
    ['Job Title', 'position'],
    ['Position', 'position'],
    ['البريد الإلكتروني', 'email'],
    ['البريد الالكتروني', 'email'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['الجوال', 'mobile'],
    ['رقم الجوال', 'mobile'],
    ['Mobile', 'mobile'],
    ['Mobile No.', 'mobile'],
    ['Phone', 'mobile'],
    ['Phone Number', 'mobile'],
    ['الهاتف', 'mobile'],
    ['الجنس', 'gender'],
    ['Gender', 'gender'],
    ['الدولة', 'country'],
    ['Country', 'country'],
    ['Nationality', 'country'],
    ['الجنسية', 'country'],
    ['الفئة', 'category'],
    ['Category', 'category'],
    // More.
    ['الاسم باللغة الإنجليزية', 'fullNameEn'],
    ['Full name (English)', 'fullNameEn'],
    ['الاسم الأول', 'firstName'],
    ['First Name', 'firstName'],
    ['اسم الأب', 'middleName'],
    ["Father's name", 'middleName'],
    ['اسم الجد', 'grandfatherName'],
    ['اسم العائلة', 'lastName'],
    ['Surname', 'lastName'],
    ['اللقب', 'title'],
    ['Title', 'title'],
    ['اسم الجهة', 'organisation'],
    ['المدينة', 'city'],
    ['رمز الدولة', 'phoneCountryCode'],
    ['Country code', 'phoneCountryCode'],
    ['الوفد', 'delegation'],
    ['ملاحظات', 'notes'],
    ['Timestamp', 'ignore'],
    ['الطابع الزمني', 'ignore'],
    ['ID', 'ignore'],
    ['Start time', 'ignore'],
    ['Completion time', 'ignore'],
    ['م', 'ignore'],
    ['No.', 'ignore'],
    ['S/N', 'ignore'],
  ];
  it.each(exact)('%s -> %s', (header, field) => {
    expect(matchHeader(header)).toMatchObject({ field, exact: true });
  });

  it('weighs the words that only usually mean a field lower', () => {
    expect(matchHeader('Mobile')?.weight).toBe(3);
    expect(matchHeader('Phone')?.weight).toBe(2);
    expect(matchHeader('الدولة')?.weight).toBe(3);
    expect(matchHeader('الجنسية')?.weight).toBe(2);
  });

  const partial: [string, ImportField][] = [
    ['الاسم الكامل (كما سيظهر في الشهادة)', 'fullName'],
    ['1. الاسم الكامل *', 'fullName'],
    ['Your full name', 'fullName'],
    ['البريد الإلكتروني للتواصل', 'email'],
    ['What is your email address?', 'email'],
    ['رقم الجوال (مع رمز الدولة)', 'mobile'],
    ['Mobile number (with country code)', 'mobile'],
    ['Mobile (WhatsApp)', 'mobile'],
    ['Name of your organization', 'organisation'],
    ['Name of your company', 'organisation'],
    ['اسم الجهة التي تعمل بها', 'organisation'],
    ['Full name in English (as in passport)', 'fullNameEn'],
    ['الاسم الكامل باللغة الإنجليزية (كما في الجواز)', 'fullNameEn'],
    ['الاسم الأول (First name)', 'firstName'],
    ['الاسم / Name', 'fullName'],
    ['جهة العمل / Organization', 'organisation'],
    ['Title (Dr, Eng, Mr, Ms)', 'title'],
    ['ملاحظات أخرى', 'notes'],
    ['City of residence', 'city'],
  ];
  it.each(partial)('%s contains a synonym of %s', (header, field) => {
    expect(matchHeader(header)).toMatchObject({ field, exact: false });
  });

  it.each([
    'National ID',
    'رقم الهوية',
    'Presentation title',
    'صندوق البريد',
    'Blood type',
    'Hotel name',
    'Accompanying person',
    'Which sessions will you attend?',
    'هل ستحضر ورشة العمل؟',
    '',
    '   ',
    '#',
  ])('%s matches nothing', (header) => {
    expect(matchHeader(header)).toBeNull();
  });
});

describe('detectSource', () => {
  it('recognises Google Forms by a Timestamp first column, in English or Arabic', () => {
    expect(detectSource(['Timestamp', 'Email Address', 'Full name'])).toBe('google_forms');
    expect(detectSource(['الطابع الزمني', 'الاسم الكامل', 'البريد الإلكتروني'])).toBe('google_forms');
  });

  it('recognises Microsoft Forms by ID, Start time and Completion time', () => {
    expect(detectSource(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'الاسم الكامل'])).toBe(
      'microsoft_forms',
    );
    expect(
      detectSource(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Full name']),
    ).toBe('microsoft_forms');
    expect(detectSource(['المعرّف', 'وقت البدء', 'وقت الإكمال', 'البريد الإلكتروني', 'الاسم', 'الجهة'])).toBe(
      'microsoft_forms',
    );
  });

  it('calls everything else generic', () => {
    expect(detectSource(['الاسم', 'جهة العمل', 'الجوال'])).toBe('generic');
    expect(detectSource(['ID', 'Name', 'Email'])).toBe('generic');
    expect(detectSource(['Name', 'Timestamp'])).toBe('generic');
    expect(detectSource([])).toBe('generic');
  });
});

describe('autoMap', () => {
  it('maps a typical Arabic registration sheet', () => {
    const headers = ['م', 'الاسم', 'جهة العمل', 'المسمى الوظيفي', 'البريد الإلكتروني', 'رقم الجوال', 'الجنس', 'الفئة'];
    expect(autoMap(headers)).toEqual([
      'ignore',
      'fullName',
      'organisation',
      'position',
      'email',
      'mobile',
      'gender',
      'category',
    ]);
  });

  it('maps a typical English sheet, keeping unknown columns as notes', () => {
    const headers = ['Full name', 'Company', 'Job Title', 'E-mail', 'Mobile No.', 'Country', 'Dietary needs'];
    expect(autoMapColumns(headers)).toEqual([
      { field: 'fullName', reason: 'exact' },
      { field: 'organisation', reason: 'exact' },
      { field: 'position', reason: 'exact' },
      { field: 'email', reason: 'exact' },
      { field: 'mobile', reason: 'exact' },
      { field: 'country', reason: 'exact' },
      { field: 'notes', reason: 'unknown' },
    ]);
  });

  it('gives a field to one column only: the better name wins, the other becomes a note', () => {
    expect(autoMapColumns(['الاسم', 'الهاتف', 'الجوال', 'الجنسية', 'الدولة'])).toEqual([
      { field: 'fullName', reason: 'exact' },
      { field: 'notes', reason: 'duplicate' },
      { field: 'mobile', reason: 'exact' },
      { field: 'notes', reason: 'duplicate' },
      { field: 'country', reason: 'exact' },
    ]);
    // Two equally good columns: the leftmost wins.
    expect(autoMap(['Email', 'البريد الإلكتروني', 'Name'])).toEqual(['email', 'notes', 'fullName']);
    // An exact header beats one that only contains the synonym.
    expect(autoMap(['البريد الإلكتروني للعمل', 'البريد الإلكتروني', 'الاسم'])).toEqual(['notes', 'email', 'fullName']);
  });

  it('ignores blank headers and row-number columns', () => {
    expect(autoMapColumns(['#', 'Name', '', 'Email', '  '])).toEqual([
      { field: 'ignore', reason: 'exact' },
      { field: 'fullName', reason: 'exact' },
      { field: 'ignore', reason: 'blank' },
      { field: 'email', reason: 'exact' },
      { field: 'ignore', reason: 'blank' },
    ]);
  });

  it('maps name parts, the English name and a separate country code', () => {
    expect(
      autoMap(['الاسم الأول', 'اسم الأب', 'اسم الجد', 'اسم العائلة', 'الاسم بالإنجليزية', 'رمز الدولة', 'رقم الجوال']),
    ).toEqual(['firstName', 'middleName', 'grandfatherName', 'lastName', 'fullNameEn', 'phoneCountryCode', 'mobile']);
  });

  it("maps a bilingual list's English organisation and position beside the Arabic ones", () => {
    expect(autoMap(['الاسم', 'الجهة', 'الجهة بالإنجليزية', 'المنصب', 'Position in English', 'Organization'])).toEqual([
      'fullName',
      'organisation',
      'organisationEn',
      'position',
      'positionEn',
      'notes',
    ]);
    // Without the Arabic one, an English header is the organisation itself, as before.
    expect(autoMap(['Name', 'Organization', 'Job title'])).toEqual(['fullName', 'organisation', 'position']);
  });

  it('maps a Google Forms export: Timestamp ignored, the form question wins over the collected address', () => {
    const headers = [
      'Timestamp',
      'Email Address',
      'الاسم الكامل',
      'البريد الإلكتروني للتواصل',
      'رقم الجوال (مع رمز الدولة)',
      'جهة العمل',
      'هل ستحضر حفل العشاء؟',
    ];
    expect(autoMapColumns(headers)).toEqual([
      { field: 'ignore', reason: 'exact' },
      { field: 'notes', reason: 'duplicate' },
      { field: 'fullName', reason: 'exact' },
      { field: 'email', reason: 'partial' },
      { field: 'mobile', reason: 'partial' },
      { field: 'organisation', reason: 'exact' },
      { field: 'notes', reason: 'unknown' },
    ]);
  });

  it('maps Google Forms’ collected address when the form asks for none', () => {
    expect(autoMapColumns(['Timestamp', 'Email Address', 'Full name'])).toEqual([
      { field: 'ignore', reason: 'exact' },
      { field: 'email', reason: 'account' },
      { field: 'fullName', reason: 'exact' },
    ]);
  });

  it('maps a Microsoft Forms export: the form’s own questions win over the account Email/Name', () => {
    const headers = [
      'ID',
      'Start time',
      'Completion time',
      'Email',
      'Name',
      'الاسم الكامل',
      'البريد الإلكتروني',
      'رقم الجوال',
    ];
    expect(autoMapColumns(headers)).toEqual([
      { field: 'ignore', reason: 'exact' },
      { field: 'ignore', reason: 'exact' },
      { field: 'ignore', reason: 'exact' },
      { field: 'ignore', reason: 'duplicate' },
      { field: 'ignore', reason: 'duplicate' },
      { field: 'fullName', reason: 'exact' },
      { field: 'email', reason: 'exact' },
      { field: 'mobile', reason: 'exact' },
    ]);
  });

  it('maps Microsoft Forms’ account Email/Name when the form asks for neither', () => {
    const headers = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Organization'];
    expect(autoMapColumns(headers)).toEqual([
      { field: 'ignore', reason: 'exact' },
      { field: 'ignore', reason: 'exact' },
      { field: 'ignore', reason: 'exact' },
      { field: 'email', reason: 'account' },
      { field: 'fullName', reason: 'account' },
      { field: 'ignore', reason: 'exact' },
      { field: 'organisation', reason: 'exact' },
    ]);
  });

  it('maps an Arabic Microsoft Forms export the same way', () => {
    const headers = ['المعرّف', 'وقت البدء', 'وقت الإكمال', 'البريد الإلكتروني', 'الاسم', 'الاسم الكامل', 'الجوال'];
    expect(autoMap(headers)).toEqual(['ignore', 'ignore', 'ignore', 'email', 'ignore', 'fullName', 'mobile']);
  });

  it('returns an empty mapping for no headers', () => {
    expect(autoMap([])).toEqual([]);
  });

  it('always returns one valid field per column, each single-use field once (property)', () => {
    const known = [
      'الاسم',
      'Name',
      'Full name',
      'البريد الإلكتروني',
      'Email',
      'Email Address',
      'الجوال',
      'Phone',
      'الهاتف',
      'الجنسية',
      'الدولة',
      'Timestamp',
      'ID',
      'Start time',
      'Completion time',
      'م',
      'ملاحظات',
      '',
    ];
    const header = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(header, { maxLength: 15 }), (headers) => {
        const mapping = autoMap(headers);
        expect(mapping).toHaveLength(headers.length);
        for (const field of mapping) expect(IMPORT_FIELDS).toContain(field);
        expect(mappingProblems(mapping).filter((p) => p.code === 'duplicate_field')).toEqual([]);
      }),
    );
  });
});

describe('mappingProblems', () => {
  it('accepts a mapping with a name and single-use fields used once', () => {
    expect(mappingProblems(['ignore', 'fullName', 'email', 'notes', 'notes', 'ignore'])).toEqual([]);
    expect(mappingProblems(['firstName', 'lastName'])).toEqual([]);
    expect(mappingProblems(['fullNameEn', 'mobile'])).toEqual([]);
  });

  it('reports a field chosen for two columns, with the columns', () => {
    expect(mappingProblems(['fullName', 'email', 'mobile', 'email'])).toEqual([
      { code: 'duplicate_field', field: 'email', columns: [1, 3] },
    ]);
  });

  it('reports a mapping without any name column', () => {
    expect(mappingProblems(['email', 'mobile', 'notes'])).toEqual([{ code: 'no_name' }]);
    expect(mappingProblems([])).toEqual([{ code: 'no_name' }]);
  });

  it('knows notes and ignore are the repeatable fields', () => {
    expect([...REPEATABLE_FIELDS].sort()).toEqual(['ignore', 'notes']);
  });
});

describe('shapeKey', () => {
  const headers = ['الاسم', 'جهة العمل', 'البريد الإلكتروني', 'رقم الجوال'];

  it('is the same for the next file with the same headers written a little differently', () => {
    const key = shapeKey(headers);
    expect(shapeKey(['الاسم ', 'جهه العمل', 'البريد الالكتروني *', 'رقم  الجوال'])).toBe(key);
    expect(shapeKey([...headers, '', '  '])).toBe(key);
    expect(shapeKey(['Name', 'E-mail'])).toBe(shapeKey(['NAME', 'E-Mail']));
  });

  it('differs when the columns differ, are in another order, or there is one more', () => {
    const key = shapeKey(headers);
    expect(shapeKey([headers[1] ?? '', headers[0] ?? '', ...headers.slice(2)])).not.toBe(key);
    expect(shapeKey([...headers, 'الجنس'])).not.toBe(key);
    expect(shapeKey(headers.slice(0, 3))).not.toBe(key);
    expect(shapeKey(['', ...headers])).not.toBe(key);
    expect(shapeKey(['#', 'Name'])).not.toBe(shapeKey(['', 'Name']));
  });

  it('is a plain, versioned string', () => {
    expect(shapeKey(['Name', 'Email'])).toBe('v1:name|email');
    expect(shapeKey([])).toBe('v1:');
  });
});
