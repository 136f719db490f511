/**
 * The one error shape of the API, `{ error: { code, message, field?, params?, current?, details? } }`, and the
 * machine-readable codes. The web app translates `code` (+ `params`) into natural Chinese or English; `message`
 * is the server's English explanation for logs and API users.
 */
import { Dict, Obj, Str, StringEnum, Type, type Static } from './schema.js';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'VALIDATION',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'RULE_VIOLATION',
  'DEADLINE_PASSED',
  'LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'NOT_IMPLEMENTED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failed rule (RULE_VIOLATION details), e.g. a team rule of 4.5.2. */
export const RuleCheck = Type.Object(
  {
    rule: Type.String(),
    pass: Type.Boolean(),
    message: Type.String(),
    id: Type.Optional(Type.String()),
    discipline: Type.Optional(Type.String()),
    experts: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);
export type RuleCheck = Static<typeof RuleCheck>;

export const ApiError = Obj({
  code: StringEnum(ERROR_CODES),
  /** English explanation (logs, API users); the web app shows a translation of `code` + `params`. */
  message: Str(100_000),
  /** The offending request field, dotted (`body.schedule.0.date`). */
  field: Type.Optional(Type.String()),
  /** Values to fill into the translated message (requirement ids, stages, deadlines …). */
  params: Type.Optional(Dict(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]))),
  /** VERSION_CONFLICT: the stored record (same type as the endpoint's normal answer), or null. */
  current: Type.Optional(Type.Unknown()),
  /** RULE_VIOLATION: the failed checks; other codes: extra data. */
  details: Type.Optional(Type.Unknown()),
  /** The request's id (X-Request-Id of the answer, and of every log line of the request). */
  requestId: Type.Optional(Type.String()),
});
export type ApiError = Static<typeof ApiError>;

export const ApiErrorBody = Obj({ error: ApiError });
export type ApiErrorBody = Static<typeof ApiErrorBody>;
