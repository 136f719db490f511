/**
 * The machine-readable codes of `{ error: { code, … } }` responses. Dependency-free so that the web app's API
 * contract can import the same list the server answers with.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'VERSION_CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RULE_VIOLATION'
  | 'DEADLINE_PASSED'
  | 'LOCKED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL';
