/**
 * Figures of a frozen result as dtma shows and stores them: a domain's score is Σ over S1…S5 of its level score B
 * (0–5, the domain's analogue of the total without the "a met level counts 1" rule — as the result screen's radar
 * and the report's chart), a unit's Σ C likewise; totals are displayed band-safe (planning/format.ts); stored
 * figures are millionths, floored.
 */
import { Rational } from '../exact/rational.js';
import type { LevelBand } from '../model/types.js';
import { displayTotal, formatLevelScore } from '../planning/format.js';
import type { Exact, ScoreResult } from '../scoring/index.js';

export const exact = (x: Exact | null | undefined): Rational =>
  x ? Rational.of(x.num, x.den) : Rational.ZERO;

export function micro(r: Rational): number {
  return Number(r.mul(Rational.of(1_000_000)).floor());
}

/** Σ over the levels of a domain's B (or a unit's C). */
export function levelSum(levels: Record<string, Exact | null>): Rational {
  return Object.values(levels).reduce((s, x) => s.add(exact(x)), Rational.ZERO);
}

export interface ResultFigures {
  /** Band-safe display of the total. */
  total: string;
  totalMicro: number;
  /** Table 3 level, 0 below 一级. */
  level: number;
  /** 一级 规范级 … or 未达一级. */
  conclusion: string;
  levels: { level: string; score: string; scoreMicro: number; met: boolean }[];
  domains: { id: string; name: string; score: string; scoreMicro: number }[];
  units: { id: string; name: string; domainId: string; score: string; scoreMicro: number }[];
}

/** The figures of an engine result (a frozen result's `value`). */
export function figuresOf(r: ScoreResult, bands: readonly LevelBand[]): ResultFigures {
  const digits = r.policy.displayDecimals;
  const threshold = { threshold: Rational.parse(r.policy.levelMetThreshold) };
  const sumDisplay = (x: Rational) => x.toDecimalString(digits);
  return {
    total: displayTotal(r.total, digits, bands),
    totalMicro: micro(exact(r.total)),
    level: r.conclusion.belowLevel1 ? 0 : r.conclusion.level,
    conclusion: `${r.conclusion.ordinal} ${r.conclusion.name}`.trim(),
    levels: r.levels.map((l) => ({
      level: l.level,
      score: formatLevelScore(exact(l.score), digits, threshold),
      scoreMicro: micro(exact(l.score)),
      met: l.counted,
    })),
    domains: r.domains.map((d) => {
      const s = levelSum(d.levels);
      return { id: d.id, name: d.name, score: sumDisplay(s), scoreMicro: micro(s) };
    }),
    units: r.units.map((u) => {
      const s = levelSum(u.levels);
      return { id: u.id, name: u.name, domainId: u.domainId, score: sumDisplay(s), scoreMicro: micro(s) };
    }),
  };
}

/** Millionths back to a display string with `digits` decimals (half up). */
export function microDisplay(m: number, digits = 2): string {
  return Rational.of(Math.round(m), 1_000_000).toDecimalString(digits);
}
