import { describe, expect, it } from 'vitest';
import { documentFormatters, joinedList, writtenDay, writtenDays } from '../../../../src/core/export/document-words';
import { DEFAULT_SETTINGS } from '../../../../src/shared/domain/settings';

const arab = { ...DEFAULT_SETTINGS, digits: 'arab' as const };

describe('dates as documents write them', () => {
  it('writes a day with its weekday once and the Hijri suffix joined, as the cover does', () => {
    expect(writtenDay(documentFormatters(arab, 'ar'), '2019-12-04', 'ar')).toBe(
      'الأربعاء ٧ ربيع الآخر ١٤٤١هـ الموافق ٤ ديسمبر ٢٠١٩م',
    );
    expect(writtenDay(documentFormatters(DEFAULT_SETTINGS, 'ar'), '2019-12-04', 'ar')).toBe(
      'الأربعاء 7 ربيع الآخر 1441هـ الموافق 4 ديسمبر 2019م',
    );
    // The cover's range of the same day carries the same suffix.
    const [hijri] = documentFormatters(arab, 'ar').rangeBoth('2019-12-04', '2019-12-04');
    expect(writtenDay(documentFormatters(arab, 'ar'), '2019-12-04', 'ar')).toContain(hijri);
  });

  it('writes the English form in Latin digits whatever the setting, the weekday once', () => {
    const day = writtenDay(documentFormatters(arab, 'en'), '2019-12-04', 'en');
    expect(day).toMatch(/^Wednesday 7 .+ 1441 AH \(4 December 2019\)$/);
    expect(day.match(/Wednesday/g)).toHaveLength(1);
  });

  it('puts the Gregorian calendar first when the user chose it, and a list line has one calendar', () => {
    const gregorianFirst = documentFormatters({ ...DEFAULT_SETTINGS, primaryCalendar: 'gregorian' }, 'ar');
    expect(writtenDay(gregorianFirst, '2019-12-04', 'ar')).toBe('الأربعاء 4 ديسمبر 2019م الموافق 7 ربيع الآخر 1441هـ');
    expect(writtenDay(documentFormatters(DEFAULT_SETTINGS, 'ar'), '2019-12-04', 'ar', 'first')).toBe(
      'الأربعاء 7 ربيع الآخر 1441هـ',
    );
    expect(writtenDays(documentFormatters(DEFAULT_SETTINGS, 'en'), '2026-12-04', '2026-12-05', 'en')).toBe(
      '24–25 Jumada II 1448 AH (4–5 December 2026)',
    );
  });
});

describe('lists joined as each language joins them', () => {
  it('joins Arabic with و on the next word, never standing alone', () => {
    expect(joinedList(['بلدية مسقط', 'بلدية صحار'], 'ar')).toBe('بلدية مسقط وبلدية صحار');
    expect(joinedList(['بلدية مسقط', 'بلدية صحار', 'بلدية صلالة'], 'ar')).toBe('بلدية مسقط وبلدية صحار وبلدية صلالة');
    expect(joinedList(['بلدية مسقط'], 'ar')).toBe('بلدية مسقط');
    expect(joinedList([], 'ar')).toBe('');
  });

  it('keeps a space after و before a name that is not Arabic, and skips blank entries', () => {
    expect(joinedList(['بلدية مسقط', 'UN-Habitat', '  '], 'ar')).toBe('بلدية مسقط و UN-Habitat');
  });

  it('joins English with commas and a final "and"', () => {
    expect(joinedList(['Muscat Municipality', 'Sohar Municipality'], 'en')).toBe(
      'Muscat Municipality and Sohar Municipality',
    );
    expect(joinedList(['A', 'B', 'C'], 'en')).toBe('A, B and C');
  });
});
