/**
 * A `.multaqa` file carrying more registrants than a forum holds
 * (MAX_REGISTRATIONS): refused before its registrants are parsed into
 * memory, and a merge that would take the forum past the cap refused at the
 * preview, with the sentence that says why; nothing written either way.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readZip, writeZip } from '../../../../src/core/archive/zip';
import { refuseOverCap } from '../../../../src/core/backup/archive-documents';
import { HANDOVER_RULES } from '../../../../src/core/backup/handover-archive';
import type { Handlers } from '../../../../src/shared/contract';
import { emptyRegistrationInput, MAX_REGISTRATIONS } from '../../../../src/shared/domain/registration';
import { AppError } from '../../../../src/shared/errors';
import { tempDirsPerTest } from '../temp-dir';
import { handoverFile, openAt, seedForum } from './backup-fixture';

const tempDir = tempDirsPerTest();

afterEach(() => {
  vi.restoreAllMocks();
});

/** The forum's file with `count` more registrants, each valid and distinct (ids, codes, names). */
async function withExtraRegistrants(h: Handlers, forumId: string, count: number) {
  const file = await handoverFile(h, forumId, { includeRegistrations: true });
  const entries = await readZip(Buffer.from(file.base64, 'base64'), HANDOVER_RULES);
  const doc = JSON.parse((entries.get('registrations.json') as Buffer).toString('utf8')) as {
    data: { nextCode: number; registrations: Record<string, unknown>[] };
  };
  const model = doc.data.registrations[0] as Record<string, unknown>;
  for (let i = 0; i < count; i++) {
    doc.data.registrations.push({
      ...model,
      id: randomUUID(),
      code: String(20_000 + i),
      fullName: `مشارك ${i}`,
      email: '',
      organisation: '',
    });
  }
  doc.data.nextCode = 20_000 + count;
  const text = JSON.stringify(doc);
  entries.set('registrations.json', Buffer.from(text));
  const bytes = await writeZip(
    [...entries].map(([name, data]) => ({ name, data })),
    new Date(),
  );
  return { file: { fileName: file.fileName, base64: bytes.toString('base64') }, registrationsText: text };
}

async function refusal(h: Handlers, file: { fileName: string; base64: string }): Promise<string | undefined> {
  const error = await h['handover.open'](file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('import_refused');
  return (error as AppError).issues?.[0]?.message;
}

describe("a handover file past the forum's cap of registrants", () => {
  it(`refuses ${MAX_REGISTRATIONS + 1} registrants without parsing them`, async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const { file, registrationsText } = await withExtraRegistrants(h, forumId, MAX_REGISTRATIONS - 2);
      const parse = vi.spyOn(JSON, 'parse');
      expect(await refusal(h, file)).toBe('handover.refused.tooManyRegistrations');
      // The registrants' document never went through JSON.parse.
      expect(parse.mock.calls.some(([text]) => text.length >= registrationsText.length)).toBe(false);
      expect(await h['forums.list']()).toHaveLength(1);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('refuses, at the preview, a merge that would take the forum past the cap', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      // The file holds the cap exactly (the three here and the rest); here a walk-in came since.
      const { file } = await withExtraRegistrants(h, forumId, MAX_REGISTRATIONS - 3);
      await h['registrations.save']({ forumId, registration: { ...emptyRegistrationInput(), fullName: 'زائر' } });
      expect(await refusal(h, file)).toBe('handover.refused.tooManyRegistrations');
      expect(await h['registrations.list']({ forumId })).toHaveLength(4);
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('counting registrants on the bytes', () => {
  const doc = (registrations: unknown[], extra = '') =>
    Buffer.from(
      `{"schemaVersion":1,"data":{"nextCode":10001,${extra}"registrations":${JSON.stringify(registrations)}}}`,
    );
  const refused = (bytes: Buffer) => {
    try {
      refuseOverCap('backups', 'forums/x.registrations.json', bytes);
      return null;
    } catch (error) {
      return (error as AppError).issues?.[0]?.message;
    }
  };

  it('is not fooled by braces and escaped quotes inside text, nor by nested objects', () => {
    // Each registrant's text holds many "{" and a quote-escape that would end a naive string early.
    const tricky = { fullName: '{{{{ \\" {{{{ [[[', source: { file: '{"a":{}}', sheet: '', row: 1 } };
    expect(refused(doc(Array(MAX_REGISTRATIONS).fill(tricky)))).toBeNull();
    expect(refused(doc(Array(MAX_REGISTRATIONS + 1).fill({})))).toBe('backups.refused.tooManyRegistrations');
  });
});
