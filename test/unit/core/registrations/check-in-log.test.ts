/**
 * Check-in at the door in constant time: a scan appends one line to the
 * forum's check-in log instead of rewriting its registrations file (36 MB at
 * 60,000 registrants), and the log is folded back in at open and now and then.
 * Attacked from the user's side: forum size, a kill (the folder copied while
 * the app is still running, as a power cut leaves it), a kill between the
 * file's rewrite and the log's removal, a torn last line, a damaged line,
 * a full disk, Ctrl+Z, a backup restored after more scans.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../../src/core/app-core';
import { registrationsFileSpec } from '../../../../src/core/registrations/registration-store';
import { encodeEntry } from '../../../../src/core/registrations/registrations-log';
import { AppendLog } from '../../../../src/core/store/append-log';
import { encodeDocument } from '../../../../src/core/store/document-codec';
import * as durable from '../../../../src/core/store/durable-file';
import type { Handlers } from '../../../../src/shared/contract';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../../../src/shared/domain/registration';
import { AppError } from '../../../../src/shared/errors';
import { openAt } from '../backup/backup-fixture';
import { withCode } from '../core-fixture';
import { tempDirsPerTest } from '../temp-dir';

const tempDir = tempDirsPerTest();

const AT = '2026-11-01T08:00:00.000Z';

function registrants(count: number): Registration[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRegistrationInput(),
    fullName: `مشارك رقم ${i} من بلدية مسقط`,
    organisation: 'بلدية مسقط',
    email: `p${i}@example.org`,
    status: 'confirmed',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: String(10001 + i),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: AT,
    updatedAt: AT,
  }));
}

interface Forum {
  dir: string;
  forumId: string;
  forumsDir: string;
  file: string;
  people: Registration[];
}

/** A forum whose registrations file holds `count` registrants, written as the store writes it. */
async function forumWith(count: number, extra: { logSeq?: number } = {}): Promise<Forum> {
  const dir = await tempDir();
  const core = await openAt(dir);
  const forum = await core.handlers['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى الباب' });
  await core.close();
  const forumsDir = path.join(dir, 'forums');
  const file = path.join(forumsDir, `${forum.id}.registrations.json`);
  const people = registrants(count);
  await fs.writeFile(
    file,
    encodeDocument(registrationsFileSpec, { nextCode: 10001 + count, registrations: people, ...extra }),
  );
  return { dir, forumId: forum.id, forumsDir, file, people };
}

const logNames = async (forumsDir: string) => (await fs.readdir(forumsDir)).filter((n) => n.endsWith('.log')).sort();

async function logBytes(forumsDir: string): Promise<number> {
  let total = 0;
  for (const name of await logNames(forumsDir)) total += (await fs.stat(path.join(forumsDir, name))).size;
  return total;
}

/**
 * The data folder as a kill would leave it while `core` is still running:
 * every acknowledged byte is on disk; nothing is flushed or folded at close.
 */
async function copyAsAfterAKill(dir: string): Promise<string> {
  const copy = path.join(await tempDir(), 'killed'); // removed after the test, as the other temp folders
  await fs.cp(dir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'multaqa.lock' });
  return copy;
}

async function withForumCore<T>(dir: string, body: (h: Handlers, core: Core) => Promise<T>): Promise<T> {
  const core = await openAt(dir);
  try {
    return await body(core.handlers, core);
  } finally {
    await core.close();
  }
}

const checkIn = (h: Handlers, forumId: string, id: string, checkedIn = true) =>
  h['registrations.checkIn']({ forumId, id, checkedIn });

