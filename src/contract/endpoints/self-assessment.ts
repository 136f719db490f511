/** Endpoints: self-assessment. */
import { IdParams, IdReqParams } from '../assessments.js';
import { DeleteScoreQuery, PutScoreRequest, SelfScore, SelfSheet } from '../work.js';
import { Ok } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const selfAssessmentEndpoints = {
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
} as const satisfies Record<string, EndpointDef>;
