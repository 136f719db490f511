import { describe, expect, it } from 'vitest';
import { radarScale } from './charts';

describe('radar scale (issue 12: 3.6 and 3.8 must lie apart)', () => {
  it('starts half a point below the lowest domain and ends half a point above the highest, on half points', () => {
    expect(radarScale([3.6, 3.8, 4.1])).toEqual({ min: 3, max: 5 });
    // On 0–5, 3.6 and 3.8 are 4 % of the radius apart; here 13 %.
    const { min, max } = radarScale([3.6, 3.8]);
    expect((3.8 - 3.6) / (max - min)).toBeGreaterThan(0.1);
  });
  it('stays within 0–5 and spans at least one point', () => {
    expect(radarScale([0.1, 0.2])).toEqual({ min: 0, max: 1 });
    expect(radarScale([4.9, 5])).toEqual({ min: 4, max: 5 });
    expect(radarScale([2.5, 2.5])).toEqual({ min: 2, max: 3 });
    expect(radarScale([])).toEqual({ min: 0, max: 5 });
  });
});
