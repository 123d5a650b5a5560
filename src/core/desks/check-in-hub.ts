import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  type AutomergeUrl,
  type DocHandle,
  type DocumentId,
  getConflicts,
  isValidAutomergeUrl,
  type NetworkAdapterInterface,
  type PeerId,
  parseAutomergeUrl,
  Repo,
  type RepoConfig,
} from '@automerge/automerge-repo';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import { z } from 'zod';
import {
  type Arrivals,
  arrivalsOf,
  type CheckInBook,
  newCheckInBook,
  type ScanParses,
  walkInsOf,
} from '../../shared/desks/check-in-book';
import type { Registration } from '../../shared/domain/registration';
import { AppError } from '../../shared/errors';
import { asCaller } from '../caller';
import { writeDurable } from '../store/durable-file';
import { AppliedLedger, type AppliedLine, type AppliedOutcome } from './applied-ledger';

/** What the hub asks of the registrations: the check-in the hub's own check-in screen makes, and walk-ins. */
export interface CheckInTarget {
  checkIn(forumId: string, id: string, checkIn: boolean, options: { checkedInAt?: string }): Promise<unknown>;
  addWalkIn(
    forumId: string,
    walkIn: Pick<Registration, 'id' | 'code' | 'fullName' | 'fullNameEn' | 'organisation'> &
      Partial<Pick<Registration, 'category' | 'mobile'>>,
    registeredAt: string,
  ): Promise<unknown>;
}

/** The badge codes reserved for a desk's walk-ins, or null for a desk that has none (or is not known). */
export type WalkInCodes = (deskId: string) => { first: number; last: number } | null;

export interface CheckInHubOptions {
  /** The data folder's `desks/`: the books' replicas, their index and the applied ledgers. */
  dir: string;
  registrations: CheckInTarget;
  /** Whose walk-ins may take which codes; without it, no walk-in is registered. */
  walkInCodes?: WalkInCodes;
  /** The connections to desks and to a sync server; more can be added while open (`addNetwork`). */
  network?: NetworkAdapterInterface[];
  peerId?: string;
  /** Which documents a connected peer may read and write (the desk listener limits a desk to its forum's book). */
  shareConfig?: RepoConfig['shareConfig'];
  log?: (message: string) => void;
}

const booksIndexSchema = z.record(z.string().uuid(), z.string().refine(isValidAutomergeUrl));

/**
 * The hub's side of the check-in desks. Each forum has one check-in book
 * (an Automerge document, replicated with every desk of the forum and kept
 * in `desks/` through Automerge's Node storage); the hub reads every scan
 * the book gathers and applies the one that counts for each person to the
 * registrations store, through the same check-in as the hub's own screen
 * (one line in the forum's check-in log). The applied ledger makes this
 * idempotent: each person once, across duplicate scans and restarts.
 */
export class CheckInHub {
  readonly repo: Repo;
  private readonly forums = new Map<string, Promise<ForumBook>>();
  private index: Record<string, AutomergeUrl> = {};
  private closed = false;

  private constructor(
    private readonly options: CheckInHubOptions,
    private readonly log: (message: string) => void,
  ) {
    this.repo = new Repo({
      storage: new NodeFSStorageAdapter(path.join(options.dir, 'books')),
      network: options.network ?? [],
      ...(options.peerId ? { peerId: options.peerId as PeerId } : {}),
      ...(options.shareConfig ? { shareConfig: options.shareConfig } : {}),
    });
  }

  static async open(options: CheckInHubOptions): Promise<CheckInHub> {
    await fs.mkdir(options.dir, { recursive: true });
    const hub = new CheckInHub(options, options.log ?? ((m) => console.error(m)));
    hub.index = await readIndex(hub.indexFile);
    return hub;
  }

  private get indexFile(): string {
    return path.join(this.options.dir, 'books.json');
  }

  addNetwork(adapter: NetworkAdapterInterface): void {
    this.repo.networkSubsystem.addNetworkAdapter(adapter);
  }

  removeNetwork(adapter: NetworkAdapterInterface): void {
    this.repo.networkSubsystem.removeNetworkAdapter(adapter);
  }

  /** The forum's book, made the first time it is asked for; its scans are applied from then on. */
  async book(forumId: string): Promise<DocHandle<CheckInBook>> {
    return (await this.forumBook(forumId)).handle;
  }

  /** The book's URL, which a desk is given at pairing to find the book with. */
  async bookUrl(forumId: string): Promise<AutomergeUrl> {
    return (await this.book(forumId)).url;
  }

  /** The forum's book's document id, when it has one (for the share policy, which must answer at once). */
  bookDocumentId(forumId: string): DocumentId | null {
    const url = this.index[forumId];
    return url ? parseAutomergeUrl(url).documentId : null;
  }

