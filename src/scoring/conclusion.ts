/**
 * The conclusion of a total S (Table 3): bands as inclusive integer bounds on S·D_S (the compiled total's
 * numerator over its common denominator D_S), checked contiguous and ascending, and the conclusion below
 * level 1.
 */
import { Rational } from '../exact/rational.js';
import type { LevelBand } from '../model/types.js';
import { ScoringError } from './errors.js';
import type { Conclusion, Internals } from './types.js';

function intervalText(b: LevelBand): string {
  return `${b.min}≤S${b.maxInclusive ? '≤' : '<'}${b.max}`;
}

export function compileBands(
  levelBands: readonly LevelBand[],
  totalDenBig: bigint,
): Pick<Internals, 'bands' | 'below'> {
  const bands = levelBands.map((b) => {
    const min = Rational.parse(b.min).mul(Rational.of(totalDenBig));
    const max = Rational.parse(b.max).mul(Rational.of(totalDenBig));
    const conclusion: Conclusion = Object.freeze({
      level: b.level,
      ordinal: b.ordinal,
      name: b.name,
      nameEn: b.nameEn,
      belowLevel1: false,
      interval: intervalText(b),
    });
    const lowBig = min.ceil();
    const highBig = b.maxInclusive ? max.floor() : max.ceil() - 1n;
    return {
      band: b,
      low: Number(lowBig),
      high: Number(highBig),
      lowBig,
      highBig,
      conclusion,
    };
  });
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!.band;
    const next = bands[i + 1]?.band;
    if (next && (b.max !== next.min || b.maxInclusive)) {
      throw new ScoringError(
        'MODEL_INVALID',
        `Table 3 bands ${b.level} and ${next.level} are not contiguous`,
      );
    }
  }
  if (bands.length === 0) throw new ScoringError('MODEL_INVALID', 'no Table 3 bands');
  const first = bands[0]!.band;
  const below: Conclusion = Object.freeze({
    level: 0,
    ordinal: '未达一级',
    name: '未达一级',
    nameEn: 'Below level 1',
    belowLevel1: true,
    interval: `S<${first.min}`,
  });
  return { bands, below };
}
