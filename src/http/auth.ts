/**
 * Sessions over HTTP: the `dtma_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure unless configured off)
 * holds the token; every state-changing request carries `x-csrf-token`. The rules (rate limit, CSRF, sliding
 * expiry) are the use cases' (src/service/auth.ts); this file moves tokens between cookies and them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { login, logout, me, resolveSession } from '../service/auth.js';
import type { ServiceContext } from '../service/context.js';
import { changePassword, resetPassword } from '../service/passwords.js';
import { ServiceError } from '../service/errors.js';
import { callerOf, PUBLIC, SESSION, type HttpConfig } from './context.js';
import { route } from './route.js';

export const SESSION_COOKIE = 'dtma_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function setSessionCookie(ctx: ServiceContext, config: HttpConfig, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secureCookies,
    maxAge: Math.floor(ctx.options.sessionTtlMs / 1000),
  });
}

/** Resolves the session of the request (401 / 403 CSRF) and sets `request.auth`. */
export async function authenticate(
  ctx: ServiceContext,
  config: HttpConfig,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  const header = request.headers[CSRF_HEADER];
  try {
    const { caller, touched } = await resolveSession(ctx, {
      token,
      stateChanging: !SAFE_METHODS.has(request.method),
      csrfToken: typeof header === 'string' ? header : undefined,
    });
    if (touched && token) setSessionCookie(ctx, config, reply, token);
    request.auth = caller;
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'UNAUTHENTICATED' && token)
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw error;
  }
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServiceContext, config: HttpConfig): void {
  route(app, 'POST /api/auth/login', PUBLIC, async (request, reply) => {
    const { token, response } = await login(ctx, {
      username: request.body.username,
      password: request.body.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
    setSessionCookie(ctx, config, reply, token);
    return response;
  });

  route(app, 'POST /api/auth/logout', SESSION, async (request, reply) => {
    await logout(ctx, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  route(app, 'GET /api/me', SESSION, async (request) => me(ctx, callerOf(request)));

  route(app, 'POST /api/auth/password', SESSION, async (request) => {
    await changePassword(ctx, callerOf(request), { ...request.body, ip: request.ip });
    return { ok: true as const };
  });

  route(app, 'POST /api/auth/password-reset', PUBLIC, async (request) => {
    await resetPassword(ctx, request.body);
    return { ok: true as const };
  });
}
