/**
 * The work on an assessment: plans, meetings, the report draft, self-assessment and expert scores, consensus,
 * evidence, contests, the result and the report files.
 */
import {
  AttachmentKind,
  Contest,
  ConsensusEntry,
  EvidenceMethod,
  EvidenceView,
  ExpertScore,
  FrozenResult,
  Industry,
  MeetingInput,
  PlanInput,
  Report,
  ReportSections,
  ScoreValue,
  Seal,
  SpreadRowFields,
  Stage,
  TeamRole,
} from './domain.js';
import {
  Dict,
  Id,
  Int,
  IsoDateTime,
  KeyedRecord,
  NonBlank,
  Nullable,
  Obj,
  Page,
  PageParams,
  SortOrder,
  Str,
  StringEnum,
  Type,
  type Static,
} from './schema.js';
import { LEVEL_CODES } from '../model/types.js';
import { CONTEST_STATES, EVIDENCE_REVIEW_STATES } from '../process/types.js';

// --- plans, meetings, report draft ---------------------------------------------------------------------------

export const PlanParams = Obj({ id: Id, kind: StringEnum(['pre', 'formal'] as const) });
export const PutPlanRequest = Type.Composite([PlanInput, Obj({ expectedVersion: Int() })]);
export type PutPlanRequest = Static<typeof PutPlanRequest>;

export const MeetingParams = Obj({ id: Id, kind: StringEnum(['first', 'final'] as const) });
export const PutMeetingRequest = MeetingInput;
export type PutMeetingRequest = Static<typeof PutMeetingRequest>;

export const PutReportRequest = Obj({ sections: ReportSections, expectedVersion: Int() });
export type PutReportRequest = Static<typeof PutReportRequest>;
export const ReportDraft = Nullable(Report);

// --- scores ------------------------------------------------------------------------------------------------------

/** Self-assessment entry (the enterprise's own scores; never used for the official result). */
export const SelfScore = Obj({
  requirementId: Type.String(),
  value: ScoreValue,
  note: Type.String(),
  at: IsoDateTime,
  /** 1 for the first write, +1 on each overwrite. */
  version: Type.Integer(),
  /** Carried over from this published assessment, until the enterprise confirms it (any write confirms). */
  carriedFrom: Type.Optional(Type.String()),
});
export type SelfScore = Static<typeof SelfScore>;

export const SelfSheet = Obj({ assessmentId: Type.String(), scores: Dict(SelfScore) });
export type SelfSheet = Static<typeof SelfSheet>;

/** A write of one requirement's score; `expectedVersion` 0 for a requirement not yet scored. */
export const PutScoreRequest = Obj({ value: ScoreValue, note: Str(10_000), expectedVersion: Int() });
export type PutScoreRequest = Static<typeof PutScoreRequest>;
export const DeleteScoreQuery = Obj({ expectedVersion: Int(1) });

export const OwnSheet = Obj({
  expertId: Type.String(),
  scores: Dict(ExpertScore),
  submittedAt: Type.Optional(IsoDateTime),
});
export type OwnSheet = Static<typeof OwnSheet>;

export const PutScoresRequest = Obj({
  writes: Type.Array(
    Obj({ requirementId: Id, value: ScoreValue, note: NonBlank(10_000), expectedVersion: Int() }),
    { maxItems: 2000 },
  ),
});
export type PutScoresRequest = Static<typeof PutScoresRequest>;

// --- consensus ---------------------------------------------------------------------------------------------------

/** One requirement of the consensus: the spread of the experts' scores, their rationales, the team score. */
/** 4.6.3 组内评审: the group review of a requirement whose grades spread widely. */
export const GroupReview = Obj({
  requirementId: Id,
  outcome: Type.String(),
  participants: Type.Array(Type.String()),
  note: Type.Optional(Type.String()),
  /** max − min of the submitted grades (tenths) when recorded. */
  spreadTenths: Int(),
  recordedBy: Type.String(),
  recordedAt: IsoDateTime,
  version: Int(),
});
export type GroupReview = Static<typeof GroupReview>;

