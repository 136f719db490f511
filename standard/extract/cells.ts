/**
 * Table structure of the seed: tables are flattened, one cell per TAB-led line; a cell's further
 * lines follow without a TAB. Blank lines are not reliable row separators (they also occur inside
 * cells), so rows are rebuilt by counting cells.
 */
import { clean, type SeedLine } from './text.js';

/** A table cell: the TAB-led line and its continuation lines (blank ones included). */
export interface Cell {
  /** Line of the TAB-led line that opens the cell. */
  line: number;
  /** The opening line without its leading TAB, then the continuation lines as they are. */
  parts: SeedLine[];
}

/** A line is TAB-led when its first non-space character is a TAB (line 606 has a space before it). */
export function isTabLed(text: string): boolean {
  return /^[ \u3000]*\t/.test(text);
}

/** Splits a range of seed lines into cells. Lines before the first TAB-led line are returned apart. */
export function parseCells(lines: readonly SeedLine[]): { before: SeedLine[]; cells: Cell[] } {
  const before: SeedLine[] = [];
  const cells: Cell[] = [];
  for (const l of lines) {
    if (isTabLed(l.text)) {
      cells.push({ line: l.line, parts: [{ line: l.line, text: l.text.replace(/^[ \u3000]*\t/, '') }] });
    } else if (cells.length === 0) {
      before.push(l);
    } else {
      cells[cells.length - 1]!.parts.push(l);
    }
  }
  return { before, cells };
}

/** The cell's non-empty lines, cleaned (bookmarks removed, trimmed). */
export function cellLines(cell: Cell): SeedLine[] {
  return cell.parts.map((p) => ({ line: p.line, text: clean(p.text) })).filter((p) => p.text !== '');
}

/** The cell's text: its non-empty lines joined without separator (labels, names, numbers). */
export function cellText(cell: Cell): string {
  return cellLines(cell)
    .map((p) => p.text)
    .join('');
}

/** The line where the cell's text stands (first non-empty line), or the opening line for an empty cell. */
export function cellTextLine(cell: Cell): number {
  return cellLines(cell)[0]?.line ?? cell.line;
}

/** Groups cells into rows of `width` cells; throws when the count does not divide. */
export function groupRows(cells: readonly Cell[], width: number): Cell[][] {
  if (cells.length % width !== 0) {
    const at = cells[cells.length - (cells.length % width)]!.line;
    throw new Error(`${cells.length} cells do not make rows of ${width} (incomplete row from line ${at})`);
  }
  const rows: Cell[][] = [];
  for (let i = 0; i < cells.length; i += width) rows.push(cells.slice(i, i + width));
  return rows;
}
