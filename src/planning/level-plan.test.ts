import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { INDUSTRIES, LEVEL_CODES, type LevelCode } from '../model/types.js';
import { compileScoring, score } from '../scoring/index.js';
import { randomAssessment, seededRng } from '../scoring/index.js';
import { Rational } from '../exact/rational.js';
import { planningInputFromAssessment } from './build.js';
import { evaluate, indexInput, passes } from './evaluate.js';
import { fixture, type FixtureUnit } from './fixtures.test-util.js';
import {
  attainedLevel,
  cheapestForLevel,
  effortTable,
  FALLBACK_EFFORT,
  planLevelConsistent,
  stepEffort,
} from './level-plan.js';
import type { GradeKey, PlanningInput } from './types.js';

const model = loadModel('nfm-dtmm-2024-draft');
const R = (s: string) => Rational.parse(s);
const ORDER: GradeKey[] = ['none', 'partly', 'mostly', 'full'];

/**
 * The smelter of issue 11, in small: S1 and S2 met, S3 at 0.6 (one unit of weight 1 and five S3 requirements,
 * three at 全部满足, two at 不满足), S4 with a requirement at 全部满足 that a formula plan would prefer.
 */
function smelterLike(): PlanningInput {
  return fixture([
    {
      id: 'A',
      domainId: 'digital-production',
      weight: 1,
      cells: {
        S1: ['full', 'full'],
        S2: ['full', 'mostly'],
        S3: ['full', 'full', 'full', 'none', 'none'],
        S4: ['none', 'none'],
        S5: ['none'],
      },
    },
  ]);
}

