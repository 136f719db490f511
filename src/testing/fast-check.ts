/**
 * Property tests with a logged, replayable seed. Every `fc.assert` of the suite goes through `assertProperty`
 * (or `assertAsyncProperty`): the seed is `FC_SEED` from the environment when set, else one drawn per test
 * file; a failure prints it, and `FC_SEED=<seed> npx vitest run <file>` replays the same cases.
 * Test-only: dependency-cruiser lets only *.test.ts files import src/testing/.
 */
import fc from 'fast-check';

function seedOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return (Math.random() * 2 ** 32) | 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new Error(`FC_SEED must be a 32-bit integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The seed of this test file's properties. */
export const FC_SEED = seedOf(process.env.FC_SEED);

function withSeed<Ts>(params: fc.Parameters<Ts> | undefined): fc.Parameters<Ts> & { seed: number } {
  return { ...params, seed: params?.seed ?? FC_SEED };
}

function replayable(error: unknown, seed: number): unknown {
  const hint = `replay with FC_SEED=${seed}`;
  console.error(`fast-check: property failed (seed ${seed}); ${hint}`);
  if (error instanceof Error && !error.message.includes(hint)) error.message += `\n(${hint})`;
  return error;
}

/** `fc.assert` with the file's seed (unless `params.seed` fixes one); a failure names the seed. */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>): void {
  const p = withSeed(params);
  try {
    fc.assert(property, p);
  } catch (error) {
    throw replayable(error, p.seed);
  }
}

/** The same for an async property. */
export async function assertAsyncProperty<Ts>(
  property: fc.IAsyncProperty<Ts>,
  params?: fc.Parameters<Ts>,
): Promise<void> {
  const p = withSeed(params);
  try {
    await fc.assert(property, p);
  } catch (error) {
    throw replayable(error, p.seed);
  }
}
