import os from 'node:os';
import path from 'node:path';
import type { PeerId } from '@automerge/automerge-repo';
import QRCode from 'qrcode';
import type { Arrivals } from '../../shared/desks/check-in-book';
import {
  DESK_PAGE_PATH,
  type DeskArrivals,
  type DeskDoor,
  type DeskPairing,
  deskIdOfPeer,
} from '../../shared/desks/desk-channels';
import type { Registration } from '../../shared/domain/registration';
import { AppError } from '../../shared/errors';
import { asCaller } from '../caller';
import { CheckInHub, type CheckInTarget } from './check-in-hub';
import { type DeskListener, startDeskListener } from './desk-listener';
import { DeskPage } from './desk-page';
import { DeskRegistry } from './desk-registry';
import { roomArrivals } from './room-arrivals';

/** Badge codes set aside per desk: far more walk-ins than one desk registers in a day. */
export const WALK_IN_CODES_PER_DESK = 500;

export interface DeskDoorOptions {
  /** The data folder's `desks/`. */
  dir: string;
  registrations: CheckInTarget & {
    list(forumId: string): Promise<Registration[]>;
    reserveCodes(
      forumId: string,
      count: number,
      desk: { ar: string; en: string },
    ): Promise<{ first: number; last: number }>;
  };
  /** The desk page's build (out/desk), which the shell knows; without it the door serves no page. */
  pageDir?: string;
  log?: (message: string) => void;
}

/**
 * The hub's door for its check-in desks: the check-in hub, the paired desks
 * and the listener, behind the hub window's `desks.*` channels. Closed until
 * the coordinator opens it, on one of this machine's addresses.
 */
export class DeskDoorService {
  private listener: DeskListener | null = null;
  /** Read once, kept while the door closes and opens again. */
  private readonly page: DeskPage | null;

  private constructor(
    private readonly hub: CheckInHub,
    private readonly registry: DeskRegistry,
    private readonly options: DeskDoorOptions,
  ) {
    this.page = options.pageDir ? new DeskPage(options.pageDir) : null;
  }

  static async open(options: DeskDoorOptions): Promise<DeskDoorService> {
    const registry = await DeskRegistry.open(options.dir);
    let hub: CheckInHub | null = null;
    // A desk reads and writes its own forum's book and no other; the hub's other peers (a sync server) all.
    const allowed = async (peerId: PeerId, documentId?: string) => {
      if (!peerId.startsWith('desk-')) return true;
      const deskId = deskIdOfPeer(peerId);
      const desk = deskId ? registry.byId(deskId) : null;
      if (!desk || desk.revokedAt !== null || !hub || documentId === undefined) return false;
      return hub.bookDocumentId(desk.forumId) === documentId;
    };
    hub = await CheckInHub.open({
      dir: options.dir,
      registrations: options.registrations,
      peerId: 'hub',
      walkInCodes: (deskId) => registry.byId(deskId)?.codes ?? null,
      shareConfig: { announce: allowed, access: allowed },
      ...(options.log ? { log: options.log } : {}),
    });
    return new DeskDoorService(hub, registry, options);
  }

  get checkInHub(): CheckInHub {
    return this.hub;
  }

  /** Where the door listens now, or null while it is closed (a restore opens it there again). */
  get listeningAt(): { address: string; port: number } | null {
    return this.listener ? { address: this.listener.address, port: this.listener.port } : null;
  }

  async state(forumId: string): Promise<DeskDoor> {
    await this.options.registrations.list(forumId); // not_found for a forum that is not there
    const listener = this.listener;
    const online = listener?.online() ?? new Set<string>();
    return {
      listening: listener
        ? { address: listener.address, port: listener.port, deskUrl: `${listener.origin}${DESK_PAGE_PATH}` }
        : null,
      addresses: doorAddresses(),
      desks: this.registry.list(forumId).map((d) => ({
        id: d.id,
        number: d.number,
        pairedAt: d.pairedAt,
        revokedAt: d.revokedAt,
        online: online.has(d.id),
        lastSeenAt: listener?.lastSeen(d.id)?.toISOString() ?? null,
      })),
    };
  }

