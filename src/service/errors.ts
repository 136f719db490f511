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
/** VALIDATION with `rule` (given, or the field without its request part and indices) for the web app. */
export const validation = (message: string, field?: string, params?: ErrorParams): ServiceError =>
  new ServiceError('VALIDATION', message, {
    ...(field === undefined ? {} : { field }),
    params: {
      rule: field === undefined ? 'invalid' : ruleOfField(field.replace(/^(body|params|querystring)\./, '')),
      ...params,
    },
  });
export const versionConflict = (message: string, current: unknown): ServiceError =>
  new ServiceError('VERSION_CONFLICT', message, { current: current ?? null });

/** A field path without its list indices: `plan.schedule.3.date` → `plan.schedule.date`. */
export function ruleOfField(field: string): string {
  return field
    .split('.')
    .filter((seg) => !/^\d+$/.test(seg))
    .join('.');
}

/**
 * The parameters the web app writes a process error's message from: `rule` (the process names it in
 * `details.rule`, else the field without indices), `item` (1-based position of a list entry named in the field),
 * and every scalar of `details` (lists joined, with their length as `<name>Count`).
 */
export function processErrorParams(e: ProcessError): ErrorParams {
  const params: ErrorParams = {};
  const details = e.details ?? {};
  const rule = typeof details.rule === 'string' ? details.rule : e.field ? ruleOfField(e.field) : e.code;
  params.rule = rule;
  const index = e.field?.split('.').find((seg) => /^\d+$/.test(seg));
  if (index !== undefined) params.item = Number(index) + 1;
  for (const [k, v] of Object.entries(details)) {
    if (k === 'rule' || k === 'current') continue;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      params[k] = v.join(', ');
      params[`${k}Count`] = v.length;
    }
  }
  return params;
}

/**
 * ProcessError → ServiceError (with `processErrorParams`). validation → VALIDATION (RULE_VIOLATION when it carries a failing-rule list, e.g.
 * the team rules), forbidden, not_found, illegal_transition → INVALID_TRANSITION, conflict → VERSION_CONFLICT
 * (with `current`), locked, deadline_passed.
 */
export function fromProcessError(e: ProcessError, current?: unknown): ServiceError {
  const extra: ServiceErrorExtra = { params: processErrorParams(e) };
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

/**
 * Whether an error says the disk (or the database's storage) is full: SQLite's SQLITE_FULL (also the file cap of
 * `max_page_count`), a file write's ENOSPC / EDQUOT, PostgreSQL's disk_full (53100) — directly or as a cause.
 */
export function isDiskFull(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** 503 UNAVAILABLE (rule disk_full): the write was refused, nothing was stored; reads keep working. */
export const diskFull = (): ServiceError =>
  new ServiceError(
    'UNAVAILABLE',
    'the server’s storage is full: the change was not saved (reading still works); the operator must free disk space',
    { params: { rule: 'disk_full' } },
  );

/** Any thrown value → ServiceError when it is a known domain or store error; undefined for a real fault. */
export function toServiceError(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  if (isDiskFull(error)) return diskFull();
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
