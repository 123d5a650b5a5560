/**
 * The hub killed with SIGKILL in the middle of a burst and restarted on the
 * same data folder. The hub runs in a child process (hub-child.ts) with the
 * door open on loopback; three desks (Repos over the real sync socket, in
 * this process) file 440 scans of 400 people, 40 of them scanned at two
 * desks, and keep filing while the hub is down. The desks reconnect to the
 * restarted hub by themselves and resend what it lacks. Afterwards: every
 * scan filed is in the hub's book, every person the hub acknowledged before
 * the kill is still checked in, every person is checked in once (the
 * ledger, the registrations store, the book agree), and the 40 doubles are
 * listed with both desks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { DocHandle, Repo } from '@automerge/automerge-repo';
import { describe, expect, it } from 'vitest';
import { CheckInHub } from '../../../../src/core/desks/check-in-hub';
import { addScan, type CheckInBook } from '../../../../src/shared/desks/check-in-book';
import { crashSuite, followChild } from '../../../crash/child-bundle';
import { openAt } from '../backup/backup-fixture';
import { checkedInCount, deskOnSocket, folderWithForum, pairAt, personId, waitUntil } from './desk-fixture';

const PEOPLE = 400;
const TWICE = 40;
const DESKS = 3;

const suite = crashSuite('multaqa-hub-crash-', path.join(__dirname, 'hub-child.ts'));

interface HubProcess {
  child: ChildProcess;
  port: Promise<number>;
  /** People whose ledger line the hub said was on disk. */
  applied: Set<string>;
  nextCode(): Promise<string>;
  exited: Promise<number | null>;
}