describe('check-in log', () => {
  it('a check-in writes the same few hundred bytes whether the forum has 200 or 20,000 registrants, never the file', async () => {
    const written: number[] = [];
    for (const count of [200, 20_000]) {
      const forum = await forumWith(count);
      await withForumCore(forum.dir, async (h) => {
        await h['registrations.list']({ forumId: forum.forumId }); // opened (and its counter checked) first
        const before = await fs.stat(forum.file);
        for (const r of forum.people.slice(0, 10)) await checkIn(h, forum.forumId, r.id);
        const after = await fs.stat(forum.file);
        expect(after.ino, 'the registrations file was not rewritten').toBe(before.ino);
        expect(after.mtimeMs).toBe(before.mtimeMs);
        written.push((await logBytes(forum.forumsDir)) / 10);
      });
    }
    const [small = 0, large = 0] = written;
    expect(small).toBeGreaterThan(100);
    expect(small).toBeLessThan(1_500);
    // The same registrant record, a different name length at most: bounded, not growing with the forum.
    expect(Math.abs(large - small)).toBeLessThan(20);
  });

  it('acknowledged check-ins, undos and walk-ins survive a kill, and are folded into the file at the next open', async () => {
    const forum = await forumWith(50);
    const [a, b, c] = forum.people;
    let killed = '';
    let walkInCode = '';
    await withForumCore(forum.dir, async (h) => {
      await checkIn(h, forum.forumId, a?.id ?? '');
      await checkIn(h, forum.forumId, b?.id ?? '');
      await checkIn(h, forum.forumId, c?.id ?? '');
      await checkIn(h, forum.forumId, b?.id ?? '', false); // the undo button of the check-in screen
      const walkIn = await h['registrations.save']({
        forumId: forum.forumId,
        registration: { ...emptyRegistrationInput(), fullName: 'زائر بلا تسجيل' },
        checkIn: true,
      });
      walkInCode = walkIn.code;
      killed = await copyAsAfterAKill(forum.dir);
    });
    // The killed folder: the file as it was, the scans only in the log.
    expect((await logNames(path.join(killed, 'forums'))).length).toBe(1);
    await withForumCore(killed, async (h) => {
      expect(await h['app.storeProblems']()).toEqual([]);
      const list = await h['registrations.list']({ forumId: forum.forumId });
      expect(list).toHaveLength(51);
      const byId = new Map(list.map((r) => [r.id, r]));
      expect(byId.get(a?.id ?? '')).toMatchObject({ status: 'attended', statusBeforeCheckIn: 'confirmed' });
      expect(byId.get(b?.id ?? '')).toMatchObject({ status: 'confirmed', checkedInAt: null });
      expect(byId.get(c?.id ?? '')?.checkedInAt).not.toBeNull();
      expect(list.at(-1)).toMatchObject({ fullName: 'زائر بلا تسجيل', code: walkInCode, status: 'attended' });
      // The counter came back past the walk-in: the next one gets a new code.
      const next = await h['registrations.save']({
        forumId: forum.forumId,
        registration: { ...emptyRegistrationInput(), fullName: 'زائر ثان' },
        checkIn: true,
      });
      expect(Number(next.code)).toBeGreaterThan(Number(walkInCode));
    });
    // Folded: the file holds them, the log is gone.
    expect(await logNames(path.join(killed, 'forums'))).toEqual([]);
    await fs.rm(killed, { recursive: true, force: true });
  });

  it('a kill after the file was rewritten but before the log was removed applies no entry twice', async () => {
    // The log: A checked in (1), B checked in (2), C checked in (3). Then the office corrected A's
    // name and B's check-in was taken back: the file was rewritten holding entries up to 2 and
    // those two changes (logSeq 2 is what it says), and the kill came before the log was removed.
    const forum = await forumWith(3);
    const [a, b, c] = forum.people as [Registration, Registration, Registration];
    const checkedIn = (r: Registration) => ({
      ...r,
      status: 'attended' as const,
      statusBeforeCheckIn: 'confirmed' as const,
      checkedInAt: AT,
    });
    const lines = [
      encodeEntry({ seq: 1, put: checkedIn(a) }),
      encodeEntry({ seq: 2, put: checkedIn(b) }),
      encodeEntry({ seq: 3, put: checkedIn(c) }),
    ];
    await fs.writeFile(
      path.join(forum.forumsDir, `${forum.forumId}.registrations.1-0badc0de.log`),
      `${lines.join('\n')}\n`,
    );
    const corrected = { ...checkedIn(a), fullName: 'الاسم بعد التصحيح' };
    await fs.writeFile(
      forum.file,
      encodeDocument(registrationsFileSpec, { nextCode: 10004, registrations: [corrected, b, c], logSeq: 2 }),
    );
    await withForumCore(forum.dir, async (h) => {
      const list = await h['registrations.list']({ forumId: forum.forumId });
      // Entries 1 and 2 are in the file already: applied again they would put A's old name and B's check-in back.
      expect(list.map((r) => [r.fullName, r.status])).toEqual([
        ['الاسم بعد التصحيح', 'attended'],
        [b.fullName, 'confirmed'],
        [c.fullName, 'attended'],
      ]);
      expect(await h['app.storeProblems']()).toEqual([]);
      // Numbering goes on past every entry seen: the next scan is entry 4, not a second 3.
      await checkIn(h, forum.forumId, b.id);
    });
    await withForumCore(forum.dir, async (h) => {
      const list = await h['registrations.list']({ forumId: forum.forumId });
      expect(list.map((r) => [r.fullName, r.status])).toEqual([
        ['الاسم بعد التصحيح', 'attended'],
        [b.fullName, 'attended'],
        [c.fullName, 'attended'],
      ]);
    });
    const onDisk = JSON.parse(await fs.readFile(forum.file, 'utf8')) as { data: { logSeq: number } };
    expect(onDisk.data.logSeq).toBe(4);
    expect(await logNames(forum.forumsDir)).toEqual([]);
  });

  it('a torn last line (a kill in the middle of a write) is ignored, never a reason to quarantine', async () => {
    const forum = await forumWith(2);
    const [a, b] = forum.people as [Registration, Registration];
    const checkedInA = {
      ...a,
      status: 'attended' as const,
      statusBeforeCheckIn: 'confirmed' as const,
      checkedInAt: AT,
    };
    const torn = encodeEntry({ seq: 2, put: { ...b, status: 'attended', checkedInAt: AT } }).slice(0, 40);
    await fs.writeFile(
      path.join(forum.forumsDir, `${forum.forumId}.registrations.1-00000001.log`),
      `${encodeEntry({ seq: 1, put: checkedInA })}\n${torn}`,
    );
    await withForumCore(forum.dir, async (h) => {
      expect(await h['app.storeProblems']()).toEqual([]);
      expect((await h['registrations.list']({ forumId: forum.forumId })).map((r) => r.status)).toEqual([
        'attended',
        'confirmed',
      ]);
    });
    expect(await logNames(forum.forumsDir)).toEqual([]);
    expect(await fs.readdir(path.join(forum.dir, 'quarantine')).catch(() => [])).toEqual([]);
  });

  it('a damaged line inside the log: the good lines are kept, the log is set aside and shown as a problem', async () => {
    const forum = await forumWith(3);
    const [a, , c] = forum.people as [Registration, Registration, Registration];
    const checkedIn = (r: Registration) => ({
      ...r,
      status: 'attended' as const,
      statusBeforeCheckIn: 'confirmed' as const,
      checkedInAt: AT,
    });
    const name = `${forum.forumId}.registrations.1-00000002.log`;
    await fs.writeFile(
      path.join(forum.forumsDir, name),
      [
        encodeEntry({ seq: 1, put: checkedIn(a) }),
        '{"seq":2,"put":{"id":"x"',
        encodeEntry({ seq: 3, put: checkedIn(c) }),
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
    await withForumCore(forum.dir, async (h) => {
      expect((await h['registrations.list']({ forumId: forum.forumId })).map((r) => r.status)).toEqual([
        'attended',
        'confirmed',
        'attended',
      ]);
      const problems = await h['app.storeProblems']();
      expect(problems).toMatchObject([
        { file: path.join('forums', name), reason: 'corrupt', lastGoodAvailable: false },
      ]);
      expect(problems[0]?.detail).toContain('line 2');
    });
    expect(await logNames(forum.forumsDir)).toEqual([]);
  });

  it('30 scans at the same moment share a few fsyncs, each answered only once on disk', async () => {
    const forum = await forumWith(500);
    const groups = vi.spyOn(AppendLog.prototype as unknown as { writeGroup: () => Promise<void> }, 'writeGroup');
    try {
      await withForumCore(forum.dir, async (h) => {
        await h['registrations.list']({ forumId: forum.forumId });
        const scans = forum.people.slice(0, 30).map((r) => checkIn(h, forum.forumId, r.id));
        const answered = await Promise.all(scans);
        expect(answered.every((r) => r.status === 'attended')).toBe(true);
        expect(groups.mock.calls.length).toBeGreaterThanOrEqual(1);
        expect(groups.mock.calls.length, 'one write and fsync per group, not per scan').toBeLessThanOrEqual(4);
        const killed = await copyAsAfterAKill(forum.dir);
        await withForumCore(killed, async (k) => {
          const list = await k['registrations.list']({ forumId: forum.forumId });
          expect(list.filter((r) => r.checkedInAt).length).toBe(30);
        });
        await fs.rm(killed, { recursive: true, force: true });
      });
    } finally {
      groups.mockRestore();
    }
  });

  it('Ctrl+Z takes a check-in back through the log, and the undo survives a kill', async () => {
    const forum = await forumWith(20);
    const [a] = forum.people as [Registration];
    await withForumCore(forum.dir, async (h) => {
      await checkIn(h, forum.forumId, a.id);
      expect((await h['history.state']()).undo?.action).toBe('registrations.checkIn');
      const before = await fs.stat(forum.file);
      await h['history.undo']();
      expect((await fs.stat(forum.file)).ino, 'undo is a log line too').toBe(before.ino);
      const killed = await copyAsAfterAKill(forum.dir);
      await withForumCore(killed, async (k) => {
        const [first] = await k['registrations.list']({ forumId: forum.forumId });
        expect(first).toMatchObject({ status: 'confirmed', checkedInAt: null });
      });
      await fs.rm(killed, { recursive: true, force: true });
      await h['history.redo']();
      expect((await h['registrations.list']({ forumId: forum.forumId }))[0]?.status).toBe('attended');
    });
  });

  it('a full disk at a scan: save_failed, the registrant as before, no undo step, and the next scan works', async () => {
    const forum = await forumWith(5);
    const [a, b] = forum.people as [Registration, Registration];
    await withForumCore(forum.dir, async (h) => {
      await h['registrations.list']({ forumId: forum.forumId });
      const full = vi
        .spyOn(AppendLog.prototype as unknown as { writeGroup: () => Promise<void> }, 'writeGroup')
        .mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      const [failedA, failedB] = await Promise.allSettled([
        checkIn(h, forum.forumId, a.id),
        checkIn(h, forum.forumId, b.id),
      ]);
      full.mockRestore();
      for (const failed of [failedA, failedB]) {
        expect(failed.status).toBe('rejected');
        if (failed.status === 'rejected') {
          expect(failed.reason).toSatisfy(withCode('save_failed'));
          expect((failed.reason as AppError).message).toContain('the disk is full');
        }
      }
      const list = await h['registrations.list']({ forumId: forum.forumId });
      expect(list.filter((r) => r.checkedInAt)).toEqual([]);
      expect((await h['history.state']()).undo).toBeNull();
      // The disk has room again: the scan goes through, into a new log file.
      await checkIn(h, forum.forumId, a.id);
      const killed = await copyAsAfterAKill(forum.dir);
      await withForumCore(killed, async (k) => {
        const after = await k['registrations.list']({ forumId: forum.forumId });
        expect(after.filter((r) => r.checkedInAt).map((r) => r.id)).toEqual([a.id]);
      });
      await fs.rm(killed, { recursive: true, force: true });
    });
  });

  it('a full disk at an office edit: the edit is refused and kept nowhere, the scan sent right behind it lands', async () => {
    const forum = await forumWith(5);
    const [a, b] = forum.people as [Registration, Registration];
    await withForumCore(forum.dir, async (h) => {
      await h['registrations.list']({ forumId: forum.forumId });
      const full = vi
        .spyOn(durable, 'writeDurable')
        .mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      const edit = h['registrations.save']({
        forumId: forum.forumId,
        registration: { ...emptyRegistrationInput(), id: a.id, fullName: 'اسم لن يحفظ', status: 'confirmed' },
      });
      const scan = checkIn(h, forum.forumId, b.id);
      const [edited, scanned] = await Promise.allSettled([edit, scan]);
      full.mockRestore();
      expect(edited.status === 'rejected' && edited.reason).toSatisfy(withCode('save_failed'));
      // The scan is planned after the failed edit was put back: it stands on its own.
      expect(scanned.status).toBe('fulfilled');
      const states = (list: Registration[]) => list.map((r) => [r.fullName, r.checkedInAt !== null]);
      const expected = forum.people.map((r) => [r.fullName, r.id === b.id]);
      expect(states(await h['registrations.list']({ forumId: forum.forumId }))).toEqual(expected);
      const killed = await copyAsAfterAKill(forum.dir);
      await withForumCore(killed, async (k) => {
        expect(states(await k['registrations.list']({ forumId: forum.forumId }))).toEqual(expected);
      });
      await fs.rm(killed, { recursive: true, force: true });
    });
  });

  it('a backup holds the check-ins made before it; restoring it drops the log of scans made after', async () => {
    const forum = await forumWith(10);
    const [a, b] = forum.people as [Registration, Registration];
    await withForumCore(forum.dir, async (h) => {
      await checkIn(h, forum.forumId, a.id);
      const backup = await h['backups.create']();
      expect(backup.content.forums[0]?.registrations).toBe(10);
      await checkIn(h, forum.forumId, b.id);
      await checkIn(h, forum.forumId, a.id, false);
      await h['backups.restore']({ id: backup.id, forumId: forum.forumId });
      const list = await h['registrations.list']({ forumId: forum.forumId });
      expect(list.filter((r) => r.checkedInAt).map((r) => r.id)).toEqual([a.id]);
      expect(await logNames(forum.forumsDir)).toEqual([]);
    });
    await withForumCore(forum.dir, async (h) => {
      const list = await h['registrations.list']({ forumId: forum.forumId });
      expect(list.filter((r) => r.checkedInAt).map((r) => r.id)).toEqual([a.id]);
    });
  });

  it('an edit in the office still rewrites the file (its last good copy one edit behind), with the scans in it', async () => {
    const forum = await forumWith(4);
    const [a, b] = forum.people as [Registration, Registration];
    await withForumCore(forum.dir, async (h) => {
      await checkIn(h, forum.forumId, a.id);
      const before = await fs.stat(forum.file);
      await h['registrations.save']({
        forumId: forum.forumId,
        registration: { ...emptyRegistrationInput(), id: b.id, fullName: 'اسم مصحح', status: 'confirmed' },
      });
      expect((await fs.stat(forum.file)).ino).not.toBe(before.ino);
      const onDisk = JSON.parse(await fs.readFile(forum.file, 'utf8')) as { data: { registrations: Registration[] } };
      expect(onDisk.data.registrations[0]?.status).toBe('attended');
      expect(await logNames(forum.forumsDir)).toEqual([]);
    });
  });

  it('refuses a second check-in of the same registrant, even when both scans arrive at once', async () => {
    const forum = await forumWith(3);
    const [a] = forum.people as [Registration];
    await withForumCore(forum.dir, async (h) => {
      const both = await Promise.allSettled([checkIn(h, forum.forumId, a.id), checkIn(h, forum.forumId, a.id)]);
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = both.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toSatisfy(
        (e: unknown) => e instanceof AppError && e.code === 'conflict',
      );
    });
  });
});
