/**
 * Name badges: four to an A4 sheet, two by two between dashed cut
 * lines, or one to an A6 page. Each badge, top to bottom: the forum's title;
 * the registrant's protocol name, large, with position and organisation; the
 * badge code as a Code 128 barcode with its digits under it, for the
 * check-in screen's scanner; and a band in the category's colour with the
 * category's name in white, so ushers tell a VIP from a participant at a
 * glance. Badges come by category, then by name, to be handed out one
 * category's table at a time.
 *
 * A badge is one table cell of exact height in a row that cannot split, so
 * it is never cut across two pages, and its text is sized to fit it.
 */
import { AlignmentType, ImageRun, LineRuleType, Paragraph, type TableCell } from 'docx';
import type { BadgeExport } from '../../shared/domain/export';
import { CATEGORY_COLOURS, type Registration } from '../../shared/domain/registration';
import { code128 } from './barcode';
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
  twips,
} from './card-layout';
import { categoryName, type DocLang, layoutLang, textIn, titleIn, type Words } from './document-words';
import { docxRun, packDocx } from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';
import { registrantsByCategory } from './registrant-selection';

/**
 * The badge, in millimetres: a quarter of A4 less the printer's margins, and
 * the same on A6. Its parts' heights add up to a little less than the whole,
 * leaving room for the one-point paragraph Word wants after the inner table.
 */
const BADGE = { width: 98, height: 139 } as const;
const PART = { title: 22, person: 66, barcode: 30, band: 20 } as const;
const PADDING = { x: 4, y: 1.5 } as const;
const TEXT_WIDTH = BADGE.width - 2 * PADDING.x;

/** The printed width of the barcode's narrowest bar: 0.375 mm, well within what handheld scanners read. */
const MODULE_MM = 0.375;
const BARCODE_HEIGHT_MM = 12;

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
  const part = (height: number, children: Paragraph[], shade?: string) => ({
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
      part(PART.barcode, barcodeParagraphs(r.code)),
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
  return pieceCell([inner, hairline()], { width: BADGE.width });
}

/**
 * The barcode and, under it, its digits as the scanner types them: Latin
 * digits whatever the digits setting, as a person types them when the
 * scanner fails. The image's line is exactly its height plus a millimetre:
 * an automatic line would be as tall as a line of the font, which in Word is
 * taller than the image.
 */
function barcodeParagraphs(code: string): Paragraph[] {
  const { png, modules } = code128(code);
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: pixels(modules * MODULE_MM), height: pixels(BARCODE_HEIGHT_MM) },
    altText: { name: code, description: `Code 128: ${code}`, title: code },
  });
  return [
    new Paragraph({
      children: [image],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: twips(BARCODE_HEIGHT_MM + 1), lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({
      children: [docxRun(code, 'en', { size: 11 })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 15 * 20, lineRule: LineRuleType.EXACT },
    }),
  ];
}
