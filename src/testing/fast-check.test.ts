import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertAsyncProperty, assertProperty, FC_SEED } from './fast-check.js';

describe('property seeds are logged and replayable', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses FC_SEED when set, else a 32-bit integer', () => {
    expect(Number.isInteger(FC_SEED)).toBe(true);
    if (process.env.FC_SEED) expect(FC_SEED).toBe(Number(process.env.FC_SEED));
  });

  it('a failing property names its seed, and the same seed finds the same counterexample', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = (seed: number): string => {
      try {
        assertProperty(
          fc.property(fc.integer(), (n) => n % 7 !== 3),
          { seed },
        );
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the property should have failed');
    };
    const first = failure(12345);
    expect(first).toContain('replay with FC_SEED=12345');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('FC_SEED=12345'));
    const counterexample = (m: string): string | undefined => /Counterexample: (.*)/.exec(m)?.[1];
    expect(counterexample(first)).toBeDefined();
    expect(counterexample(failure(12345))).toBe(counterexample(first));
  });

  it('passes the file seed to fast-check when the test fixes none', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(assertAsyncProperty(fc.asyncProperty(fc.nat(), async () => false))).rejects.toThrow(
      `seed: ${FC_SEED}`,
    );
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`FC_SEED=${FC_SEED}`));
  });
});
