/**
 * THE table of HTTP endpoints: `'METHOD /path'` → its schemas. The server registers each route from its row
 * (Fastify validates requests and serialises answers with these schemas and publishes them as OpenAPI); the web
 * app types its client from the same row. A field renamed here breaks both type-checks.
 *
 * Conventions
 * - JSON bodies, except evidence upload (multipart/form-data) and file downloads (`Binary`).
 * - Session: an HttpOnly cookie set by `POST /api/auth/login`; every non-GET request carries `x-csrf-token`.
 * - Errors: `ApiErrorBody` with a code; 409 VERSION_CONFLICT carries `current` (the stored record).
 * - Optimistic concurrency: records have an integer `version`; writes send the version they were based on.
 */
import {
  AssessmentAuditQuery,
  AuditEntry,
  AuditQuery,
  AuditVerification,
  CreateOrganisationRequest,
  CreateUserRequest,
  ExpertProfile,
  Organisation,
  OrganisationQuery,
  PutExpertProfileRequest,
  UpdateUserRequest,
  UserIdParams,
  UserQuery,
  UserView,
} from './admin.js';
import {
  AssessmentListQuery,
  AssessmentSummary,
  AssessmentView,
  CreateAssessmentRequest,
  ExpertCandidate,
  IdParams,
  IdReqParams,
  PutTeamRequest,
  TeamCheck,
  TeamCheckRequest,
  TransitionRequest,
  UpdateAssessmentRequest,
} from './assessments.js';
import { LoginRequest, SessionResponse } from './auth.js';
import {
  Contest,
  EvidenceView,
  ExpertScore,
  Industry,
  Meeting,
  Meetings,
  PlanDoc,
  Plans,
  Report,
} from './domain.js';
import { ApiErrorBody } from './errors.js';
import { EffectiveModelView, ModelSummary, StandardModel } from './models.js';
import { Binary, Id, Obj, Ok, Type, type Static, type TSchema } from './schema.js';
import {
  AnswerContestRequest,
  ConsensusItem,
  ConsensusView,
  ContestParams,
  CreateContestRequest,
  DeleteScoreQuery,
  EvidenceParams,
  EvidenceQuery,
  MeetingParams,
  OwnSheet,
  PlanParams,
  PutConsensusBatchRequest,
  PutConsensusRequest,
  PutMeetingRequest,
  PutPlanRequest,
  PutReportRequest,
  PutScoreRequest,
  PutScoresRequest,
  ReportDraft,
  ReportJson,
  ReportQuery,
  ResultQuery,
  ResultResponse,
  SelfScore,
  SelfSheet,
  UploadEvidenceFields,
} from './work.js';

export interface EndpointDef {
  summary: string;
  tags: readonly string[];
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The 2xx answer. `Binary` for a file. */
  response: TSchema;
  /** 200 unless stated. */
  status?: 200 | 201;
  /** Content types of a file answer (OpenAPI). */
  produces?: readonly string[];
  /** `multipart/form-data` uploads: the body is read as a stream; `multipart` documents the fields. */
  multipart?: TSchema;
}

const ModelParams = Obj({ modelId: Id });
const EffectiveParams = Obj({ modelId: Id, industry: Industry });
const REPORT_TYPES = [
  'application/json',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
] as const;

