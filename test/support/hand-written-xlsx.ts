/**
 * .xlsx packages written by hand: XML strings the test states, zipped (by
 * yazl, through the app's own writeZip), so a fixture can hold what no
 * spreadsheet program writes by default but the format allows, such as a
 * workbook part not at xl/workbook.xml or formulas with inline text.
 */
import { writeZip } from '../../src/core/archive/zip';
import { xmlEscape } from './libreoffice';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

export interface HandSheet {
  name: string;
  /** Where the sheet part is in the archive, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  /** What goes inside <sheetData> (rows and cells as the test writes them). */
  sheetData: string;
  hidden?: boolean;
  /** What goes inside <cols> (hidden columns), when anything does. */
  columns?: string;
  /** Merged ranges ("A2:A5"). */
  merges?: readonly string[];
}

export interface HandWorkbook {
  /** Where the workbook part is; _rels/.rels points at it. */
  workbookPath: string;
  sheets: HandSheet[];
  /** The shared strings, in index order; no sharedStrings part when absent. */
  sharedStrings?: string[];
}

/** A relationship target written absolute, from the package's root ("/xl/..."): right wherever the workbook is. */
function target(part: string): string {
  return `/${part}`;
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A complete .xlsx package of `workbook`. */
export function handWrittenXlsx(workbook: HandWorkbook): Promise<Buffer> {
  return writeZip(handWrittenParts(workbook), new Date(Date.UTC(2026, 0, 1)));
}

/** The package's parts, in order, before they are zipped: a test may change one to write what no program would. */
export function handWrittenParts(workbook: HandWorkbook): { name: string; data: string }[] {
  const { workbookPath, sheets, sharedStrings } = workbook;
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const sharedStringsPath = `${folder}sharedStrings.xml`;
  const overrides = [
    `<Override PartName="/${workbookPath}" ContentType="${CONTENT}.sheet.main+xml"/>`,
    ...sheets.map((sheet) => `<Override PartName="/${sheet.path}" ContentType="${CONTENT}.worksheet+xml"/>`),
    sharedStrings ? `<Override PartName="/${sharedStringsPath}" ContentType="${CONTENT}.sharedStrings+xml"/>` : '',
  ];
  const workbookRels = [
    ...sheets.map(
      (sheet, i) => `<Relationship Id="rIdSheet${i + 1}" Type="${TYPE}/worksheet" Target="${target(sheet.path)}"/>`,
    ),
    sharedStrings
      ? `<Relationship Id="rIdStrings" Type="${TYPE}/sharedStrings" Target="${target(sharedStringsPath)}"/>`
      : '',
  ];
  const entries = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${TYPE}/officeDocument" Target="${workbookPath}"/></Relationships>`,
    },
    {
      name: workbookPath,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets
        .map(
          (sheet, i) =>
            `<sheet name="${xmlEscape(sheet.name)}" sheetId="${i + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rIdSheet${i + 1}"/>`,
        )
        .join('')}</sheets></workbook>`,
    },
    {
      name: relsPathOf(workbookPath),
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}">${workbookRels.join('')}</Relationships>`,
    },
    ...sheets.map((sheet) => ({ name: sheet.path, data: worksheetXml(sheet.sheetData, sheet) })),
    ...(sharedStrings
      ? [
          {
            name: sharedStringsPath,
            data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings
              .map((text) => `<si><t xml:space="preserve">${xmlEscape(text)}</t></si>`)
              .join('')}</sst>`,
          },
        ]
      : []),
  ];
  return entries;
}

export function worksheetXml(sheetData: string, layout: Pick<HandSheet, 'columns' | 'merges'> = {}): string {
  const columns = layout.columns ? `<cols>${layout.columns}</cols>` : '';
  const merges = layout.merges?.length
    ? `<mergeCells count="${layout.merges.length}">${layout.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${columns}<sheetData>${sheetData}</sheetData>${merges}</worksheet>`;
}

/** An inline-string cell: <c t="inlineStr"><is><t>text</t></is></c>. */
export function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

/** A row of cells written by `cells` (already XML). */
export function rowXml(rowNumber: number, cells: readonly string[]): string {
  return `<row r="${rowNumber}">${cells.join('')}</row>`;
}

/**
 * How many of the 16 KiB boundaries of `xml`'s UTF-8 bytes fall inside a
 * character (on a continuation byte): each is a cell a reader that decodes
 * chunk by chunk corrupts. A fixture meant to catch that must have some.
 */
export function boundariesInsideCharacters(xml: string, chunk = 16 * 1024): number {
  const bytes = Buffer.from(xml, 'utf8');
  let inside = 0;
  for (let at = chunk; at < bytes.length; at += chunk) {
    if (((bytes[at] ?? 0) & 0xc0) === 0x80) inside++;
  }
  return inside;
}
