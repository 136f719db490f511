import type { Kysely } from 'kysely';

/**
 * 0003a: background jobs. On PostgreSQL they live in pg-boss's schema (`<schema>_jobs`, `dtma_jobs` beside
 * `public`), which pg-boss creates and migrates itself when the queue starts (src/jobs/pg-boss-queue.ts); the
 * platform's own schema gets nothing. The migration exists so both dialects keep the same history of names.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
