/**
 * THE table of HTTP endpoints: `'METHOD /path'` → its schemas. The server registers each route from its row
 * (Fastify validates requests and serialises answers with these schemas and publishes them as OpenAPI); the web
 * app types its client from the same row. A field renamed here breaks both type-checks.
 *
 * Conventions
 * - JSON bodies, except evidence upload (multipart/form-data) and file downloads (`Binary`).
 * - Session: an HttpOnly cookie set by `POST /api/auth/login`; every non-GET request carries `x-csrf-token`.
 * - Errors: `ApiErrorBody` with a code; 409 VERSION_CONFLICT carries `current` (the stored record).
 * - Optimistic concurrency: records have an integer `version`; writes send the version they were based on.
 */
import { ApiErrorBody } from './errors.js';
import type { EndpointDef, Static, TSchema } from './schema.js';
import { authEndpoints } from './endpoints/auth.js';
import { modelsEndpoints } from './endpoints/models.js';
import { adminEndpoints } from './endpoints/admin.js';
import { assessmentsEndpoints } from './endpoints/assessments.js';
import { teamEndpoints } from './endpoints/team.js';
import { plansEndpoints } from './endpoints/plans.js';
import { selfAssessmentEndpoints } from './endpoints/self-assessment.js';
import { expertScoresEndpoints } from './endpoints/expert-scores.js';
import { consensusEndpoints } from './endpoints/consensus.js';
import { evidenceEndpoints } from './endpoints/evidence.js';
import { contestsEndpoints } from './endpoints/contests.js';
import { resultsEndpoints } from './endpoints/results.js';
import { reportRendersEndpoints } from './endpoints/report-renders.js';
import { certificatesEndpoints } from './endpoints/certificates.js';
import { comparisonEndpoints } from './endpoints/comparison.js';
import { analyticsEndpoints } from './endpoints/analytics.js';
import { healthEndpoints } from './endpoints/health.js';
import { notificationsEndpoints } from './endpoints/notifications.js';
import { processRecordsEndpoints } from './endpoints/process-records.js';

export type { EndpointDef };

/** Every endpoint; each resource's rows live in `endpoints/<resource>.ts`. */
export const endpoints = {
  ...authEndpoints,
  ...modelsEndpoints,
  ...adminEndpoints,
  ...assessmentsEndpoints,
  ...teamEndpoints,
  ...plansEndpoints,
  ...selfAssessmentEndpoints,
  ...expertScoresEndpoints,
  ...consensusEndpoints,
  ...evidenceEndpoints,
  ...contestsEndpoints,
  ...resultsEndpoints,
  ...reportRendersEndpoints,
  ...certificatesEndpoints,
  ...comparisonEndpoints,
  ...analyticsEndpoints,
  ...healthEndpoints,
  ...notificationsEndpoints,
  ...processRecordsEndpoints,
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof endpoints;
export type EndpointKey = keyof Endpoints;

type SchemaOf<K extends EndpointKey, P extends string> = Endpoints[K] extends { [Q in P]: infer S }
  ? S extends TSchema
    ? Static<S>
    : never
  : undefined;

/** Path parameters of an endpoint. */
export type ParamsOf<K extends EndpointKey> = SchemaOf<K, 'params'>;
/** Query string of an endpoint. */
export type QueryOf<K extends EndpointKey> = SchemaOf<K, 'query'>;
/** JSON body of an endpoint. */
export type BodyOf<K extends EndpointKey> = SchemaOf<K, 'body'>;
/** The 2xx answer of an endpoint. */
export type ResponseOf<K extends EndpointKey> = Static<Endpoints[K]['response']>;

export const ErrorResponse = ApiErrorBody;
