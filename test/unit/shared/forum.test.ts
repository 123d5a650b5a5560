import { describe, expect, it } from 'vitest';
import { emptyForumInput, type Forum, forumInputSchema } from '../../../src/shared/domain/forum';
import { filterForums, orderForHome } from '../../../src/shared/domain/forum-order';

function forum(overrides: Partial<Forum>): Forum {
  return {
    ...emptyForumInput('2026-01-01'),
    id: crypto.randomUUID(),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    titleAr: 'فعالية',
    ...overrides,
  };
}

describe('forum input rules', () => {
  const valid = { ...emptyForumInput('2026-12-04'), titleAr: 'الملتقى الثاني', lastDay: '2026-12-05' };

  it('accepts a forum with an Arabic or only an English title', () => {
    expect(forumInputSchema.safeParse(valid).success).toBe(true);
    expect(forumInputSchema.safeParse({ ...valid, titleAr: '', titleEn: 'Annual meeting' }).success).toBe(true);
  });

  it.each([
    ['no title at all', { titleAr: '  ', titleEn: '' }, 'titleAr', 'errors.titleRequired'],
    [
      'last day before first day',
      { firstDay: '2026-12-05', lastDay: '2026-12-04' },
      'lastDay',
      'errors.lastBeforeFirst',
    ],
    ['an impossible day', { firstDay: '2026-02-30' }, 'firstDay', 'errors.dateInvalid'],
    ['a title of 301 letters', { titleAr: 'م'.repeat(301) }, 'titleAr', 'errors.tooLong'],
  ])('refuses %s with a message key on the field', (_name, change, field, message) => {
    const result = forumInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.path[0] === field && i.message === message)).toBe(true);
  });

  it('refuses a negative or fractional attendance and unknown kinds or statuses', () => {
    for (const change of [
      { expectedAttendance: -1 },
      { expectedAttendance: 2.5 },
      { kind: 'party' },
      { status: 'archived' },
      { objectives: [''] },
    ]) {
      expect(forumInputSchema.safeParse({ ...valid, ...change }).success, JSON.stringify(change)).toBe(false);
    }
  });

  it('trims what is typed', () => {
    expect(forumInputSchema.parse({ ...valid, slogan: '  حلول مبتكرة  ' }).slogan).toBe('حلول مبتكرة');
  });
});

describe('home screen order', () => {
  const today = '2026-11-21';
  const running = forum({ titleAr: 'جارية', firstDay: '2026-11-20', lastDay: '2026-11-22' });
  const soon = forum({ titleAr: 'قريبة', firstDay: '2026-12-04', lastDay: '2026-12-05' });
  const later = forum({ titleAr: 'لاحقة', firstDay: '2027-04-07', lastDay: '2027-04-08' });
  const lastWeek = forum({ titleAr: 'الأسبوع الماضي', firstDay: '2026-11-14', lastDay: '2026-11-14' });
  const lastYear = forum({ titleAr: 'العام الماضي', firstDay: '2025-12-04', lastDay: '2025-12-05' });

  it('puts what is running or coming first, soonest first, then the past, most recent first', () => {
    const { upcoming, past } = orderForHome([later, lastYear, soon, lastWeek, running], today);
    expect(upcoming.map((f) => f.titleAr)).toEqual(['جارية', 'قريبة', 'لاحقة']);
    expect(past.map((f) => f.titleAr)).toEqual(['الأسبوع الماضي', 'العام الماضي']);
  });

  it('a forum ending today is still upcoming', () => {
    const today1 = forum({ firstDay: today, lastDay: today });
    expect(orderForHome([today1], today).upcoming).toHaveLength(1);
  });
});

describe('home screen search and filters', () => {
  const muscat = forum({
    titleAr: 'الملتقى الثاني لتبادل الخبرات بين بلديتي مسقط وصحار',
    kind: 'forum',
    status: 'published',
    venue: { hotel: 'فندق شيراتون عمان', hall: 'قاعة عمان', city: 'مسقط', country: 'عمان' },
  });
  const dammam = forum({
    titleAr: 'ورشة عمل رؤية وزارة الشؤون البلدية والقروية',
    kind: 'workshop',
    status: 'finished',
    organisers: ['أمانة المنطقة الشرقية'],
  });
  const all = [muscat, dammam];
  const none = { query: '', kind: 'all', status: 'all' } as const;

  it('finds forums whatever the spelling of alef, taa marbuta and yaa', () => {
    expect(filterForums(all, { ...none, query: 'الملتقي الثانى' })).toEqual([muscat]);
    expect(filterForums(all, { ...none, query: 'وزاره الشؤون' })).toEqual([dammam]);
    expect(filterForums(all, { ...none, query: 'امانة الشرقيه' })).toEqual([dammam]);
    expect(filterForums(all, { ...none, query: 'شيراتون' })).toEqual([muscat]);
  });

  it('filters by kind and status, together with the search', () => {
    expect(filterForums(all, { ...none, kind: 'workshop' })).toEqual([dammam]);
    expect(filterForums(all, { ...none, status: 'published' })).toEqual([muscat]);
    expect(filterForums(all, { query: 'مسقط', kind: 'workshop', status: 'all' })).toEqual([]);
  });
});
