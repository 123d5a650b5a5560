import { z } from 'zod';
import { DESK_ID } from './check-in-book';

/**
 * What a desk may ask the hub's desk listener, and nothing else: pair with
 * a code, and read the registrant list of its own forum (for lookup while
 * offline). Scans travel in the check-in book, over the listener's sync
 * socket. The hub's own channels (contract.ts) are never served there.
 */
export const DESK_API_PREFIX = '/desk/api/';
export const DESK_SYNC_PATH = '/desk/sync';
/** The desk page, served by the listener. */
export const DESK_PAGE_PATH = '/desk/';
/** Every request but the pairing carries the desk's credential in this header (the sync socket, as `?desk=`). */
export const DESK_CREDENTIAL_HEADER = 'x-multaqa-desk';
export const DESK_CREDENTIAL_PARAM = 'desk';

/** The pairing code's letters and digits: none that can be read as another (no 0/O, 1/I/L). */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;

/** What a desk sees of a registrant: enough to find them and say who they are, no contact details. */
export const deskRegistrantSchema = z.object({
  id: z.string(),
  code: z.string(),
  fullName: z.string(),
  fullNameEn: z.string(),
  organisation: z.string(),
  category: z.string(),
  checkedInAt: z.string().nullable(),
});
export type DeskRegistrant = z.infer<typeof deskRegistrantSchema>;

export const deskChannels = {
  /** The code the hub showed, exchanged once for this desk's credential. */
  'desk.pair': {
    request: z.object({ code: z.string().trim().min(1).max(32) }).strict(),
    response: z.object({
      deskId: z.string().regex(DESK_ID),
      deskNumber: z.number().int(),
      credential: z.string(),
      forumId: z.string().uuid(),
      bookUrl: z.string(),
      /** The badge codes this desk gives its walk-ins, from first to last. */
      codes: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
    }),
  },
  'desk.registrants': {
    request: z.object({ forumId: z.string().uuid() }).strict(),
    response: z.array(deskRegistrantSchema),
  },
  /** The forum's desks by number, so a desk can say «already checked in at desk 2» of another desk's scan. */
  'desk.desks': {
    request: z.object({ forumId: z.string().uuid() }).strict(),
    response: z.array(z.object({ id: z.string().regex(DESK_ID), number: z.number().int() })),
  },
} as const;
export type DeskChannelName = keyof typeof deskChannels;
export const DESK_CHANNEL_NAMES = Object.keys(deskChannels) as DeskChannelName[];

export function isDeskChannel(name: string): name is DeskChannelName {
  return Object.hasOwn(deskChannels, name);
}

/** A desk's Automerge peer id names its desk, so the hub can tell which desk a sync message comes from. */
export const deskPeerPrefix = (deskId: string) => `desk-${deskId}-`;
export function deskIdOfPeer(peerId: string): string | null {
  const match = /^desk-([a-z0-9]{4,32})-[A-Za-z0-9]{1,64}$/.exec(peerId);
  return match?.[1] ?? null;
}

/** The hub's door, as its own window sees it. */
export const deskDoorSchema = z.object({
  /** Where the listener listens, or null while the door is closed. */
  listening: z.object({ address: z.string(), port: z.number().int(), deskUrl: z.string() }).nullable(),
  /** The machine's network addresses the door can be opened on. */
  addresses: z.array(z.string()),
  desks: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      pairedAt: z.string(),
      revokedAt: z.string().nullable(),
      online: z.boolean(),
      lastSeenAt: z.string().nullable(),
    }),
  ),
});
export type DeskDoor = z.infer<typeof deskDoorSchema>;

export const deskPairingSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  /** The desk page's address with the code in its #fragment (never sent to a server or in Referer). */
  url: z.string(),
  /** The same address as a QR code, an SVG document. */
  qrSvg: z.string(),
});
export type DeskPairing = z.infer<typeof deskPairingSchema>;

/** A pairing code as a person typed it: the code, or why it cannot be one (before asking the hub). */
export type TypedPairingCode =
  | { ok: true; code: string }
  | { ok: false; problem: 'empty' | 'length'; length: number }
  | { ok: false; problem: 'letters'; wrong: string[] };

/**
 * Reads a typed pairing code: spaces and dashes dropped, lower case taken
 * as upper. A character outside the alphabet (a 0 for an O, an I for a 1)
 * is named, so the person sees which one to retype.
 */
export function readPairingCode(typed: string): TypedPairingCode {
  const code = typed.replace(/[\s-]+/g, '').toUpperCase();
  if (code === '') return { ok: false, problem: 'empty', length: 0 };
  const wrong = [...new Set([...code].filter((ch) => !PAIRING_CODE_ALPHABET.includes(ch)))];
  if (wrong.length > 0) return { ok: false, problem: 'letters', wrong };
  if (code.length !== PAIRING_CODE_LENGTH) return { ok: false, problem: 'length', length: code.length };
  return { ok: true, code };
}
