import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DocumentSpec, decodeDocument, encodeDocument } from '../../../../src/core/store/document-codec';

/** A document whose format went from v1 {name} to v2 {nameAr, nameEn} to v3 {..., tags}. */
const v3 = z.object({ nameAr: z.string(), nameEn: z.string(), tags: z.array(z.string()) });
const spec: DocumentSpec<z.infer<typeof v3>> = {
  label: 'sample',
  version: 3,
  schema: v3,
  migrations: {
    1: (data) => {
      const { name } = data as { name: string };
      return { nameAr: name, nameEn: '' };
    },
    2: (data) => ({ ...(data as object), tags: [] }),
  },
};

describe('document codec', () => {
  it('round-trips the current version', () => {
    const data = { nameAr: 'ملتقى', nameEn: 'Forum', tags: ['a'] };
    expect(decodeDocument(spec, encodeDocument(spec, data))).toEqual({ ok: true, data, migratedFrom: null });
  });

  it('migrates an old file step by step, then validates', () => {
    const text = JSON.stringify({ schemaVersion: 1, data: { name: 'ورشة' } });
    expect(decodeDocument(spec, text)).toEqual({
      ok: true,
      data: { nameAr: 'ورشة', nameEn: '', tags: [] },
      migratedFrom: 1,
    });
  });

  it('refuses a newer version and says which', () => {
    const result = decodeDocument(spec, JSON.stringify({ schemaVersion: 4, data: {} }));
    expect(result).toMatchObject({ ok: false, reason: 'newerVersion' });
    expect(!result.ok && result.detail).toContain('format 4');
  });

  it.each([
    ['empty', '', 'corrupt'],
    ['truncated', '{"schemaVersion":3,"data":{"nameAr":"مل', 'corrupt'],
    ['binary garbage', '\u0000\u0001PK\u0003\u0004', 'corrupt'],
    ['no version', '{"data":{}}', 'invalid'],
    ['an array', '[1,2,3]', 'invalid'],
    ['version zero', '{"schemaVersion":0,"data":{}}', 'invalid'],
    ['fractional version', '{"schemaVersion":2.5,"data":{}}', 'invalid'],
    ['wrong field type', '{"schemaVersion":3,"data":{"nameAr":5,"nameEn":"","tags":[]}}', 'invalid'],
  ])('%s file is reported, not thrown', (_name, text, reason) => {
    expect(decodeDocument(spec, text)).toMatchObject({ ok: false, reason });
  });

  it('a migration that throws is reported as invalid', () => {
    const broken = {
      ...spec,
      migrations: {
        ...spec.migrations,
        1: () => {
          throw new Error('boom');
        },
      },
    };
    const result = decodeDocument(broken, JSON.stringify({ schemaVersion: 1, data: {} }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!result.ok && result.detail).toContain('boom');
  });
});
