/**
 * A delegation's papers, Word files like the programme:
 *
 * - the briefing file (الملف التعريفي) an outgoing delegation's head takes
 *   along: the meeting, who goes and their roles, the agenda and the
 *   programme, what the delegation presents, its talking points, each
 *   member's flights and hotel, and whom to call;
 * - the airport-reception schedule (جدول الاستقبال) of incoming delegations:
 *   one table by arrival time, each landing with its flight, who is on it,
 *   the airport, who receives them and the car that takes them.
 */
import type { Paragraph } from 'docx';
import type { BriefingExport, ReceptionExport } from '../../shared/domain/export';
import type { Person } from '../../shared/domain/person';
import type { Delegation, DelegationMember, NamedPerson, Session, TravelLeg } from '../../shared/domain/programme';
import { AppError } from '../../shared/errors';
import { LRI, PDI } from '../../shared/text/arabic';
import { councilOf, personText } from './council-words';
import {
  type DocLang,
  documentFormatters,
  joinedList,
  nameIn,
  personNameIn,
  sessionKindName,
  textIn,
  titleIn,
  type Words,
  writtenDay,
  writtenDays,
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
  briefing: { ar: 'الملف التعريفي للوفد', en: 'Delegation briefing file' },
  meeting: { ar: 'المشاركة', en: 'The meeting' },
  event: { ar: 'الفعالية', en: 'Event' },
  organisers: { ar: 'الجهة المنظمة', en: 'Organised by' },
  dates: { ar: 'الموعد', en: 'Dates' },
  venue: { ar: 'المكان', en: 'Venue' },
  members: { ar: 'أعضاء الوفد وأدوارهم', en: 'Who goes and their roles' },
  number: { ar: 'م', en: 'No.' },
  name: { ar: 'الاسم', en: 'Name' },
  position: { ar: 'المنصب', en: 'Position' },
  role: { ar: 'الدور في الوفد', en: 'Role in the delegation' },
  head: { ar: 'رئيس الوفد', en: 'Head of delegation' },
  member: { ar: 'عضو الوفد', en: 'Member' },
  agenda: { ar: 'جدول الأعمال', en: 'Agenda' },
  item: { ar: 'البند', en: 'Item' },
  presenter: { ar: 'يقدمه', en: 'presented by' },
  programme: { ar: 'البرنامج', en: 'Programme' },
  time: { ar: 'الوقت', en: 'Time' },
  session: { ar: 'الجلسة', en: 'Session' },
  place: { ar: 'المكان', en: 'Place' },
  presents: { ar: 'ما يقدمه الوفد', en: 'What the delegation presents' },
  talkingPoints: { ar: 'نقاط الحديث', en: 'Talking points' },
  travel: { ar: 'السفر والإقامة', en: 'Travel and stay' },
  arrival: { ar: 'الوصول', en: 'Arrival' },
  departure: { ar: 'المغادرة', en: 'Departure' },
  hotel: { ar: 'الفندق والغرفة', en: 'Hotel and room' },
  room: { ar: 'غرفة', en: 'room' },
  contacts: { ar: 'جهات الاتصال', en: 'Contacts' },
  contact: { ar: 'وسيلة الاتصال', en: 'Phone and e-mail' },
  hostOfficer: { ar: 'ضابط الارتباط', en: 'Liaison officer' },
  reception: { ar: 'فريق الاستقبال', en: 'Reception party' },
  driver: { ar: 'السائق', en: 'Driver' },
  none: { ar: 'لا شيء بعد.', en: 'None yet.' },
  schedule: { ar: 'جدول استقبال الوفود في المطار', en: 'Airport reception schedule' },
  when: { ar: 'موعد الوصول', en: 'Arrival' },
  flight: { ar: 'الرحلة', en: 'Flight' },
  who: { ar: 'القادمون', en: 'Arriving' },
  delegation: { ar: 'الوفد', en: 'Delegation' },
  airport: { ar: 'المطار', en: 'Airport' },
  receivedBy: { ar: 'الاستقبال', en: 'Received by' },
  carDriver: { ar: 'السيارة والسائق', en: 'Car and driver' },
  noArrivals: {
    ar: 'لم تُسجَّل رحلات وصول للوفود القادمة بعد.',
    en: 'No arrival flights of incoming delegations have been entered yet.',
  },
  timeUnknown: { ar: 'الوقت لم يحدد', en: 'time to be confirmed' },
} as const satisfies Record<string, Words>;

