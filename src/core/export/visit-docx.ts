/**
 * A field visit's two papers, Word files like the programme:
 *
 * - the itinerary (برنامج الجولة) handed to the guests: for each field visit
 *   its day and time, the party that goes round with them, and the stops in
 *   order with the time at each, the place and who receives them there;
 * - the movement sheet (كشف الحركة) for the drivers and the host officers:
 *   per stop the arrival and departure, the drive to the next, the address
 *   and map link, the cars, and whom to call (the host's mobile, the site's
 *   telephone), landscape so a row holds it all.
 *
 * The times are the stops' own arithmetic (shared/domain/field-visit), the
 * same the session editor shows, so the paper and the screen never differ.
 */
import type { Paragraph, Table } from 'docx';
import type { ItineraryExport, MovementSheetExport } from '../../shared/domain/export';
import { type FieldStop, type StopSchedule, stopSchedule } from '../../shared/domain/field-visit';
import type { Person } from '../../shared/domain/person';
import type { Session } from '../../shared/domain/programme';
import { DAY_MINUTES } from '../../shared/domain/programme-edit';
import { AppError } from '../../shared/errors';
import { LRI, PDI } from '../../shared/text/arabic';
import {
  type DocLang,
  documentFormatters,
  joinedList,
  nameIn,
  personNameIn,
  textIn,
  titleIn,
  type Words,
  writtenDay,
} from './document-words';
import {
  a4Section,
  docxParagraph,
  type ParagraphStyle,
  packDocx,
  printable,
  ruledTable,
  type SectionChild,
} from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';

const WORDS = {
  itinerary: { ar: 'برنامج الجولة الميدانية', en: 'Field visit itinerary' },
  movement: { ar: 'كشف الحركة', en: 'Movement sheet' },
  time: { ar: 'الوقت', en: 'Time' },
  from: { ar: 'من', en: 'From' },
  to: { ar: 'إلى', en: 'to' },
  place: { ar: 'المكان', en: 'Place' },
  accompanying: { ar: 'المرافقون', en: 'Accompanying party' },
  number: { ar: 'م', en: 'No.' },
  stop: { ar: 'المحطة', en: 'Stop' },
  host: { ar: 'في الاستقبال', en: 'Received by' },
  arrive: { ar: 'الوصول', en: 'Arrival' },
  leave: { ar: 'المغادرة', en: 'Departure' },
  drive: { ar: 'الطريق إلى التالية', en: 'Drive to next' },
  address: { ar: 'العنوان والخريطة', en: 'Address and map' },
  vehicles: { ar: 'السيارات', en: 'Vehicles' },
  contacts: { ar: 'التواصل', en: 'Contacts' },
  minutes: { ar: 'دقيقة', en: 'min' },
  siteTelephone: { ar: 'هاتف الموقع', en: 'Site telephone' },
  tourEnds: { ar: 'نهاية الجولة', en: 'End of the tour' },
  tourEndsAt: { ar: 'تنتهي الجولة بعد طريق العودة', en: 'The tour is over, the drive back done, at' },
  overrun: {
    ar: 'تنبيه: تنتهي المحطات بعد الوقت المحدد للجولة ({end}).',
    en: 'Note: the stops run past the time set for the tour ({end}).',
  },
  page: { ar: 'صفحة', en: 'Page' },
  pageOf: { ar: 'من', en: 'of' },
} as const satisfies Record<string, Words>;

const A4 = { short: 11_906, long: 16_838, margin: 1_000 };
const COLOUR = { heading: '1F4E79', warn: 'C00000' };

/** The field visits a paper is for: the one asked for, or every one with stops, in the order of the days. */
export function visitsOf(sessions: readonly Session[], sessionId: string | null): Session[] {
  if (sessionId !== null) {
    const session = sessions.find((s) => s.id === sessionId);
    if (!session) throw new AppError('not_found', 'The field visit of this paper is not in the programme');
    if (session.stops.length === 0) throw noStops('This field visit has no stops yet');
    return [session];
  }
  const visits = sessions
    .filter((s) => s.stops.length > 0)
    .sort((a, b) => a.day.localeCompare(b.day) || a.start - b.start);
  if (visits.length === 0) throw noStops('No field visit in the programme has stops yet');
  return visits;
}

