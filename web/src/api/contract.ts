/**
 * The HTTP API contract between the web app and `src/http/` — every endpoint the web app calls.
 *
 * Conventions
 * - JSON bodies (`content-type: application/json`) except evidence upload (multipart/form-data) and file downloads.
 * - Session: an HttpOnly cookie set by `POST /api/auth/login`. Every non-GET request carries the header
 *   `x-csrf-token` with the token returned by login / `GET /api/me`; a missing or wrong token → 403 `CSRF`.
 * - Errors: HTTP 4xx/5xx with body `ApiErrorBody` = `{ error: { code, message, field?, current? } }`.
 *   401 `UNAUTHENTICATED`, 403 `FORBIDDEN` / `CSRF`, 404 `NOT_FOUND`, 400 `VALIDATION` (with `field`),
 *   409 `VERSION_CONFLICT` (with `current` = the stored value, see below), 409 `INVALID_TRANSITION`,
 *   422 `RULE_VIOLATION` (e.g. a team that breaks 4.5.2, with `details`).
 * - Optimistic concurrency: every mutable record has an integer `version` (1 after creation, +1 per write).
 *   A write sends the version it was based on (`0` = "I believe it does not exist yet"). If the stored version
 *   differs the server writes nothing and answers 409 `VERSION_CONFLICT` with `current` set to the stored record;
 *   the client shows both values and lets the user choose — it never overwrites silently.
 * - Ids are strings. Timestamps are ISO-8601 strings (UTC). Dates (plans) are `YYYY-MM-DD`.
 * - Numbers that come out of scoring are exact decimal strings as produced by the engine (`src/scoring`).
 */
import type { IndustryId, LevelCode, StandardModel } from '@engine/model/types';
import type { Role } from '@engine/access/types';
import type { SpreadRow } from '@engine/process/scoring-sheets';
import type {
  Assessment as ProcessAssessment,
  Attendee,
  ConflictKind,
  ConsensusEntry,
  Contest as ProcessContest,
  Discipline,
  EligibilityAnswers,
  EvidenceItem,
  EvidenceMethod,
  Expert,
  ExpertScore,
  ExpertSheet,
  Meeting,
  MeetingInput,
  PlanDoc,
  PlanInput,
  PlanKind,
  Report,
  ReportSection,
  ScoreValue,
  Stage,
} from '@engine/process/types';

export type {
  Attendee,
  ConflictKind,
  ConsensusEntry,
  Discipline,
  EligibilityAnswers,
  EvidenceItem,
  EvidenceMethod,
  Expert,
  ExpertScore,
  ExpertSheet,
  Meeting,
  MeetingInput,
  PlanDoc,
  PlanInput,
  PlanKind,
  Report,
  ReportSection,
  Role,
  ScoreValue,
  SpreadRow,
  Stage,
};

// ───────────────────────────── common ─────────────────────────────

/** The server's error codes (one list, in src/http/error-codes.ts). */
import type { ErrorCode } from '@engine/http/error-codes';

export type { ErrorCode };

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    /** Human readable, in the language of `accept-language` (zh-CN default). */
    message: string;
    /** The offending request field (dotted path), for VALIDATION. */
    field?: string;
    /** For VERSION_CONFLICT: the stored record, same type as the endpoint's normal response. */
    current?: unknown;
    /** For RULE_VIOLATION: the failed checks. */
    details?: RuleCheck[];
  };
}

/** A failed rule (RULE_VIOLATION details); for a team: `TeamRuleResult` of src/process/team. */
export interface RuleCheck {
  rule: string;
  pass: boolean;
  message: string;
  [extra: string]: unknown;
}

// ───────────────────────────── auth ─────────────────────────────

export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Global roles (src/access). `team_leader` is held by experts who lead at least one team. */
  roles: Role[];
  orgId?: string;
  orgName?: string;
  orgKind?: 'platform' | 'body' | 'enterprise';
}

export interface LoginRequest {
  username: string;
  password: string;
}
export interface SessionResponse {
  user: User;
  csrfToken: string;
}

// ───────────────────────────── models ─────────────────────────────

export interface ModelSummary {
  id: string;
  title: string;
  titleEn: string;
  status: string;
  industries: IndustryId[];
  /** Number of requirements per industry (Appendix A + that industry's Appendix B). */
  requirementCounts: Record<IndustryId, number>;
}

