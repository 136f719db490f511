/** Deterministic random assessments (for benchmarks and property tests). No Math.random. */
import { allRequirementIds } from './compile.js';
import { ScoringError } from './errors.js';
import { parseScoreValue } from './input.js';
import type { CompiledScoring, ScoreInput, ScoreValue } from './types.js';
import { GRADES, type ScoreValue as GradeValue } from '../model/grades.js';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The grade values as numbers, highest first: 1, 0.8, 0.5, 0 for the standard. */
export function gradeNumbers(compiled: CompiledScoring): number[] {
  return compiled.effective.satisfaction.map((g) => Number(g.score)).sort((a, b) => b - a);
}

/** A complete assessment: every requirement gets a uniformly drawn grade (as a number: 1, 0.8, 0.5, 0). */
export function randomAssessment(compiled: CompiledScoring, rng: () => number): Record<string, number> {
  const grades = gradeNumbers(compiled);
  const out: Record<string, number> = {};
  for (const id of allRequirementIds(compiled)) out[id] = grades[Math.floor(rng() * grades.length)]!;
  return out;
}

/** Converts an id → value input to the dense tenths form of `scoreDense` (-1 = missing). */
export function toDense(compiled: CompiledScoring, input: ScoreInput): Int8Array {
  const out = new Int8Array(compiled.ids.length).fill(-1);
  const entries: Iterable<readonly [string, ScoreValue]> =
    input instanceof Map
      ? (input as ReadonlyMap<string, ScoreValue>)
      : Symbol.iterator in Object(input)
        ? (input as Iterable<readonly [string, ScoreValue]>)
        : Object.entries(input as Record<string, ScoreValue>);
  for (const [id, v] of entries) {
    const i = compiled.index.get(id);
    if (i === undefined) throw new ScoringError('UNKNOWN_REQUIREMENT', `unknown requirement id ${id}`, [id]);
    const t = parseScoreValue(compiled, v, id);
    if (t !== undefined) out[i] = t;
  }
  return out;
}

/**
 * A grade as the demonstration data draws it: an enterprise's maturity (0–1), lower at higher levels, plus the
 * assessor's noise — a propensity `p` mapped onto the Table 2 grades (best first) in equal steps: above 3/4 the
 * best grade, above 1/2 the next, and so on.
 */
export function demoGrade(rng: () => number, maturity: number, level: number): GradeValue {
  const p = maturity + 0.25 - (level - 1) * 0.17 + (rng() - 0.5) * 0.35;
  const n = GRADES.length;
  for (let k = 0; k < n - 1; k++) if (p > (n - 1 - k) / n) return GRADES[k]!.value;
  return GRADES[n - 1]!.value;
}
