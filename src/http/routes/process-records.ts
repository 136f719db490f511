/** Section 4 records beside the stages: evidence review and requests, the briefing, findings, readiness, resubmission. */
import type { FastifyInstance } from 'fastify';
import { getReadiness, recordBriefing, resubmitApplication } from '../../service/application-material.js';
import { recordGroupReview, recordGroupReviewBatch } from '../../service/consensus.js';
import type { ServiceContext } from '../../service/context.js';
import {
  answerEvidenceRequest,
  getEvidenceReview,
  requestEvidence,
  reviewEvidence,
} from '../../service/evidence-review.js';
import { listFindings, rectifyFinding, recordFinding, updateFinding } from '../../service/findings.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';

export function registerProcessRecordRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'GET /api/assessments/:id/evidence-review', read, async (r) =>
    getEvidenceReview(ctx, callerOf(r), r.params.id),
  );
  route(
    app,
    'PUT /api/assessments/:id/evidence/:evidenceId/review',
    onAssessment('evidence.review'),
    async (r) => reviewEvidence(ctx, callerOf(r), r.params.id, r.params.evidenceId, r.body),
  );
  route(app, 'POST /api/assessments/:id/evidence-requests', onAssessment('evidence.review'), async (r) =>
    requestEvidence(ctx, callerOf(r), r.params.id, r.body),
  );
  route(
    app,
    'POST /api/assessments/:id/evidence-requests/:requestId/answer',
    onAssessment('evidence.answer'),
    async (r) => answerEvidenceRequest(ctx, callerOf(r), r.params.id, r.params.requestId, r.body),
  );
  route(app, 'PUT /api/assessments/:id/briefing', onAssessment('meeting.record'), async (r) =>
    recordBriefing(ctx, callerOf(r), r.params.id, r.body),
  );
  route(
    app,
    'PUT /api/assessments/:id/group-reviews/:requirementId',
    onAssessment('consensus.write'),
    async (r) => recordGroupReview(ctx, callerOf(r), r.params.id, r.params.requirementId, r.body),
  );
  route(app, 'PUT /api/assessments/:id/group-reviews', onAssessment('consensus.write'), async (r) => {
    await recordGroupReviewBatch(ctx, callerOf(r), r.params.id, r.body);
    return { ok: true as const };
  });
  route(app, 'GET /api/assessments/:id/findings', read, async (r) =>
    listFindings(ctx, callerOf(r), r.params.id),
  );
  route(app, 'POST /api/assessments/:id/findings', onAssessment('finding.write'), async (r) =>
    recordFinding(ctx, callerOf(r), r.params.id, r.body),
  );
  route(app, 'PATCH /api/assessments/:id/findings/:findingId', onAssessment('finding.write'), async (r) =>
    updateFinding(ctx, callerOf(r), r.params.id, r.params.findingId, r.body),
  );
  route(
    app,
    'POST /api/assessments/:id/findings/:findingId/rectification',
    onAssessment('finding.rectify'),
    async (r) => rectifyFinding(ctx, callerOf(r), r.params.id, r.params.findingId, r.body),
  );
  route(app, 'GET /api/assessments/:id/readiness', read, async (r) =>
    getReadiness(ctx, callerOf(r), r.params.id),
  );
  route(app, 'POST /api/assessments/:id/resubmission', onAssessment('application.write'), async (r) =>
    resubmitApplication(ctx, callerOf(r), r.params.id),
  );
}
