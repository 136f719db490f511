/**
 * Sessions: login (throttled per account × address, src/service/throttle.ts; the same work for unknown accounts), logout, resolving a session token to a
 * caller (with the CSRF check for state-changing requests), and the signed-in user as the app shows it.
 * Cookies are the HTTP layer's business; tokens are opaque strings here.
 */
import crypto from 'node:crypto';
import type { SessionResponse, SessionUser } from '../contract/auth.js';
import { ROLES, type Role } from '../access/types.js';
import { hashPassword, needsRehash, verifyPassword } from '../store/passwords.js';
import { getOrganisation } from '../store/repos/organisations.js';
import {
  createSession,
  deleteSession,
  getSession,
  recordFailedLogin,
  recordLoginAttempt,
  touchSession,
} from '../store/repos/sessions.js';
import { leadsAnyTeam } from '../store/repos/team.js';
import { getLoginRecord, setPasswordHashOnly, type User } from '../store/repos/users.js';
import type { Db } from '../store/util.js';
import type { Caller, ServiceContext } from './context.js';
import { ServiceError } from './errors.js';
import { checkLoginThrottle } from './throttle.js';

export function userRoles(user: User): Role[] {
  return user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export function callerOf(user: User, session?: Caller['session']): Caller {
  return {
    user,
    ...(session ? { session } : {}),
    actor: {
      userId: user.id,
      ...(user.organisationId ? { orgId: user.organisationId } : {}),
      roles: userRoles(user),
    },
    storeActor: { userId: user.id, label: user.email },
  };
}

/** The signed-in user as the app shows it (`team_leader` added for experts who lead a team). */
export async function sessionUser(db: Db, user: User): Promise<SessionUser> {
  const org = user.organisationId ? await getOrganisation(db, user.organisationId) : undefined;
  const roles: Role[] = userRoles(user);
  if (roles.includes('expert') && !roles.includes('team_leader') && (await leadsAnyTeam(db, user.id)))
    roles.push('team_leader');
  return {
    id: user.id,
    username: user.email,
    displayName: user.displayName,
    roles,
    ...(org ? { orgId: org.id, orgName: org.name, orgKind: org.kind } : {}),
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * A hash to verify against for unknown users, made with the same cost as the real ones (the configured cost,
 * else the production default), so that the time of a login does not tell which accounts exist.
 */
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(ctx: ServiceContext): Promise<string> {
  const cost = ctx.options.passwordCost;
  const key = JSON.stringify(cost ?? 'default');
  let h = dummyHashes.get(key);
  if (!h) dummyHashes.set(key, (h = hashPassword('dtma-dummy-password', cost)));
  return h;
}

export interface LoginResult {
  token: string;
  response: SessionResponse;
}

export async function login(
  ctx: ServiceContext,
  input: { username: string; password: string; ip: string; userAgent: string },
): Promise<LoginResult> {
  const { db, options } = ctx;
  const email = input.username.trim().toLowerCase();
  const now = options.now();
  await checkLoginThrottle(db, options.loginThrottle, { email, ip: input.ip, now });
  const record = await getLoginRecord(db, email);
  // Unknown, inactive and password-less accounts verify against a dummy hash of the same cost: the time of the
  // answer does not tell which accounts exist.
  const ok =
    record && record.user.active && record.passwordHash
      ? await verifyPassword(record.passwordHash, input.password)
      : (await verifyPassword(await dummyHash(ctx), input.password), false);
  if (!ok || !record) {
    await recordFailedLogin(db, { email, ip: input.ip, at: now });
    throw new ServiceError('UNAUTHENTICATED', 'wrong username or password', {
      params: { reason: 'credentials' },
    });
  }
  // A hash made with another cost (an older default, a test cost) is upgraded to the configured one.
  if (record.passwordHash && needsRehash(record.passwordHash, options.passwordCost))
    await setPasswordHashOnly(db, record.user.id, await hashPassword(input.password, options.passwordCost));
  await recordLoginAttempt(db, { email, ip: input.ip, success: true, at: now });
  const { token, session } = await createSession(db, {
    userId: record.user.id,
    ttlMs: options.sessionTtlMs,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 500),
    now,
  });
  return { token, response: { user: await sessionUser(db, record.user), csrfToken: session.csrfToken } };
}

export async function logout(ctx: ServiceContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, token);
}

export interface ResolvedSession {
  caller: Caller;
  /** The expiry was slid: the HTTP layer renews the cookie. */
  touched: boolean;
}

/**
 * The caller of a session token. State-changing requests must carry the session's CSRF token (constant-time
 * compare). UNAUTHENTICATED for a missing, unknown or expired session; CSRF for a missing or wrong token.
 */
export async function resolveSession(
  ctx: ServiceContext,
  input: { token: string | undefined; stateChanging: boolean; csrfToken: string | undefined },
): Promise<ResolvedSession> {
  if (!input.token || input.token.length > 200)
    throw new ServiceError('UNAUTHENTICATED', 'login required', { params: { reason: 'missing' } });
  const now = ctx.options.now();
  const found = await getSession(ctx.db, input.token, now);
  if (!found)
    throw new ServiceError('UNAUTHENTICATED', 'the session has expired or does not exist; log in again', {
      params: { reason: 'expired' },
    });
  const { session, user } = found;
  if (
    input.stateChanging &&
    (typeof input.csrfToken !== 'string' || !sameToken(input.csrfToken, session.csrfToken))
  )
    throw new ServiceError('CSRF', 'missing or wrong x-csrf-token header');
  let touched = false;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= ctx.options.sessionTouchMs) {
    // Best effort: sliding the expiry is a write, and a read must not fail because a write cannot be made (a
    // full disk, a read-only replica); the session stays valid until its stored expiry, the next request retries.
    try {
      await touchSession(ctx.db, session.id, { now, extendTtlMs: ctx.options.sessionTtlMs });
      touched = true;
    } catch {
      touched = false;
    }
  }
  return { caller: callerOf(user, session), touched };
}

export async function me(ctx: ServiceContext, caller: Caller): Promise<SessionResponse> {
  return { user: await sessionUser(ctx.db, caller.user), csrfToken: caller.session?.csrfToken ?? '' };
}
