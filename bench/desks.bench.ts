import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type AutomergeUrl, type DocHandle, type PeerId, Repo } from '@automerge/automerge-repo';
import { WebSocketClientAdapter, WebSocketServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { WebSocketServer } from 'ws';
import { openCore } from '../src/core/app-core';
import { DeskDoorService, desksDirOf } from '../src/core/desks/desk-door';
import { registrationsFileSpec } from '../src/core/registrations/registration-store';
import { encodeDocument } from '../src/core/store/document-codec';
import { addScan, type CheckInBook } from '../src/shared/desks/check-in-book';
import { DESK_CREDENTIAL_PARAM, DESK_SYNC_PATH, deskPeerPrefix } from '../src/shared/desks/desk-channels';
import { emptyForumInput } from '../src/shared/domain/forum';
import type { Registration } from '../src/shared/domain/registration';
import { existingRegistrations } from './registrant-data';

/**
 * The event day at eight desks: eight desk Repos (Automerge Repo with its
 * WebSocket client adapter, in a worker thread of their own, as separate
 * devices would be) paired through the hub's real desk listener on
 * loopback, each scanning one badge a second for BENCH_DESKS_SECONDS
 * (600 by default: ten minutes), on a forum of 2,000 registrants. One scan
 * in ten is a person already scanned (a double), at whichever desk.
 *
 * - the hub's time per check-in applied: from the scan's arrival in the hub's
 *   copy of the book to its check-in in the registrations store and its line in
 *   the applied ledger, both on disk (the end of the hub's pass); target p99
 *   under 50 ms. Baseline, taking turns with it each second: the registrations
 *   service's own check-in (`registrations.checkIn`, as the hub's check-in screen
 *   calls it) on a second forum of 2,000;
 * - a scan visible on every other desk: from the scan filed at one desk to its
 *   arrival in the copies of all seven others; target p95 under 1 s. Baseline,
 *   taking turns with it each second: a bare Automerge round trip, a change at
 *   one Repo until it is seen at another, through a plain sync server Repo
 *   (the WebSocket server adapter, no listener, no storage) in the hub's thread;
 * - zero lost: the hub holds exactly the scans the desks filed; each person is
 *   checked in once (in the book by their earliest scan, in the ledger, and in
 *   the registrations store at the time of the scan the ledger names), every
 *   other scan listed as a double.
 * Each baseline is checked too: every bare check-in is in its forum, every bare
 * change reached the other Repo and the server.
 */
const PEOPLE = 2000;
const DESKS = 8;
const SCAN_EVERY_MS = 1000;
const DOUBLES_ONE_IN = 10;

interface DeskPass {
  deskId: string;
  credential: string;
}

interface WorkerInput {
  port: number;
  barePort: number;
  bookUrl: AutomergeUrl;
  desks: DeskPass[];
  people: string[];
  seconds: number;
}

interface FiledScan {
  key: string;
  registrationId: string;
  scannedAt: string;
}

type FromDesks =
  | { type: 'ready'; bareUrl: AutomergeUrl }
  | { type: 'tick' }
  | { type: 'done'; filed: FiledScan[]; visible: number[]; unseen: number; bare: number[]; bareKeys: string[] };

/** Milliseconds on a clock that the hub's thread and the desks' thread share. */
const now = () => performance.timeOrigin + performance.now();
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

/** A small deterministic generator, so a run can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** New scan keys in an Automerge change's patches (`scans.<key>` put for the first time). */
function scanKeysIn(patches: readonly { path: readonly (string | number)[] }[], into: (key: string) => void) {
  for (const p of patches) {
    if (p.path[0] === 'scans' && p.path.length === 2 && typeof p.path[1] === 'string') into(p.path[1]);
  }
}

if (isMainThread) await hubSide();
else await deskSide(workerData as WorkerInput);

async function hubSide(): Promise<void> {
  const seconds = Number(process.env.BENCH_DESKS_SECONDS ?? 600);
  if (!Number.isFinite(seconds) || seconds < 5 || seconds > 3600) {
    console.error(`BENCH_DESKS_SECONDS must be between 5 and 3600 (got ${process.env.BENCH_DESKS_SECONDS})`);
    process.exit(2);
  }
  // Bounded: a run that has not ended well after its scans stopped is a failure, not a hang.
  const overrun = setTimeout(
    () => {
      console.error(`desks bench overran ${seconds + 180} s`);
      process.exit(1);
    },
    (seconds + 180) * 1000,
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-bench-desks-'));
  let failures = 0;
  const verdict = (ok: boolean) => {
    if (!ok) failures++;
    return ok ? 'ok' : 'MISSED';
  };
  const hubErrors: string[] = [];
  try {
    const setup = await openCore({ dataDir: dir, appVersion: 'bench', holder: 'test' });
    const forumIds: string[] = [];
    for (const titleAr of ['ملتقى المكاتب', 'ملتقى خط الأساس']) {
      forumIds.push((await setup.handlers['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr })).id);
    }
    await setup.close();
    const [forumId = '', bareForumId = ''] = forumIds;
    const people: Registration[] = existingRegistrations(PEOPLE).map((r) => ({ ...r, status: 'confirmed' }));
    for (const id of forumIds) {
      await fs.writeFile(
        path.join(dir, 'forums', `${id}.registrations.json`),
        encodeDocument(registrationsFileSpec, { nextCode: 10001 + PEOPLE, registrations: people }),
      );
    }

    const core = await openCore({ dataDir: dir, appVersion: 'bench', holder: 'test' });
    const door = await DeskDoorService.open({
      dir: desksDirOf(dir),
      registrations: core.registrations,
      log: (m) => hubErrors.push(m),
    });
    const opened = await door.openDoor(forumId, '127.0.0.1', 0);
    const port = opened.listening?.port ?? 0;
    const desks: DeskPass[] = [];
    for (let d = 0; d < DESKS; d++) {
      const { code } = await door.pairing(forumId);
      const paired = (await postJson(port, '/desk/api/desk.pair', { code })) as DeskPass & { bookUrl: AutomergeUrl };
      desks.push({ deskId: paired.deskId, credential: paired.credential });
    }
    const hub = door.checkInHub;
    const book = await hub.book(forumId);
    // Both forums open, as the hub has a forum open before its door is: the first scan does not time the load.
    await core.handlers['registrations.list']({ forumId });
    await core.handlers['registrations.list']({ forumId: bareForumId });

    // The hub's time per check-in applied: arrival in its book, then the end of the pass that applied it.
    const arrived = new Map<string, number>();
    const pending = new Set<string>();
    const applyTimes: number[] = [];
    const passTimesOfDoubles: number[] = [];
    book.on('change', ({ patches }) => {
      const t = now();
      scanKeysIn(patches, (key) => {
        if (arrived.has(key)) return;
        arrived.set(key, t);
        pending.add(key);
      });
      void hub.settled(forumId).then(async () => {
        const end = now();
        const applied = await hub.applied(forumId);
        const scans = book.doc().scans;
        for (const key of [...pending]) {
          const person = scans[key]?.registrationId;
          const line = person ? applied.get(person) : undefined;
          if (!line) continue; // applied by a later pass
          pending.delete(key);
          (line.entryId === key ? applyTimes : passTimesOfDoubles).push(end - (arrived.get(key) ?? end));
        }
      });
    });

    // The bare sync server for the round-trip baseline: a Repo with the WebSocket server adapter, nothing else.
    const bare = await bareSyncServer();

    const worker = new Worker(new URL(import.meta.url), {
      workerData: {
        port,
        barePort: bare.port,
        bookUrl: book.url,
        desks,
        people: people.map((p) => p.id),
        seconds,
      } satisfies WorkerInput,
    });
    const bareCheckIns: number[] = [];
    const bareCheckedIn: string[] = [];
    let bareUrl: AutomergeUrl | null = null;
    const done = await new Promise<Extract<FromDesks, { type: 'done' }>>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the desks' thread ended (${code}) before its report`)));
      worker.on('message', (message: FromDesks) => {
        if (message.type === 'ready') bareUrl = message.bareUrl;
        if (message.type === 'done') resolve(message);
        if (message.type !== 'tick') return;
        // Each second, one bare check-in on the other forum, taking turns with the desks' scans.
        const person = people[bareCheckedIn.length];
        if (!person) return;
        bareCheckedIn.push(person.id);
        const t0 = now();
        void core.handlers['registrations.checkIn']({ forumId: bareForumId, id: person.id, checkedIn: true }).then(
          () => bareCheckIns.push(now() - t0),
          (error: unknown) => hubErrors.push(`bare check-in: ${(error as Error).message}`),
        );
      });
    });
    await worker.terminate();

    // Everything the desks filed has reached the hub and been applied.
    const filedKeys = new Set(done.filed.map((s) => s.key));
    const end = Date.now() + 60_000;
    while (Object.keys(book.doc().scans).length < filedKeys.size && Date.now() < end) await sleep(50);
    await hub.settled(forumId);
    await sleep(100); // the last pass's timing callback
    const heldKeys = new Set(Object.keys(book.doc().scans));
    const arrivals = await hub.arrivals(forumId);
    const applied = await hub.applied(forumId);
    const earliest = new Map<string, FiledScan>();
    for (const s of done.filed) {
      const first = earliest.get(s.registrationId);
      if (!first || s.scannedAt < first.scannedAt) earliest.set(s.registrationId, s);
    }
    // Each person's check-in in the store is the scan the ledger says was applied. That is the earliest, but
    // for a double whose earlier scan reached the hub after the later one (docs/desks.md: the hub does not rewrite).
    const filedByKey = new Map(done.filed.map((s) => [s.key, s]));
    const registered = new Map((await core.handlers['registrations.list']({ forumId })).map((r) => [r.id, r]));
    const checkedIn = [...registered.values()].filter((r) => r.checkedInAt !== null);
    let laterFirst = 0;
    const ledgerRight = [...earliest].every(([person, first]) => {
      const line = applied.get(person);
      const scan = line ? filedByKey.get(line.entryId) : undefined;
      if (line && line.entryId !== first.key) laterFirst++;
      return (
        line?.outcome === 'checkedIn' &&
        scan?.registrationId === person &&
        registered.get(person)?.checkedInAt === scan.scannedAt &&
        arrivals.checkedIn.get(person)?.entryId === first.key
      );
    });
    const bareHeld = bareUrl ? await bare.keys(bareUrl) : new Set<string>();
    const bareForum = await core.handlers['registrations.list']({ forumId: bareForumId });
    const bareRight =
      bareForum.filter((r) => r.checkedInAt !== null).length === bareCheckedIn.length &&
      bareCheckedIn.every((id) => bareForum.find((r) => r.id === id)?.checkedInAt);

    // The first and the last fifth of the run apart: a pass reads the whole book, which grows all along.
    const fifth = Math.max(1, Math.floor(applyTimes.length / 5));
    const early = applyTimes.slice(0, fifth).sort((a, b) => a - b);
    const late = applyTimes.slice(-fifth).sort((a, b) => a - b);
    applyTimes.sort((a, b) => a - b);
    passTimesOfDoubles.sort((a, b) => a - b);
    bareCheckIns.sort((a, b) => a - b);
    const visible = [...done.visible].sort((a, b) => a - b);
    const bareTrips = [...done.bare].sort((a, b) => a - b);

    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores; ${DESKS} desks, one scan a second each, for ${seconds} s`,
    );
    console.log(
      `forum of ${PEOPLE} registrants: ${done.filed.length} scans filed, ${earliest.size} people, ` +
        `${done.filed.length - earliest.size} doubles`,
    );
    console.log(
      `hub, per check-in applied (${applyTimes.length})   p50 ${ms(percentile(applyTimes, 0.5))}  ` +
        `p95 ${ms(percentile(applyTimes, 0.95))}  p99 ${ms(percentile(applyTimes, 0.99))}  ` +
        `max ${ms(applyTimes.at(-1) ?? Number.NaN)}   target p99 < 50 ms: ${verdict(percentile(applyTimes, 0.99) < 50)}`,
    );
    console.log(
      `  first fifth of the run (${early.length})  p50 ${ms(percentile(early, 0.5))}  p99 ${ms(percentile(early, 0.99))}   ` +
        `last fifth  p50 ${ms(percentile(late, 0.5))}  p99 ${ms(percentile(late, 0.99))}`,
    );
    console.log(
      `  baseline: bare registrations.checkIn (${bareCheckIns.length})  p50 ${ms(percentile(bareCheckIns, 0.5))}  ` +
        `p95 ${ms(percentile(bareCheckIns, 0.95))}  p99 ${ms(percentile(bareCheckIns, 0.99))}  ` +
        `ratio p50 ${(percentile(applyTimes, 0.5) / percentile(bareCheckIns, 0.5)).toFixed(2)}×`,
    );
    console.log(
      `  hub, per double (a pass that checks no one in, ${passTimesOfDoubles.length})  ` +
        `p50 ${ms(percentile(passTimesOfDoubles, 0.5))}  p99 ${ms(percentile(passTimesOfDoubles, 0.99))}`,
    );
    console.log(
      `scan visible on the 7 other desks (${visible.length})   p50 ${ms(percentile(visible, 0.5))}  ` +
        `p95 ${ms(percentile(visible, 0.95))}  p99 ${ms(percentile(visible, 0.99))}  ` +
        `max ${ms(visible.at(-1) ?? Number.NaN)}   target p95 < 1 s: ` +
        verdict(percentile(visible, 0.95) < 1000 && done.unseen === 0),
    );
    console.log(
      `  baseline: bare Automerge round trip (${bareTrips.length})  p50 ${ms(percentile(bareTrips, 0.5))}  ` +
        `p95 ${ms(percentile(bareTrips, 0.95))}  ratio p50 ${(percentile(visible, 0.5) / percentile(bareTrips, 0.5)).toFixed(2)}×`,
    );
    const lost = [...filedKeys].filter((k) => !heldKeys.has(k)).length;
    const extra = [...heldKeys].filter((k) => !filedKeys.has(k)).length;
    console.log(
      `zero lost: ${lost} filed scans missing at the hub, ${extra} it holds that no desk filed, ${done.unseen} not seen ` +
        `at every desk; counted ${arrivals.checkedIn.size} people for ${earliest.size} scanned, ` +
        `${arrivals.doubles.length} doubles for ${done.filed.length - earliest.size}; store: ${checkedIn.length} ` +
        `checked in, each at the scan its ledger line names ${ledgerRight ? 'ok' : 'WRONG'} ` +
        `(${laterFirst} by a later scan that reached the hub first): ` +
        verdict(
          lost === 0 &&
            extra === 0 &&
            arrivals.checkedIn.size === earliest.size &&
            arrivals.doubles.length === done.filed.length - earliest.size &&
            checkedIn.length === earliest.size &&
            applied.size === earliest.size &&
            ledgerRight &&
            pending.size === 0,
        ),
    );
    const bareTripsRight = done.bareKeys.length === done.bare.length && done.bareKeys.every((k) => bareHeld.has(k));
    console.log(
      `baselines checked: ${bareCheckedIn.length} bare check-ins in their forum, ` +
        `${done.bareKeys.length} bare changes at the other Repo and the server: ${verdict(Boolean(bareRight) && bareTripsRight)}`,
    );
    console.log(`hub's log: ${hubErrors.length === 0 ? 'nothing' : hubErrors.slice(0, 5).join(' | ')}`);
    if (hubErrors.length > 0) failures++;
    await bare.close();
    await door.close();
    await core.close();
  } finally {
    clearTimeout(overrun);
    await fs.rm(dir, { recursive: true, force: true });
  }
  process.exit(failures > 0 ? 1 : 0);
}

/** The eight desks, and the two Repos of the round-trip baseline, in a thread of their own. */
async function deskSide(input: WorkerInput): Promise<void> {
  const post = (message: FromDesks) => parentPort?.postMessage(message);
  const desks: { deskId: string; repo: Repo; book: DocHandle<CheckInBook> }[] = [];
  const filedAt = new Map<string, { at: number; desk: number; seen: number; last: number }>();
  const visible: number[] = [];
  for (const [d, pass] of input.desks.entries()) {
    const url = `ws://127.0.0.1:${input.port}${DESK_SYNC_PATH}?${DESK_CREDENTIAL_PARAM}=${pass.credential}`;
    const repo = new Repo({
      network: [new WebSocketClientAdapter(url, 500)],
      peerId: `${deskPeerPrefix(pass.deskId)}bench${d}` as PeerId,
    });
    const book = await repo.find<CheckInBook>(input.bookUrl);
    book.on('change', ({ patches }) => {
      const t = now();
      scanKeysIn(patches, (key) => {
        const filed = filedAt.get(key);
        if (!filed || filed.desk === d) return;
        filed.seen++;
        filed.last = t;
        if (filed.seen === input.desks.length - 1) visible.push(filed.last - filed.at);
      });
    });
    desks.push({ deskId: pass.deskId, repo, book });
  }
  // The baseline: one Repo changes a document, another sees it, through the plain sync server.
  const bareAt = `ws://127.0.0.1:${input.barePort}`;
  const writer = new Repo({ network: [new WebSocketClientAdapter(bareAt, 500)], peerId: 'bare-writer' as PeerId });
  const reader = new Repo({ network: [new WebSocketClientAdapter(bareAt, 500)], peerId: 'bare-reader' as PeerId });
  const bareDoc = writer.create<{ marks: Record<string, number> }>({ marks: {} });
  await writer.flush();
  const bareCopy = await reader.find<{ marks: Record<string, number> }>(bareDoc.url);
  const bareSent = new Map<string, number>();
  const bare: number[] = [];
  bareCopy.on('change', ({ patches }) => {
    const t = now();
    for (const p of patches) {
      const key = p.path[0] === 'marks' && p.path.length === 2 ? String(p.path[1]) : null;
      const sent = key ? bareSent.get(key) : undefined;
      if (key && sent !== undefined && !bare[Number(key)]) bare[Number(key)] = t - sent;
    }
  });
  post({ type: 'ready', bareUrl: bareDoc.url });

  // Eight desks a second, staggered across it; the people in a shuffled order, one scan in ten a double.
  const next = random(19);
  const scanned: string[] = [];
  const unscanned = [...input.people];
  const filed: FiledScan[] = [];
  const started = performance.now();
  const ticks = input.seconds;
  const step = SCAN_EVERY_MS / input.desks.length;
  for (let tick = 0; tick < ticks; tick++) {
    for (const [d, desk] of desks.entries()) {
      const due = started + tick * SCAN_EVERY_MS + d * step;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const double = unscanned.length === 0 || (scanned.length > 0 && Math.floor(next() * DOUBLES_ONE_IN) === 0);
      const person = double
        ? (scanned[Math.floor(next() * scanned.length)] as string)
        : (unscanned.splice(Math.floor(next() * unscanned.length), 1)[0] as string);
      if (!double) scanned.push(person);
      const scannedAt = new Date().toISOString();
      let key = '';
      const at = now();
      desk.book.change((b) => {
        key = addScan(b, { registrationId: person, deskId: desk.deskId, scannedAt });
      });
      filedAt.set(key, { at, desk: d, seen: 0, last: 0 });
      filed.push({ key, registrationId: person, scannedAt });
    }
    post({ type: 'tick' });
    const mark = String(tick);
    bareSent.set(mark, now());
    bareDoc.change((doc) => {
      doc.marks[mark] = tick;
    });
  }
  // Every scan reaches every desk (or is counted unseen after half a minute).
  const end = Date.now() + 30_000;
  while (visible.length < filed.length && Date.now() < end) await sleep(50);
  while (bare.filter((t) => t !== undefined).length < ticks && Date.now() < end) await sleep(50);
  await sleep(200);
  const bareKeys = Object.keys(bareCopy.doc().marks);
  for (const desk of desks) await desk.repo.shutdown();
  await writer.shutdown();
  await reader.shutdown();
  post({
    type: 'done',
    filed,
    visible,
    unseen: filed.length - visible.length,
    bare: bare.filter((t) => t !== undefined),
    bareKeys,
  });
}

async function bareSyncServer() {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const repo = new Repo({ network: [new WebSocketServerAdapter(wss as never)], peerId: 'bare-server' as PeerId });
  return {
    port: (server.address() as AddressInfo).port,
    keys: async (url: AutomergeUrl) =>
      new Set(Object.keys((await repo.find<{ marks: Record<string, number> }>(url)).doc().marks)),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await repo.shutdown();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A POST to the desk listener as a desk's browser makes it (node:http: the Host is the listener's own). */
function postJson(port: number, pathname: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; data?: unknown };
          if (res.statusCode === 200 && reply.ok) resolve(reply.data);
          else reject(new Error(`${pathname} answered ${res.statusCode}: ${JSON.stringify(reply)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
