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
    // expect.poll waits for the server's answer to a click; vitest's default (1 s) is shorter than one command's
    // round trip on a loaded CI machine (the whole-assessment test once read 'submitted' just before the accept landed).
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
