/**
 * A `.multaqa` file that reuses the id of a person of our directory (everyone
 * who received one of our files knows our ids), with other details and a
 * date in the year 9999. Imported as a new forum or merged, it must change
 * nobody here unless the coordinator, having seen the change field by field,
 * chose it; and no date from a file may lie beyond now by more than a few minutes.
 */
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../../../src/core/archive/zip';
import { HANDOVER_RULES } from '../../../../src/core/backup/handover-archive';
import { FILE_CLOCK_SKEW_MS } from '../../../../src/core/backup/handover-plan';
import type { Handlers } from '../../../../src/shared/contract';
import { tempDirsPerTest } from '../temp-dir';
import { handoverFile, openAt, seedForum } from './backup-fixture';

const tempDir = tempDirsPerTest();
const FAR = '9999-12-31T23:59:59.000Z';

type Doc = { schemaVersion: number; data: Record<string, unknown> };

/** The file with some of its documents' data edited. */
async function forged(
  file: { fileName: string; base64: string },
  edits: Record<string, (data: Record<string, unknown>) => void>,
): Promise<{ fileName: string; base64: string }> {
  const entries = await readZip(Buffer.from(file.base64, 'base64'), HANDOVER_RULES);
  for (const [name, edit] of Object.entries(edits)) {
    const doc = JSON.parse((entries.get(name) as Buffer).toString('utf8')) as Doc;
    edit(doc.data);
    entries.set(name, Buffer.from(JSON.stringify(doc)));
  }
  const bytes = await writeZip(
    [...entries].map(([name, data]) => ({ name, data })),
    new Date(),
  );
  return { fileName: file.fileName, base64: bytes.toString('base64') };
}

type Row = Record<string, unknown>;

/** A file for our forum in which our chair is someone else, dated in the year 9999. */
async function hijackingFile(h: Handlers, forumId: string, chairId: string) {
  const file = await handoverFile(h, forumId, { includeRegistrations: true });
  return forged(file, {
    'directory.json': (d) => {
      const chair = (d.people as Row[]).find((p) => p.id === chairId) as Row;
      Object.assign(chair, { nameAr: 'منتحل الشخصية', email: 'attacker@example.net', updatedAt: FAR });
    },
    'registrations.json': (d) => {
      Object.assign((d.registrations as Row[])[0] as Row, { fullName: 'اسم من المستقبل', updatedAt: FAR });
    },
  });
}

const limit = () => Date.now() + FILE_CLOCK_SKEW_MS + 1000;

describe('a handover file that reuses the id of a person here', () => {
  it('as a new forum: shows the change field by field and leaves our person as they were', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId, chairId } = await seedForum(h);
      const before = (await h['directory.get']()).people.find((p) => p.id === chairId);
      const preview = await h['handover.open'](await hijackingFile(h, forumId, chairId));
      expect(preview.directoryChanges).toHaveLength(1);
      const [change] = preview.directoryChanges;
      expect(change).toMatchObject({ id: chairId, kind: 'person', name: 'جمال بن ناصر الملحم' });
      expect(change?.fields).toEqual([
        { field: 'nameAr', here: 'جمال بن ناصر الملحم', incoming: 'منتحل الشخصية' },
        { field: 'email', here: 'jamal@example.org', incoming: 'attacker@example.net' },
      ]);
      // The file's date is no later than now, give or take the skew.
      expect(Date.parse(change?.incomingUpdatedAt ?? '')).toBeLessThan(limit());

      await h['handover.commit']({ handoverId: preview.handoverId, mode: 'new', duplicates: 'keepExisting' });
      expect((await h['directory.get']()).people.find((p) => p.id === chairId)).toEqual(before);
    } finally {
      await core.close();
    }
  });

  it('merged: the person changes only when chosen, and no date beyond now is kept', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId, chairId, registrationIds } = await seedForum(h);
      const file = await hijackingFile(h, forumId, chairId);
      const notChosen = await h['handover.open'](file);
      await h['handover.commit']({ handoverId: notChosen.handoverId, mode: 'merge', duplicates: 'keepExisting' });
      expect((await h['directory.get']()).people.find((p) => p.id === chairId)?.nameAr).toBe('جمال بن ناصر الملحم');
      // The registrant's newer version is taken, as merges do, but dated now, not in 9999.
      const registrant = (await h['registrations.list']({ forumId })).find((r) => r.id === registrationIds[0]);
      expect(registrant?.fullName).toBe('اسم من المستقبل');
      expect(Date.parse(registrant?.updatedAt ?? '')).toBeLessThan(limit());

      // Chosen, having seen it: taken, with our record's creation date and a date no later than now.
      const chosen = await h['handover.open'](file);
      await h['handover.commit']({
        handoverId: chosen.handoverId,
        mode: 'merge',
        duplicates: 'keepExisting',
        takeDirectory: [chairId],
      });
      const chair = (await h['directory.get']()).people.find((p) => p.id === chairId);
      expect(chair).toMatchObject({ nameAr: 'منتحل الشخصية', email: 'attacker@example.net' });
      expect(Date.parse(chair?.updatedAt ?? '')).toBeLessThan(limit());

      // And a later edit here is not overridden by the same file imported again.
      await h['people.save']({ ...(chair as NonNullable<typeof chair>), nameAr: 'جمال بن ناصر الملحم' });
      const again = await h['handover.open'](file);
      await h['handover.commit']({ handoverId: again.handoverId, mode: 'merge', duplicates: 'keepExisting' });
      expect((await h['directory.get']()).people.find((p) => p.id === chairId)?.nameAr).toBe('جمال بن ناصر الملحم');
    } finally {
      await core.close();
    }
  });

  it('an unchanged person is not listed as a change', async () => {
    const core = await openAt(await tempDir());
    const h = core.handlers;
    try {
      const { forumId } = await seedForum(h);
      const preview = await h['handover.open'](await handoverFile(h, forumId));
      expect(preview.directoryChanges).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
