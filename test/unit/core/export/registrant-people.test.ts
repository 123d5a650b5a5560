import { describe, expect, it } from 'vitest';
import {
  organisationsInEnglish,
  RegistrantPeople,
  registrantInEnglish,
} from '../../../../src/core/export/registrant-people';
import type { Person } from '../../../../src/shared/domain/person';
import type { Registration } from '../../../../src/shared/domain/registration';
import { PERSON, seedDirectory, seedRegistrations } from './seed-002-input';

const registrant = (n: number) => seedRegistrations[n] as Registration;
const personOf = (id: string) => seedDirectory.people.find((p) => p.id === id) as Person;

describe('which person of the directory a registrant is', () => {
  it('finds them by e-mail, by the Arabic name with spelling variants folded, or by the English name', () => {
    const people = new RegistrantPeople(seedRegistrations, seedDirectory);
    expect(people.personOf(registrant(1))?.id).toBe(PERSON.hosny); // the same e-mail
    expect(people.registrationOf(PERSON.kim)).toBe(registrant(3)); // the same Arabic name
    expect(people.registrationOf(PERSON.lee)).toBe(registrant(4)); // the English name only
    expect(people.registrationOf(PERSON.salim)).toBeUndefined(); // not registered
    const variant = { ...registrant(2), fullName: 'فاطمه بنت علي البلوشيه' };
    expect(new RegistrantPeople([variant], seedDirectory).personOf(variant)?.id).toBe(PERSON.fatma);
  });

  it('does not guess when two people of the directory share a name', () => {
    const twin: Person = { ...personOf(PERSON.kim), id: '00000000-0000-4000-8000-000000000799' };
    const people = new RegistrantPeople(seedRegistrations, { people: [...seedDirectory.people, twin] });
    expect(people.personOf(registrant(3))).toBeUndefined();
    expect(people.registrationOf(PERSON.kim)).toBeUndefined();
  });

  it('gives an English list the directory’s English where the registration holds only Arabic', () => {
    const people = new RegistrantPeople(seedRegistrations, seedDirectory);
    const english = organisationsInEnglish(seedDirectory);
    const fatma = registrantInEnglish(registrant(2), people.personOf(registrant(2)), english);
    expect(fatma).toMatchObject({
      fullName: 'فاطمة بنت علي البلوشية',
      fullNameEn: 'Fatma bint Ali Al Balushi',
      position: 'Head of Digital Services',
      organisation: 'Sohar Municipality',
    });
    // What is already in English, or has nothing in the directory, stays as typed, and the record is not copied.
    expect(registrantInEnglish(registrant(4), people.personOf(registrant(4)), english)).toBe(registrant(4));
    const journalist = registrantInEnglish(registrant(9), people.personOf(registrant(9)), english);
    expect(journalist).toBe(registrant(9));
    expect(journalist.organisation).toBe('جريدة عمان');
  });
});
