/**
 * The compiled, exact scoring engine.
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
import {
  effectiveModel,
  effectiveUnits,
  type EffectiveModel,
  type EffectiveUnit,
} from '../model/effective.js';
import {
  LEVEL_CODES,
  type IndustryId,
  type LevelBand,
  type LevelCode,
  type ScoringPolicy,
  type StandardModel,
} from '../model/types.js';
import { inputError, ScoringError, type ScoringIssue } from './errors.js';
import { formatScaled, lcmBig, Rational } from './rational.js';
import { referenceScore, type RefResult } from './reference.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NLEV = 5;

/** An exact non-negative rational: lowest terms, safe integers; `display` rounded half up. */
export interface Exact {
  num: number;
  den: number;
  display: string;
}

/** A requirement's score as accepted in input. null / undefined = not scored. */
export type ScoreValue = number | string | null | undefined;

/** id → score value, as a plain object, a Map, or a list of [id, value] entries. */
export type ScoreInput =
  | Readonly<Record<string, ScoreValue>>
  | ReadonlyMap<string, ScoreValue>
  | Iterable<readonly [string, ScoreValue]>;

export interface ScoreOptions {
  /** Accept missing scores (counted as 0, listed in `missing`). Default false: missing scores are an error. */
  partial?: boolean;
  /** Add an exact trace explaining every number. Default false. */
  trace?: boolean;
}

export interface UnitResult {
  id: string;
  name: string;
  domainId: string;
  /** C per level; null only for a cell without requirements (none in the standard). */
  levels: Record<LevelCode, Exact | null>;
  /** Number of requirements of the unit (all levels) that have a score. */
  answered: number;
  total: number;
}

export interface DomainResult {
  id: string;
  name: string;
  /** B per level; null only when no unit of the domain has requirements at that level. */
  levels: Record<LevelCode, Exact | null>;
}

export interface LevelResult {
  level: LevelCode;
  /** L = Σ α·B. */
  score: Exact;
  /** L reaches the threshold (policy comparison). */
  met: boolean;
  /** Some lower level is not met. */
  lowerUnmet: boolean;
  /** Counted as 1 in the total. Without gating = met; with gating = met && !lowerUnmet. */
  counted: boolean;
  /** met && lowerUnmet: the level is reached although a lower one is not (gating flag). */
  flagged: boolean;
  /** What the level adds to the total: 1 if counted, else L. */
  contribution: Exact;
}

export interface Conclusion {
  /** 1..5, or 0 below level 1. */
  level: number;
  /** 一级 … 五级, or 未达一级. */
  ordinal: string;
  /** 规范级 … 生态级, or 未达一级. */
  name: string;
  nameEn: string;
  belowLevel1: boolean;
  /** The Table 3 interval ("0.8≤S<1.8"), or "S<0.8". */
  interval: string;
}

export interface ScoreResult {
  modelId: string;
  industry: IndustryId;
  policy: ScoringPolicy;
  /** True when every requirement had a score. */
  complete: boolean;
  /** Requirement ids without a score (partial mode only; counted as 0), in model order. */
  missing: string[];
  units: UnitResult[];
  domains: DomainResult[];
  levels: LevelResult[];
  total: Exact;
  conclusion: Conclusion;
  /** Levels flagged as met although a lower level is not. */
  gatingFlags: LevelCode[];
  trace?: Trace;
}

export interface TraceRequirement {
  id: string;
  /** The grade's exact score ("0.8"), or null when missing (counted as 0). */
  score: string | null;
}

export interface TraceTerm {
  /** Unit id (domain terms) or domain id (level terms). */
  id: string;
  /** β (domain terms) or α (level terms). */
  weight: Exact;
  /** C (domain terms) or B (level terms). */
  value: Exact;
  product: Exact;
}

