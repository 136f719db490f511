import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { INDUSTRIES, LEVEL_CODES } from '../model/types.js';
import { compileScoring, randomAssessment, score, seededRng } from '../scoring/index.js';
import { Rational } from '../exact/rational.js';
import { gradeKeyOf, planningInputFromAssessment } from './build.js';
import { evaluate, indexInput } from './evaluate.js';
import { deriveInsights } from './insights.js';
import { planImprovements } from './plan.js';
import { SCENARIOS } from './scenarios.js';

const model = loadModel('nfm-dtmm-2024-draft');
const exact = (e: { num: number; den: number }): Rational => Rational.of(e.num, e.den);

describe('planner on the real standard', () => {
  it('maps every Table 1 domain to exactly one scenario', () => {
    for (const d of model.domains) {
      expect(SCENARIOS.filter((s) => s.domainIds.includes(d.id)).map((s) => s.id)).toHaveLength(1);
    }
  });

  it('reads grades as numbers, score strings, keys and labels', () => {
    expect(
      ['1', 0.8, '0.50', 'none', '大部分满足', 'Fully met'].map((v) => gradeKeyOf(model.satisfaction, v)),
    ).toEqual(['full', 'mostly', 'partly', 'none', 'mostly', 'full']);
    expect(gradeKeyOf(model.satisfaction, '大部份满足')).toBeUndefined();
    expect(gradeKeyOf(model.satisfaction, 0.7)).toBeUndefined();
  });

  for (const industry of INDUSTRIES) {
    it(`${industry}: evaluates like the scoring engine, and each plan reaches its target`, () => {
      const compiled = compileScoring(model, industry);
      const rng = seededRng(industry.length * 7919);
      let dropsChecked = 0;
      for (let run = 0; run < 6; run++) {
        // Skew the grades so that conclusions vary between runs.
        const base = randomAssessment(compiled, rng);
        const input = Object.fromEntries(
          Object.entries(base).map(([id, v]) => [id, rng() < run / 6 ? 1 : v] as const),
        );
        const res = score(compiled, input);
        const pin = planningInputFromAssessment(compiled, input);
        const ix = indexInput(pin);
        const snap = evaluate(ix);
        LEVEL_CODES.forEach((l, i) => {
          expect(snap.levels[i]!.score.eq(exact(res.levels[i]!.score))).toBe(true);
          expect(snap.levels[i]!.met).toBe(res.levels[i]!.counted);
        });
        expect(snap.total.eq(exact(res.total))).toBe(true);
        expect(snap.conclusion).toBe(res.conclusion.level);

        const plan = planImprovements(pin); // its time per industry: `npm run bench`
        for (const t of plan.targets) {
          expect(t.reachable).toBe(true);
          expect(t.after.total.ge(t.min)).toBe(true);
          expect(t.after.conclusion).toBeGreaterThanOrEqual(t.level);
          // The plan applied through the engine gives the same result.
          const improved = { ...input };
          for (const s of t.steps) improved[s.requirementId] = 1;
          const r2 = score(compiled, improved);
          expect(exact(r2.total).eq(t.after.total)).toBe(true);
          // Removing any one step misses the target (minimal w.r.t. inclusion as well): each in turn.
          for (const drop of t.steps) {
            const fewer = { ...improved, [drop.requirementId]: input[drop.requirementId]! };
            const missed = exact(score(compiled, fewer).total);
            expect(missed.lt(t.min), `${industry} S${t.level}: without ${drop.requirementId}`).toBe(true);
            dropsChecked++;
          }
          expect(t.byScenario.reduce((a, g) => a + g.stepCount, 0)).toBe(t.steps.length);
        }
        const ins = deriveInsights(ix);
        for (const u of ins.units) {
          const ru = res.units.find((x) => x.id === u.id)!;
          for (const l of LEVEL_CODES) expect(u.scores[l].eq(exact(ru.levels[l]!))).toBe(true);
        }
        for (const d of ins.domains) {
          const rd = res.domains.find((x) => x.id === d.id)!;
          for (const l of LEVEL_CODES) expect(d.scores[l].eq(exact(rd.levels[l]!))).toBe(true);
        }
      }
      expect(dropsChecked).toBeGreaterThan(0);
    });
  }
});
