import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  eachDay,
  formatDateRange,
  formatGregorian,
  formatHijri,
  gregorianToHijri,
  type HijriDate,
  hijriMonthLength,
  hijriToGregorian,
  isIsoDate,
  parseTypedDate,
  todayIso,
  weekdayName,
} from '../../../src/shared/calendar/hijri';

/** hijriToGregorian for days known to exist. */
function toIso(h: HijriDate): string {
  const iso = hijriToGregorian(h);
  if (iso === null) throw new Error(`no such Hijri day ${JSON.stringify(h)}`);
  return iso;
}

/*
 * Reference facts. Verified against Intl 'en-u-ca-islamic-umalqura' on Node 20.20 /
 * ICU 78.2 (node -e "new Intl.DateTimeFormat('en-u-ca-islamic-umalqura',{timeZone:'UTC'})
 * .format(new Date('2026-02-18'))" -> "9/1/1447 AH"), and they agree with the published
 * Umm al-Qura calendar:
 *   Wed 20 Shawwal 1436   = 2015-08-05
 *   1 Muharram 1447       = 2025-06-26 (so 29 Dhu al-Hijjah 1446 = 2025-06-25)
 *   1 Ramadan 1447        = 2026-02-18
 *   Ramadan 1446 had 29 days (Eid al-Fitr 1 Shawwal 1446 = 2025-03-30)
 *   Dhu al-Hijjah 1446 had 29 days; 1 Muharram 1448 = 2026-06-16
 */

