/**
 * The kinds of session a programme holds, each with every trait that sets it
 * apart, in one table. Everything else derives from it: the zod schema's list,
 * the conflict rules, the templates, the editor, the day view's colours, the
 * Word programme and the sessions offered at registration. Adding a kind is
 * one entry here plus its name in both languages (`session.kind.<kind>` in
 * src/shared/i18n); docs/architecture.md, "Adding a session kind", walks
 * through it.
 */
// A type-only import: erased at build, so programme.ts may import this table without a cycle at run time.
import type { ItemKind } from './programme';

/**
 * How a kind is coloured on screen (the day view's blocks): kinds with the
 * same tone look alike, so a new kind picks the tone it resembles and needs no
 * CSS of its own.
 */
export const SESSION_TONES = ['session', 'ceremony', 'discussion', 'outing', 'break'] as const;
export type SessionTone = (typeof SESSION_TONES)[number];

export interface SessionKindTraits {
  /** A break stops the whole programme: nothing else should run while it does (a conflict if something does). */
  readonly break: boolean;
  /**
   * Concerns everyone at once: held in no particular hall, it is drawn across
   * every hall of the day view, and the exports' list of working sessions
   * leaves it out. Every break spans every hall; so does registration.
   */
  readonly spansEveryHall: boolean;
  /**
   * What protocol orders: speeches and head table listed by rank until the
   * coordinator sets an order (every other kind keeps the running order given
   * to it), and marked as such in the Word programme.
   */
  readonly ceremony: boolean;
  /** Registrants sign up for it, where seats are limited: offered in the registration form (docs/domain.md, "Registration"). */
  readonly choosableAtRegistration: boolean;
  /**
   * Where a new session of the kind is held: `needed`, in a hall (the day's
   * first, from a template or by hand, and given back when the kind changes
   * from one that takes none); `none`, in no hall (it spans the halls, or
   * leaves the building), and a change to the kind clears it. The editor lets
   * the coordinator pick or clear a hall for any kind.
   */
  readonly hall: 'needed' | 'none';
  /** Who leads it, as the editor and the day view name the role. */
  readonly leader: 'chair' | 'moderator';
  /** The kind of an item added to it in the editor: a panel's panellists, an opening's speeches, papers otherwise. */
  readonly newItem: ItemKind;
  readonly tone: SessionTone;
}

const working = {
  break: false,
  spansEveryHall: false,
  ceremony: false,
  choosableAtRegistration: false,
  hall: 'needed',
  leader: 'chair',
  newItem: 'paper',
  tone: 'session',
} as const satisfies SessionKindTraits;

const breakTime = {
  ...working,
  break: true,
  spansEveryHall: true,
  hall: 'none',
  tone: 'break',
} as const satisfies SessionKindTraits;

const ceremony = { ...working, ceremony: true, tone: 'ceremony' } as const satisfies SessionKindTraits;

/** In the order the editor offers them. */
export const SESSION_KIND_TRAITS = {
  registration: { ...working, spansEveryHall: true, hall: 'none' },
  opening: { ...ceremony, newItem: 'speech' },
  keynote: working,
  papers: working,
  panel: { ...working, leader: 'moderator', newItem: 'panellist', tone: 'discussion' },
  discussion: { ...working, leader: 'moderator', tone: 'discussion' },
  workshop: { ...working, choosableAtRegistration: true },
  coffee_break: breakTime,
  prayer_break: breakTime,
  lunch: breakTime,
  // A field visit leaves the building: no hall, but it does not stop the programme.
  field_visit: { ...working, choosableAtRegistration: true, hall: 'none', tone: 'outing' },
  side_meeting: { ...working, choosableAtRegistration: true, tone: 'outing' },
  closing: ceremony,
  honouring: ceremony,
} as const satisfies Record<string, SessionKindTraits>;

export type SessionKind = keyof typeof SESSION_KIND_TRAITS;

// Object.keys keeps the table's order (its keys are not numbers); the cast
// only restores the key type that Object.keys widens to string.
export const SESSION_KINDS = Object.keys(SESSION_KIND_TRAITS) as [SessionKind, ...SessionKind[]];

export const sessionKindTraits = (kind: SessionKind): SessionKindTraits => SESSION_KIND_TRAITS[kind];

const kindsWhere = (has: (traits: SessionKindTraits) => boolean): ReadonlySet<SessionKind> =>
  new Set(SESSION_KINDS.filter((kind) => has(SESSION_KIND_TRAITS[kind])));

export const BREAK_KINDS = kindsWhere((k) => k.break);
export const PROGRAMME_WIDE_KINDS = kindsWhere((k) => k.spansEveryHall);
export const CEREMONY_KINDS = kindsWhere((k) => k.ceremony);
export const CHOOSABLE_KINDS = kindsWhere((k) => k.choosableAtRegistration);

/** Kinds that take no hall: the whole programme stops for them, or they happen elsewhere. */
export const takesNoHall = (kind: SessionKind): boolean => SESSION_KIND_TRAITS[kind].hall === 'none';
