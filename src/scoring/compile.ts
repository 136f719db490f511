/**
 * The compiled, exact scoring engine: compiling (this module). Scoring is run.ts, input parsing input.ts, the
 * trace trace.ts, the Table 3 conclusion conclusion.ts; the public API is index.ts.
 *
 * `compileScoring(model, industry, policy?)` turns the effective model into integer coefficients once:
 *   requirement scores are handled as tenths t ∈ {0, 5, 8, 10} (the Table 2 grades × 10), so for a cell
 *   (unit j, level l) with n requirements C = T/(10·n), T = Σ t. A weighted sum V = Σ r_k·C_k with exact
 *   rational weights r_k becomes V = (Σ coef_k·T_k) / D with D = lcm of the denominators of r_k/(10·n_k) and
 *   integer coef_k = r_k·D/(10·n_k). Every level has such a D (and every domain × level), and the total uses
 *   one common denominator D_S = lcm(D_S1..D_S5). The compiler checks that every numerator stays a safe
 *   integer (max numerator = 5·D_S ≤ 2^53 − 1), so the hot path is integer additions and multiplications
 *   on float64-represented safe integers — exact, no rounding anywhere.
 *
 * Numbers in the result: `Exact = { num, den, display }`, an exact fraction in lowest terms (safe integers,
 * den > 0) plus a display string rounded half up to `policy.displayDecimals` digits. Compare scores with
 * num/den (cross-multiplication), never with the display string.
 *
 * Missing requirements (`partial: true` only; otherwise an error lists them all): counted as 0 — the
 * conservative choice for a live/partial result, it can only understate — and listed in `missing`, with
 * per-unit `answered` / `total` counts.
 *
 * Pure: no I/O, no clock, no randomness. Per-compiled scratch buffers are reused between calls (the functions
 * are synchronous, so this is safe in JS' single thread), the result never aliases them.
 */
import { formatScaled, lcmBig, Rational } from '../exact/rational.js';
import { effectiveModel, effectiveUnits } from '../model/effective.js';
import { LEVEL_CODES, type IndustryId, type ScoringPolicy, type StandardModel } from '../model/types.js';
import { compileBands } from './conclusion.js';
import { ScoringError } from './errors.js';
import { compileGrades } from './input.js';
import { checkSafe, MAX_SAFE, primeFactors } from './numbers.js';
import { NLEV, type CompiledScoring, type Exact, type Internals } from './types.js';

/** Common denominator and integer coefficients of V = Σ r_k·T_k/(10·n_k). */
function linearForm(terms: { r: Rational; n: number }[]): { den: bigint; coefs: bigint[] } {
  let den = 1n;
  const fr = terms.map(({ r, n }) => {
    const f = r.div(Rational.of(10 * n));
    den = lcmBig(den, f.den);
    return f;
  });
  return { den, coefs: fr.map((f) => (f.num * den) / f.den) };
}

function tableFor(n: number, digits: number): readonly Exact[] {
  const out: Exact[] = [];
  for (let t = 0; t <= 10 * n; t++) {
    const r = Rational.of(t, 10 * n);
    out.push(Object.freeze({ num: Number(r.num), den: Number(r.den), display: r.toDecimalString(digits) }));
  }
  return Object.freeze(out);
}

