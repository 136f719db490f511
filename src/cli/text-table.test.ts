import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from './text-table.js';

describe('text tables', () => {
  it('counts Chinese characters and full-width punctuation as two columns', () => {
    expect(displayWidth('组织建设')).toBe(8);
    expect(displayWidth('技术创新（含研发管理）')).toBe(22);
    expect(displayWidth('S1 0.80')).toBe(7);
  });

  it('aligns mixed-width cells and right-aligns numeric columns', () => {
    const out = renderTable(
      ['能力域', 'S1'],
      [
        ['组织', '0.80'],
        ['data', '1.00'],
      ],
    ).split('\n');
    expect(out[0]).toBe('能力域    S1');
    expect(out[2]).toBe('组织    0.80');
    expect(out[3]).toBe('data    1.00');
  });
});
