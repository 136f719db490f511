/** Assessments: lists, one assessment as the viewer may see it, the application, transitions, the team. */
import { ACTIONS } from '../access/types.js';
import { STAGES } from '../process/types.js';
import {
  Application,
  ApplicationForm,
  ContestWindow,
  EligibilityAnswers,
  Expert,
  HistoryEntry,
  Industry,
  Meetings,
  PlanKind,
  Plans,
  Reopening,
  Report,
  Seal,
  Stage,
  Team,
  TeamRole,
} from './domain.js';
import { RuleCheck } from './errors.js';
import { ASSESSMENT_EXPORT_MAX } from './limits.js';
import { Briefing } from './process-records.js';
import {
  Id,
  Int,
  IsoDateTime,
  NonBlank,
  Obj,
  PartialKeyedRecord,
  Str,
  StringEnum,
  Type,
  type Static,
} from './schema.js';

export { ASSESSMENT_EXPORT_MAX };

export const IdParams = Obj({ id: Id });
export const IdReqParams = Obj({ id: Id, requirementId: Id });

const Progress = Obj({ done: Type.Integer(), total: Type.Integer() });

export const AssessmentProgress = Obj({
  /** Self-assessment: requirements scored by the enterprise. */
  self: Progress,
  /** Per team expert: scored / total; empty for viewers who may not see the team's sheets. */
  experts: Type.Array(
    Obj({
      userId: Type.String(),
      name: Type.String(),
      done: Type.Integer(),
      total: Type.Integer(),
      submitted: Type.Boolean(),
    }),
  ),
  consensus: Progress,
  evidence: Type.Integer(),
  openContests: Type.Integer(),
});

export const Headline = Obj({
  total: Type.String(),
  level: Type.Union([Type.Integer(), Type.Null()]),
  conclusion: Type.String(),
});
export type Headline = Static<typeof Headline>;

export const StageEnteredAt = PartialKeyedRecord(STAGES, IsoDateTime);

export const AssessmentSummary = Obj({
  id: Type.String(),
  version: Type.Integer(),
  enterpriseOrgId: Type.String(),
  enterpriseName: Type.String(),
  bodyOrgId: Type.String(),
  modelId: Type.String(),
  industry: Industry,
  stage: Stage,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** When each stage reached so far was (last) entered, from the history. */
  stageEnteredAt: StageEnteredAt,
  progress: AssessmentProgress,
  /** The published result (the enterprise, once communicated) or the current frozen result (team, body). */
  headline: Type.Optional(Headline),
  /** When the current step is due (the contest window, the formal plan's end), if it has a date. */
  dueAt: Type.Optional(IsoDateTime),
});
export type AssessmentSummary = Static<typeof AssessmentSummary>;

export const ASSESSMENT_SORTS = ['created', 'updated', 'enterprise', 'stage', 'level', 'due'] as const;
export type AssessmentSort = (typeof ASSESSMENT_SORTS)[number];

/** Filters of the assessment list (and of its export and the dashboard's aggregates). */
export const AssessmentFilter = {
  stage: Type.Optional(Stage),
  industry: Type.Optional(Industry),
  /** The year the application was started. */
  year: Type.Optional(Int(2000, 2999)),
  /** The result's level (0: below level 1); matches only where the reader may see the result. */
  level: Type.Optional(Int(0, 5)),
  /** Searches the enterprise's name (or an assessment id). */
  q: Type.Optional(Str(100)),
  /** Only assessments whose current step is past its due date. */
  overdue: Type.Optional(StringEnum(['1'])),
};

export const AssessmentListQuery = Obj({
  ...AssessmentFilter,
  sort: Type.Optional(StringEnum(ASSESSMENT_SORTS)),
  order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  limit: Type.Optional(Int(1, 200)),
  offset: Type.Optional(Int(0, 1_000_000)),
});
export type AssessmentListQuery = Static<typeof AssessmentListQuery>;

/** A page of a list: the items, how many match in all (for the pager), and where the next page starts. */
export const AssessmentPage = Obj({
  items: Type.Array(AssessmentSummary),
  total: Int(),
  /** The `offset` of the next page, when there is one. */
  nextCursor: Type.Optional(Type.String()),
});
export type AssessmentPage = Static<typeof AssessmentPage>;

/** The list as a workbook: the list's filters and sort, no paging; headers and labels in `lang` (default zh). */
export const AssessmentExportQuery = Obj({
  ...AssessmentFilter,
  sort: Type.Optional(StringEnum(ASSESSMENT_SORTS)),
  order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  lang: Type.Optional(StringEnum(['zh', 'en'] as const)),
});
export type AssessmentExportQuery = Static<typeof AssessmentExportQuery>;

export const AssessmentStatsQuery = Obj(AssessmentFilter);
export type AssessmentStatsQuery = Static<typeof AssessmentStatsQuery>;

