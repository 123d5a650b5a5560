import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arabicCollator,
  compareArabic,
  FSI,
  hasArabic,
  isolate,
  isolateArabicRuns,
  isolateLatinRuns,
  joinParts,
  LRI,
  matchesSearch,
  needsIsolation,
  normalizeArabic,
  PDI,
  RLI,
  stripArticle,
  toArabicDigits,
  toLatinDigits,
} from '../../../src/shared/text/arabic';

describe('digits', () => {
  it('toLatinDigits handles Arabic-Indic and Persian digits', () => {
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toLatinDigits('الجوال ٠٥٥١٢٣ و abc 7')).toBe('الجوال 055123 و abc 7');
  });
  it('toArabicDigits', () => {
    expect(toArabicDigits('20/10/1436هـ')).toBe('٢٠/١٠/١٤٣٦هـ');
    expect(toLatinDigits(toArabicDigits('0123456789'))).toBe('0123456789');
  });
});

describe('normalizeArabic', () => {
  it('folds hamza forms of alef', () => {
    const n = normalizeArabic('احمد');
    expect(normalizeArabic('أحمد')).toBe(n);
    expect(normalizeArabic('إحمد')).toBe(n);
    expect(normalizeArabic('آحمد')).toBe(n);
    expect(normalizeArabic('ٱحمد')).toBe(n);
  });
  it('folds ة/ه, ى/ي, ؤ, ئ', () => {
    expect(normalizeArabic('فاطمة')).toBe(normalizeArabic('فاطمه'));
    expect(normalizeArabic('مصطفى')).toBe(normalizeArabic('مصطفي'));
    expect(normalizeArabic('مسؤول')).toBe('مسوول');
    expect(normalizeArabic('رئيس')).toBe('رييس');
  });
  it('drops diacritics, tatweel and bidi marks', () => {
    expect(normalizeArabic('مُحَمَّد')).toBe('محمد');
    expect(normalizeArabic('محـــمد')).toBe('محمد');
    expect(normalizeArabic('\u200Fمحمد\u200E')).toBe('محمد');
    expect(normalizeArabic(`${LRI}+966${PDI}`)).toBe('+966');
    expect(normalizeArabic('الرَّحْمٰن')).toBe('الرحمن'); // superscript alef U+0670
  });
  it('unifies digits, case and whitespace', () => {
    expect(normalizeArabic('  ٠٥٥  ١٢٣\t٤٥٦٧ ')).toBe('055 123 4567');
    expect(normalizeArabic('Ahmed AL-Malhem')).toBe('ahmed al-malhem');
  });
  it('unfolds presentation forms and Persian look-alikes', () => {
    expect(normalizeArabic('ﺃﺣﻤﺪ')).toBe('احمد');
    expect(normalizeArabic('علی')).toBe(normalizeArabic('علي'));
  });
  it('folds any text exactly as its definition, step by step, does', () => {
    // The definition: NFKC (for the blocks whose compatibility forms we meet), drop the marks and controls, unify
    // letters and digits, lower-case, collapse and trim whitespace. normalizeArabic does it in one pass; any text
    // must come out the same.
    const nfkc = (s: string) =>
      /[\u00A0-\u00FF\u2000-\u2FFF\u3000\uFB00-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]/.test(s) ? s.normalize('NFKC') : s;
    const byDefinition = (s: string) =>
      toLatinDigits(
        nfkc(s)
          .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
          .replace(/[أإآٱ]/g, 'ا')
          .replace(/ة/g, 'ه')
          .replace(/[ىئی]/g, 'ي')
          .replace(/ؤ/g, 'و')
          .replace(/ک/g, 'ك'),
      )
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim();
    const pieces = [
      ...'أإآٱةىؤئیکابتمحدAZaz09٠٩۰۹ـًٌَُِّْٰ',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u2009',
      '\u3000',
      '\u200b',
      '\u200f',
      '\u202b',
      '\u2067',
      '\ufeff',
      'ﺃ',
      'ﻻ',
      'Ａ',
      'ﬁ',
      'İ',
      'Σ',
      'Ä',
      '😀',
      '-',
      '.',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme' })), (s) => {
        expect(normalizeArabic(s)).toBe(byDefinition(s));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('matchesSearch', () => {
  it('matches every token regardless of spelling variant', () => {
    expect(matchesSearch('أحمد بن علي الملحم', 'احمد الملحم')).toBe(true);
    expect(matchesSearch('فاطمة الزهراء', 'فاطمه')).toBe(true);
    expect(matchesSearch('مُصْطَفَى', 'مصطفي')).toBe(true);
    expect(matchesSearch('أحمد', 'احمد خالد')).toBe(false);
  });
  it('joins array haystacks and handles digits', () => {
    expect(matchesSearch(['سارة العتيبي', '0551234567'], 'ساره ٠٥٥١٢')).toBe(true);
    expect(matchesSearch(['سارة', 'العتيبي'], 'ة ال')).toBe(true);
  });
  it('empty query matches everything', () => {
    expect(matchesSearch('أي شيء', '')).toBe(true);
    expect(matchesSearch('أي شيء', '   ')).toBe(true);
  });
});

describe('collation', () => {
  it('orders أحمد before بدر before ياسر', () => {
    expect(['ياسر', 'بدر', 'أحمد'].sort(compareArabic)).toEqual(['أحمد', 'بدر', 'ياسر']);
    expect(['ياسر', 'إبراهيم', 'بدر', 'آمنة', 'عبدالله'].sort(arabicCollator.compare)).toEqual([
      'آمنة',
      'إبراهيم',
      'بدر',
      'عبدالله',
      'ياسر',
    ]);
  });
  it('ignores hamza variants, spaces and compares numbers numerically', () => {
    expect(compareArabic('أحمد', 'احمد')).toBe(0);
    expect(compareArabic('عبد الله', 'عبدالله')).toBe(0);
    expect(['قاعة 10', 'قاعة 2'].sort(compareArabic)).toEqual(['قاعة 2', 'قاعة 10']);
  });
});

describe('stripArticle', () => {
  it('removes ال when at least two letters remain', () => {
    expect(stripArticle('الملحم')).toBe('ملحم');
    expect(stripArticle('العتيبي')).toBe('عتيبي');
    expect(stripArticle('الف')).toBe('الف');
    expect(stripArticle('ال')).toBe('ال');
    expect(stripArticle('سالم')).toBe('سالم');
  });
  it('makes family-name sorting ignore the article', () => {
    expect(['الملحم', 'بدر', 'العتيبي'].sort((a, b) => compareArabic(stripArticle(a), stripArticle(b)))).toEqual([
      'بدر',
      'العتيبي',
      'الملحم',
    ]);
  });
});

describe('bidi isolation', () => {
  it('isolate wraps in FSI..PDI', () => {
    expect(isolate('abc')).toBe(`${FSI}abc${PDI}`);
  });

  it('needsIsolation / hasArabic', () => {
    expect(needsIsolation('محمد')).toBe(false);
    expect(needsIsolation('+966 55 123 4567')).toBe(true);
    expect(needsIsolation('a@b.sa')).toBe(true);
    expect(needsIsolation('قاعة ٣')).toBe(true);
    expect(hasArabic('John')).toBe(false);
    expect(hasArabic('John محمد')).toBe(true);
    expect(hasArabic('٠٥٥')).toBe(false); // digits alone are not Arabic text
  });

  it('isolates a phone number inside Arabic', () => {
    expect(isolateLatinRuns('الجوال +966 55 123 4567 للتواصل')).toBe(`الجوال ${LRI}+966 55 123 4567${PDI} للتواصل`);
  });

  it('isolates an e-mail but leaves the sentence full stop outside', () => {
    expect(isolateLatinRuns('راسلونا على info@multaqa.sa.')).toBe(`راسلونا على ${LRI}info@multaqa.sa${PDI}.`);
    expect(isolateLatinRuns('البريد: first.last-2@gov.sa للاستفسار')).toBe(
      `البريد: ${LRI}first.last-2@gov.sa${PDI} للاستفسار`,
    );
  });

  it('isolates each Latin run separately, a bracket closed in it included', () => {
    expect(isolateLatinRuns('يحضر John Smith و Mary (CEO)')).toBe(
      `يحضر ${LRI}John Smith${PDI} و ${LRI}Mary (CEO)${PDI}`,
    );
  });

  it('is idempotent and respects existing isolates', () => {
    const inputs = ['الجوال +966 55 123 4567 للتواصل', 'راسلونا على info@multaqa.sa.', `الاسم ${FSI}John${PDI} و Jane`];
    for (const s of inputs) {
      const once = isolateLatinRuns(s);
      expect(isolateLatinRuns(once)).toBe(once);
    }
    expect(isolateLatinRuns(`الاسم ${FSI}John${PDI} و Jane`)).toBe(`الاسم ${FSI}John${PDI} و ${LRI}Jane${PDI}`);
  });

  it('isolates an English title with its dashes, commas and brackets as one unit, not piece by piece', () => {
    const title = 'Sohar Municipalities Experience Exchange Forum – Muscat, 2nd edition (2019)';
    expect(isolateLatinRuns(`الملتقى  |  ${title}`)).toBe(`الملتقى  |  ${LRI}${title}${PDI}`);
    expect(isolateLatinRuns('برنامج — Forum—Muscat — مسقط')).toBe(`برنامج — ${LRI}Forum—Muscat${PDI} — مسقط`);
    // An Arabic comma or word ends it: two names in an Arabic list stay two units, read from the right.
    expect(isolateLatinRuns('John Smith، Mary Jones و Ali')).toBe(
      `${LRI}John Smith${PDI}، ${LRI}Mary Jones${PDI} و ${LRI}Ali${PDI}`,
    );
  });

  it('keeps a bracket opened outside the run out of it, and numbers alone as numbers', () => {
    expect(isolateLatinRuns('يحضر Mary (CEO')).toBe(`يحضر ${LRI}Mary${PDI} (${LRI}CEO${PDI}`);
    expect(isolateLatinRuns('عن (Smart Cities) اليوم')).toBe(`عن (${LRI}Smart Cities${PDI}) اليوم`);
    // A range of numbers is not one left-to-right unit: a right-to-left line reads it from the right.
    expect(isolateLatinRuns('من 09:00 – 10:30 صباحًا')).toBe(`من ${LRI}09:00${PDI} – ${LRI}10:30${PDI} صباحًا`);
    expect(isolateLatinRuns('الجلسة ٣ – ٤')).toBe(`الجلسة ${LRI}٣${PDI} – ${LRI}٤${PDI}`);
  });

  it('isolates each Arabic stretch inside English text as one unit, with the digits at its end', () => {
    expect(isolateArabicRuns('Venue: قاعة 2، فندق شيراتون, Muscat')).toBe(
      `Venue: ${RLI}قاعة 2، فندق شيراتون${PDI}, Muscat`,
    );
    expect(isolateArabicRuns('Dr. سيف بن ناصر — Director')).toBe(`Dr. ${RLI}سيف بن ناصر${PDI} — Director`);
    expect(isolateArabicRuns('Only English 2019')).toBe('Only English 2019');
    const once = isolateArabicRuns('Hall قاعة عمان and قاعة 3');
    expect(isolateArabicRuns(once)).toBe(once);
  });

  it('leaves text without Arabic letters unchanged', () => {
    expect(isolateLatinRuns('John Smith +966 55')).toBe('John Smith +966 55');
    expect(isolateLatinRuns('')).toBe('');
    expect(isolateLatinRuns('محمد بن سالم')).toBe('محمد بن سالم');
  });
});

describe('parts of a line on screen', () => {
  it('joins Arabic parts with the Arabic comma, in the English UI too, and isolates the line there', () => {
    expect(joinParts(['الرباط', 'المملكة المغربية'], 'ar')).toBe('الرباط، المملكة المغربية');
    expect(joinParts(['الرباط', 'المملكة المغربية'], 'en')).toBe(`${FSI}الرباط، المملكة المغربية${PDI}`);
  });

  it('isolates a part in the other script as a whole, and drops empty parts', () => {
    expect(joinParts(['Hilton Garden Inn', '', 'مسقط'], 'ar')).toBe(`${FSI}Hilton Garden Inn${PDI}، مسقط`);
    expect(joinParts(['Main hall', 'مسقط', ' '], 'en')).toBe(`Main hall, ${FSI}مسقط${PDI}`);
    expect(joinParts(['Rabat', 'Morocco'], 'en')).toBe('Rabat, Morocco');
    expect(joinParts([], 'ar')).toBe('');
  });
});
