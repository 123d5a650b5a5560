import { z } from 'zod';
import { REGISTRATION_CATEGORIES, registrationInputSchema } from '../domain/registration';

/**
 * A forum's check-in book: the one document the hub and its desks share
 * (replicated by Automerge Repo, see docs/desks.md). Each scan at a desk is
 * one entry, under a key no other desk can make (the desk's id, then a
 * random id), written once and never edited. Two desks that scanned while
 * apart each add their own keys, so merging their copies is the union of the
 * entries: nothing a desk scanned is lost, whatever order the copies meet in.
 *
 * What the entries mean is decided here, from the entries alone, the same way
 * on the hub and on every desk: the earliest scan of a person counts, every
 * later one is a double. Hub and desks holding the same entries therefore
 * show the same arrivals and the same doubles.
 */
export interface CheckInBook {
  forumId: string;
  /** Entry key → scan. */
  scans: Record<string, DeskScan>;
  /** Entry key → a walk-in a desk registered (absent in books made before walk-ins, until the hub opens them). */
  walkIns?: Record<string, DeskWalkIn>;
}

/**
 * A new book, with every map its entries go into already made. Desks only
 * ever add keys inside these maps: two desks that each made a map under the
 * same name while apart would be a conflict, which Automerge settles by
 * keeping one of the two maps and hiding the other, entries and all.
 */
export function newCheckInBook(forumId: string): CheckInBook {
  return { forumId, scans: {}, walkIns: {} };
}

/** A desk's id: short and plain, as it goes into entry keys, peer ids and undo histories. */
export const DESK_ID = /^[a-z0-9]{4,32}$/;

export const deskScanSchema = z
  .object({
    registrationId: z.string().uuid(),
    deskId: z.string().regex(DESK_ID),
    /** The desk's own clock when the badge was scanned (ISO 8601, UTC). */
    scannedAt: z.string().datetime(),
  })
  .strict();
export type DeskScan = z.infer<typeof deskScanSchema>;

/**
 * A walk-in registered at a desk, perhaps offline: the desk makes the
 * registrant's id and gives a badge code from the block the hub reserved
 * for it, so no two desks (nor the hub) ever give the same code. Filed with
 * a scan of the same person, which checks them in.
 */
export const deskWalkInSchema = z
  .object({
    registrationId: z.string().uuid(),
    deskId: z.string().regex(DESK_ID),
    code: z.string().regex(/^\d{4,12}$/),
    // A walk-in becomes a registration: its texts keep the registration's own limits.
    fullName: registrationInputSchema.shape.fullName,
    fullNameEn: registrationInputSchema.shape.fullNameEn,
    organisation: registrationInputSchema.shape.organisation,
    /** Absent in walk-ins filed before desks chose one: a participant. */
    category: z.enum(REGISTRATION_CATEGORIES).optional(),
    /** As typed at the desk; the hub reads it with the forum's calling code. */
    mobile: registrationInputSchema.shape.mobile.optional(),
    registeredAt: z.string().datetime(),
  })
  .strict()
  .refine((w) => w.fullName !== '' || w.fullNameEn !== '', { message: 'A walk-in needs a name' });
export type DeskWalkIn = z.infer<typeof deskWalkInSchema>;

export interface WalkInEntry extends DeskWalkIn {
  entryId: string;
}

/**
 * The walk-ins that can be registered, earliest first, and those refused: an
 * entry that does not parse or names another desk in its key, or a second
 * walk-in with an id or a code an earlier one has.
 */
