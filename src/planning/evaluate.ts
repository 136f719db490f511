/**
 * Exact evaluation of the level scores, met flags, total and conclusion of a planning input, optionally with
 * some requirements' grades overridden (used to show what a plan does, and by the tests' brute force).
 */
import { LEVEL_CODES, type LevelCode } from '../model/types.js';
import { Rational } from '../exact/rational.js';
import type {
  GradeKey,
  LevelState,
  PlanningBand,
  PlanningGrade,
  PlanningInput,
  PlanningPolicy,
  PlanningRequirement,
  PlanningUnit,
  Snapshot,
} from './types.js';

/** The input with lookups and each requirement's coefficient w_u / n_{u,L} precomputed. */
export interface IndexedInput {
  input: PlanningInput;
  gradeByKey: Map<GradeKey, PlanningGrade>;
  /** Grades ordered by score ascending. */
  gradesAscending: PlanningGrade[];
  full: PlanningGrade;
  unitById: Map<string, PlanningUnit>;
  domainName: Map<string, string>;
  /** Requirement id → coefficient (ΔS_level per point of grade). */
  coefficient: Map<string, Rational>;
  /** Requirement id → position in the input (stable tie-break). */
  order: Map<string, number>;
  reqById: Map<string, PlanningRequirement>;
  bandsAscending: PlanningBand[];
}

export function indexInput(input: PlanningInput): IndexedInput {
  const gradeByKey = new Map(input.grades.map((g) => [g.key, g] as const));
  const gradesAscending = [...input.grades].sort((a, b) => a.score.cmp(b.score));
  const full = gradesAscending[gradesAscending.length - 1];
  if (!full) throw new Error('planning: no satisfaction grades');
  const unitById = new Map(input.units.map((u) => [u.id, u] as const));
  const domainName = new Map(input.domains.map((d) => [d.id, d.name] as const));
  for (const u of input.units) {
    if (!domainName.has(u.domainId))
      throw new Error(`planning: unit ${u.id} has unknown domain ${u.domainId}`);
  }
  const count = new Map<string, number>();
  const reqById = new Map<string, PlanningRequirement>();
  for (const r of input.requirements) {
    if (!unitById.has(r.unitId))
      throw new Error(`planning: requirement ${r.id} has unknown unit ${r.unitId}`);
    if (!gradeByKey.has(r.grade))
      throw new Error(`planning: requirement ${r.id} has unknown grade ${r.grade}`);
    if (reqById.has(r.id)) throw new Error(`planning: duplicate requirement ${r.id}`);
    reqById.set(r.id, r);
    const k = `${r.unitId}\u0000${r.level}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const coefficient = new Map<string, Rational>();
  const order = new Map<string, number>();
  input.requirements.forEach((r, i) => {
    const n = count.get(`${r.unitId}\u0000${r.level}`)!;
    const unit = unitById.get(r.unitId)!;
    coefficient.set(r.id, (unit.levelWeights?.[r.level] ?? unit.weight).div(Rational.of(n)));
    order.set(r.id, i);
  });
  const bandsAscending = [...input.bands].sort((a, b) => a.level - b.level);
  return {
    input,
    gradeByKey,
    gradesAscending,
    full,
    unitById,
    domainName,
    coefficient,
    order,
    reqById,
    bandsAscending,
  };
}

export function passes(score: Rational, policy: PlanningPolicy): boolean {
  const c = score.cmp(policy.threshold);
  return policy.comparison === 'at-least' ? c >= 0 : c > 0;
}

/** Table 3 level of a total (0 when below every band). */
export function conclusionOf(total: Rational, bandsAscending: readonly PlanningBand[]): number {
  let level = 0;
  for (const b of bandsAscending) {
    const c = total.cmp(b.max);
    if (total.ge(b.min) && (c < 0 || (c === 0 && b.maxInclusive))) level = b.level;
  }
  return level;
}

/** Snapshot from the five level scores (applies threshold, gating, total and conclusion). */
export function snapshotFromLevelScores(
  scores: Record<LevelCode, Rational>,
  policy: PlanningPolicy,
  bandsAscending: readonly PlanningBand[],
): Snapshot {
  const levels: LevelState[] = [];
  let prefixMet = true;
  let total = Rational.ZERO;
  for (const level of LEVEL_CODES) {
    const score = scores[level];
    const thresholdMet = passes(score, policy);
    const met = policy.gating ? prefixMet && thresholdMet : thresholdMet;
    prefixMet = prefixMet && thresholdMet;
    const counted = met ? Rational.ONE : score;
    total = total.add(counted);
    levels.push({ level, score, thresholdMet, met, counted });
  }
  return { levels, total, conclusion: conclusionOf(total, bandsAscending) };
}

export function zeroByLevel(): Record<LevelCode, Rational> {
  return { S1: Rational.ZERO, S2: Rational.ZERO, S3: Rational.ZERO, S4: Rational.ZERO, S5: Rational.ZERO };
}

/** Level scores S_L with the given overrides of grades. */
export function levelScores(
  ix: IndexedInput,
  overrides?: ReadonlyMap<string, GradeKey>,
): Record<LevelCode, Rational> {
  const s = zeroByLevel();
  for (const r of ix.input.requirements) {
    const key = overrides?.get(r.id) ?? r.grade;
    const g = ix.gradeByKey.get(key);
    if (!g) throw new Error(`planning: unknown grade ${key}`);
    if (g.score.isZero()) continue;
    s[r.level] = s[r.level].add(ix.coefficient.get(r.id)!.mul(g.score));
  }
  return s;
}

export function evaluate(ix: IndexedInput, overrides?: ReadonlyMap<string, GradeKey>): Snapshot {
  return snapshotFromLevelScores(levelScores(ix, overrides), ix.input.policy, ix.bandsAscending);
}
