/**
 * What badges, name cards and certificates share: pieces of paper of a fixed
 * size, each a table cell of exact height on a page of its own size, with
 * text sized to fit it.
 *
 * A cell of exact height never grows onto the next page, which is what keeps
 * a badge whole, but whatever does not fit in it is cut off. So the text is
 * sized before it is written: `fitLines` estimates how many lines each
 * paragraph wraps to and shrinks the sizes until everything fits, and the
 * paragraphs have an exact line height, so the estimate holds in Word and in
 * LibreOffice alike (Amiri's own line spacing is 1.8 em in LibreOffice, and
 * its Windows metrics, which Word goes by, add up to 4.2 em).
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  type IBorderOptions,
  type ISectionOptions,
  LineRuleType,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  type TextDirection,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { DocumentLanguage } from '../../shared/domain/export';
import type { Registration } from '../../shared/domain/registration';
import type { Settings } from '../../shared/domain/settings';
import { nameForWrapping, protocolName } from '../../shared/people/protocol-name';
import { hasArabic } from '../../shared/text/arabic';
import { type DocLang, layoutLang, MISSING_ENGLISH, personNameIn, textIn, type Words } from './document-words';
import { docxRun, printable } from './docx-kit';
import type { ExportProgress } from './export-progress';
import { namedPerson, oneLine } from './registrant-selection';

/** Paper sizes, portrait, in millimetres (docx turns them for landscape). */
export const A4 = { width: 210, height: 297 } as const;
export const A6 = { width: 105, height: 148 } as const;

/** Millimetres to twips (a twentieth of a point), Word's unit for page and table sizes. */
export function twips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Millimetres to the 96-per-inch pixels docx sizes images in. */
export function pixels(mm: number): number {
  return (mm * 96) / 25.4;
}

/**
 * The direction of a line that stands on its own (a name, a position): its
 * own language's, as registrants type their position and organisation in
 * one language only, and a Latin line in a right-to-left paragraph moves its
 * final full stop to the wrong end. A line without letters follows the
 * document, `lang`.
 */
export function lineLang(text: string, lang: DocLang): DocLang {
  // An English line quoting the Arabic it lacks ("Eng. [Arabic only: …]") reads left to right.
  if (text.includes(MISSING_ENGLISH.open)) return 'en';
  if (hasArabic(text)) return 'ar';
  return /\p{L}/u.test(text) ? 'en' : lang;
}

/** A paragraph of a card: its text, its language, and the size it would like. */
export interface CardLine {
  text: string;
  lang: DocLang;
  /** Points. */
  size: number;
  bold?: boolean;
  /** Hex without '#'. */
  color?: string;
  /** The line's height as a fraction of its size, when not LINE_HEIGHT. */
  lineHeight?: number;
}

/** Line height and the space after a paragraph, as fractions of its size. */
const LINE_HEIGHT = 1.5;
const SPACE_AFTER = 0.2;
/**
 * A large name's lines, on name cards: Amiri's own line (1.8 em), as its
 * letters reach deep below the line (ي، ن، ح) and high above it (ل، ط). At
 * 1.5 em a name wrapped to two lines printed the descenders of the first into
 * the second, and those of the last onto the position under it.
 */
export const NAME_LINE_HEIGHT = 1.8;
/**
 * The width of a character, as a fraction of the size: Amiri's Arabic letters
 * (with the spaces of a name) average 0.56 em in their widest, unjoined forms
 * and its Latin ones 0.45, so this errs on the wide side for Amiri; the other
 * document fonts are not measured, and the estimate's slack is their room.
 */
const CHAR_WIDTH = 0.55;
const MM_PER_POINT = 25.4 / 72;
/** Below this a line is no longer read from where badges are worn or cards stand. */
const SMALLEST = 6;

/**
 * The lines, smaller if need be, so that together they fit a box of the given
 * size in millimetres: all shrink by the same factor, keeping the name the
 * largest, down to 6 points. Lines without text are dropped.
 */
export function fitLines(lines: readonly CardLine[], box: { width: number; height: number }): CardLine[] {
  const present = lines.filter((line) => line.text.trim() !== '');
  for (let scale = 1; ; scale -= 0.05) {
    const sized = present.map((line) => ({ ...line, size: Math.max(SMALLEST, Math.round(line.size * scale * 2) / 2) }));
    const height = sized.reduce((sum, line) => sum + linesNeeded(line, box.width) * lineHeight(line) + after(line), 0);
    if (height <= box.height || sized.every((line) => line.size === SMALLEST)) return sized;
  }
}