export interface Trace {
  units: {
    unitId: string;
    level: LevelCode;
    requirements: TraceRequirement[];
    n: number;
    sum: Exact;
    mean: Exact | null;
    formula: string;
  }[];
  domains: { domainId: string; level: LevelCode; terms: TraceTerm[]; value: Exact | null; formula: string }[];
  levels: {
    level: LevelCode;
    terms: TraceTerm[];
    value: Exact;
    threshold: string;
    comparison: ScoringPolicy['levelMetComparison'];
    met: boolean;
    lowerUnmet: boolean;
    counted: boolean;
    contribution: Exact;
    formula: string;
  }[];
  total: {
    terms: { level: LevelCode; counted: boolean; contribution: Exact }[];
    value: Exact;
    formula: string;
  };
  conclusion: string;
}

/** A compiled scorer for one model × industry × policy. Treat as opaque except for the documented fields. */
export interface CompiledScoring {
  readonly modelId: string;
  readonly industry: IndustryId;
  readonly policy: ScoringPolicy;
  readonly effective: EffectiveModel;
  /** Requirement ids in dense order (domains in Table 1 order → units → levels S1..S5 → seq). */
  readonly ids: readonly string[];
  /** Requirement id → dense index. */
  readonly index: ReadonlyMap<string, number>;
  /** @internal */
  readonly c: Internals;
}

interface Internals {
  units: EffectiveUnit[];
  unitDomain: Int32Array;
  /** Per cell k = unit·5 + level: requirement index range and n. */
  cellStart: Int32Array;
  cellEnd: Int32Array;
  /** Shared frozen Exact values: C of cell k with sum T is cellFlat[cellBase[k] + T] (null for an empty cell). */
  cellFlat: (Exact | null)[];
  cellBase: Int32Array;
  /** Requirements per unit (all levels). */
  unitTotal: Int32Array;
  /** Prime factors of each denominator, for reducing fractions (null: use Euclid). */
  levelPrimes: (Int32Array | null)[];
  domainPrimes: (Int32Array | null)[];
  totalPrimes: Int32Array | null;
  /** Level numerators: N_l = Σ_k coefL[k]·T_k over cells of level l; denominator levelDen[l]. */
  coefL: Float64Array;
  levelDen: Float64Array;
  /** Domain numerators: NB[d·5+l] = Σ coefB[k]·T_k over cells of the domain; denominator domainDen[d·5+l] (0 = none). */
  coefB: Float64Array;
  domainDen: Float64Array;
  /** Units of each domain: unit index range [domainUnitStart[d], domainUnitStart[d+1]). */
  domainUnitStart: Int32Array;
  /** Total: S·totalDen = Σ counted ? totalDen : N_l·levelMul[l]. */
  totalDen: number;
  levelMul: Float64Array;
  /** L_l met iff N_l ≥ metMin[l]. */
  metMin: Float64Array;
  /** Bands by level, S·totalDen within [low, high] (inclusive integer bounds). */
  bands: {
    band: LevelBand;
    low: number;
    high: number;
    lowBig: bigint;
    highBig: bigint;
    conclusion: Conclusion;
  }[];
  /**
   * Set when 5·D_S would leave the safe-integer range (never for the standard; possible for models whose
   * five level denominators share few factors): the total alone is then summed in bigint (5 operations).
   */
  bigTotal: { den: bigint } | null;
  below: Conclusion;
  /** Bit t set ⇔ t tenths is a grade. */
  validMask: number;
  /** Grade numbers (1, 0.8 …) → tenths. */
  byNumber: Map<number, number>;
  gradeNums: Float64Array;
  gradeTenths: Int32Array;
  /** Accepted strings (score strings, keys, labels) → tenths. */
  byString: Map<string, number>;
  /** Tenths → the grade's exact score string. */
  gradeText: string[];
  /** Requirements of other industries → industry. */
  foreign: Map<string, string>;
  digits: number;
  scale: number;
  /** True when num·10^digits·2 stays safe for every value: display by integer arithmetic. */
  fastDisplay: boolean;
  displayCache: string[];
  /** The value 1. */
  one: Exact;
  /** Scratch. */
  dense: Int8Array;
  cellSum: Int32Array;
  cellMiss: Int32Array;
}

const MISSING = -1;
const GIVEN_NULL = -2;
const BAD = -3;

function checkSafe(x: bigint, what: string): number {
  if (x > MAX_SAFE || x < -MAX_SAFE) {
    throw new ScoringError('NUMERIC_RANGE', `${what} exceeds the safe integer range (${x})`);
  }
  return Number(x);
}

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

