/**
 * The printed programme (برنامج الملتقى), a Word file: a cover (the
 * organisers' logos and names, title, edition, slogan, "تحت رعاية" and the
 * patron, the dates in both calendars, the venue), optionally the
 * objectives, then a table per day — time | session | speakers | hall, right
 * to left in Arabic — and optionally the speakers' bios and the delegations.
 * In Arabic, in English, or both: side by side (an Arabic and an English
 * column in each table) or one after the other (the whole Arabic programme,
 * then the whole English one).
 *
 * Tables are laid out for print: the header row repeats on every page, no
 * row splits across pages, parallel sessions share one time cell, breaks
 * are shaded across the table and ceremonies are marked.
 */
import {
  BorderStyle,
  Footer,
  Header,
  type ISectionOptions,
  PageNumber,
  PageOrientation,
  type Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Formatters } from '../../shared/calendar/formatters';
import { editionPhrase, englishOrdinalWord } from '../../shared/domain/edition';
import type { ProgrammeExport } from '../../shared/domain/export';
import { stopSchedule } from '../../shared/domain/field-visit';
import type { ForumKind } from '../../shared/domain/forum';
import type { Organisation, Person } from '../../shared/domain/person';
import {
  BREAK_KINDS,
  CEREMONY_KINDS,
  type Delegation,
  type ItemKind,
  PROGRAMME_WIDE_KINDS,
  type Session,
  type SessionItem,
} from '../../shared/domain/programme';
import { DAY_MINUTES, itemsInPrintOrder } from '../../shared/domain/programme-edit';
import { AppError } from '../../shared/errors';
import { protocolName } from '../../shared/people/protocol-name';
import { hasArabic } from '../../shared/text/arabic';
import {
  type DocLang,
  documentFormatters,
  eventNoun,
  joinedList,
  layoutLang,
  personNameIn,
  sessionKindName,
  textIn,
  type Words,
  writtenDay,
} from './document-words';
import {
  docxParagraph,
  docxRun,
  type ParagraphStyle,
  packDocx,
  printable,
  type SectionChild,
  StyleBook,
} from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';
import { type Logo, logoRuns, readLogos } from './logos';

const WORDS = {
  programme: { ar: 'برنامج', en: 'Programme' },
  patronage: { ar: 'تحت رعاية', en: 'Under the patronage of' },
  organisedBy: { ar: 'تنظيم', en: 'Organised by' },
  partners: { ar: 'بالشراكة مع', en: 'In partnership with' },
  venue: { ar: 'المكان', en: 'Venue' },
  dates: { ar: 'التاريخ', en: 'Dates' },
  objectives: { ar: 'أهداف', en: 'Objectives' },
  time: { ar: 'الوقت', en: 'Time' },
  session: { ar: 'الجلسة', en: 'Session' },
  speakers: { ar: 'المتحدثون', en: 'Speakers' },
  hall: { ar: 'القاعة', en: 'Hall' },
  chair: { ar: 'رئيس الجلسة', en: 'Chair' },
  present: { ar: 'بحضور', en: 'In the presence of' },
  accompanying: { ar: 'المرافقون', en: 'Accompanied by' },
  day: { ar: 'اليوم', en: 'Day' },
  parallel: { ar: 'جلسات متزامنة', en: 'Parallel sessions' },
  bios: { ar: 'نبذة عن المتحدثين', en: 'About the speakers' },
  delegations: { ar: 'الوفود المشاركة', en: 'Delegations' },
  head: { ar: 'رئيس الوفد', en: 'Head of delegation' },
  members: { ar: 'الأعضاء', en: 'Members' },
  page: { ar: 'صفحة', en: 'Page' },
  logo: { ar: 'شعار الجهة المنظمة', en: "Organiser's logo" },
  of: { ar: 'من', en: 'of' },
} satisfies Record<string, Words>;

/**
 * Whether a title already names its edition: «الملتقى الثاني لتبادل الخبرات»
 * holds «الملتقى الثاني»; "Second Experience Exchange Forum" holds "Second".
 */
function titleSaysEdition(title: string, edition: string, editionNumber: number | null): boolean {
  if (title.includes(edition)) return true;
  if (editionNumber === null) return false;
  const word = englishOrdinalWord(editionNumber);
  return new RegExp(`\\b(?:${editionNumber}(?:st|nd|rd|th)${word ? `|${word}` : ''})\\b`, 'i').test(title);
}

/** «برنامج الورشة», «أهداف الملتقى»: Arabic names the event by its kind; English needs no noun there. */
function ofEvent(words: Words, kind: ForumKind, lang: DocLang): string {
  return lang === 'ar' ? `${words.ar} ${eventNoun(kind, lang)}` : words.en;
}

/** Ordinal day names for the day headings: "اليوم الأول". */
const ORDINALS: Record<DocLang, readonly string[]> = {
  ar: ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع', 'العاشر'],
  en: ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'],
};

/** What a paper's, talk's or speech's row says before its presenter where the two share a cell. */
const PRESENTED_BY: Record<ItemKind, Words> = {
  paper: { ar: 'يقدمها:', en: 'Presented by' },
  talk: { ar: 'يلقيها:', en: 'By' },
  speech: { ar: 'يلقيها:', en: 'By' },
  panellist: { ar: 'يشارك فيها:', en: 'With' },
};

