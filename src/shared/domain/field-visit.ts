import { z } from 'zod';

/**
 * A field visit's stops (جولة ميدانية): the places the guests are taken to,
 * in order, with how long they stay at each and how long the drive to the
 * next one takes. The times of the tour are not stored but worked out from
 * the session's start (see stopSchedule), so moving the session on the day
 * view moves every stop with it and an edit of one stop's length moves the
 * ones after it.
 */

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
/** Minutes on site or on the road: a stop of a working day, at most 12 hours. */
export const MAX_STOP_MINUTES = 12 * 60;
const stopMinutes = z
  .number()
  .int({ message: 'errors.stopMinutes' })
  .min(0, { message: 'errors.stopMinutes' })
  .max(MAX_STOP_MINUTES, { message: 'errors.stopMinutes' });

/**
 * A map link is printed for the drivers and opened by them on a phone: a
 * web address only (http or https), never a javascript: or file: one.
 */
export function isMapLink(value: string): boolean {
  if (value === '') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const fieldStopSchema = z.object({
  id: z.string().uuid(),
  /** مركز البلاغات ٩٤٠ */
  placeAr: text(300),
  placeEn: text(300),
  /** The street address the drivers head for. */
  address: text(500),
  mapLink: z.string().trim().max(1000, { message: 'errors.tooLong' }).refine(isMapLink, { message: 'errors.mapLink' }),
  onSiteMinutes: stopMinutes,
  /** The drive from this stop to the next one; after the last, the drive back (or on to what follows). */
  travelMinutes: stopMinutes,
  /** Who receives the guests there: a person of the directory, or a name typed when there is no record. */
  hostId: z.string().uuid().nullable(),
  hostName: text(200),
  /** A telephone on site for the drivers and the host officers (the host's own mobile is printed beside it). */
  contact: text(100),
  /** The cars of the motorcade at this stop («السيارة ١ – الضيف والأمين»), one a line. */
  vehicles: z.array(text(200)).max(20),
  /** The typed host's name as the English itinerary prints it (a person of the directory has their own). */
  hostNameEn: text(200).default(''),
});
export type FieldStop = z.infer<typeof fieldStopSchema>;

export const MAX_STOPS = 30;

export function newFieldStop(id: string, fields: Partial<Omit<FieldStop, 'id'>> = {}): FieldStop {
  return {
    placeAr: '',
    placeEn: '',
    address: '',
    mapLink: '',
    onSiteMinutes: 30,
    travelMinutes: 10,
    hostId: null,
    hostName: '',
    contact: '',
    vehicles: [],
    hostNameEn: '',
    ...fields,
    id,
  };
}

/** One stop with its times: minutes from the start of the session's day. */
export interface TimedStop {
  stop: FieldStop;
  /** 1 for the first stop. */
  number: number;
  arrive: number;
  leave: number;
  /** When the motorcade reaches what comes after: the next stop, or, after the last, the end of the tour. */
  nextArrive: number;
}

export interface StopSchedule {
  stops: TimedStop[];
  /** When the tour is over: the last stop left and its drive done; the session's start when there are no stops. */
  end: number;
}

/**
 * The tour's times: the first stop is reached at the session's start, each
 * stop is left after its time on site, and the next one is reached after the
 * drive. The session's own end is not used, so a coordinator can see where
 * the stops take the tour and whether that is past the time booked for it
 * (see stopsOverrun).
 */
export function stopSchedule(session: { start: number; stops: readonly FieldStop[] }): StopSchedule {
  let at = session.start;
  const stops = session.stops.map((stop, i) => {
    const arrive = at;
    const leave = arrive + stop.onSiteMinutes;
    at = leave + stop.travelMinutes;
    return { stop, number: i + 1, arrive, leave, nextArrive: at };
  });
  return { stops, end: at };
}

/** Minutes the stops run past the session's end (positive), or are short of it (negative); 0 with no stops. */
export function stopsOverrun(session: { start: number; end: number; stops: readonly FieldStop[] }): number {
  return session.stops.length === 0 ? 0 : stopSchedule(session).end - session.end;
}
