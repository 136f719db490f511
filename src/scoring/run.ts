/**
 * Scoring a compiled model: `score` (id → value input) and `scoreDense` (tenths in dense order) share the
 * core `run`: cell sums, then units, domains, levels and the total as integer sums over the compiled
 * denominators, the Table 3 conclusion, and the trace on request.
 */
import { Rational } from '../exact/rational.js';
import { LEVEL_CODES, type LevelCode } from '../model/types.js';
import { inputError, ScoringError, type ScoringIssue } from './errors.js';
import { describeValue, isMissingValue, readInput } from './input.js';
import { exact, MAX_SAFE, toExact } from './numbers.js';
import { buildTrace } from './trace.js';
import {
  GIVEN_NULL,
  MISSING,
  NLEV,
  type CompiledScoring,
  type DomainResult,
  type Exact,
  type LevelResult,
  type ScoreInput,
  type ScoreOptions,
  type ScoreResult,
  type UnitResult,
} from './types.js';

/**
 * Scores an assessment given as id → value (plain object, Map, or [id, value] entries). Values: 1, 0.8, 0.5,
 * 0 (numbers or exact decimal strings "0.8", "0.80"), keys full | mostly | partly | none, Chinese labels
 * 全部满足 | 大部分满足 | 部分满足 | 不满足 (and the English labels). null / undefined = not scored.
 */
export function score(compiled: CompiledScoring, input: ScoreInput, options?: ScoreOptions): ScoreResult {
  const issues = readInput(compiled, input);
  return run(compiled, compiled.c.dense, options, issues);
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
          value: describeValue(t),
          message: `${id}: bad value ${JSON.stringify(describeValue(t))} (expected tenths 10, 8, 5, 0 or -1 for missing)`,
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
