/**
 * Building the planner's input from the effective model of an industry (src/model/effective.ts) and the
 * grades of an assessment.
 */
import { effectiveUnits, type EffectiveModel } from '../model/effective.js';
import { LEVEL_CODES, type LevelCode, type SatisfactionGrade } from '../model/types.js';
import type { CompiledScoring, ScoreInput, ScoreValue } from '../scoring/index.js';
import { Rational } from '../exact/rational.js';
import type { GradeKey, PlanningInput } from './types.js';

/**
 * `grades`: requirement id → grade key. Requirements without a grade are planned as `none` (不满足), which is
 * how the scoring engine counts a missing score in a partial assessment.
 */
export function planningInputFromEffective(
  eff: EffectiveModel,
  grades: ReadonlyMap<string, GradeKey> | Readonly<Record<string, GradeKey>>,
): PlanningInput {
  const gradeOf = (id: string): GradeKey | undefined =>
    grades instanceof Map ? grades.get(id) : (grades as Readonly<Record<string, GradeKey>>)[id];
  const total = eff.totalPercent;
  const units = effectiveUnits(eff).map((u) => {
    const levelWeights: Partial<Record<LevelCode, Rational>> = {};
    for (const l of LEVEL_CODES) {
      if (!u.levels[l].weight.eq(u.weight)) levelWeights[l] = u.levels[l].weight.div(total);
    }
    return {
      id: u.id,
      name: u.name,
      domainId: u.domainId,
      weight: u.weight.div(total),
      ...(Object.keys(levelWeights).length > 0 ? { levelWeights } : {}),
    };
  });
  const requirements = effectiveUnits(eff).flatMap((u) =>
    LEVEL_CODES.flatMap((level) =>
      u.levels[level].requirements.map((r) => ({
        id: r.id,
        unitId: u.id,
        level,
        seq: r.seq,
        text: r.text,
        ...(r.display !== undefined ? { display: r.display } : {}),
        ...(r.label !== undefined ? { label: r.label } : {}),
        grade: gradeOf(r.id) ?? ('none' as const),
      })),
    ),
  );
  return {
    modelId: eff.modelId,
    industry: eff.industry,
    grades: eff.satisfaction.map((g) => ({ key: g.key, label: g.label, score: Rational.parse(g.score) })),
    bands: eff.bands.map((b) => ({
      level: b.level,
      ordinal: b.ordinal,
      name: b.name,
      min: Rational.parse(b.min),
      max: Rational.parse(b.max),
      maxInclusive: b.maxInclusive,
    })),
    policy: {
      threshold: Rational.parse(eff.policy.levelMetThreshold),
      comparison: eff.policy.levelMetComparison,
      gating: eff.policy.gating,
    },
    domains: eff.domains.map((d) => ({ id: d.id, name: d.name })),
    units,
    requirements,
  };
}

/**
 * The grade key of an input value as the scoring engine accepts it: a number (1, 0.8, 0.5, 0), an exact
 * decimal string, a key (full …), or a Chinese or English label. Undefined when it is none of them.
 */
export function gradeKeyOf(satisfaction: readonly SatisfactionGrade[], value: unknown): GradeKey | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const r = Rational.tryParse(String(value));
    return r ? satisfaction.find((g) => Rational.parse(g.score).eq(r))?.key : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const byText = satisfaction.find(
    (g) => g.key === s || g.label === s || g.labelEn.toLowerCase() === s.toLowerCase(),
  );
  if (byText) return byText.key;
  const r = Rational.tryParse(s);
  return r ? satisfaction.find((g) => Rational.parse(g.score).eq(r))?.key : undefined;
}

/**
 * Planner input from a compiled scorer and the assessment's input (the same id → value map given to
 * `score()`); values that are not grades throw, missing ones are planned as 不满足.
 */
export function planningInputFromAssessment(compiled: CompiledScoring, input: ScoreInput): PlanningInput {
  const sat = compiled.effective.satisfaction;
  const entries: Iterable<readonly [string, ScoreValue]> =
    input instanceof Map
      ? (input as ReadonlyMap<string, ScoreValue>)
      : Symbol.iterator in Object(input)
        ? (input as Iterable<readonly [string, ScoreValue]>)
        : Object.entries(input as Readonly<Record<string, ScoreValue>>);
  const grades = new Map<string, GradeKey>();
  for (const [id, v] of entries) {
    if (v === null || v === undefined) continue;
    const k = gradeKeyOf(sat, v);
    if (!k) throw new Error(`planning: ${id}: ${JSON.stringify(v)} is not a grade`);
    grades.set(id, k);
  }
  return planningInputFromEffective(compiled.effective, grades);
}
