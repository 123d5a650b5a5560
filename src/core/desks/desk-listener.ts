import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { cbor } from '@automerge/automerge-repo';
import { WebSocketServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  DESK_API_PREFIX,
  DESK_CREDENTIAL_HEADER,
  DESK_CREDENTIAL_PARAM,
  DESK_SYNC_PATH,
  type DeskRegistrant,
  deskChannels,
  deskPeerPrefix,
  isDeskChannel,
} from '../../shared/desks/desk-channels';
import type { Registration } from '../../shared/domain/registration';
import { AppError, issuesFromZod } from '../../shared/errors';
import { readBody, sendError, sendJson } from '../http-kit';
import type { CheckInHub } from './check-in-hub';
import { type DeskPage, isDeskPageRequest, serveDeskPage } from './desk-page';
import type { DeskRecord, DeskRegistry } from './desk-registry';

/**
 * The hub's door for the desks: a listener of its own, apart from browser
 * mode's, opened only when the coordinator asks, on the one address chosen.
 * It serves the desk page, the desk channels and the check-in book's sync
 * socket, and nothing else: no channel of the hub's contract is reachable here.
 *
 * - every request must name our own Host (`<address>:<port>`), which defeats
 *   DNS rebinding, and a browser's Origin, when sent, must be ours;
 * - every request but the pairing carries a desk's credential, checked
 *   against the paired desks at each request: a revoked desk is refused at
 *   once, and its open sync socket is closed when it is revoked;
 * - a desk reads only its own forum: the registrant list of another forum is
 *   refused, and its sync socket is given that forum's book only (the hub's
 *   share policy); every sync message must come from the peer id its
 *   credential names, so a desk cannot pose as another on the socket;
 * - bodies are small and capped in size and time.
 */
export interface DeskListenerOptions {
  address: string;
  port: number;
  registry: DeskRegistry;
  hub: CheckInHub;
  registrants: (forumId: string) => Promise<readonly Registration[]>;
  /** Sets aside a new desk's block of badge codes for its walk-ins. */
  reserveCodes: (forumId: string, deskNumber: number, deskId: string) => Promise<{ first: number; last: number }>;
  /** The desk page's built files; without them the page answers that it is not built. */
  page?: DeskPage;
  log?: (message: string) => void;
}

