/* global console, process, URL */
// Prints the gzip size of the initial JS (entry + its modulepreloads in web/dist/index.html) and of every chunk.
// Usage: node web/scripts/size.mjs [--max-initial-kb 600]
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
let total = 0;
console.log('initial JS (gzip):');
for (const f of initial) {
  const n = gz(f);
  total += n;
  console.log(`  ${kb(n)}  ${f}`);
}
console.log(`  ${kb(total)}  TOTAL initial`);
const css = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css'));
for (const f of css) console.log(`  ${kb(gz('assets/' + f))}  assets/${f}`);
console.log('lazy chunks (gzip):');
for (const f of readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') && !initial.includes('assets/' + f))
  .sort()) {
  console.log(`  ${kb(gz('assets/' + f))}  assets/${f}`);
}
const i = process.argv.indexOf('--max-initial-kb');
if (i > 0) {
  const max = Number(process.argv[i + 1]) * 1024;
  if (total > max) {
    console.error(`initial JS ${kb(total)} exceeds ${kb(max)}`);
    process.exit(1);
  }
}
