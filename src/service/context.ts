/**
 * What every use case gets: the database, the evidence storage, the options, the clock — and who calls.
 *
 * The service layer is the one place HTTP routes and CLI commands call. Each use case opens its transaction,
 * applies the access matrix, calls the process guards and the repositories, writes its audit rows in the same
 * transaction and throws `ServiceError`s. Callers stay thin: parse, call, map errors.
 */
import type { JobQueue } from '../jobs/types.js';
import type { MailSettings } from './mail-settings.js';
import type { ProcessActor, ProcessOptions } from '../process/types.js';
import type { EvidenceStorage } from '../store/files.js';
import { GroupCommitter } from '../store/group-commit.js';
import { dialectOf } from '../store/dialect.js';
import type { PasswordCost } from '../store/passwords.js';
import type { Session } from '../store/repos/sessions.js';
import type { User } from '../store/repos/users.js';
import { inTransaction, type Actor as StoreActor, type Db, type Trx } from '../store/util.js';
import { DEFAULT_LOGIN_THROTTLE, type LoginThrottle } from './throttle.js';

export interface ServiceOptions {
  /** Session lifetime, renewed (sliding) on activity. */
  sessionTtlMs: number;
  /** Activity is written back (and the expiry slid) at most this often per session. */
  sessionTouchMs: number;
  /** The login throttle (src/service/throttle.ts). */
  loginThrottle: LoginThrottle;
  /** How long a password reset link works. */
  passwordResetTtlMs: number;
  /** argon2id cost for passwords set through the services (tests lower it). */
  passwordCost?: PasswordCost;
  /** Max evidence file size, bytes. */
  maxUploadBytes: number;
  /** Evidence bytes allowed per assessment and per enterprise (all its assessments). */
  evidenceQuota: { assessmentBytes: number; organisationBytes: number };
  /** Process options (contest window days, conflict look-back). */
  process: Partial<ProcessOptions>;
  /** The clock (tests move it to pass deadlines). */
  now: () => Date;
  /** E-mail of notifications (DTMA_SMTP_URL, DTMA_MAIL_FROM); null: mail is off, notifications in-app only. */
  mail: MailSettings | null;
}

export const DEFAULT_SERVICE_OPTIONS: ServiceOptions = {
  sessionTtlMs: 8 * 3600_000,
  sessionTouchMs: 60_000,
  loginThrottle: DEFAULT_LOGIN_THROTTLE,
  passwordResetTtlMs: 72 * 3600_000,
  maxUploadBytes: 50 * 1024 * 1024,
  evidenceQuota: { assessmentBytes: 2048 * 1024 * 1024, organisationBytes: 10240 * 1024 * 1024 },
  process: {},
  now: () => new Date(),
  mail: null,
};

export interface ServiceContext {
  db: Db;
  storage: EvidenceStorage;
  options: ServiceOptions;
  /**
   * Expert score writes go through one group committer on SQLite (concurrent writes share one transaction and
   * one fsync; see store/group-commit.ts). PostgreSQL: null — one transaction per request (the server batches
   * WAL flushes of concurrent commits itself, and a shared transaction would hold row locks across requests).
   */
  scoreWrites: GroupCommitter | null;
  /**
   * Background jobs (src/jobs: pg-boss on PostgreSQL, the database runner on SQLite); null where none runs
   * (most tests, one-shot CLI commands). Use cases enqueue with `ctx.jobs.send(name, data, { trx })` inside their
   * transaction; the job types are declared in src/service/jobs.ts.
   */
  jobs: JobQueue | null;
}

export function createServiceContext(input: {
  db: Db;
  storage: EvidenceStorage;
  options?: Partial<ServiceOptions>;
  jobs?: JobQueue | null;
}): ServiceContext {
  return {
    db: input.db,
    storage: input.storage,
    jobs: input.jobs ?? null,
    options: { ...DEFAULT_SERVICE_OPTIONS, ...(input.options ?? {}) },
    scoreWrites: dialectOf(input.db) === 'sqlite' ? new GroupCommitter(input.db) : null,
  };
}

/** A signed-in user calling a use case. */
export interface Caller {
  user: User;
  session?: Session;
  /** The access / process actor. */
  actor: ProcessActor;
  /** Who the audit rows name. */
  storeActor: StoreActor;
}

/** Runs a score-write transaction: through the group committer when there is one. */
export function scoreTransaction<T>(ctx: ServiceContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.scoreWrites ? ctx.scoreWrites.run(fn) : inTransaction(ctx.db, fn);
}
