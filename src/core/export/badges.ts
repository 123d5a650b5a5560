/**
 * Name badges: four to an A4 sheet, two by two between dashed cut
 * lines, or one to an A6 page. Each badge, top to bottom: the forum's title;
 * the registrant's protocol name, large, with position and organisation; the
 * badge code as a Code 128 barcode with its digits under it, for the
 * check-in screen's USB scanner, and beside it as a QR code, for a desk on a
 * phone that scans with its camera; and a band in the category's colour with the
 * category's name in white, so ushers tell a VIP from a participant at a
 * glance. Badges come by category, then by name, to be handed out one
 * category's table at a time.
 *
 * A badge is one table cell of exact height in a row that cannot split, so
 * it is never cut across two pages, and its text is sized to fit it.
 */
import { AlignmentType, ImageRun, LineRuleType, Paragraph, type Table, type TableCell } from 'docx';
import type { BadgeExport } from '../../shared/domain/export';
import { CATEGORY_COLOURS, type Registration } from '../../shared/domain/registration';
import { code128, qrCode } from './barcode';
import {
  A4,
  A6,
  type CardLine,
  cardParagraph,
  fitLines,
  hairline,
  inLanguages,
  lineLang,
  makePieces,
  personLines,
  pieceCell,
  pieceSection,
  pieceTable,
  pixels,
} from './card-layout';
import { categoryName, type DocLang, layoutLang, textIn, titleIn, type Words } from './document-words';
import { docxRun, packDocx } from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';
import { registrantsByCategory } from './registrant-selection';

/**
 * The badge, in millimetres: a quarter of A4 less the printer's margins, and
 * the same on A6. Its parts' heights add up to a little less than the whole,
 * leaving room for a one-point paragraph before the inner table and the one
 * Word wants after it.
 */
const BADGE = { width: 98, height: 139 } as const;
const PART = { title: 22, person: 66, barcode: 30, band: 20 } as const;
const PADDING = { x: 4, y: 1.5 } as const;
const TEXT_WIDTH = BADGE.width - 2 * PADDING.x;

/** The printed width of the barcode's narrowest bar: 0.375 mm, well within what handheld scanners read. */
const MODULE_MM = 0.375;
const BARCODE_HEIGHT_MM = 12;
/**
 * The printed side of a QR code's square: three hundredths of an inch
 * (0.762 mm), a whole number of dots at 200, 300 and 600 dpi, so a printer
 * or a scan gives every square the same width. The smallest QR code (21
 * modules, 29 with its quiet zone) is then 22 mm across, as much as the
 * barcode's part of the badge holds beside a twelve-digit Code 128: a phone
 * reads it from a hand's length, where its camera focuses, and an old
 * camera's blur still leaves each square distinct.
 */
const QR_MODULE_MM = 0.762;
/** White between the Code 128's quiet zone and the QR code's, so the two read as two symbols. */
const CODES_GAP_MM = 2;

const PAGES = {
  a4_4up: { paper: A4, perRow: 2, margin: { x: (A4.width - 2 * BADGE.width) / 2, y: 8.5 } },
  a6: { paper: A6, perRow: 1, margin: { x: (A6.width - BADGE.width) / 2, y: 4 } },
} as const;

const TITLE: Words = { ar: 'بطاقات التعريف', en: 'Name badges' };

export const writeBadges: ExportWriter<BadgeExport> = async (input) => {
  const { options, settings } = input;
  const lang = layoutLang(options.language);
  const title = forumTitleLines(input);
  const badges = await makePieces(registrantsByCategory(input.registrations, options), input.progress, (r) =>
    badge(r, title, input),
  );
  const page = PAGES[options.size];
  const rows: { height: number; cells: TableCell[] }[] = [];
  for (let i = 0; i < badges.length; i += page.perRow) {
    const cells = badges.slice(i, i + page.perRow);
    // The last sheet's empty places keep their cut lines.
    while (cells.length < page.perRow) cells.push(pieceCell([hairline()], { width: BADGE.width }));
    rows.push({ height: BADGE.height, cells });
  }
  const table = rows.length
    ? pieceTable({
        rightToLeft: lang === 'ar',
        columns: Array.from({ length: page.perRow }, () => BADGE.width),
        rows,
        lines: options.size === 'a4_4up' ? 'cut' : undefined,
      })
    : null;
  return packDocx({
    title: `${TITLE[lang]} — ${titleIn(input.forum, lang)}`,
    lang,
    fonts: input.fonts,
    sections: [pieceSection({ paper: page.paper, margin: page.margin, table, lang, settings })],
  });
};

