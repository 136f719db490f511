/** Sessions: login, logout, the signed-in user; passwords: change, reset by a user manager, the policy. */
import { OrgKind, Role } from './domain.js';
import { NonBlank, Obj, Str, Type, type Static } from './schema.js';

export const SessionUser = Obj({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  /** Global roles (src/access). `team_leader` is held by experts who lead at least one team. */
  roles: Type.Array(Role),
  orgId: Type.Optional(Type.String()),
  orgName: Type.Optional(Type.String()),
  orgKind: Type.Optional(OrgKind),
});
export type SessionUser = Static<typeof SessionUser>;

export const LoginRequest = Obj({ username: NonBlank(320), password: Str(1024, 1) });
export type LoginRequest = Static<typeof LoginRequest>;

export const SessionResponse = Obj({ user: SessionUser, csrfToken: Type.String() });
export type SessionResponse = Static<typeof SessionResponse>;

/** The password rules (src/service/passwords.ts): at least this many characters … */
export const PASSWORD_MIN_LENGTH = 10;
/** … and a strength estimate (zxcvbn, 0–4) of at least this. */
export const PASSWORD_MIN_SCORE = 3;

/**
 * A password refused by the rules answers 400 VALIDATION with `field` (`body.newPassword`, `body.password`) and
 * `params.rule`: `minLength` (`params.min`), `weak` (`params.score`, `params.minScore`, `params.warning` — the
 * estimator's English hint, may be empty), `same` (the new password equals the current one), or
 * `wrong-password` (field `body.currentPassword`).
 */
export const ChangePasswordRequest = Obj({ currentPassword: Str(1024, 1), newPassword: Str(1024, 1) });
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

/** Setting a new password with the one-time token of a reset link (no session needed). */
export const CompletePasswordResetRequest = Obj({ token: Str(200, 20), newPassword: Str(1024, 1) });
export type CompletePasswordResetRequest = Static<typeof CompletePasswordResetRequest>;

/**
 * A reset issued by a user manager: the user's password no longer works and their sessions are ended; the token
 * (shown once, never stored) sets a new password once before `expiresAt`. `path` is the web app's page for it
 * (`/reset-password#token=…` — in the fragment, so it reaches no server log or Referer).
 */
export const PasswordResetIssued = Obj({
  userId: Type.String(),
  token: Type.String(),
  expiresAt: Type.String(),
  path: Type.String(),
});
export type PasswordResetIssued = Static<typeof PasswordResetIssued>;
