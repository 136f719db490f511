import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The single-page app. `npx vite build --config web/vite.config.ts` → web/dist.
 * `@engine/*` resolves to the pure modules of the server tree (src/model, src/scoring, src/process …): the same
 * code scores in the browser and on the server.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [
    react(),
    // Precompressed copies beside every text asset (x.js.br, x.js.gz), served by src/http/static.ts according to
    // Accept-Encoding: compressed once at build time at the highest levels, never per request.
    compression({
      include: /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
  resolve: {
    // The browser-safe layers of the server tree (no node: builtins; `npm run lint` checks it).
    alias: [{ find: '@engine', replacement: fileURLToPath(new URL('../src', import.meta.url)) }],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.DTMA_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    // No manualChunks: Rollup splits per lazy route, so antd components and echarts load with the screens that use them.
  },
});
