/**
 * Login timing (issue 9, defect 3): a wrong password for an existing account and any password for an unknown
 * account cost the same hash work, so the answer time does not tell which accounts exist. Attempts alternate
 * between the two (load changes hit both alike) and the medians are compared with a wide ratio: a dummy hash of
 * another cost (the defect: the test cost, ~190× cheaper than the production cost used here) is far outside it.
 */
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { FsEvidenceStorage } from '../store/files.js';
import { hashPassword, PASSWORD_DEFAULT_COST, type PasswordCost } from '../store/passwords.js';
import { createUser } from '../store/repos/users.js';
import { login } from './auth.js';
import { createServiceContext } from './context.js';
import { ServiceError } from './errors.js';
import { DEFAULT_LOGIN_THROTTLE } from './throttle.js';

/**
 * The production cost (64 MiB, 3 passes: ~0.1–0.2 s a hash, 190× the test cost), so the hash outweighs the
 * failed attempt's database write (which both paths make) and a cheaper dummy would show.
 */
const COST: PasswordCost = PASSWORD_DEFAULT_COST;
const SAMPLES = 11;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

forEachDialect('login timing', (t) => {
  it(
    'an unknown account costs the same hash work as a wrong password for a real one',
    { timeout: 60_000 },
    async () => {
      const { db, workDir } = t();
      const ctx = createServiceContext({
        db,
        storage: new FsEvidenceStorage(`${workDir}/evidence`),
        options: {
          passwordCost: COST,
          // No throttle in the way: this measures the hash work only.
          loginThrottle: {
            ...DEFAULT_LOGIN_THROTTLE,
            freePerPair: 10_000,
            accountCeiling: 10_000,
            addressCeiling: 10_000,
          },
        },
      });
      await createUser(
        db,
        { userId: null, label: 'test' },
        {
          email: 'real@test.dtma',
          displayName: 'Real',
          passwordHash: await hashPassword('the-real-password-1', COST),
        },
      );
      const time = async (username: string, i: number) => {
        const start = performance.now();
        await expect(
          login(ctx, { username, password: `wrong-${i}`, ip: `10.0.${i}.1`, userAgent: 'test' }),
        ).rejects.toBeInstanceOf(ServiceError);
        return performance.now() - start;
      };
      await time('warm-up@test.dtma', 999); // the dummy hash is made once, on first use
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        known.push(await time('real@test.dtma', i));
        unknown.push(await time(`nobody${i}@test.dtma`, i));
      }
      const ratio = median(known) / median(unknown);
      console.log(
        `login timing: median known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`,
      );
      expect(
        ratio,
        `medians: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`,
      ).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    },
  );
});
