import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DESK_ID } from '../../shared/desks/check-in-book';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '../../shared/desks/desk-channels';
import { AppError } from '../../shared/errors';
import { writeDurable } from '../store/durable-file';

/**
 * The desks paired with this hub: who may use the desk listener, for which
 * forum. A desk is paired by a short code the hub shows (typed, or in the
 * QR code), exchanged once for a credential of its own; the hub keeps only
 * the credential's SHA-256, so the file in the data folder (and its backups)
 * lets no one pose as a desk. Revoking a desk takes effect at once: its
 * credential is refused from the next request, and the listener closes its
 * open socket.
 *
 * `desks/desks.json`, written durably at each pairing and revocation.
 */
export const deskRecordSchema = z.object({
  id: z.string().regex(DESK_ID),
  forumId: z.string().uuid(),
  /** «Desk 2»: numbered per forum in the order paired, never reused. */
  number: z.number().int().min(1),
  credentialSha256: z.string().regex(/^[0-9a-f]{64}$/),
  pairedAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
  /** The badge codes reserved for the walk-ins this desk registers. */
  codes: z.object({ first: z.number().int(), last: z.number().int() }).nullable().default(null),
});
export type DeskRecord = z.infer<typeof deskRecordSchema>;

export const registryFileSchema = z.object({ desks: z.array(deskRecordSchema) });

/** A pairing code is good for this long, once. */
export const PAIRING_LIFETIME_MS = 10 * 60_000;
/**
 * Wrong codes tried before every code waiting is voided: eight characters
 * of 31 cannot be guessed in so few tries, and a desk that mistyped asks
 * the coordinator for a new code.
 */
export const WRONG_CODES_ALLOWED = 10;

export interface PendingPairing {
  code: string;
  forumId: string;
  expiresAt: number;
}

export interface PairedDesk {
  desk: DeskRecord;
  /** Given to the desk once, never stored. */
  credential: string;
}

export class DeskRegistry {
  private readonly pending = new Map<string, PendingPairing>();
  private wrongCodes = 0;

  private constructor(
    private readonly file: string,
    private desks: DeskRecord[],
    private readonly now: () => number,
  ) {}

  static async open(dir: string, now: () => number = Date.now): Promise<DeskRegistry> {
    const file = path.join(dir, 'desks.json');
    let desks: DeskRecord[] = [];
    try {
      const parsed = registryFileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      if (!parsed.success) throw new AppError('internal', `The paired desks' file ${file} cannot be read.`);
      desks = parsed.data.desks;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new DeskRegistry(file, desks, now);
  }

  /** A new code for one more desk of the forum. */
  newPairing(forumId: string): PendingPairing {
    this.dropExpired();
    let code = '';
    do {
      code = Array.from(
        { length: PAIRING_CODE_LENGTH },
        () => PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)],
      ).join('');
    } while (this.pending.has(code));
    const pairing = { code, forumId, expiresAt: this.now() + PAIRING_LIFETIME_MS };
    this.pending.set(code, pairing);
    this.wrongCodes = 0;
    return pairing;
  }

  /**
   * Exchanges a code for a desk and its credential; the code is spent.
   * `reserve` sets aside the new desk's block of badge codes first.
   */
  async pair(
    typed: string,
    reserve: (forumId: string, deskNumber: number, deskId: string) => Promise<DeskRecord['codes']> = async () => null,
  ): Promise<PairedDesk> {
    this.dropExpired();
    const code = typed.trim().toUpperCase();
    const pairing = this.pending.get(code);
    if (!pairing) {
      this.wrongCodes++;
      if (this.wrongCodes >= WRONG_CODES_ALLOWED) this.pending.clear();
      throw new AppError('forbidden', 'This pairing code is not known, was used already, or has expired.', [
        { path: ['code'], message: 'desks.errors.codeUnknown' },
      ]);
    }
    this.pending.delete(code);
    const credential = randomBytes(32).toString('hex');
    const id = randomBytes(8).toString('hex');
    const number = Math.max(0, ...this.desks.filter((d) => d.forumId === pairing.forumId).map((d) => d.number)) + 1;
    const desk: DeskRecord = {
      id,
      forumId: pairing.forumId,
      number,
      credentialSha256: sha256(credential),
      pairedAt: new Date(this.now()).toISOString(),
      revokedAt: null,
      codes: await reserve(pairing.forumId, number, id),
    };
    await this.save([...this.desks, desk]);
    return { desk, credential };
  }

  /** The desk a credential belongs to, when it is one of ours and not revoked. */
  deskOf(credential: string): DeskRecord | null {
    if (!/^[0-9a-f]{64}$/.test(credential)) return null;
    const hash = Buffer.from(sha256(credential), 'hex');
    for (const desk of this.desks) {
      if (desk.revokedAt === null && timingSafeEqual(hash, Buffer.from(desk.credentialSha256, 'hex'))) return desk;
    }
    return null;
  }

  byId(deskId: string): DeskRecord | null {
    return this.desks.find((d) => d.id === deskId) ?? null;
  }

  list(forumId: string): DeskRecord[] {
    return this.desks.filter((d) => d.forumId === forumId);
  }

  async revoke(forumId: string, deskId: string): Promise<DeskRecord> {
    const desk = this.desks.find((d) => d.id === deskId && d.forumId === forumId);
    if (!desk) throw new AppError('not_found', 'No such desk in this forum.');
    if (desk.revokedAt) return desk;
    const revoked = { ...desk, revokedAt: new Date(this.now()).toISOString() };
    await this.save(this.desks.map((d) => (d.id === deskId ? revoked : d)));
    return revoked;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [code, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(code);
  }

  private async save(desks: DeskRecord[]): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeDurable(this.file, JSON.stringify({ desks }, null, 2));
    this.desks = desks;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
