import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORUM_FILE_VERSION } from '../../../../src/core/forums/forum-file';
import type { Handlers } from '../../../../src/shared/contract';
import { emptyPersonInput } from '../../../../src/shared/domain/person';
import { emptyRegistrationInput } from '../../../../src/shared/domain/registration';
import { AppError } from '../../../../src/shared/errors';
import { withCode } from '../core-fixture';
import { solidPng } from '../export/test-images';
import { tempDirsPerTest } from '../temp-dir';
import { handoverFile, openAt, seedForum } from './backup-fixture';

const tempDir = tempDirsPerTest();

/** Gives the forum an organiser's logo (another picture than the chair's photo); returns the logo's file name. */
async function addLogo(h: Handlers, forumId: string): Promise<string> {
  const { name } = await h['images.save']({ base64: solidPng(60, 20, [20, 120, 60]).toString('base64') });
  const forum = await h['forums.get']({ id: forumId });
  await h['forums.update']({ id: forumId, input: { ...forum, logos: [name] } });
  return name;
}

describe('backups', () => {
  it('lists a backup with what it holds, and restores one forum as it was', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId, registrationIds } = await seedForum(h);
      const backup = await h['backups.create']();
      expect(backup.reason).toBe('manual');
      expect(backup.content.forums).toEqual([
        expect.objectContaining({ id: forumId, titleAr: 'الملتقى الثاني', sessions: 1, registrations: 3 }),
      ]);
      expect(backup.content).toMatchObject({ people: 1, organisations: 1, photos: 1 });
      const list = await h['backups.list']();
      expect(list).toMatchObject({ folder: path.join(dir, 'backups'), chosen: false, unreadable: [] });
      expect(list.backups.map((b) => b.id)).toEqual([backup.id]);

      // Later work: a rename and two registrants deleted (with a safety backup of its own).
      const forum = await h['forums.get']({ id: forumId });
      await h['forums.update']({ id: forumId, input: { ...forum, titleAr: 'اسم جديد' } });
      await h['registrations.delete']({ forumId, ids: registrationIds.slice(0, 2) });
      expect((await h['backups.list']()).backups.map((b) => b.reason)).toEqual(['beforeDelete', 'manual']);

      const result = await h['backups.restore']({ id: backup.id, forumId });
      expect(result.forumIds).toEqual([forumId]);
      expect(result.safetyBackup.reason).toBe('beforeRestore');
      expect((await h['forums.get']({ id: forumId })).titleAr).toBe('الملتقى الثاني');
      expect((await h['registrations.list']({ forumId })).map((r) => r.id).sort()).toEqual([...registrationIds].sort());

      // And the safety backup undoes the restore.
      await h['backups.restore']({ id: result.safetyBackup.id, forumId });
      expect((await h['forums.get']({ id: forumId })).titleAr).toBe('اسم جديد');
      expect(await h['registrations.list']({ forumId })).toHaveLength(1);
    } finally {
      await core.close();
    }
    // What was restored is on disk, not only in memory.
    const reopened = await openAt(dir);
    try {
      expect(reopened.startupProblems).toEqual([]);
      expect((await reopened.handlers['forums.list']()).map((f) => f.titleAr)).toEqual(['اسم جديد']);
    } finally {
      await reopened.close();
    }
  });

  it('restores the whole store: forums made since are gone, deleted people are back, the backups folder stays', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId, chairId } = await seedForum(h);
      const backup = await h['backups.create']();
      const later = await seedForum(h, 'ملتقى لاحق');
      await h['people.delete']({ id: chairId });
      const chosen = path.join(dir, 'stick');
      await h['backups.setFolder']({ folder: chosen });

      await h['backups.restore']({ id: backup.id });
      expect((await h['forums.list']()).map((f) => f.id)).toEqual([forumId]);
      await expect(h['forums.get']({ id: later.forumId })).rejects.toSatisfy(withCode('not_found'));
      expect((await h['directory.get']()).people.map((p) => p.id)).toContain(chairId);
      expect((await h['settings.get']()).backupsFolder).toBe(chosen);
      expect((await h['history.state']()).undoDepth).toBe(0);
      // The safety copy went to the chosen folder.
      expect((await fs.readdir(chosen)).filter((n) => n.endsWith('-beforeRestore.zip'))).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it("brings a forum's logo file back with a whole-store restore, and refuses a logo whose file is gone", async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const logo = await addLogo(h, forumId);
      const backup = await h['backups.create']();
      expect(backup.content.photos).toBe(2); // the chair's photo and the logo

      await fs.rm(path.join(dir, 'photos', logo));
      expect(await h['images.get']({ name: logo })).toEqual({ dataUrl: null });
      const forum = await h['forums.get']({ id: forumId });
      const refused = await h['forums.update']({ id: forumId, input: { ...forum, titleAr: 'x' } }).catch((e) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({
        code: 'invalid_request',
        issues: [{ path: ['logos', 0], message: 'errors.logoMissing' }],
      });

      await h['backups.restore']({ id: backup.id });
      expect((await h['forums.get']({ id: forumId })).logos).toEqual([logo]);
      expect((await h['images.get']({ name: logo })).dataUrl).toMatch(/^data:image\/png;base64,/);
    } finally {
      await core.close();
    }
  });

  it('refuses a relative or unwritable backups folder and keeps the one it had', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      await expect(h['backups.setFolder']({ folder: 'relative/folder' })).rejects.toSatisfy(
        withCode('invalid_request'),
      );
      const file = path.join(dir, 'a-file');
      await fs.writeFile(file, 'not a folder');
      await expect(h['backups.setFolder']({ folder: path.join(file, 'inside') })).rejects.toSatisfy(
        withCode('invalid_request'),
      );
      expect((await h['backups.list']()).chosen).toBe(false);
    } finally {
      await core.close();
    }
  });

  it('takes the backup in the data folder when the chosen folder is gone, and says so', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      await seedForum(h);
      const stick = path.join(dir, 'stick');
      await h['backups.setFolder']({ folder: stick });
      await fs.rm(stick, { recursive: true });
      await fs.writeFile(stick, 'the stick was pulled out and a file took its name');
      const backup = await h['backups.create']();
      expect(backup.folder).toBe(path.join(dir, 'backups'));
      const list = await h['backups.list']();
      expect(list.lastFailure?.message).toContain(stick);
      expect(list.backups.map((b) => b.id)).toEqual([backup.id]);
    } finally {
      await core.close();
    }
  });

  it('lists a damaged backup as unreadable and refuses to restore it', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      await seedForum(h);
      const backup = await h['backups.create']();
      const file = path.join(backup.folder, backup.id);
      const bytes = await fs.readFile(file);
      await fs.writeFile(file, bytes.subarray(0, bytes.length >> 1));
      const list = await h['backups.list']();
      expect(list.backups).toEqual([]);
      expect(list.unreadable).toEqual([file]);
      await expect(h['backups.restore']({ id: backup.id })).rejects.toSatisfy(withCode('not_found'));
    } finally {
      await core.close();
    }
  });

  it('takes a backup before an older store is migrated on opening', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const { forumId } = await seedForum(core.handlers);
    await core.close();
    // Make the forum file a format-1 file (no programme), as an older Multaqa wrote it.
    const file = path.join(dir, 'forums', `${forumId}.json`);
    const doc = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ schemaVersion: 1, data: { forum: doc.data.forum } }));
    const reopened = await openAt(dir);
    try {
      const list = await reopened.handlers['backups.list']();
      expect(list.backups.map((b) => b.reason)).toEqual(['beforeMigration']);
      expect(JSON.parse(await fs.readFile(file, 'utf8')).schemaVersion).toBe(FORUM_FILE_VERSION);
    } finally {
      await reopened.close();
    }
  });
});

