/**
 * .xlsx packages of a table of cells, written by hand as package XML (see
 * hand-written-xlsx.ts): a producer independent of the reader under test and
 * of exceljs, for the layouts real lists have (merges, hidden rows and
 * columns, inline strings, a workbook where Excel would not put it).
 */
import JSZip from 'jszip';
import { type HandSheet, handWrittenParts } from './hand-written-xlsx';
import { xmlEscape } from './libreoffice';

export type CellValue = string | number | null;

export interface SheetSpec {
  name: string;
  rows: CellValue[][];
  /** "A2:A5" */
  merges?: string[];
  /** 1-based, as Excel numbers them. */
  hiddenRows?: number[];
  /** 1-based. */
  hiddenColumns?: number[];
  /** Strings written in the cell (inlineStr) rather than shared. */
  inlineStrings?: boolean;
  /** A cell written as given, by its reference ("B2"): the XML after `<c r="B2"`, a formula with its cached result. */
  rawCells?: Record<string, string>;
}

export interface PackageSpec {
  sheets: SheetSpec[];
  /** Where the workbook part is; the package's relationships say so. Default xl/workbook.xml. */
  workbookPath?: string;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function sheetData(sheet: SheetSpec, shared: Map<string, number>): string {
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  return sheet.rows
    .map((cells, r) => {
      const number = r + 1;
      const xml = cells
        .map((value, c) => {
          const ref = `${columnLetters(c)}${number}`;
          const raw = sheet.rawCells?.[ref];
          if (raw !== undefined) return `<c r="${ref}"${raw}</c>`;
          if (value === null || value === '') return '';
          if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
          if (sheet.inlineStrings) {
            return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(value)}</t></is></c>`;
          }
          let index = shared.get(value);
          if (index === undefined) {
            index = shared.size;
            shared.set(value, index);
          }
          return `<c r="${ref}" t="s"><v>${index}</v></c>`;
        })
        .join('');
      return `<row r="${number}"${hiddenRows.has(number) ? ' hidden="1"' : ''}>${xml}</row>`;
    })
    .join('');
}

/** The package's parts, by name, as text: change one before zipping to write what no program would. */
export function packageParts(spec: PackageSpec): Record<string, string> {
  const workbookPath = spec.workbookPath ?? 'xl/workbook.xml';
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const shared = new Map<string, number>();
  const sheets: HandSheet[] = spec.sheets.map((sheet, i) => ({
    name: sheet.name,
    path: `${folder}worksheets/sheet${i + 1}.xml`,
    sheetData: sheetData(sheet, shared),
    columns: (sheet.hiddenColumns ?? []).map((c) => `<col min="${c}" max="${c}" width="0" hidden="1"/>`).join(''),
    merges: sheet.merges,
  }));
  const parts = handWrittenParts({ workbookPath, sheets, sharedStrings: [...shared.keys()] });
  return Object.fromEntries(parts.map((part) => [part.name, part.data]));
}

/** Zips parts as they are (JSZip: not the reader's zip library), a changed one included. */
export function zipParts(parts: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content, { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'nodebuffer' });
}

export function xlsxPackage(spec: PackageSpec): Promise<Buffer> {
  return zipParts(packageParts(spec));
}