const A4 = { width: 11_906, height: 16_838, margin: 1_100 };
const COLOUR = { heading: '1F4E79', muted: '595959' };

/**
 * A phone number or an e-mail kept left to right as one unit: alone in a
 * right-to-left cell, "+1 713 555 0142" would otherwise print "0142 555 713 1+".
 */
const dialled = (text: string) => (text ? LRI + text + PDI : '');

/** The delegation an export names: refused, saying so, when there is none or it is gone. */
function delegationOf(input: ExportInput<BriefingExport | ReceptionExport>): Delegation | null {
  const id = input.options.delegationId;
  if (id === null) return null;
  const found = input.programme.delegations.find((d) => d.id === id);
  if (!found) throw new AppError('not_found', 'The delegation is no longer in this forum.');
  return found;
}

/** The delegation's people in protocol order: its head, then its members. */
function peopleOfDelegation(d: Delegation): string[] {
  return [...(d.headId ? [d.headId] : []), ...d.memberIds.filter((id) => id !== d.headId)];
}

/** What writers of both papers share: the document's language, its formatters and how things print. */
class DelegationPaper {
  protected readonly fmt;
  protected readonly people: ReadonlyMap<string, Person>;

  constructor(
    protected readonly input: ExportInput<BriefingExport | ReceptionExport>,
    protected readonly lang: DocLang,
  ) {
    this.fmt = documentFormatters(input.settings, lang);
    this.people = new Map(input.directory.people.map((p) => [p.id, p]));
  }

  protected para(text: string, style: ParagraphStyle = {}): Paragraph {
    return docxParagraph(printable(text, this.lang, this.input.settings), this.lang, style);
  }

  protected heading(text: string): Paragraph {
    return this.para(text, { bold: true, size: 14, color: COLOUR.heading, before: 14, after: 6, keepNext: true });
  }

  protected table(
    headers: readonly Words[],
    rows: readonly (readonly string[])[],
    shares: readonly number[],
    width: number,
  ) {
    return ruledTable({
      headers: headers.map((h) => h[this.lang]),
      rows,
      shares,
      width,
      lang: this.lang,
      settings: this.input.settings,
    });
  }

  protected personName(id: string): string {
    const person = this.people.get(id);
    return person ? personNameIn(person, this.lang) : '';
  }

  protected named(p: NamedPerson): string {
    return personText(this.input.directory, p.personId, p.name, this.lang);
  }

  /** «الخميس ٣ ديسمبر ٢٠٢٦م ١٠:٠٥» — the day in the first calendar, then the local time. */
  protected when(leg: TravelLeg): string {
    const day = writtenDay(this.fmt, leg.day, this.lang, 'first');
    return leg.time === null ? `${day} (${WORDS.timeUnknown[this.lang]})` : `${day} ${this.fmt.clock(leg.time)}`;
  }

  protected carText(d: Delegation, carId: string | null): string {
    const car = d.cars.find((c) => c.id === carId);
    if (!car) return '';
    return [car.car, car.driverName, dialled(car.phone)].filter(Boolean).join('\n');
  }

  protected list(items: readonly string[]): string {
    return this.lang === 'ar' ? items.filter(Boolean).join('، ') : items.filter(Boolean).join(', ');
  }

  protected pack(title: string, children: SectionChild[], orientation: 'portrait' | 'landscape'): Promise<Buffer> {
    return packDocx({
      title,
      lang: this.lang,
      fonts: this.input.fonts,
      bodySize: 12,
      sections: [a4Section({ lang: this.lang, children, margin: A4.margin, landscape: orientation === 'landscape' })],
    });
  }
}

export const writeBriefingDocx: ExportWriter<BriefingExport> = async (input) =>
  new Briefing(input, input.options.language).write();

