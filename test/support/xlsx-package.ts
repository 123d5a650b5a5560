/**
 * .xlsx packages written by hand, part by part, as XML strings zipped with
 * JSZip: a producer independent of the reader under test (and of exceljs),
 * for the layouts real lists have (merges, hidden rows and columns, inline
 * strings, a workbook where Excel would not put it).
 */
import JSZip from 'jszip';

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
  /** Extra XML inside <c> for a cell, by its reference ("B2"): a formula with its cached result. */
  rawCells?: Record<string, string>;
}

export interface PackageSpec {
  sheets: SheetSpec[];
  /** Where the workbook part is; the package's relationships say so. Default xl/workbook.xml. */
  workbookPath?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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

function sheetXml(sheet: SheetSpec, shared: Map<string, number>): string {
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  const rows = sheet.rows.map((cells, r) => {
    const number = r + 1;
    const xml = cells
      .map((value, c) => {
        const ref = `${columnLetters(c)}${number}`;
        const raw = sheet.rawCells?.[ref];
        if (raw !== undefined) return `<c r="${ref}"${raw}</c>`;
        if (value === null || value === '') return '';
        if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
        if (sheet.inlineStrings) {
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
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
  });
  const cols = (sheet.hiddenColumns ?? []).map((c) => `<col min="${c}" max="${c}" width="0" hidden="1"/>`).join('');
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>${merges}</worksheet>`
  );
}

/** The package's parts, by name, as text: change one before zipping to write what no program would. */
export function packageParts(spec: PackageSpec): Record<string, string> {
  const workbookPath = spec.workbookPath ?? 'xl/workbook.xml';
  const directory = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbookName = workbookPath.slice(directory.length);
  const shared = new Map<string, number>();
  const parts: Record<string, string> = {};
  spec.sheets.forEach((sheet, i) => {
    parts[`${directory}worksheets/sheet${i + 1}.xml`] = sheetXml(sheet, shared);
  });
  const sst = [...shared.keys()].map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('');
  parts[`${directory}sharedStrings.xml`] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.size}" uniqueCount="${shared.size}">${sst}</sst>`;
  parts[workbookPath] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    spec.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  parts[`${directory}_rels/${workbookName}.rels`] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    spec.sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
    rel(`rId${spec.sheets.length + 1}`, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>';
  parts['_rels/.rels'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rel('rId1', 'officeDocument', workbookPath) +
    '</Relationships>';
  parts['[Content_Types].xml'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${workbookPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    '</Types>';
  return parts;
}

export async function zipParts(parts: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content, { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'nodebuffer' });
}

export function xlsxPackage(spec: PackageSpec): Promise<Buffer> {
  return zipParts(packageParts(spec));
}
