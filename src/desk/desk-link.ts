import { z } from 'zod';
import {
  DESK_API_PREFIX,
  DESK_CREDENTIAL_HEADER,
  type DeskChannelName,
  type DeskRegistrant,
  deskChannels,
} from '../shared/desks/desk-channels';

/**
 * What this desk holds of its pairing and how it asks the hub: the pairing
 * (credential, desk, forum, book, badge-code block) and the registrant list
 * are kept in localStorage, so a reload, a sleeping laptop or a closed tab
 * leaves the desk paired and able to look people up while offline.
 */

const PAIRING_KEY = 'multaqa.desk.pairing';
const REGISTRANTS_KEY = 'multaqa.desk.registrants';
const DESKS_KEY = 'multaqa.desk.desks';

export const pairingSchema = deskChannels['desk.pair'].response.extend({
  /** Set when the hub refused the credential: the desk stays refused until paired again. */
  revokedAt: z.string().nullable().default(null),
  /** This desk's check-ins the hub had not confirmed when it refused the desk: they will never be sent. */
  unsent: z.number().int().min(0).default(0),
});
export type Pairing = z.infer<typeof pairingSchema>;

/** Why a call to the hub did not give an answer. */
export class HubError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'refused' | 'codeUnknown' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

type Response<C extends DeskChannelName> = z.infer<(typeof deskChannels)[C]['response']>;

async function call<C extends DeskChannelName>(
  channel: C,
  body: z.infer<(typeof deskChannels)[C]['request']>,
  credential: string | null,
): Promise<Response<C>> {
  let response: globalThis.Response;
  try {
    response = await fetch(`${DESK_API_PREFIX}${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(credential ? { [DESK_CREDENTIAL_HEADER]: credential } : {}),
      },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new HubError('unreachable', (error as Error).message);
  }
  if (response.status === 401 || response.status === 403) {
    throw new HubError(channel === 'desk.pair' ? 'codeUnknown' : 'refused', `The hub refused (${response.status}).`);
  }
  let envelope: unknown;
  try {
    envelope = await response.json();
  } catch {
    throw new HubError('invalid', `The hub's answer is not JSON (${response.status}).`);
  }
  const parsed = z.object({ ok: z.literal(true), data: deskChannels[channel].response }).safeParse(envelope);
  if (!response.ok || !parsed.success)
    throw new HubError('invalid', `The hub's answer cannot be read (${response.status}).`);
  return parsed.data.data as Response<C>;
}

export async function pairWithCode(code: string): Promise<Pairing> {
  const paired = await call('desk.pair', { code }, null);
  const pairing: Pairing = { ...paired, revokedAt: null, unsent: 0 };
  savePairing(pairing);
  // A list kept from an earlier pairing (another forum) must not be looked up in.
  localStorage.removeItem(REGISTRANTS_KEY);
  localStorage.removeItem(DESKS_KEY);
  return pairing;
}

export function storedPairing(): Pairing | null {
  return readStored(PAIRING_KEY, pairingSchema);
}

export function savePairing(pairing: Pairing): void {
  localStorage.setItem(PAIRING_KEY, JSON.stringify(pairing));
}

export function forgetPairing(): void {
  localStorage.removeItem(PAIRING_KEY);
  localStorage.removeItem(REGISTRANTS_KEY);
  localStorage.removeItem(DESKS_KEY);
}

const keptRegistrantsSchema = z.object({
  deskId: z.string(),
  fetchedAt: z.string(),
  list: deskChannels['desk.registrants'].response,
});
const keptDesksSchema = z.object({ deskId: z.string(), list: deskChannels['desk.desks'].response });

export interface KeptRegistrants {
  fetchedAt: string;
  list: DeskRegistrant[];
}

/** The list kept from the last time the hub was reached, for this desk only. */
export function keptRegistrants(pairing: Pairing): KeptRegistrants | null {
  const kept = readStored(REGISTRANTS_KEY, keptRegistrantsSchema);
  return kept && kept.deskId === pairing.deskId ? kept : null;
}

export function keptDeskNumbers(pairing: Pairing): Map<string, number> {
  const kept = readStored(DESKS_KEY, keptDesksSchema);
  const list = kept && kept.deskId === pairing.deskId ? kept.list : [];
  return new Map([...list.map((d) => [d.id, d.number] as const), [pairing.deskId, pairing.deskNumber]]);
}

/** Asks the hub for the registrant list and the desks' numbers, and keeps them. */
export async function refreshFromHub(
  pairing: Pairing,
): Promise<{ registrants: KeptRegistrants; deskNumbers: Map<string, number> }> {
  const [list, desks] = await Promise.all([
    call('desk.registrants', { forumId: pairing.forumId }, pairing.credential),
    call('desk.desks', { forumId: pairing.forumId }, pairing.credential),
  ]);
  const registrants = { fetchedAt: new Date().toISOString(), list };
  try {
    localStorage.setItem(REGISTRANTS_KEY, JSON.stringify({ deskId: pairing.deskId, ...registrants }));
    localStorage.setItem(DESKS_KEY, JSON.stringify({ deskId: pairing.deskId, list: desks }));
  } catch {
    // A full localStorage: the list is used from memory until the page is reloaded.
  }
  return { registrants, deskNumbers: new Map(desks.map((d) => [d.id, d.number])) };
}

function readStored<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    // Inside the try: a browser that blocks the site's storage throws on reading it.
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
