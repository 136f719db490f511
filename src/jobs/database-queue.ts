/**
 * The job queue on the platform's own database (SQLite): jobs are rows of `jobs`, claimed in write transactions
 * (`BEGIN IMMEDIATE`), so they survive a restart and processes sharing the file run each job once. A runner
 * polls for due jobs, runs up to `concurrency` handlers per name, and every `maintenanceIntervalMs` retries
 * expired attempts, enqueues due cron occurrences and deletes old finished jobs.
 */
import crypto from 'node:crypto';
import cronParser from 'cron-parser';
import {
  claimJob,
  completeJob,
  deleteJobSchedule,
  enqueueScheduled,
  failJob,
  getJobRow,
  insertJob,
  listActiveJobs,
  listJobSchedules,
  purgeFinishedJobs,
  upsertJobSchedule,
  type JobRow,
} from '../store/repos/jobs.js';
import { newId, type Db } from '../store/util.js';
import {
  checkJobId,
  checkJobName,
  errorOutput,
  JobError,
  retryDelaySeconds,
  retryPolicyOf,
  runWithin,
  type Job,
  type JobDefinition,
  type JobInfo,
  type JobQueue,
  type RetryPolicy,
  type SendOptions,
} from './types.js';

export interface DatabaseQueueOptions {
  /** How often idle workers look for due jobs (default 1000 ms; a local send wakes them at once). */
  pollIntervalMs?: number;
  /** Expiry, cron schedules and clean-up (default 5000 ms). */
  maintenanceIntervalMs?: number;
  /** Finished jobs are deleted after this many days (default 7). */
  retentionDays?: number;
  now?: () => Date;
  /** Errors of the runner itself (a handler's error goes into its job). */
  onError?: (error: unknown, where: string) => void;
}

interface Defined {
  def: JobDefinition<unknown>;
  policy: RetryPolicy;
  concurrency: number;
  running: number;
}

