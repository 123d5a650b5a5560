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
    expect(readTypedClock('9 XM')).toEqual({ state: 'wrong', reason: 'format' });
    expect(readTypedClock('2500', true)).toEqual({ state: 'wrong', reason: 'hour' });
  });
  it('reads the 12-hour clock with its marker, Arabic or Latin, whichever clock the app shows', () => {
    expect(readTypedClock('2:30 pm')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
    expect(readTypedClock('2:30 PM')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
    expect(readTypedClock('2:30 p.m.')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
    expect(readTypedClock('2:30 م')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
    expect(readTypedClock('٢:٣٠ مساءً')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
    expect(readTypedClock('9:15 ص')).toEqual({ state: 'complete', minutes: 9 * 60 + 15 });
    expect(readTypedClock('9:15 am')).toEqual({ state: 'complete', minutes: 9 * 60 + 15 });
    // Noon and midnight: 12 PM is 12:00, 12 AM is 00:00.
    expect(readTypedClock('12:00 م')).toEqual({ state: 'complete', minutes: 12 * 60 });
    expect(readTypedClock('12:30 am')).toEqual({ state: 'complete', minutes: 30 });
    // An hour alone before the marker, once the box is left.
    expect(readTypedClock('9 PM')).toEqual({ state: 'partial' });
    expect(readTypedClock('9 PM', true)).toEqual({ state: 'complete', minutes: 21 * 60 });
    // The 24-hour clock still reads as it always did.
    expect(readTypedClock('14:30')).toEqual({ state: 'complete', minutes: 14 * 60 + 30 });
  });
  it('refuses an hour outside 1–12 before a marker, and a marker with no time', () => {
    expect(readTypedClock('14:30 م')).toEqual({ state: 'wrong', reason: 'hour12' });
    expect(readTypedClock('0:30 am')).toEqual({ state: 'wrong', reason: 'hour12' });
    expect(readTypedClock('2:75 pm')).toEqual({ state: 'wrong', reason: 'minute' });
    expect(readTypedClock('pm')).toEqual({ state: 'wrong', reason: 'format' });
    expect(readTypedClock('م', true)).toEqual({ state: 'wrong', reason: 'format' });
  });
  it('makes four digits in a row a time', () => {
    expect(tidyTypedClock('0930')).toBe('09:30');
    expect(tidyTypedClock('١٤٣٠')).toBe('14:30');
    expect(tidyTypedClock('930')).toBe('930');
  });
});
