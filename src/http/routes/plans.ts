/** Plans (4.5.3), meetings (4.6.1, 4.7.2), the report draft (4.6.4). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import {
  getMeetings,
  getPlans,
  getReportDraft,
  recordMeeting,
  writePlan,
  writeReportDraft,
} from '../../service/plans.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';

export function registerPlanRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /api/assessments/:id/plans', onAssessment('assessment.read'), async (r) =>
    getPlans(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PUT /api/assessments/:id/plans/:kind', onAssessment('plan.write'), async (r) =>
    writePlan(ctx, callerOf(r), r.params.id, r.params.kind, r.body),
  );
  route(app, 'GET /api/assessments/:id/meetings', onAssessment('assessment.read'), async (r) =>
    getMeetings(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PUT /api/assessments/:id/meetings/:kind', onAssessment('meeting.record'), async (r) =>
    recordMeeting(ctx, callerOf(r), r.params.id, r.params.kind, r.body),
  );
  route(app, 'GET /api/assessments/:id/report-draft', onAssessment('assessment.read'), async (r) =>
    getReportDraft(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PUT /api/assessments/:id/report-draft', onAssessment('report.write'), async (r) =>
    writeReportDraft(ctx, callerOf(r), r.params.id, r.body),
  );
}
