/**
 * A sheet of a registrants' file as the reader hands it to the preview: the
 * cell texts as Excel or LibreOffice shows them, and what the sheet says of
 * its layout (merged ranges, hidden rows and columns). The reader reports the
 * layout and changes no cell: what a merged range or a hidden row means for
 * an import is the preview's call.
 */

/** A rectangle of cells, 0-based and inclusive, as a merged range is written. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetTable {
  /** The sheet's name; for a CSV, the file name without its extension. */
  name: string;
  /**
   * The cell texts: `rows[i]` is Excel row i + 1 (blank rows are kept, as `[]`);
   * trailing empty cells are trimmed; the sheet ends at its last row with text.
   */
  rows: string[][];
  /** Merged ranges; only the top-left cell of each holds the value, as in the file. */
  merges: CellRange[];
  /** Rows (0-based) hidden by hand or by a filter. */
  hiddenRows: ReadonlySet<number>;
  /** Columns (0-based) hidden by hand. */
  hiddenColumns: ReadonlySet<number>;
}

/** A sheet with no layout of its own: a CSV's, or one a test writes. */
export function plainSheet(name: string, rows: string[][]): SheetTable {
  return { name, rows, merges: [], hiddenRows: new Set(), hiddenColumns: new Set() };
}
