/**
 * The badge counter (`nextCode`) as an attacker or a damaged file would set
 * it: in a `.multaqa` file, in a backup, in the registrations file itself.
 * Whatever it says, the next registrant gets a code no one holds, and the
 * store never writes a file its own schema refuses at the next start.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../../../src/core/archive/zip';
import { HANDOVER_RULES } from '../../../../src/core/backup/handover-archive';
import { HIGHEST_CODE_FROM_FILE, LAST_BADGE_CODE } from '../../../../src/core/registrations/registration-store';
import type { Handlers } from '../../../../src/shared/contract';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';
import { AppError } from '../../../../src/shared/errors';
import { tempDirsPerTest } from '../temp-dir';
import { handoverFile, openAt, seedForum } from './backup-fixture';

const tempDir = tempDirsPerTest();

type Doc = { schemaVersion: number; data: { nextCode: number; registrations: { code: string }[] } };

/** A zip with one JSON document's data edited, every other entry as it was. */
async function withEdited(bytes: Buffer, entry: string, edit: (doc: Doc['data']) => void): Promise<Buffer> {
  const entries = await readZip(bytes, { ...HANDOVER_RULES, maxFileBytes: 1 << 30, allowed: () => true });
  const doc = JSON.parse((entries.get(entry) as Buffer).toString('utf8')) as Doc;
  edit(doc.data);
  entries.set(entry, Buffer.from(JSON.stringify(doc)));
  return writeZip(
    [...entries].map(([name, data]) => ({ name, data })),
    new Date(),
  );
}

/** A walk-in at the door: the registration it made (its code is the one printed on the badge). */
const walkIn = (h: Handlers, forumId: string, fullName = 'زائر') =>
  h['registrations.save']({ forumId, registration: { ...emptyRegistrationInput(), fullName }, checkIn: true });

async function handoverWithCounter(h: Handlers, forumId: string, nextCode: number) {
  const file = await handoverFile(h, forumId, { includeRegistrations: true });
  const bytes = await withEdited(Buffer.from(file.base64, 'base64'), 'registrations.json', (d) => {
    d.nextCode = nextCode;
  });
  return { fileName: file.fileName, base64: bytes.toString('base64') };
}

async function importAsNew(h: Handlers, file: { fileName: string; base64: string }): Promise<string> {
  const preview = await h['handover.open'](file);
  return (await h['handover.commit']({ handoverId: preview.handoverId, mode: 'new', duplicates: 'keepExisting' }))
    .forumId;
}

async function expectUniqueCodes(h: Handlers, forumId: string): Promise<string[]> {
  const codes = (await h['registrations.list']({ forumId })).map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^\d{4,12}$/);
  return codes;
}

