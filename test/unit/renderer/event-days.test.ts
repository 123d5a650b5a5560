import { describe, expect, it } from 'vitest';
import { eventLength, lastDayAfterMove } from '../../../src/renderer/src/lib/event-days';

describe('eventLength', () => {
  it('counts both ends', () => {
    expect(eventLength('2015-08-05', '2015-08-05')).toBe(1);
    expect(eventLength('2026-12-04', '2026-12-05')).toBe(2);
    expect(eventLength('2026-02-27', '2026-03-02')).toBe(4);
  });
  it('is 0 for days that are not a span', () => {
    expect(eventLength('2015-08-05', '2015-08-04')).toBe(0);
    expect(eventLength('40720-07-04', '2015-08-04')).toBe(0);
  });
});

describe('lastDayAfterMove', () => {
  it('keeps the length when the first day moves, across months and years', () => {
    // A one-day visit whose first day was typed in Hijri 12/03/1443: still one day, not 1,875.
    expect(lastDayAfterMove('2026-12-01', '2026-12-01', '2021-10-18')).toBe('2021-10-18');
    expect(lastDayAfterMove('2026-12-04', '2026-12-05', '2026-12-31')).toBe('2027-01-01');
    expect(lastDayAfterMove('2024-02-27', '2024-03-01', '2025-02-27')).toBe('2025-03-02');
    expect(lastDayAfterMove('2015-08-05', '2015-08-07', '2015-08-01')).toBe('2015-08-03');
  });
  it('makes a one-day event when the last day was before the first', () => {
    expect(lastDayAfterMove('2015-08-05', '2015-08-04', '2015-09-01')).toBe('2015-09-01');
  });
});
