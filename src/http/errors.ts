/**
 * The one error shape of the API: `{ error: { code, message, field?, current?, details? } }`, and the mapping of
 * every domain error (ProcessError, ScoringError, store conflicts) to a 4xx status.
 */
import type { ProcessError } from '../process/types.js';
import { ScoringError } from '../scoring/errors.js';
import { DuplicateError, NotFoundError } from '../store/repos/common.js';
import { ScoreConflictError } from '../store/repos/scores.js';
import { fromTenths } from '../process/util.js';

import type { ErrorCode } from './error-codes.js';

export type { ErrorCode };

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  current?: unknown;
  details?: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      field?: string;
      current?: unknown;
      details?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): { error: ApiError } {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.extra.field !== undefined) e.field = this.extra.field;
    if (this.extra.current !== undefined) e.current = this.extra.current;
    if (this.extra.details !== undefined) e.details = this.extra.details;
    return { error: e };
  }
}

export const notFound = (what = 'resource'): HttpError =>
  new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message: string): HttpError => new HttpError(403, 'FORBIDDEN', message);
export const validation = (message: string, field?: string): HttpError =>
  new HttpError(400, 'VALIDATION', message, field === undefined ? {} : { field });
export const versionConflict = (message: string, current: unknown): HttpError =>
  new HttpError(409, 'VERSION_CONFLICT', message, { current: current ?? null });

/**
 * ProcessError → HTTP. validation 400, forbidden 403, not_found 404, illegal_transition 409 INVALID_TRANSITION,
 * conflict 409 VERSION_CONFLICT (with `current`), locked 409 LOCKED, deadline_passed 422 DEADLINE_PASSED.
 * A validation error carrying a failing-rule list (team rules) is 422 RULE_VIOLATION.
 */
export function fromProcessError(e: ProcessError, current?: unknown): HttpError {
  const extra: { field?: string; current?: unknown; details?: unknown } = {};
  if (e.field !== undefined) extra.field = e.field;
  if (e.details !== undefined) extra.details = e.details;
  switch (e.code) {
    case 'validation':
      if (e.details && Array.isArray((e.details as { failing?: unknown }).failing)) {
        return new HttpError(422, 'RULE_VIOLATION', e.message, {
          ...extra,
          details: (e.details as { failing: unknown[] }).failing,
        });
      }
      return new HttpError(400, 'VALIDATION', e.message, extra);
    case 'forbidden':
      return new HttpError(403, 'FORBIDDEN', e.message, extra);
    case 'not_found':
      return new HttpError(404, 'NOT_FOUND', e.message, extra);
    case 'illegal_transition':
      return new HttpError(409, 'INVALID_TRANSITION', e.message, extra);
    case 'conflict':
      return new HttpError(409, 'VERSION_CONFLICT', e.message, {
        ...extra,
        current:
          current !== undefined
            ? current
            : ((e.details as { current?: unknown } | undefined)?.current ?? null),
      });
    case 'locked':
      return new HttpError(409, 'LOCKED', e.message, extra);
    case 'deadline_passed':
      return new HttpError(422, 'DEADLINE_PASSED', e.message, extra);
  }
}

/** Any thrown value → HttpError when it is a known client error; undefined for a real server fault. */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof ScoreConflictError) {
    // Raised by the store when the conflict is found inside the caller's transaction (rolled back).
    const failures = (error as ScoreConflictError<Record<string, unknown>>).failures;
    if (failures.some((f) => f.reason === 'sheet-submitted'))
      return new HttpError(409, 'LOCKED', 'the sheet was submitted and can no longer be changed');
    const views = failures.map((f) => {
      const c = f.reason === 'version-conflict' ? f.current : null;
      if (!c) return null;
      const {
        valueTenths,
        updatedAt,
        assessmentId: _a,
        expertId: _e,
        updatedBy: _u,
        ...rest
      } = c as {
        valueTenths: number;
        updatedAt: string;
        [k: string]: unknown;
      };
      return { ...rest, value: fromTenths(valueTenths), at: updatedAt };
    });
    return new HttpError(409, 'VERSION_CONFLICT', error.message, {
      current: views.length === 1 ? views[0] : views,
    });
  }
  if (error instanceof NotFoundError) return new HttpError(404, 'NOT_FOUND', error.message);
  if (error instanceof DuplicateError)
    return new HttpError(409, 'VERSION_CONFLICT', error.message, { field: error.field });
  if (error instanceof ScoringError) {
    return new HttpError(422, 'RULE_VIOLATION', error.message, {
      details: error.issues.map((i) => ({ rule: i.kind, pass: false, message: i.message, id: i.id })),
    });
  }
  const e = error as { statusCode?: unknown; code?: unknown; validation?: unknown; message?: unknown } | null;
  if (e && typeof e === 'object') {
    if (Array.isArray(e.validation)) {
      const first = e.validation[0] as
        | { instancePath?: string; params?: { missingProperty?: string; additionalProperty?: string } }
        | undefined;
      const context = (e as { validationContext?: string }).validationContext ?? 'body';
      let path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const extraProp = first?.params?.missingProperty ?? first?.params?.additionalProperty;
      if (extraProp) path = path ? `${path}.${extraProp}` : extraProp;
      const field = path ? `${context}.${path}` : context;
      return new HttpError(400, 'VALIDATION', `${field}: ${String(e.message ?? 'invalid')}`, { field });
    }
    const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (status === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_PARTS_LIMIT')
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', String(e.message ?? 'payload too large'));
    if (status === 415)
      return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', String(e.message ?? 'unsupported'));
    if (status !== undefined && status >= 400 && status < 500) {
      return new HttpError(
        status === 404 ? 404 : 400,
        status === 404 ? 'NOT_FOUND' : 'VALIDATION',
        String(e.message ?? 'bad request'),
      );
    }
  }
  return undefined;
}
