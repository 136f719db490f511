import { describe, expect, it } from 'vitest';
import { cellLines, cellText, cellTextLine, groupRows, isTabLed, parseCells } from './cells.js';
import { toLines } from './text.js';

const SAMPLE = [
  '表1 标题',
  '\t组织',
  '\t组织建设',
  '1.第一；',
  '',
  '2.第二。',
  '\t',
  '',
  '',
  '数字化生产',
  ' \t序号',
].join('\n');

describe('cells', () => {
  it('recognizes TAB-led lines, also with spaces before the TAB', () => {
    expect(isTabLed('\t组织')).toBe(true);
    expect(isTabLed(' \t序号')).toBe(true);
    expect(isTabLed('1.\t建立')).toBe(false);
    expect(isTabLed('组织')).toBe(false);
  });

  it('opens a cell on each TAB-led line and appends the following lines, blank ones included', () => {
    const { before, cells } = parseCells(toLines(SAMPLE));
    expect(before).toEqual([{ line: 1, text: '表1 标题' }]);
    expect(cells.map((c) => c.line)).toEqual([2, 3, 7, 11]);
    expect(cellText(cells[1]!)).toBe('组织建设1.第一；2.第二。');
    expect(cellLines(cells[1]!).map((l) => l.line)).toEqual([3, 4, 6]);
    // an empty TAB line followed by blank lines and the text: the text is the cell's
    expect(cellText(cells[2]!)).toBe('数字化生产');
    expect(cellTextLine(cells[2]!)).toBe(10);
    expect(cellText(cells[3]!)).toBe('序号');
  });

  it('groups cells into rows and refuses an incomplete row', () => {
    const { cells } = parseCells(toLines(SAMPLE));
    expect(groupRows(cells, 2).map((r) => r.map((c) => c.line))).toEqual([
      [2, 3],
      [7, 11],
    ]);
    expect(() => groupRows(cells, 3)).toThrow(/incomplete row from line 11/);
  });
});
