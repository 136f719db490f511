/**
 * Sessions, login rate limiting and CSRF.
 *
 * - The cookie `dtma_session` holds a random token; the `sessions` table stores its sha256 (store/repos/sessions).
 *   HttpOnly, SameSite=Lax, Path=/, Secure unless configured off. Sliding expiry: activity (written at most
 *   every `sessionTouchMs`) moves the expiry to now + `sessionTtlMs`.
 * - CSRF: every non-GET/HEAD/OPTIONS request with a session must carry `x-csrf-token` equal to the session's
 *   token (returned by login and `GET /api/me`), compared in constant time. Missing or wrong → 403 `CSRF`.
 * - Failed logins are rows of `login_attempts` (shared by every instance): more than `maxPerEmail` failures for an
 *   email, or `maxPerIp` for an IP, within `windowMs` → 429 with Retry-After, checked before the password.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../access/types.js';
import { ROLES } from '../access/types.js';
import { appendAudit } from '../store/audit.js';
import { hashPassword, verifyPassword, PASSWORD_TEST_COST } from '../store/passwords.js';
import { getOrganisation } from '../store/repos/organisations.js';
import {
  countFailedLogins,
  createSession,
  deleteSession,
  getSession,
  recordLoginAttempt,
  touchSession,
} from '../store/repos/sessions.js';
import { getLoginRecord, type User } from '../store/repos/users.js';
import { inTransaction, type Db } from '../store/util.js';
import type { Ctx } from './context.js';
import { authOf } from './context.js';
import { HttpError } from './errors.js';
import { nonBlank, obj, responses, str } from './schemas.js';

export const SESSION_COOKIE = 'dtma_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function userRoles(user: User): Role[] {
  return user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** onRequest/preHandler step: resolves the session, enforces CSRF. Throws 401 / 403. */
export async function authenticate(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 200) throw new HttpError(401, 'UNAUTHENTICATED', 'login required');
  const now = ctx.config.now();
  const found = await getSession(ctx.db, token, now);
  if (!found) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new HttpError(401, 'UNAUTHENTICATED', 'the session has expired or does not exist; log in again');
  }
  const { session, user } = found;
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
      throw new HttpError(403, 'CSRF', `missing or wrong ${CSRF_HEADER} header`);
    }
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= ctx.config.sessionTouchMs) {
    await touchSession(ctx.db, session.id, { now, extendTtlMs: ctx.config.sessionTtlMs });
    setSessionCookie(ctx, reply, token);
  }
  const actor = {
    userId: user.id,
    ...(user.organisationId ? { orgId: user.organisationId } : {}),
    roles: userRoles(user),
  };
  request.auth = { user, session, actor, storeActor: { userId: user.id, label: user.email } };
}

function setSessionCookie(ctx: Ctx, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: ctx.config.secureCookies,
    maxAge: Math.floor(ctx.config.sessionTtlMs / 1000),
  });
}

export async function sessionUser(db: Db, user: User) {
  const org = user.organisationId ? await getOrganisation(db, user.organisationId) : undefined;
  const roles: Role[] = userRoles(user);
  if (roles.includes('expert')) {
    const leads = await db
      .selectFrom('team_members')
      .select('assessment_id')
      .where('user_id', '=', user.id)
      .where('role', '=', 'leader')
      .executeTakeFirst();
    if (leads && !roles.includes('team_leader')) roles.push('team_leader');
  }
  return {
    id: user.id,
    username: user.email,
    displayName: user.displayName,
    roles,
    ...(org ? { orgId: org.id, orgName: org.name, orgKind: org.kind } : {}),
  };
}

const userSchema = obj(
  {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    orgId: { type: 'string' },
    orgName: { type: 'string' },
    orgKind: { type: 'string' },
  },
  ['id', 'username', 'displayName', 'roles'],
);
export const sessionResponse = obj({ user: userSchema, csrfToken: { type: 'string' } }, [
  'user',
  'csrfToken',
]);

/** A hash to verify against for unknown users, so that timing does not tell which emails exist. */
let dummyHash: Promise<string> | undefined;

export function registerAuthRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { db, config } = ctx;
  dummyHash ??= hashPassword('dtma-dummy-password', config.passwordCost ?? PASSWORD_TEST_COST);

  app.post(
    '/api/auth/login',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets the session cookie, returns the user and the CSRF token',
        body: obj({ username: nonBlank(320), password: str(1024, 1) }, ['username', 'password']),
        response: responses(sessionResponse),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const email = username.trim().toLowerCase();
      const ip = request.ip;
      const now = config.now();
      const since = new Date(now.getTime() - config.loginRateLimit.windowMs);
      const [byEmail, byIp] = await Promise.all([
        countFailedLogins(db, { email, since }),
        countFailedLogins(db, { ip, since }),
      ]);
      if (byEmail >= config.loginRateLimit.maxPerEmail || byIp >= config.loginRateLimit.maxPerIp) {
        const retryAfter = Math.ceil(config.loginRateLimit.windowMs / 1000);
        throw new HttpError(429, 'RATE_LIMITED', `too many failed logins; retry in ${retryAfter} s`, {
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      const record = await getLoginRecord(db, email);
      const ok =
        record && record.user.active && record.passwordHash
          ? await verifyPassword(record.passwordHash, password)
          : (await verifyPassword(await dummyHash!, password), false);
      if (!ok || !record) {
        await inTransaction(db, async (trx) => {
          await recordLoginAttempt(trx, { email, ip, success: false, at: now });
          await appendAudit(
            trx,
            { userId: null, label: email.slice(0, 320) },
            {
              entity: 'session',
              entityId: email.slice(0, 320),
              action: 'login_failed',
              after: { ip },
            },
          );
        });
        throw new HttpError(401, 'UNAUTHENTICATED', 'wrong username or password');
      }
      await recordLoginAttempt(db, { email, ip, success: true, at: now });
      const { token, session } = await createSession(db, {
        userId: record.user.id,
        ttlMs: config.sessionTtlMs,
        ip,
        userAgent: (request.headers['user-agent'] ?? '').slice(0, 500),
        now,
      });
      setSessionCookie(ctx, reply, token);
      return { user: await sessionUser(db, record.user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { kind: 'session' } },
      schema: {
        tags: ['auth'],
        summary: 'Log out (ends the session)',
        response: responses(obj({ ok: { type: 'boolean' } }, ['ok'])),
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: { kind: 'session' } },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and the CSRF token',
        response: responses(sessionResponse),
      },
    },
    async (request) => {
      const auth = authOf(request);
      return { user: await sessionUser(db, auth.user), csrfToken: auth.session.csrfToken };
    },
  );
}
