/**
 * Certificates of attendance (شهادات الحضور): one A4 landscape page
 * each, in Arabic or English, for those who attended a workshop or the whole
 * forum. Each says who certifies, the attendee's protocol name, what was
 * attended (the workshop within the forum), where and when (both calendars,
 * the user's first one first), with the signer's position and name over a
 * line for the signature, and the date of issue.
 *
 * The Arabic wording agrees with the attendee: "قد حضر" or "قد حضرت", and a
 * registrant with neither honorific nor title is "السيد" or "السيدة"
 * ("Mr." or "Ms."), as a certificate never prints a bare name.
 *
 * Like a badge, a certificate is a table cell of exact height, so it never
 * runs onto a second page, and its text is sized to fit.
 */
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, type TableCell } from 'docx';
import type { Formatters } from '../../shared/calendar/formatters';
import { todayIso } from '../../shared/calendar/hijri';
import { editionPhrase } from '../../shared/domain/edition';
import type { CertificateExport } from '../../shared/domain/export';
import type { Session } from '../../shared/domain/programme';
import type { Registration } from '../../shared/domain/registration';
import type { Settings } from '../../shared/domain/settings';
import { AppError } from '../../shared/errors';
import { type NamedPerson, protocolName } from '../../shared/people/protocol-name';
import { hasArabic, isolate } from '../../shared/text/arabic';
import { splitNameTitle } from '../registrations/import/normalise';
import {
  A4,
  type CardLine,
  cardParagraph,
  fitLines,
  hairline,
  makePieces,
  pieceCell,
  pieceSection,
  pieceTable,
  pixels,
  twips,
} from './card-layout';
import { type DocLang, documentFormatters, nameIn, textIn, titleIn, type Words, writtenDays } from './document-words';
import { packDocx } from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';
import { type Logo, logoRuns, readLogos } from './logos';
import { attendees, namedPerson } from './registrant-selection';

/**
 * The page's margins and the certificate, in millimetres. The row leaves room
 * for its frame, which LibreOffice draws outside the row's exact height (a
 * double line takes about three times its size), and for Word's closing paragraph.
 */
const MARGIN = { x: 10, y: 10 } as const;
const CERTIFICATE = { width: A4.height - 2 * MARGIN.x, height: A4.width - 2 * MARGIN.y - 6 } as const;
const PADDING = { x: 25, y: 12 } as const;
const TEXT_WIDTH = CERTIFICATE.width - 2 * PADDING.x;
/** The signer's and the date of issue's row at the foot, and the space above it. */
const FOOT = { height: 40, gap: 6 } as const;
const INK = '1F4E79';
/** The organisers' logos at the top, in millimetres: their height, and the space under them. */
const LOGOS = { height: 16, after: 4, gap: '\u2003\u2003' } as const;
const FRAME = { style: BorderStyle.DOUBLE, size: 12, color: INK } as const;

const WORDS = {
  document: { ar: 'شهادات الحضور', en: 'Certificates of attendance' },
  heading: { ar: 'شهادة حضور', en: 'Certificate of Attendance' },
  certifies: { ar: 'تشهد اللجنة المنظمة بأن', en: 'The organising committee certifies that' },
  attendedMale: { ar: 'قد حضر', en: 'attended' },
  attendedFemale: { ar: 'قد حضرت', en: 'attended' },
  thanksHeading: { ar: 'شهادة شكر وتقدير', en: 'Certificate of Appreciation' },
  thanks: {
    ar: 'تتقدم اللجنة المنظمة بخالص الشكر والتقدير إلى',
    en: 'The organising committee extends its thanks and appreciation to',
  },
  contributedMale: { ar: 'على مشاركته القيّمة في', en: 'for the valued contribution to' },
  contributedFemale: { ar: 'على مشاركتها القيّمة في', en: 'for the valued contribution to' },
  within: { ar: 'ضمن أعمال', en: 'as part of' },
  at: { ar: 'في', en: 'at' },
  onDay: { ar: 'بتاريخ', en: 'on' },
  from: { ar: 'في الفترة من', en: 'from' },
  to: { ar: 'إلى', en: 'to' },
  corresponding: { ar: 'الموافق', en: '' },
  issued: { ar: 'تاريخ الإصدار', en: 'Date of issue' },
  logo: { ar: 'شعار الجهة المنظمة', en: "Organiser's logo" },
} as const satisfies Record<string, Words>;

