/** Endpoints: evidence review and requests, the briefing, findings, readiness, resubmission (section 4). */
import { AssessmentView, IdParams } from '../assessments.js';
import {
  AnswerEvidenceRequest,
  CreateEvidenceRequest,
  CreateFindingRequest,
  EvidenceRequest,
  EvidenceRequestParams,
  EvidenceReview,
  EvidenceReviewParams,
  EvidenceReviewView,
  Finding,
  FindingParams,
  PutBriefingRequest,
  Readiness,
  RectifyFindingRequest,
  ReviewEvidenceRequest,
  UpdateFindingRequest,
} from '../process-records.js';
import { Ok, Type } from '../schema.js';
import {
  ConsensusItem,
  GroupReviewParams,
  PutGroupReviewBatchRequest,
  PutGroupReviewRequest,
} from '../work.js';
import type { EndpointDef } from '../schema.js';

export const processRecordsEndpoints = {
  'GET /api/assessments/:id/evidence-review': {
    summary:
      '4.6.2 the team’s reviews of the evidence, its requests for more and their answers, per requirement',
    tags: ['evidence'],
    params: IdParams,
    response: EvidenceReviewView,
  },
  'PUT /api/assessments/:id/evidence/:evidenceId/review': {
    summary: '4.6.2 review an evidence item: accepted / needs_more / rejected (with a reason) (team)',
    tags: ['evidence'],
    params: EvidenceReviewParams,
    body: ReviewEvidenceRequest,
    response: EvidenceReview,
  },
  'POST /api/assessments/:id/evidence-requests': {
    summary: '4.6.2 ask the enterprise for material on named requirements by a due date (team)',
    tags: ['evidence'],
    params: IdParams,
    body: CreateEvidenceRequest,
    response: EvidenceRequest,
    status: 201,
  },
  'POST /api/assessments/:id/evidence-requests/:requestId/answer': {
    summary: '4.6.2 the enterprise answers a request with uploaded material and/or a note (closes it)',
    tags: ['evidence'],
    params: EvidenceRequestParams,
    body: AnswerEvidenceRequest,
    response: EvidenceRequest,
  },
  'PUT /api/assessments/:id/briefing': {
    summary: '4.5.2 record the leader’s briefing of the team (attendees, excused members with reasons)',
    tags: ['assessments'],
    params: IdParams,
    body: PutBriefingRequest,
    response: AssessmentView,
  },
  'PUT /api/assessments/:id/group-reviews/:requirementId': {
    summary: '4.6.3 组内评审: record the group review of a requirement whose grades spread widely (leader)',
    tags: ['consensus'],
    params: GroupReviewParams,
    body: PutGroupReviewRequest,
    response: ConsensusItem,
  },
  'PUT /api/assessments/:id/group-reviews': {
    summary:
      '4.6.3 组内评审: record the group reviews of several requirements at once, all or nothing (leader)',
    tags: ['consensus'],
    params: IdParams,
    body: PutGroupReviewBatchRequest,
    response: Ok,
  },
  'GET /api/assessments/:id/findings': {
    summary: '4.5.3 findings of the pre-assessment and the formal assessment, with rectifications',
    tags: ['findings'],
    params: IdParams,
    response: Type.Array(Finding),
  },
  'POST /api/assessments/:id/findings': {
    summary: '4.5.3 record a finding (team)',
    tags: ['findings'],
    params: IdParams,
    body: CreateFindingRequest,
    response: Finding,
    status: 201,
  },
  'PATCH /api/assessments/:id/findings/:findingId': {
    summary: '4.5.3 update, close or re-open a finding (team); 409 on a stale version',
    tags: ['findings'],
    params: FindingParams,
    body: UpdateFindingRequest,
    response: Finding,
  },
  'POST /api/assessments/:id/findings/:findingId/rectification': {
    summary: '4.5.3 the enterprise states its rectification of a finding',
    tags: ['findings'],
    params: FindingParams,
    body: RectifyFindingRequest,
    response: Finding,
  },
  'GET /api/assessments/:id/readiness': {
    summary: '4.4 / 4.2.1 what the application still misses before it can be submitted',
    tags: ['assessments'],
    params: IdParams,
    response: Readiness,
  },
  'POST /api/assessments/:id/resubmission': {
    summary: '4.5.1 a rejected application resubmitted as a new application (evidence carried over)',
    tags: ['assessments'],
    params: IdParams,
    response: AssessmentView,
    status: 201,
  },
} as const satisfies Record<string, EndpointDef>;