function intervalText(b: LevelBand): string {
  return `${b.min}≤S${b.maxInclusive ? '≤' : '<'}${b.max}`;
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

  // Grades.
  const byNumber = new Map<number, number>();
  const byString = new Map<string, number>();
  const gradeText: string[] = [];
  let validMask = 0;
  for (const g of model.satisfaction) {
    const s = Rational.parse(g.score);
    const t10 = s.mul(Rational.of(10));
    if (!t10.isInteger() || t10.num < 0n || t10.num > 10n) {
      throw new ScoringError('MODEL_INVALID', `grade ${g.key} score ${g.score} is not a tenth in [0, 1]`);
    }
    const t = Number(t10.num);
    validMask |= 1 << t;
    byNumber.set(Number(g.score), t);
    gradeText[t] = s.toDecimalString(t % 10 === 0 ? 0 : 1);
    for (const k of [g.score, gradeText[t]!, g.key, g.label, g.labelEn]) byString.set(k, t);
  }

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

  // Bands (Table 3): contiguous, ascending.
  const bands = eff.bands.map((b) => {
    const min = Rational.parse(b.min).mul(Rational.of(totalDenBig));
    const max = Rational.parse(b.max).mul(Rational.of(totalDenBig));
    const conclusion: Conclusion = Object.freeze({
      level: b.level,
      ordinal: b.ordinal,
      name: b.name,
      nameEn: b.nameEn,
      belowLevel1: false,
      interval: intervalText(b),
    });
    const lowBig = min.ceil();
    const highBig = b.maxInclusive ? max.floor() : max.ceil() - 1n;
    return {
      band: b,
      low: Number(lowBig),
      high: Number(highBig),
      lowBig,
      highBig,
      conclusion,
    };
  });
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!.band;
    const next = bands[i + 1]?.band;
    if (next && (b.max !== next.min || b.maxInclusive)) {
      throw new ScoringError(
        'MODEL_INVALID',
        `Table 3 bands ${b.level} and ${next.level} are not contiguous`,
      );
    }
  }
  if (bands.length === 0) throw new ScoringError('MODEL_INVALID', 'no Table 3 bands');
  const first = bands[0]!.band;
  const below: Conclusion = Object.freeze({
    level: 0,
    ordinal: '未达一级',
    name: '未达一级',
    nameEn: 'Below level 1',
    belowLevel1: true,
    interval: `S<${first.min}`,
  });

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

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Distinct prime factors of the denominator n, when every numerator over n (≤ 5·n) fits in int32 — then the
 * reduction in `exact` runs on int32 (fast integer modulo); otherwise null (Euclid on doubles).
 */
function primeFactors(n: bigint): Int32Array | null {
  if (5n * n > 0x7fffffffn) return null;
  let x = Number(n);
  const ps: number[] = [];
  for (let p = 2; p * p <= x; p += p === 2 ? 1 : 2) {
    if (x % p === 0) {
      ps.push(p);
      while (x % p === 0) x /= p;
    }
  }
  if (x > 1) ps.push(x);
  return Int32Array.from(ps);
}

/**
 * Exact value num/den (0 ≤ num ≤ 5·den, safe integers) → reduced Exact with its display string. `primes`:
 * the prime factors of den (cheaper than Euclid: only the few primes of den can divide both).
 */
function exact(c: Internals, num: number, den: number, primes: Int32Array | null): Exact {
  let display: string;
  if (c.fastDisplay) {
    // q = round half up (num·scale / den), by exact integer arithmetic.
    const a = num * c.scale;
    let q = Math.floor(a / den);
    let r = a - q * den;
    if (r < 0) {
      q--;
      r += den;
    } else if (r >= den) {
      q++;
      r -= den;
    }
    if (2 * r >= den) q++;
    display = c.displayCache[q] ?? (c.displayCache[q] = formatScaled(q, c.digits));
  } else {
    display = Rational.of(BigInt(num), BigInt(den)).toDecimalString(c.digits);
  }
  if (primes === null) {
    const g = gcd(num, den);
    return { num: num / g, den: den / g, display };
  }
  let n = num | 0;
  let d = den | 0;
  for (let i = 0; i < primes.length; i++) {
    const p = primes[i]!;
    while (n % p === 0 && d % p === 0) {
      n = (n / p) | 0;
      d = (d / p) | 0;
    }
  }
  return { num: n, den: d, display };
}