/** The forum's title at the top of every badge (in both languages, the English one under the Arabic). */
function forumTitleLines({ forum, options }: ExportInput<BadgeExport>): CardLine[] {
  const langs: DocLang[] = options.language === 'both' ? ['ar', 'en'] : [options.language];
  const lines = langs.map((lang, i) => {
    // Under the Arabic title, a missing English one is left out rather than printed as a marked copy of it.
    const text = i > 0 && !forum.titleEn ? forum.titleAr : textIn(forum.titleAr, forum.titleEn, lang);
    return { text, lang: lineLang(text, lang), size: i === 0 ? 12 : 10, bold: i === 0, color: '404040' };
  });
  // A forum with its title in one language only would print it twice.
  const unique = lines.filter((line, i) => lines.findIndex((other) => other.text === line.text) === i);
  return fitLines(unique, { width: TEXT_WIDTH, height: PART.title - 2 * PADDING.y });
}

function badge(r: Registration, title: readonly CardLine[], input: ExportInput<BadgeExport>): TableCell {
  const { options, settings } = input;
  const lang = layoutLang(options.language);
  const person = fitLines(personLines(r, options.language, { name: 26, secondName: 17, position: 13 }), {
    width: TEXT_WIDTH,
    height: PART.person - 2 * PADDING.y,
  });
  const band = inLanguages(options.language, (l) => categoryName(r.category, l));
  const part = (height: number, children: (Paragraph | Table)[], shade?: string) => ({
    height,
    cells: [pieceCell(children, { width: BADGE.width, padding: PADDING, shade })],
  });
  const inner = pieceTable({
    rightToLeft: lang === 'ar',
    columns: [BADGE.width],
    rows: [
      part(
        PART.title,
        title.map((line) => cardParagraph(line, settings)),
      ),
      part(
        PART.person,
        person.map((line) => cardParagraph(line, settings)),
      ),
      part(PART.barcode, [scannerCodes(r.code, lang), hairline()]),
      part(
        PART.band,
        fitLines([{ text: band, lang, size: 18, bold: true, color: 'FFFFFF' }], {
          width: TEXT_WIDTH,
          height: PART.band - 2 * PADDING.y,
        }).map((line) => cardParagraph(line, settings)),
        CATEGORY_COLOURS[r.category],
      ),
    ],
  });
  // The hairline before the inner table too: LibreOffice does not show the first line of a document that opens
  // with a table in a table's cell, and the first badge printed without its forum's title.
  return pieceCell([hairline(), inner, hairline()], { width: BADGE.width });
}

/**
 * The badge code for scanners, side by side and centred on the badge: the
 * Code 128 with its digits under it, and the QR code, both vertically
 * centred. A table of two cells, so the digits stand under the bars only; it
 * is a little lower than the part, for the one-point paragraph after it.
 */
function scannerCodes(code: string, lang: DocLang): Table {
  const barcode = code128(code);
  const qr = qrCode(code);
  const qrSide = qr.modules * QR_MODULE_MM;
  // A millimetre more than each symbol, so a rounding of the image's size never overflows its cell.
  const barcodeColumn = barcode.modules * MODULE_MM + 1 + CODES_GAP_MM;
  const qrColumn = qrSide + 1;
  const barcodeImage = symbolParagraph(barcode.png, {
    width: barcode.modules * MODULE_MM,
    height: BARCODE_HEIGHT_MM,
    code,
    kind: 'Code 128',
  });
  // The digits as the scanner types them: Latin whatever the digits setting, as a person types them when the scanner fails.
  const digits = new Paragraph({
    children: [docxRun(code, 'en', { size: 11 })],
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 15 * 20, lineRule: LineRuleType.EXACT },
  });
  const qrImage = symbolParagraph(qr.png, { width: qrSide, height: qrSide, code, kind: 'QR code' });
  return pieceTable({
    rightToLeft: lang === 'ar',
    columns: [barcodeColumn, qrColumn],
    rows: [
      {
        height: PART.barcode - 2 * PADDING.y - 0.5,
        cells: [pieceCell([barcodeImage, digits], { width: barcodeColumn }), pieceCell([qrImage], { width: qrColumn })],
      },
    ],
    centred: true,
  });
}

/**
 * A paragraph of one symbol's image, centred, its alternative text the code.
 *
 * Its line is as high as the image, not of an exact height as the cards'
 * text lines are: LibreOffice gives a line of exact height four fifths of it
 * above the baseline, where an image stands, and cuts off the rest of the
 * image's top; that cut the top row of a QR code's modules, and no camera
 * read it. And the run of the image and the paragraph's mark are in a
 * one-point font, or the automatic line would add the document font's
 * descent under the image and be at least a line of that font, which in
 * Word is taller than the barcode (Amiri's Windows metrics add up to 4.2 em).
 */
function symbolParagraph(
  png: Buffer,
  symbol: { width: number; height: number; code: string; kind: 'Code 128' | 'QR code' },
): Paragraph {
  const onePoint = { size: 2, sizeComplexScript: 2 } as const;
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: pixels(symbol.width), height: pixels(symbol.height) },
        altText: { name: symbol.code, description: `${symbol.kind}: ${symbol.code}`, title: symbol.code },
        run: onePoint,
      }),
    ],
    alignment: AlignmentType.CENTER,
    run: onePoint,
    spacing: { before: 0, after: 0 },
  });
}