export function walkInsOf(walkIns: Readonly<Record<string, unknown>>): { valid: WalkInEntry[]; refused: string[] } {
  const parsed: (WalkInEntry & { at: number })[] = [];
  const refused: string[] = [];
  for (const [entryId, value] of Object.entries(walkIns)) {
    const key = ENTRY_KEY.exec(entryId);
    const walkIn = deskWalkInSchema.safeParse(value);
    if (!key || !walkIn.success || walkIn.data.deskId !== key[1]) refused.push(entryId);
    else parsed.push({ ...walkIn.data, entryId, at: Date.parse(walkIn.data.registeredAt) });
  }
  parsed.sort((a, b) => a.at - b.at || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  const ids = new Set<string>();
  const codes = new Set<string>();
  const valid: WalkInEntry[] = [];
  for (const { at: _at, ...w } of parsed) {
    if (ids.has(w.registrationId) || codes.has(w.code)) {
      refused.push(w.entryId);
      continue;
    }
    ids.add(w.registrationId);
    codes.add(w.code);
    valid.push(w);
  }
  return { valid, refused };
}

/** Files a walk-in and its scan in the book (inside a document change); returns the walk-in's key. */
export function addWalkIn(book: CheckInBook, walkIn: DeskWalkIn, unique: string = randomKeyPart()): string {
  const key = entryKeyOf(walkIn.deskId, unique);
  // Made here only in a desk's copy of a book from before walk-ins (the hub makes it in every book it opens);
  // the hub reads every walkIns map made while apart, so such a desk's walk-ins are not lost.
  book.walkIns ??= {};
  if (Object.hasOwn(book.walkIns, key)) throw new Error(`The check-in book has a walk-in ${key} already.`);
  book.walkIns[key] = { ...walkIn };
  addScan(
    book,
    { registrationId: walkIn.registrationId, deskId: walkIn.deskId, scannedAt: walkIn.registeredAt },
    unique,
  );
  return key;
}

/**
 * The next badge code of a desk's reserved block that no walk-in of this
 * desk in the book has taken, or null when the block is used up. Read from
 * the book, not from a counter of the page's: a reload, or a walk-in the
 * hub refused, never makes a desk give a code twice.
 */
export function nextWalkInCode(
  walkIns: Readonly<Record<string, unknown>>,
  deskId: string,
  block: { first: number; last: number },
): string | null {
  const used = new Set<number>();
  for (const value of Object.values(walkIns)) {
    const entry = value as { deskId?: unknown; code?: unknown } | null;
    if (entry?.deskId === deskId && typeof entry.code === 'string') used.add(Number(entry.code));
  }
  for (let n = block.first; n <= block.last; n++) if (!used.has(n)) return String(n);
  return null;
}

/** A registrant id a desk makes (a version 4 UUID), from getRandomValues for the reason randomKeyPart says. */
export function newRegistrationId(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A scan with the key it is filed under. */
export interface ScanEntry extends DeskScan {
  entryId: string;
  /** `scannedAt` in milliseconds, for ordering. */
  at: number;
}

/** A person scanned again after the scan that counted. */
export interface DoubleScan {
  /** The scan that came later and did not count. */
  scan: ScanEntry;
  /** The scan that counted: «already checked in at desk 2 at 09:14». */
  first: ScanEntry;
}

export interface Arrivals {
  /** Registration id → the scan that counts for that person. */
  checkedIn: Map<string, ScanEntry>;
  /** Every scan that did not count, earliest first. */
  doubles: DoubleScan[];
  /** Entries that are not scans a desk could have written (kept in the book, never counted). */
  refused: string[];
}

const ENTRY_KEY = /^([a-z0-9]{4,32}):([A-Za-z0-9-]{1,64})$/;

/** The key a desk files a new scan under: its own id first, so no two desks can make the same key. */
export function entryKeyOf(deskId: string, unique: string): string {
  return `${deskId}:${unique}`;
}

/**
 * Files one scan in the book (inside a document change): under a new key of
 * the desk's own, never over an entry already there.
 */
export function addScan(book: CheckInBook, scan: DeskScan, unique: string = randomKeyPart()): string {
  const key = entryKeyOf(scan.deskId, unique);
  if (Object.hasOwn(book.scans, key)) throw new Error(`The check-in book has an entry ${key} already.`);
  book.scans[key] = { registrationId: scan.registrationId, deskId: scan.deskId, scannedAt: scan.scannedAt };
  return key;
}

/**
 * 128 random bits in hex. From getRandomValues, not randomUUID: a desk's
 * browser on the venue network (plain http to the hub's address) is not a
 * secure context, and randomUUID exists only in secure contexts.
 */
export function randomKeyPart(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What `arrivalsOf` made of each entry it read (the scan, or null when it was
 * refused), kept by the hub from one pass to the next: a book's entries are
 * written once, so a pass over a growing book reads again only the new ones.
 * Automerge keeps an entry that did not change the same object from one
 * version of the document to the next, and an entry changed in any way is a
 * new object, read again; so is one found under another key.
 */
export type ScanParses = WeakMap<object, { entryId: string; scan: ScanEntry | null }>;

function scanOf(entryId: string, value: unknown): ScanEntry | null {
  const key = ENTRY_KEY.exec(entryId);
  const parsed = deskScanSchema.safeParse(value);
  if (!key || !parsed.success || parsed.data.deskId !== key[1]) return null;
  return { ...parsed.data, entryId, at: Date.parse(parsed.data.scannedAt) };
}

/**
 * Reads the book's entries and decides who is checked in. An entry that does
 * not parse, or whose key names another desk than the entry does, is refused:
 * the book comes from the network, and a malformed entry must neither count
 * nor stop the others from counting. `parses` (see ScanParses) spares reading
 * again the entries of an earlier pass.
 */
export function arrivalsOf(scans: Readonly<Record<string, unknown>>, parses?: ScanParses): Arrivals {
  const valid: ScanEntry[] = [];
  const refused: string[] = [];
  for (const [entryId, value] of Object.entries(scans)) {
    const known = typeof value === 'object' && value !== null ? parses?.get(value) : undefined;
    let scan: ScanEntry | null;
    if (known?.entryId === entryId) scan = known.scan;
    else {
      scan = scanOf(entryId, value);
      if (parses && typeof value === 'object' && value !== null) parses.set(value, { entryId, scan });
    }
    if (scan) valid.push(scan);
    else refused.push(entryId);
  }
  // Earliest first; two scans at the same millisecond are ordered by key, so every copy decides alike.
  valid.sort((a, b) => a.at - b.at || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  const checkedIn = new Map<string, ScanEntry>();
  const doubles: DoubleScan[] = [];
  for (const scan of valid) {
    const first = checkedIn.get(scan.registrationId);
    if (first) doubles.push({ scan, first });
    else checkedIn.set(scan.registrationId, scan);
  }
  return { checkedIn, doubles, refused };
}

/** The scans that did not count, by the key they are filed under: what a desk shows beside its own scan. */
export function doublesByEntry(arrivals: Arrivals): Map<string, DoubleScan> {
  return new Map(arrivals.doubles.map((d) => [d.scan.entryId, d]));
}
