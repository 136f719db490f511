/** Endpoints: expert scores. */
import { IdParams, IdReqParams } from '../assessments.js';
import { ExpertScore } from '../domain.js';
import { OwnSheet, PutScoreRequest, PutScoresRequest } from '../work.js';
import { Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const expertScoresEndpoints = {
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
} as const satisfies Record<string, EndpointDef>;
