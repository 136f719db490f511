/** What every route module gets: the database, the evidence storage, the resolved configuration. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../access/types.js';
import type { ProcessActor, ProcessOptions } from '../process/types.js';
import type { EvidenceStorage } from '../store/files.js';
import type { PasswordCost } from '../store/passwords.js';
import type { Session } from '../store/repos/sessions.js';
import type { User } from '../store/repos/users.js';
import type { GroupCommitter } from '../store/group-commit.js';
import { inTransaction, type Actor as StoreActor, type Db, type Trx } from '../store/util.js';
import type { Doc } from './documents.js';

export interface AppConfig {
  /** `Secure` on the session cookie. Default: true unless `DTMA_INSECURE_COOKIES=1` or `NODE_ENV=development`. */
  secureCookies: boolean;
  /** Session lifetime, renewed (sliding) on activity. Default 8 h. */
  sessionTtlMs: number;
  /** Activity is written back (and the expiry slid) at most this often per session. Default 60 s. */
  sessionTouchMs: number;
  loginRateLimit: { windowMs: number; maxPerEmail: number; maxPerIp: number };
  /** Folder of the built SPA; null: none. Default `web/dist` of the project. */
  webDist: string | null;
  /** argon2id cost for passwords set through the API. */
  passwordCost?: PasswordCost;
  trustProxy: boolean;
  logger: boolean;
  /** Max evidence file size, bytes. Default 50 MB. */
  maxUploadBytes: number;
  /** Process options (contest window days, conflict look-back). */
  process: Partial<ProcessOptions>;
  /** The clock (tests move it to pass deadlines). */
  now: () => Date;
}

export interface Ctx {
  db: Db;
  storage: EvidenceStorage;
  config: AppConfig;
  /**
   * Expert score writes go through one group committer on SQLite (concurrent writes share one transaction and
   * one fsync; see store/group-commit.ts). PostgreSQL: null — one transaction per request (the server batches
   * WAL flushes of concurrent commits itself, and a shared transaction would hold row locks across requests).
   */
  scoreWrites: GroupCommitter | null;
}

/** Runs a score-write transaction: through the group committer when there is one. */
export function scoreTransaction<T>(ctx: Ctx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.scoreWrites ? ctx.scoreWrites.run(fn) : inTransaction(ctx.db, fn);
}

/**
 * The access rule of a route (deny by default: a route under /api without one is a startup error).
 * - `public`: no session needed;
 * - `session`: any logged-in user; the handler narrows (organisation resources, own records);
 * - `assessment`: the `:id` assessment must be readable (else 404) and `action` allowed (else 403) — checked
 *   before the handler runs.
 */
export type Access = { kind: 'public' } | { kind: 'session' } | { kind: 'assessment'; action: Action };

export interface Auth {
  user: User;
  session: Session;
  actor: ProcessActor;
  storeActor: StoreActor;
}

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
    /** The score-write group committer (SQLite), for its statistics. */
    scoreWrites: GroupCommitter | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth?: Auth;
    /** Set by the `assessment` access check: the stored aggregate (read-only, sheets not hydrated). */
    doc?: Doc;
  }
}

export function authOf(request: FastifyRequest): Auth {
  if (!request.auth) throw new Error('route without session used authOf');
  return request.auth;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
