import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../exact/rational.js';
import { BANDS } from './fixtures.test-util.js';
import { bandSafeDecimal, formatLevelScore, formatTotal } from './format.js';

const R = (s: string) => Rational.parse(s);

describe('band-safe display (issue 11: a rounded total never crosses a band the exact value does not reach)', () => {
  it('shows 4.7991 as 4.79, not 4.80 (五级 starts at 4.8)', () => {
    expect(formatTotal(R('4.7991'), 2, BANDS)).toBe('4.79');
    expect(R('4.7991').toDecimalString(2)).toBe('4.80');
  });

  it('rounds half up where no edge is crossed, and at or above an edge', () => {
    expect(formatTotal(R('3.935'), 2, BANDS)).toBe('3.94');
    expect(formatTotal(R('4.8'), 2, BANDS)).toBe('4.80');
    expect(formatTotal(R('4.8049'), 2, BANDS)).toBe('4.80');
    expect(formatTotal(R('2.7951'), 2, BANDS)).toBe('2.79');
  });

  it('level scores are safe at the threshold 0.8 and at 1', () => {
    expect(formatLevelScore(R('0.7996'), 2, { threshold: R('0.8') })).toBe('0.79');
    expect(formatLevelScore(R('0.9999'), 2, { threshold: R('0.8') })).toBe('0.99');
    expect(formatLevelScore(R('0.8'), 2, { threshold: R('0.8') })).toBe('0.80');
  });

  it('property: the displayed value is on the same side of every edge as the exact value, and within one unit of the last digit', () => {
    const edges = BANDS.flatMap((b) => [b.min, b.max]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 4 }), (n, digits) => {
        const v = Rational.of(n, 1_000_000);
        const shown = Rational.parse(bandSafeDecimal(v, digits, edges));
        for (const e of edges) expect(shown.ge(e)).toBe(v.ge(e));
        const unit = Rational.of(1, 10 ** digits);
        expect(shown.sub(v).toNumber()).toBeLessThanOrEqual(unit.toNumber() / 2);
        expect(v.sub(shown).lt(unit)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
