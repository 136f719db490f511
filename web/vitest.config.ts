import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** Unit tests of the web app's pure logic: `npx vitest run --config web/vitest.config.ts`. */
export default defineConfig({
  resolve: { alias: { '@engine': fileURLToPath(new URL('../src', import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
