export * from './types.js';
export { SCENARIOS, scenarioOfDomain, type ScenarioDef } from './scenarios.js';
export { indexInput, evaluate, levelScores, conclusionOf, type IndexedInput } from './evaluate.js';
export { planImprovements, minimalImprovementSet, scenarioStandings, type PlanOptions } from './plan.js';
export {
  deriveInsights,
  entityScores,
  type Insights,
  type ScoredEntity,
  type Strength,
  type Weakness,
} from './insights.js';
export { planningInputFromEffective, planningInputFromAssessment, gradeKeyOf } from './build.js';
export {
  attainedLevel,
  cheapestForLevel,
  effortTable,
  FALLBACK_EFFORT,
  planLevelConsistent,
  stepEffort,
  type ConsistentPlan,
  type EffortTable,
  type EnterpriseProfile,
  type LevelPlanOptions,
  type LevelPlanStep,
  type LevelTarget,
  type PlanMeasure,
  type PlanTerm,
} from './level-plan.js';
export { bandSafeDecimal, formatLevelScore, formatTotal, totalEdges } from './format.js';
