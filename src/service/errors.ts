/**
 * Domain errors of the use cases: a code of the contract (`src/contract/errors.ts`), an English message for
 * logs and API users, and parameters from which the web app writes the message in Chinese or English. The HTTP
 * layer maps the code to a status; the CLI prints the message.
 */
import type { ErrorCode } from '../contract/errors.js';
import { valueOfTenths } from '../model/grades.js';
import type { ProcessError } from '../process/types.js';
import { ScoringError } from '../scoring/index.js';
import { DuplicateError, NotFoundError } from '../store/repos/common.js';
import { ScoreConflictError } from '../store/repos/scores.js';

export type ErrorParams = Record<string, string | number | boolean | null>;

export interface ServiceErrorExtra {
  field?: string;
  params?: ErrorParams;
  current?: unknown;
  details?: unknown;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: ServiceErrorExtra = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: string): ServiceError =>
  new ServiceError('NOT_FOUND', `${what} not found`, { params: { what } });
export const forbidden = (message: string, params?: ErrorParams): ServiceError =>
  new ServiceError('FORBIDDEN', message, params ? { params } : {});
export const validation = (message: string, field?: string, params?: ErrorParams): ServiceError =>
  new ServiceError('VALIDATION', message, {
    ...(field === undefined ? {} : { field }),
    ...(params ? { params } : {}),
  });
export const versionConflict = (message: string, current: unknown): ServiceError =>
  new ServiceError('VERSION_CONFLICT', message, { current: current ?? null });

/**
 * ProcessError → ServiceError. validation → VALIDATION (RULE_VIOLATION when it carries a failing-rule list, e.g.
 * the team rules), forbidden, not_found, illegal_transition → INVALID_TRANSITION, conflict → VERSION_CONFLICT
 * (with `current`), locked, deadline_passed.
 */
export function fromProcessError(e: ProcessError, current?: unknown): ServiceError {
  const extra: ServiceErrorExtra = {};
  if (e.field !== undefined) extra.field = e.field;
  if (e.details !== undefined) extra.details = e.details;
  switch (e.code) {
    case 'validation': {
      const failing = (e.details as { failing?: unknown } | undefined)?.failing;
      if (Array.isArray(failing))
        return new ServiceError('RULE_VIOLATION', e.message, { ...extra, details: failing });
      return new ServiceError('VALIDATION', e.message, extra);
    }
    case 'forbidden':
      return new ServiceError('FORBIDDEN', e.message, extra);
    case 'not_found':
      return new ServiceError('NOT_FOUND', e.message, extra);
    case 'illegal_transition':
      return new ServiceError('INVALID_TRANSITION', e.message, extra);
    case 'conflict':
      return new ServiceError('VERSION_CONFLICT', e.message, {
        ...extra,
        current:
          current !== undefined
            ? current
            : ((e.details as { current?: unknown } | undefined)?.current ?? null),
      });
    case 'locked':
      return new ServiceError('LOCKED', e.message, extra);
    case 'deadline_passed':
      return new ServiceError('DEADLINE_PASSED', e.message, extra);
  }
}

/** Any thrown value → ServiceError when it is a known domain or store error; undefined for a real fault. */
export function toServiceError(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  if (error instanceof ScoreConflictError) {
    // Raised by the store when the conflict is found inside the caller's transaction (rolled back).
    const failures = (error as ScoreConflictError<Record<string, unknown>>).failures;
    if (failures.some((f) => f.reason === 'sheet-submitted'))
      return new ServiceError('LOCKED', 'the sheet was submitted and can no longer be changed');
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
      return { ...rest, value: valueOfTenths(valueTenths), at: updatedAt };
    });
    return new ServiceError('VERSION_CONFLICT', error.message, {
      current: views.length === 1 ? views[0] : views,
    });
  }
  if (error instanceof NotFoundError) return new ServiceError('NOT_FOUND', error.message);
  if (error instanceof DuplicateError)
    return new ServiceError('VERSION_CONFLICT', error.message, { field: error.field });
  if (error instanceof ScoringError) {
    return new ServiceError('RULE_VIOLATION', error.message, {
      details: error.issues.map((i) => ({ rule: i.kind, pass: false, message: i.message, id: i.id })),
    });
  }
  return undefined;
}
