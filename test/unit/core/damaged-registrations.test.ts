/**
 * A forum's registrations file damaged on disk (a bad sector, a stick pulled
 * out mid-copy) while the event runs: it is set aside when first opened, the
 * door goes on registering walk-ins, and the coordinator then puts the last
 * good copy back. No walk-in made meanwhile may be lost, and no badge code
 * (printed on a badge already) may be handed to a second person.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src/shared/contract';
import { emptyRegistrationInput } from '../../../src/shared/domain/registration';
import { openAt, seedForum } from './backup/backup-fixture';
import { tempDirsPerTest } from './temp-dir';

const tempDir = tempDirsPerTest();

const walkIn = (h: Handlers, forumId: string, fullName: string) =>
  h['registrations.save']({ forumId, registration: { ...emptyRegistrationInput(), fullName }, checkIn: true });

describe('a damaged registrations file', () => {
  it('walk-ins made after it was set aside keep their codes and survive "restore the last good copy"', async () => {
    const dir = await tempDir();
    let forumId = '';
    let codesBefore: string[] = [];
    const first = await openAt(dir);
    try {
      forumId = (await seedForum(first.handlers)).forumId;
      codesBefore = (await first.handlers['registrations.list']({ forumId })).map((r) => r.code);
    } finally {
      await first.close();
    }
    // Cut short on disk; its .bak (the copy before the last write) holds the first two registrants.
    const file = path.join(dir, 'forums', `${forumId}.registrations.json`);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.slice(0, Math.floor(text.length * 0.8)));

    const core = await openAt(dir);
    const h = core.handlers;
    try {
      expect(await h['registrations.list']({ forumId })).toEqual([]);
      const [problem] = await h['app.storeProblems']();
      expect(problem).toMatchObject({ file: path.join('forums', `${forumId}.registrations.json`), reason: 'corrupt' });

      // At the door meanwhile: two walk-ins, whose codes must be none of those already printed.
      const visitors = [await walkIn(h, forumId, 'زائر أول'), await walkIn(h, forumId, 'زائر ثان')];
      for (const v of visitors) expect(codesBefore).not.toContain(v.code);

      await h['app.restoreLastGood']({ problemId: problem?.id ?? '' });
      const after = await h['registrations.list']({ forumId });
      // The last good copy's registrants are back, and the walk-ins are still there with their codes.
      expect(after.map((r) => r.fullName)).toEqual(['سالم العتيبي', 'منى الحربي', 'زائر أول', 'زائر ثان']);
      expect(after.filter((r) => r.checkedInAt).map((r) => r.code)).toEqual(visitors.map((v) => v.code));
      const codes = after.map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);

      // And the next one gets a code no one was ever given.
      const next = await walkIn(h, forumId, 'زائر ثالث');
      expect([...codesBefore, ...codes]).not.toContain(next.code);
    } finally {
      await core.close();
    }
    const reopened = await openAt(dir);
    try {
      expect(await reopened.handlers['registrations.list']({ forumId })).toHaveLength(5);
      expect(await reopened.handlers['app.storeProblems']()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
