/** Model endpoints: the versions, a whole model, the effective model of an industry. */
import type { FastifyInstance } from 'fastify';
import { effectiveModel } from '../model/effective.js';
import { listModels } from '../model/load.js';
import { INDUSTRIES, type IndustryId } from '../model/types.js';
import type { Ctx } from './context.js';
import { modelOr404, requirementIdsOf } from './engine.js';
import { anyObject, id, industry, obj, responses } from './schemas.js';

export function registerModelRoutes(app: FastifyInstance, _ctx: Ctx): void {
  const session = { access: { kind: 'session' as const } };
  app.get(
    '/api/models',
    {
      config: session,
      schema: {
        tags: ['models'],
        summary: 'Model versions with their requirement counts per industry',
        response: responses({ type: 'array', items: anyObject }),
      },
    },
    async () =>
      listModels().map((m) => ({
        id: m.id,
        title: m.title,
        titleEn: m.titleEn,
        status: m.status,
        industries: [...INDUSTRIES],
        requirementCounts: Object.fromEntries(
          INDUSTRIES.map((i) => [i, requirementIdsOf(m.id, i).length]),
        ) as Record<IndustryId, number>,
      })),
  );
  app.get(
    '/api/models/:modelId',
    {
      config: session,
      schema: {
        tags: ['models'],
        summary: 'The whole model as stored under standard/<id>/',
        params: obj({ modelId: id }, ['modelId']),
        response: responses(anyObject),
      },
    },
    async (request) => modelOr404((request.params as { modelId: string }).modelId),
  );
  app.get(
    '/api/models/:modelId/industries/:industry',
    {
      config: session,
      schema: {
        tags: ['models'],
        summary: 'The effective model of an industry (Appendix A + B, rescaled weights)',
        params: obj({ modelId: id, industry }, ['modelId', 'industry']),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const p = request.params as { modelId: string; industry: IndustryId };
      return effectiveModel(modelOr404(p.modelId), p.industry);
    },
  );
}