describe('level-consistent plan (issue 11 defect 5: to claim level k, levels 1…k are met)', () => {
  it('for 三级 raises S3 (0.6) to the threshold with the cheapest grades, partial where they suffice', () => {
    const plan = planLevelConsistent(smelterLike(), { target: 3 });
    expect(plan.attained).toBe(2);
    expect(plan.targets.map((t) => t.level)).toEqual([3]);
    const s3 = plan.steps.filter((s) => s.level === 'S3');
    expect(plan.steps.every((s) => s.level === 'S3')).toBe(true);
    // Deficit 0.2 = 1/5 of one requirement: 部分满足 (0.5/5 = 0.1) is not enough alone; 大部分满足 (0.16) neither;
    // the cheapest covering set is two requirements to 部分满足 (2 × 4 × 3 = 24 points) → S3 = 0.8 exactly.
    expect(s3.map((s) => s.to)).toEqual(['partly', 'partly']);
    expect(plan.steps.at(-1)!.after.levels[2]!.score.eq(R('0.8'))).toBe(true);
    expect(plan.targets[0]!.effort).toBe(24);
    const after = plan.targets[0]!.after;
    expect(after.levels.slice(0, 3).every((l) => l.thresholdMet)).toBe(true);
    expect(after.conclusion).toBeGreaterThanOrEqual(3);
  });

  it('never raises a requirement of a level above the target (no S5 items for 三级)', () => {
    const plan = planLevelConsistent(smelterLike(), { target: 3 });
    expect(plan.steps.some((s) => s.level === 'S4' || s.level === 'S5')).toBe(false);
  });

  it('nests the targets into terms: 近期 the first level above the attained one, 中期 the next, 远期 the rest', () => {
    const plan = planLevelConsistent(smelterLike());
    expect(plan.target).toBe(5);
    expect(plan.terms.map((t) => [t.id, t.levels])).toEqual([
      ['near', [3]],
      ['mid', [4]],
      ['long', [5]],
    ]);
    expect(plan.steps.map((s) => s.term)).toEqual(
      plan.steps.map((s) => ({ S3: 'near', S4: 'mid', S5: 'long' })[s.level as 'S3' | 'S4' | 'S5']),
    );
    // Cumulative snapshots agree with a fresh evaluation of the steps so far.
    const ix = indexInput(smelterLike());
    const o = new Map<string, GradeKey>();
    for (const s of plan.steps) {
      o.set(s.requirementId, s.to);
      expect(evaluate(ix, o).total.eq(s.after.total)).toBe(true);
    }
  });

  it('a level already met needs no step; a conclusion above the attained level is consolidated first (四级 with S4 unmet)', () => {
    // S1–S3 at 1, S4 at 0.5, S5 at 0.5: total 3 + 0.5 + 0.5 = 4.0 → 四级 by Table 3, but S4 is not met.
    const input = fixture([
      {
        id: 'A',
        domainId: 'data',
        weight: 1,
        cells: { S1: ['full'], S2: ['full'], S3: ['full'], S4: ['partly'], S5: ['partly'] },
      },
    ]);
    const plan = planLevelConsistent(input);
    expect(plan.conclusion).toBe(4);
    expect(plan.attained).toBe(3);
    expect(plan.targets.map((t) => [t.level, t.term])).toEqual([
      [4, 'near'],
      [5, 'mid'],
    ]);
    expect(plan.steps.map((s) => [s.level, s.from, s.to])).toEqual([
      ['S4', 'partly', 'mostly'],
      ['S5', 'partly', 'mostly'],
    ]);
  });

  it('reports an unreachable level (a level with no requirement can never be met)', () => {
    const input = fixture([
      { id: 'A', domainId: 'data', weight: 1, cells: { S1: ['full'], S2: ['none'], S3: ['none'] } },
    ]);
    const plan = planLevelConsistent(input, { target: 5 });
    expect(plan.targets.map((t) => [t.level, t.reachable])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
  });

  it('adapts the efforts to the size of the enterprise where planning-effort.json has factors for it', () => {
    const effort = model.planningEffort!;
    expect(effort).toBeDefined();
    const small = effortTable(effort, { size: 'small' });
    const medium = effortTable(effort, { size: 'medium' });
    expect(small.levelFactor.S5).toBeGreaterThan(medium.levelFactor.S5);
    expect(small.adaptations).toEqual(['size:small']);
    expect(medium.adaptations).toEqual([]);
    expect(effortTable(effort).levelFactor).toEqual(effort.levelFactor);
  });

  it('shows at most the quota of headline measures (7 + 5 + 3) and lists every step in a measure', () => {
    const compiled = compileScoring(model, 'smelting');
    const input = randomAssessment(compiled, seededRng(5));
    const plan = planLevelConsistent(planningInputFromAssessment(compiled, input), {
      effort: model.planningEffort,
    });
    expect(plan.measures.filter((m) => m.headline).length).toBeLessThanOrEqual(15);
    expect(plan.measures.reduce((a, m) => a + m.stepCount, 0)).toBe(plan.steps.length);
  });
});

// ---------- optimality against brute force ----------

const gradeArb = fc.constantFrom<GradeKey>('full', 'mostly', 'partly', 'none');
const domainArb = fc.constantFrom('organization', 'digital-production', 'technology');
const policyArb = fc.record({
  comparison: fc.constantFrom<'at-least' | 'greater-than'>('at-least', 'greater-than'),
  threshold: fc.constantFrom('0.8', '0.6', '1'),
});

function unitsArb(): fc.Arbitrary<FixtureUnit[]> {
  const cells = fc.record(
    Object.fromEntries(
      LEVEL_CODES.map((l) => [l, fc.array(gradeArb, { minLength: 0, maxLength: 3 })]),
    ) as Record<LevelCode, fc.Arbitrary<GradeKey[]>>,
  );
  return fc
    .array(fc.record({ domainId: domainArb, weight: fc.integer({ min: 1, max: 9 }), cells }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((us) => us.map((u, i) => ({ ...u, id: `U${i}` })));
}

/** Brute force for one level: the least effort (and the largest gain at it) over every assignment of grades. */
function bruteForce(input: PlanningInput, level: LevelCode) {
  const ix = indexInput(input);
  const table = effortTable(FALLBACK_EFFORT);
  const reqs = input.requirements.filter((r) => r.level === level && r.grade !== 'full');
  const choices = reqs.map((r) => ORDER.slice(ORDER.indexOf(r.grade)));
  const idx = new Array<number>(reqs.length).fill(0);
  let best: { effort: number; score: Rational } | undefined;
  for (;;) {
    const o = new Map<string, GradeKey>();
    let effort = 0;
    reqs.forEach((r, i) => {
      const g = choices[i]![idx[i]!]!;
      if (g !== r.grade) {
        o.set(r.id, g);
        effort += stepEffort(table, r, r.grade, g);
      }
    });
    const s = evaluate(ix, o).levels[LEVEL_CODES.indexOf(level)]!.score;
    if (
      passes(s, input.policy) &&
      (!best || effort < best.effort || (effort === best.effort && s.gt(best.score)))
    )
      best = { effort, score: s };
    let i = 0;
    while (i < idx.length && ++idx[i]! >= choices[i]!.length) idx[i++] = 0;
    if (i === idx.length) break;
  }
  return best;
}

describe('cheapestForLevel is optimal (fast-check against brute force over every grade assignment)', () => {
  it('finds the least effort that meets the level, and the largest level score among plans of that effort', () => {
    fc.assert(
      fc.property(unitsArb(), policyArb, (units, policy) => {
        const input = fixture(units, { ...policy, gating: false });
        const ix = indexInput(input);
        const table = effortTable(FALLBACK_EFFORT);
        for (const level of LEVEL_CODES) {
          const n = input.requirements.filter((r) => r.level === level && r.grade !== 'full').length;
          if (n > 7) continue;
          const bf = bruteForce(input, level);
          const dp = cheapestForLevel(ix, level, table);
          if (!bf) {
            expect(dp).toBeUndefined();
            continue;
          }
          expect(dp).toBeDefined();
          const effort = dp!.reduce((a, c) => a + c.effort, 0);
          expect(effort).toBe(bf.effort);
          const o = new Map(dp!.map((c) => [c.req.id, c.to] as const));
          const s = evaluate(ix, o).levels[LEVEL_CODES.indexOf(level)]!.score;
          expect(passes(s, input.policy)).toBe(true);
          expect(s.eq(bf.score)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('level-consistent plan on the real standard, re-scored through the engine', () => {
  for (const industry of INDUSTRIES) {
    it(`${industry}: every level up to the target is met after the plan, and the conclusion is at least the target`, () => {
      const compiled = compileScoring(model, industry);
      const rng = seededRng(industry.length * 131);
      for (let run = 0; run < 3; run++) {
        const base = randomAssessment(compiled, rng);
        const input = Object.fromEntries(
          Object.entries(base).map(([id, v]) => [id, rng() < run / 4 ? 1 : v] as const),
        );
        const plan = planLevelConsistent(planningInputFromAssessment(compiled, input), {
          effort: model.planningEffort,
        });
        expect(plan.attained).toBe(attainedLevel(plan.before));
        const value: Record<GradeKey, number> = { full: 1, mostly: 0.8, partly: 0.5, none: 0 };
        const improved: Record<string, number> = { ...input };
        for (const t of plan.targets) {
          if (!t.reachable) break;
          for (const s of plan.steps.filter((x) => LEVEL_CODES.indexOf(x.level) + 1 === t.level))
            improved[s.requirementId] = value[s.to];
          const r = score(compiled, improved);
          for (const l of r.levels.slice(0, t.level))
            expect(l.met, `${industry} ${t.level} ${l.level}`).toBe(true);
          expect(r.conclusion.level).toBeGreaterThanOrEqual(t.level);
          expect(Rational.of(r.total.num, r.total.den).eq(t.after.total)).toBe(true);
        }
      }
    });
  }
});
