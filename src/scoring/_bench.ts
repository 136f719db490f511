import { loadModel } from '../model/load.js';
import { compileScoring, score, scoreDense, randomAssessment, seededRng, toDense } from './index.js';
const m = loadModel('nfm-dtmm-2024-draft');
const ind = process.argv[2] as 'mining';
const c = compileScoring(m, ind);
const rng = seededRng(7);
const inputs = Array.from({ length: 200 }, () => randomAssessment(c, rng));
const dense = inputs.map((i) => toDense(c, i));
const fdense = dense.map((d) => Float64Array.from(d, (t) => t / 10));
const { cellStart, cellEnd, coefL, coefB, domainUnitStart, levelDen, domainDen } = c.c;
const K = cellStart.length,
  D = domainUnitStart.length - 1;
const w = new Float64Array(K),
  wb = new Float64Array(K);
for (let k = 0; k < K; k++) {
  const n = cellEnd[k]! - cellStart[k]!;
  const l = k % 5;
  const d = c.c.unitDomain[Math.floor(k / 5)]!;
  w[k] = n ? (coefL[k]! * 10 * n) / levelDen[l]! : 0;
  wb[k] = n ? (coefB[k]! * 10 * n) / domainDen[d * 5 + l]! : 0;
}
const cell = new Float64Array(K),
  dom = new Float64Array(D * 5),
  lev = new Float64Array(5);
function baseline(x: Float64Array): number {
  for (let k = 0; k < K; k++) {
    let s = 0;
    const b = cellStart[k]!,
      e = cellEnd[k]!;
    for (let i = b; i < e; i++) s += x[i]!;
    cell[k] = e > b ? s / (e - b) : 0;
  }
  for (let d = 0; d < D; d++)
    for (let l = 0; l < 5; l++) {
      let s = 0;
      for (let j = domainUnitStart[d]!; j < domainUnitStart[d + 1]!; j++)
        s += wb[j * 5 + l]! * cell[j * 5 + l]!;
      dom[d * 5 + l] = s;
    }
  let S = 0;
  for (let l = 0; l < 5; l++) {
    let s = 0;
    for (let k = l; k < K; k += 5) s += w[k]! * cell[k]!;
    lev[l] = s;
    S += s >= 0.8 ? 1 : s;
  }
  return S;
}
const scoreDenseCheck = scoreDense(c, dense[0]!);
if (Math.abs(baseline(fdense[0]!) - scoreDenseCheck.total.num / scoreDenseCheck.total.den) > 1e-9)
  throw new Error('baseline mismatch');
function bench(f: (i: number) => unknown): number {
  const N = 20000;
  const t0 = performance.now();
  for (let q = 0; q < N; q++) f(q % 200);
  return (N / (performance.now() - t0)) * 1000;
}
const best = { base: 0, dense: 0, rec: 0 };
for (let r = 0; r < 8; r++) {
  best.base = Math.max(
    best.base,
    bench((i) => baseline(fdense[i]!)),
  );
  best.dense = Math.max(
    best.dense,
    bench((i) => scoreDense(c, dense[i]!)),
  );
  best.rec = Math.max(
    best.rec,
    bench((i) => score(c, inputs[i]!)),
  );
}
console.log(
  ind,
  c.ids.length,
  'reqs | float baseline',
  Math.round(best.base),
  '| scoreDense',
  Math.round(best.dense),
  `(${((best.dense / best.base) * 100).toFixed(0)} %)`,
  '| score(record)',
  Math.round(best.rec),
);