/** How many of a day's last rows are kept with the row before them, so that they never end a programme alone. */
const ORPHAN_ROWS = 2;

const LATIN_LETTER = /\p{Script=Latin}/u;

const COLOUR = {
  accent: '1F4E79',
  muted: '595959',
  headerFill: '1F4E79',
  breakFill: 'E7E6E6',
  ceremonyFill: 'FBF1DC',
  rule: 'A6A6A6',
};

/** A4 in twentieths of a point, and the margins the tables are fitted between. */
const A4 = { width: 11_906, height: 16_838, margin: 1_000 };

/** The organisers' logos on the cover: 2 cm high, in docx's 96-per-inch pixels, and the space between two. */
const LOGO = { height: (20 * 96) / 25.4, gap: '\u2003\u2003' };
/** The space's width in pixels as written (two em spaces at the paragraph's 11 points), for fitting the row. */
const LOGO_GAP_PIXELS = ((2 * 11) / 72) * 96;

export const writeProgrammeDocx: ExportWriter<ProgrammeExport> = async (whole) => {
  const input = forDelegation(whole);
  const { options, forum } = input;
  const doc = new ProgrammeDocument(input, await readLogos(input.forum, input.photo));
  input.progress.setTotal(input.programme.sessions.length * (options.language === 'both' ? 2 : 1));
  const sections: ISectionOptions[] = [];
  if (options.language === 'both' && options.bilingualLayout === 'side_by_side') {
    sections.push(await doc.section(['ar', 'en']));
  } else {
    const parts: DocLang[] = options.language === 'both' ? ['ar', 'en'] : [options.language];
    for (const lang of parts) sections.push(await doc.section([lang]));
  }
  const main = layoutLang(options.language);
  return packDocx({
    title: `${ofEvent(WORDS.programme, forum.kind, main)} — ${textIn(forum.titleAr, forum.titleEn, main)}`,
    lang: main,
    fonts: input.fonts,
    sections,
    styles: doc.styles,
  });
};

/** Builds the sections of one programme; `langs` is one language, or Arabic and English side by side. */
class ProgrammeDocument {
  private readonly people: ReadonlyMap<string, Person>;
  private readonly organisations: ReadonlyMap<string, Organisation>;
  private readonly halls: ReadonlyMap<string, { nameAr: string; nameEn: string }>;
  private readonly pageWidth: number;
  /** Numbers, clocks and dates in each language with the user's digits and calendars (built once: Intl formatters are costly). */
  private readonly fmt: Record<DocLang, Formatters>;
  readonly styles = new StyleBook();
  /** The days with sessions, each with its sessions in order: every part and the bios walk them. */
  private readonly days: { day: string; sessions: Session[] }[];

  constructor(
    private readonly input: ExportInput<ProgrammeExport>,
    private readonly logos: readonly Logo[] = [],
  ) {
    this.fmt = {
      ar: documentFormatters(input.settings, 'ar'),
      en: documentFormatters(input.settings, 'en'),
    };
    this.people = new Map(input.directory.people.map((p) => [p.id, p]));
    this.organisations = new Map(input.directory.organisations.map((o) => [o.id, o]));
    this.halls = new Map(input.programme.halls.map((h) => [h.id, h]));
    const landscape = input.options.orientation === 'landscape';
    this.pageWidth = (landscape ? A4.height : A4.width) - 2 * A4.margin;
    this.days = this.sessionsByDay();
  }

  async section(langs: DocLang[]): Promise<ISectionOptions> {
    const { options } = this.input;
    const first = langs[0] ?? 'ar';
    const children: SectionChild[] = [...this.cover(langs)];
    const withObjectives = options.includeObjectives && this.input.forum.objectives.length > 0;
    if (withObjectives) children.push(...this.objectives(langs));
    for (const [index, day] of this.days.entries()) {
      // The first day starts the page after the cover, unless the objectives started it.
      const newPage = index === 0 ? !withObjectives : this.input.options.orientation === 'landscape';
      children.push(...this.dayHeading(day, newPage, langs), await this.dayTable(day, langs));
      await this.input.progress.checkpoint();
    }
    if (options.includeBios) children.push(...this.bios(langs));
    if (options.includeDelegations && this.input.programme.delegations.length > 0) {
      children.push(...this.delegations(langs));
    }
    const title = langs.map((lang) => textIn(this.input.forum.titleAr, this.input.forum.titleEn, lang)).join('  |  ');
    return {
      properties: {
        titlePage: true,
        page: {
          size: {
            width: A4.width,
            height: A4.height,
            orientation: options.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin, header: 500, footer: 500 },
          // The English programme after the Arabic one is numbered from 1 of its own pages.
          pageNumbers: { start: 1 },
        },
      },
      headers: {
        first: new Header({ children: [] }),
        default: new Header({
          children: [docxParagraph(this.print(title, first), first, { align: 'center', size: 9, color: COLOUR.muted })],
        }),
      },
      footers: {
        first: new Footer({ children: [] }),
        default: new Footer({ children: [this.pageNumber(first)] }),
      },
      children,
    };
  }

