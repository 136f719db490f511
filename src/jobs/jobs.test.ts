/**
 * The job queue contract, on both back-ends: pg-boss on PostgreSQL, the database runner on SQLite. Each rule of
 * src/jobs/types.ts is a test: run once with its output kept, retry with back-off then fail, survive a restart,
 * enqueue with the caller's transaction, run each job once across instances, cron occurrences once, an attempt
 * past its expiry is retried.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { eventually, testJobQueue } from '../testing/jobs.js';
import { inTransaction } from '../store/util.js';
import { DEFAULT_RETRY, JobError, retryDelaySeconds, type JobQueue } from './index.js';

describe('retry delay (the rule both back-ends share)', () => {
  it('is fixed without back-off and doubles per retry with it, jitter adding up to as much again', () => {
    const p = { ...DEFAULT_RETRY, retryDelaySeconds: 10, retryBackoff: false };
    expect([0, 1, 5].map((n) => retryDelaySeconds(p, n, 0.9))).toEqual([10, 10, 10]);
    const b = { ...p, retryBackoff: true };
    expect([0, 1, 2, 3].map((n) => retryDelaySeconds(b, n, 0))).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(b, 2, 0.5)).toBe(60);
    expect(retryDelaySeconds(b, 40, 0)).toBe(10 * 2 ** 15); // capped at 2^16 / 2
  });
});

forEachDialect('job queue', (t) => {
  const queues: JobQueue[] = [];
  const make = async (db = t().db) => {
    const q = await testJobQueue(t(), db);
    queues.push(q);
    return q;
  };
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop({ timeoutMs: 5000 })));
  });

  it('runs a sent job once and keeps what the handler returned', async () => {
    const q = await make();
    const seen: unknown[] = [];
    q.define<{ n: number }>({
      name: 'double',
      handler: async (job) => {
        seen.push(job.data);
        return { doubled: job.data.n * 2 };
      },
    });
    await q.start();
    const id = (await q.send('double', { n: 21 }))!;
    const done = await eventually('completed', async () => {
      const j = await q.getJob('double', id);
      return j?.state === 'completed' && j;
    });
    expect(done.output).toEqual({ doubled: 42 });
    expect(done.retryCount).toBe(0);
    expect(seen).toEqual([{ n: 21 }]);
  });

  it('refuses undefined names, bad names and a second send of the same id', async () => {
    const q = await make();
    expect(() => q.define({ name: 'Bad-Name', handler: async () => undefined })).toThrow(JobError);
    q.define({ name: 'noop', handler: async () => undefined });
    await q.start();
    await expect(q.send('nothing_here', {})).rejects.toThrow(JobError);
    const id = '0195a3c2-0000-7000-8000-000000000001';
    expect(await q.send('noop', {}, { id })).toBe(id);
    expect(await q.send('noop', {}, { id })).toBeNull();
  });

  it('retries a failing handler with back-off, then completes', async () => {
    const q = await make();
    let attempts = 0;
    q.define({
      name: 'flaky',
      retryLimit: 3,
      retryDelaySeconds: 1,
      retryBackoff: false,
      handler: async (job) => {
        attempts++;
        if (job.retryCount < 2) throw new Error(`attempt ${job.retryCount} fails`);
        return { ok: job.retryCount };
      },
    });
    await q.start();
    const id = (await q.send('flaky', {}))!;
    const done = await eventually('completed after retries', async () => {
      const j = await q.getJob('flaky', id);
      return j?.state === 'completed' && j;
    });
    expect(done.retryCount).toBe(2);
    expect(done.output).toEqual({ ok: 2 });
    expect(attempts).toBe(3);
  });

  it('fails a job for good once its retries are used up, keeping the error', async () => {
    const q = await make();
    let attempts = 0;
    q.define({
      name: 'broken',
      retryLimit: 1,
      retryDelaySeconds: 0,
      retryBackoff: false,
      handler: async () => {
        attempts++;
        throw new Error('the mail server said no');
      },
    });
    await q.start();
    const id = (await q.send('broken', {}))!;
    const failed = await eventually('failed', async () => {
      const j = await q.getJob('broken', id);
      return j?.state === 'failed' && j;
    });
    expect(attempts).toBe(2);
    expect(JSON.stringify(failed.output)).toContain('the mail server said no');
  });

  it('keeps a job across a restart: sent to one queue, run by the next one started on the database', async () => {
    const first = await make();
    first.define({ name: 'later', handler: async () => ({ by: 'first' }) });
    await first.start();
    const id = (await first.send('later', { x: 1 }, { startAfter: new Date(Date.now() + 1500) }))!;
    await first.stop();
    const second = await make();
    second.define({ name: 'later', handler: async () => ({ by: 'second' }) });
    await second.start();
    const done = await eventually('completed by the second queue', async () => {
      const j = await second.getJob('later', id);
      return j?.state === 'completed' && j;
    });
    expect(done.output).toEqual({ by: 'second' });
  });

  it('enqueues with the caller’s transaction: nothing when it rolls back, the job when it commits', async () => {
    const q = await make();
    const ran: string[] = [];
    q.define<{ tag: string }>({
      name: 'outbox',
      handler: async (job) => {
        ran.push(job.data.tag);
      },
    });
    await q.start();
    let rolledBackId: string | null = null;
    await expect(
      inTransaction(t().db, async (trx) => {
        rolledBackId = await q.send('outbox', { tag: 'rolled back' }, { trx });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const committed = await inTransaction(t().db, (trx) => q.send('outbox', { tag: 'committed' }, { trx }));
    await eventually(
      'committed job ran',
      async () => (await q.getJob('outbox', committed!))?.state === 'completed',
    );
    expect(rolledBackId).not.toBeNull();
    expect(await q.getJob('outbox', rolledBackId!)).toBeNull();
    expect(ran).toEqual(['committed']);
  });

  it('runs every job exactly once when two instances share the database', { timeout: 60_000 }, async () => {
    const other = await t().openAnother();
    try {
      const runs = new Map<number, number>();
      const instances = [await make(), await make(other.db)];
      for (const q of instances)
        q.define<{ n: number }>({
          name: 'count',
          concurrency: 3,
          handler: async (job) => {
            runs.set(job.data.n, (runs.get(job.data.n) ?? 0) + 1);
            await new Promise((r) => setTimeout(r, 5));
          },
        });
      await Promise.all(instances.map((q) => q.start()));
      const N = 60;
      await Promise.all(Array.from({ length: N }, (_, n) => instances[n % 2]!.send('count', { n })));
      await eventually('all jobs ran', async () => runs.size === N);
      await Promise.all(instances.map((q) => q.stop()));
      expect([...runs.values()].filter((c) => c !== 1)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('runs a cron schedule once per occurrence across instances', { timeout: 60_000 }, async () => {
    const other = await t().openAnother();
    try {
      const ran: string[] = [];
      const instances = [await make(), await make(other.db)];
      instances.forEach((q, i) =>
        q.define<{ what: string }>({
          name: 'reminder',
          handler: async (job) => {
            ran.push(`${i}:${job.data.what}`);
          },
        }),
      );
      await Promise.all(instances.map((q) => q.start()));
      const minute = () => Math.floor(Date.now() / 60_000);
      const firstMinute = minute();
      await instances[0]!.schedule('reminder', '* * * * *', { what: 'deadline' });
      await instances[1]!.schedule('reminder', '* * * * *', { what: 'deadline' });
      await eventually('the occurrence ran', async () => ran.length > 0);
      // Several more cron checks of both instances within the same minute enqueue nothing more.
      await new Promise((r) => setTimeout(r, 2500));
      // One occurrence per minute touched (two when the test crossed a minute boundary), never one per check.
      expect(ran.length).toBeLessThanOrEqual(minute() - firstMinute + 1);
      expect(ran[0]).toMatch(/^[01]:deadline$/);
      await expect(instances[0]!.schedule('reminder', 'not a cron')).rejects.toThrow(JobError);
    } finally {
      await other.close();
    }
  });

  it(
    'retries an attempt that runs past its expiry, with its signal aborted',
    { timeout: 60_000 },
    async () => {
      const q = await make();
      let aborted = false;
      q.define({
        name: 'hangs_once',
        expireInSeconds: 1,
        retryLimit: 2,
        retryDelaySeconds: 0,
        retryBackoff: false,
        handler: async (job) => {
          if (job.retryCount === 0) {
            await new Promise<void>((resolve) =>
              job.signal.addEventListener('abort', () => {
                aborted = true;
                resolve();
              }),
            );
            return { late: true };
          }
          return { retried: job.retryCount };
        },
      });
      await q.start();
      const id = (await q.send('hangs_once', {}))!;
      const done = await eventually('completed by a retry', async () => {
        const j = await q.getJob('hangs_once', id);
        return j?.state === 'completed' && j;
      });
      expect(done.output).toEqual({ retried: 1 });
      expect(aborted).toBe(true);
    },
  );
});
