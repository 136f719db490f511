/** Endpoints: models. */
import { Industry } from '../domain.js';
import { EffectiveModelView, ModelSummary, StandardModel } from '../models.js';
import { Id, Obj, Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

const ModelParams = Obj({ modelId: Id });
const EffectiveParams = Obj({ modelId: Id, industry: Industry });

export const modelsEndpoints = {
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
} as const satisfies Record<string, EndpointDef>;