describe('the badge counter from a file', () => {
  it('a .multaqa whose counter equals a code in use: the next walk-in gets a code no one holds', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const codes = (await h['registrations.list']({ forumId })).map((r) => r.code);
      const newId = await importAsNew(h, await handoverWithCounter(h, forumId, Number(codes[0])));
      const visitor = await walkIn(h, newId);
      expect(codes).not.toContain(visitor.code);
      await expectUniqueCodes(h, newId);
    } finally {
      await core.close();
    }
  });

  it('a .multaqa whose counter is 1: codes stay five digits, and the forum keeps its registrants at the next start', async () => {
    const dir = await tempDir();
    let newId = '';
    const core = await openAt(dir);
    try {
      const { forumId } = await seedForum(core.handlers);
      newId = await importAsNew(core.handlers, await handoverWithCounter(core.handlers, forumId, 1));
      expect((await walkIn(core.handlers, newId)).code).toBe('10004');
    } finally {
      await core.close();
    }
    const reopened = await openAt(dir);
    try {
      expect(await reopened.handlers['registrations.list']({ forumId: newId })).toHaveLength(4);
      expect(await reopened.handlers['app.storeProblems']()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a .multaqa whose counter or a code sits at the last codes, and writes nothing', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const plain = await handoverFile(h, forumId, { includeRegistrations: true });
      const highCode = await withEdited(Buffer.from(plain.base64, 'base64'), 'registrations.json', (d) => {
        (d.registrations[0] as { code: string }).code = String(LAST_BADGE_CODE);
        d.nextCode = 10001;
      });
      for (const base64 of [
        (await handoverWithCounter(h, forumId, LAST_BADGE_CODE)).base64,
        (await handoverWithCounter(h, forumId, HIGHEST_CODE_FROM_FILE + 2)).base64,
        highCode.toString('base64'),
      ]) {
        const error = await h['handover.open']({ fileName: 'x.multaqa', base64 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('import_refused');
        expect((error as AppError).issues?.[0]?.message).toBe('handover.refused.invalidData');
      }
      expect(await h['forums.list']()).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it("merging a file with a far larger counter leaves the target forum's counter where its codes are", async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const file = await handoverWithCounter(h, forumId, HIGHEST_CODE_FROM_FILE);
      const preview = await h['handover.open'](file);
      await h['handover.commit']({ handoverId: preview.handoverId, mode: 'merge', duplicates: 'keepExisting' });
      expect((await walkIn(h, forumId)).code).toBe('10004');
      await expectUniqueCodes(h, forumId);
    } finally {
      await core.close();
    }
  });

  it('a backup whose counter was set back to a code in use: after the restore, no code is handed out twice', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const backup = await h['backups.create']();
      const bytes = await fs.readFile(path.join(backup.folder, backup.id));
      const planted = await withEdited(bytes, `forums/${forumId}.registrations.json`, (d) => {
        d.nextCode = 10001;
      });
      const name = 'Multaqa-backup-20200101-000000-000-manual.zip';
      await fs.writeFile(path.join(backup.folder, name), planted);
      await h['backups.restore']({ id: name, forumId });
      expect((await walkIn(h, forumId)).code).toBe('10004');
      await expectUniqueCodes(h, forumId);
    } finally {
      await core.close();
    }
  });

  it('a registrations file on disk whose counter is behind its codes is set right when the forum opens', async () => {
    const dir = await tempDir();
    let forumId = '';
    const core = await openAt(dir);
    try {
      forumId = (await seedForum(core.handlers)).forumId;
    } finally {
      await core.close();
    }
    const file = path.join(dir, 'forums', `${forumId}.registrations.json`);
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as Doc;
    doc.data.nextCode = 10002;
    await fs.writeFile(file, JSON.stringify(doc));
    const reopened = await openAt(dir);
    try {
      expect((await walkIn(reopened.handlers, forumId)).code).toBe('10004');
      await expectUniqueCodes(reopened.handlers, forumId);
    } finally {
      await reopened.close();
    }
  });

  it('at the last code: one more walk-in is refused with a sentence, and the file still opens at the next start', async () => {
    const dir = await tempDir();
    let forumId = '';
    const core = await openAt(dir);
    try {
      forumId = (await seedForum(core.handlers)).forumId;
    } finally {
      await core.close();
    }
    const file = path.join(dir, 'forums', `${forumId}.registrations.json`);
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as Doc;
    doc.data.nextCode = LAST_BADGE_CODE;
    await fs.writeFile(file, JSON.stringify(doc));
    const reopened = await openAt(dir);
    try {
      const h = reopened.handlers;
      expect((await walkIn(h, forumId)).code).toBe(String(LAST_BADGE_CODE));
      const error = await walkIn(h, forumId, 'زائر آخر').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('conflict');
      expect((error as AppError).issues?.[0]?.message).toBe('errors.badgeCodesExhausted');
    } finally {
      await reopened.close();
    }
    const third = await openAt(dir);
    try {
      expect(await third.handlers['registrations.list']({ forumId })).toHaveLength(4);
      expect(await third.handlers['app.storeProblems']()).toEqual([]);
    } finally {
      await third.close();
    }
  });
});