// ───────────────────────────── assessments ─────────────────────────────

export interface ProgressCount {
  done: number;
  total: number;
}

export interface AssessmentSummary {
  id: string;
  version: number;
  enterpriseOrgId: string;
  enterpriseName: string;
  bodyOrgId: string;
  modelId: string;
  industry: IndustryId;
  stage: Stage;
  createdAt: string;
  updatedAt: string;
  /** When each stage reached so far was (last) entered, from the history. */
  stageEnteredAt: Partial<Record<Stage, string>>;
  progress: {
    /** Self-assessment: requirements scored by the enterprise. */
    self: ProgressCount;
    /** Per team expert: scored / total; `submitted` once the sheet is submitted. Empty for the enterprise. */
    experts: { userId: string; name: string; done: number; total: number; submitted: boolean }[];
    consensus: ProgressCount;
    evidence: number;
    openContests: number;
  };
  /** Published result (or, for the team and body, the current frozen result). */
  headline?: { total: string; level: number | null; conclusion: string };
}

/** Process commands that only move the assessment along (no document body): `POST …/transitions`. */
export type TransitionCommand =
  | { type: 'application.submit' }
  | { type: 'application.withdraw'; reason?: string }
  | { type: 'application.accept'; note?: string }
  | { type: 'application.reject'; reason: string }
  | { type: 'plan.confirm'; kind: PlanKind; version: number }
  | { type: 'scoring.open' }
  | { type: 'score.submit' }
  | { type: 'consensus.open' }
  /** The server computes the result with the engine from the team scores and freezes it. */
  | { type: 'result.freeze' }
  | { type: 'communication.open' }
  | { type: 'contest.waive' }
  | { type: 'publish' }
  | { type: 'reopen'; reason: string };
export type TransitionType = TransitionCommand['type'];

export interface TransitionRequest {
  command: TransitionCommand;
  /** The assessment's `version` the user saw; 409 VERSION_CONFLICT (current = AssessmentView) otherwise. */
  expectedVersion: number;
}

/**
 * One assessment as the current user may see it: the process aggregate without the parts that have their
 * own endpoints (sheets, consensus, evidence, contests, results), plus what the UI needs.
 */
export type AssessmentView = Omit<
  ProcessAssessment,
  'sheets' | 'consensus' | 'evidence' | 'contests' | 'result' | 'resultHistory'
> &
  Pick<AssessmentSummary, 'enterpriseName' | 'progress' | 'headline' | 'stageEnteredAt'> & {
    /** Transition commands the current user may issue now (src/process + src/access). */
    allowedCommands: TransitionType[];
    /** Access actions the current user holds on this assessment (src/access `can`). */
    allowedActions: string[];
    /** Self-assessment requested level / scope / contact from the application form. */
    applicationForm: ApplicationForm;
  };

export interface ApplicationForm {
  scope: string;
  requestedLevel: number | null;
  contactName: string;
  contactPhone: string;
}

export interface CreateAssessmentRequest {
  modelId: string;
  industry: IndustryId;
  eligibility: EligibilityAnswers;
  form: ApplicationForm;
}

/** `application.update` while in `application`. */
export interface UpdateAssessmentRequest {
  industry?: IndustryId;
  eligibility?: EligibilityAnswers;
  form?: ApplicationForm;
  expectedVersion: number;
}

export interface AssessmentListQuery {
  stage?: Stage;
}

// ───────────────────────────── scores ─────────────────────────────

/** Self-assessment entry (the enterprise's own scores; never used for the official result). */
export interface SelfScore {
  requirementId: string;
  value: ScoreValue;
  note: string;
  at: string;
  /** 1 for the first write, +1 on each overwrite. */
  version: number;
}

export interface SelfSheet {
  assessmentId: string;
  scores: Record<string, SelfScore>;
}

/** A write of one requirement's score; `expectedVersion` 0 for a requirement not yet scored. */
export interface PutScoreRequest {
  value: ScoreValue;
  /** Self: note; expert: rationale. */
  note: string;
  expectedVersion: number;
}

/** `DELETE` of a self score carries the expected version as query `?expectedVersion=`. */
export interface DeleteScoreQuery {
  expectedVersion: number;
}

// ───────────────────────────── evidence ─────────────────────────────

