import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppendLog, readLogLines } from '../store/append-log';

/**
 * What the hub has done with the desks' scans of one forum: for each person,
 * the scan it applied to the registrations store and how that went. It is
 * what makes applying idempotent: a person in the ledger is never applied
 * again, not when the same scan comes back from another desk, not after a
 * restart, and not after the coordinator took that check-in back at the hub
 * (an undo there stands; a desk's old scan does not overrule it).
 *
 * `desks/<forumId>.applied.<8 hex>.log`, one JSON line per person, written
 * with the store's durable group-committed append. Each run of the hub writes
 * a file of its own (an append log is never reopened for writing); at open the
 * files are read together and, when there are several, copied into one new
 * file before the old ones are removed, so a crash at any point leaves every
 * line in at least one file.
 */
export const APPLIED_OUTCOMES = [
  /** The person was checked in from this scan. */
  'checkedIn',
  /** The person was checked in already (at the hub's own check-in screen, or before a crash cut the line short). */
  'alreadyCheckedIn',
  /** No such registration in this forum (deleted, or a forged id): nothing to check in. */
  'unknown',
  /** A walk-in registered (and checked in) from a desk's entry. */
  'registered',
  /** A walk-in not registered: its code is not of its desk's block, or its id or code is in use. */
  'refused',
] as const;
export type AppliedOutcome = (typeof APPLIED_OUTCOMES)[number];

const lineSchema = z.object({
  /** A scan (absent in lines written before walk-ins) or a walk-in's registration. */
  kind: z.enum(['scan', 'walkIn']).default('scan'),
  registrationId: z.string(),
  entryId: z.string(),
  outcome: z.enum(APPLIED_OUTCOMES),
});
export type AppliedLine = z.infer<typeof lineSchema>;
export type AppliedKind = AppliedLine['kind'];

const keyOf = (kind: AppliedKind, registrationId: string) => `${kind}:${registrationId}`;

const PREFIX_END = '.applied.';

/** Whether `name` is one of the forum's ledger files (`<forumId>.applied.<8 hex>.log`). */
export function isLedgerFileOf(name: string, forumId: string): boolean {
  return name.startsWith(`${forumId}${PREFIX_END}`) && name.endsWith('.log');
}

export class AppliedLedger {
  private log: AppendLog | null = null;

  private constructor(
    private readonly dir: string,
    private readonly forumId: string,
    /** `<kind>:<registration id>` → what was done. */
    private readonly lines: Map<string, AppliedLine>,
  ) {}

  static async open(dir: string, forumId: string): Promise<AppliedLedger> {
    await fs.mkdir(dir, { recursive: true });
    const files = (await fs.readdir(dir)).filter((n) => isLedgerFileOf(n, forumId)).sort();
    const applied = new Map<string, AppliedLine>();
    const put = (line: AppliedLine) => {
      const key = keyOf(line.kind, line.registrationId);
      if (!applied.has(key)) applied.set(key, line);
    };
    for (const name of files) {
      // A torn last line was never acknowledged: its person is applied again, which the store answers
      // with "already checked in", recorded then.
      const { lines } = await readLogLines(path.join(dir, name));
      for (const line of lines) {
        const parsed = lineSchema.safeParse(safeJson(line));
        if (parsed.success) put(parsed.data);
      }
    }
    const ledger = new AppliedLedger(dir, forumId, applied);
    if (files.length > 1) {
      await ledger.write([...applied.values()]);
      await Promise.all(files.map((name) => fs.rm(path.join(dir, name), { force: true })));
    }
    return ledger;
  }

  has(kind: AppliedKind, registrationId: string): boolean {
    return this.lines.has(keyOf(kind, registrationId));
  }

  /** Each person's scan that was applied, by registration id. */
  get scans(): ReadonlyMap<string, AppliedLine> {
    return new Map([...this.lines.values()].filter((l) => l.kind === 'scan').map((l) => [l.registrationId, l]));
  }

  /** The walk-ins' registrations, by registration id. */
  get walkIns(): ReadonlyMap<string, AppliedLine> {
    return new Map([...this.lines.values()].filter((l) => l.kind === 'walkIn').map((l) => [l.registrationId, l]));
  }

  /** Records what was done; resolves once the line is on disk. */
  async record(line: AppliedLine): Promise<void> {
    await this.write([line]);
    this.lines.set(keyOf(line.kind, line.registrationId), line);
  }

  async close(): Promise<void> {
    await this.log?.close();
    this.log = null;
  }

  private async write(lines: readonly AppliedLine[]): Promise<void> {
    if (lines.length === 0) return;
    // A log whose write failed takes no more lines: the next line starts a new file.
    if (!this.log?.usable) {
      const name = `${this.forumId}${PREFIX_END}${randomBytes(4).toString('hex')}.log`;
      this.log = new AppendLog(path.join(this.dir, name));
    }
    const log = this.log;
    await Promise.all(lines.map((line) => log.append(JSON.stringify(line))));
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
