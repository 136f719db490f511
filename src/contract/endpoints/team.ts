/** Endpoints: team. */
import {
  AssessmentView,
  ExpertCandidate,
  IdParams,
  PutTeamRequest,
  TeamCheck,
  TeamCheckRequest,
} from '../assessments.js';
import { Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const teamEndpoints = {
  'GET /api/assessments/:id/team/candidates': {
    summary: 'Active experts with their disciplines, training and declared conflicts, and current load',
    tags: ['team'],
    params: IdParams,
    response: Type.Array(ExpertCandidate),
  },
  'POST /api/assessments/:id/team/check': {
    summary: 'Live check of a (possibly incomplete) team against 4.5.2 / 4.2.2, without saving',
    tags: ['team'],
    params: IdParams,
    body: TeamCheckRequest,
    response: TeamCheck,
  },
  'PUT /api/assessments/:id/team': {
    summary: 'Assign (or re-assign during planning) the expert team; 422 RULE_VIOLATION when rules fail',
    tags: ['team'],
    params: IdParams,
    body: PutTeamRequest,
    response: AssessmentView,
  },
} as const satisfies Record<string, EndpointDef>;
