/**
 * BENCH=assessment: wall-clock time of one whole assessment driven through the web app in Chromium
 * (e2e/whole-assessment.e2e.ts, from a fresh application to the published result). Target < 180 s. Needs
 * web/dist (npm run web:build) and /usr/bin/chromium, like the e2e tests.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function benchAssessment(): void {
  console.log('\nWhole assessment in the browser (e2e/whole-assessment.e2e.ts), target < 180 s');
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'e2e/vitest.config.ts',
      'e2e/whole-assessment.e2e.ts',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const wall = (Date.now() - t0) / 1000;
  const out = `${r.stdout}${r.stderr}`;
  const flow = /whole assessment: ([\d.]+) s/.exec(out)?.[1];
  if (r.status !== 0 || flow === undefined) {
    console.log(`  the e2e run failed (exit ${r.status}):\n${out.split('\n').slice(-30).join('\n')}`);
    return;
  }
  console.log(
    `  the assessment flow: ${flow} s (whole run with server start and browser launch: ${wall.toFixed(1)} s)`,
  );
}
