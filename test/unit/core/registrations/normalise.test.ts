import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  normaliseEmail,
  normalisePhone,
  parseGender,
  splitNameTitle,
} from '../../../../src/core/registrations/import/normalise';
import {
  emptyPersonInput,
  HONORIFICS,
  PROFESSIONAL_TITLES,
  personInputSchema,
} from '../../../../src/shared/domain/person';
import { protocolName } from '../../../../src/shared/people/protocol-name';
import { toArabicDigits } from '../../../../src/shared/text/arabic';

// ---------------------------------------------------------------------------
// cleanText
// ---------------------------------------------------------------------------

describe('cleanText', () => {
  it('trims and collapses spaces, tabs, line breaks, NBSP and other wide spaces', () => {
    expect(cleanText('  أحمد   بن\tعلي \n ')).toBe('أحمد بن علي');
    expect(cleanText('\u00A0وزارة\u00A0\u00A0الصحة\u2009\u3000')).toBe('وزارة الصحة');
  });

  it('removes zero-width and bidi marks that Excel and web pages leave around text', () => {
    expect(cleanText('\u200Fسارة\u200B \u200Eالقحطاني\uFEFF')).toBe('سارة القحطاني');
    expect(cleanText('\u2067+966 55 123 4567\u2069')).toBe('+966 55 123 4567');
    expect(cleanText('soft\u00ADhyphen\u2060')).toBe('softhyphen');
  });

  it('keeps ZWNJ and ZWJ, which shape Persian names and emoji', () => {
    expect(cleanText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(cleanText('👩\u200D💻')).toBe('👩\u200D💻');
  });

  it('turns Arabic-Indic and Persian digits into Latin ones, leaving letters alone', () => {
    expect(cleanText('٠٥٥١٢٣٤٥٦٧')).toBe('0551234567');
    expect(cleanText('۰۵۰ ۱۲۳ ۴۵۶۷')).toBe('050 123 4567');
    expect(cleanText('القاعة ٣ - الدور ٢')).toBe('القاعة 3 - الدور 2');
  });

  it('keeps one line break per line with keepLineBreaks, for notes', () => {
    expect(cleanText('  يحتاج كرسي متحرك \r\n\r\n\r\n  مرافق   واحد \n', { keepLineBreaks: true })).toBe(
      'يحتاج كرسي متحرك\n\nمرافق واحد',
    );
  });

  it('returns an empty string for blank cells', () => {
    expect(cleanText('')).toBe('');
    expect(cleanText(' \u200B\u00A0\n')).toBe('');
  });
});

// ---------------------------------------------------------------------------
// normalisePhone
// ---------------------------------------------------------------------------

describe('normalisePhone: Saudi numbers with the default +966', () => {
  const cases: [string, string][] = [
    ['+966 55 123 4567', '+966551234567'],
    ['+966551234567', '+966551234567'],
    ['+966-55-123-4567', '+966551234567'],
    ['00966551234567', '+966551234567'],
    ['00 966 55 123 4567', '+966551234567'],
    ['0551234567', '+966551234567'],
    ['055 123 4567', '+966551234567'],
    ['551234567', '+966551234567'], // a number cell that lost its 0
    ['966551234567', '+966551234567'], // a number cell that lost its +
    ['9660551234567', '+966551234567'],
    ['+966 (0)55 123 4567', '+966551234567'],
    ['(+966) 551234567', '+966551234567'],
    ['٠٥٥١٢٣٤٥٦٧', '+966551234567'],
    ['+٩٦٦٥٥١٢٣٤٥٦٧', '+966551234567'],
    ['۰۵۵۱۲۳۴۵۶۷', '+966551234567'],
    ['966551234567.0', '+966551234567'], // Excel number written as text
    ['9.66551234567E+11', '+966551234567'],
    ['tel:+966551234567', '+966551234567'],
    ['0112345678', '+966112345678'], // Riyadh landline, 9 digits too
    ['\u200F0551234567\u200F', '+966551234567'],
  ];
  it.each(cases)('%s -> %s', (typed, e164) => {
    const result = normalisePhone(typed, '966');
    expect(result.e164).toBe(e164);
    expect(result.problem).toBeUndefined();
  });

  it('keeps what was typed (cleaned, Latin digits) beside the E.164 form', () => {
    expect(normalisePhone(' ٠٥٥ ١٢٣ ٤٥٦٧ ', '966')).toEqual({ typed: '055 123 4567', e164: '+966551234567' });
    expect(normalisePhone('+966 (0)55 123 4567', '966').typed).toBe('+966 (0)55 123 4567');
  });

  it('accepts the default country written with + or 00', () => {
    expect(normalisePhone('0551234567', '+966').e164).toBe('+966551234567');
    expect(normalisePhone('0551234567', '00966').e164).toBe('+966551234567');
  });
});

describe('normalisePhone: other default countries', () => {
  const cases: [string, string, string][] = [
    ['968', '91234567', '+96891234567'],
    ['968', '+968 9123 4567', '+96891234567'],
    ['968', '96891234567', '+96891234567'],
    ['971', '0501234567', '+971501234567'],
    ['971', '050 123 4567', '+971501234567'],
    ['974', '33123456', '+97433123456'],
    ['974', '+974 3312 3456', '+97433123456'],
    ['965', '51234567', '+96551234567'],
    ['965', '0096551234567', '+96551234567'],
    ['973', '36123456', '+97336123456'],
    ['20', '01012345678', '+201012345678'],
    ['20', '1012345678', '+201012345678'],
    ['20', '201012345678', '+201012345678'],
    ['962', '0791234567', '+962791234567'],
    ['962', '791234567', '+962791234567'],
  ];
  it.each(cases)('default %s: %s -> %s', (country, typed, e164) => {
    expect(normalisePhone(typed, country)).toEqual({ typed, e164 });
  });

  it('recognises another Arab country code written without +', () => {
    expect(normalisePhone('(968) 9123 4567', '966').e164).toBe('+96891234567');
    expect(normalisePhone('971501234567', '966').e164).toBe('+971501234567');
    expect(normalisePhone('201012345678', '966').e164).toBe('+201012345678');
    expect(normalisePhone('962791234567', '971').e164).toBe('+962791234567');
  });

  it('keeps numbers from anywhere written with + or 00 (E.164 bounds only)', () => {
    expect(normalisePhone('+44 20 7946 0958', '966').e164).toBe('+442079460958');
    expect(normalisePhone('001 202 555 0123', '966').e164).toBe('+12025550123');
    expect(normalisePhone('+1 (202) 555-0123', '966').e164).toBe('+12025550123');
  });

  it('reads numbers of any country the numbering plan knows, as the default too', () => {
    expect(normalisePhone('07911 123456', '44').e164).toBe('+447911123456');
    expect(normalisePhone('7911123456', '44').e164).toBe('+447911123456');
    expect(normalisePhone('012345', '44').problem).toBe('invalid');
  });

  it('reads the first of several numbers in one cell, gives the others, and keeps them all as typed', () => {
    expect(normalisePhone('0551234567 / 0501234567', '966')).toEqual({
      typed: '0551234567 / 0501234567',
      e164: '+966551234567',
      others: ['+966501234567'],
    });
    expect(normalisePhone('0551234567\n0501234567', '966').others).toEqual(['+966501234567']);
    expect(normalisePhone('0551234567 0501234567', '966').others).toEqual(['+966501234567']);
    expect(normalisePhone('91234567 - 92345678', '968').others).toEqual(['+96892345678']);
    expect(normalisePhone('0551234567 أو 0501234567', '966').e164).toBe('+966551234567');
    expect(normalisePhone('0551234567، 0501234567', '966').e164).toBe('+966551234567');
  });
});

describe('normalisePhone: cells as other departments send them', () => {
  const cases: [string, string, string][] = [
    ['971', '+971 4 368 1234', '+97143681234'], // Dubai landline
    ['966', '+20 2 2761 8812', '+20227618812'], // Cairo landline
    ['962', '791234567', '+962791234567'], // a Jordanian mobile whose 0 Excel dropped
    ['212', '612345678', '+212612345678'], // a Moroccan one
    ['968', 'جوال: 9123 4567', '+96891234567'],
    ['968', '9123 4567 (واتساب)', '+96891234567'],
    ['968', 'Mobile: +968 9123 4567', '+96891234567'],
    ['966', "'0551234567", '+966551234567'], // Excel's text marker
    ['966', '0551234567 ext 12', '+966551234567'],
  ];
  it.each(cases)('default %s: %s -> %s', (country, typed, e164) => {
    const result = normalisePhone(typed, country);
    expect(result.e164).toBe(e164);
    expect(result.problem).toBeUndefined();
  });

  it('reads placeholders as no number', () => {
    for (const typed of ['لا يوجد', 'N/A', 'لايوجد', 'none', '-']) {
      expect(normalisePhone(typed, '966')).toEqual({ typed, e164: null });
    }
  });
});

describe('normalisePhone: refusals', () => {
  const invalid: [string, string][] = [
    ['055123456', 'one digit short'],
    ['05512345678', 'one digit long'],
    ['+966 55 123 456', 'short after the code'],
    ['+966 55 123 45678', 'long after the code'],
    ['12345', 'too short anywhere'],
    ['+1234567890123456', 'over 15 digits'],
    ['+0551234567', 'a + before a trunk 0'],
    ['0551234567 ext 1a', 'an extension with a letter'],
    ['فاكس فقط', 'words'],
    ['0551234567+', 'a + at the end'],
    ['++966551234567', 'two +'],
    ['9.66551E+11', 'Excel has rounded the number: digits lost'],
    ['05x1234567', 'a letter among digits'],
    ['#0551234567', 'a symbol'],
  ];
  it.each(invalid)('%s (%s) is invalid and kept as typed', (typed) => {
    expect(normalisePhone(typed, '966')).toEqual({ typed: cleanText(typed), e164: null, problem: 'invalid' });
  });

  it('Oman (8 digits) refuses a Saudi-length national number', () => {
    expect(normalisePhone('551234567', '968').problem).toBe('invalid');
  });

  it('treats an empty cell, or a dash, as no number rather than a wrong one', () => {
    expect(normalisePhone('', '966')).toEqual({ typed: '', e164: null });
    expect(normalisePhone('   ', '966')).toEqual({ typed: '', e164: null });
    expect(normalisePhone('-', '966')).toEqual({ typed: '-', e164: null });
    expect(normalisePhone('—', '966')).toEqual({ typed: '—', e164: null });
  });

  it('without a default country, only international forms are read', () => {
    expect(normalisePhone('0551234567', '').problem).toBe('invalid');
    expect(normalisePhone('+966551234567', '').e164).toBe('+966551234567');
    expect(normalisePhone('96891234567', '').e164).toBe('+96891234567');
  });
});

describe('normalisePhone: properties', () => {
  it('never throws, and any E.164 it gives is + and 8 to 15 digits', () => {
    const country = fc.constantFrom('966', '968', '971', '974', '965', '973', '20', '962', '44', '', 'abc');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), country, (raw, c) => {
        const result = normalisePhone(raw, c);
        if (result.e164 !== null) expect(result.e164).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(result.e164 === null || result.problem === undefined).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...[...'0123456789٠١٢٣٤٥٦٧٨٩+-() ./،x']), maxLength: 25 }),
        (raw) => {
          const result = normalisePhone(raw, '966');
          if (result.e164 !== null) expect(result.e164).toMatch(/^\+[1-9]\d{7,14}$/);
        },
      ),
    );
  });

  it('every usual way of writing one Saudi mobile gives the same E.164', () => {
    // Saudi mobiles as the numbering plan has given them out: 50 and 53 to 59, but not 52 nor 579.
    const national = fc.stringMatching(/^5(?:[03-689]\d|7[0-8])\d{6}$/);
    fc.assert(
      fc.property(national, (n) => {
        const e164 = `+966${n}`;
        const spaced = `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`;
        for (const typed of [
          `+966${n}`,
          `+966 ${spaced}`,
          `00966${n}`,
          `0${n}`,
          `0${spaced}`,
          n,
          `966${n}`,
          toArabicDigits(`0${n}`),
          `+966 (0)${n}`,
        ]) {
          expect(normalisePhone(typed, '966').e164).toBe(e164);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// normaliseEmail
// ---------------------------------------------------------------------------

describe('normaliseEmail', () => {
  const cases: [string, string][] = [
    ['Ahmed.Ali@Example.COM', 'ahmed.ali@example.com'],
    ['  sara@ministry.gov.sa  ', 'sara@ministry.gov.sa'],
    ['mailto:Info@Forum.org', 'info@forum.org'],
    ['MAILTO:info@forum.org', 'info@forum.org'],
    ['Ahmed Ali <Ahmed@Example.com>', 'ahmed@example.com'],
    ['<ahmed@example.com>', 'ahmed@example.com'],
    ['ahmed＠example．com', 'ahmed@example.com'], // full-width, from an Arabic keyboard layout
    ['\u200Fkhalid+forum@moh.gov.sa\u200F', 'khalid+forum@moh.gov.sa'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['first_last-2@sub.domain.co', 'first_last-2@sub.domain.co'],
    ['ahmed@muscat.gov.om;', 'ahmed@muscat.gov.om'],
  ];
  it.each(cases)('%s -> %s', (raw, value) => {
    expect(normaliseEmail(raw)).toEqual({ value });
  });

  const invalid: [string, string][] = [
    ['ahmed.example.com', 'no @'],
    ['ahmed@@example.com', 'two @'],
    ['a@b@example.com', 'two @ apart'],
    ['ahmed@example', 'no dot in the domain'],
    ['ahmed@example.', 'empty top-level domain'],
    ['ahmed @example.com', 'a space'],
    ['ahmed@exa mple.com', 'a space in the domain'],
    ['ahmed@example,com', 'a comma for the dot'],
    ['ahmed..ali@example.com', 'two dots'],
    ['.ahmed@example.com', 'a leading dot'],
    ['@example.com', 'no local part'],
    ['أحمد@example.com', 'Arabic local part (the person form refuses it too)'],
    ['a@b.com; c@d.com', 'two addresses'],
    ['لا يوجد', 'words'],
  ];
  it.each(invalid)('%s (%s) is invalid but kept, lower-cased', (raw) => {
    const result = normaliseEmail(raw);
    expect(result.problem).toBe('invalid');
    expect(result.value).toBe(result.value.toLowerCase());
    expect(result.value).not.toBe('');
  });

  it('treats an empty cell or a dash as no address', () => {
    expect(normaliseEmail('')).toEqual({ value: '' });
    expect(normaliseEmail('  ')).toEqual({ value: '' });
    expect(normaliseEmail('-')).toEqual({ value: '' });
  });

  it('refuses an address over 254 characters', () => {
    expect(normaliseEmail(`${'a'.repeat(64)}@${'b'.repeat(200)}.com`).problem).toBe('invalid');
  });

  it('accepts exactly what the person form can save (property)', () => {
    const part = fc.string({ unit: fc.constantFrom(...[...'abcXYZ09._-+@ أحمد<>:']), maxLength: 16 });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const result = normaliseEmail(`${a}@${b}`);
        if (result.value === '') return;
        const saved = personInputSchema.safeParse({ ...emptyPersonInput(), nameAr: 'أحمد', email: result.value });
        expect(saved.success).toBe(result.problem === undefined);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// splitNameTitle
// ---------------------------------------------------------------------------

describe('splitNameTitle', () => {
  const cases: [string, string, string, string][] = [
    // raw, honorific, title, name
    ['د. أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['د.أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['د/ أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['د/أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['د أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['دكتور أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['الدكتور أحمد العتيبي', 'none', 'doctor', 'أحمد العتيبي'],
    ['الدكتورة نورة القحطاني', 'none', 'doctor', 'نورة القحطاني'],
    ['الدكتوره نورة القحطاني', 'none', 'doctor', 'نورة القحطاني'],
    ['الدُّكتور أحمد', 'none', 'doctor', 'أحمد'],
    ['م. خالد الزهراني', 'none', 'engineer', 'خالد الزهراني'],
    ['م/ خالد الزهراني', 'none', 'engineer', 'خالد الزهراني'],
    ['المهندس خالد الزهراني', 'none', 'engineer', 'خالد الزهراني'],
    ['المهندسة ريم الشهري', 'none', 'engineer', 'ريم الشهري'],
    ['أ.د. محمد السالم', 'none', 'professor', 'محمد السالم'],
    ['أ. د. محمد السالم', 'none', 'professor', 'محمد السالم'],
    ['ا.د محمد السالم', 'none', 'professor', 'محمد السالم'],
    ['الأستاذ الدكتور محمد السالم', 'none', 'professor', 'محمد السالم'],
    ['الأستاذة الدكتورة هند الفيصل', 'none', 'professor', 'هند الفيصل'],
    ['أ.م.د. علي حسن', 'none', 'doctor', 'علي حسن'],
    ['أ. سلمان الدوسري', 'none', 'ustadh', 'سلمان الدوسري'],
    ['الأستاذ سلمان الدوسري', 'none', 'ustadh', 'سلمان الدوسري'],
    ['الاستاذ سلمان الدوسري', 'none', 'ustadh', 'سلمان الدوسري'],
    ['الأستاذة منيرة العنزي', 'none', 'ustadh', 'منيرة العنزي'],
    ['معالي الأستاذ ماجد بن عبدالله القصبي', 'maali', 'ustadh', 'ماجد بن عبدالله القصبي'],
    ['سعادة الدكتور خالد بن عبدالله بن سعد', 'saada', 'doctor', 'خالد بن عبدالله بن سعد'],
    ['سعاده المهندس جمال بن ناصر الملحم', 'saada', 'engineer', 'جمال بن ناصر الملحم'],
    ['صاحب السمو الملكي الأمير فيصل بن خالد', 'royal_highness', 'none', 'الأمير فيصل بن خالد'],
    ['صاحب السمو الشيخ محمد بن راشد آل مكتوم', 'highness', 'none', 'الشيخ محمد بن راشد آل مكتوم'],
    ['صاحبة السمو الأميرة ريما بنت بندر', 'highness', 'none', 'الأميرة ريما بنت بندر'],
    ['السيد عبدالرحمن المطيري', 'sayyid', 'none', 'عبدالرحمن المطيري'],
    ['السيدة فاطمة بنت محمد', 'sayyid', 'none', 'فاطمة بنت محمد'],
    ['سعادة السيد عمر', 'saada_sayyid', 'none', 'عمر'],
    ['سعادة السيدة منى الحارثية', 'saada_sayyid', 'none', 'منى الحارثية'],
    ['معالي السيدة فوزية بنت عبدالله', 'maali_sayyid', 'none', 'فوزية بنت عبدالله'],
    ['معالي الدكتورة رحاب بنت محمد', 'maali', 'doctor', 'رحاب بنت محمد'],
    ['سمو الأمير سعود بن نايف', 'sumuw', 'none', 'الأمير سعود بن نايف'],
    ['سعادة السفير عبدالله بن علي', 'ambassador', 'none', 'عبدالله بن علي'],
    ['السفيرة لينا الحسن', 'ambassador', 'none', 'لينا الحسن'],
    ['عطوفة المهندس عمر الخطيب', 'atufa', 'engineer', 'عمر الخطيب'],
    ['فضيلة الشيخ عبدالله بن بيه', 'fadila', 'none', 'عبدالله بن بيه'],
    ['فضيله الدكتور أحمد الخليلي', 'fadila', 'doctor', 'أحمد الخليلي'],
    ['الشيخ سعيد بن حمد الحارثي', 'sheikh', 'none', 'سعيد بن حمد الحارثي'],
    ['الشيخة هند القاسمي', 'sheikh', 'none', 'هند القاسمي'],
    ['معالي الشيخ خالد بن عمر المرهون', 'maali', 'none', 'الشيخ خالد بن عمر المرهون'],
    ['Dr. Ahmed Al-Otaibi', 'none', 'doctor', 'Ahmed Al-Otaibi'],
    ['Dr Ahmed Al-Otaibi', 'none', 'doctor', 'Ahmed Al-Otaibi'],
    ['DR.AHMED', 'none', 'doctor', 'AHMED'],
    ['Eng. Khalid Alzahrani', 'none', 'engineer', 'Khalid Alzahrani'],
    ['Prof. Mohammed Alsalem', 'none', 'professor', 'Mohammed Alsalem'],
    ['Prof. Dr. Mohammed Alsalem', 'none', 'professor', 'Mohammed Alsalem'],
    ['Mr. John Smith', 'sayyid', 'none', 'John Smith'],
    ['Mrs. Sara Ali', 'sayyid', 'none', 'Sara Ali'],
    ['Ms Sara Ali', 'sayyid', 'none', 'Sara Ali'],
    ['H.E. Dr. Ahmed Ali', 'saada', 'doctor', 'Ahmed Ali'],
    ['H.E. Eng. Jamal bin Nasser Al-Mulhim', 'saada', 'engineer', 'Jamal bin Nasser Al-Mulhim'],
    ['H.H. Sheikh Mohammed bin Rashid', 'highness', 'none', 'Sheikh Mohammed bin Rashid'],
    ['HRH Prince Faisal', 'royal_highness', 'none', 'Prince Faisal'],
    ['H.E. Mrs. Noura Al Kaabi', 'saada_sayyid', 'none', 'Noura Al Kaabi'],
    ['H.E. Ambassador John Smith', 'ambassador', 'none', 'John Smith'],
    ['His Eminence Sheikh Ahmed Al Khalili', 'fadila', 'none', 'Ahmed Al Khalili'],
    ['Sheikha Hind Al Qasimi', 'sheikh', 'none', 'Hind Al Qasimi'],
    ['Ahmed Ali, PhD', 'none', 'doctor', 'Ahmed Ali'],
  ];
  it.each(cases)('%s', (raw, honorific, title, name) => {
    const result = splitNameTitle(raw);
    expect({ honorific: result.honorific, title: result.title, name: result.name }).toEqual({
      honorific,
      title,
      name,
    });
    expect(HONORIFICS).toContain(result.honorific);
    expect(PROFESSIONAL_TITLES).toContain(result.title);
  });

  it('leaves names that merely start with د، م، أ or with a title-like word alone', () => {
    for (const name of [
      'داود سليمان',
      'دانة الحربي',
      'محمد بن سلمان',
      'مها العتيبي',
      'منى',
      'أمل الشمري',
      'أحمد',
      'ابن خلدون',
      'بن علي عبدالله',
      'محمد السيد',
      'سعد الدكتوري',
      'Drew Smith',
      'Engel Meyer',
      'Mrad Haddad',
      'He Wei',
    ]) {
      expect(splitNameTitle(name)).toEqual({ honorific: 'none', title: 'none', name, gender: null });
    }
  });

  it('cleans the name it returns', () => {
    expect(splitNameTitle('  د.   أحمد\u00A0 بن   علي  ').name).toBe('أحمد بن علي');
  });

  it('returns an empty name for a cell that holds only a title', () => {
    expect(splitNameTitle('د.')).toEqual({ honorific: 'none', title: 'doctor', name: '', gender: null });
    expect(splitNameTitle('معالي المهندس')).toMatchObject({ honorific: 'maali', title: 'engineer', name: '' });
    expect(splitNameTitle('')).toEqual({ honorific: 'none', title: 'none', name: '', gender: null });
  });

  it('tells the gender when the words say it, and only then', () => {
    expect(splitNameTitle('الدكتورة نورة').gender).toBe('female');
    expect(splitNameTitle('المهندسة ريم').gender).toBe('female');
    expect(splitNameTitle('السيدة فاطمة').gender).toBe('female');
    expect(splitNameTitle('Mrs. Sara').gender).toBe('female');
    expect(splitNameTitle('الدكتور أحمد').gender).toBe('male');
    expect(splitNameTitle('Mr. John').gender).toBe('male');
    expect(splitNameTitle('د. نورة').gender).toBeNull();
    expect(splitNameTitle('Dr. Sam').gender).toBeNull();
    expect(splitNameTitle('سعادة نورة').gender).toBeNull();
  });

  it('gives back what protocolName prints, so a name can go round', () => {
    for (const printed of [
      'سعادة الدكتور خالد بن عبدالله',
      'معالي المهندس جمال بن ناصر الملحم',
      'السيدة فاطمة بنت محمد',
    ]) {
      const { honorific, title, name, gender } = splitNameTitle(printed);
      const person = { honorific, title, gender: gender ?? 'male', nameAr: name, nameEn: '' };
      expect(protocolName(person, 'ar')).toBe(printed);
    }
  });

  it('reads back every honorific as protocolName prints it, for a man and for a woman', () => {
    for (const honorific of HONORIFICS) {
      for (const gender of ['male', 'female'] as const) {
        const printed = protocolName({ honorific, title: 'none', gender, nameAr: 'هند الشمري', nameEn: '' }, 'ar');
        const read = splitNameTitle(printed);
        expect({ printed, honorific: read.honorific, name: read.name }).toEqual({
          printed,
          honorific,
          name: 'هند الشمري',
        });
        // A form that differs by gender says which.
        if (read.gender !== null) expect(read.gender).toBe(gender);
      }
    }
    expect(splitNameTitle('معالي السيدة هند').gender).toBe('female');
    expect(splitNameTitle('سعادة السفيرة هند').gender).toBe('female');
    expect(splitNameTitle('الشيخة هند').gender).toBe('female');
  });

  it('never throws and never invents text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const result = splitNameTitle(raw);
        expect(cleanText(raw)).toContain(result.name);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// parseGender
// ---------------------------------------------------------------------------

describe('parseGender', () => {
  it.each([
    ['ذكر', 'male'],
    ['  ذكر ', 'male'],
    ['رجل', 'male'],
    ['Male', 'male'],
    ['MALE', 'male'],
    ['M', 'male'],
    ['m.', 'male'],
    ['ذكر / Male', 'male'],
    ['أنثى', 'female'],
    ['انثى', 'female'],
    ['انثي', 'female'],
    ['امرأة', 'female'],
    ['Female', 'female'],
    ['F', 'female'],
    ['أنثى (Female)', 'female'],
  ])('%s -> %s', (raw, gender) => {
    expect(parseGender(raw)).toBe(gender);
  });

  it.each(['', 'Other', 'أفضل عدم الإجابة', 'Prefer not to say', 'ذكر / أنثى', 'Male/Female', 'X', 'mf'])(
    '%s -> null',
    (raw) => {
      expect(parseGender(raw)).toBeNull();
    },
  );
});
