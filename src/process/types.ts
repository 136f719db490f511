/**
 * The assessment process of section 4 of the standard, as data.
 *
 * Everything here is plain JSON-serialisable data: the store persists an `Assessment` as is. Times are
 * ISO-8601 strings (UTC, from `Date.prototype.toISOString`), calendar dates `YYYY-MM-DD`. Scores are the
 * exact decimal strings of Table 2 ("1", "0.8", "0.5", "0"), as in `src/model`.
 */
import type { IndustryId } from '../model/types.js';
import type { Role } from '../access/types.js';

export type IsoDateTime = string;
/** Calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------------------
// Stages

export const STAGES = [
  'application', // 企业申请: the enterprise prepares the application (industry, model, eligibility, evidence)
  'submitted', // submitted, awaiting review by the assessment body (4.5.1 受理评估申请)
  'withdrawn', // withdrawn by the enterprise before acceptance (terminal)
  'rejected', // not accepted, with a reason (terminal; may be resubmitted as a new application)
  'team_formation', // accepted; the body forms the team (4.5.2 组建评估组)
  'planning', // team assigned; the leader writes the two plans, the enterprise confirms them (4.5.3)
  'evidence_collection', // after the first meeting (4.6.1); evidence collected on site (4.6.2)
  'scoring', // independent expert scoring (4.6.3)
  'consensus', // the leader records the team score per requirement (4.6.3 达成一致意见)
  'result_frozen', // the engine's result frozen with the model version
  'report_draft', // report being drafted (4.6.4)
  'communication', // result communicated; the enterprise may contest (4.7.1 再次论证)
  'final_meeting', // final meeting held (4.7.2); ready to publish
  'published', // published, sealed result
] as const;
export type Stage = (typeof STAGES)[number];

/** The stages an accepted assessment passes through, in order (the terminal side exits left out). */
export const MAIN_PATH: readonly Stage[] = STAGES.filter((s) => s !== 'withdrawn' && s !== 'rejected');

export const STAGE_NAMES_ZH: Record<Stage, string> = {
  application: '企业申请',
  submitted: '待受理',
  withdrawn: '已撤回',
  rejected: '未受理',
  team_formation: '组建评估组',
  planning: '编制评估计划',
  evidence_collection: '现场采集证据',
  scoring: '专家独立打分',
  consensus: '评估组合议',
  result_frozen: '结果已冻结',
  report_draft: '形成评估报告',
  communication: '沟通评估结果',
  final_meeting: '末次会议',
  published: '结果发布',
};

// ---------------------------------------------------------------------------------------------------------
// Value types

/** Table 2 scores, exact decimal strings (src/model/grades.ts reads them from the standard's data). */
export { SCORE_VALUES, type ScoreValue } from '../model/grades.js';
import type { ScoreValue } from '../model/grades.js';

/** 4.5.2: the disciplines the team must cover. */
export const DISCIPLINES = [
  'nonferrous_metals',
  'informatization',
  'safety',
  'environmental_protection',
  'computer_science',
  'management_science',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];
export const DISCIPLINE_NAMES_ZH: Record<Discipline, string> = {
  nonferrous_metals: '有色金属',
  informatization: '信息化',
  safety: '安全',
  environmental_protection: '环保',
  computer_science: '计算机科学',
  management_science: '管理科学',
};

/**
 * 4.2.2: interest relations with the enterprise that disqualify an expert. The standard names consulting,
 * design, production and sales ("等"); `employment` (the expert works for the enterprise) and `other` are
 * added so that any declared interest relation can be recorded — all kinds block.
 */
