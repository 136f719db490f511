import { expect, it } from 'vitest';
import { listAudit, verifyAuditChain } from './audit.js';
import {
  type ConsensusScore,
  listConsensusScores,
  listExpertScores,
  listExpertSheets,
  listSelfScores,
  reopenExpertSheet,
  ScoreConflictError,
  submitExpertSheet,
  writeConsensusScore,
  writeConsensusScores,
  writeExpertScore,
  writeExpertScores,
  writeSelfScore,
} from './repos/scores.js';
import { forEachDialect, seedWorld } from '../testing/databases.js';

const R1 = 'common.organization-building.S1.1';
const R2 = 'common.organization-building.S1.2';
const R3 = 'common.organization-building.S2.1';

forEachDialect('scores', (t) => {
  it('expert score: insert at version 0, update at the read version, stale version is a typed conflict', async () => {
    const w = await seedWorld(t().db);
    const expert = { userId: w.expertIds[0], label: 'expert1' };
    const base = { assessmentId: w.assessmentId, expertId: w.expertIds[0], requirementId: R1 };
    const first = await writeExpertScore(t().db, expert, {
      ...base,
      valueTenths: 8,
      rationale: '大部分满足',
      expectedVersion: 0,
    });
    expect(first).toMatchObject({ ok: true, score: { valueTenths: 8, version: 1, rationale: '大部分满足' } });

    const second = await writeExpertScore(t().db, expert, {
      ...base,
      valueTenths: 10,
      rationale: 'all',
      expectedVersion: 1,
    });
    expect(second).toMatchObject({ ok: true, score: { valueTenths: 10, version: 2 } });

    const stale = await writeExpertScore(t().db, expert, {
      ...base,
      valueTenths: 0,
      rationale: 'none',
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({
      ok: false,
      reason: 'version-conflict',
      requirementId: R1,
      expectedVersion: 1,
      current: { valueTenths: 10, version: 2, rationale: 'all' },
    });
    const dupInsert = await writeExpertScore(t().db, expert, {
      ...base,
      valueTenths: 5,
      rationale: 'x',
      expectedVersion: 0,
    });
    expect(dupInsert).toMatchObject({ ok: false, reason: 'version-conflict', current: { version: 2 } });
    const ahead = await writeExpertScore(t().db, expert, {
      ...base,
      requirementId: R2,
      valueTenths: 5,
      rationale: 'x',
      expectedVersion: 3,
    });
    expect(ahead).toMatchObject({ ok: false, reason: 'version-conflict', current: null });

    const scores = await listExpertScores(t().db, { assessmentId: w.assessmentId });
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatchObject({ valueTenths: 10, version: 2 });

    const audit = await listAudit(t().db, { entity: 'expert_score' });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({
      actorId: w.expertIds[0],
      before: { valueTenths: 8, version: 1 },
      after: { valueTenths: 10, version: 2 },
    });
    expect((await verifyAuditChain(t().db)).ok).toBe(true);
  });

  it('rejects values outside 0/5/8/10 tenths', async () => {
    const w = await seedWorld(t().db);
    const expert = { userId: w.expertIds[0], label: 'e' };
    for (const v of [1, 7, 9, 11, -5, 0.8]) {
      await expect(
        writeExpertScore(t().db, expert, {
          assessmentId: w.assessmentId,
          expertId: w.expertIds[0],
          requirementId: R1,
          valueTenths: v,
          rationale: '',
          expectedVersion: 0,
        }),
      ).rejects.toThrow(RangeError);
    }
    await expect(
      writeSelfScore(t().db, expert, {
        assessmentId: w.assessmentId,
        requirementId: R1,
        valueTenths: 11,
        note: '',
        expectedVersion: 0,
      }),
    ).rejects.toThrow(RangeError);
  });

  for (const expectedVersion of [0, 1]) {
    it(`two writers with the same expected version ${expectedVersion}: exactly one wins`, async () => {
      const w = await seedWorld(t().db);
      const expert = { userId: w.expertIds[0], label: 'e' };
      const base = { assessmentId: w.assessmentId, expertId: w.expertIds[0], requirementId: R1 };
      if (expectedVersion === 1) {
        await writeExpertScore(t().db, expert, {
          ...base,
          valueTenths: 0,
          rationale: 'start',
          expectedVersion: 0,
        });
      }
      const other = await t().openAnother();
      try {
        for (let round = 0; round < 5; round++) {
          const current = (await listExpertScores(t().db, { assessmentId: w.assessmentId }))[0];
          const v = current?.version ?? 0;
          if (round === 0) expect(v).toBe(expectedVersion);
          const results = await Promise.all([
            writeExpertScore(t().db, expert, { ...base, valueTenths: 5, rationale: 'A', expectedVersion: v }),
            writeExpertScore(other.db, expert, {
              ...base,
              valueTenths: 10,
              rationale: 'B',
              expectedVersion: v,
            }),
          ]);
          const winners = results.filter((r) => r.ok);
          const losers = results.filter((r) => !r.ok);
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(1);
          const winner = winners[0]!;
          const loser = losers[0]!;
          if (!winner.ok && loser.ok) throw new Error('unreachable');
          expect(winner.ok && winner.score.version).toBe(v + 1);
          expect(loser).toMatchObject({ reason: 'version-conflict', current: { version: v + 1 } });
        }
      } finally {
        await other.close();
      }
      const final = await listExpertScores(t().db, { assessmentId: w.assessmentId });
      expect(final).toHaveLength(1);
      expect(final[0]!.version).toBe(expectedVersion + 5);
      expect((await verifyAuditChain(t().db)).ok).toBe(true);
      expect(await listAudit(t().db, { entity: 'expert_score' })).toHaveLength(expectedVersion + 5);
    });
  }

  it('batch writes are all-or-nothing and report every conflict', async () => {
    const w = await seedWorld(t().db);
    const expert = { userId: w.expertIds[1], label: 'e2' };
    const base = { assessmentId: w.assessmentId, expertId: w.expertIds[1] };
    const ok = await writeExpertScores(t().db, expert, [
      { ...base, requirementId: R1, valueTenths: 5, rationale: 'a', expectedVersion: 0 },
      { ...base, requirementId: R2, valueTenths: 8, rationale: 'b', expectedVersion: 0 },
    ]);
    expect(ok.ok).toBe(true);
    const auditBefore = (await listAudit(t().db)).length;

    const bad = await writeExpertScores(t().db, expert, [
      { ...base, requirementId: R1, valueTenths: 10, rationale: 'a2', expectedVersion: 1 }, // fine
      { ...base, requirementId: R2, valueTenths: 10, rationale: 'b2', expectedVersion: 0 }, // stale
      { ...base, requirementId: R3, valueTenths: 10, rationale: 'c', expectedVersion: 2 }, // does not exist
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.failures.map((f) => f.requirementId)).toEqual([R2, R3]);
    const scores = await listExpertScores(t().db, { assessmentId: w.assessmentId, expertId: w.expertIds[1] });
    expect(scores.map((s) => [s.requirementId, s.valueTenths, s.version])).toEqual([
      [R1, 5, 1],
      [R2, 8, 1],
    ]);
    expect(await listAudit(t().db)).toHaveLength(auditBefore);
  });

  it("a conflict inside a caller's transaction throws after writes so the caller rolls back", async () => {
    const w = await seedWorld(t().db);
    const actor = { userId: w.adminId, label: 'leader' };
    await writeConsensusScore(t().db, actor, {
      assessmentId: w.assessmentId,
      requirementId: R1,
      valueTenths: 5,
      rationale: 'x',
      expectedVersion: 0,
    });
    // Pre-check conflict in a caller transaction: typed result, nothing written.
    const r = await t()
      .db.transaction()
      .execute((trx) =>
        writeConsensusScores(trx, actor, [
          {
            assessmentId: w.assessmentId,
            requirementId: R2,
            valueTenths: 8,
            rationale: 'y',
            expectedVersion: 0,
          },
          {
            assessmentId: w.assessmentId,
            requirementId: R1,
            valueTenths: 8,
            rationale: 'y',
            expectedVersion: 0,
          },
        ]),
      );
    expect(r).toMatchObject({ ok: false, failures: [{ requirementId: R1, current: { version: 1 } }] });
    expect((await listConsensusScores(t().db, w.assessmentId)).map((s) => s.requirementId)).toEqual([R1]);

    // A conflict found while writing (the pre-check passed): R1 is written twice at version 1, so the second
    // update finds version 2. Inside the caller's transaction the repository cannot undo R2 and the first R1
    // write itself: it throws, and the caller's rollback leaves the database and the audit chain as they were.
    const auditBefore = (await listAudit(t().db)).length;
    const write = (requirementId: string, valueTenths: number, expectedVersion: number) => ({
      assessmentId: w.assessmentId,
      requirementId,
      valueTenths,
      rationale: 'z',
      expectedVersion,
    });
    const thrown = await t()
      .db.transaction()
      .execute((trx) =>
        writeConsensusScores(trx, actor, [write(R2, 8, 0), write(R1, 8, 1), write(R1, 10, 1)]),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(thrown).toBeInstanceOf(ScoreConflictError);
    const conflict = thrown as ScoreConflictError<ConsensusScore>;
    expect(conflict.name).toBe('ScoreConflictError');
    expect(conflict.message).toBe(`score write conflict on ${R1}`);
    expect(conflict.failures).toEqual([
      {
        ok: false,
        reason: 'version-conflict',
        requirementId: R1,
        expectedVersion: 1,
        current: expect.objectContaining({ requirementId: R1, valueTenths: 8, rationale: 'z', version: 2 }),
      },
    ]);
    const after = await listConsensusScores(t().db, w.assessmentId);
    expect(after.map((s) => [s.requirementId, s.valueTenths, s.version])).toEqual([[R1, 5, 1]]);
    expect(await listAudit(t().db)).toHaveLength(auditBefore);
    expect((await verifyAuditChain(t().db)).ok).toBe(true);
  });

  it('a submitted sheet blocks the expert until reopened with a reason', async () => {
    const w = await seedWorld(t().db);
    const expert = { userId: w.expertIds[0], label: 'e' };
    const base = { assessmentId: w.assessmentId, expertId: w.expertIds[0], requirementId: R1, rationale: '' };
    await writeExpertScore(t().db, expert, { ...base, valueTenths: 5, expectedVersion: 0 });
    expect(
      await submitExpertSheet(t().db, expert, { assessmentId: w.assessmentId, expertId: w.expertIds[0] }),
    ).toBe(true);
    expect(
      await submitExpertSheet(t().db, expert, { assessmentId: w.assessmentId, expertId: w.expertIds[0] }),
    ).toBe(false);
    expect(await listExpertSheets(t().db, w.assessmentId)).toHaveLength(1);
    expect(await writeExpertScore(t().db, expert, { ...base, valueTenths: 8, expectedVersion: 1 })).toEqual({
      ok: false,
      reason: 'sheet-submitted',
      requirementId: R1,
    });
    // another expert is not blocked
    expect(
      (
        await writeExpertScore(t().db, expert, {
          ...base,
          expertId: w.expertIds[1],
          valueTenths: 8,
          expectedVersion: 0,
        })
      ).ok,
    ).toBe(true);
    await expect(
      reopenExpertSheet(t().db, expert, {
        assessmentId: w.assessmentId,
        expertId: w.expertIds[0],
        reason: ' ',
      }),
    ).rejects.toThrow(/reason/);
    expect(
      await reopenExpertSheet(t().db, expert, {
        assessmentId: w.assessmentId,
        expertId: w.expertIds[0],
        reason: '补充证据',
      }),
    ).toBe(true);
    expect((await writeExpertScore(t().db, expert, { ...base, valueTenths: 8, expectedVersion: 1 })).ok).toBe(
      true,
    );
    const reopen = await listAudit(t().db, { entity: 'expert_sheet' });
    expect(reopen.map((a) => [a.action, a.reason])).toEqual([
      ['submit', null],
      ['reopen', '补充证据'],
    ]);
  });

  it('self-assessment and consensus scores', async () => {
    const w = await seedWorld(t().db);
    const owner = { userId: w.enterpriseUserId, label: 'owner' };
    const s1 = await writeSelfScore(t().db, owner, {
      assessmentId: w.assessmentId,
      requirementId: R1,
      valueTenths: 7,
      note: '自评',
      expectedVersion: 0,
    });
    expect(s1).toMatchObject({
      ok: true,
      score: { valueTenths: 7, version: 1, updatedBy: w.enterpriseUserId },
    });
    const s2 = await writeSelfScore(t().db, owner, {
      assessmentId: w.assessmentId,
      requirementId: R1,
      valueTenths: 9,
      note: '改',
      expectedVersion: 1,
    });
    expect(s2.ok).toBe(true);
    expect(
      (await listSelfScores(t().db, w.assessmentId)).map((s) => [s.valueTenths, s.version, s.note]),
    ).toEqual([[9, 2, '改']]);

    const leader = { userId: w.adminId, label: 'leader' };
    const c = await writeConsensusScore(t().db, leader, {
      assessmentId: w.assessmentId,
      requirementId: R1,
      valueTenths: 8,
      rationale: '一致',
      dissent: 'expert2: 5',
      expectedVersion: 0,
    });
    expect(c).toMatchObject({ ok: true, score: { dissent: 'expert2: 5', version: 1 } });
    await expect(
      writeConsensusScore(t().db, leader, {
        assessmentId: w.assessmentId,
        requirementId: R2,
        valueTenths: 7,
        rationale: '',
        expectedVersion: 0,
      }),
    ).rejects.toThrow(RangeError);
    expect(await listConsensusScores(t().db, w.assessmentId)).toHaveLength(1);
  });
});