export const PutGroupReviewRequest = Obj({
  outcome: NonBlank(4000),
  /** Team member ids who took part (at least two). */
  participants: Type.Array(Id, { minItems: 2, maxItems: 50 }),
  note: Type.Optional(Str(4000)),
});
export type PutGroupReviewRequest = Static<typeof PutGroupReviewRequest>;

/** Several group reviews at once (one meeting reviewed them together), all or nothing. */
export const PutGroupReviewBatchRequest = Obj({
  items: Type.Array(Obj({ requirementId: Id, ...PutGroupReviewRequest.properties }), {
    minItems: 1,
    maxItems: 2000,
  }),
});
export type PutGroupReviewBatchRequest = Static<typeof PutGroupReviewBatchRequest>;

export const GroupReviewParams = Obj({ id: Id, requirementId: Id });

export const ConsensusItem = Obj({
  ...SpreadRowFields,
  /** Expert user id → rationale of the submitted score. */
  rationales: Dict(Type.String()),
  /** The team score recorded by the leader, if any. */
  team: Nullable(ConsensusEntry),
  /** 4.6.3: the grades spread by the threshold or more, so a group review precedes the team score. */
  needsGroupReview: Type.Boolean(),
  /** 4.6.3: the recorded group review, if any. */
  groupReview: Nullable(GroupReview),
});
export type ConsensusItem = Static<typeof ConsensusItem>;

/** Served once the viewer may see every sheet (visibleScores); 403 before. */
export const ConsensusView = Obj({
  experts: Type.Array(
    Obj({ userId: Type.String(), name: Type.String(), role: TeamRole, submitted: Type.Boolean() }),
  ),
  /** In model order. */
  items: Type.Array(ConsensusItem),
  /** Requirement ids, disagreements first (widest spread first). */
  disagreementsFirst: Type.Array(Type.String()),
  /** 4.6.3: the spread (tenths, max − min) from which a group review is necessary. */
  groupReviewSpreadTenths: Int(),
});
export type ConsensusView = Static<typeof ConsensusView>;

export const PutConsensusRequest = Obj({
  value: ScoreValue,
  rationale: NonBlank(10_000),
  /** Notes per dissenting expert id (their own rationale is used when omitted). */
  dissentNotes: Type.Optional(Type.Record(Type.String(), Str(5000), { maxProperties: 101 })),
  expectedVersion: Int(),
});
export type PutConsensusRequest = Static<typeof PutConsensusRequest>;

export const PutConsensusBatchRequest = Obj({
  items: Type.Array(
    Obj({ requirementId: Id, value: ScoreValue, rationale: NonBlank(10_000), expectedVersion: Int() }),
    { maxItems: 2000 },
  ),
});
export type PutConsensusBatchRequest = Static<typeof PutConsensusBatchRequest>;

// --- evidence ----------------------------------------------------------------------------------------------------

export const EVIDENCE_SORTS = ['at', 'requirement'] as const;
/** The evidence list: filters, sort (default: in the order recorded), paging. */
export const EvidenceQuery = Obj({
  requirementId: Type.Optional(Id),
  kind: Type.Optional(StringEnum(['submitted', 'collected'] as const)),
  /** The team's review (4.6.2): not yet reviewed, or the outcome of the latest review. */
  review: Type.Optional(StringEnum(EVIDENCE_REVIEW_STATES)),
  sort: Type.Optional(StringEnum(EVIDENCE_SORTS)),
  order: Type.Optional(SortOrder),
  ...PageParams,
});
export type EvidenceQuery = Static<typeof EvidenceQuery>;
export const EvidencePage = Page(EvidenceView);
export type EvidencePage = Static<typeof EvidencePage>;
export const EvidenceParams = Obj({ id: Id, evidenceId: Id });

/**
 * multipart/form-data fields of `POST /api/assessments/:id/evidence` (documented; the parts are read as a
 * stream): file (optional for interview notes), requirementId, note, method (required when collected by the
 * team), kind = `submitted` (enterprise) | `collected` (team).
 */
