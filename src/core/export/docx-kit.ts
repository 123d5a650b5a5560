/**
 * The pieces every Word export is built from, so the programme, badges,
 * name cards and certificates share one idea of right-to-left text, fonts
 * and digits:
 *
 * - an Arabic paragraph is `bidirectional` (Word's right-to-left paragraph)
 *   and its runs are marked right-to-left, so Word shapes them with the
 *   complex-script (`cs`) face of the font and applies bold and size to it;
 * - the document's font fills all four font slots (ascii, hAnsi, cs,
 *   eastAsia): with only `ascii` set, Arabic falls back to whatever Word
 *   picks;
 * - Latin names and titles, phone numbers, e-mails and codes inside Arabic
 *   text are wrapped in LRI..PDI, or "+968 9123 4567" prints as
 *   "4567 9123 968+"; Arabic inside English text in RLI..PDI;
 * - Arabic-Indic digits where the user chose them (settings.digits), in
 *   Arabic text only: English text always has Latin digits.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  type IParagraphStyleOptions,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Settings } from '../../shared/domain/settings';
import {
  hasArabic,
  isolateArabicRuns,
  isolateLatinRuns,
  LRI,
  PDI,
  toArabicDigits,
  toLatinDigits,
} from '../../shared/text/arabic';
import type { DocLang } from './document-words';
import type { DocumentFonts } from './export-input';

export interface RunStyle {
  bold?: boolean;
  /** Points (Word's own unit is half-points). */
  size?: number;
  /** Hex without '#', e.g. "1F4E79". */
  color?: string;
  italics?: boolean;
}

export interface ParagraphStyle extends RunStyle {
  align?: 'start' | 'center' | 'end' | 'both';
  /** Space before and after, in points. */
  before?: number;
  after?: number;
  /** Keep with the next paragraph (a heading with its table). */
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  /** Background colour of the paragraph, hex. */
  shade?: string;
}

const LATIN_LETTER = /\p{Script=Latin}/u;

/** Writes text the way a paragraph in `lang` prints it: isolates and digits. */
export function printable(text: string, lang: DocLang, settings: Pick<Settings, 'digits'>): string {
  if (lang === 'en') return latinDigitsOutsideArabic(isolateArabicRuns(text));
  // A line all in Latin letters (a bio or a name with no Arabic form) is one unit, or its full stop
  // and brackets take the right-to-left paragraph's side: ".Leads the programme".
  const whollyLatin = !hasArabic(text) && LATIN_LETTER.test(text) && !/^[\u2066-\u2068]/.test(text);
  const isolated = whollyLatin ? LRI + text + PDI : isolateLatinRuns(text);
  return settings.digits === 'arab' ? arabicDigitsOutsideIsolates(isolated) : isolated;
}

/**
 * Arabic-Indic digits for counts, times and dates, but not inside isolated
 * runs: a phone number, an e-mail or a badge code keeps the digits it is
 * dialled, typed or scanned with.
 */
function arabicDigitsOutsideIsolates(text: string): string {
  return text.replace(/(\u2066[^\u2069]*\u2069)|([^\u2066]+)/g, (_all, isolated: string, plain: string) =>
    isolated
      ? /^\u2066[\d\s:/\-–.]+\u2069$/.test(isolated)
        ? toArabicDigits(isolated)
        : isolated
      : toArabicDigits(plain),
  );
}

/**
 * English text takes Latin digits whatever the setting: "٢٠ Shawwal ١٤٣٦" is
 * no English, and Arabic-Indic digits in a left-to-right line turn a time range
 * around. Only an isolated Arabic stretch keeps the digits it was typed with.
 */
function latinDigitsOutsideArabic(text: string): string {
  return text.replace(/(\u2067[^\u2069]*\u2069)|([^\u2067]+)/g, (_all, isolated: string, plain: string) =>
    isolated ? isolated : toLatinDigits(plain),
  );
}

export function docxRun(text: string, lang: DocLang, style: RunStyle = {}): TextRun {
  const size = style.size === undefined ? undefined : Math.round(style.size * 2);
  return new TextRun({
    text,
    bold: style.bold,
    boldComplexScript: style.bold,
    italics: style.italics,
    italicsComplexScript: style.italics,
    size,
    sizeComplexScript: size,
    color: style.color,
    // The proofing languages are the document's defaults (packDocx), not repeated on every run.
    rightToLeft: lang === 'ar',
  });
}