export const writeCertificates: ExportWriter<CertificateExport> = async (input) => {
  const { options, settings } = input;
  const lang = options.language;
  const session = chosenSession(input);
  const logos = await readLogos(input.forum, input.photo);
  const context = { ...input, session, logos, event: eventLines(input, session), foot: footLines(input) };
  const rows = await makePieces(attendees(input.registrations, options), input.progress, (r) => ({
    height: CERTIFICATE.height,
    cells: [certificate(r, context)],
  }));
  return packDocx({
    title: `${(options.certificate === 'appreciation' ? WORDS.thanksHeading : WORDS.document)[lang]} — ${titleIn(session ?? input.forum, lang)}`,
    lang,
    fonts: input.fonts,
    sections: [
      pieceSection({
        paper: A4,
        landscape: true,
        margin: MARGIN,
        table: rows.length ? pieceTable({ rightToLeft: lang === 'ar', columns: [CERTIFICATE.width], rows }) : null,
        lang,
        settings,
      }),
    ],
  });
};

function chosenSession({ options, programme }: ExportInput<CertificateExport>): Session | null {
  if (options.sessionId === null) return null;
  const session = programme.sessions.find((s) => s.id === options.sessionId);
  if (!session) throw new AppError('not_found', 'The workshop of these certificates is not in the programme');
  return session;
}

/**
 * Arabic placed inside an English line (a venue, an organiser, a name typed
 * in Arabic only) is isolated, so that the commas and the parts around it
 * keep their places. An Arabic line isolates Latin text itself (printable).
 */
function embed(text: string, lang: DocLang): string {
  return lang === 'en' && hasArabic(text) ? isolate(text) : text;
}

const joined = (parts: readonly string[], lang: DocLang) =>
  parts
    .filter(Boolean)
    .map((part) => embed(part, lang))
    .join(lang === 'ar' ? '، ' : ', ');

type Context = ExportInput<CertificateExport> & {
  session: Session | null;
  /** The organisers' logos, printed in a row at the top of every certificate. */
  logos: readonly Logo[];
  /** What was attended, where and when: the same on every certificate but for the verb's gender. */
  event: (attended: string) => CardLine[];
  foot: ReturnType<typeof footLines>;
};

/** The lines from "قد حضر" on: the workshop within the forum (or the forum), the venue and the dates. */
function eventLines({ forum, programme, options, settings }: ExportInput<CertificateExport>, session: Session | null) {
  const lang = options.language;
  const format = documentFormatters(settings, lang);
  // A workshop's title in quotation marks; the forum's too in English, where a title cannot take "the".
  const quoted = (title: string) => (lang === 'ar' ? `«${embed(title, lang)}»` : `“${embed(title, lang)}”`);
  const forumTitle = lang === 'ar' ? titleIn(forum, lang) : quoted(titleIn(forum, lang));
  const v = forum.venue;
  const [city, country] = [textIn(v.city, v.cityEn, lang), textIn(v.country, v.countryEn, lang)];
  const sessionHall = session && programme.halls.find((h) => h.id === session.hallId);
  const venue = session?.place
    ? joined([textIn(session.place, session.placeEn, lang), city, country], lang)
    : joined(
        [
          textIn(v.hotel, v.hotelEn, lang),
          sessionHall ? nameIn(sessionHall, lang) : textIn(v.hall, v.hallEn, lang),
          city,
          country,
        ],
        lang,
      );
  const [first, last] = session ? [session.day, session.day] : [forum.firstDay, forum.lastDay];
  const line = (text: string, size = 16): CardLine => ({ text, lang, size });
  const edition = editionPhrase(forum, lang, lang === 'ar' ? settings.digits : 'latn');
  const titled = titleIn(forum, lang);
  return (attended: string) => [
    line(`${attended} ${session ? quoted(titleIn(session, lang)) : forumTitle}`),
    ...(session ? [line(`${WORDS.within[lang]} ${forumTitle}`)] : []),
    ...(edition && !titled.includes(edition) && !session ? [line(`(${embed(edition, lang)})`, 14)] : []),
    ...(venue ? [line(`${WORDS.at[lang]} ${venue}`, 14)] : []),
    line(
      first === last
        ? `${WORDS.onDay[lang]} ${writtenDays(format, first, last, lang)}`
        : fromTo(format, first, last, lang),
      14,
    ),
  ];
}

