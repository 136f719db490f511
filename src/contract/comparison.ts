/** Results over time (comparison, re-assessment), against peers (benchmark) and under another model version. */
import { EligibilityAnswers, ApplicationForm, ScoreValue } from './domain.js';
import { Id, IsoDate, IsoDateTime, Nullable, Obj, StringEnum, Type, type Static } from './schema.js';

const Figure = Obj({ id: Type.String(), name: Type.String(), score: Type.String() });

/** One published (or frozen) result in a comparison. */
export const ComparedResult = Obj({
  assessmentId: Type.String(),
  modelId: Type.String(),
  /** Publication time, or the freeze time of a result not yet published. */
  at: IsoDateTime,
  published: Type.Boolean(),
  total: Type.String(),
  level: Type.Integer(),
  conclusion: Type.String(),
  levels: Type.Array(Obj({ level: Type.String(), score: Type.String(), met: Type.Boolean() })),
  domains: Type.Array(Figure),
  units: Type.Array(
    Obj({ id: Type.String(), name: Type.String(), domainId: Type.String(), score: Type.String() }),
  ),
});
export type ComparedResult = Static<typeof ComparedResult>;

export const Trend = StringEnum(['improved', 'fell', 'same'] as const);

export const Change = Obj({
  id: Type.String(),
  name: Type.String(),
  before: Type.String(),
  after: Type.String(),
  /** after − before, as a signed display string. */
  delta: Type.String(),
  trend: Trend,
});
export type Change = Static<typeof Change>;

export const GradeChange = Obj({
  requirementId: Type.String(),
  unitId: Type.String(),
  before: Nullable(ScoreValue),
  after: Nullable(ScoreValue),
});
export type GradeChange = Static<typeof GradeChange>;

export const PlanStepOutcome = Obj({
  requirementId: Type.String(),
  unitName: Type.String(),
  level: Type.String(),
  from: ScoreValue,
  to: ScoreValue,
  now: Nullable(ScoreValue),
  outcome: StringEnum(['achieved', 'improved', 'not_achieved', 'not_comparable'] as const),
});
export type PlanStepOutcome = Static<typeof PlanStepOutcome>;

/** `GET /api/assessments/:id/comparison`: this result beside the enterprise's earlier published ones. */
export const Comparison = Obj({
  /** Oldest first; the last one is this assessment's. */
  results: Type.Array(ComparedResult),
  /** Between the last two (absent with a single result). */
  delta: Type.Optional(
    Obj({
      from: Type.String(),
      to: Type.String(),
      total: Change,
      levels: Type.Array(Change),
      domains: Type.Array(Change),
      units: Type.Array(Change),
      improved: Type.Array(GradeChange),
      fell: Type.Array(GradeChange),
      /** The steps of the earlier result's 一企一策 plan (to its next level) and what became of them. */
      plan: Obj({
        targetLevel: Nullable(Type.Integer()),
        achieved: Type.Integer(),
        steps: Type.Array(PlanStepOutcome),
      }),
    }),
  ),
});
export type Comparison = Static<typeof Comparison>;

// --- benchmark ---------------------------------------------------------------------------------------------------

export const PEER_DIMENSIONS = ['industry', 'subSector', 'size'] as const;

const Quartiles = Obj({ q1: Type.String(), median: Type.String(), q3: Type.String() });

export const BenchmarkGroup = Obj({
  dimension: StringEnum(PEER_DIMENSIONS),
  /** The group's value (the industry, sub-sector or size). */
  value: Type.String(),
  /** False when the group holds fewer than k other enterprises: nothing more is shown. */
  available: Type.Boolean(),
  /** The group's size as a range (5–9, 10–19 …), never an exact count. */
  peers: Type.Optional(Type.String()),
  /** Share of the peers whose total is below this one (ties count half), 0–100, whole percent. */
  percentile: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  total: Type.Optional(Quartiles),
  domains: Type.Optional(
    Type.Array(
      Obj({
        id: Type.String(),
        name: Type.String(),
        own: Type.String(),
        q1: Type.String(),
        median: Type.String(),
        q3: Type.String(),
      }),
    ),
  ),
});
export type BenchmarkGroup = Static<typeof BenchmarkGroup>;

/** `GET /api/assessments/:id/benchmark`. */
export const Benchmark = Obj({
  /** The least number of other enterprises a group must hold (policy data). */
  k: Type.Integer(),
  modelId: Type.String(),
  total: Type.String(),
  groups: Type.Array(BenchmarkGroup),
});
export type Benchmark = Static<typeof Benchmark>;

// --- validity, re-assessment ------------------------------------------------------------------------------------

export const ValidityView = Obj({
  issuedOn: IsoDate,
  validUntil: IsoDate,
  reassessmentDue: IsoDate,
  state: StringEnum(['valid', 'due', 'expired'] as const),
});
export type ValidityView = Static<typeof ValidityView>;

/** `POST /api/assessments/:id/reassessment`: a new application starting from published assessment `:id`. */
export const ReassessmentRequest = Obj({
  /** 4.2.1 is declared anew for the current years. */
  eligibility: EligibilityAnswers,
  /** Default: the previous application's form. */
  form: Type.Optional(ApplicationForm),
  /** Default: the previous assessment's model version. */
  modelId: Type.Optional(Id),
  /** Default: the previous assessment's body. */
  bodyOrgId: Type.Optional(Id),
});
export type ReassessmentRequest = Static<typeof ReassessmentRequest>;

export const ConfirmCarriedRequest = Obj({
  /** Evidence items to confirm (none given: all). */
  evidenceIds: Type.Optional(Type.Array(Id, { maxItems: 2000 })),
  /** Self-assessment grades to confirm (none given: all). */
  requirementIds: Type.Optional(Type.Array(Id, { maxItems: 2000 })),
  expectedVersion: Type.Integer({ minimum: 0 }),
});
export type ConfirmCarriedRequest = Static<typeof ConfirmCarriedRequest>;

export const CarriedOver = Obj({
  from: Nullable(Type.String()),
  evidence: Type.Integer(),
  selfScores: Type.Integer(),
});
export type CarriedOver = Static<typeof CarriedOver>;

// --- what-if under another model version ---------------------------------------------------------------------------

export const WhatIfQuery = Obj({ modelId: Id });

export const WhatIf = Obj({
  from: Type.String(),
  to: Type.String(),
  toTitle: Type.String(),
  /** The sealed result, unchanged. */
  current: Obj({ total: Type.String(), conclusion: Type.String() }),
  /** Re-scored under the other version: grades carried through the mapping, ungraded counted 不满足. */
  whatIf: Obj({
    total: Type.String(),
    conclusion: Type.String(),
    levels: Type.Array(Obj({ level: Type.String(), score: Type.String(), met: Type.Boolean() })),
  }),
  changes: Obj({
    added: Type.Integer(),
    removed: Type.Integer(),
    moved: Type.Integer(),
    reworded: Type.Integer(),
    weights: Type.Integer(),
  }),
  /** Requirements that need a new grade: added (none carried) or reworded (carried, to be confirmed). */
  needsGrade: Type.Array(
    Obj({
      id: Type.String(),
      reason: StringEnum(['added', 'reworded', 'unmapped'] as const),
      text: Type.String(),
      from: Type.Optional(Type.String()),
      carried: Type.Optional(ScoreValue),
    }),
  ),
});
export type WhatIf = Static<typeof WhatIf>;