  /**
   * Follows a book another hub made (through a sync server the organisation
   * runs): this hub's copy of the forum then takes that book's scans. Refused
   * when this hub has a book of its own for the forum already.
   */
  async follow(forumId: string, url: AutomergeUrl): Promise<DocHandle<CheckInBook>> {
    const known = this.index[forumId];
    if (known && known !== url) throw new AppError('conflict', 'This forum has a check-in book of its own already.');
    if (!known) await this.saveIndex({ ...this.index, [forumId]: url });
    return this.book(forumId);
  }

  /** Who is checked in, by which desk and when, and the doubles: from the book's entries. */
  async arrivals(forumId: string): Promise<Arrivals> {
    const book = await this.forumBook(forumId);
    return arrivalsOf(entriesOf(book.handle.doc(), 'scans'), book.parses);
  }

  /** What was applied for each person's scans (for the door page and the tests). */
  async applied(forumId: string): Promise<ReadonlyMap<string, AppliedLine>> {
    return (await this.forumBook(forumId)).ledger.scans;
  }

  /** What became of each walk-in the desks registered. */
  async appliedWalkIns(forumId: string): Promise<ReadonlyMap<string, AppliedLine>> {
    return (await this.forumBook(forumId)).ledger.walkIns;
  }

  /** Resolves once every scan the book holds now has been applied (or refused). */
  async settled(forumId: string): Promise<void> {
    await (await this.forumBook(forumId)).settled();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const books = await Promise.allSettled(this.forums.values());
    for (const b of books) if (b.status === 'fulfilled') await b.value.close();
    await this.repo.flush().catch(() => {});
    await this.repo.shutdown();
  }

  private forumBook(forumId: string): Promise<ForumBook> {
    if (this.closed) return Promise.reject(new AppError('conflict', 'The check-in hub is closed.'));
    let pending = this.forums.get(forumId);
    if (!pending) {
      pending = this.openForumBook(forumId);
      this.forums.set(forumId, pending);
      pending.catch(() => this.forums.delete(forumId));
    }
    return pending;
  }

  private async openForumBook(forumId: string): Promise<ForumBook> {
    const known = this.index[forumId];
    let handle: DocHandle<CheckInBook>;
    if (known) {
      handle = await this.repo.find<CheckInBook>(known);
      // A book made before walk-ins: its map is made once, here, before a desk is given the book, so the
      // desks add keys to the hub's map instead of each making a map of its own (see newCheckInBook).
      if (handle.doc().walkIns === undefined) {
        handle.change((b) => {
          b.walkIns ??= {};
        });
      }
    } else {
      handle = this.repo.create<CheckInBook>(newCheckInBook(forumId));
      // The book is on disk before the index names it, so a crash never leaves an index pointing at nothing.
      await this.repo.flush([handle.documentId]);
      await this.saveIndex({ ...this.index, [forumId]: handle.url });
    }
    const ledger = await AppliedLedger.open(path.join(this.options.dir, 'applied'), forumId);
    const book = new ForumBook(
      forumId,
      handle,
      ledger,
      this.options.registrations,
      this.options.walkInCodes ?? (() => null),
      this.log,
    );
    book.start();
    return book;
  }

  private async saveIndex(next: Record<string, AutomergeUrl>): Promise<void> {
    await writeDurable(this.indexFile, JSON.stringify(next, null, 2));
    this.index = next;
  }
}

async function readIndex(file: string): Promise<Record<string, AutomergeUrl>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = booksIndexSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('internal', `The check-in books' index ${file} cannot be read.`);
  return parsed.data as Record<string, AutomergeUrl>;
}

/**
 * Every entry the book holds under `name`, in every map made under that name.
 * Two copies that each made the map while apart (desks filing walk-ins in a
 * book from before walk-ins) conflict on the name, and Automerge shows one of
 * the two maps and hides the other; the hub reads them all, so no desk's
 * entries are lost. Entry keys begin with the desk's id, so the maps' keys do
 * not collide.
 */
function entriesOf(book: CheckInBook, name: 'scans' | 'walkIns'): Record<string, unknown> {
  const maps = Object.values(getConflicts(book, name) ?? {});
  if (maps.length <= 1) return book[name] ?? {};
  const entries: Record<string, unknown> = {};
  for (const map of maps) {
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) Object.assign(entries, map);
  }
  return entries;
}

/** One forum's book and what applies its scans. */
class ForumBook {
  /** People being applied now: a second pass must not apply them again while the first waits for its fsync. */
  private readonly inFlight = new Set<string>();
  /** The entries parsed by earlier passes: each pass reads the whole book, and parses only what is new. */
  readonly parses: ScanParses = new WeakMap();
  private running: Promise<void> | null = null;
  private again = false;
  private readonly onChange = () => this.schedule();