  /**
   * "صفحة 3 من 12": fields Word fills in, so they stay right after edits.
   * Arabic then English is two parts each numbered from 1; there the count is
   * left out, because a part's own page count (SECTIONPAGES) prints empty in
   * LibreOffice.
   */
  private pageNumber(lang: DocLang): Paragraph {
    const style = { size: 9, color: COLOUR.muted };
    const field = (value: (typeof PageNumber)[keyof typeof PageNumber]) =>
      new TextRun({
        children: [value],
        size: 18,
        sizeComplexScript: 18,
        color: COLOUR.muted,
        rightToLeft: lang === 'ar',
      });
    const { language, bilingualLayout } = this.input.options;
    const oneSection = language !== 'both' || bilingualLayout === 'side_by_side';
    return docxParagraph(
      [
        docxRun(`${WORDS.page[lang]} `, lang, style),
        field(PageNumber.CURRENT),
        ...(oneSection ? [docxRun(` ${WORDS.of[lang]} `, lang, style), field(PageNumber.TOTAL_PAGES)] : []),
      ],
      lang,
      { align: 'center' },
    );
  }

  /** The heading of a section after the days (objectives, bios, delegations): on a page of its own, except the objectives. */
  private heading(text: string, lang: DocLang, { newPage }: { newPage: boolean }): Paragraph {
    return this.para(text, lang, {
      bold: true,
      size: 14,
      color: COLOUR.accent,
      before: newPage ? 0 : 18,
      after: 8,
      keepNext: true,
      pageBreakBefore: newPage,
    });
  }

  private print(text: string, lang: DocLang): string {
    return printable(text, lang, this.input.settings);
  }

  /**
   * A paragraph of the `lang` part. Every field reaches the English part
   * through textIn, which marks a missing English; a line still wholly in
   * Arabic there is written right to left, as Arabic, rather than scrambled.
   */
  private para(text: string, lang: DocLang, style?: ParagraphStyle): Paragraph {
    const direction = lang === 'en' && hasArabic(text) && !LATIN_LETTER.test(text) ? 'ar' : lang;
    const keep = this.rowKeptWithNext ? { ...style, keepNext: true } : style;
    return docxParagraph(this.print(text, direction), direction, keep, this.styles);
  }

  /**
   * Set while the paragraphs of a table row that must stay on the page of the
   * next row are written: Word and LibreOffice keep a row with the next one
   * when its paragraphs are kept with the next.
   */
  private rowKeptWithNext = false;

  // -------------------------------------------------------------------------
  // Cover
  // -------------------------------------------------------------------------

  private cover(langs: DocLang[]): SectionChild[] {
    const first = langs[0] ?? 'ar';
    const logos = this.logos.length > 0 ? [this.logoRow(first)] : [];
    if (langs.length === 1) return [...logos, ...this.coverLines(first)];
    // Side by side: the Arabic cover on the right, the English one on the left, in one borderless table.
    return [...logos, this.sideBySide(langs.map((lang) => this.coverLines(lang)))];
  }

  /**
   * The organisers' logos in one centred row at the top of the cover, each
   * 2 cm high and as wide as its proportions make it, in the order the forum
   * lists them read in the cover's direction (from the right in Arabic). A
   * row wider than the page is scaled down as a whole.
   */
  private logoRow(lang: DocLang): Paragraph {
    const children = logoRuns(
      this.logos,
      { height: LOGO.height, room: this.pageWidth / 15, gap: { text: LOGO.gap, pixels: LOGO_GAP_PIXELS } }, // twips to pixels
      WORDS.logo[lang],
    );
    return docxParagraph(children, lang, { align: 'center', size: 11, after: 16 }, this.styles);
  }

