/**
 * Band-safe display of exact scores: a rounded number never claims a band (Table 3) or the level threshold the
 * exact value does not reach. 4.7991 rounds half up to "4.80", which reads as 五级 (4.8 ≤ S); it is shown
 * "4.79" instead (truncated). Values that reach an edge are rounded as usual (rounding half up never lowers a
 * value below an edge that has at most `digits` decimals). The edges (0.8, 1.8 … 5) have one decimal, so any
 * `digits` ≥ 1 keeps every displayed value on the same side of every edge as the exact value.
 */
import { formatScaled, Rational } from '../exact/rational.js';
import type { LevelBand } from '../model/types.js';
import type { PlanningBand, PlanningPolicy } from './types.js';

/** Round half up to `digits`, unless that crosses an edge the exact value is below: then truncate. */
export function bandSafeDecimal(value: Rational, digits: number, edges: readonly Rational[]): string {
  const rounded = value.toDecimalString(digits);
  const r = Rational.parse(rounded);
  if (!edges.some((e) => value.lt(e) && r.ge(e))) return rounded;
  const scale = 10n ** BigInt(digits);
  return formatScaled(value.mul(Rational.of(scale)).floor(), digits);
}

/** The edges a total must not appear to cross: the lower and upper bounds of the Table 3 bands. */
export function totalEdges(bands: readonly Pick<PlanningBand, 'min' | 'max'>[]): Rational[] {
  return bands.flatMap((b) => [b.min, b.max]);
}

/** Display of a total S (0–5), band-safe. */
export function formatTotal(
  value: Rational,
  digits: number,
  bands: readonly Pick<PlanningBand, 'min' | 'max'>[],
): string {
  return bandSafeDecimal(value, digits, totalEdges(bands));
}

/** Display of a level score or a unit/domain score (0–1), safe at the level threshold (0.8). */
export function formatLevelScore(
  value: Rational,
  digits: number,
  policy: Pick<PlanningPolicy, 'threshold'>,
): string {
  return bandSafeDecimal(value, digits, [policy.threshold, Rational.ONE]);
}

/** The Table 3 bounds of a model's bands, exact. */
export function bandBounds(
  levels: readonly Pick<LevelBand, 'min' | 'max'>[],
): { min: Rational; max: Rational }[] {
  return levels.map((b) => ({ min: Rational.parse(b.min), max: Rational.parse(b.max) }));
}

/** Band-safe display of an exact total `{ num, den }` of the scoring engine. */
export function displayTotal(
  total: { num: number; den: number },
  digits: number,
  levels: readonly Pick<LevelBand, 'min' | 'max'>[],
): string {
  return formatTotal(Rational.of(total.num, total.den), digits, bandBounds(levels));
}