function policyOfRow(row: JobRow): RetryPolicy {
  return {
    retryLimit: row.retry_limit,
    retryDelaySeconds: row.retry_delay,
    retryBackoff: row.retry_backoff === 1,
    expireInSeconds: row.expire_in_seconds,
  };
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export class DatabaseJobQueue implements JobQueue {
  readonly backend = 'database' as const;
  private readonly defs = new Map<string, Defined>();
  private readonly running = new Set<Promise<void>>();
  private pollTimer: NodeJS.Timeout | undefined;
  private maintenanceTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  private polling = false;
  private pollAgain = false;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly maintenanceIntervalMs: number;
  private readonly retentionMs: number;
  private readonly onError: (error: unknown, where: string) => void;

  constructor(
    private readonly db: Db,
    options: DatabaseQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maintenanceIntervalMs = options.maintenanceIntervalMs ?? 5000;
    this.retentionMs = (options.retentionDays ?? 7) * 86_400_000;
    this.onError = options.onError ?? ((error, where) => console.error(`[dtma jobs] ${where}:`, error));
  }

  define<T>(definition: JobDefinition<T>): void {
    checkJobName(definition.name);
    if (this.started) throw new JobError(`define ${definition.name} before start()`);
    if (this.defs.has(definition.name)) throw new JobError(`job ${definition.name} is defined twice`);
    const concurrency = definition.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new JobError('concurrency must be ≥ 1');
    this.defs.set(definition.name, {
      def: definition as JobDefinition<unknown>,
      policy: retryPolicyOf(definition),
      concurrency,
      running: 0,
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    await this.maintain();
    this.pollTimer = setInterval(() => this.poll(), this.pollIntervalMs);
    this.pollTimer.unref();
    this.maintenanceTimer = setInterval(() => void this.maintain(), this.maintenanceIntervalMs);
    this.maintenanceTimer.unref();
    this.poll();
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearInterval(this.maintenanceTimer);
    const timeout = options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeout))),
    ]);
    clearTimeout(timer);
    this.started = false;
  }

  private defined(name: string): Defined {
    const d = this.defs.get(name);
    if (!d) throw new JobError(`job ${name} is not defined`);
    return d;
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const { policy } = this.defined(name);
    if (options.id !== undefined) checkJobId(options.id);
    const now = this.now();
    const id = options.id ?? newId();
    const inserted = await insertJob(options.trx ?? this.db, {
      id,
      name,
      data: JSON.stringify(data),
      state: 'created',
      retry_limit: policy.retryLimit,
      retry_count: 0,
      retry_delay: policy.retryDelaySeconds,
      retry_backoff: policy.retryBackoff ? 1 : 0,
      expire_in_seconds: policy.expireInSeconds,
      start_after: (options.startAfter ?? now).toISOString(),
      created_at: now.toISOString(),
      started_at: null,
      completed_at: null,
      lease: null,
      output: null,
    });
    if (inserted && !options.trx) setImmediate(() => this.poll());
    return inserted ? id : null;
  }

  async schedule(
    name: string,
    cron: string,
    data: object = {},
    options: { tz?: string } = {},
  ): Promise<void> {
    this.defined(name);
    const tz = options.tz ?? 'UTC';
    try {
      cronParser.parseExpression(cron, { tz });
    } catch (error) {
      throw new JobError(`schedule ${name}: "${cron}" is not a cron expression (${String(error)})`);
    }
    await upsertJobSchedule(this.db, {
      name,
      cron,
      tz,
      data: JSON.stringify(data),
      now: this.now().toISOString(),
    });
  }

  async unschedule(name: string): Promise<void> {
    await deleteJobSchedule(this.db, name);
  }

  async getJob(name: string, id: string): Promise<JobInfo | null> {
    const row = await getJobRow(this.db, id);
    if (!row || row.name !== name) return null;
    return {
      id: row.id,
      name: row.name,
      state: row.state,
      data: parseJson(row.data),
      retryCount: row.retry_count,
      retryLimit: row.retry_limit,
      startAfter: row.start_after,
      createdAt: row.created_at,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      output: parseJson(row.output),
    };
  }

  /** Claims and starts due jobs while there is capacity; one pass at a time (a request during it repeats it). */
  private poll(): void {
    if (!this.started || this.stopping) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    void (async () => {
      try {
        do {
          this.pollAgain = false;
          for (const [name, d] of this.defs) {
            while (d.running < d.concurrency && !this.stopping) {
              const lease = crypto.randomBytes(12).toString('hex');
              const row = await claimJob(this.db, name, this.now().toISOString(), lease);
              if (!row) break;
              this.run(d, row, lease);
            }
          }
        } while (this.pollAgain && !this.stopping);
      } catch (error) {
        this.onError(error, 'poll');
      } finally {
        this.polling = false;
      }
    })();
  }

  private run(d: Defined, row: JobRow, lease: string): void {
    d.running++;
    const p = (async () => {
      try {
        let output: unknown;
        try {
          output = await runWithin(row.expire_in_seconds, (signal) => {
            const job: Job<unknown> = {
              id: row.id,
              name: row.name,
              data: parseJson(row.data),
              retryCount: row.retry_count,
              signal,
            };
            return d.def.handler(job);
          });
        } catch (error) {
          await this.recordFailure(row, lease, errorOutput(error));
          return;
        }
        await completeJob(
          this.db,
          row.id,
          lease,
          output === undefined ? null : JSON.stringify(output),
          this.now().toISOString(),
        );
      } catch (error) {
        this.onError(error, `job ${row.name} ${row.id}`);
      }
    })().finally(() => {
      d.running--;
      this.running.delete(p);
      this.poll();
    });
    this.running.add(p);
  }

  private async recordFailure(row: JobRow, lease: string, output: unknown): Promise<boolean> {
    const now = this.now();
    const retryAt =
      row.retry_count < row.retry_limit
        ? new Date(now.getTime() + retryDelaySeconds(policyOfRow(row), row.retry_count) * 1000).toISOString()
        : null;
    return failJob(this.db, row.id, lease, JSON.stringify(output), now.toISOString(), retryAt);
  }

  /** Expired attempts back to retry (or failed), due cron occurrences enqueued, old finished jobs deleted. */
  async maintain(): Promise<void> {
    try {
      const now = this.now();
      for (const row of await listActiveJobs(this.db)) {
        const started = Date.parse(row.started_at ?? row.created_at);
        if (row.lease && started + row.expire_in_seconds * 1000 < now.getTime())
          await this.recordFailure(row, row.lease, {
            name: 'JobExpired',
            message: `no answer within ${row.expire_in_seconds} s`,
          });
      }
      for (const s of await listJobSchedules(this.db)) {
        const d = this.defs.get(s.name);
        if (!d) continue;
        let slot: Date;
        try {
          slot = cronParser.parseExpression(s.cron, { tz: s.tz, currentDate: now }).prev().toDate();
        } catch (error) {
          this.onError(error, `schedule ${s.name}`);
          continue;
        }
        // Occurrences before the schedule existed are not run; a restart after a long stop runs the last one.
        if (slot.getTime() < Date.parse(s.created_at) - 60_000) continue;
        if (s.last_slot !== null && Date.parse(s.last_slot) >= slot.getTime()) continue;
        const enqueued = await enqueueScheduled(this.db, s.name, slot.toISOString(), {
          id: newId(),
          name: s.name,
          data: s.data,
          state: 'created',
          retry_limit: d.policy.retryLimit,
          retry_count: 0,
          retry_delay: d.policy.retryDelaySeconds,
          retry_backoff: d.policy.retryBackoff ? 1 : 0,
          expire_in_seconds: d.policy.expireInSeconds,
          start_after: now.toISOString(),
          created_at: now.toISOString(),
          started_at: null,
          completed_at: null,
          lease: null,
          output: null,
        });
        if (enqueued) this.poll();
      }
      await purgeFinishedJobs(this.db, new Date(now.getTime() - this.retentionMs).toISOString());
    } catch (error) {
      this.onError(error, 'maintenance');
    }
  }
}
