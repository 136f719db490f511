import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { LEVEL_CODES, type Requirement } from '../../src/model/types.js';
import { buildModel } from './build.js';
import { DISPLAY_CORRECTIONS, displayForm } from './display.js';
import { DEFAULT_SEED } from './extract.js';

const seed = readFileSync(DEFAULT_SEED, 'utf8');
const result = buildModel(seed, basename(DEFAULT_SEED));
const file = JSON.parse(result.files['display-text.json']!) as {
  requirements: Record<
    string,
    { label?: string; display?: string; fixes?: { line: number; find: string; replace: string }[] }
  >;
};
const all: Requirement[] = result.appendices.flatMap((t) =>
  t.rows.flatMap((r) => LEVEL_CODES.flatMap((l) => r.levels[l])),
);
const byId = new Map(all.map((r) => [r.id, r] as const));
const model = loadModel('nfm-dtmm-2024-draft');

describe('display form of the requirements (NOTES.md 7.4)', () => {
  it('covers every requirement, and the exact text stays as in the seed', () => {
    expect(Object.keys(file.requirements)).toEqual(all.map((r) => r.id));
    // The typo of line 754 is still in the exact text.
    expect(all.some((r) => r.text.includes('给岀'))).toBe(true);
  });

  it('7.3: removes every space between two CJK characters, and no other character', () => {
    const cjkSpace =
      /[\p{Script=Han}\u3000-\u303f\uff00-\uffef][ \t\u3000]+[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
    for (const r of all) {
      const d = file.requirements[r.id]!.display ?? r.text;
      expect(cjkSpace.test(d), `${r.id}: ${d}`).toBe(false);
    }
    const plan = byId.get('mining.planning-scheduling.S4.1')!;
    expect(plan.text).toContain('算 法模型');
    expect(file.requirements[plan.id]!.display).toBe(
      '应基于先进排产调度的算法模型，系统自动给出满足多种约束条件的优化排产方案，形成优化的详细生产作业计划；',
    );
  });

  it('7.1: applies every listed correction, each traceable to its seed line', () => {
    for (const c of DISPLAY_CORRECTIONS) {
      const hits = Object.entries(file.requirements).filter(([, e]) =>
        e.fixes?.some((f) => f.line === c.line && f.find === c.find),
      );
      expect(hits.length, `line ${c.line} "${c.find}"`).toBeGreaterThanOrEqual(1);
      for (const [id] of hits) expect(byId.get(id)!.seedLines).toContain(c.line);
    }
  });

  it('replaying the fixes on the exact text gives the display form', () => {
    for (const [id, e] of Object.entries(file.requirements)) {
      if (!e.display) continue;
      let t = byId.get(id)!.text;
      for (const f of e.fixes!) {
        expect(t.includes(f.find), `${id}: ${f.find}`).toBe(true);
        t = t.replace(f.find, f.replace);
      }
      expect(t).toBe(e.display);
    }
  });

  it('6: marks words blanked out in the seed with ＿＿ instead of closing the gap', () => {
    const d = displayForm(
      { text: '应建立与 的安全监测防护、消防系统的信息化集成；', seedLines: [1535] },
      () => '5.\t应建立与 的安全监测防护、消防系统的信息化集成；',
    );
    expect(d.display).toBe('应建立与＿＿的安全监测防护、消防系统的信息化集成；');
  });

  it('5.6: the label is the number printed in the seed, not the position (mining 能源管理 S2: 1, 2, 3, 5)', () => {
    const reqs = model.industries.mining.rows.find((r) => r.id === 'energy-management')!.levels.S2;
    expect(reqs.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(reqs.map((r) => r.label)).toEqual(['1', '2', '3', '5']);
  });

  it('5.1: an unnumbered requirement has no label', () => {
    const unnumbered = model.industries.smelting.rows
      .find((r) => r.id === 'rd-management')!
      .levels.S1.find((r) => r.seedLines[0] === 1063)!;
    expect(unnumbered.label).toBeUndefined();
  });

  it('the loaded model carries the display form and its fixes beside the exact text', () => {
    const r = model.industries.mining.rows
      .find((x) => x.id === 'planning-scheduling')!
      .levels.S4.find((x) => x.seq === 1)!;
    expect(r.text).toContain('给岀');
    expect(r.display).toContain('给出');
    expect(r.displayFixes!.map((f) => f.line)).toContain(754);
  });
});