  constructor(
    private readonly forumId: string,
    readonly handle: DocHandle<CheckInBook>,
    readonly ledger: AppliedLedger,
    private readonly registrations: CheckInTarget,
    private readonly walkInCodes: WalkInCodes,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    this.handle.on('change', this.onChange);
    // A restart: scans that arrived before, or while the hub was down, are applied now.
    this.schedule();
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.handle.off('change', this.onChange);
    await this.settled();
    await this.ledger.close();
  }

  /** Many scans arrive in one burst: one pass runs at a time, and one more after it if anything came meanwhile. */
  private schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runPasses();
  }

  private async runPasses(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.applyPass();
      } while (this.again);
    } catch (error) {
      this.log(`[multaqa desks] the check-in book could not be read: ${(error as Error).message}`);
    } finally {
      // Cleared in the same step as the last look at `again`, so a change arriving now starts a new pass.
      this.running = null;
    }
  }

  private async applyPass(): Promise<void> {
    const book = this.handle.doc();
    // Walk-ins first: their scans then find them registered (and checked in already).
    const walkIns: Promise<void>[] = [];
    for (const walkIn of walkInsOf(entriesOf(book, 'walkIns')).valid) {
      const flight = `walkIn:${walkIn.registrationId}`;
      if (this.ledger.has('walkIn', walkIn.registrationId) || this.inFlight.has(flight)) continue;
      this.inFlight.add(flight);
      walkIns.push(this.registerWalkIn(walkIn).finally(() => this.inFlight.delete(flight)));
    }
    await Promise.all(walkIns);
    const { checkedIn } = arrivalsOf(entriesOf(book, 'scans'), this.parses);
    const work: Promise<void>[] = [];
    for (const [registrationId, scan] of checkedIn) {
      if (this.ledger.has('scan', registrationId) || this.inFlight.has(registrationId)) continue;
      this.inFlight.add(registrationId);
      work.push(
        this.applyOne(registrationId, scan.entryId, scan.deskId, scan.scannedAt).finally(() =>
          this.inFlight.delete(registrationId),
        ),
      );
    }
    await Promise.all(work);
  }

  private async applyOne(registrationId: string, entryId: string, deskId: string, scannedAt: string): Promise<void> {
    let outcome: AppliedOutcome;
    try {
      // Each desk's check-ins are its own undo history, so Ctrl+Z in a hub window never takes back a desk's scan.
      await asCaller({ clientId: `desk:${deskId}` }, () =>
        this.registrations.checkIn(this.forumId, registrationId, true, { checkedInAt: scannedAt }),
      );
      outcome = 'checkedIn';
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') outcome = 'alreadyCheckedIn';
      else if (error instanceof AppError && error.code === 'not_found') outcome = 'unknown';
      else {
        // A full disk, a read-only folder: not recorded, so the scan is applied at the next pass.
        this.log(`[multaqa desks] scan ${entryId} could not be applied: ${(error as Error).message}`);
        return;
      }
    }
    await this.recordOr({ kind: 'scan', registrationId, entryId, outcome });
  }

  private async registerWalkIn(walkIn: ReturnType<typeof walkInsOf>['valid'][number]): Promise<void> {
    const block = this.walkInCodes(walkIn.deskId);
    const code = Number(walkIn.code);
    let outcome: AppliedOutcome;
    if (!block || code < block.first || code > block.last) {
      outcome = 'refused';
    } else {
      try {
        await asCaller({ clientId: `desk:${walkIn.deskId}` }, () =>
          this.registrations.addWalkIn(
            this.forumId,
            {
              id: walkIn.registrationId,
              code: walkIn.code,
              fullName: walkIn.fullName,
              fullNameEn: walkIn.fullNameEn,
              organisation: walkIn.organisation,
              ...(walkIn.category ? { category: walkIn.category } : {}),
              ...(walkIn.mobile ? { mobile: walkIn.mobile } : {}),
            },
            walkIn.registeredAt,
          ),
        );
        outcome = 'registered';
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'conflict' && error.code !== 'invalid_request')) {
          this.log(`[multaqa desks] walk-in ${walkIn.entryId} could not be registered: ${(error as Error).message}`);
          return;
        }
        outcome = 'refused';
      }
    }
    await this.recordOr({
      kind: 'walkIn',
      registrationId: walkIn.registrationId,
      entryId: walkIn.entryId,
      outcome,
    });
  }

  private async recordOr(line: AppliedLine): Promise<void> {
    const { entryId } = line;
    try {
      await this.ledger.record(line);
    } catch (error) {
      // The check-in landed but its ledger line did not: the next pass finds the person checked in already.
      this.log(`[multaqa desks] scan ${entryId} applied but not recorded: ${(error as Error).message}`);
    }
  }
}