function isMissingValue(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && (Number.isNaN(v) || v === MISSING));
}

function describe(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null
    ? v
    : String(v);
}

/**
 * Tenths (10, 8, 5, 0) of an accepted score value; undefined for null/undefined (not scored); throws a
 * BAD_VALUE ScoringError for anything else.
 */
export function parseScoreValue(compiled: CompiledScoring, v: ScoreValue, id = '?'): number | undefined {
  if (v === null || v === undefined) return undefined;
  const t = tenthsOf(compiled.c, v);
  if (t === BAD) {
    throw new ScoringError(
      'BAD_VALUE',
      `${id}: bad value ${JSON.stringify(describe(v))}`,
      [id],
      [
        {
          kind: 'bad-value',
          id,
          value: describe(v),
          message: `${id}: bad value ${JSON.stringify(describe(v))}`,
        },
      ],
    );
  }
  return t;
}

/** Tenths of a score value, or BAD. */
function tenthsOf(c: Internals, v: ScoreValue): number {
  if (typeof v === 'number') {
    const t = c.byNumber.get(v);
    return t === undefined ? BAD : t;
  }
  if (typeof v === 'string') {
    const t = c.byString.get(v);
    if (t !== undefined) return t;
    const s = v.trim();
    const t2 = c.byString.get(s);
    if (t2 !== undefined) return t2;
    const r = Rational.tryParse(s);
    if (r) {
      const x = r.mul(Rational.of(10));
      if (x.isInteger() && x.num >= 0n && x.num <= 10n && ((c.validMask >>> Number(x.num)) & 1) === 1) {
        return Number(x.num);
      }
    }
  }
  return BAD;
}

/**
 * Fast path for a plain-object input: looks every requirement up by id (no Map, no key array) and writes
 * its tenths into `dense` (BAD for a bad value). Returns the number of ids found, or -1 if a value was bad.
 */
function readRecord(
  compiled: CompiledScoring,
  rec: Readonly<Record<string, ScoreValue>>,
  dense: Int8Array,
): number {
  const c = compiled.c;
  const ids = compiled.ids;
  const gradeNums = c.gradeNums;
  const gradeTenths = c.gradeTenths;
  const G = gradeNums.length;
  let found = 0;
  let bad = false;
  for (let i = 0; i < ids.length; i++) {
    const v = rec[ids[i]!];
    if (v === undefined) continue;
    found++;
    let t = BAD;
    if (typeof v === 'number') {
      for (let g = 0; g < G; g++) if (gradeNums[g] === v) t = gradeTenths[g]!;
    } else if (v === null) t = GIVEN_NULL;
    else t = tenthsOf(c, v);
    if (t === BAD) bad = true;
    dense[i] = t;
  }
  return bad ? -1 : found;
}

/**
 * Scores an assessment given as id → value (plain object, Map, or [id, value] entries). Values: 1, 0.8, 0.5,
 * 0 (numbers or exact decimal strings "0.8", "0.80"), keys full | mostly | partly | none, Chinese labels
 * 全部满足 | 大部分满足 | 部分满足 | 不满足 (and the English labels). null / undefined = not scored.
 */
