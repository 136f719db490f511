/** What the HTTP adapters share: the HTTP configuration, access rules of routes, the request's caller. */
import type { Action } from '../access/types.js';
import type { ApiDocs, LogLevel } from '../config.js';
import type { Caller, ServiceContext } from '../service/context.js';

export interface HttpConfig {
  /** `Secure` on the session cookie. */
  secureCookies: boolean;
  /** Folder of the built SPA; null: none. */
  webDist: string | null;
  /** Fastify's trustProxy: false, a hop count, or proxy addresses / CIDRs. */
  trustProxy: boolean | number | string[];
  /** Fastify's log level; silent: no log. */
  logLevel: LogLevel;
  /** The platform's public address for certificates' QR codes; null: the address the request came to. */
  publicUrl: string | null;
  /** Public certificate verification: requests per client address and window. */
  verifyRateLimit: { windowMs: number; max: number };
  /** /api/docs: signed-in users only (login), anyone (public), or not served (off). */
  apiDocs: ApiDocs;
}

/**
 * The access rule of a route (deny by default: a route under /api without one is a startup error).
 * - `public`: no session needed;
 * - `session`: any signed-in user; the use case narrows (organisation resources, own records);
 * - `assessment`: the `:id` assessment must be readable (else 404) and `action` allowed (else 403) — checked
 *   before the handler runs, and again by the use case.
 */
export type Access = { kind: 'public' } | { kind: 'session' } | { kind: 'assessment'; action: Action };

export const PUBLIC: Access = { kind: 'public' };
export const SESSION: Access = { kind: 'session' };
export const onAssessment = (action: Action): Access => ({ kind: 'assessment', action });

/** An /api route as registered (HEAD routes Fastify adds for GET routes included). */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its access rule, in registration order. */
    apiRoutes: readonly ApiRoute[];
    /** The use cases' context (database, storage, options). */
    services: ServiceContext;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in caller (set for `session` and `assessment` routes). */
    auth?: Caller;
  }
}

/** The caller of a route that needs a session (the auth hook ran before the handler). */
export function callerOf(request: { auth?: Caller }): Caller {
  if (!request.auth) throw new Error('route without session used callerOf');
  return request.auth;
}
