/**
 * Scoring benchmark: N full random assessments per industry through the exact engine, beside a plain
 * Float64Array loop doing the same weighted sums (cell means → domain sums → level sums → met → total →
 * conclusion) in the same run. The ratio engine / loop is the figure that matters (target ≥ 25 %), with
 * ≥ 20,000 assessments/s on one core; then the latency of the live recompute (target < 16 ms).
 */
import { loadModel } from '../src/model/load.js';
import { INDUSTRIES, LEVEL_CODES, type IndustryId } from '../src/model/types.js';
import {
  type CompiledScoring,
  compileScoring,
  randomAssessment,
  score,
  scoreDense,
  seededRng,
  toDense,
} from '../src/scoring/index.js';

const MODEL = 'nfm-dtmm-2024-draft';

/** The float baseline: the same arithmetic on typed arrays, no exactness, no result objects. */
function floatBaseline(compiled: CompiledScoring): (tenths: Int8Array) => number {
  const eff = compiled.effective;
  const starts: number[] = [];
  const ends: number[] = [];
  const cellCoef: number[] = [];
  const cellUnit: number[] = [];
  const unitDomain: number[] = [];
  const unitBeta: number[] = [];
  const domainAlpha: number[] = [];
  let index = 0;
  eff.domains.forEach((d, di) => {
    LEVEL_CODES.forEach((l) => domainAlpha.push(d.levels[l].alpha.toNumber()));
    for (const u of d.units) {
      const ui = unitDomain.length;
      unitDomain.push(di);
      for (const l of LEVEL_CODES) {
        const reqs = u.levels[l].requirements;
        for (const r of reqs) {
          if (compiled.ids[index] !== r.id) throw new Error(`dense order differs at ${index}`);
          index++;
        }
        starts.push(index - reqs.length);
        ends.push(index);
        cellCoef.push(1 / (10 * reqs.length));
        cellUnit.push(ui);
        unitBeta.push(u.levels[l].beta.toNumber());
      }
    }
  });
  const nUnits = unitDomain.length;
  const nDomains = eff.domains.length;
  const S = Int32Array.from(starts);
  const E = Int32Array.from(ends);
  const coef = Float64Array.from(cellCoef);
  const beta = Float64Array.from(unitBeta);
  const alpha = Float64Array.from(domainAlpha);
  const uDom = Int32Array.from(unitDomain);
  const cell = new Float64Array(nUnits * 5);
  const dom = new Float64Array(nDomains * 5);
  const lev = new Float64Array(5);
  const bandMins = eff.bands.map((b) => Number(b.min));
  return (t) => {
    for (let k = 0; k < nUnits * 5; k++) {
      let sum = 0;
      for (let i = S[k]!; i < E[k]!; i++) sum += t[i]!;
      cell[k] = sum * coef[k]!;
    }
    dom.fill(0);
    for (let u = 0; u < nUnits; u++) {
      for (let l = 0; l < 5; l++) dom[uDom[u]! * 5 + l]! += beta[u * 5 + l]! * cell[u * 5 + l]!;
    }
    let total = 0;
    for (let l = 0; l < 5; l++) {
      let L = 0;
      for (let d = 0; d < nDomains; d++) L += alpha[d * 5 + l]! * dom[d * 5 + l]!;
      lev[l] = L;
      total += L >= 0.8 ? 1 : L;
    }
    let level = 0;
    for (let b = 0; b < bandMins.length; b++) if (total >= bandMins[b]!) level = b + 1;
    return level;
  };
}

function measure(label: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm-up
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) if (fn(i)) sink++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = n / seconds;
  console.log(
    `  ${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} assessments/s  ` +
      `${((seconds / n) * 1e6).toFixed(2).padStart(8)} µs/assessment  (${sink === n ? 'all' : sink} returned)`,
  );
  return perSecond;
}

/**
 * The live recompute of the self-assessment wizard (web/src/engine/live.ts: partial scoreDense after one grade
 * changed), 320 changes from an empty sheet, first 20 as warm-up: p50 / p95 / max per call. Target < 16 ms (one
 * frame); the same call in Chromium is measured by BENCH=browser.
 */
function liveRecompute(compiled: CompiledScoring): void {
  const dense = new Int8Array(compiled.ids.length).fill(-1);
  const times: number[] = [];
  for (let i = 0; i < 320; i++) {
    dense[(i * 7) % dense.length] = [10, 8, 5, 0][i % 4]!;
    const t0 = performance.now();
    scoreDense(compiled, dense, { partial: true });
    if (i >= 20) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number): string => times[Math.floor(p * times.length)]!.toFixed(3);
  console.log(
    `  live recompute (partial, one change)  p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${times.at(-1)!.toFixed(3)} ms` +
      '  (target < 16 ms)',
  );
}

export function benchScoring(count = Number(process.env.BENCH_ASSESSMENTS ?? 100_000)): void {
  const model = loadModel(MODEL);
  console.log(
    `\nScoring engine — ${count.toLocaleString('en-US')} full random assessments per industry (${MODEL})`,
  );
  for (const industry of INDUSTRIES as IndustryId[]) {
    const compiled = compileScoring(model, industry);
    const pool = 1000;
    const rng = seededRng(2024);
    const objects = Array.from({ length: pool }, () => randomAssessment(compiled, rng));
    const dense = objects.map((o) => toDense(compiled, o));
    console.log(` ${industry}: ${compiled.ids.length} requirements`);
    const baseline = floatBaseline(compiled);
    const loop = measure(
      'float64 typed-array loop (baseline)',
      count,
      (i) => baseline(dense[i % pool]!) >= 0,
    );
    const engineDense = measure('engine scoreDense (exact)', count, (i) =>
      scoreDense(compiled, dense[i % pool]!),
    );
    const engineObject = measure('engine score, id → grade object', count, (i) =>
      score(compiled, objects[i % pool]!),
    );
    console.log(
      `  ratio engine/loop: dense ${((engineDense / loop) * 100).toFixed(1)} %, object input ${((engineObject / loop) * 100).toFixed(1)} %` +
        `  (target ≥ 25 % and ≥ 20,000/s)`,
    );
    liveRecompute(compiled);
  }
}