export const CONFLICT_KINDS = ['consulting', 'design', 'production', 'sales', 'employment', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface ConflictDeclaration {
  enterpriseOrgId: string;
  kind: ConflictKind;
  description: string;
  declaredAt: IsoDateTime;
  /** Date the relationship ended, if it has. See `ProcessOptions.conflictLookbackDays`. */
  endedOn?: IsoDate;
}

export interface Expert {
  userId: string;
  name: string;
  /** The expert's own organisation (usually an assessment body), if any. */
  orgId?: string;
  disciplines: Discipline[];
  /** 4.5.2 "经过培训、具备评估能力": the expert's assessment training is valid through this date. */
  trainingValidUntil?: IsoDate;
  /** The expert's declared interest relations (4.2.2). */
  conflicts: ConflictDeclaration[];
}

export interface TeamMember {
  expert: Expert;
  role: 'leader' | 'member';
}

export interface Team {
  members: TeamMember[];
  assignedAt: IsoDateTime;
  assignedBy: string;
  /** Incremented on each re-assignment. */
  version: number;
}

/** 4.6.2: ways evidence is collected. */
export const EVIDENCE_METHODS = [
  'interview',
  'site_visit',
  'sampling',
  'document_review',
  'system_demo',
  'data_check',
] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];
export const EVIDENCE_METHOD_NAMES_ZH: Record<EvidenceMethod, string> = {
  interview: '人员座谈',
  site_visit: '实地调查',
  sampling: '抽样调查',
  document_review: '文件与评审记录',
  system_demo: '信息系统演示',
  data_check: '数据采集查验',
};

export interface FileRef {
  name: string;
  /** Opaque reference for the store (a blob key, a path). */
  ref: string;
  sha256?: string;
  size?: number;
}

export interface EvidenceItem {
  id: string;
  requirementId: string;
  /** `submitted`: supplied by the enterprise (application, contest); `collected`: by the team on site. */
  kind: 'submitted' | 'collected';
  /** Required for collected evidence (4.6.2). */
  method?: EvidenceMethod;
  /** User id of who uploaded / collected it. */
  by: string;
  /** When it was collected or uploaded. */
  at: IsoDateTime;
  file?: FileRef;
  note?: string;
  /** Set on evidence filed with a contest. */
  contestId?: string;
  /**
   * Re-assessment: the published assessment the item was carried over from, until the enterprise confirms it
   * (`evidence.confirm`) or removes it.
   */
  carriedFrom?: string;
  /** 4.2.1 / 4.4: the item is one of the required application documents (see `ATTACHMENT_KINDS`). */
  attachmentKind?: AttachmentKind;
  /** Set on material the enterprise supplies in answer to a request of the team (4.6.2). */
  requestId?: string;
}

/**
 * 4.2.1 "有开展数字化转型项目建设的中长期规划及年度目标和实施方案": the three documents every application carries
 * (4.4), as typed evidence items.
 */
