import { describe, expect, it } from 'vitest';
import { readTypedDay, tidyTypedDay } from '../../../src/renderer/src/lib/typed-date';

describe('tidyTypedDay', () => {
  it('reads eight digits in a row as day, month, year', () => {
    expect(tidyTypedDay('04072018')).toBe('04/07/2018');
    // Typed over the selected year of a box that already held a day.
    expect(tidyTypedDay('05/08/04072018')).toBe('04/07/2018');
    expect(tidyTypedDay('٢١٠٧١٤٣٩')).toBe('21/07/1439');
  });
  it('reads year first only when day first cannot be a day', () => {
    expect(tidyTypedDay('20180704')).toBe('04/07/2018');
  });
  it('leaves anything else as typed', () => {
    expect(tidyTypedDay('4/7/2018')).toBe('4/7/2018');
    expect(tidyTypedDay('0407201')).toBe('0407201');
  });
});

describe('readTypedDay', () => {
  it('completes a day typed day/month/year in either calendar, with any separator or digits', () => {
    expect(readTypedDay('04/07/2018', 'gregorian')).toEqual({ state: 'complete', iso: '2018-07-04' });
    expect(readTypedDay('4-7-2018', 'gregorian')).toEqual({ state: 'complete', iso: '2018-07-04' });
    expect(readTypedDay('٢٠/١٠/١٤٣٦هـ', 'hijri')).toEqual({ state: 'complete', iso: '2015-08-05' });
    expect(readTypedDay('2015-08-05', 'gregorian')).toEqual({ state: 'complete', iso: '2015-08-05' });
  });
  it('waits while a day is still being typed', () => {
    for (const text of ['0', '04', '04/', '04/07', '04/07/', '04/07/20', '04/07/201', '2015-08-0'])
      expect(readTypedDay(text, 'gregorian'), text).toEqual({ state: 'partial' });
    expect(readTypedDay('', 'gregorian')).toEqual({ state: 'empty' });
  });
  it('refuses an impossible part the moment it is typed', () => {
    expect(readTypedDay('32', 'gregorian')).toEqual({ state: 'wrong', reason: 'day' });
    expect(readTypedDay('30', 'hijri')).toEqual({ state: 'partial' });
    expect(readTypedDay('31', 'hijri')).toEqual({ state: 'wrong', reason: 'day' });
    expect(readTypedDay('04/13', 'gregorian')).toEqual({ state: 'wrong', reason: 'month' });
    expect(readTypedDay('04/07/40720', 'gregorian')).toEqual({ state: 'wrong', reason: 'year' });
    expect(readTypedDay('04/07/3018', 'gregorian')).toEqual({ state: 'wrong', reason: 'range' });
    expect(readTypedDay('04/07/2018', 'hijri')).toEqual({ state: 'wrong', reason: 'range' });
    expect(readTypedDay('4 July', 'gregorian')).toEqual({ state: 'wrong', reason: 'format' });
    expect(readTypedDay('1/2/3/4', 'gregorian')).toEqual({ state: 'wrong', reason: 'format' });
  });
  it('refuses a day that does not exist, and a short one once the box is left', () => {
    expect(readTypedDay('31/04/2015', 'gregorian')).toEqual({ state: 'wrong', reason: 'nonexistent' });
    expect(readTypedDay('29/02/2015', 'gregorian')).toEqual({ state: 'wrong', reason: 'nonexistent' });
    expect(readTypedDay('00/04/2015', 'gregorian')).toEqual({ state: 'wrong', reason: 'day' });
    expect(readTypedDay('04/07/201', 'gregorian', true)).toEqual({ state: 'wrong', reason: 'format' });
    expect(readTypedDay('2015-8-5', 'gregorian', true)).toEqual({ state: 'complete', iso: '2015-08-05' });
  });
});