const ALIGN = {
  start: { ar: AlignmentType.RIGHT, en: AlignmentType.LEFT },
  end: { ar: AlignmentType.LEFT, en: AlignmentType.RIGHT },
  center: { ar: AlignmentType.CENTER, en: AlignmentType.CENTER },
  both: { ar: AlignmentType.BOTH, en: AlignmentType.BOTH },
} as const;

/**
 * One paragraph of text (line breaks become breaks) or of ready runs.
 * Alignment is given by reading direction (start = right in Arabic) and
 * passed to docx as a physical side, which it writes the way Word reads a
 * right-to-left paragraph (jc="left" there means the right); the strict
 * "start"/"end" values are not understood by older Word.
 */
export function docxParagraph(
  content: string | readonly ParagraphChild[],
  lang: DocLang,
  style: ParagraphStyle = {},
  book?: StyleBook,
): Paragraph {
  const run = (text: string) => (book ? new TextRun({ text }) : docxRun(text, lang, style));
  const children =
    typeof content === 'string'
      ? content.split('\n').flatMap((line, i) => (i === 0 ? [run(line)] : [new TextRun({ break: 1 }), run(line)]))
      : content;
  return new Paragraph({
    children,
    style: book?.id(lang, style),
    // Direction and alignment stay on the paragraph: docx writes a side the way Word reads it only there.
    bidirectional: lang === 'ar',
    alignment: ALIGN[style.align ?? 'start'][lang],
    spacing: book ? undefined : spacing(style),
    keepNext: style.keepNext,
    pageBreakBefore: style.pageBreakBefore,
    shading: style.shade ? { type: ShadingType.CLEAR, fill: style.shade, color: 'auto' } : undefined,
  });
}

const spacing = (style: ParagraphStyle) => ({ before: (style.before ?? 0) * 20, after: (style.after ?? 4) * 20 });

/**
 * Named paragraph styles made from the writers' inline looks, one per
 * distinct look. A programme of 200 sessions has thousands of paragraphs but
 * a dozen looks: the file then carries each look's spacing, weight, size and
 * colour once, in styles.xml, instead of on every paragraph and run, which
 * makes it smaller and quicker to write.
 */
export class StyleBook {
  private readonly ids = new Map<string, string>();
  readonly definitions: IParagraphStyleOptions[] = [];

  id(lang: DocLang, style: ParagraphStyle): string {
    const { bold, size, color, italics, before, after } = style;
    const key = JSON.stringify([lang, bold, size, color, italics, before, after]);
    let id = this.ids.get(key);
    if (!id) {
      id = `Multaqa${this.ids.size + 1}`;
      this.ids.set(key, id);
      const half = size === undefined ? undefined : Math.round(size * 2);
      this.definitions.push({
        id,
        name: `Multaqa ${this.ids.size}`,
        basedOn: 'Normal',
        paragraph: { spacing: spacing(style) },
        run: {
          bold,
          boldComplexScript: bold,
          italics,
          italicsComplexScript: italics,
          size: half,
          sizeComplexScript: half,
          color,
          rightToLeft: lang === 'ar',
        },
      });
    }
    return id;
  }
}

export interface DocxDocumentOptions {
  title: string;
  /** The document's main language: its default paragraph direction and proofing language. */
  lang: DocLang;
  fonts: DocumentFonts;
  sections: ISectionOptions[];
  /** Body text size in points. */
  bodySize?: number;
  /** The named styles the paragraphs were written with, if any. */
  styles?: StyleBook;
}

/** Packs a Word file whose every run uses the chosen font, embedding it when Multaqa ships it. */
export async function packDocx(options: DocxDocumentOptions): Promise<Buffer> {
  const { fonts } = options;
  const face = { ascii: fonts.name, hAnsi: fonts.name, cs: fonts.name, eastAsia: fonts.name };
  const size = Math.round((options.bodySize ?? 11) * 2);
  const document = new Document({
    creator: 'Multaqa',
    title: options.title,
    fonts: fonts.embedded ? [{ name: fonts.name, data: fonts.embedded.regular, bold: fonts.embedded.bold }] : undefined,
    styles: {
      default: {
        document: {
          run: {
            font: face,
            size,
            sizeComplexScript: size,
            language: { value: 'en-GB', bidirectional: 'ar-SA' },
          },
        },
      },
      paragraphStyles: options.styles?.definitions,
    },
    sections: options.sections,
  });
  return Packer.toBuffer(document);
}

