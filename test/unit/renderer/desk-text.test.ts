/**
 * What the door page reads out: a pairing code's time left (never below
 * zero, in the user's digits), when a desk was last seen (in the app's
 * language), the code grouped as it is read aloud, and desk names in a label
 * and inside a sentence.
 */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { agoText, countdownText, deskLabel, spacedCode } from '../../../src/renderer/src/features/desks/desk-text';
import { makeFormatters } from '../../../src/shared/calendar/formatters';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings';
import ar from '../../../src/shared/i18n/ar.json';
import en from '../../../src/shared/i18n/en.json';

const NOW = Date.parse('2026-12-04T06:30:00.000Z');
const secondsAgo = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

/** t over one language's hub.desks texts, as i18next fills {{n}}. */
const tOf = (words: object) =>
  ((key: string, values?: { n?: string }) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], words);
    return String(text).replace('{{n}}', values?.n ?? '');
  }) as unknown as TFunction;

describe('door page texts', () => {
  it('counts a code down in minutes and seconds, in the user digits, and stops at zero', () => {
    expect(countdownText(9 * 60_000 + 5_000, { language: 'en', digits: 'latn' })).toBe('9:05');
    expect(countdownText(9 * 60_000 + 4_001, { language: 'en', digits: 'latn' })).toBe('9:05');
    expect(countdownText(10 * 60_000, { language: 'ar', digits: 'arab' })).toBe('١٠:٠٠');
    expect(countdownText(-3_000, { language: 'ar', digits: 'latn' })).toBe('0:00');
  });

  it('says when a desk was last seen in the app language, now for a clock a little ahead', () => {
    expect(agoText(secondsAgo(12), NOW, { language: 'en', digits: 'latn' })).toBe('12 seconds ago');
    expect(agoText(secondsAgo(12), NOW, { language: 'ar', digits: 'arab' })).toBe('قبل ١٢ ثانية');
    expect(agoText(secondsAgo(0), NOW, { language: 'en', digits: 'latn' })).toBe('now');
    // The hub's clock read a moment after the answer was made: never "in 2 seconds".
    expect(agoText(secondsAgo(-2), NOW, { language: 'en', digits: 'latn' })).toBe('now');
    expect(agoText(secondsAgo(5 * 60), NOW, { language: 'en', digits: 'latn' })).toBe('5 minutes ago');
    expect(agoText(secondsAgo(3 * 3600), NOW, { language: 'ar', digits: 'latn' })).toBe('قبل 3 ساعات');
  });

  it('groups the code in fours, as it is read aloud and typed', () => {
    expect(spacedCode('K7QMXP3D')).toBe('K7QM XP3D');
    expect(spacedCode('ABCD')).toBe('ABCD');
  });

  it('names the hub desk 0, a desk by its number, and one the forum no longer knows, in labels and sentences', () => {
    const fmtAr = makeFormatters({ ...DEFAULT_SETTINGS, language: 'ar', digits: 'arab' });
    const fmtEn = makeFormatters({ ...DEFAULT_SETTINGS, language: 'en', digits: 'latn' });
    expect(deskLabel(0, tOf(ar), fmtAr)).toBe('الحاسوب الرئيسي');
    expect(deskLabel(2, tOf(ar), fmtAr)).toBe('المكتب ٢');
    expect(deskLabel(null, tOf(ar), fmtAr)).toBe('مكتب غير معروف');
    expect(deskLabel(0, tOf(en), fmtEn)).toBe('The hub');
    expect(deskLabel(0, tOf(en), fmtEn, true)).toBe('the hub');
    expect(deskLabel(2, tOf(en), fmtEn, true)).toBe('desk 2');
    expect(deskLabel(null, tOf(en), fmtEn, true)).toBe('an unknown desk');
  });
});
