import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { type AutomergeUrl, type DocHandle, type PeerId, Repo } from '@automerge/automerge-repo';
import { WebSocketClientAdapter, WebSocketServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { WebSocket, WebSocketServer } from 'ws';
import type { Core } from '../../../../src/core/app-core';
import { registrationsFileSpec } from '../../../../src/core/registrations/registration-store';
import { encodeDocument } from '../../../../src/core/store/document-codec';
import type { CheckInBook } from '../../../../src/shared/desks/check-in-book';
import { DESK_CREDENTIAL_PARAM, DESK_SYNC_PATH, deskPeerPrefix } from '../../../../src/shared/desks/desk-channels';
import { emptyForumInput } from '../../../../src/shared/domain/forum';
import { emptyRegistrationInput, type Registration } from '../../../../src/shared/domain/registration';
import { openAt } from '../backup/backup-fixture';

const AT = '2026-11-01T08:00:00.000Z';

export const personId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A data folder whose one forum holds `count` registrants, written as the store writes them. */
export async function folderWithForum(
  dir: string,
  count: number,
): Promise<{ forumId: string; people: Registration[] }> {
  const core = await openAt(dir);
  const forum = await core.handlers['forums.create']({ ...emptyForumInput('2026-12-04'), titleAr: 'ملتقى المكاتب' });
  await core.close();
  const people: Registration[] = Array.from({ length: count }, (_, i) => ({
    ...emptyRegistrationInput(),
    fullName: `مشارك رقم ${i}`,
    status: 'confirmed',
    id: personId(i),
    code: String(10001 + i),
    checkedInAt: null,
    statusBeforeCheckIn: null,
    source: null,
    createdAt: AT,
    updatedAt: AT,
  }));
  await fs.writeFile(
    path.join(dir, 'forums', `${forum.id}.registrations.json`),
    encodeDocument(registrationsFileSpec, { nextCode: 10001 + count, registrations: people }),
  );
  return { forumId: forum.id, people };
}

export async function checkedInCount(core: Core, forumId: string): Promise<number> {
  return (await core.handlers['registrations.list']({ forumId })).filter((r) => r.checkedInAt !== null).length;
}

/** A WebSocket sync endpoint on loopback for a Repo: what a hub (or a sync server) listens with. */
export async function webSocketEndpoint(): Promise<{
  adapter: WebSocketServerAdapter;
  port: number;
  close: () => Promise<void>;
}> {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const adapter = new WebSocketServerAdapter(wss as never, 1000);
  return {
    adapter,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP relay in front of a port that can be cut as a Wi-Fi drop cuts it:
 * open connections are dropped and new ones refused until it is mended.
 */
export async function cuttableLink(targetPort: number) {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    cut() {
      server.close();
      for (const s of open) s.destroy();
      open.clear();
    },
    mend: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => {
      for (const s of open) s.destroy();
      return new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

/**
 * The WebSocket client adapter, minus three traits of it in Node: it throws
 * (uncaught) on any socket error but a refused connection, and its retry
 * timer can replace a socket still connecting, whose error then has no
 * listener left. A browser desk sees neither (a browser WebSocket reports no
 * error details and never throws for an unheard error); here a drop is
 * simply retried.
 *
 * And Node's ws still hands over messages that arrive while the socket is
 * closing (a link cut mid-burst), which a browser drops (it dispatches a
 * message only while the socket is open). The Repo answers such a message
 * from inside its document update; the adapter throws on sending over a
 * closing socket, and the desk's handle is left holding an outdated
 * document, so every later change at that desk throws. Dropped here, as a
 * browser does; the desk resyncs when it reconnects.
 */
class RetryingClientAdapter extends WebSocketClientAdapter {
  override onError = () => {};
  override onMessage = (event: { data: unknown }) => {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.receiveMessage(event.data as Uint8Array);
  };
  override connect(...args: Parameters<WebSocketClientAdapter['connect']>): void {
    super.connect(...args);
    this.socket?.on('error', () => {});
  }
}

export { RetryingClientAdapter };

/** A desk: a Repo of its own that syncs with the hub over a WebSocket, retrying every 100 ms when the link drops. */
export async function deskAt(
  url: string,
  bookUrl: AutomergeUrl,
  name: string,
): Promise<{ repo: Repo; book: DocHandle<CheckInBook> }> {
  const repo = new Repo({ network: [new RetryingClientAdapter(url, 100)], peerId: `desk-${name}` as PeerId });
  const book = await repo.find<CheckInBook>(bookUrl);
  return { repo, book };
}

export async function waitUntil(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the listener's pairing answers a desk. */
export interface PairedDeskPass {
  deskId: string;
  deskNumber: number;
  credential: string;
  bookUrl: AutomergeUrl;
  codes: { first: number; last: number };
}

/** A desk exchanging a pairing code at the hub's desk listener, as the desk page does (node:http: our own Host). */
export function pairAt(port: number, code: string): Promise<PairedDeskPass> {
  const text = JSON.stringify({ code });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/desk/api/desk.pair',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: PairedDeskPass };
          if (res.statusCode === 200 && reply.data) resolve(reply.data);
          else reject(new Error(`pairing answered ${res.statusCode}`));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** A paired desk's Repo on the listener's sync socket (reconnecting every 100 ms), and its copy of the book. */
export async function deskOnSocket(
  port: number,
  pass: PairedDeskPass,
  name: string,
): Promise<{ repo: Repo; book: DocHandle<CheckInBook> }> {
  const url = `ws://127.0.0.1:${port}${DESK_SYNC_PATH}?${DESK_CREDENTIAL_PARAM}=${pass.credential}`;
  const repo = new Repo({
    network: [new RetryingClientAdapter(url, 100)],
    peerId: `${deskPeerPrefix(pass.deskId)}${name}` as PeerId,
  });
  return { repo, book: await repo.find<CheckInBook>(pass.bookUrl) };
}
