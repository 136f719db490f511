import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';
import { listExpertScores, writeExpertScore } from './repos/scores.js';
import { forEachDialect, seedWorld } from '../testing/databases.js';

forEachDialect('group commit', (t, dialect) => {
  it('concurrent jobs share commits; each is version-checked alone; a failing job fails only itself', async () => {
    const { db } = t();
    const w = await seedWorld(db);
    const gc = new GroupCommitter(db);
    const actor = { userId: w.expertIds[0], label: 'e1' };
    const write = (rid: string, expectedVersion: number, value: number) =>
      gc.run((trx) =>
        writeExpertScore(trx, actor, {
          assessmentId: w.assessmentId,
          expertId: w.expertIds[0],
          requirementId: rid,
          valueTenths: value,
          rationale: 'r',
          expectedVersion,
        }),
      );
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => write(`r.${i}`, 0, 10)),
      write('r.0', 0, 5), // same version as the first write of r.0: a conflict, decided in queue order
      gc.run(async (trx) => {
        await writeExpertScore(trx, actor, {
          assessmentId: w.assessmentId,
          expertId: w.expertIds[0],
          requirementId: 'thrown',
          valueTenths: 0,
          rationale: 'r',
          expectedVersion: 0,
        });
        throw new Error('job failed after writing');
      }),
    ]);
    expect(results.slice(0, 20).every((r) => r.status === 'fulfilled' && r.value.ok)).toBe(true);
    expect(results[20]).toMatchObject({
      status: 'fulfilled',
      value: { ok: false, reason: 'version-conflict' },
    });
    expect(results[21]).toMatchObject({ status: 'rejected' });
    const stored = await listExpertScores(db, { assessmentId: w.assessmentId });
    expect(stored.map((s) => s.requirementId).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `r.${i}`).sort(),
    );
    expect(stored.find((s) => s.requirementId === 'r.0')).toMatchObject({ valueTenths: 10, version: 1 });
    // 22 jobs queued in the same tick: far fewer commits than jobs.
    expect(gc.stats.jobs).toBe(22);
    expect(gc.stats.batches).toBeLessThan(5);
  });

  if (dialect === 'sqlite')
    it('a failing COMMIT acknowledges nobody in the batch', async () => {
      const { db } = t();
      const w = await seedWorld(db);
      const gc = new GroupCommitter(db);
      const actor = { userId: w.expertIds[0], label: 'e1' };
      const good = gc.run((trx) =>
        writeExpertScore(trx, actor, {
          assessmentId: w.assessmentId,
          expertId: w.expertIds[0],
          requirementId: 'good',
          valueTenths: 10,
          rationale: 'r',
          expectedVersion: 0,
        }),
      );
      // A deferred foreign-key violation only surfaces at COMMIT.
      const bad = gc.run(async (trx) => {
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await sql`insert into expert_sheets (assessment_id, expert_id, submitted_at) values ('nope', 'nope', '2024-01-01')`.execute(
          trx,
        );
      });
      const [g, b] = await Promise.allSettled([good, bad]);
      expect(g.status).toBe('rejected');
      expect(b.status).toBe('rejected');
      expect(await listExpertScores(db, { assessmentId: w.assessmentId })).toEqual([]);
      // The committer goes on working afterwards.
      const after = await gc.run((trx) =>
        writeExpertScore(trx, actor, {
          assessmentId: w.assessmentId,
          expertId: w.expertIds[0],
          requirementId: 'after',
          valueTenths: 10,
          rationale: 'r',
          expectedVersion: 0,
        }),
      );
      expect(after.ok).toBe(true);
    });
});