  private coverLines(lang: DocLang): Paragraph[] {
    const { forum } = this.input;
    const f = this.fmt[lang];
    const out: Paragraph[] = [];
    if (forum.organisers.length > 0) {
      out.push(
        this.para(joinedList(this.listIn(forum.organisers, forum.organisersEn, lang), lang), lang, {
          align: 'center',
          bold: true,
          size: 13,
          color: COLOUR.muted,
          after: 40,
        }),
      );
    }
    const title = textIn(forum.titleAr, forum.titleEn, lang);
    out.push(
      this.para(title, lang, {
        align: 'center',
        bold: true,
        // Half a page wide beside the English title, the Arabic one would break into many lines.
        size: this.input.options.language === 'both' && this.input.options.bilingualLayout === 'side_by_side' ? 18 : 24,
        color: COLOUR.accent,
        before: 24,
        after: 8,
      }),
    );
    // A delegation's own copy says whose it is: «برنامج وفد مدينة سيؤول», "Programme of the Seoul delegation".
    const delegation = this.input.programme.delegations.find((d) => d.id === this.input.options.delegationId);
    if (delegation) {
      const name = textIn(delegation.nameAr, delegation.nameEn, lang);
      const line = lang === 'ar' ? `برنامج ${name}` : `Programme of ${/^the\s/i.test(name) ? '' : 'the '}${name}`;
      out.push(this.para(line, lang, { align: 'center', bold: true, size: 15, after: 8 }));
    }
    // «الملتقى الثاني», "2nd Forum": printed on its own line, unless the title says it already.
    // An edition an older version kept as text (no number) has no English of its own.
    const phrase = editionPhrase(forum, lang, lang === 'ar' ? this.input.settings.digits : 'latn');
    const edition = forum.editionNumber === null ? textIn(phrase, '', lang) : phrase;
    if (edition && !titleSaysEdition(title, edition, forum.editionNumber)) {
      out.push(this.para(edition, lang, { align: 'center', size: 13 }));
    }
    const slogan = textIn(forum.slogan, forum.sloganEn, lang);
    if (slogan) {
      const quoted = lang === 'ar' ? `«${slogan}»` : `“${slogan}”`;
      out.push(
        this.para(quoted, lang, { align: 'center', size: 15, italics: lang === 'en', color: COLOUR.accent, after: 24 }),
      );
    }
    const patron = textIn(forum.patron, forum.patronEn, lang);
    if (patron) {
      out.push(
        this.para(WORDS.patronage[lang], lang, { align: 'center', size: 13, before: 24, after: 2 }),
        this.para(patron, lang, { align: 'center', bold: true, size: 15, after: 24 }),
      );
    }
    const [firstCalendar, secondCalendar] = f.rangeBoth(forum.firstDay, forum.lastDay);
    out.push(
      this.para(WORDS.dates[lang], lang, { align: 'center', size: 11, color: COLOUR.muted, before: 12, after: 0 }),
      this.para(firstCalendar, lang, { align: 'center', bold: true, size: 13, after: 0 }),
      this.para(secondCalendar, lang, { align: 'center', size: 13, after: 16 }),
    );
    const { venue: v } = forum;
    const venue = [
      textIn(v.hall, v.hallEn, lang),
      textIn(v.hotel, v.hotelEn, lang),
      textIn(v.city, v.cityEn, lang),
      textIn(v.country, v.countryEn, lang),
    ].filter(Boolean);
    if (venue.length > 0) {
      out.push(
        this.para(WORDS.venue[lang], lang, { align: 'center', size: 11, color: COLOUR.muted, after: 0 }),
        this.para(venue.join(lang === 'ar' ? '، ' : ', '), lang, { align: 'center', size: 13, after: 16 }),
      );
    }
    if (forum.partners.length > 0) {
      out.push(
        this.para(
          `${WORDS.partners[lang]}: ${this.listIn(forum.partners, forum.partnersEn, lang).join(lang === 'ar' ? '، ' : ', ')}`,
          lang,
          {
            align: 'center',
            size: 11,
            color: COLOUR.muted,
          },
        ),
      );
    }
    return out;
  }

  /** A list of the forum's (organisers, partners, objectives) in `lang`: each item's English goes by its position. */
  private listIn(items: readonly string[], itemsEn: readonly string[] | undefined, lang: DocLang): string[] {
    return items.map((item, i) => textIn(item, itemsEn?.[i], lang));
  }

  private objectives(langs: DocLang[]): SectionChild[] {
    const block = (lang: DocLang) => [
      this.heading(ofEvent(WORDS.objectives, this.input.forum.kind, lang), lang, { newPage: false }),
      ...this.listIn(this.input.forum.objectives, this.input.forum.objectivesEn, lang).map((objective, i, all) =>
        // Kept together: the last objectives never stand alone at the top of a page.
        this.para(`${this.number(i + 1, lang)}. ${objective}`, lang, {
          size: 12,
          after: 3,
          keepNext: i < all.length - 1,
        }),
      ),
    ];
    // They open the programme's first page, above the first day, so the cover keeps its page in either orientation.
    const lead = langs[0] ?? 'ar';
    const pageBreak = this.para('', lead, { size: 2, after: 0, pageBreakBefore: true });
    return [pageBreak, ...(langs.length === 1 ? block(lead) : [this.sideBySide(langs.map(block))])];
  }

  // -------------------------------------------------------------------------
  // Days
  // -------------------------------------------------------------------------

  /** The forum's days that have sessions, in order, with their sessions sorted by time then hall. */
  private sessionsByDay(): { day: string; sessions: Session[] }[] {
    const hallOrder = new Map(this.input.programme.halls.map((h, i) => [h.id, i]));
    const byDay = new Map<string, Session[]>();
    for (const session of this.input.programme.sessions) {
      const list = byDay.get(session.day) ?? [];
      list.push(session);
      byDay.set(session.day, list);
    }
    return [...byDay.keys()].sort().map((day) => ({
      day,
      sessions: (byDay.get(day) ?? []).sort(
        (a, b) =>
          a.start - b.start ||
          (hallOrder.get(a.hallId ?? '') ?? -1) - (hallOrder.get(b.hallId ?? '') ?? -1) ||
          a.end - b.end,
      ),
    }));
  }