/** An evidence item as served: the process item plus the download URL of its file. */
export type EvidenceView = EvidenceItem & { url?: string };

/**
 * multipart/form-data fields of `POST /api/assessments/:id/evidence`:
 *   file (optional for interview notes), requirementId, note, method (required when collected by the team),
 *   kind = `submitted` (enterprise) | `collected` (team).
 */
export interface UploadEvidenceFields {
  file?: File;
  requirementId: string;
  note?: string;
  method?: EvidenceMethod;
  kind: 'submitted' | 'collected';
}

// ───────────────────────────── team ─────────────────────────────

/** A candidate expert: the process `Expert` record (disciplines, training, declared conflicts) plus context. */
export interface ExpertCandidate {
  expert: Expert;
  orgName: string;
  /** Active assessments the expert is on. */
  load: number;
}

/**
 * `team.assign` (moves team_formation → planning). The server runs `checkTeam` (src/process/team) and answers
 * 422 RULE_VIOLATION with `details` = the failed rules when 4.5.2 / 4.2.2 are broken. The web app runs the same
 * `checkTeam` live while the team is built.
 */
export interface PutTeamRequest {
  members: { userId: string; role: 'leader' | 'member' }[];
  expectedVersion: number;
}

// ───────────────────────────── plans, meetings, report ─────────────────────────────

export type PutPlanRequest = PlanInput & { expectedVersion: number };
export type PutMeetingRequest = MeetingInput;
export interface PutReportRequest {
  sections: Partial<Record<ReportSection, string>>;
  expectedVersion: number;
}

// ───────────────────────────── consensus ─────────────────────────────

/**
 * One requirement of the consensus: the process `SpreadRow` (src/process/scoring-sheets `scoreSpread`) plus the
 * experts' rationales and the recorded team score. The web app orders rows with `orderDisagreementsFirst`.
 */
export type ConsensusItem = SpreadRow & {
  /** Expert user id → rationale of the submitted score. */
  rationales: Record<string, string>;
  /** The team score recorded by the leader, if any. */
  team: ConsensusEntry | null;
};

/** Only served once every expert has submitted (visibleScores); 403 before. */
export interface ConsensusView {
  experts: { userId: string; name: string; role: 'leader' | 'member'; submitted: boolean }[];
  /** In model order. */
  items: ConsensusItem[];
}

export interface PutConsensusRequest {
  value: ScoreValue;
  rationale: string;
  /** Notes per dissenting expert id (their own rationale is used when omitted). */
  dissentNotes?: Record<string, string>;
  expectedVersion: number;
}

// ───────────────────────────── result ─────────────────────────────

export type ResultSource = 'self' | 'team';

/**
 * The scores a result is computed from. The web app recomputes the result and its trace with the same pure engine
 * (`src/scoring`), so its numbers equal the server's `summary` (which the server takes from the frozen result).
 */
export interface ResultResponse {
  modelId: string;
  industry: IndustryId;
  source: ResultSource;
  /** Requirement id → score. For `team`: the team scores (the frozen ones once frozen). */
  scores: Record<string, ScoreValue>;
  /** Some requirements have no score yet (the engine ran with `partial`). */
  partial: boolean;
  summary: {
    total: string;
    levelScores: Record<LevelCode, string>;
    met: Record<LevelCode, boolean>;
    /** Table 3 level reached (1..5), null below band 1. */
    level: number | null;
    conclusion: string;
  };
  frozen?: { revision: number; frozenAt: string };
  publishedAt?: string;
}

// ───────────────────────────── contests ─────────────────────────────

export type ContestView = ProcessContest;

/** `contest.file` (enterprise, during `communication`, before the deadline). */
export interface CreateContestRequest {
  requirementId: string;
  claim: string;
  requestedValue?: ScoreValue;
  /** Ids of evidence items already uploaded (kind `submitted`) to attach (copied onto the contest). */
  evidenceIds?: string[];
  /** New evidence given as notes (the process requires new evidence: evidenceIds and/or notes). */
  evidence?: { note: string }[];
  expectedVersion: number;
}

/** `contest.answer` (leader). */
export interface AnswerContestRequest {
  decision: 'upheld' | 'rejected';
  reason: string;
  newValue?: ScoreValue;
  expectedVersion: number;
}

// ───────────────────────────── reports ─────────────────────────────

export type ReportFormat = 'docx' | 'xlsx' | 'json';

