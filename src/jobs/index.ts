/**
 * The job queue for a database: pg-boss on PostgreSQL, the in-process runner on SQLite — one interface
 * (`JobQueue`, ./types.ts). The composition root (src/server.ts) makes one per process and starts it with the
 * server; use cases enqueue through it (optionally inside their transaction).
 */
import { dialectOf } from '../store/dialect.js';
import { currentSchema } from '../store/repos/jobs.js';
import type { Db } from '../store/util.js';
import { DatabaseJobQueue, type DatabaseQueueOptions } from './database-queue.js';
import { jobsSchemaOf, PgBossJobQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import type { JobQueue } from './types.js';

export * from './types.js';
export { DatabaseJobQueue, type DatabaseQueueOptions } from './database-queue.js';
export { PgBossJobQueue, jobsSchemaOf, type PgBossQueueOptions } from './pg-boss-queue.js';

export interface JobQueueOptions {
  db: Db;
  /** PostgreSQL: the connection URL (pg-boss opens its own small pool). */
  databaseUrl?: string;
  /** PostgreSQL: pg-boss's schema (default: from the connection's current schema, see `jobsSchemaOf`). */
  jobsSchema?: string;
  sqlite?: DatabaseQueueOptions;
  pgBoss?: Omit<PgBossQueueOptions, 'connectionString' | 'schema'>;
  onError?: (error: unknown, where: string) => void;
}

export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const onError = options.onError;
  if (dialectOf(options.db) === 'sqlite')
    return new DatabaseJobQueue(options.db, { ...(onError ? { onError } : {}), ...options.sqlite });
  if (!options.databaseUrl) throw new Error('dtma jobs: PostgreSQL needs the database URL for pg-boss');
  const schema = options.jobsSchema ?? jobsSchemaOf(await currentSchema(options.db));
  return new PgBossJobQueue({
    connectionString: options.databaseUrl,
    schema,
    ...(onError ? { onError } : {}),
    ...options.pgBoss,
  });
}
