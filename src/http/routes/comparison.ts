/** Results over time: comparison, benchmark, what-if, re-assessment and its carried-over items, validity. */
import type { FastifyInstance } from 'fastify';
import { getBenchmark } from '../../service/benchmark.js';
import { getComparison } from '../../service/comparison.js';
import type { ServiceContext } from '../../service/context.js';
import { confirmCarriedOver, listValidity, startReassessment } from '../../service/reassessment.js';
import { whatIf } from '../../service/whatif.js';
import { callerOf, onAssessment, SESSION } from '../context.js';
import { route } from '../route.js';

export function registerComparisonRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'GET /api/assessments/:id/comparison', read, async (r) =>
    getComparison(ctx, callerOf(r), r.params.id),
  );
  route(app, 'GET /api/assessments/:id/benchmark', read, async (r) =>
    getBenchmark(ctx, callerOf(r), r.params.id),
  );
  route(app, 'GET /api/assessments/:id/what-if', read, async (r) =>
    whatIf(ctx, callerOf(r), r.params.id, r.query.modelId),
  );
  route(app, 'POST /api/assessments/:id/reassessment', onAssessment('application.write'), async (r) =>
    startReassessment(ctx, callerOf(r), r.params.id, r.body),
  );
  route(
    app,
    'POST /api/assessments/:id/carried-over/confirm',
    onAssessment('self-assessment.write'),
    async (r) => confirmCarriedOver(ctx, callerOf(r), r.params.id, r.body),
  );
  route(app, 'GET /api/results/validity', SESSION, async (r) => listValidity(ctx, callerOf(r)));
}
