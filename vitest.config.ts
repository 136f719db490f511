import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'standard/**/*.test.ts', 'bench/**/*.test.ts'],
    // Two test processes also on a two-core machine (vitest's default there is one): much of a test's time is
    // spent waiting for PostgreSQL, LibreOffice or a child server, which the second process fills (measured on
    // two quiet cores: 790 s with one, 611 s with two, 1,105 tests). The limits are hang guards, not performance
    // targets (those are in `npm run bench`): with two processes the longest whole-world tests take ~25 s here,
    // so a loaded machine gets four times that before a test counts as hung.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
