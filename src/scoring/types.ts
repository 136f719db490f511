/**
 * Types of the scoring layer: the public result and input types, the compiled scorer, and the compiled
 * internals shared by compile.ts, input.ts, run.ts and trace.ts (not exported from index.ts).
 */
import type { EffectiveModel, EffectiveUnit } from '../model/effective.js';
import type { IndustryId, LevelBand, LevelCode, ScoringPolicy } from '../model/types.js';

/** Levels S1..S5. */
export const NLEV = 5;

/** Dense markers (tenths are 0..10): not given; given as null; not a grade. */
export const MISSING = -1;
export const GIVEN_NULL = -2;
export const BAD = -3;

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

/** @internal The compiled numbers (see compile.ts). */
export interface Internals {
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