describe('isIsoDate', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2015-08-05')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2015-04-31')).toBe(false);
    expect(isIsoDate('2015-13-01')).toBe(false);
    expect(isIsoDate('2015-8-5')).toBe(false);
    expect(isIsoDate('2015-08-05T00:00')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
  it('handles years below 100 (Date.UTC would map them to 19xx)', () => {
    expect(isIsoDate('0622-07-19')).toBe(true);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});

describe('gregorianToHijri / hijriToGregorian', () => {
  const facts: [string, number, number, number][] = [
    ['2015-08-05', 1436, 10, 20],
    ['2025-06-25', 1446, 12, 29],
    ['2025-06-26', 1447, 1, 1],
    ['2026-02-18', 1447, 9, 1],
    ['2025-03-30', 1446, 10, 1],
    ['2026-06-16', 1448, 1, 1],
  ];
  it.each(facts)('%s = %i/%i/%i AH both ways', (iso, year, month, day) => {
    expect(gregorianToHijri(iso)).toEqual({ year, month, day });
    expect(hijriToGregorian({ year, month, day })).toBe(iso);
  });

  it('crosses the Hijri year boundary 1446 -> 1447 by one day', () => {
    expect(daysBetween(toIso({ year: 1446, month: 12, day: 29 }), '2025-06-26')).toBe(1);
    expect(gregorianToHijri(addDays('2025-06-26', -1))).toEqual({ year: 1446, month: 12, day: 29 });
  });

  it('returns null for Hijri days that do not exist', () => {
    expect(hijriToGregorian({ year: 1446, month: 9, day: 30 })).toBeNull(); // 29-day Ramadan
    expect(hijriToGregorian({ year: 1446, month: 12, day: 30 })).toBeNull();
    expect(hijriToGregorian({ year: 1436, month: 13, day: 1 })).toBeNull();
    expect(hijriToGregorian({ year: 1436, month: 0, day: 1 })).toBeNull();
    expect(hijriToGregorian({ year: 1436, month: 10, day: 0 })).toBeNull();
    expect(hijriToGregorian({ year: 1436, month: 10, day: 31 })).toBeNull();
    expect(hijriToGregorian({ year: 1436, month: 10, day: 1.5 })).toBeNull();
    expect(hijriToGregorian({ year: 0, month: 1, day: 1 })).toBeNull();
  });

  it('does not use plain "islamic", which is a day off on about half of the days', () => {
    const plain = new Intl.DateTimeFormat('en-u-ca-islamic-nu-latn', { timeZone: 'UTC' });
    expect(plain.format(new Date('2015-02-19'))).toBe('5/1/1436 AH');
    expect(gregorianToHijri('2015-02-19')).toEqual({ year: 1436, month: 4, day: 30 });
  });

  it('round-trips every day 2015-01-01 .. 2030-12-31', () => {
    let bad = 0;
    let days = 0;
    let prev = gregorianToHijri('2014-12-31');
    for (let iso = '2015-01-01'; iso <= '2030-12-31'; iso = addDays(iso, 1)) {
      const h = gregorianToHijri(iso);
      if (hijriToGregorian(h) !== iso) bad++;
      // consecutive: next day of the month, or day 1 after a 29/30-day month
      const next =
        h.day === prev.day + 1 && h.month === prev.month
          ? true
          : h.day === 1 && prev.day >= 29 && (h.month === prev.month + 1 || (h.month === 1 && prev.month === 12));
      if (!next) bad++;
      prev = h;
      days++;
    }
    expect(days).toBe(5844);
    expect(bad).toBe(0);
  });
});

describe('hijriMonthLength', () => {
  it('knows 29- and 30-day months', () => {
    expect(hijriMonthLength(1446, 9)).toBe(29);
    expect(hijriMonthLength(1447, 9)).toBe(30);
    expect(hijriMonthLength(1436, 10)).toBe(30);
    expect(hijriMonthLength(1446, 12)).toBe(29);
  });
  it('sums to a 354 or 355-day year', () => {
    for (const year of [1436, 1446, 1447, 1450]) {
      let total = 0;
      for (let m = 1; m <= 12; m++) total += hijriMonthLength(year, m);
      expect([354, 355]).toContain(total);
      expect(total).toBe(daysBetween(toIso({ year, month: 1, day: 1 }), toIso({ year: year + 1, month: 1, day: 1 })));
    }
  });
  it('rejects month 13', () => {
    expect(() => hijriMonthLength(1436, 13)).toThrow(RangeError);
  });
});

describe('formatHijri', () => {
  const iso = '2015-08-05';
  it('Arabic long with Arabic-Indic and Latin digits', () => {
    expect(formatHijri(iso, { lang: 'ar', digits: 'arab' })).toBe('الأربعاء ٢٠ شوال ١٤٣٦ هـ');
    expect(formatHijri(iso, { lang: 'ar', digits: 'latn', style: 'long' })).toBe('الأربعاء 20 شوال 1436 هـ');
  });
  it('Arabic numeric, padded', () => {
    expect(formatHijri(iso, { lang: 'ar', digits: 'latn', style: 'numeric' })).toBe('20/10/1436هـ');
    expect(formatHijri(iso, { lang: 'ar', digits: 'arab', style: 'numeric' })).toBe('٢٠/١٠/١٤٣٦هـ');
    expect(formatHijri('2026-02-18', { lang: 'ar', digits: 'latn', style: 'numeric' })).toBe('01/09/1447هـ');
  });
  it('English', () => {
    expect(formatHijri(iso, { lang: 'en', digits: 'latn' })).toBe('Wednesday 20 Shawwal 1436 AH');
    expect(formatHijri(iso, { lang: 'en', digits: 'latn', style: 'numeric' })).toBe('20/10/1436 AH');
  });
  it('Arabic month names', () => {
    expect(formatHijri('2026-02-18', { lang: 'ar', digits: 'latn' })).toBe('الأربعاء 1 رمضان 1447 هـ');
    expect(formatHijri('2025-06-26', { lang: 'ar', digits: 'latn' })).toBe('الخميس 1 محرم 1447 هـ');
    expect(formatHijri('2025-12-04', { lang: 'ar', digits: 'latn' })).toBe('الخميس 13 جمادى الآخرة 1447 هـ');
  });
});

describe('formatGregorian', () => {
  const iso = '2015-08-05';
  it('Arabic long, Gulf and Levantine month names, both digit sets', () => {
    expect(formatGregorian(iso, { lang: 'ar', digits: 'arab' })).toBe('الأربعاء ٥ أغسطس ٢٠١٥م');
    expect(formatGregorian(iso, { lang: 'ar', digits: 'latn', monthNames: 'gulf' })).toBe('الأربعاء 5 أغسطس 2015م');
    expect(formatGregorian(iso, { lang: 'ar', digits: 'arab', monthNames: 'levant' })).toBe('الأربعاء ٥ آب ٢٠١٥م');
    expect(formatGregorian('2025-12-04', { lang: 'ar', digits: 'latn', monthNames: 'levant' })).toBe(
      'الخميس 4 كانون الأول 2025م',
    );
    expect(formatGregorian('2025-12-04', { lang: 'ar', digits: 'latn' })).toBe('الخميس 4 ديسمبر 2025م');
  });
  it('numeric', () => {
    expect(formatGregorian(iso, { lang: 'ar', digits: 'latn', style: 'numeric' })).toBe('05/08/2015م');
    expect(formatGregorian(iso, { lang: 'ar', digits: 'arab', style: 'numeric' })).toBe('٠٥/٠٨/٢٠١٥م');
    expect(formatGregorian(iso, { lang: 'en', digits: 'latn', style: 'numeric' })).toBe('05/08/2015');
  });
  it('English ignores the Levantine setting', () => {
    expect(formatGregorian(iso, { lang: 'en', digits: 'latn' })).toBe('Wednesday 5 August 2015');
    expect(formatGregorian(iso, { lang: 'en', digits: 'latn', monthNames: 'levant' })).toBe('Wednesday 5 August 2015');
  });
  it('all 12 Levantine names', () => {
    const names = Array.from({ length: 12 }, (_, i) =>
      formatGregorian(`2025-${String(i + 1).padStart(2, '0')}-01`, { lang: 'ar', digits: 'latn', monthNames: 'levant' })
        .replace(/^\S+ 1 /, '')
        .replace(/ 2025م$/, ''),
    );
    expect(names).toEqual([
      'كانون الثاني',
      'شباط',
      'آذار',
      'نيسان',
      'أيار',
      'حزيران',
      'تموز',
      'آب',
      'أيلول',
      'تشرين الأول',
      'تشرين الثاني',
      'كانون الأول',
    ]);
  });
  it('throws on a non-ISO day', () => {
    expect(() => formatGregorian('2015-04-31', { lang: 'ar', digits: 'latn' })).toThrow(RangeError);
  });
});

describe('formatDateRange', () => {
  const ar = { lang: 'ar', digits: 'latn' } as const;
  it('same month, compact', () => {
    expect(formatDateRange('2025-12-04', '2025-12-05', 'gregorian', ar)).toBe('4–5 ديسمبر 2025م');
    expect(formatDateRange('2025-12-04', '2025-12-05', 'hijri', ar)).toBe('13–14 جمادى الآخرة 1447هـ');
    expect(formatDateRange('2025-12-04', '2025-12-05', 'gregorian', { ...ar, monthNames: 'levant' })).toBe(
      '4–5 كانون الأول 2025م',
    );
    expect(formatDateRange('2025-12-04', '2025-12-05', 'gregorian', { lang: 'ar', digits: 'arab' })).toBe(
      '٤–٥ ديسمبر ٢٠٢٥م',
    );
  });
  it('single day', () => {
    expect(formatDateRange('2025-12-04', '2025-12-04', 'gregorian', ar)).toBe('4 ديسمبر 2025م');
    expect(formatDateRange('2025-12-04', '2025-12-04', 'hijri', { lang: 'en', digits: 'latn' })).toBe(
      '13 Jumada II 1447 AH',
    );
  });
  it('across months and years: both ends in full', () => {
    expect(formatDateRange('2025-11-30', '2025-12-02', 'gregorian', ar)).toBe('30 نوفمبر 2025م – 2 ديسمبر 2025م');
    expect(formatDateRange('2025-06-25', '2025-06-26', 'hijri', ar)).toBe('29 ذو الحجة 1446هـ – 1 محرم 1447هـ');
    expect(formatDateRange('2025-12-31', '2026-01-01', 'gregorian', { lang: 'en', digits: 'latn' })).toBe(
      '31 December 2025 – 1 January 2026',
    );
  });
  it('same Gregorian month may still span two Hijri months', () => {
    // 2025-12-20 = 29 Jumada II 1447, 2025-12-21 = 1 Rajab 1447
    expect(formatDateRange('2025-12-20', '2025-12-21', 'gregorian', ar)).toBe('20–21 ديسمبر 2025م');
    expect(formatDateRange('2025-12-20', '2025-12-21', 'hijri', ar)).toBe('29 جمادى الآخرة 1447هـ – 1 رجب 1447هـ');
  });
  it('swaps reversed ends', () => {
    expect(formatDateRange('2025-12-05', '2025-12-04', 'gregorian', ar)).toBe('4–5 ديسمبر 2025م');
  });
});

describe('parseTypedDate', () => {
  const ok = (iso: string) => ({ ok: true, iso });
  const format = { ok: false, reason: 'format' };
  const nonexistent = { ok: false, reason: 'nonexistent' };

  it('Hijri in the usual shapes', () => {
    for (const text of [
      '20/10/1436',
      '20-10-1436',
      '20.10.1436',
      '1436/10/20',
      '1436-10-20',
      ' 20 / 10 / 1436 ',
      '٢٠/١٠/١٤٣٦',
      '٢٠/١٠/١٤٣٦هـ',
      '٢٠/١٠/١٤٣٦ هـ',
      '20/10/1436 ه',
      '20/10/1436 AH',
      '20/10/1436ah',
      '۲۰/۱۰/۱۴۳۶', // Persian digits
      '\u200F٢٠/١٠/١٤٣٦\u200F', // RLM pasted from a document
    ]) {
      expect(parseTypedDate(text, 'hijri'), text).toEqual(ok('2015-08-05'));
    }
    expect(parseTypedDate('1/9/1447', 'hijri')).toEqual(ok('2026-02-18'));
  });

  it('Gregorian in the usual shapes', () => {
    for (const text of ['5/8/2015', '05/08/2015', '2015-08-05', '2015/8/5', '5-8-2015', '٥/٨/٢٠١٥م', '5/8/2015 م']) {
      expect(parseTypedDate(text, 'gregorian'), text).toEqual(ok('2015-08-05'));
    }
  });

  it('nonexistent days', () => {
    expect(parseTypedDate('31/4/2015', 'gregorian')).toEqual(nonexistent);
    expect(parseTypedDate('29/2/2024', 'gregorian')).toEqual(ok('2024-02-29'));
    expect(parseTypedDate('29/2/2025', 'gregorian')).toEqual(nonexistent);
    expect(parseTypedDate('1/13/2015', 'gregorian')).toEqual(nonexistent);
    expect(parseTypedDate('0/1/2015', 'gregorian')).toEqual(nonexistent);
    expect(parseTypedDate('30/9/1446', 'hijri')).toEqual(nonexistent); // Ramadan 1446: 29 days
    expect(parseTypedDate('30/9/1447', 'hijri')).toEqual(ok('2026-03-19')); // Ramadan 1447: 30 days
    expect(parseTypedDate('1/13/1436', 'hijri')).toEqual(nonexistent);
    expect(parseTypedDate('31/1/1447', 'hijri')).toEqual(nonexistent);
  });

  it('malformed input', () => {
    for (const text of [
      '',
      'غدا',
      '20/10',
      '20/10/36',
      '20/10-1436',
      '123/10/1436',
      '1436/10/1436',
      '20//10/1436',
      '2015-08-05T10:00',
    ]) {
      expect(parseTypedDate(text, 'hijri'), text).toEqual(format);
    }
  });

  it('rejects the other calendar\u2019s era suffix', () => {
    expect(parseTypedDate('20/10/1436م', 'hijri')).toEqual(format);
    expect(parseTypedDate('5/8/2015هـ', 'gregorian')).toEqual(format);
  });
});

describe('day arithmetic', () => {
  it('weekdayName', () => {
    expect(weekdayName('2015-08-05', 'ar')).toBe('الأربعاء');
    expect(weekdayName('2015-08-05', 'en')).toBe('Wednesday');
    expect(weekdayName('2025-12-05', 'ar')).toBe('الجمعة');
  });
  it('addDays across month, leap day and year', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31'); // DST weekend in Europe: irrelevant in UTC
  });
  it('daysBetween is b - a', () => {
    expect(daysBetween('2025-06-25', '2025-06-26')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-01-01')).toBe(-365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('eachDay is inclusive', () => {
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(eachDay('2025-12-04', '2025-12-04')).toEqual(['2025-12-04']);
    expect(eachDay('2025-12-05', '2025-12-04')).toEqual([]);
  });
  it('todayIso is the local wall-clock day', () => {
    expect(todayIso(new Date(2025, 11, 31, 23, 59))).toBe('2025-12-31');
    expect(todayIso(new Date(2026, 0, 1, 0, 1))).toBe('2026-01-01');
    expect(isIsoDate(todayIso())).toBe(true);
  });
});
