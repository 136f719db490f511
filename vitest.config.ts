import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'standard/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // At least two test processes, also on a two-core machine (vitest's default there is one): much of a test's
    // time is spent waiting for PostgreSQL, LibreOffice or a child server, which a second process fills.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
