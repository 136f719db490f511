import { describe, expect, it } from 'vitest';
import { evaluate, indexInput } from './evaluate.js';
import { fixture } from './fixtures.test-util.js';
import { deriveInsights } from './insights.js';

// S1 = 0.2 + 0.3 + 0.5·0.8 = 0.9 (met), S2 = 0.2 + 0.3·0.9 + 0.5·0.25 = 0.595, S3 = 0.2: total 1.795, 一级.
// A is strong (S1–S3 at 1), C is weak at S2 with the largest weight.
const input = fixture([
  {
    id: 'A',
    domainId: 'organization',
    weight: 2,
    cells: { S1: ['full'], S2: ['full'], S3: ['full'], S4: ['none'], S5: ['none'] },
  },
  {
    id: 'B',
    domainId: 'technology',
    weight: 3,
    cells: { S1: ['full'], S2: ['mostly', 'full'], S3: ['none'], S4: ['none'], S5: ['none'] },
  },
  {
    id: 'C',
    domainId: 'digital-production',
    weight: 5,
    cells: { S1: ['mostly'], S2: ['none', 'partly'], S3: ['none'], S4: ['none'], S5: ['none'] },
  },
]);

describe('deriveInsights', () => {
  const ix = indexInput(input);
  const before = evaluate(ix);
  const ins = deriveInsights(ix);

  it('scores units and domains per level', () => {
    expect(before.total.toFractionString()).toBe('359/200');
    expect(before.conclusion).toBe(1);
    const b = ins.units.find((u) => u.id === 'B')!;
    expect(b.scores.S2.toFractionString()).toBe('9/10');
    expect(b.attained).toBe(2);
    expect(ins.units.find((u) => u.id === 'A')!.attained).toBe(3);
    expect(ins.units.find((u) => u.id === 'C')!.attained).toBe(1);
  });

  it('lists units ahead of the enterprise as strengths, best first, with the numbers', () => {
    expect(ins.strengths.units.map((s) => s.entity.id)).toEqual(['A', 'B']);
    expect(ins.strengths.units[0]!.reason).toContain('S1–S3');
    expect(ins.strengths.units[0]!.reason).toContain('S4 已得 0.00');
    expect(ins.strengths.domains.map((s) => s.entity.name)).toEqual(['组织', '技术']);
  });

  it('lists the units below the threshold at S2 and S3 by weighted shortfall', () => {
    const w = ins.weaknesses.units.map((x) => `${x.entity.id}@${x.level}:${x.shortfall.toFractionString()}`);
    // S2: only C fails (score ¼, shortfall ½·¾ = 3/8). S3: C (½·1), B (3/10·1); A passes.
    expect(w).toEqual(['C@S2:3/8', 'C@S3:1/2', 'B@S3:3/10']);
    expect(ins.weaknesses.units[0]!.reason).toContain('S2 得分 0.25');
  });
});
