import { type Api, CHANNEL_NAMES, type ChannelName } from '../../../shared/contract';
import type { AppErrorPayload, Envelope, ErrorCode, FieldIssue } from '../../../shared/errors';

/**
 * The typed client of the contract. In Electron the preload exposes one
 * function per channel as `window.multaqa`; in browser mode the same calls go
 * over HTTP to the local server with the per-run secret. Both return the
 * gate's envelope, unwrapped here: data, or an ApiError to show the user.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.issues = payload.issues ?? [];
  }
}

type Bridge = Record<ChannelName, (payload?: unknown) => Promise<Envelope<unknown>>>;

declare global {
  interface Window {
    multaqa?: Bridge;
  }
}

const SECRET_KEY = 'multaqa.secret';
const TAB_KEY = 'multaqa.tab';

/**
 * Browser mode: this tab's name for the server, so that its undo is its own
 * (another tab's Ctrl+Z never undoes this one's changes). Kept in the tab's
 * sessionStorage, so a reload keeps the tab's undo.
 */
function tabId(): string {
  let id = sessionStorage.getItem(TAB_KEY);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(TAB_KEY, id);
  }
  return id;
}

/**
 * Browser mode: the link carries a one-time token in its fragment, exchanged
 * here for the session's secret (the token is void once used, so the
 * browser's history keeps only a spent one). The secret is kept in this tab
 * for reloads; the fragment is taken out of the address bar at once.
 */
async function browserSecret(): Promise<string> {
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    const response = await fetch('/session', { method: 'POST', headers: { 'x-multaqa-token': match[1] } });
    const envelope = (await response.json()) as Envelope<{ secret: string }>;
    if (envelope.ok) sessionStorage.setItem(SECRET_KEY, envelope.data.secret);
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

function httpBridge(): Bridge {
  const secret = browserSecret().catch(() => '');
  const tab = tabId();
  const call = (name: ChannelName) => async (payload?: unknown) => {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-multaqa-secret': await secret, 'x-multaqa-client': tab },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
    return (await response.json()) as Envelope<unknown>;
  };
  return Object.fromEntries(CHANNEL_NAMES.map((n) => [n, call(n)])) as Bridge;
}

function createApi(bridge: Bridge): Api {
  const entries = CHANNEL_NAMES.map((name) => [
    name,
    async (payload?: unknown) => {
      const envelope = await bridge[name](payload);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.data;
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

export const api: Api = createApi(window.multaqa ?? httpBridge());
export const isDesktop = window.multaqa !== undefined;
