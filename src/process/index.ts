export * from './types.js';
export { createApplication, resubmitAsNew, eligibilityProblems } from './application.js';
export type { NewApplication } from './application.js';
export { checkTeam, blockingConflicts, isTrained, MIN_TEAM_SIZE } from './team.js';
export type { TeamCheck, TeamRuleId, TeamRuleResult, EnterpriseRef } from './team.js';
export { validatePlan, planOrderProblem, plansReadyProblems } from './plan.js';
export { validateMeeting } from './meetings.js';
export { validateEvidenceItem } from './evidence.js';
export type { EvidenceContext } from './evidence.js';
export {
  applyScoreWrite,
  emptySheet,
  sheetCompleteness,
  consensusCompleteness,
  visibleScores,
  scoreSpread,
  orderDisagreementsFirst,
} from './scoring-sheets.js';
export type { ScoreWriteResult, Completeness, VisibleScores, SpreadRow } from './scoring-sheets.js';
export { dissentFor } from './scoring.js';
export {
  openContestWindow,
  contestWindowStatus,
  openContests,
  teamScoresAfterContest,
  contestProblemsBeforeFinal,
} from './contest.js';
export type { ContestWindowState, ContestWindowStatus } from './contest.js';
export { missingReportSections, sealContent } from './report.js';
export {
  TRANSITIONS,
  COMMAND_TYPES,
  TERMINAL_STAGES,
  allowedCommands,
  availableCommands,
  findTransition,
  transition,
} from './state-machine.js';
export type { TransitionRow } from './state-machine.js';
export { assessmentResource, teamMemberIds, teamLeaderId } from './resource.js';
export * from './visibility.js';
