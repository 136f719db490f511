/** Public API of the scoring layer. See README.md in this folder for the method and the decisions taken. */
export {
  allRequirementIds,
  compileScoring,
  parseScoreValue,
  score,
  scoreDense,
  type CompiledScoring,
  type Conclusion,
  type DomainResult,
  type Exact,
  type LevelResult,
  type ScoreInput,
  type ScoreOptions,
  type ScoreResult,
  type ScoreValue,
  type Trace,
  type TraceRequirement,
  type TraceTerm,
  type UnitResult,
} from './engine.js';
export { ScoringError, type ScoringErrorCode, type ScoringIssue } from './errors.js';
export { gradeNumbers, randomAssessment, seededRng, toDense } from './random.js';
export { Rational } from './rational.js';
export { referenceScore, type RefResult } from './reference.js';
export {
  effectiveModel,
  effectiveUnits,
  resolvePolicy,
  type EffectiveDomain,
  type EffectiveModel,
  type EffectiveUnit,
} from '../model/effective.js';
