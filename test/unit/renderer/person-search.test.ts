import { describe, expect, it } from 'vitest';
import { matchPerson, rankPeople } from '../../../src/renderer/src/lib/people-text';
import { emptyPersonInput, type Organisation, type Person } from '../../../src/shared/domain/person';

let n = 0;
const person = (fields: Partial<Person>): Person => ({
  ...emptyPersonInput(),
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  photo: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

const AHMAD = person({ nameAr: 'أحمد الزهراني', positionAr: 'أمين المنطقة الشرقية' });
const RUQAYYA = person({ nameAr: 'رُقَيَّة بنت سالم الحارثية', nameEn: 'Ruqayya Al-Harthi' });
const SALIM = person({ nameAr: 'سالم الرقيات', positionAr: 'مدير بلدية صحار' });
const HUDA = person({ nameAr: 'هدى الشمري', email: 'huda@baladiya.sa' });
const PEOPLE = [AHMAD, RUQAYYA, SALIM, HUDA];
const noOrganisation = (): Organisation | undefined => undefined;
const names = (query: string) => rankPeople(PEOPLE, query, noOrganisation, 'ar').map((r) => r.person.nameAr);

describe('person search ranks by the best match on the name', () => {
  it('puts the start of a name part before a word elsewhere («رقية» is not «الشرقية»)', () => {
    expect(names('رقية')).toEqual(['رُقَيَّة بنت سالم الحارثية', 'أحمد الزهراني']);
    expect(matchPerson(AHMAD, 'رقية')).toMatchObject({ tier: 3, field: 'position' });
  });
  it('counts a name part after the definite article as a start', () => {
    expect(matchPerson(RUQAYYA, 'حارث')).toMatchObject({ tier: 0, field: 'name' });
    expect(matchPerson(SALIM, 'رقي')).toMatchObject({ tier: 0 });
  });
  it('ranks inside a name, then a word of another field, then anywhere', () => {
    expect(matchPerson(RUQAYYA, 'ثية')).toMatchObject({ tier: 1, field: 'name' });
    expect(matchPerson(SALIM, 'بلدية')).toMatchObject({ tier: 2, field: 'position', text: 'مدير بلدية صحار' });
    expect(matchPerson(HUDA, 'baladiya')).toMatchObject({ tier: 3, field: 'email' });
    expect(names('سالم')).toEqual(['رُقَيَّة بنت سالم الحارثية', 'سالم الرقيات']);
  });
  it('needs every word of the query, in any field, and marks the match in the stored text', () => {
    expect(matchPerson(RUQAYYA, 'سالم رقية')).toMatchObject({ tier: 0 });
    expect(matchPerson(RUQAYYA, 'رقية صحار')).toBeNull();
    // The mark covers the diacritics of «رُقَيَّة» too.
    const match = matchPerson(RUQAYYA, 'رقيه');
    expect(match && RUQAYYA.nameAr.slice(match.start, match.start + match.length)).toBe('رُقَيَّة');
    expect(matchPerson(RUQAYYA, 'ruq')).toMatchObject({ tier: 0, text: 'Ruqayya Al-Harthi', start: 0, length: 3 });
  });
  it('lists everyone by name when nothing is typed', () => {
    expect(rankPeople(PEOPLE, '  ', noOrganisation, 'ar').every((r) => r.match === null)).toBe(true);
    expect(names('')).toHaveLength(4);
  });
});
