import { automergeWasmBase64 } from '@automerge/automerge/automerge.wasm.base64';
import {
  Automerge,
  type AutomergeUrl,
  type DocHandle,
  decodeHeads,
  initializeBase64Wasm,
  type PeerId,
  Repo,
  type UrlHeads,
} from '@automerge/automerge-repo/slim';
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import {
  addScan,
  addWalkIn,
  type CheckInBook,
  type DeskScan,
  type DeskWalkIn,
  entryKeyOf,
  randomKeyPart,
} from '../shared/desks/check-in-book';
import { DESK_CREDENTIAL_PARAM, DESK_SYNC_PATH, deskPeerPrefix } from '../shared/desks/desk-channels';
import type { Pairing } from './desk-link';

/**
 * This desk's copy of the forum's check-in book: an Automerge Repo kept in
 * the browser's IndexedDB (so what the desk filed survives a reload or a
 * closed tab) and synced with the hub over the door's socket whenever the
 * network lets it (the adapter retries every second).
 *
 * What the hub holds of this desk's entries is told by the hub itself: its
 * sync messages carry the heads of its copy. An entry of ours in the book as
 * it stands at those heads is one the hub has; every other is waiting. The
 * heads are kept in localStorage, so a desk reloaded while the hub is out
 * of reach still counts what it is waiting to send.
 */

export interface DeskBookState {
  /** The book as this desk holds it, or null until it is loaded (from IndexedDB, or from the hub the first time). */
  book: CheckInBook | null;
  /** The sync socket is open and the hub answered on it. */
  online: boolean;
  /** This desk's scans (a walk-in files one too) the hub has not confirmed holding. */
  waiting: number;
  /** The browser keeps the book in IndexedDB; false when it refused (a private window): synced, not kept. */
  kept: boolean;
}

const HUB_HEADS_KEY = 'multaqa.desk.hubHeads';

let wasm: Promise<void> | null = null;

export class DeskBook {
  private state: DeskBookState;
  private readonly listeners = new Set<() => void>();
  private handle: DocHandle<CheckInBook> | null = null;
  private hubHeads: UrlHeads | null;
  private recount: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  private constructor(
    private readonly repo: Repo,
    private readonly adapter: BrowserWebSocketClientAdapter,
    private readonly pairing: Pairing,
    kept: boolean,
  ) {
    this.state = { book: null, online: false, waiting: 0, kept };
    this.hubHeads = readHubHeads(pairing.deskId);
  }

  static async open(pairing: Pairing): Promise<DeskBook> {
    wasm ??= initializeBase64Wasm(automergeWasmBase64);
    await wasm;
    const origin = new URL(window.location.href);
    const socket = `ws://${origin.host}${DESK_SYNC_PATH}?${DESK_CREDENTIAL_PARAM}=${encodeURIComponent(pairing.credential)}`;
    const adapter = new BrowserWebSocketClientAdapter(socket, 1000);
    // One database per desk: a desk paired again (a new desk id) starts from the hub's book, not an old copy.
    const database = `multaqa-desk-${pairing.deskId}`;
    const kept = await indexedDbOpens();
    const repo = new Repo({
      network: [adapter],
      // Without IndexedDB the desk still checks in, online; the page says what it cannot keep.
      ...(kept ? { storage: new IndexedDBStorageAdapter(database) } : {}),
      // The hub tells which desk a sync message comes from by this prefix; each tab is a peer of its own.
      peerId: `${deskPeerPrefix(pairing.deskId)}${randomKeyPart()}` as PeerId,
    });
    const desk = new DeskBook(repo, adapter, pairing, kept);
    desk.watchNetwork();
    void desk.load();
    return desk;
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): DeskBookState => this.state;

  /** Files a scan of this desk, now, by this desk's clock; returns its key. */
  scan(registrationId: string): string {
    const scan: DeskScan = { registrationId, deskId: this.pairing.deskId, scannedAt: new Date().toISOString() };
    return this.change((book) => addScan(book, scan, randomKeyPart()));
  }

  /** Files a walk-in and its scan; returns the scan's key. */
  walkIn(walkIn: DeskWalkIn): string {
    const unique = randomKeyPart();
    this.change((book) => addWalkIn(book, walkIn, unique));
    return entryKeyOf(walkIn.deskId, unique);
  }

