import { z } from 'zod';
import { REGISTRATION_CATEGORIES, registrationSchema } from '../domain/registration';
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
  /** A desk's list kept from before this field reads as none. */
  organisationEn: z.string().default(''),
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

/** The latest arrivals the room at a glance lists; the doubles it lists (their count is given whole). */
export const LATEST_ARRIVALS = 20;
export const DOUBLES_LISTED = 200;

/** The hub's own check-in screen is "desk 0"; a scan by a desk the forum no longer knows, null. */
export const HUB_DESK = 0;
const deskNumberSchema = z.number().int().min(0).nullable();

/** Who arrived, with what the hub needs to name them as protocol does («معالي الدكتور …»). */
const roomPersonSchema = registrationSchema.pick({
  id: true,
  honorific: true,
  title: true,
  gender: true,
  fullName: true,
  fullNameEn: true,
  category: true,
});
export type RoomPerson = z.infer<typeof roomPersonSchema>;
const arrivalSchema = roomPersonSchema.extend({ checkedInAt: z.string(), desk: deskNumberSchema });
export type RoomArrival = z.infer<typeof arrivalSchema>;

const scanAtSchema = z.object({ desk: deskNumberSchema, at: z.string() });

/**
 * The room at a glance (`desks.arrivals`): who is in, from the forum's
 * registrations (what every screen of the hub counts), each with the desk
 * whose scan checked them in, and the doubles the check-in book holds.
 */
export const deskArrivalsSchema = z.object({
  /** Registrants of the forum, and how many of them are checked in. */
  total: z.number().int(),
  checkedIn: z.number().int(),
  byCategory: z.array(
    z.object({ category: z.enum(REGISTRATION_CATEGORIES), total: z.number().int(), checkedIn: z.number().int() }),
  ),
  /** Check-ins per desk: the hub's own first (0), then each paired desk by number, even one with none yet. */
  byDesk: z.array(z.object({ desk: deskNumberSchema, checkedIn: z.number().int() })),
  /**
   * Check-ins per quarter hour, earliest first, only quarters with some: `start` is the quarter's first
   * instant. Every time zone's offset from UTC is a whole number of quarter hours, so a quarter on UTC's
   * clock is a quarter on the venue's clock too (09:00–09:15 local), whatever the zone.
   */
  quarters: z.array(z.object({ start: z.string(), count: z.number().int() })),
  /** The latest arrivals, latest first (LATEST_ARRIVALS at most). */
  latest: z.array(arrivalSchema),
  /** Every VIP checked in, latest first: what the protocol team is told of. */
  vips: z.array(arrivalSchema),
  /** People scanned again after they were checked in, latest first (DOUBLES_LISTED at most), and how many in all. */
  doubles: z.array(z.object({ person: roomPersonSchema, scan: scanAtSchema, first: scanAtSchema })),
  doubleCount: z.number().int(),
});
export type DeskArrivals = z.infer<typeof deskArrivalsSchema>;
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
