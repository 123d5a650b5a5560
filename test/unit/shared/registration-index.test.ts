import { describe, expect, it } from 'vitest';
import { emptyRegistrationInput, type Registration } from '../../../src/shared/domain/registration';
import {
  countRegistrations,
  familyName,
  RegistrationIndex,
  sortRegistrations,
} from '../../../src/shared/registrations/registration-index';

let n = 0;
function registration(fields: Partial<Registration>): Registration {
  n++;
  return {
    ...emptyRegistrationInput(),
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    code: String(10000 + n),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: '2026-11-21T08:00:00.000Z',
    updatedAt: '2026-11-21T08:00:00.000Z',
    ...fields,
  };
}

const ahmed = registration({
  fullName: 'أحمد بن علي الحارثي',
  organisation: 'بلدية مسقط',
  mobile: '0551234567',
  mobileE164: '+966551234567',
});
const fatima = registration({
  fullName: 'فاطمة الملحم',
  organisation: 'بلدية صحار',
  category: 'media',
  email: 'fatima@sohar.om',
});
const saud = registration({
  fullName: 'فيصل آل سعود',
  fullNameEn: 'Faisal Al Saud',
  category: 'vip',
  checkedInAt: '2026-12-04T06:00:00.000Z',
});
const all = [ahmed, fatima, saud];

describe('RegistrationIndex.search', () => {
  const index = new RegistrationIndex(all);

  it('folds the hamza, ta marbuta and alef maqsura, and needs every word', () => {
    expect(index.search('احمد الحارثى')).toEqual([ahmed]);
    expect(index.search('فاطمه')).toEqual([fatima]);
    expect(index.search('احمد صحار')).toEqual([]);
  });

  it('finds a mobile typed with its trunk 0, with Arabic-Indic digits, or by its badge code', () => {
    expect(index.search('٠٥٥١٢٣٤٥٦٧')).toEqual([ahmed]);
    expect(index.search('966551234567')).toEqual([ahmed]);
    expect(index.byCode(`${ahmed.code}`)).toBe(ahmed);
    expect(index.byCode('٩٩٩٩٩')).toBeUndefined();
  });

  it('filters by category, organisation and check-in', () => {
    expect(index.search('', { category: 'media' })).toEqual([fatima]);
    expect(index.search('', { organisation: 'بلديه مسقط' })).toEqual([ahmed]);
    expect(index.search('', { checkedIn: true })).toEqual([saud]);
  });
});

describe('sorting', () => {
  it('by family name ignores the article ال but keeps آل', () => {
    expect(familyName('أحمد بن علي الحارثي')).toBe('حارثي');
    expect(familyName('فيصل آل سعود')).toBe('آل سعود');
    expect(sortRegistrations(all, 'familyName').map((r) => r.fullName)).toEqual([
      'فيصل آل سعود',
      'أحمد بن علي الحارثي',
      'فاطمة الملحم',
    ]);
  });

  it('puts VIPs first by category, and sorts names in the language shown', () => {
    expect(sortRegistrations(all, 'category')[0]).toBe(saud);
    const zayed = { ...ahmed, fullNameEn: 'Zayed Al-Harthi' };
    expect(sortRegistrations([zayed, saud], 'name', false, 'ar')[0]).toBe(zayed);
    expect(sortRegistrations([zayed, saud], 'name', false, 'en')[0]).toBe(saud);
  });
});

describe('countRegistrations', () => {
  it('counts by category, status and organisation, folding spellings of one organisation', () => {
    const counts = countRegistrations([...all, registration({ fullName: 'سالم', organisation: 'بلديه مسقط' })]);
    expect(counts.total).toBe(4);
    expect(counts.checkedIn).toBe(1);
    expect(counts.byCategory.participant).toBe(2);
    expect(counts.byOrganisation[0]).toMatchObject({ name: 'بلدية مسقط', count: 2 });
  });
});
