/** Assessments: list, create (the application), one assessment, update, transitions, the audit trail, the team. */
import type { FastifyInstance } from 'fastify';
import {
  assessmentStats,
  createAssessment,
  getAssessmentView,
  listAssessmentSummaries,
  transitionAssessment,
  updateApplication,
} from '../../service/assessments.js';
import { exportAssessmentList } from '../../service/assessment-export.js';
import { assessmentAuditTrail } from '../../service/audit.js';
import type { ServiceContext } from '../../service/context.js';
import { assignTeam, checkTeamDraft, teamCandidates } from '../../service/team.js';
import { callerOf, onAssessment, SESSION } from '../context.js';
import { route } from '../route.js';
import { contentDisposition } from './evidence.js';

export function registerAssessmentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /api/assessments', SESSION, async (r) =>
    listAssessmentSummaries(ctx, callerOf(r), r.query),
  );
  route(app, 'GET /api/assessments/export', SESSION, async (r, reply) => {
    const file = await exportAssessmentList(ctx, callerOf(r), r.query);
    void reply.header('cache-control', 'private, no-store');
    void reply.header('content-type', file.mime);
    void reply.header('content-disposition', contentDisposition(file.filename));
    return reply.send(file.buffer);
  });
  route(app, 'GET /api/assessment-stats', SESSION, async (r) => assessmentStats(ctx, callerOf(r), r.query));
  route(app, 'POST /api/assessments', SESSION, async (r) => createAssessment(ctx, callerOf(r), r.body));
  route(app, 'GET /api/assessments/:id', onAssessment('assessment.read'), async (r) =>
    getAssessmentView(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PATCH /api/assessments/:id', onAssessment('application.write'), async (r) =>
    updateApplication(ctx, callerOf(r), r.params.id, r.body),
  );
  route(app, 'POST /api/assessments/:id/transitions', onAssessment('assessment.read'), async (r) =>
    transitionAssessment(ctx, callerOf(r), r.params.id, r.body),
  );
  route(app, 'GET /api/assessments/:id/audit', onAssessment('audit.read'), async (r) =>
    assessmentAuditTrail(ctx, callerOf(r), r.params.id, r.query),
  );

  route(app, 'GET /api/assessments/:id/team/candidates', onAssessment('team.assign'), async (r) =>
    teamCandidates(ctx, callerOf(r), r.params.id),
  );
  route(app, 'POST /api/assessments/:id/team/check', onAssessment('team.assign'), async (r) =>
    checkTeamDraft(ctx, callerOf(r), r.params.id, r.body.members),
  );
  route(app, 'PUT /api/assessments/:id/team', onAssessment('team.assign'), async (r) =>
    assignTeam(ctx, callerOf(r), r.params.id, r.body),
  );
}
