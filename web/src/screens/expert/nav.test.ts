import { describe, expect, it } from 'vitest';
import { filterRows, keyToCommand, navReducer, previousNote, type NavState } from './nav';
import type { RequirementRow } from '../../engine/live';

const s = (visible: string[], cursor: number): NavState => ({ visible, cursor });

describe('navReducer', () => {
  it('moves and clamps at both ends', () => {
    expect(navReducer(s(['a', 'b', 'c'], 0), { type: 'move', delta: 1 }).cursor).toBe(1);
    expect(navReducer(s(['a', 'b', 'c'], 2), { type: 'move', delta: 1 }).cursor).toBe(2);
    expect(navReducer(s(['a', 'b', 'c'], 0), { type: 'move', delta: -1 }).cursor).toBe(0);
    expect(navReducer(s(['a', 'b', 'c'], 1), { type: 'move', delta: 10 }).cursor).toBe(2);
    expect(navReducer(s(['a', 'b', 'c'], 1), { type: 'first' }).cursor).toBe(0);
    expect(navReducer(s(['a', 'b', 'c'], 1), { type: 'last' }).cursor).toBe(2);
    expect(navReducer(s(['a', 'b', 'c'], 1), { type: 'goto', index: 7 }).cursor).toBe(2);
  });
  it('has no cursor on an empty list, and gets one back', () => {
    const empty = navReducer(s(['a'], 0), { type: 'setVisible', visible: [] });
    expect(empty.cursor).toBe(-1);
    expect(navReducer(empty, { type: 'move', delta: 1 }).cursor).toBe(-1);
    expect(navReducer(empty, { type: 'setVisible', visible: ['x', 'y'] }).cursor).toBe(0);
  });
  it('keeps the same requirement when the filter changes', () => {
    const next = navReducer(s(['a', 'b', 'c', 'd'], 2), { type: 'setVisible', visible: ['c', 'd'] });
    expect(next).toEqual({ visible: ['c', 'd'], cursor: 0 });
  });
  it('stays near the old position when the current requirement is filtered out', () => {
    expect(navReducer(s(['a', 'b', 'c', 'd'], 3), { type: 'setVisible', visible: ['a', 'b'] }).cursor).toBe(
      1,
    );
    expect(
      navReducer(s(['a', 'b', 'c', 'd'], 1), { type: 'setVisible', visible: ['a', 'c', 'd'] }).cursor,
    ).toBe(1);
  });
});

describe('keyToCommand', () => {
  const k = (key: string, extra: Partial<Parameters<typeof keyToCommand>[0]> = {}) =>
    keyToCommand({ key, inTextField: false, ...extra });
  it('maps 1–4 to the Table 2 grades', () => {
    expect(k('1')).toEqual({ type: 'grade', value: '1' });
    expect(k('2')).toEqual({ type: 'grade', value: '0.8' });
    expect(k('3')).toEqual({ type: 'grade', value: '0.5' });
    expect(k('4')).toEqual({ type: 'grade', value: '0' });
    expect(k('5')).toBeNull();
  });
  it('maps j/k and arrows to moves, / to the filter', () => {
    expect(k('j')).toEqual({ type: 'move', delta: 1 });
    expect(k('ArrowDown')).toEqual({ type: 'move', delta: 1 });
    expect(k('k')).toEqual({ type: 'move', delta: -1 });
    expect(k('ArrowUp')).toEqual({ type: 'move', delta: -1 });
    expect(k('/')).toEqual({ type: 'focusFilter' });
    expect(k('r')).toEqual({ type: 'focusNote' });
  });
  it('leaves typing alone: only Escape works inside text fields', () => {
    expect(k('1', { inTextField: true })).toBeNull();
    expect(k('j', { inTextField: true })).toBeNull();
    expect(k('/', { inTextField: true })).toBeNull();
    expect(k('Escape', { inTextField: true })).toEqual({ type: 'blur' });
  });
  it('ignores modified keys (browser shortcuts)', () => {
    expect(k('1', { ctrlKey: true })).toBeNull();
    expect(k('k', { metaKey: true })).toBeNull();
    expect(k('j', { altKey: true })).toBeNull();
  });
});

describe('filterRows', () => {
  const row = (id: string, text: string, level: 'S1' | 'S2', unitName = '组织建设'): RequirementRow => ({
    index: 0,
    id,
    seq: 1,
    text,
    examples: [],
    level,
    domainId: 'organization',
    domainName: '组织',
    domainNameEn: 'Organization',
    unitId: 'organization-building',
    unitName,
  });
  const rows = [
    row('common.a.S1.1', '设立数字化转型领导小组', 'S1'),
    row('common.a.S2.1', '设置数字化岗位', 'S2'),
    row('smelting.b.S1.1', '能源计量', 'S1', '能源管理'),
  ];
  it('matches text, id and sub-domain, case-insensitively', () => {
    expect(filterRows(rows, '领导小组', 'all', () => false)).toEqual(['common.a.S1.1']);
    expect(filterRows(rows, 'SMELTING', 'all', () => false)).toEqual(['smelting.b.S1.1']);
    expect(filterRows(rows, '能源管理', 'all', () => false)).toEqual(['smelting.b.S1.1']);
    expect(filterRows(rows, '  ', 'all', () => false)).toHaveLength(3);
  });
  it('filters by scored state and level', () => {
    const scored = (id: string) => id === 'common.a.S2.1';
    expect(filterRows(rows, '', 'scored', scored)).toEqual(['common.a.S2.1']);
    expect(filterRows(rows, '', 'unscored', scored)).toEqual(['common.a.S1.1', 'smelting.b.S1.1']);
    expect(filterRows(rows, '', 'all', scored, 'S1')).toEqual(['common.a.S1.1', 'smelting.b.S1.1']);
  });
});

describe('同上 (same as above)', () => {
  it('takes the nearest rationale before the cursor in the shown order, skipping blank ones', () => {
    const notes: Record<string, string> = { a: '查阅文件', b: '', c: '  ', d: '现场演示' };
    const noteOf = (id: string) => notes[id] ?? '';
    expect(previousNote(['a', 'b', 'c', 'd', 'e'], 3, noteOf)).toBe('查阅文件');
    expect(previousNote(['a', 'b', 'c', 'd', 'e'], 4, noteOf)).toBe('现场演示');
    expect(previousNote(['a', 'b'], 0, noteOf)).toBe('');
    expect(previousNote(['b', 'c', 'x'], 2, noteOf)).toBe('');
  });
});