class Briefing extends DelegationPaper {
  private readonly delegation: Delegation;
  private readonly details: ReadonlyMap<string, DelegationMember>;
  private readonly textWidth = A4.width - 2 * A4.margin;

  constructor(input: ExportInput<BriefingExport>, lang: DocLang) {
    super(input, lang);
    const delegation = delegationOf(input);
    if (!delegation) throw new AppError('invalid_request', 'Choose the delegation whose briefing file to write.');
    this.delegation = delegation;
    this.details = new Map(delegation.memberDetails.map((m) => [m.personId, m]));
  }

  async write(): Promise<Buffer> {
    const { progress } = this.input;
    const { lang, delegation } = this;
    progress.setTotal(7);
    const name = nameIn(delegation, lang);
    const children: SectionChild[] = [
      this.para(WORDS.briefing[lang], { bold: true, size: 20, color: COLOUR.heading, align: 'center', after: 4 }),
      this.para(name, { bold: true, size: 16, align: 'center', after: 12 }),
      ...this.meeting(),
    ];
    const parts = [
      () => this.members(),
      () => this.agenda(),
      () => this.points(WORDS.presents, delegation.presentations, '•'),
      () => this.points(WORDS.talkingPoints, delegation.talkingPoints, 'numbered'),
      () => this.travel(),
      () => this.contacts(),
    ];
    for (const part of parts) {
      children.push(...part());
      progress.advance();
      await progress.checkpoint();
    }
    return this.pack(`${WORDS.briefing[lang]} — ${name}`, children, 'portrait');
  }

  private meeting(): Paragraph[] {
    const { forum } = this.input;
    const { lang } = this;
    const { venue: v } = forum;
    const venue = this.list([
      textIn(v.hall, v.hallEn, lang),
      textIn(v.hotel, v.hotelEn, lang),
      textIn(v.city, v.cityEn, lang),
      textIn(v.country, v.countryEn, lang),
    ]);
    const organisers = forum.organisers.map((o, i) => textIn(o, forum.organisersEn?.[i], lang));
    const line = (label: Words, text: string) => (text ? [this.para(`${label[lang]}: ${text}`, { after: 2 })] : []);
    return [
      this.heading(WORDS.meeting[lang]),
      // An edition an older version kept as text has no English: marked in the English file, as its title would be.
      ...line(WORDS.event, [textIn(forum.edition, '', lang), titleIn(forum, lang)].filter(Boolean).join(' — ')),
      ...line(WORDS.organisers, joinedList(organisers, lang)),
      ...line(WORDS.dates, writtenDays(this.fmt, forum.firstDay, forum.lastDay, lang)),
      ...line(WORDS.venue, venue),
    ];
  }

  private members(): SectionChild[] {
    const { lang, delegation } = this;
    const ids = peopleOfDelegation(delegation);
    if (ids.length === 0) return [this.heading(WORDS.members[lang]), this.para(WORDS.none[lang])];
    const rows = ids.map((id, i) => {
      const person = this.people.get(id);
      const position = person ? textIn(person.positionAr, person.positionEn, lang) : '';
      const role = this.details.get(id)?.role || (id === delegation.headId ? WORDS.head[lang] : WORDS.member[lang]);
      return [this.fmt.number(i + 1), this.personName(id), position, role];
    });
    return [
      this.heading(WORDS.members[lang]),
      this.table(
        [WORDS.number, WORDS.name, WORDS.position, WORDS.role],
        rows,
        [0.07, 0.35, 0.35, 0.23],
        this.textWidth,
      ),
    ];
  }

