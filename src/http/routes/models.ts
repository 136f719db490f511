/** Model versions (any signed-in user). */
import type { FastifyInstance } from 'fastify';
import { effectiveModelView, getModel, modelSummaries } from '../../service/models.js';
import { SESSION } from '../context.js';
import { route } from '../route.js';

export function registerModelRoutes(app: FastifyInstance): void {
  route(app, 'GET /api/models', SESSION, async () => modelSummaries());
  route(app, 'GET /api/models/:modelId', SESSION, async (request) => getModel(request.params.modelId));
  route(app, 'GET /api/models/:modelId/industries/:industry', SESSION, async (request) =>
    effectiveModelView(request.params.modelId, request.params.industry),
  );
}