function startHub(bundle: string, dir: string, forumId: string, port: number): HubProcess {
  const child = spawn(process.execPath, [bundle, dir, forumId, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const applied = new Set<string>();
  const codes: string[] = [];
  const codeWaiters: ((code: string) => void)[] = [];
  let stderr = '';
  let readyWith: (port: number) => void = () => {};
  let failWith: (error: Error) => void = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    readyWith = resolve;
    failWith = reject;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => failWith(new Error(`the hub exited (${code}) before it was ready: ${stderr}`)));
  followChild(child, {
    line(text) {
      const [word, value = ''] = text.split(' ');
      if (word === 'ready') readyWith(Number(value));
      else if (word === 'applied') applied.add(value);
      else if (word === 'code') {
        const waiter = codeWaiters.shift();
        if (waiter) waiter(value);
        else codes.push(value);
      } else if (word !== 'closed') throw new Error(`the hub said: ${text}`);
    },
    stderr(text) {
      stderr += text;
    },
    fail: (error) => failWith(error as Error),
  });
  return {
    child,
    port: ready,
    applied,
    nextCode() {
      child.stdin?.write('pair\n');
      const code = codes.shift();
      return code ? Promise.resolve(code) : new Promise((resolve) => codeWaiters.push(resolve));
    },
    exited,
  };
}

/**
 * A free port below the range the system gives out for outgoing connections.
 * While the hub is down the desks keep trying to connect to its port; were it
 * in that range, one of their own attempts could be given it as its source
 * port and connect to itself (TCP's simultaneous open), holding the port the
 * hub is to listen on again.
 */
async function portBelowEphemeral(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('No free port found below the ephemeral range');
}

describe('the hub killed mid-burst', () => {
  it('SIGKILL and a restart on the same folder: desks resend, nothing acknowledged lost, nothing counted twice', async () => {
    const { workDir, bundle } = suite.current();
    const dir = await fs.mkdtemp(path.join(workDir, 'folder-'));
    const { forumId } = await folderWithForum(dir, PEOPLE);
    let hub = startHub(bundle, dir, forumId, await portBelowEphemeral());
    const repos: Repo[] = [];
    try {
      const port = await hub.port;
      const desks: { deskId: string; book: DocHandle<CheckInBook> }[] = [];
      for (let d = 0; d < DESKS; d++) {
        const paired = await pairAt(port, await hub.nextCode());
        const { repo, book } = await deskOnSocket(port, paired, `crash${d}`);
        repos.push(repo);
        desks.push({ deskId: paired.deskId, book });
      }

      // Everyone once at one desk, in order; the first 40 again at the next desk a little later.
      const plan: { person: number; desk: number }[] = [];
      for (let p = 0; p < PEOPLE; p++) {
        plan.push({ person: p, desk: p % DESKS });
        if (p >= 50 && p - 50 < TWICE) plan.push({ person: p - 50, desk: (p - 50 + 1) % DESKS });
      }
      expect(plan).toHaveLength(PEOPLE + TWICE);
      const filed = new Map<string, { person: string; deskId: string; scannedAt: string }>();
      const base = Date.parse('2026-12-04T08:00:00.000Z');
      let acknowledgedAtKill = new Set<string>();
      let killedAt = -1;
      let restartedAt = -1;
      for (const [i, s] of plan.entries()) {
        const desk = desks[s.desk];
        if (!desk) throw new Error('no desk');
        const scan = {
          registrationId: personId(s.person),
          deskId: desk.deskId,
          scannedAt: new Date(base + i * 1000).toISOString(),
        };
        desk.book.change((b) => {
          filed.set(addScan(b, scan), { person: scan.registrationId, deskId: scan.deskId, scannedAt: scan.scannedAt });
        });
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 15));
        // Killed once it has acknowledged a good part of the burst, while scans still flow in; a hub slowed
        // down by a loaded machine is waited for at half the burst, so the kill always lands in the middle.
        if (killedAt < 0 && i === Math.floor(plan.length / 2)) {
          await waitUntil('the hub acknowledges a part of the burst', () => hub.applied.size >= 100, 30_000);
        }
        if (killedAt < 0 && hub.applied.size >= 100) {
          hub.child.kill('SIGKILL');
          await hub.exited;
          acknowledgedAtKill = new Set(hub.applied);
          killedAt = i;
        }
        // The desks keep scanning while the hub is down; it comes back sixty scans later.
        if (killedAt >= 0 && restartedAt < 0 && i === killedAt + 60) {
          hub = startHub(bundle, dir, forumId, port);
          expect(await hub.port).toBe(port);
          restartedAt = i;
        }
      }
      expect(killedAt).toBeGreaterThan(0);
      expect(killedAt).toBeLessThan(plan.length - 60);
      expect(acknowledgedAtKill.size).toBeLessThan(PEOPLE);
      expect(restartedAt).toBeGreaterThan(killedAt);

      await waitUntil('every person applied by the restarted hub', () => hub.applied.size === PEOPLE, 40_000);
      for (const id of acknowledgedAtKill) expect(hub.applied.has(id)).toBe(true);
      hub.child.stdin?.write('close\n');
      expect(await hub.exited).toBe(0);
      for (const r of repos.splice(0)) await r.shutdown();

      // The folder as the restarted hub left it, opened once more: it holds every scan and applies nothing more.
      const core = await openAt(dir);
      const again = await CheckInHub.open({ dir: path.join(dir, 'desks'), registrations: core.registrations });
      try {
        await again.settled(forumId);
        const book = (await again.book(forumId)).doc();
        expect(new Set(Object.keys(book.scans))).toEqual(new Set(filed.keys()));
        const arrivals = await again.arrivals(forumId);
        expect(arrivals.checkedIn.size).toBe(PEOPLE);
        expect(arrivals.refused).toEqual([]);
        // The doubles, each with both desks and both times.
        expect(arrivals.doubles).toHaveLength(TWICE);
        for (const d of arrivals.doubles) {
          expect(d.first.registrationId).toBe(d.scan.registrationId);
          expect(d.first.deskId).not.toBe(d.scan.deskId);
          expect(d.first.scannedAt < d.scan.scannedAt).toBe(true);
        }
        // Each person once in the ledger, by one of their own scans; a line the kill cut short was found
        // checked in already rather than applied twice.
        const ledger = await again.applied(forumId);
        expect(ledger.size).toBe(PEOPLE);
        for (const [person, line] of ledger) {
          expect(filed.get(line.entryId)?.person).toBe(person);
          expect(['checkedIn', 'alreadyCheckedIn']).toContain(line.outcome);
        }
        // The store counts each person once, at the time of the scan the ledger names.
        const registrations = await core.handlers['registrations.list']({ forumId });
        expect(await checkedInCount(core, forumId)).toBe(PEOPLE);
        for (const r of registrations) {
          expect(r.checkedInAt).toBe(filed.get(ledger.get(r.id)?.entryId ?? '')?.scannedAt);
        }
      } finally {
        await again.close();
        await core.close();
      }
    } finally {
      for (const r of repos) await r.shutdown();
      hub.child.kill('SIGKILL');
    }
  }, 90_000);
});
