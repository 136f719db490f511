import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProperty } from '../testing/fast-check.js';
import { LEVEL_CODES, type LevelCode } from '../model/types.js';
import { Rational } from '../exact/rational.js';
import { evaluate, indexInput } from './evaluate.js';
import { fixture, type FixtureUnit } from './fixtures.test-util.js';
import { minimalImprovementSet, planImprovements } from './plan.js';
import type { GradeKey, PlanningInput } from './types.js';

const R = (s: string): Rational => Rational.parse(s);

/** 1 domain, two units of weight ½, two requirements per cell: each requirement moves its level by ¼ per point. */
function handExample(): PlanningInput {
  return fixture([
    {
      id: 'A',
      domainId: 'organization',
      weight: 1,
      cells: {
        S1: ['full', 'full'],
        S2: ['full', 'full'],
        S3: ['none', 'none'],
        S4: ['none', 'none'],
        S5: ['none', 'none'],
      },
    },
    {
      id: 'B',
      domainId: 'digital-production',
      weight: 1,
      cells: {
        S1: ['full', 'mostly'],
        S2: ['partly', 'none'],
        S3: ['none', 'none'],
        S4: ['none', 'none'],
        S5: ['none', 'none'],
      },
    },
  ]);
}

describe('evaluate', () => {
  it('computes level scores, met flags, total and conclusion exactly', () => {
    const s = evaluate(indexInput(handExample()));
    expect(s.levels.map((l) => l.score.toFractionString())).toEqual(['19/20', '5/8', '0', '0', '0']);
    expect(s.levels.map((l) => l.met)).toEqual([true, false, false, false, false]);
    expect(s.total.toFractionString()).toBe('13/8'); // 1 + 0.625
    expect(s.conclusion).toBe(1);
  });
});

describe('planImprovements on a hand-computed example', () => {
  const plan = planImprovements(handExample());

  it('plans for the next level and the one after', () => {
    expect(plan.before.total.eq(R('1.625'))).toBe(true);
    expect(plan.targets.map((t) => [t.level, t.name])).toEqual([
      [2, '场景级'],
      [3, '领域级'],
    ]);
  });

  it('uses the jump at 0.8: one S2 requirement (raw gain ¼) lifts the total by ⅜ to 2', () => {
    const t = plan.targets[0]!;
    expect(t.reachable).toBe(true);
    // Raising an S3 requirement also gains ¼ and reaches 1.875 ≥ 1.8, but the planner prefers the larger total.
    expect(t.steps.map((s) => s.requirementId)).toEqual(['B.S2.2']);
    const step = t.steps[0]!;
    expect(step.gain.eq(R('0.25'))).toBe(true);
    expect(step.totalDelta.eq(R('0.375'))).toBe(true);
    expect(step.after.total.eq(R('2'))).toBe(true);
    expect(step.after.levels[1]!.score.eq(R('0.875'))).toBe(true);
    expect(step.after.levels[1]!.met).toBe(true);
    expect(step.after.conclusion).toBe(2);
    // 大部分满足 would give S2 = 0.825 ≥ 0.8 as well; 部分满足 only 0.75.
    expect(step.sufficientGrade).toBe('mostly');
    expect(step.scenarioId).toBe('production');
    expect(t.byScenario.map((g) => [g.id, g.stepCount])).toEqual([['production', 1]]);
  });

  it('needs five steps for 三级: S2 met (1) and S3 from 0 to 1 (4; three give only 0.75)', () => {
    const t = plan.targets[1]!;
    expect(t.steps).toHaveLength(5);
    expect(t.after.total.eq(R('3'))).toBe(true);
    expect(t.after.conclusion).toBe(3);
    expect(t.byLevel.map((g) => [g.id, g.stepCount])).toEqual([
      ['S2', 1],
      ['S3', 4],
    ]);
    // Cumulative snapshots are consistent with the step deltas.
    let total = t.before.total;
    for (const s of t.steps) {
      total = total.add(s.totalDelta);
      expect(s.after.total.eq(total)).toBe(true);
    }
    // Ranked by gain (all ¼ here), then level.
    expect(t.steps.map((s) => s.level)).toEqual(['S2', 'S3', 'S3', 'S3', 'S3']);
  });

  it('groups by scenario: management (组织) and production (数字化生产)', () => {
    const t = plan.targets[1]!;
    const ids = t.byScenario.map((g) => g.id);
    expect(ids.every((id) => ['management', 'production'].includes(id))).toBe(true);
    expect(t.byScenario.reduce((a, g) => a + g.stepCount, 0)).toBe(5);
    expect(plan.scenarios.map((s) => [s.id, s.weight.toFractionString()])).toEqual([
      ['production', '1/2'],
      ['management', '1/2'],
    ]);
    expect(plan.scenarios[0]!.score.S2.toFractionString()).toBe('1/4');
  });
});

