/** Test helper: a job queue on a test database with short intervals (pg-boss on PostgreSQL). */
import { createJobQueue, type JobQueue } from '../jobs/index.js';
import { testPgUrl, type TestDatabase } from './databases.js';
import type { Db } from '../store/util.js';

export async function testJobQueue(t: TestDatabase, db: Db = t.db): Promise<JobQueue> {
  return createJobQueue({
    db,
    ...(t.dialect === 'postgres' ? { databaseUrl: testPgUrl()!, jobsSchema: `${t.schema}_jobs` } : {}),
    sqlite: { pollIntervalMs: 100, maintenanceIntervalMs: 200 },
    pgBoss: {
      pollIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 1,
      cronMonitorIntervalSeconds: 1,
      poolMax: 3,
    },
    onError: (error, where) => console.error(`[test jobs] ${where}`, error),
  });
}

/** Waits until `check` holds (polling every 50 ms), failing after `ms` with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
