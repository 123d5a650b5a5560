/**
 * A pairing code as a person types it from the coordinator's screen: read
 * before the hub is asked, so a look-alike typed (a 0 for an O) is named and
 * no wrong code counts against the hub's ten.
 */
import { describe, expect, it } from 'vitest';
import { PAIRING_CODE_ALPHABET, readPairingCode } from '../../../src/shared/desks/desk-channels';

describe('readPairingCode', () => {
  it('forgives spaces, dashes and lower case', () => {
    expect(readPairingCode(' abcd-efgh ')).toEqual({ ok: true, code: 'ABCDEFGH' });
    expect(readPairingCode('AB CD\tEF GH')).toEqual({ ok: true, code: 'ABCDEFGH' });
  });

  it('names the look-alikes typed, each once, before counting the length', () => {
    expect(readPairingCode('AB0CD1EO')).toEqual({ ok: false, problem: 'letters', wrong: ['0', '1', 'O'] });
    expect(readPairingCode('ilIL')).toEqual({ ok: false, problem: 'letters', wrong: ['I', 'L'] });
    // Arabic typed by a keyboard left in Arabic: named, not taken for a code.
    expect(readPairingCode('ضصثقفغعه')).toMatchObject({ ok: false, problem: 'letters' });
    for (const lookAlike of '01OIL') expect(PAIRING_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('says how many were typed when the length is wrong, and when nothing was', () => {
    expect(readPairingCode('ABCDEFG')).toEqual({ ok: false, problem: 'length', length: 7 });
    expect(readPairingCode('ABCDEFGHJ')).toEqual({ ok: false, problem: 'length', length: 9 });
    expect(readPairingCode('  - ')).toEqual({ ok: false, problem: 'empty', length: 0 });
  });
});