export const endpoints = {
  // --- auth
  'POST /api/auth/login': {
    summary: 'Log in: sets the session cookie, returns the user and the CSRF token',
    tags: ['auth'],
    body: LoginRequest,
    response: SessionResponse,
  },
  'POST /api/auth/logout': { summary: 'Log out (ends the session)', tags: ['auth'], response: Ok },
  'GET /api/me': {
    summary: 'The signed-in user and the CSRF token',
    tags: ['auth'],
    response: SessionResponse,
  },

  // --- models
  'GET /api/models': {
    summary: 'Model versions with their requirement counts per industry',
    tags: ['models'],
    response: Type.Array(ModelSummary),
  },
  'GET /api/models/:modelId': {
    summary: 'The whole model as stored under standard/<id>/',
    tags: ['models'],
    params: ModelParams,
    response: StandardModel,
  },
  'GET /api/models/:modelId/industries/:industry': {
    summary: 'The effective model of an industry (Appendix A + B, rescaled weights as exact fractions)',
    tags: ['models'],
    params: EffectiveParams,
    response: EffectiveModelView,
  },

  // --- administration
  'GET /api/orgs': {
    summary: 'Organisations: all for the platform admin; otherwise the assessment bodies and one’s own',
    tags: ['admin'],
    query: OrganisationQuery,
    response: Type.Array(Organisation),
  },
  'POST /api/orgs': {
    summary: 'Create an organisation (platform admin)',
    tags: ['admin'],
    body: CreateOrganisationRequest,
    response: Organisation,
    status: 201,
  },
  'GET /api/users': {
    summary: 'Users of an organisation (user.manage), or all (platform admin)',
    tags: ['admin'],
    query: UserQuery,
    response: Type.Array(UserView),
  },
  'POST /api/users': {
    summary: 'Create a user with a password',
    tags: ['admin'],
    body: CreateUserRequest,
    response: UserView,
    status: 201,
  },
  'PATCH /api/users/:userId': {
    summary: 'Update a user (roles, disciplines, active, display name, password)',
    tags: ['admin'],
    params: UserIdParams,
    body: UpdateUserRequest,
    response: UserView,
  },
  'GET /api/users/:userId/expert-profile': {
    summary: 'An expert’s training validity and declared interest relations (self or user manager)',
    tags: ['admin'],
    params: UserIdParams,
    response: ExpertProfile,
  },
  'PUT /api/users/:userId/expert-profile': {
    summary:
      'Set the training validity (user manager) and the declared interest relations (the expert or a user manager)',
    tags: ['admin'],
    params: UserIdParams,
    body: PutExpertProfileRequest,
    response: ExpertProfile,
  },
  'GET /api/audit': {
    summary: 'The audit log (platform admin), oldest first, paged by seq',
    tags: ['audit'],
    query: AuditQuery,
    response: Type.Array(AuditEntry),
  },
  'GET /api/audit/verify': {
    summary: 'Verify the audit hash chain (platform admin)',
    tags: ['audit'],
    response: AuditVerification,
  },

  // --- assessments
  'GET /api/assessments': {
    summary: 'Assessments the user may read (own enterprise / own body / own team)',
    tags: ['assessments'],
    query: AssessmentListQuery,
    response: Type.Array(AssessmentSummary),
  },
  'POST /api/assessments': {
    summary: 'The enterprise starts an application (stage application)',
    tags: ['assessments'],
    body: CreateAssessmentRequest,
    response: AssessmentView,
    status: 201,
  },
  'GET /api/assessments/:id': {
    summary: 'One assessment',
    tags: ['assessments'],
    params: IdParams,
    response: AssessmentView,
  },
  'PATCH /api/assessments/:id': {
    summary: 'Update the application (industry, eligibility, form) while in stage application',
    tags: ['assessments'],
    params: IdParams,
    body: UpdateAssessmentRequest,
    response: AssessmentView,
  },
  'POST /api/assessments/:id/transitions': {
    summary:
      'Move the assessment along (submit, accept/reject, confirm plan, open scoring, freeze, publish …)',
    tags: ['assessments'],
    params: IdParams,
    body: TransitionRequest,
    response: AssessmentView,
  },
  'GET /api/assessments/:id/audit': {
    summary: 'The audit trail of one assessment (body admin, leader), as each may see it',
    tags: ['audit'],
    params: IdParams,
    query: AssessmentAuditQuery,
    response: Type.Array(AuditEntry),
  },

  // --- team
  'GET /api/assessments/:id/team/candidates': {
    summary: 'Active experts with their disciplines, training and declared conflicts, and current load',
    tags: ['team'],
    params: IdParams,
    response: Type.Array(ExpertCandidate),
  },
  'POST /api/assessments/:id/team/check': {
    summary: 'Live check of a (possibly incomplete) team against 4.5.2 / 4.2.2, without saving',
    tags: ['team'],
    params: IdParams,
    body: TeamCheckRequest,
    response: TeamCheck,
  },
  'PUT /api/assessments/:id/team': {
    summary: 'Assign (or re-assign during planning) the expert team; 422 RULE_VIOLATION when rules fail',
    tags: ['team'],
    params: IdParams,
    body: PutTeamRequest,
    response: AssessmentView,
  },

  // --- plans, meetings, report draft
  'GET /api/assessments/:id/plans': {
    summary: 'The two plans (4.5.3)',
    tags: ['plans'],
    params: IdParams,
    response: Plans,
  },
  'PUT /api/assessments/:id/plans/:kind': {
    summary: 'Write a plan (leader); 409 VERSION_CONFLICT with the stored plan on a stale version',
    tags: ['plans'],
    params: PlanParams,
    body: PutPlanRequest,
    response: PlanDoc,
  },
  'GET /api/assessments/:id/meetings': {
    summary: 'First and final meetings',
    tags: ['meetings'],
    params: IdParams,
    response: Meetings,
  },
  'PUT /api/assessments/:id/meetings/:kind': {
    summary: 'Record the first (4.6.1) or final (4.7.2) meeting (leader); moves the stage on',
    tags: ['meetings'],
    params: MeetingParams,
    body: PutMeetingRequest,
    response: Meeting,
  },
  'GET /api/assessments/:id/report-draft': {
    summary: 'The report draft (team, body; the enterprise once communicated)',
    tags: ['report'],
    params: IdParams,
    response: ReportDraft,
  },
  'PUT /api/assessments/:id/report-draft': {
    summary: 'Write the report sections (4.6.4); 409 with the stored report on a stale version',
    tags: ['report'],
    params: IdParams,
    body: PutReportRequest,
    response: Report,
  },

  // --- self-assessment
  'GET /api/assessments/:id/self-scores': {
    summary: 'The enterprise’s self-assessment',
    tags: ['self-assessment'],
    params: IdParams,
    response: SelfSheet,
  },
  'PUT /api/assessments/:id/self-scores/:requirementId': {
    summary: 'Write a self-assessment score; 409 VERSION_CONFLICT with the stored score on a stale version',
    tags: ['self-assessment'],
    params: IdReqParams,
    body: PutScoreRequest,
    response: SelfScore,
  },
  'DELETE /api/assessments/:id/self-scores/:requirementId': {
    summary: 'Remove a self-assessment score (expectedVersion in the query)',
    tags: ['self-assessment'],
    params: IdReqParams,
    query: DeleteScoreQuery,
    response: Ok,
  },

  // --- expert scores
  'GET /api/assessments/:id/scores/mine': {
    summary: 'The expert’s own sheet',
    tags: ['scores'],
    params: IdParams,
    response: OwnSheet,
  },
  'PUT /api/assessments/:id/scores/mine/:requirementId': {
    summary:
      'Write one score on the expert’s own sheet (stage scoring); 409 VERSION_CONFLICT with the stored score on a stale version, 409 LOCKED once submitted',
    tags: ['scores'],
    params: IdReqParams,
    body: PutScoreRequest,
    response: ExpertScore,
  },
  'PUT /api/assessments/:id/scores/mine': {
    summary: 'Write several scores of the own sheet at once, all or nothing (409 lists the stale ones)',
    tags: ['scores'],
    params: IdParams,
    body: PutScoresRequest,
    response: Type.Array(ExpertScore),
  },

  // --- consensus
  'GET /api/assessments/:id/consensus': {
    summary:
      'Every expert’s score per requirement with the spread (once every sheet is visible to the viewer)',
    tags: ['consensus'],
    params: IdParams,
    response: ConsensusView,
  },
  'PUT /api/assessments/:id/consensus/:requirementId': {
    summary: 'Record the team score of a requirement (leader); 409 with the stored item on a stale version',
    tags: ['consensus'],
    params: IdReqParams,
    body: PutConsensusRequest,
    response: ConsensusItem,
  },
  'PUT /api/assessments/:id/consensus': {
    summary: 'Record several team scores at once, all or nothing',
    tags: ['consensus'],
    params: IdParams,
    body: PutConsensusBatchRequest,
    response: Ok,
  },

  // --- evidence
  'GET /api/assessments/:id/evidence': {
    summary: 'Evidence items (submitted by the enterprise, collected by the team)',
    tags: ['evidence'],
    params: IdParams,
    query: EvidenceQuery,
    response: Type.Array(EvidenceView),
  },
  'POST /api/assessments/:id/evidence': {
    summary:
      'Upload evidence (multipart/form-data: file?, requirementId, note?, method?, kind=submitted|collected); 413 over the size limit',
    tags: ['evidence'],
    params: IdParams,
    multipart: UploadEvidenceFields,
    response: EvidenceView,
    status: 201,
  },
  'DELETE /api/assessments/:id/evidence/:evidenceId': {
    summary: 'Remove submitted evidence (stage application)',
    tags: ['evidence'],
    params: EvidenceParams,
    response: Ok,
  },
  'GET /api/assessments/:id/evidence/:evidenceId/file': {
    summary: 'Download an evidence file (content-disposition: attachment)',
    tags: ['evidence'],
    params: EvidenceParams,
    response: Binary,
    produces: ['application/octet-stream'],
  },

  // --- contests
  'GET /api/assessments/:id/contests': {
    summary: 'Contests (再次论证)',
    tags: ['contests'],
    params: IdParams,
    response: Type.Array(Contest),
  },
  'POST /api/assessments/:id/contests': {
    summary:
      'The enterprise contests a team score within the deadline, with new evidence (uploaded items and/or notes)',
    tags: ['contests'],
    params: IdParams,
    body: CreateContestRequest,
    response: Contest,
    status: 201,
  },
  'POST /api/assessments/:id/contests/:contestId/answer': {
    summary: 'The leader answers a contest; upheld changes the team score and re-freezes the result',
    tags: ['contests'],
    params: ContestParams,
    body: AnswerContestRequest,
    response: Contest,
  },

  // --- result and report
  'GET /api/assessments/:id/result': {
    summary:
      'The result: source=self (the enterprise’s self-assessment, live) or team (the team scores; the frozen result once frozen)',
    tags: ['result'],
    params: IdParams,
    query: ResultQuery,
    response: ResultResponse,
  },
  'GET /api/assessments/:id/report': {
    summary:
      'The report as a file: docx (Word report), pdf (through LibreOffice), xlsx (result workbook), json; built from the frozen result (409 before). The enterprise sees it once communicated.',
    tags: ['report'],
    params: IdParams,
    query: ReportQuery,
    response: Type.Union([ReportJson, Binary]),
    produces: REPORT_TYPES,
  },
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof endpoints;
export type EndpointKey = keyof Endpoints;

type SchemaOf<K extends EndpointKey, P extends string> = Endpoints[K] extends { [Q in P]: infer S }
  ? S extends TSchema
    ? Static<S>
    : never
  : undefined;

/** Path parameters of an endpoint. */
export type ParamsOf<K extends EndpointKey> = SchemaOf<K, 'params'>;
/** Query string of an endpoint. */
export type QueryOf<K extends EndpointKey> = SchemaOf<K, 'query'>;
/** JSON body of an endpoint. */
export type BodyOf<K extends EndpointKey> = SchemaOf<K, 'body'>;
/** The 2xx answer of an endpoint. */
export type ResponseOf<K extends EndpointKey> = Static<Endpoints[K]['response']>;

export const ErrorResponse = ApiErrorBody;
