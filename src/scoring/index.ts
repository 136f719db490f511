/**
 * Public API of the scoring layer — import scoring only from here. See README.md in this folder for the
 * method and the decisions taken. Modules: compile.ts (compiled coefficients), input.ts (reading score input),
 * run.ts (score / scoreDense), trace.ts (trace and cross-check), conclusion.ts (Table 3), numbers.ts
 * (safe-integer arithmetic), types.ts, reference.ts (the literal formulas on bigint), random.ts (seeded
 * assessments). Exact rationals are in ../exact/.
 */
export { allRequirementIds, compileScoring } from './compile.js';
export { parseScoreValue } from './input.js';
export { score, scoreDense } from './run.js';
export type {
  CompiledScoring,
  Conclusion,
  DomainResult,
  Exact,
  LevelResult,
  ScoreInput,
  ScoreOptions,
  ScoreResult,
  ScoreValue,
  Trace,
  TraceRequirement,
  TraceTerm,
  UnitResult,
} from './types.js';
export { ScoringError, type ScoringErrorCode, type ScoringIssue } from './errors.js';
export { demoGrade, gradeNumbers, randomAssessment, seededRng, toDense } from './random.js';
export { referenceScore, type RefResult } from './reference.js';
export {
  effectiveModel,
  effectiveUnits,
  resolvePolicy,
  type EffectiveDomain,
  type EffectiveModel,
  type EffectiveUnit,
} from '../model/effective.js';