describe('targets', () => {
  it('plans nothing at 五级 and reports an unreachable target', () => {
    const all = (g: GradeKey): FixtureUnit['cells'] => Object.fromEntries(LEVEL_CODES.map((l) => [l, [g]]));
    expect(
      planImprovements(fixture([{ id: 'A', domainId: 'data', weight: 1, cells: all('full') }])).targets,
    ).toEqual([]);
    // The only unit has no S5 requirement: S5 stays 0, so the total is at most 4 (四级, not 五级).
    const p = planImprovements(
      fixture([
        {
          id: 'A',
          domainId: 'data',
          weight: 1,
          cells: { S1: ['full'], S2: ['full'], S3: ['full'], S4: ['none'] },
        },
      ]),
    );
    expect(p.before.conclusion).toBe(3);
    expect(p.targets.map((t) => [t.level, t.reachable, t.steps.length])).toEqual([
      [4, true, 1],
      [5, false, 0],
    ]);
  });

  it('respects gating: a met S3 does not count while S2 is unmet', () => {
    // S1 = 1 (met), S2 = 0.5 (unmet), S3 = (1 + 0.8) / 2 = 0.9 (met by threshold), S4 = S5 = 0.
    const cells: FixtureUnit['cells'] = {
      S1: ['full'],
      S2: ['partly'],
      S3: ['full', 'mostly'],
      S4: ['none'],
      S5: ['none'],
    };
    const open = evaluate(indexInput(fixture([{ id: 'A', domainId: 'data', weight: 1, cells }])));
    const gated = evaluate(
      indexInput(fixture([{ id: 'A', domainId: 'data', weight: 1, cells }], { gating: true })),
    );
    // Without gating S3 counts as 1: S = 1 + 0.5 + 1; with gating it adds only its L: S = 1 + 0.5 + 0.9.
    expect(open.total.toFractionString()).toBe('5/2');
    expect(gated.total.toFractionString()).toBe('12/5');
    expect(open.levels[2]!.met).toBe(true);
    expect(gated.levels[2]!.met).toBe(false);
    expect(gated.levels[2]!.thresholdMet).toBe(true);
  });

  it('respects the greater-than comparison at exactly 0.8', () => {
    const cells: FixtureUnit['cells'] = { S1: ['mostly'] };
    const atLeast = evaluate(indexInput(fixture([{ id: 'A', domainId: 'data', weight: 1, cells }])));
    const gt = evaluate(
      indexInput(fixture([{ id: 'A', domainId: 'data', weight: 1, cells }], { comparison: 'greater-than' })),
    );
    expect(atLeast.levels[0]!.met).toBe(true);
    expect(gt.levels[0]!.met).toBe(false);
  });
});

// ---------- Minimality against brute force ----------

const gradeArb = fc.constantFrom<GradeKey>('full', 'mostly', 'partly', 'none');
const domainArb = fc.constantFrom('organization', 'digital-production', 'technology', 'digital-outcomes');

