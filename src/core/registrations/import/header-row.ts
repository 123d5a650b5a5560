/**
 * Finding the header row of a registrants' sheet.
 *
 * Exists because the header is rarely the first row: sheets made for printing
 * start with a title ("كشف المسجلين في منتدى ..." merged across the page), a
 * logo row, a date line, or a row of group headings ("البيانات الشخصية",
 * "بيانات التواصل") above the real one.
 */
import { matchHeader } from './column-mapping';
import { cleanText } from './normalise';

/** Points per cell: a known header, a header that contains a known one, other text, a value. */
const SCORE = { exact: 10, partial: 4, text: 1, value: -3 } as const;

/**
 * The index of the header row among the first `maxScan` rows, or null when no
 * row can be one (all empty). Each row scores by its distinct non-empty cells:
 * a cell that is a known header (الاسم، Email ...) counts most, one that contains
 * a known header (a form question) less, other text a little, and a cell that
 * looks like a value (an e-mail, a phone number, a date, a number) counts
 * against. Rows with fewer than two distinct cells (a merged title, a logo row,
 * a row repeating one merged value) are skipped, unless the sheet has one
 * column only. The highest score wins; the earliest on a tie.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], maxScan = 30): number | null {
  const scanned = rows.slice(0, Math.max(0, maxScan)).map(distinctCells);
  const widest = Math.max(0, ...scanned.map((cells) => cells.length));
  if (widest === 0) return null;
  const fewest = widest >= 2 ? 2 : 1;

  let best: number | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [index, cells] of scanned.entries()) {
    if (cells.length < fewest) continue;
    const score = cells.reduce((sum, cell) => sum + cellScore(cell), 0);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

function distinctCells(row: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of row) {
    const cell = cleanText(typeof raw === 'string' ? raw : '');
    if (cell !== '' && !seen.has(cell.toLowerCase())) seen.set(cell.toLowerCase(), cell);
  }
  return [...seen.values()];
}

function cellScore(cell: string): number {
  if (looksLikeValue(cell)) return SCORE.value;
  const match = matchHeader(cell);
  if (!match) return SCORE.text;
  return match.exact ? SCORE.exact : SCORE.partial;
}

/** An e-mail address, or digits with phone/date/number punctuation only ("0551234567", "2024/05/01", "12.5"). */
function looksLikeValue(cell: string): boolean {
  return cell.includes('@') || /^[+(]?\d[\d\s+\-().,/:]*$/.test(cell);
}