export const UploadEvidenceFields = Obj({
  file: Type.Optional(Type.Unsafe<Blob>({ type: 'string', format: 'binary' })),
  requirementId: Id,
  note: Type.Optional(Str(10_000)),
  method: Type.Optional(EvidenceMethod),
  kind: Type.Optional(StringEnum(['submitted', 'collected'] as const)),
  /** 4.2.1 / 4.4: the document is one of the required application documents. */
  attachmentKind: Type.Optional(AttachmentKind),
});
export type UploadEvidenceFields = Static<typeof UploadEvidenceFields>;

// --- contests ----------------------------------------------------------------------------------------------------

export const CreateContestRequest = Obj({
  requirementId: Id,
  claim: NonBlank(10_000),
  requestedValue: Type.Optional(ScoreValue),
  /** Ids of evidence items already uploaded (kind `submitted`), attached as copies. */
  evidenceIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  /** New evidence given as notes. */
  evidence: Type.Optional(Type.Array(Obj({ note: Str(10_000) }), { maxItems: 50 })),
  expectedVersion: Int(),
});
export type CreateContestRequest = Static<typeof CreateContestRequest>;

export const ContestParams = Obj({ id: Id, contestId: Id });

/** The contest list: filters, paging, in the order filed (or newest first with order=desc). */
export const ContestQuery = Obj({
  state: Type.Optional(StringEnum(CONTEST_STATES)),
  requirementId: Type.Optional(Id),
  order: Type.Optional(SortOrder),
  ...PageParams,
});
export type ContestQuery = Static<typeof ContestQuery>;
export const ContestPage = Page(Contest);
export type ContestPage = Static<typeof ContestPage>;
export const AnswerContestRequest = Obj({
  decision: StringEnum(['upheld', 'rejected'] as const),
  reason: NonBlank(10_000),
  newValue: Type.Optional(ScoreValue),
  expectedVersion: Int(),
});
export type AnswerContestRequest = Static<typeof AnswerContestRequest>;

// --- result and report files ---------------------------------------------------------------------------------

export const ResultSource = StringEnum(['self', 'team'] as const);
export type ResultSource = Static<typeof ResultSource>;
export const ResultQuery = Obj({ source: Type.Optional(ResultSource) });

/**
 * The scores a result is computed from and its summary. The web app recomputes the result and its trace with
 * the same pure engine (`src/scoring`), so its numbers equal the server's `summary`.
 */
export const ResultResponse = Obj({
  modelId: Type.String(),
  industry: Industry,
  source: ResultSource,
  /** Requirement id → score. For `team`: the team scores (the frozen ones once frozen). */
  scores: Dict(ScoreValue),
  /** Some requirements have no score yet (the engine ran with `partial`). */
  partial: Type.Boolean(),
  summary: Obj({
    total: Type.String(),
    levelScores: KeyedRecord(LEVEL_CODES, Type.String()),
    met: KeyedRecord(LEVEL_CODES, Type.Boolean()),
    /** Table 3 level reached (1..5), null below band 1. */
    level: Nullable(Type.Integer()),
    conclusion: Type.String(),
  }),
  frozen: Type.Optional(Obj({ revision: Type.Integer(), frozenAt: IsoDateTime })),
  publishedAt: Type.Optional(IsoDateTime),
});
export type ResultResponse = Static<typeof ResultResponse>;

export const REPORT_FORMATS = ['json', 'docx', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const ReportQuery = Obj({ format: StringEnum(REPORT_FORMATS) });

/** `?format=json`: the stored report and result. */
export const ReportJson = Obj({
  assessmentId: Type.String(),
  enterpriseOrgId: Type.String(),
  industry: Industry,
  modelId: Type.String(),
  stage: Stage,
  report: Nullable(Report),
  result: Nullable(FrozenResult),
  seal: Nullable(Seal),
});
export type ReportJson = Static<typeof ReportJson>;