  /**
   * "اليوم الأول: الأربعاء ٧ ربيع الآخر ١٤٤١هـ الموافق ٤ ديسمبر ٢٠١٩م"; an
   * event of one day has no ordinal to give ("اليوم: …", in English the date
   * alone).
   */
  private dayHeading({ day }: { day: string }, newPage: boolean, langs: DocLang[]): Paragraph[] {
    const { forum } = this.input;
    const dayNumber = Math.round((Date.parse(day) - Date.parse(forum.firstDay)) / 86_400_000);
    const oneDay = forum.firstDay === forum.lastDay;
    return langs.map((lang, i) => {
      const date = writtenDay(this.fmt[lang], day, lang);
      const ordinal = ORDINALS[lang][dayNumber] ?? this.number(dayNumber + 1, lang);
      const text = !oneDay
        ? `${WORDS.day[lang]} ${ordinal}: ${date}`
        : lang === 'ar'
          ? `${WORDS.day[lang]}: ${date}`
          : date;
      return this.para(text, lang, {
        bold: true,
        size: 13,
        color: COLOUR.accent,
        before: i === 0 ? 14 : 0,
        after: 4,
        keepNext: true,
        // The cover stands alone; in landscape each day starts a page of its own too.
        pageBreakBefore: i === 0 && newPage,
      });
    });
  }

  private async dayTable({ sessions }: { sessions: Session[] }, langs: DocLang[]): Promise<Table> {
    const lead = langs[0] ?? 'ar';
    const both = langs.length > 1;
    // Time | (session | speakers) per language | hall, in twips summing to the page width.
    const timeWidth = 1_750;
    const hallWidth = both ? 1_700 : 1_800;
    const content = this.pageWidth - timeWidth - hallWidth;
    const contentWidths = both ? [content / 2, content / 2] : [content * 0.52, content * 0.48];
    const widths = [timeWidth, ...contentWidths, hallWidth].map(Math.round);

    const inBoth = (w: Words) => langs.map((l) => w[l]).join(' / ');
    // The header row stays with the first session, and the day's heading (kept with the table) with both.
    this.rowKeptWithNext = true;
    const headerCells = both
      ? [
          this.headerCell(inBoth(WORDS.time), lead),
          ...langs.map((l) => this.headerCell(`${WORDS.session[l]} — ${WORDS.speakers[l]}`, l)),
          this.headerCell(inBoth(WORDS.hall), lead),
        ]
      : [WORDS.time, WORDS.session, WORDS.speakers, WORDS.hall].map((w) => this.headerCell(w[lead], lead));
    this.rowKeptWithNext = false;
    const rows = [new TableRow({ children: headerCells, tableHeader: true, cantSplit: true })];

    // Each session is a row, followed by a row for each of its titled items (papers, talks, speeches).
    const clusters = parallelClusters(sessions);
    const rowsOf = (session: Session) => 1 + this.itemRowsOf(session).length;
    const total = sessions.reduce((n, s) => n + rowsOf(s), 0);
    let index = 0;
    for (const cluster of clusters) {
      const clusterRows = cluster.reduce((n, s) => n + rowsOf(s), 0);
      let inCluster = 0;
      for (const session of cluster) {
        const items = this.itemRowsOf(session);
        const sessionRows = [
          () => this.sessionRow(session, langs, cluster, inCluster === 0 ? clusterRows : 0, 1 + items.length),
          ...items.map((item) => () => this.itemRow(session, item, langs)),
        ];
        for (const write of sessionRows) {
          // A session's items and parallel sessions (sharing a time cell) stay on the page of the cluster's
          // first row; and the day's last rows never go alone to a page of their own.
          this.rowKeptWithNext = inCluster < clusterRows - 1 || index >= total - 1 - ORPHAN_ROWS;
          this.rowKeptWithNext &&= index < total - 1;
          rows.push(write());
          this.rowKeptWithNext = false;
          index++;
          inCluster++;
        }
        this.input.progress.advance(langs.length);
      }
      await this.input.progress.checkpoint();
    }
    return new Table({
      rows,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      // The table's cell margins, once, rather than on each of hundreds of cells.
      margins: { top: 60, bottom: 60, left: 90, right: 90 },
      visuallyRightToLeft: lead === 'ar',
      borders: {
        top: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        left: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        right: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        insideVertical: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
      },
    });
  }

  private headerCell(text: string, lang: DocLang): TableCell {
    return new TableCell({
      children: [this.para(text, lang, { bold: true, color: 'FFFFFF', align: 'center', after: 0 })],
      shading: { fill: COLOUR.headerFill, color: 'auto', type: ShadingType.CLEAR },
      verticalAlign: VerticalAlign.CENTER,
    });
  }

