/**
 * Reference evaluator: the standard's formulas applied literally with exact rationals (bigint), unit by unit.
 * Slow; used to produce the trace, to self-check the compiled engine when a trace is requested, and as the
 * test oracle for the compiled integer arithmetic.
 *
 *   C(unit, level)   = Σ requirement scores / n                     (formula 3)
 *   B(domain, level) = Σ β · C over the domain's units               (formula 2)
 *   L(level)         = Σ α · B over domains                          (formula 1)
 *   S                = Σ over levels of (counted ? 1 : L)
 */
import { effectiveUnits, type EffectiveModel } from '../model/effective.js';
import { LEVEL_CODES, type LevelBand, type LevelCode } from '../model/types.js';
import { Rational, sumRationals } from '../exact/rational.js';

export interface RefUnitCell {
  unitId: string;
  level: LevelCode;
  /** Requirement id and score (null = missing, counted as 0). */
  requirements: { id: string; score: Rational | null }[];
  sum: Rational;
  /** null for an empty cell. */
  mean: Rational | null;
}

export interface RefTerm {
  id: string;
  weight: Rational;
  value: Rational;
  product: Rational;
}

export interface RefDomainCell {
  domainId: string;
  level: LevelCode;
  terms: RefTerm[];
  /** null when no unit of the domain has requirements at that level. */
  value: Rational | null;
}

export interface RefLevel {
  level: LevelCode;
  terms: RefTerm[];
  value: Rational;
  metByThreshold: boolean;
  lowerUnmet: boolean;
  counted: boolean;
  contribution: Rational;
}

export interface RefResult {
  units: RefUnitCell[];
  domains: RefDomainCell[];
  levels: RefLevel[];
  total: Rational;
  /** Band reached, or undefined when below the lowest band. */
  band: LevelBand | undefined;
}

/** `scoreOf(id)` returns the requirement's score, or null when it is missing (counted as 0). */
export function referenceScore(eff: EffectiveModel, scoreOf: (id: string) => Rational | null): RefResult {
  const policy = eff.policy;
  const threshold = Rational.parse(policy.levelMetThreshold);
  const units: RefUnitCell[] = [];
  const means = new Map<string, Rational | null>();
  for (const u of effectiveUnits(eff)) {
    for (const code of LEVEL_CODES) {
      const requirements = u.levels[code].requirements.map((r) => ({ id: r.id, score: scoreOf(r.id) }));
      const sum = sumRationals(requirements.map((r) => r.score ?? Rational.ZERO));
      const mean = requirements.length === 0 ? null : sum.div(Rational.of(requirements.length));
      means.set(`${u.id}\u0000${code}`, mean);
      units.push({ unitId: u.id, level: code, requirements, sum, mean });
    }
  }
  const domains: RefDomainCell[] = [];
  const bValues = new Map<string, Rational | null>();
  for (const d of eff.domains) {
    for (const code of LEVEL_CODES) {
      const terms: RefTerm[] = [];
      for (const u of d.units) {
        const c = means.get(`${u.id}\u0000${code}`);
        if (c === null || c === undefined) continue;
        const beta = u.levels[code].beta;
        terms.push({ id: u.id, weight: beta, value: c, product: beta.mul(c) });
      }
      const value = terms.length === 0 ? null : sumRationals(terms.map((t) => t.product));
      bValues.set(`${d.id}\u0000${code}`, value);
      domains.push({ domainId: d.id, level: code, terms, value });
    }
  }
  const levels: RefLevel[] = [];
  let lowerUnmet = false;
  for (const code of LEVEL_CODES) {
    const terms: RefTerm[] = [];
    for (const d of eff.domains) {
      const b = bValues.get(`${d.id}\u0000${code}`);
      if (b === null || b === undefined) continue;
      const alpha = d.levels[code].alpha;
      terms.push({ id: d.id, weight: alpha, value: b, product: alpha.mul(b) });
    }
    const value = sumRationals(terms.map((t) => t.product));
    const metByThreshold =
      policy.levelMetComparison === 'at-least' ? value.ge(threshold) : value.gt(threshold);
    const counted = metByThreshold && !(policy.gating && lowerUnmet);
    levels.push({
      level: code,
      terms,
      value,
      metByThreshold,
      lowerUnmet,
      counted,
      contribution: counted ? Rational.ONE : value,
    });
    if (!metByThreshold) lowerUnmet = true;
  }
  const total = sumRationals(levels.map((l) => l.contribution));
  let band: LevelBand | undefined;
  for (const b of eff.bands) {
    const min = Rational.parse(b.min);
    const max = Rational.parse(b.max);
    if (total.ge(min) && (b.maxInclusive ? total.le(max) : total.lt(max))) band = b;
  }
  return { units, domains, levels, total, band };
}