/** Children of a section, with a type for the writers' own lists. */
export type SectionChild = FileChild;

/**
 * A ruled table of text cells with a shaded header row that repeats on each
 * page; no row splits across pages. `shares` are the columns' parts of
 * `width` (twips), in reading order: in Arabic the first column is on the right.
 */
export function ruledTable(options: {
  headers: readonly string[];
  /**
   * Each cell a text, or its lines: the first in bold, the others smaller and
   * muted under it (a host's name, then the position).
   */
  rows: readonly (readonly (string | readonly string[])[])[];
  shares: readonly number[];
  width: number;
  lang: DocLang;
  settings: Pick<Settings, 'digits'>;
  size?: number;
  /** The least height of a data row, in twentieths of a point (room to sign in). */
  rowHeight?: number;
}): Table {
  const { lang } = options;
  const size = options.size ?? 11;
  const rule = { style: BorderStyle.SINGLE, size: 4, color: '8EA9C1' } as const;
  const widths = options.shares.map((s) => Math.round(s * options.width));
  const line = (text: string, style: ParagraphStyle) =>
    docxParagraph(printable(text, lang, options.settings), lang, { after: 0, align: 'start', ...style });
  const cell = (content: string | readonly string[], header: boolean) =>
    new TableCell({
      children:
        typeof content === 'string'
          ? [line(content, { bold: header, align: header ? 'center' : 'start', size })]
          : (content.length > 0 ? content : ['']).map((text, i) =>
              line(text, i === 0 ? { bold: true, size } : { size: size - 1, color: '595959' }),
            ),
      verticalAlign: VerticalAlign.CENTER,
      shading: header ? { fill: 'DCE6F1', color: 'auto', type: ShadingType.CLEAR } : undefined,
    });
  return new Table({
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: options.headers.map((h) => cell(h, true)) }),
      ...options.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            height: options.rowHeight ? { value: options.rowHeight, rule: 'atLeast' } : undefined,
            children: row.map((content) => cell(content, false)),
          }),
      ),
    ],
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 50, bottom: 50, left: 90, right: 90 },
    visuallyRightToLeft: lang === 'ar',
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
  });
}

/** A footer of «صفحة ٢ من ٥» / "Page 2 of 5", centred. */
export function pageNumberFooter(lang: DocLang): Footer {
  const words = lang === 'ar' ? ['صفحة', 'من'] : ['Page', 'of'];
  const style = { size: 9, color: '595959' };
  const field = (value: (typeof PageNumber)[keyof typeof PageNumber]) =>
    new TextRun({ children: [value], size: 18, sizeComplexScript: 18, color: '595959', rightToLeft: lang === 'ar' });
  return new Footer({
    children: [
      docxParagraph(
        [
          docxRun(`${words[0]} `, lang, style),
          field(PageNumber.CURRENT),
          docxRun(` ${words[1]} `, lang, style),
          field(PageNumber.TOTAL_PAGES),
        ],
        lang,
        { align: 'center' },
      ),
    ],
  });
}

/** An A4 sheet in twentieths of a point, upright. */
const A4_SHEET = { short: 11_906, long: 16_838 } as const;

/**
 * One A4 section of a paper: upright or turned (docx turns the page itself
 * from its upright size), the same margin all round, the page numbers below.
 */
export function a4Section(options: {
  lang: DocLang;
  children: SectionChild[];
  margin: number;
  landscape?: boolean;
}): ISectionOptions {
  const { margin } = options;
  return {
    properties: {
      page: {
        size: {
          width: A4_SHEET.short,
          height: A4_SHEET.long,
          orientation: options.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: margin, bottom: margin, left: margin, right: margin, header: 500, footer: 500 },
      },
    },
    footers: { default: pageNumberFooter(options.lang) },
    children: options.children,
  };
}
