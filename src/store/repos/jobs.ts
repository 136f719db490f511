/**
 * The job tables of the SQLite runner (src/jobs/database-queue.ts). Claims run in a write transaction
 * (`BEGIN IMMEDIATE` on SQLite), so processes sharing the file never claim the same job; completing or failing
 * an attempt needs the claim's lease token.
 */
import { CompiledQuery, sql } from 'kysely';
import type { JobStateColumn, Row } from '../schema.js';
import { affected } from './common.js';
import { inTransaction, type Db } from '../util.js';

export type JobRow = Row<'jobs'>;
export type JobScheduleRow = Row<'job_schedules'>;

const WAITING: JobStateColumn[] = ['created', 'retry'];

/** Inserts a job; false when a job with its id exists already. */
export async function insertJob(db: Db, row: JobRow): Promise<boolean> {
  const r = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return affected(r) === 1;
}

/** Claims the oldest due job of `name` (state → active, lease set); undefined when none is due. */
export async function claimJob(
  db: Db,
  name: string,
  now: string,
  lease: string,
): Promise<JobRow | undefined> {
  return inTransaction(db, async (trx) => {
    const next = await trx
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where('state', 'in', WAITING)
      .where('start_after', '<=', now)
      .orderBy('start_after')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return undefined;
    return trx
      .updateTable('jobs')
      .set({ state: 'active', started_at: now, lease })
      .where('id', '=', next.id)
      .where('state', 'in', WAITING)
      .returningAll()
      .executeTakeFirst();
  });
}

/** Records the success of the attempt holding `lease`; false when the job was taken away (expired). */
export async function completeJob(
  db: Db,
  id: string,
  lease: string,
  output: string | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'completed', completed_at: now, output, lease: null })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('lease', '=', lease)
    .executeTakeFirst();
  return affected(r) === 1;
}

/**
 * Records a failed attempt (`lease` given) or an expired one (`lease` null: any active attempt older than the
 * caller checked): back to `retry` at `retryAt`, or `failed` when `retryAt` is null.
 */
export async function failJob(
  db: Db,
  id: string,
  lease: string,
  output: string,
  now: string,
  retryAt: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set((eb) =>
      retryAt === null
        ? { state: 'failed', completed_at: now, output, lease: null }
        : {
            state: 'retry',
            retry_count: eb('retry_count', '+', 1),
            start_after: retryAt,
            started_at: null,
            output,
            lease: null,
          },
    )
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('lease', '=', lease)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** Active jobs (to find the expired ones). */
export async function listActiveJobs(db: Db): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().where('state', '=', 'active').execute();
}

export async function getJobRow(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes finished jobs (completed, failed, cancelled) finished before `before`; returns how many. */
export async function purgeFinishedJobs(db: Db, before: string): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('state', 'in', ['completed', 'failed', 'cancelled'])
    .where('completed_at', '<', before)
    .executeTakeFirst();
  return affected(r);
}

export async function upsertJobSchedule(
  db: Db,
  input: { name: string; cron: string; tz: string; data: string; now: string },
): Promise<void> {
  await db
    .insertInto('job_schedules')
    .values({
      name: input.name,
      cron: input.cron,
      tz: input.tz,
      data: input.data,
      last_slot: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ cron: input.cron, tz: input.tz, data: input.data, updated_at: input.now }),
    )
    .execute();
}

export async function deleteJobSchedule(db: Db, name: string): Promise<void> {
  await db.deleteFrom('job_schedules').where('name', '=', name).execute();
}

export async function listJobSchedules(db: Db): Promise<JobScheduleRow[]> {
  return db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
}

/**
 * Enqueues the occurrence `slot` of a schedule once: advances `last_slot` (only forward) and inserts `job` in
 * one transaction. False when another process (or an earlier tick) enqueued that occurrence already.
 */
export async function enqueueScheduled(db: Db, name: string, slot: string, job: JobRow): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable('job_schedules')
      .set({ last_slot: slot })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '<', slot)]))
      .executeTakeFirst();
    if (affected(r) !== 1) return false;
    await trx.insertInto('jobs').values(job).execute();
    return true;
  });
}

/**
 * Raw SQL on a transaction, for a library that writes its own statements (pg-boss's `db` option: enqueueing a
 * job inside the transaction of the change that asks for it).
 */
export function sqlExecutor(trx: Db): {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    async executeSql(text, values) {
      const r = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...r.rows] };
    },
  };
}

/** PostgreSQL: the connection's current schema (where the platform's tables are). */
export async function currentSchema(db: Db): Promise<string> {
  return (
    (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? 'public'
  );
}
