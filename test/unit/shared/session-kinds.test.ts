import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BREAK_KINDS,
  CEREMONY_KINDS,
  CHOOSABLE_KINDS,
  PROGRAMME_WIDE_KINDS,
  SESSION_KIND_TRAITS,
  SESSION_KINDS,
  SESSION_TONES,
  sessionSchema,
  takesNoHall,
} from '../../../src/shared/domain/programme';
import { newSession } from '../../../src/shared/domain/programme-edit';
import ar from '../../../src/shared/i18n/ar.json';
import en from '../../../src/shared/i18n/en.json';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = { day: '2026-12-04', start: 600, end: 630 };

describe('the table of session kinds', () => {
  it('derives the same kinds, in the same order, as the lists it replaced', () => {
    expect(SESSION_KINDS).toEqual([
      'registration',
      'opening',
      'keynote',
      'papers',
      'panel',
      'discussion',
      'workshop',
      'coffee_break',
      'prayer_break',
      'lunch',
      'field_visit',
      'side_meeting',
      'closing',
      'honouring',
    ]);
    expect([...BREAK_KINDS]).toEqual(['coffee_break', 'prayer_break', 'lunch']);
    expect([...PROGRAMME_WIDE_KINDS].sort()).toEqual(['coffee_break', 'lunch', 'prayer_break', 'registration']);
    expect([...CEREMONY_KINDS]).toEqual(['opening', 'closing', 'honouring']);
    expect([...CHOOSABLE_KINDS]).toEqual(['workshop', 'field_visit', 'side_meeting']);
    expect(SESSION_KINDS.filter(takesNoHall)).toEqual([
      'registration',
      'coffee_break',
      'prayer_break',
      'lunch',
      'field_visit',
    ]);
  });

  it('holds no kind whose traits contradict each other', () => {
    for (const kind of SESSION_KINDS) {
      const traits = SESSION_KIND_TRAITS[kind];
      // A break stops every hall, so it spans them all; a kind spanning every hall cannot need one.
      if (traits.break) expect(traits.spansEveryHall, kind).toBe(true);
      if (traits.spansEveryHall) expect(traits.hall, kind).toBe('none');
      // Registrants do not sign up for a break or for the registration desk itself.
      if (traits.choosableAtRegistration) expect(traits.spansEveryHall, kind).toBe(false);
    }
  });

  it('names every kind in Arabic and in English', () => {
    for (const kind of SESSION_KINDS) {
      expect(ar.session.kind[kind].trim(), kind).not.toBe('');
      expect(en.session.kind[kind].trim(), kind).not.toBe('');
    }
    expect(Object.keys(ar.session.kind).sort()).toEqual([...SESSION_KINDS].sort());
    expect(Object.keys(en.session.kind).sort()).toEqual([...SESSION_KINDS].sort());
  });

  it('colours every tone but the plain one in the stylesheet, so a new kind needs no CSS', () => {
    const css = readFileSync('src/renderer/src/app/styles.css', 'utf8');
    for (const tone of SESSION_TONES.filter((t) => t !== 'session')) {
      expect(css, tone).toContain(`.session-block[data-tone="${tone}"]`);
    }
    // The colours hang on the tone, never on a kind's own name.
    expect(css).not.toMatch(/\.session-block\.kind-/);
  });

  it('lets the schema take every kind in the table and refuse any other, naming the field', () => {
    for (const kind of SESSION_KINDS) {
      expect(sessionSchema.safeParse(newSession(ID, { ...AT, kind })).success, kind).toBe(true);
    }
    const typo = sessionSchema.safeParse({ ...newSession(ID, AT), kind: 'coffe_break' });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues.map((i) => i.path.join('.'))).toEqual(['kind']);
  });
});
