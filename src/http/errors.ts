/**
 * The one error shape of the API, `{ error: { code, message, field?, params?, current?, details? } }`: domain
 * errors of the use cases (ServiceError) and Fastify's own (validation, body size, media type) mapped to a
 * status. Bad input is never a 5xx.
 */
import type { ApiError, ErrorCode } from '../contract/errors.js';
import { ServiceError, toServiceError } from '../service/errors.js';

/** HTTP status of each error code. */
export const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  LOCKED: 409,
  RULE_VIOLATION: 422,
  DEADLINE_PASSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NOT_IMPLEMENTED: 501,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function errorBody(e: ServiceError): { error: ApiError } {
  const body: ApiError = { code: e.code, message: e.message };
  if (e.extra.field !== undefined) body.field = e.extra.field;
  if (e.extra.params !== undefined) body.params = e.extra.params;
  if (e.extra.current !== undefined) body.current = e.extra.current;
  if (e.extra.details !== undefined) body.details = e.extra.details;
  return { error: body };
}

/** Headers that go with an error (Retry-After of a rate limit). */
export function errorHeaders(e: ServiceError): Record<string, string> {
  const retry = e.extra.params?.retryAfter;
  return e.code === 'RATE_LIMITED' && typeof retry === 'number' ? { 'retry-after': String(retry) } : {};
}

interface FastifyValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: {
    missingProperty?: string;
    additionalProperty?: string;
    limit?: number;
    allowedValues?: unknown[];
  };
}

/** A Fastify (Ajv) validation error → VALIDATION naming the field, with the rule as parameters. */
function fromValidation(issues: FastifyValidationIssue[], context: string, message: string): ServiceError {
  const first = issues[0];
  let path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const prop = first?.params?.missingProperty ?? first?.params?.additionalProperty;
  if (prop) path = path ? `${path}.${prop}` : prop;
  const field = path ? `${context}.${path}` : context;
  const params: Record<string, string | number> = { rule: first?.keyword ?? 'invalid' };
  if (typeof first?.params?.limit === 'number') params.limit = first.params.limit;
  if (Array.isArray(first?.params?.allowedValues)) params.allowed = first.params.allowedValues.join(', ');
  return new ServiceError('VALIDATION', `${field}: ${message}`, { field, params });
}

/** Any thrown value → ServiceError when it is a client error; undefined for a real server fault. */
export function toClientError(error: unknown): ServiceError | undefined {
  const known = toServiceError(error);
  if (known) return known;
  const e = error as { statusCode?: unknown; code?: unknown; validation?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (Array.isArray(e.validation)) {
    const context = (e as { validationContext?: string }).validationContext ?? 'body';
    return fromValidation(e.validation as FastifyValidationIssue[], context, String(e.message ?? 'invalid'));
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_PARTS_LIMIT')
    return new ServiceError('PAYLOAD_TOO_LARGE', String(e.message ?? 'payload too large'));
  if (status === 415) return new ServiceError('UNSUPPORTED_MEDIA_TYPE', String(e.message ?? 'unsupported'));
  if (status === 404) return new ServiceError('NOT_FOUND', String(e.message ?? 'not found'));
  if (status !== undefined && status >= 400 && status < 500)
    return new ServiceError('VALIDATION', String(e.message ?? 'bad request'), {
      params: { rule: 'request' },
    });
  return undefined;
}
