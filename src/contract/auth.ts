/** Sessions: login, logout, the signed-in user. */
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