/**
 * A span of days in the formal wording, each calendar's first and last day
 * in full: «في الفترة من ٢٤ جمادى الآخرة ١٤٤٨هـ إلى ٢٥ جمادى الآخرة ١٤٤٨هـ
 * الموافق من ٤ ديسمبر ٢٠٢٦م إلى ٥ ديسمبر ٢٠٢٦م», "from 24 Jumada II 1448 AH
 * to 25 Jumada II 1448 AH (4 December 2026 to 5 December 2026)".
 */
function fromTo(format: Formatters, first: string, last: string, lang: DocLang): string {
  const [firstA = '', firstB = ''] = format.rangeBoth(first, first);
  const [lastA = '', lastB = ''] = format.rangeBoth(last, last);
  return lang === 'ar'
    ? `${WORDS.from.ar} ${firstA} ${WORDS.to.ar} ${lastA} ${WORDS.corresponding.ar} من ${firstB} ${WORDS.to.ar} ${lastB}`
    : `${WORDS.from.en} ${firstA} ${WORDS.to.en} ${lastA} (${firstB} ${WORDS.to.en} ${lastB})`;
}

/** The characters a spreadsheet reads as the start of a formula: a name never begins with one. */
const FORMULA_START = /^[\s=+\-@]+/;

/**
 * The name as a certificate prints it, checked: a name typed as «=أحمد» or
 * "+Ahmed" loses the stray sign; a title or honorific typed inside the name
 * («Dr. Hannah Müller-Schmidt», «م. يوسف») is read off it, so that the
 * printed form is never «السيدة Dr. Hannah …»; and with neither honorific nor
 * title it is «السيد» / «السيدة» ("Mr." / "Ms."), as a certificate never
 * prints a bare name.
 */
export function certificateName(r: Registration): NamedPerson {
  const person = namedPerson(r);
  const ar = splitNameTitle(person.nameAr.replace(FORMULA_START, ''));
  const en = splitNameTitle(person.nameEn.replace(FORMULA_START, ''));
  const found = ar.honorific !== 'none' || ar.title !== 'none' ? ar : en;
  const honorific = person.honorific !== 'none' ? person.honorific : found.honorific;
  const title = person.title !== 'none' ? person.title : found.title;
  const gender = r.gender ?? found.gender ?? person.gender;
  // A professional title takes the place of السيد / السيدة: «الدكتورة هانا», never «السيدة الدكتورة هانا».
  const courtesy = honorific === 'sayyid' && title !== 'none' ? 'none' : honorific;
  return {
    honorific: courtesy === 'none' && title === 'none' ? 'sayyid' : courtesy,
    title,
    gender,
    nameAr: ar.name,
    nameEn: en.name,
  };
}

