import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProperty } from '../testing/fast-check.js';
import type { IndicatorType, ScoringPolicy, StandardModel } from '../model/types.js';
import {
  allRequirementIds,
  compileScoring,
  score,
  scoreDense,
  type CompiledScoring,
  type Exact,
  type ScoreResult,
} from './index.js';
import { ScoringError } from './errors.js';
import { buildModel, FIXTURE, type FixtureSpec, type RowSpec } from '../model/fixtures.test-util.js';
import { Rational } from '../exact/rational.js';
import { referenceScore } from './reference.js';

const GRADES = [0, 5, 8, 10] as const;
const MAX_REQ = 200;

/** Random Table 1 + Appendix A + mining rows (with merged rows, dropped sub-domains, empty cells). */
const modelArb: fc.Arbitrary<StandardModel> = fc
  .array(
    fc.array(
      fc.record({
        type: fc.constantFrom<IndicatorType>('common', 'industry'),
        percent: fc.integer({ min: 1, max: 20 }),
        present: fc.boolean(),
        mergeNext: fc.boolean(),
        counts: fc.tuple(...Array.from({ length: 5 }, () => fc.integer({ min: 0, max: 3 }))) as fc.Arbitrary<
          [number, number, number, number, number]
        >,
      }),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((domains) => {
    const spec: FixtureSpec = {
      id: 'random',
      domains: domains.map((subs, d) => ({
        id: `d${d}`,
        subs: subs.map((s, i) => ({ id: `s${d}_${i}`, type: s.type, percent: s.percent })),
      })),
      common: [],
      industries: { mining: [], smelting: [], processing: [] },
    };
    domains.forEach((subs, d) => {
      for (let i = 0; i < subs.length; i++) {
        const s = subs[i]!;
        if (!s.present) continue;
        const row: RowSpec = {
          id: `s${d}_${i}`,
          domainId: `d${d}`,
          covers: [`s${d}_${i}`],
          counts: s.counts,
        };
        if (s.type === 'common') spec.common.push(row);
        else {
          const next = subs[i + 1];
          if (s.mergeNext && next?.present && next.type === 'industry') {
            row.id = `m${d}_${i}`;
            row.covers!.push(`s${d}_${i + 1}`);
            i++;
          }
          spec.industries.mining.push(row);
        }
      }
    });
    return buildModel(spec);
  });

const policyArb: fc.Arbitrary<Partial<ScoringPolicy>> = fc.record({
  weightRescaling: fc.constantFrom('within-domain', 'within-type', 'global'),
  levelMetComparison: fc.constantFrom('at-least', 'greater-than'),
  levelMetThreshold: fc.constantFrom('0.8', '0.75', '0.5', '0.35'),
  gating: fc.boolean(),
  displayDecimals: fc.constantFrom(0, 2, 3),
});

const tenthsArb = fc.array(fc.constantFrom(...GRADES), { minLength: MAX_REQ, maxLength: MAX_REQ });

/** Compiles, or rejects the generated case when the random model has no requirement at some level. */
function compileOrSkip(model: StandardModel, policy: Partial<ScoringPolicy>): CompiledScoring {
  try {
    return compileScoring(model, 'mining', policy);
  } catch (e) {
    if (e instanceof ScoringError && e.code === 'MODEL_INVALID') fc.pre(false);
    throw e;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * scoreDense; a NUMERIC_RANGE error is accepted (the case is discarded) only when it is justified: the exact
 * total from the reference evaluator really has no safe-integer fraction form.
 */
function scoreChecked(c: CompiledScoring, d: Int8Array): ScoreResult {
  try {
    return scoreDense(c, d);
  } catch (e) {
    if (e instanceof ScoringError && e.code === 'NUMERIC_RANGE') {
      const ref = referenceScore(c.effective, (id) => Rational.of(d[c.index.get(id)!]!, 10));
      expect(ref.total.num > MAX_SAFE || ref.total.den > MAX_SAFE).toBe(true);
      expect(c.c.bigTotal).not.toBeNull();
      fc.pre(false);
    }
    throw e;
  }
}

const cmp = (a: Exact, b: Exact): number => Math.sign(a.num * b.den - b.num * a.den);
const isRational = (x: Exact | null, r: Rational | null): boolean =>
  x === null || r === null ? x === r : BigInt(x.num) === r.num && BigInt(x.den) === r.den;

/** Every number of the result, in a fixed order. */
function numbers(r: ScoreResult): (Exact | null)[] {
  return [
    ...r.units.flatMap((u) => Object.values(u.levels)),
    ...r.domains.flatMap((d) => Object.values(d.levels)),
    ...r.levels.map((l) => l.score),
    r.total,
  ];
}

const dense = (c: CompiledScoring, t: number[]): Int8Array => Int8Array.from(t.slice(0, c.ids.length));

describe('properties on random models and policies', () => {
  it('the compiled integer engine equals the literal formulas evaluated with exact rationals', () => {
    assertProperty(
      fc.property(modelArb, policyArb, tenthsArb, (model, policy, t) => {
        const c = compileOrSkip(model, policy);
        const d = dense(c, t);
        const r = scoreChecked(c, d);
        const ref = referenceScore(c.effective, (id) => Rational.of(d[c.index.get(id)!]!, 10));
        const units = ref.units.map((u) => u.mean);
        expect(
          r.units.flatMap((u) => Object.values(u.levels)).every((x, i) => isRational(x, units[i]!)),
        ).toBe(true);
        const doms = ref.domains.map((x) => x.value);
        expect(
          r.domains.flatMap((x) => Object.values(x.levels)).every((x, i) => isRational(x, doms[i]!)),
        ).toBe(true);
        expect(r.levels.every((l, i) => isRational(l.score, ref.levels[i]!.value))).toBe(true);
        expect(r.levels.map((l) => l.counted)).toEqual(ref.levels.map((l) => l.counted));
        expect(isRational(r.total, ref.total)).toBe(true);
        expect(r.conclusion.level).toBe(ref.band?.level ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('bounds: 0 ≤ C, B, L ≤ 1 and 0 ≤ S ≤ 5; fractions are in lowest terms', () => {
    assertProperty(
      fc.property(modelArb, policyArb, tenthsArb, (model, policy, t) => {
        const c = compileOrSkip(model, policy);
        const r = scoreChecked(c, dense(c, t));
        const one: Exact = { num: 1, den: 1, display: '' };
        const zero: Exact = { num: 0, den: 1, display: '' };
        for (const x of numbers(r).slice(0, -1)) {
          if (x === null) continue;
          expect(cmp(x, zero)).toBeGreaterThanOrEqual(0);
          expect(cmp(x, one)).toBeLessThanOrEqual(0);
        }
        expect(cmp(r.total, zero)).toBeGreaterThanOrEqual(0);
        expect(cmp(r.total, { num: 5, den: 1, display: '' })).toBeLessThanOrEqual(0);
        const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
        for (const x of numbers(r)) if (x) expect(gcd(x.num, x.den)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('monotonicity: raising one requirement’s score never lowers any unit, domain, level score or the total', () => {
    assertProperty(
      fc.property(modelArb, policyArb, tenthsArb, fc.nat(), (model, policy, t, pick) => {
        const c = compileOrSkip(model, policy);
        const d = dense(c, t);
        const i = pick % d.length;
        const higher = GRADES.filter((g) => g > d[i]!);
        fc.pre(higher.length > 0);
        const before = numbers(scoreChecked(c, d));
        const d2 = Int8Array.from(d);
        d2[i] = higher[pick % higher.length]!;
        const after = numbers(scoreChecked(c, d2));
        after.forEach((x, k) => {
          if (x !== null) expect(cmp(x, before[k]!)).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('all requirements fully met → S = 5, 五级 生态级; none met → S = 0, 未达一级', () => {
    assertProperty(
      fc.property(modelArb, policyArb, (model, policy) => {
        const c = compileOrSkip(model, policy);
        const top = scoreDense(c, new Int8Array(c.ids.length).fill(10));
        expect([top.total.num, top.total.den]).toEqual([5, 1]);
        expect(top.conclusion).toMatchObject({ level: 5, name: '生态级' });
        const bottom = scoreDense(c, new Int8Array(c.ids.length));
        expect([bottom.total.num, bottom.total.den]).toEqual([0, 1]);
        expect(bottom.conclusion).toMatchObject({ level: 0, belowLevel1: true, name: '未达一级' });
      }),
      { numRuns: 100 },
    );
  });
});

describe('properties on the hand-written fixture', () => {
  const industryArb = fc.constantFrom('mining', 'smelting', 'processing');

  it('invariance under reordering of the input entries', () => {
    assertProperty(
      fc.property(
        industryArb,
        policyArb,
        tenthsArb,
        fc.array(fc.double({ noNaN: true }), { minLength: MAX_REQ, maxLength: MAX_REQ }),
        (ind, policy, t, keys) => {
          const c = compileScoring(FIXTURE, ind, policy);
          const ids = allRequirementIds(c);
          const entries = ids.map((id, i) => [id, t[i]! / 10] as [string, number]);
          const shuffled = entries
            .map((e, i) => [keys[i]!, e] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, e]) => e);
          const expected = score(c, entries);
          expect(score(c, shuffled)).toEqual(expected);
          expect(score(c, Object.fromEntries(shuffled))).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('partial: a missing requirement scores exactly as if it were 0, and is listed', () => {
    assertProperty(
      fc.property(
        industryArb,
        tenthsArb,
        fc.array(fc.boolean(), { minLength: MAX_REQ, maxLength: MAX_REQ }),
        (ind, t, drop) => {
          const c = compileScoring(FIXTURE, ind);
          const ids = allRequirementIds(c);
          const withMissing = Int8Array.from(ids, (_, i) => (drop[i] ? -1 : t[i]!));
          const zeroed = Int8Array.from(ids, (_, i) => (drop[i] ? 0 : t[i]!));
          const p = scoreDense(c, withMissing, { partial: true });
          const z = scoreDense(c, zeroed);
          expect(numbers(p)).toEqual(numbers(z));
          expect(p.missing).toEqual(ids.filter((_, i) => drop[i]));
          expect(p.units.reduce((s, u) => s + u.total - u.answered, 0)).toBe(p.missing.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the trace agrees with the result (the engine self-checks it against the reference)', () => {
    assertProperty(
      fc.property(industryArb, policyArb, tenthsArb, (ind, policy, t) => {
        const c = compileScoring(FIXTURE, ind, policy);
        const r = scoreDense(c, dense(c, t), { trace: true });
        expect(r.trace!.total.value).toEqual(r.total);
        expect(r.trace!.levels.map((l) => l.value)).toEqual(r.levels.map((l) => l.score));
      }),
      { numRuns: 50 },
    );
  });
});