/** How many lines the text wraps to in a column `width` millimetres wide: whole words to a line, a longer word broken. */
function linesNeeded(line: CardLine, width: number): number {
  const char = line.size * MM_PER_POINT * CHAR_WIDTH;
  let lines = 0;
  for (const paragraph of line.text.split('\n')) {
    lines++;
    let used = 0;
    // Words part at spaces, not at the no-break spaces that hold a name's parts together.
    for (const word of paragraph.split(/[^\S\u00A0]+/).filter(Boolean)) {
      const length = [...word].length * char;
      if (used > 0 && used + char + length <= width) {
        used += char + length;
        continue;
      }
      if (used > 0) lines++;
      const extra = Math.max(0, Math.ceil(length / width) - 1);
      lines += extra;
      used = length - extra * width;
    }
  }
  return lines;
}

const lineHeight = (line: CardLine) => line.size * (line.lineHeight ?? LINE_HEIGHT) * MM_PER_POINT;
const after = (line: CardLine) => line.size * SPACE_AFTER * MM_PER_POINT;

/** A centred paragraph of one card line, its line height exact (see the top). */
export function cardParagraph(line: CardLine, settings: Pick<Settings, 'digits'>): Paragraph {
  return new Paragraph({
    children: [docxRun(printable(line.text, line.lang, settings), line.lang, line)],
    bidirectional: line.lang === 'ar',
    alignment: AlignmentType.CENTER,
    spacing: {
      before: 0,
      after: Math.round(line.size * SPACE_AFTER * 20),
      line: Math.round(line.size * (line.lineHeight ?? LINE_HEIGHT) * 20),
      lineRule: LineRuleType.EXACT,
    },
  });
}

/**
 * An empty paragraph, one point high unless told. Word wants a paragraph
 * after every table (at the end of a cell, at the end of the document); at
 * the body's default size it would take a line of Amiri, which in Word is
 * tall enough to push a page-filling table onto a blank page.
 */
export function hairline(points = 1): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: Math.round(points * 20), lineRule: LineRuleType.EXACT },
  });
}

const CUT_LINE = { style: BorderStyle.DASHED, size: 4, color: 'A6A6A6' } as const;
const NO_LINE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/**
 * A table of fixed pieces: columns of the given widths (mm), each row exactly
 * as high as given (mm) and never split across pages, so a row is printed
 * whole on one page. Dashed lines show where the sheet is cut (around and
 * between the cells) or folded (between the columns only: rows are pages,
 * and a line between them would print at the top of each). A right-to-left table
 * (Arabic pieces in reading order) puts its first cell on the right.
 */