export function score(compiled: CompiledScoring, input: ScoreInput, options?: ScoreOptions): ScoreResult {
  const c = compiled.c;
  const dense = c.dense;
  dense.fill(MISSING);
  const issues: ScoringIssue[] = [];
  const index = compiled.index;
  const put = (id: string, v: ScoreValue, checkDup: boolean): void => {
    const i = index.get(id);
    if (i === undefined) {
      const other = c.foreign.get(id);
      issues.push({
        kind: 'unknown',
        id,
        ...(other !== undefined ? { belongsTo: other } : {}),
        message:
          other !== undefined
            ? `${id}: belongs to industry ${other}, not ${compiled.industry}`
            : `${id}: unknown requirement id`,
      });
      return;
    }
    if (checkDup && dense[i] !== MISSING) {
      issues.push({ kind: 'duplicate', id, message: `${id}: given more than once` });
      return;
    }
    if (v === null || v === undefined) {
      dense[i] = GIVEN_NULL;
      return;
    }
    const t = tenthsOf(c, v);
    if (t === BAD) {
      dense[i] = BAD;
      issues.push({
        kind: 'bad-value',
        id,
        value: describe(v),
        message: `${id}: bad value ${JSON.stringify(describe(v))} (expected 1, 0.8, 0.5, 0 or a grade key/label)`,
      });
      return;
    }
    dense[i] = t;
  };
  if (input instanceof Map) {
    for (const [id, v] of input as ReadonlyMap<string, ScoreValue>) put(id, v, false);
  } else if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const e of input as Iterable<readonly [string, ScoreValue]>) {
      if (!Array.isArray(e) || typeof e[0] !== 'string') {
        throw new ScoringError('BAD_INPUT', 'entries must be [requirementId, value] pairs');
      }
      put(e[0], e[1], true);
    }
  } else if (input !== null && typeof input === 'object') {
    const rec = input as Readonly<Record<string, ScoreValue>>;
    const found = readRecord(compiled, rec, dense);
    // Unknown keys, or bad values (marked BAD by readRecord): walk the keys to report them.
    if (found < 0 || Object.keys(rec).length !== found) {
      for (const id in rec) {
        if (!Object.prototype.hasOwnProperty.call(rec, id)) continue;
        const i = index.get(id);
        if (i === undefined || dense[i] === BAD) put(id, rec[id], false);
      }
    }
  } else {
    throw new ScoringError('BAD_INPUT', 'input must be an object, a Map or a list of [id, value] entries');
  }
  return run(compiled, dense, options, issues);
}

/**
 * Scores an assessment given densely, in `allRequirementIds(compiled)` order, as tenths: 10, 8, 5, 0
 * (Int8Array or number array). Missing: -1 (or null / undefined / NaN in a plain array).
 */
export function scoreDense(
  compiled: CompiledScoring,
  tenths: Int8Array | ArrayLike<number | null | undefined>,
  options?: ScoreOptions,
): ScoreResult {
  if (tenths.length !== compiled.ids.length) {
    throw new ScoringError(
      'BAD_INPUT',
      `dense input has ${tenths.length} values, the model of ${compiled.industry} has ${compiled.ids.length} requirements`,
    );
  }
  return run(compiled, tenths as ArrayLike<number>, options, undefined);
}