export interface DeskListener {
  address: string;
  port: number;
  /** The desk page's address on the venue network. */
  origin: string;
  /** Closes a desk's sync sockets (it was revoked). */
  dropDesk(deskId: string): void;
  /** Desks with a sync socket open now. */
  online(): ReadonlySet<string>;
  lastSeen(deskId: string): Date | null;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;
const BODY_TIMEOUT_MS = 10_000;

export async function startDeskListener(options: DeskListenerOptions): Promise<DeskListener> {
  const log = options.log ?? ((m: string) => console.error(m));
  const sockets = new Map<string, Set<WebSocket>>();
  const seen = new Map<string, Date>();
  let allowedHost = '';
  let allowedOrigin = '';

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  const adapter = new WebSocketServerAdapter(wss as never);

  const deskOf = (credential: unknown): DeskRecord | null =>
    typeof credential === 'string' ? options.registry.deskOf(credential) : null;

  const server = http.createServer(async (req, res) => {
    try {
      if (req.headers.host !== allowedHost)
        return sendError(res, 403, new AppError('forbidden', 'Unknown Host header'));
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== allowedOrigin) {
        return sendError(res, 403, new AppError('forbidden', 'Foreign Origin'));
      }
      const url = new URL(req.url ?? '/', 'http://desk');
      // The page holds no data: served without a credential (it is how a desk gets one).
      if (isDeskPageRequest(url.pathname)) {
        return await serveDeskPage(options.page ?? null, req, res, url.pathname, allowedHost, log);
      }
      if (!url.pathname.startsWith(DESK_API_PREFIX)) return sendError(res, 404, new AppError('not_found', 'Not found'));
      const channel = url.pathname.slice(DESK_API_PREFIX.length);
      if (!isDeskChannel(channel)) return sendError(res, 404, new AppError('unknown_channel', 'Unknown channel'));
      if (req.method !== 'POST') return sendError(res, 405, new AppError('forbidden', 'POST only'));
      let desk: DeskRecord | null = null;
      if (channel !== 'desk.pair') {
        desk = deskOf(req.headers[DESK_CREDENTIAL_HEADER]);
        if (!desk) return sendError(res, 401, new AppError('forbidden', 'Not a paired desk, or revoked'));
        seen.set(desk.id, new Date());
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 415, new AppError('invalid_request', 'JSON only'));
      }
      const body = await readBody(req, MAX_BODY, BODY_TIMEOUT_MS);
      if (body === 'too_large') return sendError(res, 413, new AppError('payload_too_large', 'Too large'), true);
      if (body === 'timeout') return sendError(res, 408, new AppError('invalid_request', 'Too slow'), true);
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return sendError(res, 400, new AppError('invalid_request', 'The body is not JSON'));
      }
      const parsed = deskChannels[channel].request.safeParse(payload);
      if (!parsed.success) {
        return sendError(res, 400, new AppError('invalid_request', 'Invalid request', issuesFromZod(parsed.error)));
      }
      if (channel === 'desk.pair') {
        const { code } = parsed.data as { code: string };
        const paired = await options.registry.pair(code, options.reserveCodes);
        return sendJson(res, 200, {
          ok: true,
          data: {
            deskId: paired.desk.id,
            deskNumber: paired.desk.number,
            credential: paired.credential,
            forumId: paired.desk.forumId,
            bookUrl: await options.hub.bookUrl(paired.desk.forumId),
            codes: paired.desk.codes,
          },
        });
      }
      const { forumId } = parsed.data as { forumId: string };
      if (!desk || forumId !== desk.forumId) {
        return sendError(res, 403, new AppError('forbidden', 'This desk is paired with another forum'));
      }
      if (channel === 'desk.desks') {
        const desks = options.registry.list(forumId).map((d) => ({ id: d.id, number: d.number }));
        return sendJson(res, 200, { ok: true, data: desks });
      }
      const list: DeskRegistrant[] = (await options.registrants(forumId)).map((r) => ({
        id: r.id,
        code: r.code,
        fullName: r.fullName,
        fullNameEn: r.fullNameEn,
        organisation: r.organisation,
        organisationEn: r.organisationEn,
        category: r.category,
        checkedInAt: r.checkedInAt,
      }));
      return sendJson(res, 200, { ok: true, data: list });
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error.code === 'forbidden' ? 403 : 400, error);
      log(`[multaqa desks] ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendError(res, 500, new AppError('internal', 'Server error'));
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = BODY_TIMEOUT_MS + 5_000;

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (req.headers.host !== allowedHost) return refuse(403, 'Forbidden');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== allowedOrigin) return refuse(403, 'Forbidden');
    const url = new URL(req.url ?? '/', 'http://desk');
    if (url.pathname !== DESK_SYNC_PATH) return refuse(404, 'Not Found');
    const desk = deskOf(url.searchParams.get(DESK_CREDENTIAL_PARAM));
    if (!desk) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (client) => {
      bindToDesk(client, desk.id, () => seen.set(desk.id, new Date()));
      const own = sockets.get(desk.id) ?? new Set<WebSocket>();
      own.add(client);
      sockets.set(desk.id, own);
      seen.set(desk.id, new Date());
      client.on('close', () => {
        own.delete(client);
        seen.set(desk.id, new Date());
      });
      wss.emit('connection', client, req);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.address.includes(':') ? `[${options.address}]` : options.address;
  allowedHost = `${host}:${port}`;
  allowedOrigin = `http://${allowedHost}`;
  options.hub.addNetwork(adapter);

  return {
    address: options.address,
    port,
    origin: allowedOrigin,
    dropDesk(deskId) {
      for (const s of sockets.get(deskId) ?? []) s.terminate();
      sockets.delete(deskId);
    },
    online() {
      return new Set([...sockets].filter(([, set]) => set.size > 0).map(([id]) => id));
    },
    lastSeen: (deskId) => seen.get(deskId) ?? null,
    async close() {
      options.hub.removeNetwork(adapter);
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Lets through only the sync messages whose sender is the peer id this
 * desk's credential names; any other closes the socket before the Repo sees
 * it. Automerge's server adapter takes a peer's id from its messages, so
 * without this a paired desk could speak as another desk (or as the hub).
 */
function bindToDesk(client: WebSocket, deskId: string, onMessage: () => void): void {
  const prefix = deskPeerPrefix(deskId);
  const emit = client.emit.bind(client);
  client.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    let senderId: unknown;
    try {
      const data = args[0];
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      senderId = (cbor.decode(bytes) as { senderId?: unknown }).senderId;
    } catch {
      senderId = null;
    }
    if (typeof senderId !== 'string' || !senderId.startsWith(prefix)) {
      client.terminate();
      return false;
    }
    onMessage();
    return emit(event, ...args);
  };
}