  /**
   * One session of a group of parallel ones (`cluster`, often just itself).
   * The cluster's first row carries the time cell (`clusterRows` > 0), merged
   * down the cluster's `clusterRows` rows and showing the group's span; a
   * session that starts or ends otherwise says so under its title. The hall
   * is merged down the session's own `ownRows` rows (it and its items). Breaks span the other columns, shaded,
   * because they concern everyone.
   */
  private sessionRow(
    session: Session,
    langs: DocLang[],
    cluster: readonly Session[],
    clusterRows: number,
    ownRows: number,
  ): TableRow {
    const lead = langs[0] ?? 'ar';
    const isBreak = BREAK_KINDS.has(session.kind);
    const shading = this.shadingOf(session);
    const cell = (children: Paragraph[], columnSpan?: number) =>
      new TableCell({
        children: children.length > 0 ? children : [this.para('', lead, { after: 0 })],
        shading,
        verticalAlign: VerticalAlign.CENTER,
        columnSpan,
      });

    const span = { start: Math.min(...cluster.map((s) => s.start)), end: Math.max(...cluster.map((s) => s.end)) };
    const cells: TableCell[] = [];
    if (clusterRows > 0) {
      const label =
        cluster.length > 1
          ? [this.para(WORDS.parallel[lead], lead, { size: 8, color: COLOUR.muted, align: 'center', after: 0 })]
          : [];
      cells.push(
        new TableCell({
          children: [this.para(this.timeRange(span, lead), lead, { bold: true, align: 'center', after: 0 }), ...label],
          verticalAlign: VerticalAlign.CENTER,
          verticalMerge: clusterRows > 1 ? VerticalMergeType.RESTART : undefined,
          shading,
        }),
      );
    } else cells.push(this.mergedOn(lead, shading));
    const ownTime = session.start !== span.start || session.end !== span.end;
    const about = (lang: DocLang) => this.sessionParagraphs(session, lang, ownTime);
    if (isBreak) {
      const text = langs.map((lang) => this.sessionTitle(session, lang)).join('   |   ');
      cells.push(cell([this.para(text, lead, { bold: true, align: 'center', after: 0, color: COLOUR.muted })], 3));
    } else if (langs.length > 1) {
      for (const lang of langs) cells.push(cell([...about(lang), ...this.speakerParagraphs(session, lang)]));
    } else {
      cells.push(cell(about(lead)), cell(this.speakerParagraphs(session, lead)));
    }
    if (!isBreak) {
      cells.push(
        new TableCell({
          children: langs.map((lang) =>
            this.para(this.hallName(session, lang), lang, { align: 'center', size: 10, after: 0 }),
          ),
          shading,
          verticalAlign: VerticalAlign.CENTER,
          verticalMerge: ownRows > 1 ? VerticalMergeType.RESTART : undefined,
        }),
      );
    }
    return new TableRow({ children: cells, cantSplit: true });
  }

  /** Breaks are shaded across the table; ceremonies stand out, as the protocol office looks for them first. */
  private shadingOf(session: Session) {
    const fill = BREAK_KINDS.has(session.kind)
      ? COLOUR.breakFill
      : CEREMONY_KINDS.has(session.kind)
        ? COLOUR.ceremonyFill
        : undefined;
    return fill ? { fill, color: 'auto', type: ShadingType.CLEAR } : undefined;
  }

  /**
   * The items that get a row of their own: those with a title (a paper, a
   * talk, a speech), in print order. A panellist without a title has nothing
   * to stand beside, and is listed with the session's speakers instead.
   */
  private itemRowsOf(session: Session): SessionItem[] {
    if (BREAK_KINDS.has(session.kind)) return [];
    return itemsInPrintOrder(session).filter((item) => item.titleAr || item.titleEn);
  }

  /**
   * One paper, talk or speech on a row of its own, its presenter in the same
   * row: beside it in the speakers column, or, side by side, under it in the
   * same cell («يقدمها: …»). The time and hall cells are the session's, merged.
   */
  private itemRow(session: Session, item: SessionItem, langs: DocLang[]): TableRow {
    const lead = langs[0] ?? 'ar';
    const shading = this.shadingOf(session);
    // From the top, so the item's title and its presenter's name stand on one line.
    const cell = (children: Paragraph[]) =>
      new TableCell({
        children: children.length > 0 ? children : [this.para('', lead, { after: 0 })],
        shading,
        verticalAlign: VerticalAlign.TOP,
      });
    const cells =
      langs.length > 1
        ? langs.map((lang) => {
            const presenter = this.presenterLine(item, lang);
            const by = presenter && `${PRESENTED_BY[item.kind][lang]} ${presenter}`;
            return cell([
              this.itemTitle(item, lang),
              ...(by ? [this.para(by, lang, { size: 9, color: COLOUR.muted, after: 0 })] : []),
            ]);
          })
        : [cell([this.itemTitle(item, lead)]), cell(this.presenterParagraphs(item, lead))];
    return new TableRow({
      children: [this.mergedOn(lead, shading), ...cells, this.mergedOn(lead, shading)],
      cantSplit: true,
    });
  }

  /**
   * The rest of a cell merged down from the row above (the time of a group
   * of parallel sessions, a session's hall beside its items). Written here
   * rather than left to docx's rowSpan so that its paragraph, too, is kept
   * with the next row where the row must be: LibreOffice keeps a row with
   * the next only when all its paragraphs are.
   */
  private mergedOn(lang: DocLang, shading: ReturnType<ProgrammeDocument['shadingOf']>): TableCell {
    return new TableCell({
      children: [this.para('', lang, { after: 0 })],
      verticalMerge: VerticalMergeType.CONTINUE,
      shading,
    });
  }

  /** "– title", after its own time when it has one: «١٠:١٥ – ١٠:٣٥ · – الرؤية العمرانية». */
  private itemTitle(item: SessionItem, lang: DocLang): Paragraph {
    const title = textIn(item.titleAr, item.titleEn, lang);
    const text = item.time ? `${this.timeRange(item.time, lang)} · ${title}` : `– ${title}`;
    return this.para(text, lang, { size: 10, after: 0 });
  }

