/** Endpoints: contests. */
import { IdParams } from '../assessments.js';
import { Contest } from '../domain.js';
import {
  AnswerContestRequest,
  ContestPage,
  ContestParams,
  ContestQuery,
  CreateContestRequest,
} from '../work.js';
import type { EndpointDef } from '../schema.js';

export const contestsEndpoints = {
  'GET /api/assessments/:id/contests': {
    summary: 'A page of the contests (再次论证), filtered by state (open, upheld, rejected) and requirement',
    tags: ['contests'],
    params: IdParams,
    query: ContestQuery,
    response: ContestPage,
  },
  'POST /api/assessments/:id/contests': {
    summary:
      'The enterprise contests a team score within the deadline, with new evidence (uploaded items and/or notes)',
    tags: ['contests'],
    params: IdParams,
    body: CreateContestRequest,
    response: Contest,
    status: 201,
  },
  'POST /api/assessments/:id/contests/:contestId/answer': {
    summary: 'The leader answers a contest; upheld changes the team score and re-freezes the result',
    tags: ['contests'],
    params: ContestParams,
    body: AnswerContestRequest,
    response: Contest,
  },
} as const satisfies Record<string, EndpointDef>;