/** Compiles the scorer of `industry` (see the module comment). Throws ScoringError on bad model/policy/industry. */
export function compileScoring(
  model: StandardModel,
  industry: IndustryId | string,
  policy?: Partial<ScoringPolicy>,
): CompiledScoring {
  const eff = effectiveModel(model, industry, policy);
  const pol = Object.freeze({ ...eff.policy });
  const units = effectiveUnits(eff);
  const U = units.length;

  const { byNumber, byString, gradeText, validMask } = compileGrades(model);

  // Dense layout.
  const ids: string[] = [];
  const index = new Map<string, number>();
  const cellStart = new Int32Array(U * NLEV);
  const cellEnd = new Int32Array(U * NLEV);
  const cellBase = new Int32Array(U * NLEV);
  const cellFlat: (Exact | null)[] = [null];
  const tableBase = new Map<number, number>();
  const unitTotal = new Int32Array(U);
  const unitDomain = new Int32Array(U);
  const domainUnitStart = new Int32Array(eff.domains.length + 1);
  let ui = 0;
  eff.domains.forEach((d, di) => {
    domainUnitStart[di] = ui;
    for (const u of d.units) {
      unitDomain[ui] = di;
      LEVEL_CODES.forEach((code, l) => {
        const k = ui * NLEV + l;
        cellStart[k] = ids.length;
        for (const r of u.levels[code].requirements) {
          const id = internalize(r.id);
          index.set(id, ids.length);
          ids.push(id);
        }
        cellEnd[k] = ids.length;
        const n = cellEnd[k]! - cellStart[k]!;
        if (n > 0) {
          let base = tableBase.get(n);
          if (base === undefined) {
            base = cellFlat.length;
            tableBase.set(n, base);
            cellFlat.push(...tableFor(n, pol.displayDecimals));
          }
          cellBase[k] = base;
        }
        unitTotal[ui] = unitTotal[ui]! + n;
      });
      ui++;
    }
  });
  domainUnitStart[eff.domains.length] = ui;
  if (ids.length > 0x7fffffff) throw new ScoringError('NUMERIC_RANGE', 'too many requirements');

  // Foreign requirement ids (other industries), for error messages.
  const foreign = new Map<string, string>();
  for (const [ind, table] of Object.entries(model.industries)) {
    if (ind === eff.industry) continue;
    for (const row of table.rows) {
      for (const code of LEVEL_CODES)
        for (const r of row.levels[code] ?? []) if (!index.has(r.id)) foreign.set(r.id, ind);
    }
  }

  // Level forms: r = unit weight / total (= α·β).
  const coefL = new Float64Array(U * NLEV);
  const levelDen = new Float64Array(NLEV);
  const levelDenBig: bigint[] = [];
  LEVEL_CODES.forEach((code, l) => {
    const terms: { k: number; r: Rational; n: number }[] = [];
    units.forEach((u, j) => {
      const k = j * NLEV + l;
      const n = cellEnd[k]! - cellStart[k]!;
      const w = u.levels[code].weight;
      if (n > 0 && !w.isZero()) terms.push({ k, r: w.div(eff.totalPercent), n });
    });
    if (terms.length === 0)
      throw new ScoringError('MODEL_INVALID', `level ${code} has no requirement at all`);
    const { den, coefs } = linearForm(terms);
    levelDenBig.push(den);
    levelDen[l] = checkSafe(den, `denominator of level ${code}`);
    terms.forEach((t, i) => (coefL[t.k] = checkSafe(coefs[i]!, 'coefficient')));
  });

  // Domain forms: r = β.
  const D = eff.domains.length;
  const coefB = new Float64Array(U * NLEV);
  const domainDen = new Float64Array(D * NLEV);
  const domainDenBig: bigint[] = [];
  eff.domains.forEach((d, di) => {
    LEVEL_CODES.forEach((code, l) => {
      const terms: { k: number; r: Rational; n: number }[] = [];
      for (let j = domainUnitStart[di]!; j < domainUnitStart[di + 1]!; j++) {
        const k = j * NLEV + l;
        const n = cellEnd[k]! - cellStart[k]!;
        const beta = units[j]!.levels[code].beta;
        if (n > 0 && !beta.isZero()) terms.push({ k, r: beta, n });
      }
      if (terms.length === 0) return; // domainDen stays 0: no B at this level
      const { den, coefs } = linearForm(terms);
      domainDenBig.push(den);
      domainDen[di * NLEV + l] = checkSafe(den, `denominator of domain ${d.id} × ${code}`);
      terms.forEach((t, i) => (coefB[t.k] = Number(coefs[i]!)));
    });
  });

  // Total: common denominator.
  let totalDenBig = 1n;
  for (const d of levelDenBig) totalDenBig = lcmBig(totalDenBig, d);
  const bigTotal = 5n * totalDenBig > MAX_SAFE ? { den: totalDenBig } : null;
  const totalDen = bigTotal ? 0 : Number(totalDenBig);
  const levelMul = new Float64Array(levelDenBig.map((d) => (bigTotal ? 0 : Number(totalDenBig / d))));
  const scaleBig = 10n ** BigInt(pol.displayDecimals);
  // Display by integer arithmetic needs num·10^digits·2 safe: num ≤ 5·D_S for levels/total, ≤ den for domains.
  const fastDisplay = [bigTotal ? 5n : 5n * totalDenBig, ...levelDenBig, ...domainDenBig].every(
    (x) => x * scaleBig * 2n <= MAX_SAFE,
  );

  // Thresholds.
  const threshold = Rational.parse(pol.levelMetThreshold);
  const metMin = new Float64Array(
    levelDenBig.map((den) => {
      const x = threshold.mul(Rational.of(den));
      return Number(pol.levelMetComparison === 'at-least' ? x.ceil() : x.floor() + 1n);
    }),
  );

  const { bands, below } = compileBands(eff.bands, totalDenBig);

  const c: Internals = {
    units,
    unitDomain,
    cellStart,
    cellEnd,
    cellFlat,
    cellBase,
    unitTotal,
    levelPrimes: levelDenBig.map(primeFactors),
    domainPrimes: [...domainDen].map((d) => (d > 0 ? primeFactors(BigInt(d)) : null)),
    totalPrimes: bigTotal ? null : primeFactors(totalDenBig),
    bigTotal,
    coefL,
    levelDen,
    coefB,
    domainDen,
    domainUnitStart,
    totalDen,
    levelMul,
    metMin,
    bands,
    below,
    validMask,
    byNumber,
    gradeNums: Float64Array.from(byNumber.keys()),
    gradeTenths: Int32Array.from(byNumber.values()),
    byString,
    gradeText,
    foreign,
    digits: pol.displayDecimals,
    scale: Number(scaleBig),
    fastDisplay,
    displayCache: [],
    one: Object.freeze({ num: 1, den: 1, display: formatScaled(Number(scaleBig), pol.displayDecimals) }),
    dense: new Int8Array(ids.length),
    cellSum: new Int32Array(U * NLEV),
    cellMiss: new Int32Array(U * NLEV),
  };
  return Object.freeze({
    modelId: eff.modelId,
    industry: eff.industry,
    policy: pol,
    effective: eff,
    ids: Object.freeze(ids),
    index,
    c,
  });
}

/**
 * The internalized copy of a string: ids read from JSON are string values, not interned; keyed lookups
 * `input[id]` with an interned id skip the string-table probe (measurably faster on large inputs).
 */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

/** Requirement ids of the compiled model, in dense order. */
export function allRequirementIds(compiled: CompiledScoring): readonly string[] {
  return compiled.ids;
}