  /** Closed once, whoever asks first (the screen leaving, or the desk found revoked). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.recount) clearTimeout(this.recount);
    await this.repo.shutdown();
  }

  private change(edit: (book: CheckInBook) => string): string {
    const handle = this.handle;
    if (!handle) throw new Error('The check-in book is not loaded yet.');
    let key = '';
    handle.change((book) => {
      key = edit(book);
    });
    // Written to IndexedDB now, not after the Repo's usual pause: a reload right after a scan keeps it.
    void this.repo.flush([handle.documentId]);
    return key;
  }

  private async load(): Promise<void> {
    while (!this.closed && !this.handle) {
      try {
        const handle = await this.repo.find<CheckInBook>(this.pairing.bookUrl as AutomergeUrl);
        this.handle = handle;
        handle.on('change', () => this.update());
        handle.on('remote-heads', ({ storageId, heads }) => {
          if (storageId !== this.hubStorageId()) return;
          this.hubHeads = heads;
          saveHubHeads(this.pairing.deskId, heads);
          this.update();
        });
        this.update();
      } catch {
        // Not in IndexedDB and the hub out of reach (or it did not give the book yet): asked again shortly.
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private hubStorageId(): string | undefined {
    const hub = this.adapter.remotePeerId;
    return hub ? this.repo.peerMetadataByPeerId[hub]?.storageId : undefined;
  }

  private watchNetwork(): void {
    const network = this.repo.networkSubsystem;
    const online = () => this.set({ online: this.repo.peers.length > 0 });
    network.on('peer', online);
    network.on('peer-disconnected', online);
  }

  private update(): void {
    const handle = this.handle;
    if (!handle) return;
    this.set({ book: handle.doc() });
    // Counting what the hub holds views the book at the hub's heads: once a burst of changes has settled.
    if (this.recount) return;
    this.recount = setTimeout(() => {
      this.recount = null;
      this.set({ waiting: this.countWaiting() });
    }, 250);
  }

  private countWaiting(): number {
    const doc = this.handle?.doc();
    if (!doc) return 0;
    const prefix = `${this.pairing.deskId}:`;
    const ours = Object.keys(doc.scans).filter((k) => k.startsWith(prefix));
    if (ours.length === 0) return 0;
    const heads = this.hubHeads ? decodeHeads(this.hubHeads) : [];
    // Heads of changes this desk has not received yet say nothing we can check: left out (we count as waiting).
    const missing = new Set(heads.length > 0 ? Automerge.getMissingDeps(doc, heads) : []);
    const known = heads.filter((h) => !missing.has(h));
    if (known.length === 0) return ours.length;
    const atHub = Automerge.view(doc, known);
    return ours.filter((k) => !Object.hasOwn(atHub.scans ?? {}, k)).length;
  }

  private set(patch: Partial<DeskBookState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.book === this.state.book &&
      next.online === this.state.online &&
      next.waiting === this.state.waiting &&
      next.kept === this.state.kept
    ) {
      return;
    }
    this.state = next;
    for (const l of this.listeners) l();
  }
}

/**
 * Whether the browser lets the page keep a database (a private window may
 * not, or not at all). Tried on a database of its own, removed at once: the
 * book's is made by the storage adapter, which creates its store only when
 * it makes the database itself.
 */
function indexedDbOpens(): Promise<boolean> {
  const probe = 'multaqa-desk-probe';
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open(probe);
      request.onsuccess = () => {
        request.result.close();
        indexedDB.deleteDatabase(probe);
        resolve(true);
      };
      request.onerror = () => resolve(false);
      request.onblocked = () => resolve(true);
    } catch {
      resolve(false);
    }
  });
}

function readHubHeads(deskId: string): UrlHeads | null {
  try {
    const kept = JSON.parse(localStorage.getItem(HUB_HEADS_KEY) ?? 'null') as { deskId?: unknown; heads?: unknown };
    if (kept?.deskId !== deskId || !Array.isArray(kept.heads)) return null;
    return kept.heads.filter((h): h is string => typeof h === 'string') as UrlHeads;
  } catch {
    return null;
  }
}

function saveHubHeads(deskId: string, heads: UrlHeads): void {
  try {
    localStorage.setItem(HUB_HEADS_KEY, JSON.stringify({ deskId, heads }));
  } catch {
    // A full localStorage: counted from memory until reloaded.
  }
}