function unitsArb(maxReqs: number): fc.Arbitrary<FixtureUnit[]> {
  const cellsArb = fc.record(
    Object.fromEntries(
      LEVEL_CODES.map((l) => [l, fc.array(gradeArb, { minLength: 0, maxLength: 3 })]),
    ) as Record<LevelCode, fc.Arbitrary<GradeKey[]>>,
  );
  return fc
    .array(fc.record({ domainId: domainArb, weight: fc.integer({ min: 1, max: 9 }), cells: cellsArb }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((us) => us.map((u, i) => ({ ...u, id: `U${i}` })))
    .filter((us) => {
      const n = us.flatMap((u) => Object.values(u.cells).flat()).filter((g) => g !== 'full').length;
      return n >= 1 && n <= maxReqs;
    });
}

const policyArb = fc.record({
  gating: fc.boolean(),
  comparison: fc.constantFrom<'at-least' | 'greater-than'>('at-least', 'greater-than'),
  threshold: fc.constantFrom('0.8', '0.6', '1'),
});

/** Brute force over subsets raised to full: min size, and the max total among the sets of that size. */
function bruteForce(
  input: PlanningInput,
  target: Rational,
): { size: number; bestTotal: Rational } | undefined {
  const ix = indexInput(input);
  const cands = input.requirements.filter((r) => r.grade !== 'full');
  let best: { size: number; bestTotal: Rational } | undefined;
  for (let mask = 0; mask < 1 << cands.length; mask++) {
    const size = popcount(mask);
    if (best && size > best.size) continue;
    const o = new Map<string, GradeKey>();
    cands.forEach((c, i) => {
      if (mask & (1 << i)) o.set(c.id, 'full');
    });
    const s = evaluate(ix, o);
    if (s.total.lt(target)) continue;
    if (!best || size < best.size || s.total.gt(best.bestTotal)) best = { size, bestTotal: s.total };
  }
  return best;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

describe('minimality (fast-check against brute force)', () => {
  it('finds a set of minimal size with the largest total among those, for every target level', () => {
    assertProperty(
      fc.property(unitsArb(11), policyArb, (units, policy) => {
        const input = fixture(units, policy);
        const ix = indexInput(input);
        for (const band of [0.8, 1.8, 2.8, 3.8, 4.8].map((x) => R(String(x)))) {
          const dp = minimalImprovementSet(ix, band);
          const bf = bruteForce(input, band);
          if (!bf) {
            expect(dp).toBeUndefined();
            continue;
          }
          expect(dp).toBeDefined();
          expect(dp!.length).toBe(bf.size);
          const after = evaluate(ix, new Map(dp!.map((r) => [r.id, 'full' as const])));
          expect(after.total.ge(band)).toBe(true);
          expect(after.total.eq(bf.bestTotal)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('intermediate grades never make the set smaller (all grade assignments, tiny fixtures)', () => {
    assertProperty(
      fc.property(unitsArb(6), policyArb, (units, policy) => {
        const input = fixture(units, policy);
        const ix = indexInput(input);
        const cands = input.requirements.filter((r) => r.grade !== 'full');
        const order: GradeKey[] = ['none', 'partly', 'mostly', 'full'];
        for (const band of [1.8, 2.8, 3.8].map((x) => R(String(x)))) {
          let min = Infinity;
          // Enumerate every assignment of a grade ≥ the current one to each candidate.
          const choices = cands.map((c) => order.slice(order.indexOf(c.grade)));
          const idx = new Array<number>(cands.length).fill(0);
          for (;;) {
            const o = new Map<string, GradeKey>();
            let changed = 0;
            cands.forEach((c, i) => {
              if (idx[i]! > 0) {
                o.set(c.id, choices[i]![idx[i]!]!);
                changed++;
              }
            });
            if (changed < min && evaluate(ix, o).total.ge(band)) min = changed;
            let i = 0;
            while (i < idx.length && ++idx[i]! >= choices[i]!.length) idx[i++] = 0;
            if (i === idx.length) break;
          }
          const dp = minimalImprovementSet(ix, band);
          expect(dp?.length ?? Infinity).toBe(min);
        }
      }),
      { numRuns: 60 },
    );
  });
});
