#!/usr/bin/env node
// `dtma`: runs the compiled CLI (dist/, made by `npm run build`) in this very process — no launcher process in
// between, so signals reach `dtma serve` and the start is fast. Everything resolves from the package folder,
// not from the current one: `dtma` works from anywhere. Development from the TypeScript sources: `npm run dtma`.
/* global URL */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `dtma: the compiled CLI ${fileURLToPath(compiled)} is missing. Build it once:\n` +
      `  cd ${root} && npm run build\n` +
      `(or run the TypeScript sources through tsx: npm run dtma -- <command>)\n`,
  );
  process.exit(1);
}
// Stack traces name the TypeScript sources (dist/ has source maps). Reading the maps costs ~20 ms at start, so
// the quick read-only commands (`dtma model …`, `dtma score …`, help) go without.
const command = process.argv[2];
if (!['model', 'score', 'help', '--help', '-h', undefined].includes(command))
  process.setSourceMapsEnabled(true);
const { run } = await import(compiled.href);
await run(process.argv.slice(2));