  /** Starts listening on `address` (one of this machine's) for the desks; the forum's book is made if need be. */
  async openDoor(forumId: string, address: string, port: number): Promise<DeskDoor> {
    await this.options.registrations.list(forumId);
    if (!doorAddresses().includes(address)) {
      throw new AppError('invalid_request', `${address} is not an address of this machine.`, [
        { path: ['address'], message: 'desks.errors.addressUnknown' },
      ]);
    }
    if (this.listener && (this.listener.address !== address || (port !== 0 && this.listener.port !== port))) {
      await this.closeDoor();
    }
    if (!this.listener) {
      await this.hub.book(forumId);
      try {
        this.listener = await startDeskListener({
          address,
          port,
          registry: this.registry,
          hub: this.hub,
          registrants: (id) => this.options.registrations.list(id),
          reserveCodes: (id, number, deskId) =>
            asCaller({ clientId: `desk:${deskId}` }, () =>
              this.options.registrations.reserveCodes(id, WALK_IN_CODES_PER_DESK, {
                ar: `المكتب ${number}`,
                en: `desk ${number}`,
              }),
            ),
          ...(this.page ? { page: this.page } : {}),
          ...(this.options.log ? { log: this.options.log } : {}),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new AppError('conflict', `The door cannot listen on ${address}:${port} (${code ?? 'error'}).`, [
          { path: ['port'], message: code === 'EADDRINUSE' ? 'desks.errors.portInUse' : 'desks.errors.cannotListen' },
        ]);
      }
    }
    return this.state(forumId);
  }

  async closeDoor(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
  }

  /** A code (and the desk page's address with it, as a QR code) for one more desk of the forum. */
  async pairing(forumId: string): Promise<DeskPairing> {
    await this.options.registrations.list(forumId);
    const listener = this.listener;
    if (!listener) {
      throw new AppError('conflict', 'Open the door to the desks first.', [
        { path: [], message: 'desks.errors.doorClosed' },
      ]);
    }
    const pairing = this.registry.newPairing(forumId);
    const url = `${listener.origin}${DESK_PAGE_PATH}#pair=${pairing.code}`;
    return {
      code: pairing.code,
      expiresAt: new Date(pairing.expiresAt).toISOString(),
      url,
      qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    };
  }

  /** The desk is refused from now on, and its open sync socket is closed. */
  async revoke(forumId: string, deskId: string): Promise<DeskDoor> {
    await this.registry.revoke(forumId, deskId);
    this.listener?.dropDesk(deskId);
    return this.state(forumId);
  }

  /**
   * The room at a glance: who is in (the forum's registrations), by category
   * and by desk, per quarter hour, the latest, the VIPs, and the doubles the
   * book holds. Asked every few seconds while the hub's page is open.
   */
  async arrivals(forumId: string): Promise<DeskArrivals> {
    const registrations = await this.options.registrations.list(forumId);
    // A forum whose door was never opened has no book: nothing was scanned, and asking must not make one.
    const book = this.hub.bookDocumentId(forumId) === null ? NO_SCANS : await this.hub.arrivals(forumId);
    return roomArrivals(registrations, book, this.registry.list(forumId));
  }

  async close(): Promise<void> {
    await this.closeDoor();
    await this.hub.close();
  }
}

const NO_SCANS: Arrivals = { checkedIn: new Map(), doubles: [], refused: [] };

/** Where the door can listen: this machine's IPv4 addresses on its networks, and loopback (one machine). */
export function doorAddresses(): string[] {
  const found = new Set<string>(['127.0.0.1']);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4') found.add(a.address);
  }
  return [...found];
}

export const desksDirOf = (dataDir: string) => path.join(dataDir, 'desks');
