import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { INDUSTRIES, LEVEL_CODES } from '../model/types.js';
import { allRequirementIds, compileScoring, score, scoreDense } from './index.js';
import { ScoringError } from './errors.js';
import { randomAssessment, seededRng, toDense } from './random.js';
import { Rational } from '../exact/rational.js';
import { referenceScore } from './reference.js';

const model = loadModel('nfm-dtmm-2024-draft');

describe('scoring the real model (nfm-dtmm-2024-draft)', () => {
  for (const industry of INDUSTRIES) {
    describe(industry, () => {
      const c = compileScoring(model, industry);
      const ids = allRequirementIds(c);

      it('the scoring units hold every requirement of Appendix A and of this industry’s Appendix B, once', () => {
        const expected = [model.common, model.industries[industry]].flatMap((t) =>
          t.rows.flatMap((r) => LEVEL_CODES.flatMap((code) => r.levels[code].map((q) => q.id))),
        );
        expect([...ids].sort()).toEqual([...expected].sort());
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('all requirements fully met → S = 5 五级 生态级; none → S = 0 未达一级', () => {
        const top = score(c, Object.fromEntries(ids.map((id) => [id, '全部满足'])));
        expect([top.total.num, top.total.den, top.conclusion.name]).toEqual([5, 1, '生态级']);
        const none = scoreDense(c, new Int8Array(ids.length));
        expect([none.total.num, none.conclusion.level, none.conclusion.name]).toEqual([0, 0, '未达一级']);
      });

      it('every level at “mostly” (0.8) is met exactly: S = 5', () => {
        const r = scoreDense(c, new Int8Array(ids.length).fill(8));
        expect(r.levels.map((l) => `${l.score.num}/${l.score.den}`)).toEqual(Array(5).fill('4/5'));
        expect(r.levels.every((l) => l.met)).toBe(true);
        expect(r.total.num / r.total.den).toBe(5);
      });

      it('random assessments: the compiled engine equals the literal formulas (exact) and its trace', () => {
        const rng = seededRng(2024);
        for (let n = 0; n < 8; n++) {
          const input = randomAssessment(c, rng);
          const r = score(c, input, { trace: true });
          const ref = referenceScore(c.effective, (id) => Rational.fromNumber(input[id]!));
          expect(`${r.total.num}/${r.total.den}`).toBe(
            ref.total.isInteger() ? `${ref.total.num}/1` : ref.total.toFractionString(),
          );
          expect(r.conclusion.level).toBe(ref.band?.level ?? 0);
          expect(scoreDense(c, toDense(c, input))).toEqual({ ...r, trace: undefined });
        }
      });
    });
  }

  it('a requirement of another industry is named as such', () => {
    const mining = compileScoring(model, 'mining');
    const smeltingOnly = allRequirementIds(compileScoring(model, 'smelting')).find(
      (id) => !mining.index.has(id),
    )!;
    const input = { ...randomAssessment(mining, seededRng(1)), [smeltingOnly]: 1 };
    try {
      score(mining, input);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringError);
      expect((e as ScoringError).code).toBe('UNKNOWN_REQUIREMENT');
      expect((e as ScoringError).message).toContain(`${smeltingOnly}: belongs to industry smelting`);
    }
  });

  it('exact integer arithmetic stays far inside the safe-integer range', () => {
    for (const industry of INDUSTRIES) {
      const c = compileScoring(model, industry);
      expect(c.c.bigTotal).toBeNull();
      expect(c.c.fastDisplay).toBe(true);
      expect(5 * c.c.totalDen).toBeLessThan(2 ** 31);
    }
  });
});
