/** Endpoints: consensus. */
import { IdParams, IdReqParams } from '../assessments.js';
import { ConsensusItem, ConsensusView, PutConsensusBatchRequest, PutConsensusRequest } from '../work.js';
import { Ok } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const consensusEndpoints = {
  'GET /api/assessments/:id/consensus': {
    summary:
      'Every expert’s score per requirement with the spread (once every sheet is visible to the viewer)',
    tags: ['consensus'],
    params: IdParams,
    response: ConsensusView,
  },
  'PUT /api/assessments/:id/consensus/:requirementId': {
    summary: 'Record the team score of a requirement (leader); 409 with the stored item on a stale version',
    tags: ['consensus'],
    params: IdReqParams,
    body: PutConsensusRequest,
    response: ConsensusItem,
  },
  'PUT /api/assessments/:id/consensus': {
    summary: 'Record several team scores at once, all or nothing',
    tags: ['consensus'],
    params: IdParams,
    body: PutConsensusBatchRequest,
    response: Ok,
  },
} as const satisfies Record<string, EndpointDef>;