export const ATTACHMENT_KINDS = ['mid_long_term_plan', 'annual_goals', 'implementation_plan'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_NAMES_ZH: Record<AttachmentKind, string> = {
  mid_long_term_plan: '数字化转型中长期规划',
  annual_goals: '年度目标',
  implementation_plan: '实施方案',
};

/** 4.5.2 / 4.6.2: the team's judgement of one evidence item (sufficiency and verification). */
export const EVIDENCE_REVIEW_OUTCOMES = ['accepted', 'needs_more', 'rejected'] as const;
export type EvidenceReviewOutcome = (typeof EVIDENCE_REVIEW_OUTCOMES)[number];
/** An item's review state in the lists: not yet reviewed, or the outcome of its latest review. */
export const EVIDENCE_REVIEW_STATES = ['unreviewed', ...EVIDENCE_REVIEW_OUTCOMES] as const;
export type EvidenceReviewState = (typeof EVIDENCE_REVIEW_STATES)[number];

export interface EvidenceReview {
  evidenceId: string;
  requirementId: string;
  outcome: EvidenceReviewOutcome;
  /** Required for needs_more and rejected: told to the enterprise. */
  reason?: string;
  by: string;
  at: IsoDateTime;
  /** 1 for the first review of the item, +1 on each new one. */
  version: number;
}

/** 4.6.2: the team asks the enterprise for more material on named requirements, by a date. */
export interface EvidenceRequest {
  id: string;
  requirementIds: string[];
  message: string;
  /** The last day (China time) the enterprise has to answer. */
  dueDate: IsoDate;
  requestedBy: string;
  requestedAt: IsoDateTime;
  /** The enterprise's answer; closes the request. */
  answer?: { note?: string; evidenceIds: string[]; by: string; at: IsoDateTime };
}

/** 4.5.2 "评估组长负责…组织评估组成员培训": the leader briefs the members before the formal assessment. */
export interface Briefing {
  heldOn: IsoDate;
  /** User ids of the team members who attended. */
  attendees: string[];
  content: string;
  /** Members who did not attend, each with the reason they are excused. */
  excused: { userId: string; reason: string }[];
  recordedBy: string;
  recordedAt: IsoDateTime;
  version: number;
}

export type BriefingInput = Pick<Briefing, 'heldOn' | 'attendees' | 'content' | 'excused'>;

/** 4.6.3 组内评审: the team's review of a requirement whose grades spread widely, recorded by the leader. */
export interface GroupReview {
  requirementId: string;
  outcome: string;
  /** Team member ids who took part. */
  participants: string[];
  note?: string;
  /** The spread (max − min, tenths) of the submitted grades when the review was recorded. */
  spreadTenths: number;
  recordedBy: string;
  recordedAt: IsoDateTime;
  version: number;
}

/** 4.5.3: findings (评估发现) of the pre-assessment and of the formal assessment. */
export const FINDING_KINDS = ['pre_assessment', 'formal'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_NAMES_ZH: Record<FindingKind, string> = {
  pre_assessment: '现场预评估',
  formal: '正式评估',
};
export const FINDING_SEVERITIES = ['major', 'minor', 'observation'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_SEVERITY_NAMES_ZH: Record<FindingSeverity, string> = {
  major: '严重',
  minor: '一般',
  observation: '观察项',
};
export const FINDING_STATUSES = ['open', 'rectified', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_NAMES_ZH: Record<FindingStatus, string> = {
  open: '待整改',
  rectified: '已整改',
  closed: '已关闭',
};

export interface Rectification {
  text: string;
  evidenceIds: string[];
  by: string;
  at: IsoDateTime;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  requirementIds: string[];
  evidenceIds: string[];
  text: string;
  severity: FindingSeverity;
  status: FindingStatus;
  recordedBy: string;
  recordedAt: IsoDateTime;
  updatedBy: string;
  updatedAt: IsoDateTime;
  version: number;
  /** The enterprise's statement of its rectification (the latest). */
  rectification?: Rectification;
}

export type FindingInput = Pick<
  Finding,
  'id' | 'kind' | 'requirementIds' | 'evidenceIds' | 'text' | 'severity'
>;
export type FindingChanges = Partial<
  Pick<Finding, 'requirementIds' | 'evidenceIds' | 'text' | 'severity' | 'status'>
>;

/** 4.2.1: what the enterprise declares about itself. */
export interface EligibilityAnswers {
  /** 参评当年和上一年度未发生重大及以上生产安全事故 */
  noMajorSafetyAccident: boolean;
  /** 参评当年和上一年度未发生重大及以上突发环境事件 */
  noMajorEnvironmentalIncident: boolean;
  /** 有开展数字化转型项目建设的中长期规划及年度目标和实施方案 */
  hasTransformationPlan: boolean;
  /** 遵守有关法律、法规、政策和标准 */
  compliesWithLaws: boolean;
  /** 对数字化转型项目的真实性负责，如实提供资料 */
  truthfulnessCommitment: boolean;
}

export interface EligibilityDeclaration extends EligibilityAnswers {
  /** The years the declaration speaks for: the year it was made (China time) and the year before. */
  years: [number, number];
  declaredAt: IsoDateTime;
  declaredBy: string;
}

export interface ApplicationReview {
  decision: 'accepted' | 'rejected';
  /** Required for a rejection. */
  reason?: string;
  by: string;
  at: IsoDateTime;
}

/** The application form's free fields (scope, requested level, contact). */
export interface ApplicationForm {
  scope: string;
  requestedLevel: number | null;
  contactName: string;
  contactPhone: string;
}

export interface Application {
  eligibility?: EligibilityDeclaration;
  submittedAt?: IsoDateTime;
  submittedBy?: string;
  review?: ApplicationReview;
  withdrawal?: { by: string; at: IsoDateTime; reason?: string };
  /** Set when this application resubmits a rejected one. */
  previousAssessmentId?: string;
  /** Set when this application re-assesses a published assessment (evidence and self-assessment carried over). */
  reassessmentOf?: string;
}

export type PlanKind = 'pre' | 'formal';
export const PLAN_KIND_NAMES_ZH: Record<PlanKind, string> = { pre: '现场预评估计划', formal: '正式评估计划' };

export interface ScheduleEntry {
  date: IsoDate;
  activity: string;
}

/** 4.5.3: an assessment plan — at least purpose, scope, tasks, methods, dates, people, schedule. */
export interface PlanDoc {
  kind: PlanKind;
  purpose: string;
  scope: string;
  tasks: string[];
  methods: EvidenceMethod[];
  startDate: IsoDate;
  endDate: IsoDate;
  /** User ids of the team members taking part. */
  people: string[];
  schedule: ScheduleEntry[];
  version: number;
  writtenBy: string;
  writtenAt: IsoDateTime;
  /** Confirmation by the enterprise (与受评估方确认) of this version. */
  confirmed?: { by: string; at: IsoDateTime };
}

export type PlanInput = Omit<PlanDoc, 'version' | 'writtenBy' | 'writtenAt' | 'confirmed'>;

export const FIRST_MEETING_TOPICS = ['purpose', 'methods', 'schedule', 'team_introduction'] as const;
export const FINAL_MEETING_TOPICS = ['summary', 'results', 'strengths', 'weaknesses'] as const;
export type FirstMeetingTopic = (typeof FIRST_MEETING_TOPICS)[number];
export type FinalMeetingTopic = (typeof FINAL_MEETING_TOPICS)[number];

export interface Attendee {
  name: string;
  userId?: string;
  side: 'team' | 'enterprise' | 'other';
}

export interface Meeting {
  kind: 'first' | 'final';
  heldAt: IsoDateTime;
  minutes: string;
  attendees: Attendee[];
  /** Topics covered: 4.6.1 for the first meeting, 4.7.2 for the final one. */
  topics: string[];
  /** First meeting: the parties agreed on the plan (4.6.1 达成一致). */
  planAgreed?: boolean;
  recordedBy: string;
  recordedAt: IsoDateTime;
}

export type MeetingInput = Omit<Meeting, 'kind' | 'recordedBy' | 'recordedAt'>;

export interface ExpertScore {
  requirementId: string;
  value: ScoreValue;
  rationale: string;
  at: IsoDateTime;
  /** 1 for the first write, +1 on each overwrite. */
  version: number;
}

export interface ExpertSheet {
  expertId: string;
  scores: Record<string, ExpertScore>;
  /** Set once the expert submits the full set; the sheet is then locked. */
  submittedAt?: IsoDateTime;
}

/**
 * A sheet whose grades hold at least `S` of an ExpertScore (an ExpertSheet is one): the readers that need only
 * some of a grade (the spread and the consensus: value and rationale) take these, so the store reads no more.
 */
export interface GradeSheet<S = ExpertScore> {
  expertId: string;
  scores: Record<string, S>;
  submittedAt?: IsoDateTime;
}

/** What the consensus reads of a grade. */
export type ConsensusGrade = Pick<ExpertScore, 'value' | 'rationale'>;

export interface Dissent {
  expertId: string;
  value: ScoreValue;
  note?: string;
}

export interface ConsensusEntry {
  requirementId: string;
  /** The team score. */
  value: ScoreValue;
  rationale: string;
  /** Experts whose submitted score differs from the team score, with their notes. */
  dissent: Dissent[];
  decidedBy: string;
  at: IsoDateTime;
  version: number;
  /** Where the current value comes from. */
  source: 'consensus' | { contestId: string };
}

export interface FrozenResult {
  revision: number;
  /** The engine's output, opaque here. */
  value: JsonValue;
  /** The model version the result was computed with. */
  modelId: string;
  /** The team scores the result was computed from. */
  teamScores: Record<string, ScoreValue>;
  frozenAt: IsoDateTime;
  frozenBy: string;
  cause: 'consensus' | { contestId: string };
}

/** 4.6.4: the report's sections (at least). */
export const REPORT_SECTIONS = [
  'basic_situation',
  'overall_assessment',
  'analysis',
  'strengths',
  'weaknesses',
  'recommendations',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_NAMES_ZH: Record<ReportSection, string> = {
  basic_situation: '基本情况',
  overall_assessment: '总体评估',
  analysis: '分析报告',
  strengths: '优秀经验',
  weaknesses: '短板不足',
  recommendations: '改造建议（一企一策）',
};

export interface Report {
  sections: Partial<Record<ReportSection, string>>;
  version: number;
  updatedAt: IsoDateTime;
  updatedBy: string;
  issuedAt?: IsoDateTime;
}

export interface ContestWindow {
  openedAt: IsoDateTime;
  /** Contests may be filed up to and including this instant. */
  deadline: IsoDateTime;
  /** The enterprise declared it will file no (further) contest. */
  waived?: { by: string; at: IsoDateTime };
}

export interface ContestAnswer {
  decision: 'upheld' | 'rejected';
  reason: string;
  previousValue: ScoreValue;
  /** Upheld: the new team score. */
  newValue?: ScoreValue;
  answeredBy: string;
  at: IsoDateTime;
}

/** A contest is open until the leader answers it; then upheld or rejected (4.7.1). */
export const CONTEST_STATES = ['open', 'upheld', 'rejected'] as const;
export type ContestState = (typeof CONTEST_STATES)[number];

export interface Contest {
  id: string;
  requirementId: string;
  claim: string;
  requestedValue?: ScoreValue;
  evidence: EvidenceItem[];
  filedBy: string;
  filedAt: IsoDateTime;
  answer?: ContestAnswer;
}

export interface Seal {
  at: IsoDateTime;
  by: string;
  /** sha256 of the canonical JSON of what is sealed (see `sealContent`). */
  hash: string;
  resultRevision: number;
}

export interface Reopening {
  at: IsoDateTime;
  by: string;
  reason: string;
  previousSeal: Seal;
}

export interface HistoryEntry {
  seq: number;
  at: IsoDateTime;
  actorId: string;
  command: CommandType;
  from: Stage;
  to: Stage;
  events: string[];
}

// ---------------------------------------------------------------------------------------------------------
// The aggregate

export interface Assessment {
  id: string;
  /** Incremented on every successful transition: the store's optimistic-concurrency token. */
  version: number;
  enterpriseOrgId: string;
  bodyOrgId: string;
  industry: IndustryId;
  /** The model version (a folder under `standard/`). */
  modelId: string;
  /** The requirement ids in scope (Appendix A + the industry's Appendix B table), in the model's order. */
  requirementIds: string[];
  stage: Stage;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  application: Application;
  team?: Team;
  plans: Partial<Record<PlanKind, PlanDoc>>;
  meetings: { first?: Meeting; final?: Meeting };
  evidence: EvidenceItem[];
  /** Expert score sheets by expert user id. */
  sheets: Record<string, ExpertSheet>;
  /** Team scores by requirement id. */
  consensus: Record<string, ConsensusEntry>;
  result?: FrozenResult;
  /** Every result ever frozen, oldest first (the current one included). */
  resultHistory: FrozenResult[];
  report?: Report;
  contestWindow?: ContestWindow;
  contests: Contest[];
  /** 4.6.2: the team's latest review of each evidence item, by evidence id (absent in older documents). */
  evidenceReviews?: Record<string, EvidenceReview>;
  /** 4.6.2: the team's requests for more material (absent in older documents). */
  evidenceRequests?: EvidenceRequest[];
  /** 4.5.2: the leader's briefing of the team before formal scoring. */
  briefing?: Briefing;
  /** 4.5.3: findings of the pre-assessment and the formal assessment (absent in older documents). */
  findings?: Finding[];
  /** 4.6.3: group reviews by requirement id (absent in older documents). */
  groupReviews?: Record<string, GroupReview>;
  seal?: Seal;
  reopenings: Reopening[];
  history: HistoryEntry[];
}

// ---------------------------------------------------------------------------------------------------------
// Commands, events, errors

export type EvidenceInput = Omit<EvidenceItem, 'kind' | 'by' | 'contestId'>;

export type Command =
  | {
      type: 'application.update';
      industry?: IndustryId;
      requirementIds?: string[];
      modelId?: string;
      eligibility?: EligibilityAnswers;
    }
  | { type: 'evidence.upload'; item: EvidenceInput }
  | { type: 'evidence.remove'; itemId: string }
  | { type: 'evidence.confirm'; itemIds?: string[] }
  | {
      type: 'application.submit';
      /** The requirements the enterprise's self-assessment claims (a grade above 不满足), from the store. */
      claimedRequirementIds?: string[];
    }
  | { type: 'application.withdraw'; reason?: string }
  | { type: 'application.accept'; note?: string }
  | { type: 'application.reject'; reason: string }
  | { type: 'team.assign'; members: TeamMember[] }
  | { type: 'plan.write'; plan: PlanInput; expectedVersion: number }
  | { type: 'plan.confirm'; kind: PlanKind; version: number }
  | { type: 'meeting.record_first'; meeting: MeetingInput }
  | { type: 'evidence.collect'; item: EvidenceInput }
  | { type: 'evidence.review'; evidenceId: string; outcome: EvidenceReviewOutcome; reason?: string }
  | { type: 'evidence.request'; id: string; requirementIds: string[]; message: string; dueDate: IsoDate }
  | { type: 'evidence.answer'; requestId: string; note?: string; evidenceIds: string[] }
  | { type: 'briefing.record'; briefing: BriefingInput }
  | { type: 'finding.record'; finding: FindingInput }
  | { type: 'finding.update'; findingId: string; changes: FindingChanges; expectedVersion: number }
  | { type: 'finding.rectify'; findingId: string; text: string; evidenceIds: string[] }
  | { type: 'scoring.open' }
  | { type: 'score.write'; write: ScoreWrite }
  | { type: 'score.submit' }
  | { type: 'consensus.open' }
  | {
      type: 'group_review.record';
      requirementId: string;
      outcome: string;
      participants: string[];
      note?: string;
    }
  | {
      type: 'consensus.record';
      requirementId: string;
      value: ScoreValue;
      rationale: string;
      dissentNotes?: Record<string, string>;
      expectedVersion: number;
    }
  | { type: 'result.freeze'; modelId: string; result: JsonValue }
  | { type: 'report.write'; sections: Partial<Record<ReportSection, string>>; expectedVersion: number }
  | { type: 'communication.open' }
  | {
      type: 'contest.file';
      id: string;
      requirementId: string;
      claim: string;
      requestedValue?: ScoreValue;
      evidence: EvidenceInput[];
    }
  | { type: 'contest.waive' }
  | {
      type: 'contest.answer';
      contestId: string;
      decision: 'upheld' | 'rejected';
      reason: string;
      newValue?: ScoreValue;
      /** Upheld: the engine's result recomputed from `teamScoresAfterContest(...)`. */
      recomputedResult?: JsonValue;
    }
  | { type: 'meeting.record_final'; meeting: MeetingInput }
  | { type: 'publish' }
  | { type: 'reopen'; reason: string };

export type CommandType = Command['type'];
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;

export interface ScoreWrite {
  requirementId: string;
  value: ScoreValue;
  rationale: string;
  /** The version the writer last saw: 0 for a requirement not yet scored. */
  expectedVersion: number;
}

export interface DomainEvent {
  type: string;
  assessmentId: string;
  at: IsoDateTime;
  actorId: string;
  data: { [key: string]: JsonValue };
}

export type ProcessErrorCode =
  'illegal_transition' | 'validation' | 'forbidden' | 'conflict' | 'not_found' | 'deadline_passed' | 'locked';

export interface ProcessError {
  code: ProcessErrorCode;
  /** Dotted path of the offending input, when one field is to blame. */
  field?: string;
  message: string;
  details?: { [key: string]: JsonValue };
}

export type TransitionResult =
  { ok: true; assessment: Assessment; events: DomainEvent[] } | { ok: false; error: ProcessError };

/** The process actor: an access `Actor`. */
export interface ProcessActor {
  userId: string;
  orgId?: string;
  roles: readonly Role[];
}

/** Configurable process parameters. */
export interface ProcessOptions {
  /** Days the enterprise has to contest, counted from `communication.open`. Default 10. */
  contestWindowDays: number;
  /**
   * A declared interest relation that ended more than this many days ago no longer blocks assignment;
   * `null` (the default) = every declared relation blocks, whenever it ended (4.2.2 read strictly).
   */
  conflictLookbackDays: number | null;
}

export const DEFAULT_OPTIONS: ProcessOptions = { contestWindowDays: 10, conflictLookbackDays: null };

/** What the process needs from outside, passed in (no I/O here). */
export interface ProcessEnv {
  /** Does requirement `id` belong to `industry`'s scope (Appendix A + its Appendix B table)? */
  isRequirementOf?: (industry: IndustryId, id: string) => boolean;
  options?: Partial<ProcessOptions>;
}
