/**
 * Input and output types of the improvement planner (一企一策).
 *
 * The planner works on the linear structure of the scoring method (seed formulas (1)–(3)):
 *   level score  S_L = Σ_u w_u · C_{u,L},   C_{u,L} = (1/n_{u,L}) · Σ_{r ∈ (u,L)} grade(r)
 * where w_u is the unit's effective global weight (domain weight α × sub-domain weight β, rescaled by the
 * policy for the industry), so each requirement r of (u,L) moves S_L by w_u / n_{u,L} per point of grade.
 * Then met_L = S_L ≥ θ (or > θ), gated on the lower levels when the policy says so, the level counts 1 when
 * met and S_L otherwise, the total is the sum of the counted values and the conclusion is the Table 3 band
 * the total falls in (0 = below 一级).
 */
import type { LevelCode, SatisfactionGrade, ThresholdComparison } from '../model/types.js';
import type { Rational } from '../exact/rational.js';

export type GradeKey = SatisfactionGrade['key'];

export interface PlanningGrade {
  key: GradeKey;
  label: string;
  score: Rational;
}

export interface PlanningBand {
  level: number;
  ordinal: string;
  name: string;
  min: Rational;
  max: Rational;
  maxInclusive: boolean;
}

export interface PlanningPolicy {
  threshold: Rational;
  comparison: ThresholdComparison;
  gating: boolean;
}

export interface PlanningDomain {
  id: string;
  name: string;
}

export interface PlanningUnit {
  /** Scoring unit id (appendix row id). */
  id: string;
  name: string;
  domainId: string;
  /** Effective global weight w_u (fraction of 1). */
  weight: Rational;
  /** Per-level weight when it differs from `weight` (empty cells re-distributed, see model/effective.ts). */
  levelWeights?: Partial<Record<LevelCode, Rational>>;
}

export interface PlanningRequirement {
  id: string;
  unitId: string;
  level: LevelCode;
  seq: number;
  text: string;
  /** Display form of the text (model `Requirement.display`), when it differs. */
  display?: string;
  /** Item number printed in the standard (model `Requirement.label`). */
  label?: string;
  /** Current grade; an unscored requirement is given as `none` by the caller (it contributes 0). */
  grade: GradeKey;
}

export interface PlanningInput {
  modelId?: string;
  industry?: string;
  /** Table 2 grades (any order). */
  grades: PlanningGrade[];
  /** Table 3 bands. */
  bands: PlanningBand[];
  policy: PlanningPolicy;
  domains: PlanningDomain[];
  units: PlanningUnit[];
  requirements: PlanningRequirement[];
}

export interface LevelState {
  level: LevelCode;
  /** S_L, exact. */
  score: Rational;
  /** S_L passes the threshold. */
  thresholdMet: boolean;
  /** Counted as met (thresholdMet, and with gating all lower levels met too). */
  met: boolean;
  /** What the level adds to the total: 1 when met, S_L otherwise. */
  counted: Rational;
}

export interface Snapshot {
  levels: LevelState[];
  total: Rational;
  /** Table 3 level of the total, 0 when below the first band. */
  conclusion: number;
}

export interface PlanStep {
  /** 1-based rank: by gain (ΔS of its level) descending, then level, then standard order. */
  rank: number;
  requirementId: string;
  unitId: string;
  unitName: string;
  domainId: string;
  domainName: string;
  scenarioId: string;
  scenarioName: string;
  level: LevelCode;
  seq: number;
  text: string;
  from: GradeKey;
  /** Always `full` (全部满足): see plan.ts for why. */
  to: GradeKey;
  /** ΔS_level of this step (weight gained), exact. */
  gain: Rational;
  /**
   * Lowest grade that would still reach the target for this step alone, with all other steps at 全部满足.
   * Informative: lowering several steps at once is not guaranteed to reach the target.
   */
  sufficientGrade: GradeKey;
  /** State after steps 1..rank (cumulative). */
  after: Snapshot;
  /** Change of the total made by this step in the ranked order (includes the jump to 1 of a level that becomes met). */
  totalDelta: Rational;
}

export interface PlanGroup {
  id: string;
  name: string;
  stepCount: number;
  /** Sum of gains per level of this group's steps (levels without steps omitted). */
  gainByLevel: Partial<Record<LevelCode, Rational>>;
  requirementIds: string[];
}

export interface PlanTarget {
  /** Target conclusion level (Table 3), e.g. 2 for 二级 场景级. */
  level: number;
  ordinal: string;
  name: string;
  /** Lower bound of the target band: the total to reach. */
  min: Rational;
  /** False when even 全部满足 everywhere cannot reach it (then `steps` is empty). */
  reachable: boolean;
  steps: PlanStep[];
  before: Snapshot;
  after: Snapshot;
  byLevel: PlanGroup[];
  byDomain: PlanGroup[];
  byScenario: PlanGroup[];
}

export interface ScenarioStanding {
  id: string;
  name: string;
  nameEn: string;
  domainIds: string[];
  /** Σ w_u of the scenario's units: its share of each level score. */
  weight: Rational;
  /** Σ w_u · C_{u,L} per level: what the scenario contributes to S_L. */
  contribution: Record<LevelCode, Rational>;
  /** contribution / weight: the scenario's own score per level (0..1); 0 when weight is 0. */
  score: Record<LevelCode, Rational>;
}

export interface ImprovementPlan {
  before: Snapshot;
  /** The next conclusion level and the one after (fewer near the top). */
  targets: PlanTarget[];
  scenarios: ScenarioStanding[];
}
