/**
 * Table name cards: an A4 sheet folded in half along its long
 * middle into a tent 297 × 105 mm, with the protocol name, very large, and
 * position and organisation on both faces, each face reading upright from
 * its own side of the table. One card a page.
 *
 * The two faces must be turned half a turn from each other on the flat
 * sheet. Word can turn text a quarter turn in a table cell (text direction
 * tbRl, btLr), which Word and LibreOffice both print, but has no half turn
 * but a rotated DrawingML text box (`a:xfrm rot="10800000"`): Word 2010 and
 * later turn its text, LibreOffice (7.4 here) prints it unturned, so the
 * card would read upside down on one side. So the sheet is laid out
 * portrait and folded along its vertical middle, and each face is a cell
 * turned a quarter turn towards the fold: the left face clockwise, the
 * right one anticlockwise. Folded and stood on the table, fold on top, it is
 * the same card as a landscape sheet folded across, both faces upright, and
 * the names stay text the coordinator can correct in Word.
 */
import { type TableCell, TextDirection } from 'docx';
import type { NameCardExport } from '../../shared/domain/export';
import type { Registration } from '../../shared/domain/registration';
import {
  A4,
  cardParagraph,
  fitLines,
  makePieces,
  NAME_LINE_HEIGHT,
  personLines,
  pieceCell,
  pieceSection,
  pieceTable,
} from './card-layout';
import { layoutLang, titleIn, type Words } from './document-words';
import { packDocx } from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';
import { registrantsByCategory } from './registrant-selection';

/** The page's margins and a face (half the sheet), in millimetres; the row leaves room for Word's closing paragraph. */
const MARGIN = { x: 5, y: 5 } as const;
const FACE = { width: (A4.width - 2 * MARGIN.x) / 2, height: A4.height - 2 * MARGIN.y - 2 } as const;
/** Clear of the fold and the sheet's edge across a face, and of the card's ends along it. */
const PADDING = { x: 10, y: 15 } as const;

const TITLE: Words = { ar: 'بطاقات الطاولة', en: 'Table name cards' };

export const writeNameCards: ExportWriter<NameCardExport> = async (input) => {
  const { options, settings } = input;
  const lang = layoutLang(options.language);
  const rows = await makePieces(registrantsByCategory(input.registrations, options), input.progress, (r) => ({
    height: FACE.height,
    cells: faces(r, input),
  }));
  return packDocx({
    title: `${TITLE[lang]} — ${titleIn(input.forum, lang)}`,
    lang,
    fonts: input.fonts,
    sections: [
      pieceSection({
        paper: A4,
        margin: MARGIN,
        // Left to right whatever the language: the faces' places on the sheet are physical, not an order of reading.
        table: rows.length
          ? pieceTable({ rightToLeft: false, columns: [FACE.width, FACE.width], rows, lines: 'fold' })
          : null,
        lang,
        settings,
      }),
    ],
  });
};

/** The card's two faces, left then right on the sheet. */
function faces(r: Registration, { options, settings }: ExportInput<NameCardExport>): TableCell[] {
  // Turned a quarter turn, a face's lines run along the sheet's height and stack across its half width.
  const lines = fitLines(
    personLines(r, options.language, {
      name: 48,
      secondName: 30,
      position: 22,
      nameLineHeight: NAME_LINE_HEIGHT,
    }),
    {
      width: FACE.height - 2 * PADDING.y,
      height: FACE.width - 2 * PADDING.x,
    },
  );
  const face = (textDirection: (typeof TextDirection)[keyof typeof TextDirection]) =>
    pieceCell(
      lines.map((line) => cardParagraph(line, settings)),
      { width: FACE.width, padding: PADDING, textDirection },
    );
  // Tops of the letters towards the fold: clockwise on the left half, anticlockwise on the right.
  return [face(TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT), face(TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT)];
}