/** The core. `issues` is undefined for dense input (bad values are found here), else the parse issues. */
function run(
  compiled: CompiledScoring,
  tenths: ArrayLike<number>,
  options: ScoreOptions | undefined,
  parseIssues: ScoringIssue[] | undefined,
): ScoreResult {
  const c = compiled.c;
  const partial = options?.partial === true;
  const { cellStart, cellEnd, cellSum, cellMiss, validMask } = c;
  const K = cellStart.length;
  let anyIrregular = false;

  // 1. Cell sums T_k (tenths). Regular values: integer 0..15 with the grade bit set.
  for (let k = 0; k < K; k++) {
    let s = 0;
    let miss = 0;
    const e = cellEnd[k]!;
    for (let i = cellStart[k]!; i < e; i++) {
      const t = tenths[i]!;
      if (t !== (t & 15) || ((validMask >>> t) & 1) === 0) {
        miss++;
        anyIrregular = true;
      } else {
        s += t;
      }
    }
    cellSum[k] = s;
    cellMiss[k] = miss;
  }

  // 2. Irregular values: missing, or bad (dense input).
  let missing: string[] = [];
  if (anyIrregular || (parseIssues !== undefined && parseIssues.length > 0)) {
    const issues: ScoringIssue[] = parseIssues ?? [];
    const missIssues: ScoringIssue[] = [];
    for (let i = 0; i < tenths.length; i++) {
      const t = tenths[i];
      if (t !== undefined && t !== null && t === (t & 15) && ((validMask >>> t) & 1) === 1) continue;
      const id = compiled.ids[i]!;
      if (parseIssues !== undefined) {
        if (t === MISSING || t === GIVEN_NULL) {
          missing.push(id);
          missIssues.push({ kind: 'missing', id, message: `${id}: no score` });
        }
        // BAD in parsed input was already reported.
      } else if (isMissingValue(t)) {
        missing.push(id);
        missIssues.push({ kind: 'missing', id, message: `${id}: no score` });
      } else {
        issues.push({
          kind: 'bad-value',
          id,
          value: describe(t),
          message: `${id}: bad value ${JSON.stringify(describe(t))} (expected tenths 10, 8, 5, 0 or -1 for missing)`,
        });
      }
    }
    if (!partial) issues.push(...missIssues);
    if (issues.length > 0) {
      throw inputError(issues);
    }
  } else {
    missing = [];
  }

  // 3. Units.
  const units = c.units;
  const U = units.length;
  const unitResults: UnitResult[] = new Array(U);
  const { cellFlat, cellBase, unitTotal } = c;
  for (let j = 0; j < U; j++) {
    const k = j * NLEV;
    const u = units[j]!;
    const total = unitTotal[j]!;
    const miss = anyIrregular
      ? cellMiss[k]! + cellMiss[k + 1]! + cellMiss[k + 2]! + cellMiss[k + 3]! + cellMiss[k + 4]!
      : 0;
    unitResults[j] = {
      id: u.id,
      name: u.name,
      domainId: u.domainId,
      levels: {
        S1: cellFlat[cellBase[k]! + cellSum[k]!]!,
        S2: cellFlat[cellBase[k + 1]! + cellSum[k + 1]!]!,
        S3: cellFlat[cellBase[k + 2]! + cellSum[k + 2]!]!,
        S4: cellFlat[cellBase[k + 3]! + cellSum[k + 3]!]!,
        S5: cellFlat[cellBase[k + 4]! + cellSum[k + 4]!]!,
      },
      answered: total - miss,
      total,
    };
  }

  // 4. Domains.
  const eff = compiled.effective;
  const D = eff.domains.length;
  const { coefB, domainDen, domainUnitStart } = c;
  const domainResults: DomainResult[] = new Array(D);
  const domainPrimes = c.domainPrimes;
  for (let d = 0; d < D; d++) {
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    let n4 = 0;
    const end = domainUnitStart[d + 1]! * NLEV;
    for (let k = domainUnitStart[d]! * NLEV; k < end; k += NLEV) {
      n0 += coefB[k]! * cellSum[k]!;
      n1 += coefB[k + 1]! * cellSum[k + 1]!;
      n2 += coefB[k + 2]! * cellSum[k + 2]!;
      n3 += coefB[k + 3]! * cellSum[k + 3]!;
      n4 += coefB[k + 4]! * cellSum[k + 4]!;
    }
    const dd = d * NLEV;
    const dom = eff.domains[d]!;
    domainResults[d] = {
      id: dom.id,
      name: dom.name,
      levels: {
        S1: domainDen[dd]! > 0 ? exact(c, n0, domainDen[dd]!, domainPrimes[dd] ?? null) : null,
        S2: domainDen[dd + 1]! > 0 ? exact(c, n1, domainDen[dd + 1]!, domainPrimes[dd + 1] ?? null) : null,
        S3: domainDen[dd + 2]! > 0 ? exact(c, n2, domainDen[dd + 2]!, domainPrimes[dd + 2] ?? null) : null,
        S4: domainDen[dd + 3]! > 0 ? exact(c, n3, domainDen[dd + 3]!, domainPrimes[dd + 3] ?? null) : null,
        S5: domainDen[dd + 4]! > 0 ? exact(c, n4, domainDen[dd + 4]!, domainPrimes[dd + 4] ?? null) : null,
      },
    };
  }

  // 5. Levels and total.
  const { coefL, levelDen, levelMul, metMin, totalDen } = c;
  const gating = compiled.policy.gating;
  const levelResults: LevelResult[] = new Array(NLEV);
  const gatingFlags: LevelCode[] = [];
  let sNum = 0;
  let lowerUnmet = false;
  for (let l = 0; l < NLEV; l++) {
    let n = 0;
    for (let k = l; k < K; k += NLEV) n += coefL[k]! * cellSum[k]!;
    const met = n >= metMin[l]!;
    const counted = met && !(gating && lowerUnmet);
    const flagged = met && lowerUnmet;
    const code = LEVEL_CODES[l]!;
    if (flagged) gatingFlags.push(code);
    const sc = exact(c, n, levelDen[l]!, c.levelPrimes[l] ?? null);
    sNum += counted ? totalDen : n * levelMul[l]!;
    levelResults[l] = {
      level: code,
      score: sc,
      met,
      lowerUnmet,
      counted,
      flagged,
      contribution: counted ? c.one : sc,
    };
    if (!met) lowerUnmet = true;
  }
  let total: Exact;
  let conclusion = c.below;
  let aboveFirst: boolean;
  if (c.bigTotal === null) {
    total = exact(c, sNum, totalDen, c.totalPrimes);
    for (const b of c.bands) if (sNum >= b.low && sNum <= b.high) conclusion = b.conclusion;
    aboveFirst = sNum >= c.bands[0]!.low;
  } else {
    const den = c.bigTotal.den;
    let sBig = 0n;
    for (let l = 0; l < NLEV; l++) {
      const lv = levelResults[l]!;
      sBig += lv.counted ? den : BigInt(lv.score.num) * (den / BigInt(lv.score.den));
    }
    const sr = Rational.of(sBig, den);
    if (sr.num > MAX_SAFE || sr.den > MAX_SAFE) {
      throw new ScoringError(
        'NUMERIC_RANGE',
        `total S = ${sr.toFractionString()} has no safe-integer fraction form (the model's per-level weights ` +
          'have very large denominators)',
      );
    }
    total = toExact(c, sr);
    for (const b of c.bands) if (sBig >= b.lowBig && sBig <= b.highBig) conclusion = b.conclusion;
    aboveFirst = sBig >= c.bands[0]!.lowBig;
  }
  if (conclusion === c.below && aboveFirst) {
    throw new ScoringError('INTERNAL', `total ${total.num}/${total.den} falls in no Table 3 band`);
  }

  const result: ScoreResult = {
    modelId: compiled.modelId,
    industry: compiled.industry,
    policy: compiled.policy,
    complete: missing.length === 0,
    missing,
    units: unitResults,
    domains: domainResults,
    levels: levelResults,
    total,
    conclusion,
    gatingFlags,
  };
  if (options?.trace === true) result.trace = buildTrace(compiled, tenths, result);
  return result;
}

