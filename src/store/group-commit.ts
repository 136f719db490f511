/**
 * Group commit: many small write transactions committed as one, so that N concurrent writers cost one fsync
 * (SQLite WAL with `synchronous=FULL` fsyncs the WAL at every COMMIT) instead of N.
 *
 * `run(job)` queues `job`; a single drain loop opens a transaction, runs every queued job in turn — each inside
 * its own SAVEPOINT, so a job that throws (a version conflict, a validation error) is rolled back alone and
 * fails only its own caller — keeps taking jobs that were queued meanwhile (up to `maxBatch`), then COMMITs
 * and only then settles every job's promise. Nothing is acknowledged before its transaction committed; if the
 * COMMIT itself fails, every job of the batch fails with that error. Jobs see each other's effects in queue
 * order, exactly as if they had run one after the other. A batch starts one macrotask after its first job
 * arrived (setImmediate), so that concurrent requests parsed in the same event-loop turn join it.
 */
import { sql } from 'kysely';
import type { Db, Trx } from './util.js';

interface Job {
  fn: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

export class GroupCommitter {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: Job[] = [];
  #draining = false;
  readonly stats: GroupCommitStats = { batches: 0, jobs: 0, largestBatch: 0 };

  constructor(db: Db, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  run<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Start the batch on the next macrotask: the requests read in the same I/O poll run their (microtask-
        // only, better-sqlite3 is synchronous) reads meanwhile and queue their writes into this batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#batch();
    } finally {
      this.#draining = false;
    }
  }

  async #batch(): Promise<void> {
    const done: { job: Job; ok: boolean; value: unknown }[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        while (this.#queue.length > 0 && done.length < this.#maxBatch) {
          const job = this.#queue.shift()!;
          const sp = sql.raw(`dtma_gc_${done.length}`);
          await sql`savepoint ${sp}`.execute(trx);
          try {
            const value = await job.fn(trx);
            await sql`release savepoint ${sp}`.execute(trx);
            done.push({ job, ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint ${sp}`.execute(trx);
            await sql`release savepoint ${sp}`.execute(trx);
            done.push({ job, ok: false, value: error });
          }
        }
      });
    } catch (commitError) {
      // The batch did not commit: nobody is acknowledged. (If not even BEGIN worked, fail the first job so that
      // a persistent error cannot spin the loop.)
      for (const d of done) d.job.reject(d.ok ? commitError : d.value);
      if (done.length === 0) this.#queue.shift()?.reject(commitError);
      return;
    }
    this.stats.batches++;
    this.stats.jobs += done.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, done.length);
    for (const d of done) (d.ok ? d.job.resolve : d.job.reject)(d.value);
  }
}
