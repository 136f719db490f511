/**
 * The job queue on PostgreSQL: pg-boss in its own schema (`<schema>_jobs`; `dtma_jobs` when the platform's
 * schema is `public`), created and migrated by pg-boss at start. Workers fetch with `FOR UPDATE SKIP LOCKED`, so
 * several `dtma serve` instances share the queue and a job runs on one of them; pg-boss's cron monitor enqueues
 * each occurrence of a schedule once across instances. pg-boss keeps its own small pool (its rows are read with
 * pg's default type parsers); a send inside the caller's transaction goes through that transaction.
 */
import PgBoss from 'pg-boss';
import { sqlExecutor } from '../store/repos/jobs.js';
import {
  checkJobId,
  checkJobName,
  JOB_STATES,
  JobError,
  retryPolicyOf,
  runWithin,
  type JobDefinition,
  type JobInfo,
  type JobQueue,
  type JobState,
  type RetryPolicy,
  type SendOptions,
} from './types.js';

export interface PgBossQueueOptions {
  connectionString: string;
  /** pg-boss's schema. */
  schema: string;
  /** How often idle workers fetch (default 2 s; pg-boss's minimum is 0.5 s). */
  pollIntervalSeconds?: number;
  /** Expiry and archiving checks (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Cron checks (default 30 s). */
  cronMonitorIntervalSeconds?: number;
  /** Pool size of pg-boss's own connections (default 4). */
  poolMax?: number;
  onError?: (error: unknown, where: string) => void;
}

interface Defined {
  def: JobDefinition<unknown>;
  policy: RetryPolicy;
}

/** pg-boss's schema for the platform's schema. */
export function jobsSchemaOf(schema: string): string {
  return schema === 'public' ? 'dtma_jobs' : `${schema}_jobs`;
}

function toIso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Creates or updates a queue. Instances starting together race to create the same queue (pg-boss makes a
 * partition table per queue; concurrent creations deadlock or collide): the loser finds it created and updates.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

export class PgBossJobQueue implements JobQueue {
  readonly backend = 'pg-boss' as const;
  private readonly defs = new Map<string, Defined>();
  private boss: PgBoss | undefined;
  private readonly onError: (error: unknown, where: string) => void;

  constructor(private readonly options: PgBossQueueOptions) {
    if (!/^[a-z_][a-z0-9_]{0,49}$/.test(options.schema))
      throw new JobError(`bad jobs schema ${options.schema}`);
    this.onError = options.onError ?? ((error, where) => console.error(`[dtma jobs] ${where}:`, error));
  }

  define<T>(definition: JobDefinition<T>): void {
    checkJobName(definition.name);
    if (this.boss) throw new JobError(`define ${definition.name} before start()`);
    if (this.defs.has(definition.name)) throw new JobError(`job ${definition.name} is defined twice`);
    const concurrency = definition.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new JobError('concurrency must be ≥ 1');
    this.defs.set(definition.name, {
      def: definition as JobDefinition<unknown>,
      policy: retryPolicyOf(definition),
    });
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const o = this.options;
    const boss = new PgBoss({
      connectionString: o.connectionString,
      schema: o.schema,
      max: o.poolMax ?? 4,
      application_name: 'dtma-jobs',
      schedule: true,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: o.maintenanceIntervalSeconds ?? 60,
      cronMonitorIntervalSeconds: o.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.round(o.pollIntervalSeconds ?? 2))),
      archiveCompletedAfterSeconds: 12 * 3600,
      deleteAfterDays: 7,
    });
    boss.on('error', (error) => this.onError(error, 'pg-boss'));
    await boss.start();
    this.boss = boss;
    for (const [name, { def, policy }] of this.defs) {
      const queue = {
        name,
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: policy.retryBackoff,
        expireInSeconds: policy.expireInSeconds,
      };
      await ensureQueue(boss, queue);
      for (let i = 0; i < (def.concurrency ?? 1); i++) {
        await boss.work<unknown>(
          name,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: o.pollIntervalSeconds ?? 2 },
          async (jobs) => {
            const job = jobs[0];
            if (!job) return;
            // pg-boss fails the attempt after expireInSeconds too; this aborts the handler's signal then.
            return runWithin(job.expireInSeconds, (signal) =>
              def.handler({ id: job.id, name: job.name, data: job.data, retryCount: job.retryCount, signal }),
            );
          },
        );
      }
    }
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    const stopped = new Promise<void>((resolve) => boss.once('stopped', () => resolve()));
    await boss.stop({ graceful: true, wait: true, timeout: options.timeoutMs ?? 30_000 });
    await stopped;
  }

  private started(): PgBoss {
    if (!this.boss) throw new JobError('the job queue is not started');
    return this.boss;
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.defs.has(name)) throw new JobError(`job ${name} is not defined`);
    if (options.id !== undefined) checkJobId(options.id);
    return this.started().send(name, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.trx ? { db: sqlExecutor(options.trx) } : {}),
    });
  }

  async schedule(
    name: string,
    cron: string,
    data: object = {},
    options: { tz?: string } = {},
  ): Promise<void> {
    if (!this.defs.has(name)) throw new JobError(`job ${name} is not defined`);
    try {
      await this.started().schedule(name, cron, data, { tz: options.tz ?? 'UTC' });
    } catch (error) {
      throw new JobError(`schedule ${name}: "${cron}": ${String(error)}`);
    }
  }

  async unschedule(name: string): Promise<void> {
    await this.started().unschedule(name);
  }

  async getJob(name: string, id: string): Promise<JobInfo | null> {
    const job = await this.started().getJobById<unknown>(name, id, { includeArchive: true });
    if (!job) return null;
    const state: JobState = (JOB_STATES as readonly string[]).includes(job.state) ? job.state : 'failed';
    return {
      id: job.id,
      name: job.name,
      state,
      data: job.data,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      startAfter: toIso(job.startAfter),
      createdAt: toIso(job.createdOn),
      startedAt: job.startedOn ? toIso(job.startedOn) : null,
      completedAt: job.completedOn ? toIso(job.completedOn) : null,
      output: job.output ?? null,
    };
  }
}