function toExact(c: Internals, r: Rational): Exact {
  return {
    num: checkSafe(r.num, 'trace numerator'),
    den: checkSafe(r.den, 'trace denominator'),
    display: r.toDecimalString(c.digits),
  };
}

function sameExact(a: Exact | null, r: Rational | null): boolean {
  if (a === null || r === null) return a === r;
  return BigInt(a.num) === r.num && BigInt(a.den) === r.den;
}

/** Trace from the reference evaluator; checks it against the compiled numbers. */
function buildTrace(compiled: CompiledScoring, tenths: ArrayLike<number>, result: ScoreResult): Trace {
  const c = compiled.c;
  const tenth = Rational.of(1, 10);
  const ref: RefResult = referenceScore(compiled.effective, (id) => {
    const t = tenths[compiled.index.get(id)!];
    return t === undefined || t === null || t < 0 || Number.isNaN(t) ? null : Rational.of(t).mul(tenth);
  });
  const fail = (what: string): never => {
    throw new ScoringError('INTERNAL', `trace disagrees with the compiled engine on ${what}`);
  };
  const d = c.digits;
  const fmt = (r: Rational): string =>
    r.isInteger() ? r.toFractionString() : `${r.toFractionString()} ≈ ${r.toDecimalString(d)}`;

  const unitById = new Map(result.units.map((u) => [u.id, u]));
  const domainById = new Map(result.domains.map((x) => [x.id, x]));
  const units: Trace['units'] = ref.units.map((cell) => {
    if (!sameExact(unitById.get(cell.unitId)!.levels[cell.level], cell.mean))
      fail(`C(${cell.unitId}, ${cell.level})`);
    const reqs = cell.requirements.map((r) => ({
      id: r.id,
      score:
        r.score === null
          ? null
          : (c.gradeText[Number(r.score.mul(Rational.of(10)).num)] ?? r.score.toFractionString()),
    }));
    const n = reqs.length;
    return {
      unitId: cell.unitId,
      level: cell.level,
      requirements: reqs,
      n,
      sum: toExact(c, cell.sum),
      mean: cell.mean === null ? null : toExact(c, cell.mean),
      formula:
        cell.mean === null
          ? 'C undefined: no requirement at this level'
          : `C = (${reqs.map((r) => r.score ?? '0[missing]').join(' + ')}) / ${n} = ${fmt(cell.mean)}`,
    };
  });
  const domains: Trace['domains'] = ref.domains.map((cell) => {
    if (!sameExact(domainById.get(cell.domainId)!.levels[cell.level], cell.value)) {
      fail(`B(${cell.domainId}, ${cell.level})`);
    }
    return {
      domainId: cell.domainId,
      level: cell.level,
      terms: cell.terms.map((t) => ({
        id: t.id,
        weight: toExact(c, t.weight),
        value: toExact(c, t.value),
        product: toExact(c, t.product),
      })),
      value: cell.value === null ? null : toExact(c, cell.value),
      formula:
        cell.value === null
          ? 'B undefined: no unit with requirements at this level'
          : `B = ${cell.terms.map((t) => `${t.weight.toFractionString()}·${t.value.toFractionString()}`).join(' + ')} = ${fmt(cell.value)}`,
    };
  });
  const threshold = compiled.policy.levelMetThreshold;
  const cmp = compiled.policy.levelMetComparison === 'at-least' ? '≥' : '>';
  const levels: Trace['levels'] = ref.levels.map((lv, l) => {
    const fast = result.levels[l]!;
    if (!sameExact(fast.score, lv.value) || fast.met !== lv.metByThreshold || fast.counted !== lv.counted) {
      fail(`L(${lv.level})`);
    }
    return {
      level: lv.level,
      terms: lv.terms.map((t) => ({
        id: t.id,
        weight: toExact(c, t.weight),
        value: toExact(c, t.value),
        product: toExact(c, t.product),
      })),
      value: toExact(c, lv.value),
      threshold,
      comparison: compiled.policy.levelMetComparison,
      met: lv.metByThreshold,
      lowerUnmet: lv.lowerUnmet,
      counted: lv.counted,
      contribution: toExact(c, lv.contribution),
      formula:
        `L = ${lv.terms.map((t) => `${t.weight.toFractionString()}·${t.value.toFractionString()}`).join(' + ')} = ${fmt(lv.value)}; ` +
        `${lv.metByThreshold ? 'met' : 'not met'} (L ${cmp} ${threshold} is ${lv.metByThreshold})` +
        (lv.metByThreshold && lv.lowerUnmet
          ? compiled.policy.gating
            ? '; a lower level is unmet: gating on, not counted'
            : '; flagged: a lower level is unmet (gating off, counted)'
          : '') +
        `; contributes ${fmt(lv.contribution)}`,
    };
  });
  if (!sameExact(result.total, ref.total)) fail('S');
  if ((ref.band?.level ?? 0) !== result.conclusion.level) fail('the conclusion');
  return {
    units,
    domains,
    levels,
    total: {
      terms: ref.levels.map((lv) => ({
        level: lv.level,
        counted: lv.counted,
        contribution: toExact(c, lv.contribution),
      })),
      value: toExact(c, ref.total),
      formula: `S = ${ref.levels.map((lv) => lv.contribution.toFractionString()).join(' + ')} = ${fmt(ref.total)}`,
    },
    conclusion: result.conclusion.belowLevel1
      ? `${result.conclusion.name} (${result.conclusion.interval})`
      : `${result.conclusion.ordinal} ${result.conclusion.name} (${result.conclusion.interval})`,
  };
}