function certificate(r: Registration, context: Context): TableCell {
  const { forum, options, settings } = context;
  const lang = options.language;
  const addressed = certificateName(r);
  // A name only in the other language is isolated inside the line.
  const name = protocolName({ ...addressed, nameEn: addressed.nameEn || embed(addressed.nameAr, 'en') }, lang);
  const female = addressed.gender === 'female';
  const thanks = options.certificate === 'appreciation';
  const attended = thanks
    ? female
      ? WORDS.contributedFemale[lang]
      : WORDS.contributedMale[lang]
    : female
      ? WORDS.attendedFemale[lang]
      : WORDS.attendedMale[lang];
  const lines = fitLines(
    [
      { text: forum.organisers.map((o) => embed(o, lang)).join('  ·  '), lang, size: 13, color: '595959' },
      { text: embed(titleIn(forum, lang), lang), lang, size: 18, bold: true, color: INK },
      { text: (thanks ? WORDS.thanksHeading : WORDS.heading)[lang], lang, size: 40, bold: true, color: INK },
      { text: (thanks ? WORDS.thanks : WORDS.certifies)[lang], lang, size: 16 },
      { text: name, lang, size: 30, bold: true },
      ...context.event(attended),
    ],
    {
      width: TEXT_WIDTH,
      height:
        CERTIFICATE.height - 2 * PADDING.y - FOOT.height - FOOT.gap - (context.logos.length ? logoRowHeight() : 0),
    },
  );
  return pieceCell(
    [
      ...(context.logos.length ? [logoRow(context.logos, lang)] : []),
      ...lines.map((line) => cardParagraph(line, settings)),
      hairline((FOOT.gap * 72) / 25.4),
      pieceTable({
        rightToLeft: lang === 'ar',
        columns: [TEXT_WIDTH / 2, TEXT_WIDTH / 2],
        rows: [{ height: FOOT.height, cells: footCells(context.foot, settings) }],
      }),
      hairline(),
    ],
    { width: CERTIFICATE.width, padding: PADDING, frame: FRAME },
  );
}

/**
 * The foot's lines, the same on every certificate: the date of issue, and
 * the signer's position and name.
 */
function footLines({ options, settings, now }: ExportInput<CertificateExport>) {
  const lang = options.language;
  const format = documentFormatters(settings, lang);
  const today = todayIso(now);
  const box = { width: TEXT_WIDTH / 2 - 10, height: FOOT.height };
  return {
    issued: fitLines(
      [
        { text: WORDS.issued[lang], lang, size: 12, bold: true },
        ...format.rangeBoth(today, today).map((text) => ({ text, lang, size: 12 })),
      ],
      box,
    ),
    signer: fitLines(
      [
        { text: embed(options.signerPosition, lang), lang, size: 14, bold: true },
        { text: embed(options.signerName, lang), lang, size: 14 },
      ],
      { ...box, height: FOOT.height - SIGNING_SPACE },
    ),
  };
}

/** The foot: the date of issue at the start (right in Arabic), the signer at the end, over a line to sign on. */
function footCells(lines: Context['foot'], settings: Pick<Settings, 'digits'>): TableCell[] {
  const cell = (children: Paragraph[]) => pieceCell(children, { width: TEXT_WIDTH / 2, padding: { x: 5, y: 0 } });
  return [
    cell(lines.issued.map((line) => cardParagraph(line, settings))),
    cell([...lines.signer.map((line) => cardParagraph(line, settings)), signatureLine()]),
  ];
}

/** The logo row's height in millimetres, its line and the space under it. */
function logoRowHeight(): number {
  return LOGOS.height + LOGOS.after + 1;
}

/**
 * The organisers' logos in one centred row, in the order the forum lists
 * them, read in the certificate's direction (from the right in Arabic). The
 * row's line is exactly as high as the logos, so the text under it is placed
 * as fitLines measured it.
 */
function logoRow(logos: readonly Logo[], lang: DocLang): Paragraph {
  const gapPixels = ((2 * 11) / 72) * 96;
  return new Paragraph({
    children: logoRuns(
      logos,
      { height: pixels(LOGOS.height), room: pixels(TEXT_WIDTH), gap: { text: LOGOS.gap, pixels: gapPixels } },
      WORDS.logo[lang],
    ),
    bidirectional: lang === 'ar',
    alignment: AlignmentType.CENTER,
    spacing: {
      before: 0,
      after: twips(LOGOS.after),
      line: twips(LOGOS.height + 1),
      lineRule: LineRuleType.EXACT,
    },
  });
}

/** Room to sign, in millimetres, and the line to sign on at its foot. */
const SIGNING_SPACE = 16;

function signatureLine(): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: twips(SIGNING_SPACE - 2), lineRule: LineRuleType.EXACT },
    indent: { left: twips(12), right: twips(12) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '595959', space: 1 } },
  });
}