describe('handover (.multaqa)', () => {
  it('carries a forum to another machine as a new forum, with its people and photo', async () => {
    const from = await openAt(await tempDir());
    const file = await handoverFile(from.handlers, (await seedForum(from.handlers)).forumId);
    await from.close();
    expect(file.fileName).toMatch(/\.multaqa$/);

    const to = await openAt(await tempDir());
    const h = to.handlers;
    try {
      const preview = await h['handover.open'](file);
      expect(preview).toMatchObject({
        forum: { titleAr: 'الملتقى الثاني', sessions: 1, registrations: 3 },
        people: 1,
        photos: 1,
        existing: null,
        merge: null,
        directory: { peopleAdded: 1, peopleMatched: 0, organisationsAdded: 1 },
      });
      expect(await h['forums.list']()).toEqual([]); // nothing written by a preview
      const result = await h['handover.commit']({
        handoverId: preview.handoverId,
        mode: 'new',
        duplicates: 'keepExisting',
      });
      expect(result.safetyBackup.reason).toBe('beforeHandover');
      expect((await h['forums.get']({ id: result.forumId })).titleAr).toBe('الملتقى الثاني');
      expect(await h['registrations.list']({ forumId: result.forumId })).toHaveLength(3);
      const [person] = (await h['directory.get']()).people;
      expect((await h['people.photo']({ id: person?.id ?? '' })).dataUrl).toMatch(/^data:image\/png;base64,/);
      const session = (await h['programme.get']({ forumId: result.forumId })).sessions[0];
      expect(session?.chairId).toBe(person?.id);
    } finally {
      await to.close();
    }
  });

  it("carries the forum's logos with the photos, and leaves them out of the forum without them", async () => {
    const from = await openAt(await tempDir());
    const { forumId } = await seedForum(from.handlers);
    const logo = await addLogo(from.handlers, forumId);
    const withPhotos = await handoverFile(from.handlers, forumId);
    const withoutPhotos = await handoverFile(from.handlers, forumId, { includePhotos: false });
    await from.close();

    for (const [file, logos] of [
      [withPhotos, [logo]],
      [withoutPhotos, []],
    ] as const) {
      const to = await openAt(await tempDir());
      const h = to.handlers;
      try {
        const preview = await h['handover.open'](file);
        expect(preview.photos).toBe(logos.length === 0 ? 0 : 2);
        const { forumId: received } = await h['handover.commit']({
          handoverId: preview.handoverId,
          mode: 'new',
          duplicates: 'keepExisting',
        });
        expect((await h['forums.get']({ id: received })).logos).toEqual(logos);
        const dataUrl = (await h['images.get']({ name: logo })).dataUrl;
        if (logos.length > 0) expect(dataUrl).toMatch(/^data:image\/png;base64,/);
        else expect(dataUrl).toBeNull();
      } finally {
        await to.close();
      }
    }
  });

  it('merges into the same forum: by id, then by the duplicate rules, new badge codes where taken', async () => {
    const dir = await tempDir();
    const core = await openAt(dir);
    const h = core.handlers;
    try {
      const { forumId, registrationIds } = await seedForum(h);
      const file = await handoverFile(h, forumId);
      // Here, meanwhile: one registrant renamed earlier than the file's copy... and a new one who is also in the file.
      const [first] = await h['registrations.list']({ forumId });
      if (!first) throw new Error('seed');
      await h['registrations.delete']({ forumId, ids: [registrationIds[2] as string] });
      const preview = await h['handover.open'](file);
      expect(preview.existing?.id).toBe(forumId);
      expect(preview.merge).toMatchObject({
        registrations: { added: 1, updated: 0, unchanged: 2 },
        sessions: { added: 0, updated: 0, unchanged: 1 },
        duplicateCount: 0,
      });
      await h['handover.commit']({ handoverId: preview.handoverId, mode: 'merge', duplicates: 'keepExisting' });
      expect(await h['registrations.list']({ forumId })).toHaveLength(3);
      expect(await h['forums.list']()).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('matches a registrant by the duplicate rules, keeping ours or taking theirs as asked', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId, registrationIds } = await seedForum(h);
      const file = await handoverFile(h, forumId);
      // Here, Salem was deleted and typed again (a new id), with his e-mail and another spelling.
      await h['registrations.delete']({ forumId, ids: [registrationIds[0] as string] });
      const again = await h['registrations.save']({
        forumId,
        registration: { ...emptyRegistrationInput(), fullName: 'سالم العتيبى', email: 'salem@example.org' },
      });
      const preview = await h['handover.open'](file);
      expect(preview.merge).toMatchObject({
        duplicateCount: 1,
        duplicates: [{ incomingName: 'سالم العتيبي', existingName: 'سالم العتيبى', matchedBy: 'email' }],
        registrations: { added: 0, unchanged: 3 },
      });
      await h['handover.commit']({ handoverId: preview.handoverId, mode: 'merge', duplicates: 'takeIncoming' });
      const salem = (await h['registrations.list']({ forumId })).find((r) => r.id === again.id);
      expect(salem).toMatchObject({ fullName: 'سالم العتيبي', code: again.code, organisation: 'أمانة الشرقية' });
    } finally {
      await core.close();
    }
  });

  it('links the programme to the people already here (same e-mail), not to copies', async () => {
    const from = await openAt(await tempDir());
    const file = await handoverFile(from.handlers, (await seedForum(from.handlers)).forumId, {
      includeRegistrations: false,
    });
    await from.close();
    const to = await openAt(await tempDir());
    const h = to.handlers;
    try {
      const mine = await h['people.save']({
        ...emptyPersonInput(),
        id: randomUUID(),
        nameAr: 'جمال الملحم',
        email: 'jamal@example.org',
      });
      const preview = await h['handover.open'](file);
      expect(preview.forum.registrations).toBe(0);
      expect(preview.directory).toMatchObject({ peopleAdded: 0, peopleMatched: 1 });
      const { forumId } = await h['handover.commit']({
        handoverId: preview.handoverId,
        mode: 'new',
        duplicates: 'keepExisting',
      });
      const [session] = (await h['programme.get']({ forumId })).sessions;
      expect(session).toMatchObject({ chairId: mine.id, headTableIds: [mine.id] });
      expect((await h['directory.get']()).people).toHaveLength(1);
      expect(await h['registrations.list']({ forumId })).toEqual([]);
    } finally {
      await to.close();
    }
  });

  it('refuses what is not a handover file, and writes nothing', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const junk = { fileName: 'x.multaqa', base64: Buffer.from('PK not really').toString('base64') };
      await expect(h['handover.open'](junk)).rejects.toMatchObject({
        code: 'import_refused',
        issues: [{ message: 'handover.refused.notZip' }],
      });
      await expect(
        h['handover.commit']({
          handoverId: '7d1f8a2e-0c4b-4e2a-9a51-3c1f5d2b8e10',
          mode: 'new',
          duplicates: 'keepExisting',
        }),
      ).rejects.toSatisfy(withCode('not_found'));
      expect((await h['backups.list']()).backups).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
