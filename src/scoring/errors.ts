/** Typed errors of the scoring layer: the class lives in model/errors.ts (the effective model raises it too). */
import { ScoringError, type ScoringErrorCode, type ScoringIssue } from '../model/errors.js';

export { ScoringError, type ScoringErrorCode, type ScoringIssue };

const KIND_CODE: Record<ScoringIssue['kind'], ScoringErrorCode> = {
  missing: 'MISSING_SCORES',
  unknown: 'UNKNOWN_REQUIREMENT',
  'bad-value': 'BAD_VALUE',
  duplicate: 'DUPLICATE_REQUIREMENT',
};

/** One error for a list of input issues: the kind's code if they share one kind, else INVALID_INPUT. */
export function inputError(issues: ScoringIssue[]): ScoringError {
  const kinds = new Set(issues.map((i) => i.kind));
  const code = kinds.size === 1 ? KIND_CODE[issues[0]!.kind] : 'INVALID_INPUT';
  const shown = issues.slice(0, 20).map((i) => i.message);
  const more = issues.length > shown.length ? `; … and ${issues.length - shown.length} more` : '';
  return new ScoringError(
    code,
    `${issues.length} input issue(s): ${shown.join('; ')}${more}`,
    issues.map((i) => i.id),
    issues,
  );
}
