import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import ar from '../../../src/shared/i18n/ar.json';
import en from '../../../src/shared/i18n/en.json';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;
const AR_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
const bases = (list: string[]) =>
  new Set(
    list.map((k) =>
      list.includes(k.replace(PLURAL, '_other')) && list.includes(k.replace(PLURAL, '_one'))
        ? k.replace(PLURAL, '')
        : k,
    ),
  );

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: 'ar',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});
const say = (lng: 'ar' | 'en', key: string, count: number) =>
  i18n.getFixedT(lng)(key, { count, number: String(count), subject: 'x' });

describe('the words for counts', () => {
  it('Arabic and English have the same keys, plural forms aside', () => {
    expect([...bases(keys(ar as Tree))].sort()).toEqual([...bases(keys(en as Tree))].sort());
  });

  it('Arabic and English fill in the same placeholders, so no value is dropped or left as {{name}}', () => {
    // A count's forms are compared together: Arabic says «فعالية واحدة» without {{count}}, English "1 event" with it.
    const placeholders = (tree: Tree) => {
      const byBase = new Map<string, Set<string>>();
      const flat = new Map<string, string>();
      const walk = (node: Tree, prefix: string) => {
        for (const [k, v] of Object.entries(node)) {
          if (typeof v === 'string') flat.set(prefix + k, v);
          else walk(v, `${prefix}${k}.`);
        }
      };
      walk(tree, '');
      const list = [...flat.keys()];
      for (const [key, text] of flat) {
        const counted = list.includes(key.replace(PLURAL, '_other')) && list.includes(key.replace(PLURAL, '_one'));
        const name = counted ? key.replace(PLURAL, '') : key;
        const found = byBase.get(name) ?? new Set<string>();
        for (const [, placeholder] of text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) {
          if (!(counted && placeholder === 'count')) found.add(placeholder ?? '');
        }
        byBase.set(name, found);
      }
      return new Map([...byBase].map(([k, v]) => [k, [...v].sort()]));
    };
    const arabic = placeholders(ar as Tree);
    const english = placeholders(en as Tree);
    const differing = [...arabic].filter(([key, names]) => JSON.stringify(english.get(key)) !== JSON.stringify(names));
    expect(
      differing.map(([key, names]) => `${key}: ar ${names.join(',')} / en ${english.get(key)?.join(',')}`),
    ).toEqual([]);
  });

  it('every Arabic count has all six plural forms, every English one its one and other', () => {
    const arKeys = keys(ar as Tree);
    // A count's key has its "one" and "other" forms ("one_after_other" is a plain key that only looks like one).
    const plurals = arKeys.filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
    const counted = plurals.filter((base) => arKeys.includes(`${base}_one`));
    expect(counted.length).toBeGreaterThan(5);
    for (const base of counted) {
      for (const form of AR_FORMS) expect(arKeys, base).toContain(`${base}_${form}`);
      expect(keys(en as Tree), base).toEqual(expect.arrayContaining([`${base}_one`, `${base}_other`]));
    }
  });

  it('reads as Arabic counts do: one, two, three to ten, eleven to ninety-nine, a hundred', () => {
    expect([0, 1, 2, 3, 10, 11, 99, 100, 103].map((n) => say('ar', 'forums.count', n))).toEqual([
      'لا فعاليات',
      'فعالية واحدة',
      'فعاليتان',
      '3 فعاليات',
      '10 فعاليات',
      '11 فعالية',
      '99 فعالية',
      '100 فعالية',
      '103 فعاليات',
    ]);
    expect(say('ar', 'people.count', 20)).toBe('20 شخصًا');
    expect(say('ar', 'import.commit', 6)).toBe('استيراد 6 صفوف');
    expect(say('ar', 'programme.seats', 300)).toBe('300 مقعد');
    expect(say('ar', 'programme.seats', 2)).toBe('مقعدان');
    expect(say('ar', 'forum.days', 22)).toBe('22 يومًا');
    expect(say('ar', 'history.action.sessions.createMany', 2)).toBe('إضافة جلستين');
  });

  it('and English as English does', () => {
    expect([0, 1, 2, 20].map((n) => say('en', 'people.count', n))).toEqual([
      'No one',
      '1 person',
      '2 people',
      '20 people',
    ]);
    expect(say('en', 'import.commit', 1)).toBe('Import 1 row');
  });
});