  /** The item's presenter with their position, as the speakers column prints them. */
  private presenterParagraphs(item: SessionItem, lang: DocLang): Paragraph[] {
    const person = item.personId ? this.people.get(item.personId) : undefined;
    if (person) {
      const position = this.position(person, lang);
      return [
        this.para(personNameIn(person, lang), lang, { size: 10, bold: true, after: 0 }),
        ...(position ? [this.para(position, lang, { size: 8.5, color: COLOUR.muted, after: 0 })] : []),
      ];
    }
    const name = textIn(item.nameWithoutRecord, '', lang);
    return name ? [this.para(name, lang, { size: 10, bold: true, after: 0 })] : [];
  }

  /** The item's presenter on one line, for a side-by-side cell: «سعادة الدكتور … (المنصب)». */
  private presenterLine(item: SessionItem, lang: DocLang): string {
    const person = item.personId ? this.people.get(item.personId) : undefined;
    if (!person) return textIn(item.nameWithoutRecord, '', lang);
    const position = this.position(person, lang);
    const comma = lang === 'ar' ? '،' : ',';
    const name = personNameIn(person, lang);
    return position ? `${name}${comma} ${position}` : name;
  }

  private timeRange(session: Pick<Session, 'start' | 'end'>, lang: DocLang): string {
    const f = this.fmt[lang];
    return `${f.clock(session.start)} – ${f.clock(session.end)}`;
  }

  private sessionTitle(session: Session, lang: DocLang): string {
    return textIn(session.titleAr, session.titleEn, lang) || sessionKindName(session.kind, lang);
  }

  /** The kind (unless the title says it already), the title, and its own time when asked. */
  private sessionParagraphs(session: Session, lang: DocLang, withTime: boolean): Paragraph[] {
    const title = this.sessionTitle(session, lang);
    const kind = sessionKindName(session.kind, lang);
    const out: Paragraph[] = [];
    const label = [title.includes(kind) ? '' : kind, withTime ? this.timeRange(session, lang) : ''].filter(Boolean);
    if (label.length > 0) out.push(this.para(label.join(' · '), lang, { size: 8.5, color: COLOUR.muted, after: 0 }));
    out.push(this.para(CEREMONY_KINDS.has(session.kind) ? `◆ ${title}` : title, lang, { bold: true, after: 2 }));
    // A field visit's stops, each with the time it is reached: «١٠:٤٥ · مركز البلاغات ٩٤٠».
    for (const { stop, arrive } of stopSchedule(session).stops) {
      const place = lang === 'ar' ? stop.placeAr || stop.placeEn : stop.placeEn || stop.placeAr;
      if (!place) continue;
      const text = `${this.fmt[lang].clock(arrive % DAY_MINUTES)} · ${place}`;
      out.push(this.para(text, lang, { size: 9, after: 0 }));
    }
    return out;
  }

  /**
   * The session row's speakers: the chair (or moderator), then those of its
   * items that have no title of their own (a panel's panellists), in print
   * order. Titled items list their presenters on their own rows.
   */
  private speakerParagraphs(session: Session, lang: DocLang): Paragraph[] {
    const out: Paragraph[] = [];
    const chair = session.chairId ? this.people.get(session.chairId) : undefined;
    if (chair) {
      out.push(
        this.para(`${WORDS.chair[lang]}: ${personNameIn(chair, lang)}`, lang, { size: 9.5, bold: true, after: 2 }),
      );
    }
    for (const item of itemsInPrintOrder(session)) {
      if (item.titleAr || item.titleEn) continue;
      out.push(...this.presenterParagraphs(item, lang));
    }
    // Those present (بحضور), in the protocol order the coordinator set; at a field visit, its party.
    const present = session.presentIds.flatMap((id) => {
      const person = this.people.get(id);
      return person ? [protocolName(person, lang)] : [];
    });
    if (present.length > 0) {
      const label = session.kind === 'field_visit' ? WORDS.accompanying : WORDS.present;
      out.push(this.para(`${label[lang]}: ${joinedList(present, lang)}`, lang, { size: 9, before: 2, after: 0 }));
    }
    return out;
  }

  private position(person: Person, lang: DocLang): string {
    const position = textIn(person.positionAr, person.positionEn, lang);
    if (position) return position;
    const organisation = person.organisationId ? this.organisations.get(person.organisationId) : undefined;
    return organisation ? textIn(organisation.nameAr, organisation.nameEn, lang) : '';
  }

  private hallName(session: Session, lang: DocLang): string {
    const hall = session.hallId ? this.halls.get(session.hallId) : undefined;
    return hall ? textIn(hall.nameAr, hall.nameEn, lang) : textIn(session.place, session.placeEn, lang);
  }

  // -------------------------------------------------------------------------
  // Bios and delegations
  // -------------------------------------------------------------------------

