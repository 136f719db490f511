/**
 * Background jobs: one interface, two back-ends.
 *
 * - PostgreSQL: pg-boss (its own schema, `<schema>_jobs`, next to the platform's tables) — `SKIP LOCKED` fetches,
 *   so several `dtma serve` instances share the queue and each job runs on one of them.
 * - SQLite: an in-process runner over the `jobs` / `job_schedules` tables of the same database file (migration
 *   0003a), claiming jobs in `BEGIN IMMEDIATE` transactions, so jobs survive a restart and processes sharing the
 *   file run each job once.
 *
 * Both: a job is defined once (`define`) with its handler and retry policy; `send` enqueues (optionally inside
 * the caller's transaction, so a job exists exactly when the change that asked for it commits); a failing
 * handler is retried with back-off up to `retryLimit`, then the job is `failed`; a job still active after
 * `expireInSeconds` (its instance died) is retried; `schedule` runs a job on a cron schedule, once per
 * occurrence across instances. Handlers must be idempotent in what they do outside the database (a process
 * killed after the side effect and before the completion is recorded runs the job again).
 */
import type { Trx } from '../store/util.js';

/** Job names: lower-case letters, digits and `_`, starting with a letter (pg-boss queue names). */
export const JOB_NAME_RE = /^[a-z][a-z0-9_]{0,49}$/;

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  retryLimit: number;
  /** Delay before a retry, seconds (with back-off: the base of the exponential delay). */
  retryDelaySeconds: number;
  /** Exponential back-off with jitter: about `retryDelaySeconds × 2^retryCount × (1 … 2)`. */
  retryBackoff: boolean;
  /** A job active longer than this counts as failed (its process died, or it hangs) and is retried. */
  expireInSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt, 1 on the first retry, … */
  retryCount: number;
  /** Aborted when the attempt runs past `expireInSeconds` (the attempt has failed; stop working). */
  signal: AbortSignal;
}

/** Runs one job; throwing fails the attempt (retried per the policy). What it returns is kept as the output. */
export type JobHandler<T> = (job: Job<T>) => Promise<unknown>;

export interface JobDefinition<T> extends Partial<RetryPolicy> {
  name: string;
  handler: JobHandler<T>;
  /** Jobs of this name run at the same time in one instance (default 1). */
  concurrency?: number;
}

export interface SendOptions {
  /** Not before this time. */
  startAfter?: Date;
  /**
   * The job's id (a UUID; idempotent sends): a send with the id of a job that exists (queued, active, or finished
   * within the last 12 hours) enqueues nothing and returns null. Default: a new id.
   */
  id?: string;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Trx;
}

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  startAfter: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** The handler's return value (completed) or the error (failed / retry). */
  output: unknown;
}

export interface JobQueue {
  readonly backend: 'database' | 'pg-boss';
  /** Declares a job type and its handler; before `start`. */
  define<T>(definition: JobDefinition<T>): void;
  /** Creates the queues and starts the workers and the scheduler. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running handlers (up to `timeoutMs`). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Enqueues a job of a defined name; its id, or null when `options.id` names an existing job. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Runs `name` on a cron schedule (5 fields, `tz` default UTC), once per occurrence across instances. */
  schedule(name: string, cron: string, data?: object, options?: { tz?: string }): Promise<void>;
  unschedule(name: string): Promise<void>;
  getJob(name: string, id: string): Promise<JobInfo | null>;
}

export class JobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobError';
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkJobId(id: string): void {
  if (!UUID_RE.test(id)) throw new JobError(`job id "${id}" is not a lower-case UUID`);
}

export function checkJobName(name: string): void {
  if (!JOB_NAME_RE.test(name))
    throw new JobError(`job name "${name}": lower-case letters, digits and _ only, starting with a letter`);
}

export function retryPolicyOf(d: Partial<RetryPolicy>): RetryPolicy {
  const p = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) };
  for (const k of ['retryLimit', 'retryDelaySeconds', 'expireInSeconds'] as const)
    if (!Number.isInteger(p[k]) || p[k] < 0) throw new JobError(`${k} must be an integer ≥ 0`);
  if (p.expireInSeconds < 1) throw new JobError('expireInSeconds must be at least 1');
  return p;
}

/**
 * The delay before retry number `retryCount + 1`, seconds — the rule pg-boss applies, so both back-ends
 * behave alike: without back-off `retryDelaySeconds`; with it `d·2^min(16, n+1)/2 · (1 + jitter)`, jitter in
 * [0, 1).
 */
export function retryDelaySeconds(
  p: RetryPolicy,
  retryCount: number,
  jitter: number = Math.random(),
): number {
  if (!p.retryBackoff) return p.retryDelaySeconds;
  const base = (p.retryDelaySeconds * 2 ** Math.min(16, retryCount + 1)) / 2;
  return base * (1 + jitter);
}

/** An error as stored in a job's output (no stack: the log has it). */
export function errorOutput(error: unknown): { message: string; name: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/**
 * Runs `handler` with a time limit of `seconds`: the attempt fails with `JobExpired` when it runs longer (its
 * signal is aborted; the handler's promise is left to settle on its own).
 */
export async function runWithin<T>(seconds: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${seconds} s`);
      error.name = 'JobExpired';
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