/** The body's dashboard over the filtered list: counts by stage, levels by industry, overdue steps. */
export const AssessmentStats = Obj({
  total: Int(),
  stages: Type.Array(Obj({ stage: Stage, n: Int() })),
  /** Levels of the results the reader may see (level null: no visible result; 0: below level 1). */
  levels: Type.Array(Obj({ industry: Industry, level: Type.Union([Int(0, 5), Type.Null()]), n: Int() })),
  /** The first overdue steps, most overdue first, and how many there are. */
  overdue: Type.Array(AssessmentSummary),
  overdueTotal: Int(),
});
export type AssessmentStats = Static<typeof AssessmentStats>;

/** Commands that only move the assessment along: `POST …/transitions`. */
export const TransitionCommand = Type.Union([
  Obj({ type: Type.Literal('application.submit') }),
  Obj({ type: Type.Literal('application.withdraw'), reason: Type.Optional(Str(2000)) }),
  Obj({ type: Type.Literal('application.accept'), note: Type.Optional(Str(2000)) }),
  Obj({ type: Type.Literal('application.reject'), reason: NonBlank(2000) }),
  Obj({ type: Type.Literal('plan.confirm'), kind: PlanKind, version: Int(1) }),
  Obj({ type: Type.Literal('scoring.open') }),
  Obj({ type: Type.Literal('score.submit') }),
  Obj({ type: Type.Literal('consensus.open') }),
  /** The server computes the result with the engine from the team scores and freezes it. */
  Obj({ type: Type.Literal('result.freeze') }),
  Obj({ type: Type.Literal('communication.open') }),
  Obj({ type: Type.Literal('contest.waive') }),
  Obj({ type: Type.Literal('publish') }),
  Obj({ type: Type.Literal('reopen'), reason: NonBlank(2000) }),
]);
export type TransitionCommand = Static<typeof TransitionCommand>;
export type TransitionType = TransitionCommand['type'];
export const TRANSITION_TYPES: readonly TransitionType[] = TransitionCommand.anyOf.map(
  (c) => c.properties.type.const,
);

export const TransitionRequest = Obj({
  command: TransitionCommand,
  /** The `version` the user saw; 409 VERSION_CONFLICT otherwise (not checked for score.submit). */
  expectedVersion: Int(),
});
export type TransitionRequest = Static<typeof TransitionRequest>;

/**
 * One assessment as the current user may see it: the process aggregate without the parts that have their own
 * endpoints (sheets, consensus, evidence, contests, results), plus what the UI needs.
 */
export const AssessmentView = Obj({
  id: Type.String(),
  version: Type.Integer(),
  enterpriseOrgId: Type.String(),
  bodyOrgId: Type.String(),
  industry: Industry,
  modelId: Type.String(),
  requirementIds: Type.Array(Type.String()),
  stage: Stage,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  application: Application,
  team: Type.Optional(Team),
  plans: Plans,
  meetings: Meetings,
  report: Type.Optional(Report),
  contestWindow: Type.Optional(ContestWindow),
  seal: Type.Optional(Seal),
  reopenings: Type.Array(Reopening),
  history: Type.Array(HistoryEntry),
  enterpriseName: Type.String(),
  progress: AssessmentProgress,
  headline: Type.Optional(Headline),
  stageEnteredAt: StageEnteredAt,
  /** Transition commands the current user may issue now (src/process + src/access). */
  allowedCommands: Type.Array(StringEnum(TRANSITION_TYPES)),
  /** Access actions the current user holds on this assessment (src/access `can`). */
  allowedActions: Type.Array(StringEnum(ACTIONS)),
  applicationForm: ApplicationForm,
  teamMemberIds: Type.Array(Type.String()),
  /** 4.5.2: the leader's briefing of the team. */
  briefing: Type.Optional(Briefing),
});
export type AssessmentView = Static<typeof AssessmentView>;

export const CreateAssessmentRequest = Obj({
  modelId: Id,
  industry: Industry,
  eligibility: EligibilityAnswers,
  form: ApplicationForm,
  /** The assessment body; may be left out when there is exactly one. */
  bodyOrgId: Type.Optional(Id),
});
export type CreateAssessmentRequest = Static<typeof CreateAssessmentRequest>;

/** `application.update` while in stage application. */
export const UpdateAssessmentRequest = Obj({
  industry: Type.Optional(Industry),
  eligibility: Type.Optional(EligibilityAnswers),
  form: Type.Optional(ApplicationForm),
  expectedVersion: Int(),
});
export type UpdateAssessmentRequest = Static<typeof UpdateAssessmentRequest>;

// --- team --------------------------------------------------------------------------------------------------------

/** A candidate expert: the process record (disciplines, training, declared conflicts) plus context. */
export const ExpertCandidate = Obj({
  expert: Expert,
  orgName: Type.String(),
  /** Active assessments the expert is on. */
  load: Type.Integer(),
});
export type ExpertCandidate = Static<typeof ExpertCandidate>;

export const TeamMembersInput = Type.Array(Obj({ userId: Id, role: TeamRole }), { maxItems: 101 });
export const TeamCheckRequest = Obj({ members: TeamMembersInput });
export const TeamCheck = Obj({ ok: Type.Boolean(), rules: Type.Array(RuleCheck) });
export type TeamCheck = Static<typeof TeamCheck>;
export const PutTeamRequest = Obj({ members: TeamMembersInput, expectedVersion: Int() });
export type PutTeamRequest = Static<typeof PutTeamRequest>;