  /** Everyone who chairs or speaks, in the order they first appear, who has a bio in that language. */
  private bios(langs: DocLang[]): SectionChild[] {
    const seen = new Set<string>();
    const speakers: Person[] = [];
    for (const { sessions } of this.days) {
      for (const session of sessions) {
        for (const personId of [session.chairId, ...itemsInPrintOrder(session).map((i) => i.personId)]) {
          const person = personId ? this.people.get(personId) : undefined;
          if (person && !seen.has(person.id)) {
            seen.add(person.id);
            speakers.push(person);
          }
        }
      }
    }
    const block = (lang: DocLang) => {
      const withBio = speakers.filter((p) => textIn(p.bioAr, p.bioEn, lang));
      if (withBio.length === 0) return [];
      return [
        this.heading(WORDS.bios[lang], lang, { newPage: true }),
        ...withBio.flatMap((p) => [
          this.para(personNameIn(p, lang), lang, { bold: true, size: 12, after: 0, keepNext: true }),
          this.para(this.position(p, lang), lang, { size: 9.5, color: COLOUR.muted, after: 2, keepNext: true }),
          this.para(textIn(p.bioAr, p.bioEn, lang), lang, {
            size: 11,
            align: 'both',
            after: 10,
          }),
        ]),
      ];
    };
    return langs.flatMap(block);
  }

  private delegations(langs: DocLang[]): SectionChild[] {
    const block = (lang: DocLang) => [
      this.heading(WORDS.delegations[lang], lang, { newPage: true }),
      ...this.input.programme.delegations.flatMap((d) => this.delegation(d, lang)),
    ];
    return langs.flatMap(block);
  }

  private delegation(delegation: Delegation, lang: DocLang): Paragraph[] {
    const place = [
      textIn(delegation.city, delegation.cityEn, lang),
      textIn(delegation.country, delegation.countryEn, lang),
    ]
      .filter(Boolean)
      .join(lang === 'ar' ? '، ' : ', ');
    const out = [
      this.para(textIn(delegation.nameAr, delegation.nameEn, lang) + (place ? ` (${place})` : ''), lang, {
        bold: true,
        size: 12,
        after: 2,
        keepNext: true,
      }),
    ];
    const head = delegation.headId ? this.people.get(delegation.headId) : undefined;
    if (head)
      out.push(
        this.para(`${WORDS.head[lang]}: ${this.personLine(head, lang)}`, lang, {
          size: 11,
          after: 2,
          keepNext: delegation.memberIds.length > 0,
        }),
      );
    const members = delegation.memberIds.map((id) => this.people.get(id)).filter((p): p is Person => p !== undefined);
    if (members.length > 0) {
      out.push(this.para(`${WORDS.members[lang]}:`, lang, { size: 11, after: 0, keepNext: true }));
      for (const [i, member] of members.entries()) {
        out.push(
          this.para(`${this.number(i + 1, lang)}. ${this.personLine(member, lang)}`, lang, { size: 11, after: 0 }),
        );
      }
    }
    out.push(this.para('', lang, { after: 6 }));
    return out;
  }

  private personLine(person: Person, lang: DocLang): string {
    const position = this.position(person, lang);
    const name = personNameIn(person, lang);
    return position ? `${name} — ${position}` : name;
  }

  private number(n: number, lang: DocLang): string {
    return this.fmt[lang].number(n);
  }

  /** Cells side by side in a borderless table: Arabic on the right, English on the left. */
  private sideBySide(blocks: Paragraph[][]): Table {
    const width = Math.round(this.pageWidth / blocks.length);
    const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
    return new Table({
      rows: [
        new TableRow({
          children: blocks.map((children) => new TableCell({ children, margins: { left: 120, right: 120 } })),
        }),
      ],
      width: { size: width * blocks.length, type: WidthType.DXA },
      columnWidths: blocks.map(() => width),
      layout: TableLayoutType.FIXED,
      visuallyRightToLeft: true,
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    });
  }
}

/**
 * Groups a day's sessions (sorted by start) into runs that overlap in time:
 * parallel sessions in different halls share one time cell. Breaks stand
 * alone, since they stop the whole programme.
 */
export function parallelClusters(sessions: readonly Session[]): Session[][] {
  const clusters: Session[][] = [];
  let current: Session[] = [];
  let end = -1;
  for (const session of sessions) {
    const alone = BREAK_KINDS.has(session.kind);
    if (current.length > 0 && !alone && session.start < end && !BREAK_KINDS.has(current[0]?.kind ?? 'papers')) {
      current.push(session);
      end = Math.max(end, session.end);
      continue;
    }
    if (current.length > 0) clusters.push(current);
    current = [session];
    end = session.end;
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}

/**
 * The programme as a delegation's own copy: the sessions it attends and those
 * everyone shares (breaks, registration), and that delegation alone in the
 * delegations' section. Without a delegation chosen, or one that chose no
 * sessions, the whole programme.
 */
function forDelegation(input: ExportInput<ProgrammeExport>): ExportInput<ProgrammeExport> {
  const { delegationId } = input.options;
  if (delegationId === null) return input;
  const delegation = input.programme.delegations.find((d) => d.id === delegationId);
  if (!delegation) throw new AppError('not_found', 'The delegation is no longer in this forum.');
  const attends = new Set(delegation.sessionIds);
  const sessions =
    attends.size === 0
      ? input.programme.sessions
      : input.programme.sessions.filter((s) => attends.has(s.id) || PROGRAMME_WIDE_KINDS.has(s.kind));
  return { ...input, programme: { ...input.programme, sessions, delegations: [delegation] } };
}