/** Refused with the reason named, so the screen says it in the user's language rather than "a conflict". */
const noStops = (message: string) =>
  new AppError('conflict', message, [{ path: ['sessionId'], message: 'errors.visitNoStops' }]);

export const writeItineraryDocx: ExportWriter<ItineraryExport> = async (input) =>
  new VisitPaper(input, 'itinerary').write();

export const writeMovementSheetDocx: ExportWriter<MovementSheetExport> = async (input) =>
  new VisitPaper(input, 'movement').write();

type Paper = 'itinerary' | 'movement';

class VisitPaper {
  private readonly lang: DocLang;
  private readonly fmt;
  private readonly people: ReadonlyMap<string, Person>;
  private readonly landscape: boolean;
  private readonly textWidth: number;

  constructor(
    private readonly input: ExportInput<ItineraryExport | MovementSheetExport>,
    private readonly paper: Paper,
  ) {
    this.lang = input.options.language;
    this.fmt = documentFormatters(input.settings, this.lang);
    this.people = new Map(input.directory.people.map((p) => [p.id, p]));
    // The drivers' sheet has seven columns: across the page. The guests' itinerary reads down it.
    this.landscape = paper === 'movement';
    this.textWidth = (this.landscape ? A4.long : A4.short) - 2 * A4.margin;
  }

  async write(): Promise<Buffer> {
    const { progress, programme } = this.input;
    const visits = visitsOf(programme.sessions, this.input.options.sessionId);
    progress.setTotal(visits.length);
    const children: SectionChild[] = [];
    for (const [i, visit] of visits.entries()) {
      children.push(...this.visit(visit, i > 0));
      progress.advance();
      await progress.checkpoint();
    }
    const title = `${this.paperTitle()} — ${titleIn(this.input.forum, this.lang)}`;
    return packDocx({
      title,
      lang: this.lang,
      fonts: this.input.fonts,
      bodySize: 12,
      sections: [a4Section({ lang: this.lang, children, margin: A4.margin, landscape: this.landscape })],
    });
  }

  private paperTitle(): string {
    return (this.paper === 'itinerary' ? WORDS.itinerary : WORDS.movement)[this.lang];
  }

  /** One field visit: its heading lines, its table of stops, and where the tour ends. */
  private visit(session: Session, newPage: boolean): SectionChild[] {
    const { lang, fmt } = this;
    const schedule = stopSchedule(session);
    const out: SectionChild[] = [
      this.para(this.paperTitle(), {
        bold: true,
        size: 18,
        color: COLOUR.heading,
        align: 'center',
        after: 4,
        pageBreakBefore: newPage,
      }),
      this.para(titleIn(this.input.forum, lang), { bold: true, size: 13, align: 'center', after: 2 }),
    ];
    const sessionTitle = titleIn(session, lang);
    if (sessionTitle) out.push(this.para(sessionTitle, { size: 13, align: 'center', after: 8 }));
    const when = `${writtenDay(fmt, session.day, lang)} — ${WORDS.from[lang]} ${this.clock(session.start)} ${WORDS.to[lang]} ${this.clock(session.end)}`;
    out.push(this.para(`${WORDS.time[lang]}: ${when}`, { after: 2 }));
    const place = this.placeOf(session);
    if (place) out.push(this.para(`${WORDS.place[lang]}: ${place}`, { after: 2 }));
    const party = session.presentIds.flatMap((id) => {
      const person = this.people.get(id);
      return person ? [personNameIn(person, lang)] : [];
    });
    if (party.length > 0) {
      out.push(this.para(`${WORDS.accompanying[lang]}: ${joinedList(party, lang)}`, { after: 2 }));
    }
    out.push(this.para('', { after: 4 }));
    out.push(this.paper === 'itinerary' ? this.itineraryTable(schedule) : this.movementTable(schedule));
    const last = schedule.stops.at(-1);
    if (last) {
      const ending =
        this.paper === 'itinerary'
          ? `${WORDS.tourEnds[lang]}: ${this.clock(schedule.end)}`
          : `${WORDS.tourEndsAt[lang]} ${this.clock(schedule.end)}`;
      out.push(this.para(ending, { bold: true, before: 8 }));
    }
    if (schedule.end > session.end) {
      out.push(
        this.para(WORDS.overrun[lang].replace('{end}', this.clock(session.end)), { color: COLOUR.warn, before: 2 }),
      );
    }
    return out;
  }

