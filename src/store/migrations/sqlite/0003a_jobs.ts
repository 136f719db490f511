import { sql, type Kysely } from 'kysely';

/**
 * 0003a: background jobs of the in-process runner (src/jobs/database-queue.ts) — SQLite only; on PostgreSQL the
 * jobs live in pg-boss's own schema (see the postgres migration of the same name).
 *
 * `jobs.lease` is a random token written when a runner claims the job: completing or failing an attempt needs
 * the same token, so a job that expired (its process died) and was claimed again is never completed twice.
 * `job_schedules.last_slot` is the last cron occurrence enqueued: advancing it and inserting the job happen in
 * one transaction, so each occurrence is enqueued once across processes sharing the file.
 */
const UP: string[] = [
  `CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    data TEXT NOT NULL CHECK (json_valid(data)),
    state TEXT NOT NULL CHECK (state IN ('created', 'retry', 'active', 'completed', 'cancelled', 'failed')),
    retry_limit INTEGER NOT NULL CHECK (retry_limit >= 0),
    retry_count INTEGER NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    retry_delay INTEGER NOT NULL CHECK (retry_delay >= 0),
    retry_backoff INTEGER NOT NULL CHECK (retry_backoff IN (0, 1)),
    expire_in_seconds INTEGER NOT NULL CHECK (expire_in_seconds >= 1),
    start_after TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    lease TEXT,
    output TEXT CHECK (output IS NULL OR json_valid(output))
  ) STRICT`,
  `CREATE INDEX jobs_fetch_idx ON jobs (name, state, start_after)`,
  `CREATE INDEX jobs_state_idx ON jobs (state, completed_at)`,
  `CREATE TABLE job_schedules (
    name TEXT PRIMARY KEY,
    cron TEXT NOT NULL,
    tz TEXT NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    last_slot TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['job_schedules', 'jobs']) await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}