export function pieceTable(options: {
  rightToLeft: boolean;
  columns: readonly number[];
  rows: readonly { height: number; cells: TableCell[] }[];
  lines?: 'cut' | 'fold';
  /** Centred in the cell or page it stands in, when narrower than it (the start side otherwise). */
  centred?: boolean;
}): Table {
  const cut = options.lines === 'cut' ? CUT_LINE : NO_LINE;
  const fold = options.lines ? CUT_LINE : NO_LINE;
  const columns = options.columns.map(twips);
  return new Table({
    rows: options.rows.map(
      (row) =>
        new TableRow({
          children: row.cells,
          cantSplit: true,
          height: { value: twips(row.height), rule: HeightRule.EXACT },
        }),
    ),
    width: { size: columns.reduce((sum, w) => sum + w, 0), type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    alignment: options.centred ? AlignmentType.CENTER : undefined,
    visuallyRightToLeft: options.rightToLeft,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    borders: {
      top: cut,
      bottom: cut,
      left: cut,
      right: cut,
      insideHorizontal: cut,
      insideVertical: fold,
    },
  });
}

/**
 * A cell of a piece, its content centred between its padding (mm). It has
 * borders of its own only when framed: the cut lines are the table's.
 */
export function pieceCell(
  children: readonly (Paragraph | Table)[],
  options: {
    width: number;
    padding?: { x: number; y: number };
    /** Background colour, hex. */
    shade?: string;
    textDirection?: (typeof TextDirection)[keyof typeof TextDirection];
    /** A line around the cell. */
    frame?: IBorderOptions;
  },
): TableCell {
  const frame = options.frame;
  const x = twips(options.padding?.x ?? 0);
  const y = twips(options.padding?.y ?? 0);
  return new TableCell({
    children,
    width: { size: twips(options.width), type: WidthType.DXA },
    margins: { top: y, bottom: y, left: x, right: x },
    verticalAlign: VerticalAlign.CENTER,
    textDirection: options.textDirection,
    shading: options.shade ? { type: ShadingType.CLEAR, fill: options.shade, color: 'auto' } : undefined,
    borders: frame ? { top: frame, bottom: frame, left: frame, right: frame } : undefined,
  });
}

export interface NameSizes {
  /** The name in the piece's language (or the Arabic one, in both languages). */
  name: number;
  /** The English name under the Arabic one, in both languages. */
  secondName: number;
  position: number;
  /** The names' line height as a fraction of their size, when not the other lines' (NAME_LINE_HEIGHT on name cards). */
  nameLineHeight?: number;
}

/**
 * A registrant's lines on a badge or a name card: the protocol name, large
 * ("سعادة الدكتور خالد بن سالم الحسني"); in both languages the English name
 * under the Arabic one when the registrant has both; then position and
 * organisation, each as typed (on an English card, their English: textIn).
 */
export function personLines(r: Registration, language: DocumentLanguage, sizes: NameSizes): CardLine[] {
  const person = namedPerson(r);
  const lang = layoutLang(language);
  const names =
    language === 'both' && r.fullName && r.fullNameEn
      ? [
          { text: protocolName(person, 'ar'), size: sizes.name },
          { text: protocolName(person, 'en'), size: sizes.secondName },
        ]
      : [{ text: personNameIn(person, language === 'both' && !r.fullName ? 'en' : lang), size: sizes.name }];
  // An English card prints the registrant's own English position and organisation; one typed in Arabic
  // alone is marked, never printed in Arabic silently (textIn; the pre-flight lists them first).
  const position = oneLine(lang === 'en' ? textIn(r.position, r.positionEn, 'en') : r.position);
  const organisation = oneLine(lang === 'en' ? textIn(r.organisation, r.organisationEn, 'en') : r.organisation);
  return [
    ...names.map((name) => ({
      text: nameForWrapping(name.text),
      size: name.size,
      lang: lineLang(name.text, lang),
      bold: true,
      lineHeight: sizes.nameLineHeight,
    })),
    { text: position, lang: lineLang(position, lang), size: sizes.position },
    { text: organisation, lang: lineLang(organisation, lang), size: sizes.position, color: '404040' },
  ];
}

/** "كبار الشخصيات" or "VIP", or both: a label for a piece in the document's language(s). */
export function inLanguages(language: DocumentLanguage, text: (lang: DocLang) => string): string {
  return language === 'both' ? `${text('ar')} · ${text('en')}` : text(language);
}

/**
 * The pieces, made one by one with the export's progress: a unit each, and a
 * checkpoint between them, where a cancelled export stops.
 */
export async function makePieces<T, R>(
  items: readonly T[],
  progress: ExportProgress,
  make: (item: T) => R,
): Promise<R[]> {
  progress.setTotal(items.length);
  const pieces: R[] = [];
  for (const item of items) {
    await progress.checkpoint();
    pieces.push(make(item));
    progress.advance();
  }
  return pieces;
}

/**
 * The one section of a pieces document: the paper (portrait size, turned when
 * `landscape`), margins (mm) that centre the pieces' table on it, and the
 * table, or a line saying nobody matched when there is none.
 */
export function pieceSection(options: {
  paper: { width: number; height: number };
  landscape?: boolean;
  margin: { x: number; y: number };
  table: Table | null;
  lang: DocLang;
  settings: Pick<Settings, 'digits'>;
}): ISectionOptions {
  const x = twips(options.margin.x);
  const y = twips(options.margin.y);
  return {
    properties: {
      page: {
        size: {
          width: twips(options.paper.width),
          height: twips(options.paper.height),
          orientation: options.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: y, bottom: y, left: x, right: x, header: 0, footer: 0 },
      },
    },
    children: options.table ? [options.table, hairline()] : [nobodyParagraph(options.lang, options.settings)],
  };
}

const NOBODY: Words = {
  ar: 'لا أحد يطابق الاختيار، فلم يُطبع شيء.',
  en: 'Nobody matches the choice, so there is nothing to print.',
};

/** The page of an export that matched nobody. */
function nobodyParagraph(lang: DocLang, settings: Pick<Settings, 'digits'>): Paragraph {
  return cardParagraph({ text: NOBODY[lang], lang, size: 14 }, settings);
}