  /** The body's agenda items when the meeting has them, then the programme day by day. */
  private agenda(): SectionChild[] {
    const { lang } = this;
    const out: SectionChild[] = [];
    const agenda = councilOf(this.input).agenda;
    if (agenda.length > 0) {
      out.push(this.heading(WORDS.agenda[lang]));
      for (const [i, item] of agenda.entries()) {
        const presenter = personText(this.input.directory, item.presenterId, item.presenterName, lang);
        const title = textIn(item.titleAr, item.titleEn, lang);
        const text = `${WORDS.item[lang]} ${this.fmt.number(i + 1)}: ${title}`;
        out.push(this.para(presenter ? `${text} (${WORDS.presenter[lang]} ${presenter})` : text, { after: 2 }));
      }
    }
    out.push(this.heading(WORDS.programme[lang]));
    const sessions = [...this.input.programme.sessions].sort((a, b) => a.day.localeCompare(b.day) || a.start - b.start);
    if (sessions.length === 0) {
      out.push(this.para(WORDS.none[lang]));
      return out;
    }
    for (const day of [...new Set(sessions.map((s) => s.day))]) {
      out.push(this.para(writtenDay(this.fmt, day, lang, 'first'), { bold: true, before: 6, keepNext: true }));
      const rows = sessions
        .filter((s) => s.day === day)
        .map((s) => [
          `${this.fmt.clock(s.start)} – ${this.fmt.clock(s.end % (24 * 60))}`,
          this.sessionTitle(s),
          this.placeOf(s),
        ]);
      out.push(this.table([WORDS.time, WORDS.session, WORDS.place], rows, [0.2, 0.55, 0.25], this.textWidth));
    }
    return out;
  }

  private sessionTitle(s: Session): string {
    return titleIn(s, this.lang) || sessionKindName(s.kind, this.lang);
  }

  private placeOf(s: Session): string {
    const hall = this.input.programme.halls.find((h) => h.id === s.hallId);
    return hall ? nameIn(hall, this.lang) : textIn(s.place, s.placeEn, this.lang);
  }

  private points(title: Words, items: readonly string[], marker: '•' | 'numbered'): Paragraph[] {
    const { lang } = this;
    const kept = items.map((x) => x.trim()).filter(Boolean);
    if (kept.length === 0) return [this.heading(title[lang]), this.para(WORDS.none[lang])];
    return [
      this.heading(title[lang]),
      ...kept.map((text, i) =>
        this.para(`${marker === '•' ? '•' : `${this.fmt.number(i + 1)}.`} ${text}`, { after: 3, align: 'both' }),
      ),
    ];
  }

  private travel(): SectionChild[] {
    const { lang, delegation } = this;
    const ids = peopleOfDelegation(delegation);
    // Flight, time and airport each on a line of the cell: mixed on one line, their directions tangle.
    const leg = (l: TravelLeg | null) => (l ? [l.flight, this.when(l), l.airport].filter(Boolean).join('\n') : '');
    const rows = ids.map((id) => {
      const m = this.details.get(id);
      const stay = m ? [m.hotel, m.room ? `${WORDS.room[lang]} ${m.room}` : ''].filter(Boolean).join('\n') : '';
      return [this.personName(id), leg(m?.arrival ?? null), leg(m?.departure ?? null), stay];
    });
    if (rows.length === 0) return [this.heading(WORDS.travel[lang]), this.para(WORDS.none[lang])];
    return [
      this.heading(WORDS.travel[lang]),
      this.table(
        [WORDS.name, WORDS.arrival, WORDS.departure, WORDS.hotel],
        rows,
        [0.25, 0.29, 0.29, 0.17],
        this.textWidth,
      ),
    ];
  }

  private contacts(): SectionChild[] {
    const { lang, delegation } = this;
    const rows: string[][] = [];
    const contactOf = (id: string | null) => {
      const p = id ? this.people.get(id) : undefined;
      return p ? [dialled(p.mobile), dialled(p.email)].filter(Boolean).join('\n') : '';
    };
    if (delegation.hostOfficer.personId || delegation.hostOfficer.name) {
      rows.push([
        WORDS.hostOfficer[lang],
        this.named(delegation.hostOfficer),
        contactOf(delegation.hostOfficer.personId),
      ]);
    }
    for (const p of delegation.receptionParty) rows.push([WORDS.reception[lang], this.named(p), contactOf(p.personId)]);
    for (const car of delegation.cars) {
      rows.push([`${WORDS.driver[lang]} — ${car.car}`, car.driverName, dialled(car.phone)]);
    }
    for (const id of peopleOfDelegation(delegation)) {
      const role = id === delegation.headId ? WORDS.head[lang] : WORDS.member[lang];
      rows.push([role, this.personName(id), contactOf(id)]);
    }
    if (rows.length === 0) return [this.heading(WORDS.contacts[lang]), this.para(WORDS.none[lang])];
    return [
      this.heading(WORDS.contacts[lang]),
      this.table([WORDS.role, WORDS.name, WORDS.contact], rows, [0.3, 0.38, 0.32], this.textWidth),
    ];
  }
}