// ───────────────────────────── the endpoint table ─────────────────────────────

/**
 * Every endpoint: `'METHOD /path'` → request body (or query), response body.
 * `never` request = no body. Path parameters are written `:name`.
 */
export interface Endpoints {
  'POST /api/auth/login': { req: LoginRequest; res: SessionResponse };
  'POST /api/auth/logout': { req: never; res: { ok: true } };
  'GET /api/me': { req: never; res: SessionResponse };

  'GET /api/models': { req: never; res: ModelSummary[] };
  /** The whole model as stored under standard/<id>/ (the browser derives the effective model per industry). */
  'GET /api/models/:modelId': { req: never; res: StandardModel };

  'GET /api/assessments': { req: AssessmentListQuery; res: AssessmentSummary[] };
  /** Enterprise: creates an assessment in stage `application`. */
  'POST /api/assessments': { req: CreateAssessmentRequest; res: AssessmentView };
  'GET /api/assessments/:id': { req: never; res: AssessmentView };
  'PATCH /api/assessments/:id': { req: UpdateAssessmentRequest; res: AssessmentView };
  'POST /api/assessments/:id/transitions': { req: TransitionRequest; res: AssessmentView };

  'GET /api/assessments/:id/self-scores': { req: never; res: SelfSheet };
  /** 409 VERSION_CONFLICT with current = SelfScore. */
  'PUT /api/assessments/:id/self-scores/:requirementId': { req: PutScoreRequest; res: SelfScore };
  'DELETE /api/assessments/:id/self-scores/:requirementId': { req: DeleteScoreQuery; res: { ok: true } };

  'GET /api/assessments/:id/evidence': { req: { requirementId?: string }; res: EvidenceView[] };
  /** multipart/form-data, see UploadEvidenceFields; max 50 MB per file (413 PAYLOAD_TOO_LARGE). */
  'POST /api/assessments/:id/evidence': { req: FormData; res: EvidenceView };
  'DELETE /api/assessments/:id/evidence/:evidenceId': { req: never; res: { ok: true } };
  /** The file itself (content-disposition: attachment). */
  'GET /api/assessments/:id/evidence/:evidenceId/file': { req: never; res: Blob };

  'GET /api/assessments/:id/team/candidates': { req: never; res: ExpertCandidate[] };
  /** The team itself is `AssessmentView.team`. */
  'PUT /api/assessments/:id/team': { req: PutTeamRequest; res: AssessmentView };

  'GET /api/assessments/:id/plans': { req: never; res: Partial<Record<PlanKind, PlanDoc>> };
  /** 409 VERSION_CONFLICT with current = PlanDoc. */
  'PUT /api/assessments/:id/plans/:kind': { req: PutPlanRequest; res: PlanDoc };
  'GET /api/assessments/:id/meetings': { req: never; res: { first?: Meeting; final?: Meeting } };
  'PUT /api/assessments/:id/meetings/:kind': { req: PutMeetingRequest; res: Meeting };
  'GET /api/assessments/:id/report-draft': { req: never; res: Report | null };
  'PUT /api/assessments/:id/report-draft': { req: PutReportRequest; res: Report };

  'GET /api/assessments/:id/scores/mine': { req: never; res: ExpertSheet };
  /** 409 VERSION_CONFLICT with current = ExpertScore; 423-like LOCKED once submitted. */
  'PUT /api/assessments/:id/scores/mine/:requirementId': { req: PutScoreRequest; res: ExpertScore };

  'GET /api/assessments/:id/consensus': { req: never; res: ConsensusView };
  /** 409 VERSION_CONFLICT with current = ConsensusItem. */
  'PUT /api/assessments/:id/consensus/:requirementId': { req: PutConsensusRequest; res: ConsensusItem };

  'GET /api/assessments/:id/result': { req: { source?: ResultSource }; res: ResultResponse };

  'GET /api/assessments/:id/contests': { req: never; res: ContestView[] };
  'POST /api/assessments/:id/contests': { req: CreateContestRequest; res: ContestView };
  'POST /api/assessments/:id/contests/:contestId/answer': { req: AnswerContestRequest; res: ContestView };

  /** Report file (content-disposition: attachment). */
  'GET /api/assessments/:id/report': { req: { format: ReportFormat }; res: Blob };
}

export type EndpointKey = keyof Endpoints;
