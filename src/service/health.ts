/**
 * Liveness and readiness of an instance (issue 9, /healthz and /readyz). Readiness asks the database (a trivial
 * query), the migration table (every migration this build knows is applied) and the job queue (started here).
 * Answers carry check names and states only — no versions, no error messages, no content.
 */
import { sql } from 'kysely';
import { dialectOf } from '../store/dialect.js';
import { createMigrator } from '../store/migrations/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './errors.js';
import { jobsStarted } from './jobs.js';

export interface Readiness {
  database: 'ok' | 'unreachable';
  migrations: 'ok' | 'pending' | 'unknown';
  jobs: 'ok' | 'not_started' | 'none';
}

export async function readinessChecks(ctx: ServiceContext): Promise<Readiness> {
  let database: Readiness['database'] = 'ok';
  let migrations: Readiness['migrations'] = 'unknown';
  try {
    await sql`select 1`.execute(ctx.db);
    try {
      const migrator = await createMigrator(ctx.db, dialectOf(ctx.db));
      const list = await migrator.getMigrations();
      migrations = list.every((m) => m.executedAt !== undefined) ? 'ok' : 'pending';
    } catch {
      migrations = 'unknown';
    }
  } catch {
    database = 'unreachable';
  }
  const started = jobsStarted(ctx);
  const jobs: Readiness['jobs'] = started === null ? 'none' : started ? 'ok' : 'not_started';
  return { database, migrations, jobs };
}

/** Ready: the checks; not ready: 503 UNAVAILABLE (rule not_ready) with the checks in `details`. */
export async function readiness(ctx: ServiceContext): Promise<{ status: 'ready'; checks: Readiness }> {
  const checks = await readinessChecks(ctx);
  if (checks.database !== 'ok' || checks.migrations !== 'ok' || checks.jobs === 'not_started')
    throw new ServiceError('UNAVAILABLE', 'this instance is not ready', {
      params: { rule: 'not_ready' },
      details: { checks },
    });
  return { status: 'ready', checks };
}