export const writeReceptionDocx: ExportWriter<ReceptionExport> = async (input) =>
  new Reception(input, input.options.language).write();

/** One landing: the people of one delegation on one flight. */
interface Arrival {
  delegation: Delegation;
  leg: TravelLeg;
  personIds: string[];
}

class Reception extends DelegationPaper {
  private readonly textWidth = A4.height - 2 * A4.margin;

  async write(): Promise<Buffer> {
    const { lang } = this;
    const chosen = delegationOf(this.input);
    const delegations = chosen ? [chosen] : this.input.programme.delegations.filter((d) => d.direction === 'incoming');
    const arrivals = arrivalsOf(delegations);
    this.input.progress.setTotal(arrivals.length + 1);
    const title = chosen ? `${WORDS.schedule[lang]} — ${nameIn(chosen, lang)}` : WORDS.schedule[lang];
    const children: SectionChild[] = [
      this.para(title, { bold: true, size: 18, color: COLOUR.heading, align: 'center', after: 4 }),
      this.para(titleIn(this.input.forum, lang), { size: 13, align: 'center', after: 10 }),
    ];
    if (arrivals.length === 0) {
      children.push(this.para(WORDS.noArrivals[lang]));
    } else {
      const rows = arrivals.map((a) => {
        const details = a.delegation.memberDetails;
        const cars = [...new Set(a.personIds.map((id) => details.find((m) => m.personId === id)?.carId ?? null))];
        const party = [
          a.delegation.hostOfficer.personId || a.delegation.hostOfficer.name
            ? `${WORDS.hostOfficer[lang]}: ${this.named(a.delegation.hostOfficer)}`
            : '',
          ...a.delegation.receptionParty.map((p) => this.named(p)),
        ];
        this.input.progress.advance();
        return [
          this.when(a.leg),
          a.leg.flight,
          a.personIds.map((id) => this.personName(id)).join('\n'),
          nameIn(a.delegation, lang),
          a.leg.airport,
          party.filter(Boolean).join('\n'),
          cars
            .map((id) => this.carText(a.delegation, id))
            .filter(Boolean)
            .join('\n'),
        ];
      });
      children.push(
        this.table(
          [WORDS.when, WORDS.flight, WORDS.who, WORDS.delegation, WORDS.airport, WORDS.receivedBy, WORDS.carDriver],
          rows,
          [0.14, 0.08, 0.2, 0.13, 0.1, 0.17, 0.18],
          this.textWidth,
        ),
      );
    }
    this.input.progress.advance();
    return this.pack(title, children, 'landscape');
  }
}

/**
 * The landings of these delegations by arrival time (a time not yet known
 * last in its day), those of one delegation on the same flight together, in
 * the delegation's protocol order.
 */
export function arrivalsOf(delegations: readonly Delegation[]): Arrival[] {
  const arrivals: Arrival[] = [];
  for (const d of delegations) {
    const order = peopleOfDelegation(d);
    const byFlight = new Map<string, Arrival>();
    for (const id of order) {
      const leg = d.memberDetails.find((m) => m.personId === id)?.arrival;
      if (!leg) continue;
      const key = JSON.stringify([leg.day, leg.time, leg.flight.toUpperCase().replace(/\s+/g, ''), leg.airport]);
      const same = byFlight.get(key);
      if (same) same.personIds.push(id);
      else {
        const arrival = { delegation: d, leg, personIds: [id] };
        byFlight.set(key, arrival);
        arrivals.push(arrival);
      }
    }
  }
  const minute = (l: TravelLeg) => l.time ?? 24 * 60;
  return arrivals.sort(
    (a, b) =>
      a.leg.day.localeCompare(b.leg.day) || minute(a.leg) - minute(b.leg) || a.leg.flight.localeCompare(b.leg.flight),
  );
}