  /** The guests' table: number, time on site, the stop, who receives them. */
  private itineraryTable(schedule: StopSchedule): Table {
    const { lang } = this;
    const rows = schedule.stops.map(({ stop, number, arrive, leave }) => [
      [this.fmt.number(number)],
      [`${this.clock(arrive)} – ${this.clock(leave)}`],
      [textIn(stop.placeAr, stop.placeEn, lang)],
      this.hostLines(stop),
    ]);
    return this.table(
      [WORDS.number[lang], WORDS.time[lang], WORDS.stop[lang], WORDS.host[lang]],
      rows,
      [0.07, 0.2, 0.38, 0.35],
    );
  }

  /** The drivers' table: arrival, departure, the drive after, the stop and how to find it, the cars, whom to call. */
  private movementTable(schedule: StopSchedule): Table {
    const { lang } = this;
    const rows = schedule.stops.map(({ stop, number, arrive, leave }) => {
      const whereLines = [
        textIn(stop.placeAr, stop.placeEn, lang),
        stop.address,
        stop.mapLink && LRI + stop.mapLink + PDI,
      ];
      const host = this.hostLines(stop);
      const mobile = stop.hostId ? this.people.get(stop.hostId)?.mobile : '';
      const contacts = [
        ...host.slice(0, 1),
        mobile ? LRI + mobile + PDI : '',
        stop.contact ? `${WORDS.siteTelephone[lang]}: ${LRI}${stop.contact}${PDI}` : '',
      ];
      return [
        [this.fmt.number(number)],
        [this.clock(arrive)],
        [this.clock(leave)],
        [`${this.fmt.number(stop.travelMinutes)} ${WORDS.minutes[lang]}`],
        whereLines.filter(Boolean),
        stop.vehicles.filter(Boolean),
        contacts.filter(Boolean),
      ];
    });
    return this.table(
      [
        WORDS.number[lang],
        WORDS.arrive[lang],
        WORDS.leave[lang],
        WORDS.drive[lang],
        WORDS.address[lang],
        WORDS.vehicles[lang],
        WORDS.contacts[lang],
      ],
      rows,
      [0.05, 0.09, 0.09, 0.1, 0.3, 0.17, 0.2],
    );
  }

  /** Who receives the guests: the person by protocol name and position, or the name typed. */
  private hostLines(stop: FieldStop): string[] {
    const person = stop.hostId ? this.people.get(stop.hostId) : undefined;
    if (!person) {
      const typed = textIn(stop.hostName, stop.hostNameEn, this.lang);
      return typed ? [typed] : [];
    }
    const position = textIn(person.positionAr, person.positionEn, this.lang);
    return [personNameIn(person, this.lang), ...(position ? [position] : [])];
  }

  private placeOf(session: Session): string {
    const hall = session.hallId ? this.input.programme.halls.find((h) => h.id === session.hallId) : undefined;
    return hall ? nameIn(hall, this.lang) : textIn(session.place, session.placeEn, this.lang);
  }

  /** A time of the day; past midnight it is the next day's clock. */
  private clock(minutes: number): string {
    return this.fmt.clock(minutes % DAY_MINUTES);
  }

  /** A ruled table (docx-kit), its rows tall enough for a name and the line under it. */
  private table(headers: readonly string[], rows: readonly (readonly string[])[][], shares: readonly number[]): Table {
    const { lang, input } = this;
    return ruledTable({ headers, rows, shares, width: this.textWidth, lang, settings: input.settings, rowHeight: 520 });
  }

  private para(text: string, style: ParagraphStyle = {}): Paragraph {
    return docxParagraph(printable(text, this.lang, this.input.settings), this.lang, style);
  }
}
