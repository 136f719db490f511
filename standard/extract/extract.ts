/**
 * Extracts the standard's model from the seed into standard/nfm-dtmm-2024-draft/.
 *
 *   npx tsx standard/extract/extract.ts [seed-file] [--out dir] [--report]
 *
 * The seed defaults to the model version's source text, kept in the repository beside the data it produced:
 * standard/nfm-dtmm-2024-draft/source/000_133407e0cf30e067.txt (byte for byte the seed the project was given;
 * its sha256 is recorded in meta.json).
 * policy.json and NOTES.md are hand-written and never touched. `--report` prints what the
 * extractor noticed (numbering problems, unnumbered lines, joined lines, duplicates).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, MODEL_ID } from './build.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_OUT = resolve(REPO, 'standard', MODEL_ID);
export const DEFAULT_SEED = resolve(DEFAULT_OUT, 'source', '000_133407e0cf30e067.txt');

function main(argv: string[]): void {
  const args = [...argv];
  const report = args.includes('--report');
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : DEFAULT_OUT;
  const positional = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  const seedPath = positional[0] ? resolve(positional[0]) : DEFAULT_SEED;

  const seed = readFileSync(seedPath, 'utf8');
  const result = buildModel(seed, basename(seedPath));
  mkdirSync(out, { recursive: true });
  for (const [name, content] of Object.entries(result.files)) writeFileSync(resolve(out, name), content);

  const lines: string[] = [`extracted ${Object.keys(result.files).length} files into ${out}`];
  for (const t of result.appendices) {
    const per = { S1: 0, S2: 0, S3: 0, S4: 0, S5: 0 };
    let examples = 0;
    for (const r of t.rows)
      for (const [code, reqs] of Object.entries(r.levels)) {
        per[code as keyof typeof per] += reqs.length;
        for (const q of reqs) examples += q.examples.length;
      }
    const total = Object.values(per).reduce((a, b) => a + b, 0);
    lines.push(
      `  ${t.id}: ${t.rows.length} rows, ${total} requirements (${Object.entries(per)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${examples} examples`,
    );
  }
  if (report)
    for (const d of result.diagnostics) lines.push(`  ${d.line}\t${d.table}\t${d.where}\t${d.message}`);
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
