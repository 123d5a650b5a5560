import { describe, expect, it } from 'vitest';
import { readTypedClock, tidyTypedClock } from '../../../src/renderer/src/lib/typed-clock';

describe('readTypedClock', () => {
  it('reads the 24-hour clock in Latin or Arabic-Indic digits', () => {
    expect(readTypedClock('09:30')).toEqual({ state: 'complete', minutes: 570 });
    expect(readTypedClock('14:05')).toEqual({ state: 'complete', minutes: 845 });
    expect(readTypedClock('٢٣:٥٩')).toEqual({ state: 'complete', minutes: 1439 });
    expect(readTypedClock('0:00')).toEqual({ state: 'complete', minutes: 0 });
  });
  it('waits while a time is being typed, and completes a short one when the box is left', () => {
    for (const text of ['1', '14', '14:', '14:3', '143'])
      expect(readTypedClock(text), text).toEqual({ state: 'partial' });
    expect(readTypedClock('9', true)).toEqual({ state: 'complete', minutes: 540 });
    expect(readTypedClock('930', true)).toEqual({ state: 'complete', minutes: 570 });
    expect(readTypedClock('14:', true)).toEqual({ state: 'complete', minutes: 840 });
    expect(readTypedClock('14:3', true)).toEqual({ state: 'wrong', reason: 'format' });
  });
  it('refuses an impossible hour or minute as it is typed', () => {
    expect(readTypedClock('24')).toEqual({ state: 'wrong', reason: 'hour' });
    expect(readTypedClock('25:00')).toEqual({ state: 'wrong', reason: 'hour' });
    expect(readTypedClock('09:6')).toEqual({ state: 'wrong', reason: 'minute' });
    expect(readTypedClock('09:75')).toEqual({ state: 'wrong', reason: 'minute' });
    expect(readTypedClock('9 AM')).toEqual({ state: 'wrong', reason: 'format' });
    expect(readTypedClock('2500', true)).toEqual({ state: 'wrong', reason: 'hour' });
  });
  it('makes four digits in a row a time', () => {
    expect(tidyTypedClock('0930')).toBe('09:30');
    expect(tidyTypedClock('١٤٣٠')).toBe('14:30');
    expect(tidyTypedClock('930')).toBe('930');
  });
});
