import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests against a real `dtma serve` (started by e2e/server.ts on a temp SQLite database with
 * the demo data, or DTMA_E2E_URL). Needs /usr/bin/chromium (or DTMA_CHROMIUM) and web/dist.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
