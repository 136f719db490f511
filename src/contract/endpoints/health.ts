/**
 * Endpoints: health checks for load balancers and process managers (issue 9). Public and content-free: they tell
 * whether this instance can serve, never what it holds.
 */
import { Obj, StringEnum, Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const READINESS_CHECKS = ['database', 'migrations', 'jobs'] as const;

/** Each check: `ok`, or why not (`unreachable`, `pending`, `not_started`); `none` where no job queue runs. */
export const ReadinessChecks = Obj({
  database: StringEnum(['ok', 'unreachable']),
  migrations: StringEnum(['ok', 'pending', 'unknown']),
  jobs: StringEnum(['ok', 'not_started', 'none']),
});

export const healthEndpoints = {
  'GET /healthz': {
    summary: 'Liveness: the process is up and answers (no database access)',
    tags: ['health'],
    response: Obj({ status: Type.Literal('ok') }),
  },
  'GET /readyz': {
    summary:
      'Readiness: the database answers, every migration is applied and the job queue has started; ' +
      'otherwise 503 UNAVAILABLE (rule not_ready) with the checks in details',
    tags: ['health'],
    response: Obj({ status: Type.Literal('ready'), checks: ReadinessChecks }),
  },
} as const satisfies Record<string, EndpointDef>;
