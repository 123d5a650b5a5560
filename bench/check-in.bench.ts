import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/core/app-core';
import { registrationsFileSpec } from '../src/core/registrations/registration-store';
import { forumIdOfLogFile } from '../src/core/registrations/registrations-document';
import { encodeEntry } from '../src/core/registrations/registrations-log';
import { encodeDocument } from '../src/core/store/document-codec';
import { writeDurable } from '../src/core/store/durable-file';
import { emptyForumInput } from '../src/shared/domain/forum';
import type { Registration } from '../src/shared/domain/registration';
import { existingRegistrations } from './registrant-data';

/**
 * Check-in at the door on a forum of 60,000 registrants (the names of
 * registrant-data.ts), through core as the check-in screen calls it:
 * - one check-in at a time (each awaited, as one scanner): p99 under 15 ms;
 *   baseline: a bare append + fdatasync of the same line to a file of its own;
 * - 30 scans at the same moment (Promise.all), each timed until its own answer:
 *   all answered within 200 ms; baseline: the same 30 lines appended by one
 *   write and one fdatasync (what a perfect group commit costs);
 * - the bytes written per check-in (the log's size over the check-ins), beside
 *   the registrations file that every check-in rewrote before the log;
 * - for scale: one rewrite of that file through the durable writer.
 * Each baseline is checked too: its file is read back and must hold every line, in order.
 * At the end the folder is opened again and every check-in must be there.
 */
const REGISTRANTS = 60_000;
const SINGLE = 300;
const WARMUP = 20;
const BURSTS = 10;
const BURST = 30;

/**
 * The baseline: each group of lines appended with one write and one
 * fdatasync, timed. At the end its file is read back and must hold every
 * line in order, or the baseline would be timing something that does not do the job.
 */
class BareLog {
  private readonly times: number[] = [];
  private readonly written: string[] = [];

  private constructor(
    private readonly file: string,
    private readonly handle: fs.FileHandle,
  ) {}

  static async open(file: string): Promise<BareLog> {
    return new BareLog(file, await fs.open(file, 'wx', 0o600));
  }

  async append(lines: string[]): Promise<void> {
    const text = lines.map((l) => `${l}\n`).join('');
    const t0 = performance.now();
    await this.handle.write(text);
    await this.handle.datasync();
    this.times.push(performance.now() - t0);
    this.written.push(text);
  }

  async closeAndCheck(): Promise<number[]> {
    await this.handle.close();
    if ((await fs.readFile(this.file, 'utf8')) !== this.written.join('')) {
      throw new Error(`the baseline's file ${this.file} does not hold its lines`);
    }
    await fs.rm(this.file);
    return this.times.sort((a, b) => a - b);
  }
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'multaqa-bench-checkin-'));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const ms = (n: number) => `${n.toFixed(2)} ms`;
let failures = 0;
const verdict = (ok: boolean) => {
  if (!ok) failures++;
  return ok ? 'ok' : 'MISSED';
};

