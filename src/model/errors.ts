/**
 * The typed error of the scoring method: a machine code, the offending ids, and per-id details.
 *
 * Defined here, below scoring/, because the effective model (effective.ts: policy, rescaling, model checks) is
 * the first half of that method and raises it too (UNKNOWN_INDUSTRY, BAD_POLICY, MODEL_INVALID); scoring/
 * re-exports it (`scoring/index.ts`) and adds the input codes' helper. One class, so a caller catching
 * `ScoringError` sees the effective model's errors as before.
 */

export type ScoringErrorCode =
  /** Some requirements have no score (and `partial` was not requested). `ids`: all of them. */
  | 'MISSING_SCORES'
  /** Ids that are no requirement of this industry's effective model (`issues[].belongsTo` when another industry has it). */
  | 'UNKNOWN_REQUIREMENT'
  /** A value that is not one of the satisfaction grades (`issues[].value`). */
  | 'BAD_VALUE'
  /** The same requirement given twice in an entry list. */
  | 'DUPLICATE_REQUIREMENT'
  /** Several of the three input kinds above at once: see `issues`. */
  | 'INVALID_INPUT'
  /** Malformed input container (e.g. dense array of the wrong length). */
  | 'BAD_INPUT'
  | 'UNKNOWN_INDUSTRY'
  /** Bad policy value (threshold, displayDecimals …). */
  | 'BAD_POLICY'
  /** The model data violate an assumption of the scoring method (see message). */
  | 'MODEL_INVALID'
  /** The exact integer representation would leave the safe-integer range (never for the standard's weights). */
  | 'NUMERIC_RANGE'
  /** Self-check failed: a bug. */
  | 'INTERNAL';

export interface ScoringIssue {
  kind: 'missing' | 'unknown' | 'bad-value' | 'duplicate';
  id: string;
  /** The offending value, as given (stringified if not JSON-friendly). */
  value?: unknown;
  /** For an unknown id that is a requirement of another industry of the same model. */
  belongsTo?: string;
  message: string;
}

export class ScoringError extends Error {
  readonly code: ScoringErrorCode;
  readonly ids: string[];
  readonly issues: ScoringIssue[];

  constructor(code: ScoringErrorCode, message: string, ids: string[] = [], issues: ScoringIssue[] = []) {
    super(message);
    this.name = 'ScoringError';
    this.code = code;
    this.ids = ids;
    this.issues = issues;
  }

  toJSON(): { code: ScoringErrorCode; message: string; ids: string[]; issues: ScoringIssue[] } {
    return { code: this.code, message: this.message, ids: this.ids, issues: this.issues };
  }
}