try {
  const setup = await openCore({ dataDir: dir, appVersion: 'bench', holder: 'test' });
  const forum = await setup.handlers['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى كبير' });
  await setup.close();
  const forumsDir = path.join(dir, 'forums');
  const registrationsFile = path.join(forumsDir, `${forum.id}.registrations.json`);
  const people: Registration[] = existingRegistrations(REGISTRANTS).map((r) => ({ ...r, status: 'confirmed' }));
  const fileText = encodeDocument(registrationsFileSpec, { nextCode: 10001 + REGISTRANTS, registrations: people });
  await fs.writeFile(registrationsFile, fileText);
  const fileBytes = Buffer.byteLength(fileText);

  const core = await openCore({ dataDir: dir, appVersion: 'bench', holder: 'test' });
  const h = core.handlers;
  const forumId = forum.id;
  await h['registrations.list']({ forumId }); // opened, as the check-in screen has it before the first scan
  const checkIn = (r: Registration) => h['registrations.checkIn']({ forumId, id: r.id, checkedIn: true });
  let next = 0;
  const take = () => people[next++] as Registration;

  // --- One check-in at a time, taking turns with the baseline (the same line appended and
  // flushed to a file of its own), so both meet the same load of the machine
  for (let i = 0; i < WARMUP; i++) await checkIn(take());
  const logBytesBefore = await logBytes(forumsDir);
  const single: number[] = [];
  const bareSingle = await BareLog.open(path.join(dir, 'bare-single.log'));
  for (let i = 0; i < SINGLE; i++) {
    const r = take();
    const t0 = performance.now();
    const answer = await checkIn(r);
    single.push(performance.now() - t0);
    await bareSingle.append([encodeEntry({ seq: i + 1, put: answer })]);
  }
  const perCheckIn = ((await logBytes(forumsDir)) - logBytesBefore) / SINGLE;
  single.sort((a, b) => a - b);
  const bare = await bareSingle.closeAndCheck();

  // --- 30 scans at the same moment, taking turns with the baseline: the same 30 lines, one write and one fdatasync
  const burstWorst: number[] = [];
  const bareBurstLog = await BareLog.open(path.join(dir, 'bare-burst.log'));
  for (let b = 0; b < BURSTS; b++) {
    const group = Array.from({ length: BURST }, take);
    const t0 = performance.now();
    const answered = await Promise.all(
      group.map((r) => checkIn(r).then((answer) => ({ answer, t: performance.now() - t0 }))),
    );
    burstWorst.push(Math.max(...answered.map((a) => a.t)));
    await bareBurstLog.append(answered.map((a, i) => encodeEntry({ seq: i + 1, put: a.answer })));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  burstWorst.sort((a, b) => a - b);
  const bareBurst = await bareBurstLog.closeAndCheck();

  // --- For scale: what each check-in cost before the log, one durable rewrite of the whole file
  const rewrites: number[] = [];
  const copy = path.join(dir, 'rewrite-copy.json');
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await writeDurable(
      copy,
      encodeDocument(registrationsFileSpec, { nextCode: 10001 + REGISTRANTS, registrations: people }),
    );
    rewrites.push(performance.now() - t0);
  }
  rewrites.sort((a, b) => a - b);

  // --- Closing folds the log into the file (a compaction)
  const t0 = performance.now();
  await core.close();
  const compaction = performance.now() - t0;

  // --- Correctness: every check-in is in the file, the log is gone
  const reopened = await openCore({ dataDir: dir, appVersion: 'bench', holder: 'test' });
  const checkedIn = (await reopened.handlers['registrations.list']({ forumId })).filter((r) => r.checkedInAt).length;
  await reopened.close();
  const logsLeft = (await fs.readdir(forumsDir)).filter((n) => forumIdOfLogFile(n) !== null).length;
  const expected = WARMUP + SINGLE + BURSTS * BURST;

  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(
    `forum of ${REGISTRANTS.toLocaleString('en')} registrants, registrations file ${(fileBytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `one check-in at a time (${SINGLE})        p50 ${ms(percentile(single, 0.5))}  p99 ${ms(percentile(single, 0.99))}  ` +
      `max ${ms(single.at(-1) ?? 0)}   target p99 < 15 ms: ${verdict(percentile(single, 0.99) < 15)}`,
  );
  console.log(
    `  baseline: bare append + fdatasync         p50 ${ms(percentile(bare, 0.5))}  p99 ${ms(percentile(bare, 0.99))}  ` +
      `ratio p50 ${(percentile(single, 0.5) / percentile(bare, 0.5)).toFixed(2)}×`,
  );
  console.log(
    `${BURST} scans at once (${BURSTS} bursts), slowest answer  median ${ms(percentile(burstWorst, 0.5))}  ` +
      `worst ${ms(burstWorst.at(-1) ?? 0)}   target all < 200 ms: ${verdict((burstWorst.at(-1) ?? Infinity) < 200)}`,
  );
  console.log(
    `  baseline: ${BURST} lines, one write + fdatasync  median ${ms(percentile(bareBurst, 0.5))}  worst ${ms(bareBurst.at(-1) ?? 0)}`,
  );
  console.log(
    `bytes written per check-in: ${perCheckIn.toFixed(0)} B (log line)   before the log: ${(fileBytes / 1e6).toFixed(1)} MB ` +
      `(the whole file, and its .bak renamed)`,
  );
  console.log(`  for scale: one durable rewrite of the file  median ${ms(percentile(rewrites, 0.5))}`);
  console.log(`closing (the log folded into the file)       ${ms(compaction)}`);
  console.log(
    `reopened: ${checkedIn} of ${expected} check-ins in the file, ${logsLeft} log files left: ${verdict(checkedIn === expected && logsLeft === 0)}`,
  );
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);

async function logBytes(forumsDir: string): Promise<number> {
  let total = 0;
  for (const name of await fs.readdir(forumsDir)) {
    if (forumIdOfLogFile(name) !== null) total += (await fs.stat(path.join(forumsDir, name))).size;
  }
  return total;
}
