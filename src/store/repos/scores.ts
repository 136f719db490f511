/**
 * Scores, stored as integer tenths (exact): the enterprise's self-assessment (0..10), each expert's own scores
 * (0, 5, 8, 10: Table 2's 不满足 / 部分满足 / 大部分满足 / 全部满足) and the team's consensus scores.
 *
 * Every write uses optimistic concurrency: `expectedVersion` is the version the writer last read (0 = the score
 * does not exist yet, so insert). A stale version, or an insert racing another insert, is a typed conflict
 * carrying the current score. Batches are all-or-nothing in one transaction: if any write fails, none is kept
 * and every failure is reported.
 */
import { refreshSummaryCounters } from './summaries.js';
import { appendAudit, type AuditChange } from '../audit.js';
import type { Row } from '../schema.js';
import { inTransaction, nowIso, Rollback, type Actor, type Db, type Trx } from '../util.js';

export const EXPERT_VALUES_TENTHS = [0, 5, 8, 10] as const;
export type ExpertValueTenths = (typeof EXPERT_VALUES_TENTHS)[number];

export function isExpertValue(v: number): v is ExpertValueTenths {
  return (EXPERT_VALUES_TENTHS as readonly number[]).includes(v);
}

export interface ExpertScore {
  assessmentId: string;
  expertId: string;
  requirementId: string;
  valueTenths: number;
  rationale: string;
  version: number;
  updatedAt: string;
}

export interface SelfScore {
  assessmentId: string;
  requirementId: string;
  valueTenths: number;
  note: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  /** The assessment the grade was carried over from, until the enterprise confirms it (a write confirms). */
  carriedFrom: string | null;
}

export interface ConsensusScore {
  assessmentId: string;
  requirementId: string;
  valueTenths: number;
  rationale: string;
  dissent: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export type ScoreFailure<S> =
  | {
      ok: false;
      reason: 'version-conflict';
      requirementId: string;
      expectedVersion: number;
      current: S | null;
    }
  | { ok: false; reason: 'sheet-submitted'; requirementId: string };

export type ScoreWriteResult<S> = { ok: true; score: S } | ScoreFailure<S>;
export type ScoreBatchResult<S> = { ok: true; scores: S[] } | { ok: false; failures: ScoreFailure<S>[] };

/** Thrown (instead of returned) when a conflict is found after writes were made in a caller's transaction. */
export class ScoreConflictError<S> extends Error {
  constructor(readonly failures: ScoreFailure<S>[]) {
    super(`score write conflict on ${failures.map((f) => f.requirementId).join(', ')}`);
    this.name = 'ScoreConflictError';
  }
}

interface ScoreOps<W extends { requirementId: string; expectedVersion: number }, S> {
  entity: string;
  entityId(w: W): string;
  validate(w: W): void;
  read(trx: Trx, w: W): Promise<S | undefined>;
  /** A failure that is not about versions (e.g. the sheet is submitted), checked before writing. */
  precheck?(trx: Trx, w: W): Promise<ScoreFailure<S> | undefined>;
  insert(trx: Trx, w: W, now: string): Promise<S | undefined>;
  update(trx: Trx, w: W, now: string): Promise<S | undefined>;
  version(s: S): number;
}

async function runBatch<W extends { requirementId: string; expectedVersion: number }, S>(
  db: Db,
  actor: Actor,
  writes: readonly W[],
  ops: ScoreOps<W, S>,
): Promise<ScoreBatchResult<S>> {
  for (const w of writes) {
    if (!Number.isInteger(w.expectedVersion) || w.expectedVersion < 0) {
      throw new RangeError(`expectedVersion must be an integer >= 0, got ${w.expectedVersion}`);
    }
    ops.validate(w);
  }
  const ownTransaction = !db.isTransaction;
  try {
    return await inTransaction(db, async (trx): Promise<ScoreBatchResult<S>> => {
      // 1. Check everything first, so a conflict leaves nothing written (also in a caller's transaction).
      const failures: ScoreFailure<S>[] = [];
      const befores: (S | undefined)[] = [];
      for (const w of writes) {
        const pre = await ops.precheck?.(trx, w);
        if (pre) {
          failures.push(pre);
          befores.push(undefined);
          continue;
        }
        const current = await ops.read(trx, w);
        befores.push(current);
        const currentVersion = current ? ops.version(current) : 0;
        if (currentVersion !== w.expectedVersion) {
          failures.push(conflictOf(w, current ?? null));
        }
      }
      if (failures.length > 0) return { ok: false, failures };

      // 2. Write. A concurrent writer (PostgreSQL) can still win between check and write.
      const now = nowIso();
      const scores: S[] = [];
      const audit: AuditChange[] = [];
      for (const [i, w] of writes.entries()) {
        const written =
          w.expectedVersion === 0 ? await ops.insert(trx, w, now) : await ops.update(trx, w, now);
        if (!written) {
          failures.push(conflictOf(w, (await ops.read(trx, w)) ?? null));
          continue;
        }
        scores.push(written);
        audit.push({
          entity: ops.entity,
          entityId: ops.entityId(w),
          action: w.expectedVersion === 0 ? 'create' : 'update',
          before: befores[i] ?? null,
          after: written,
        });
      }
      if (failures.length > 0) {
        if (ownTransaction) throw new Rollback<ScoreBatchResult<S>>({ ok: false, failures });
        throw new ScoreConflictError(failures);
      }
      // Only a new score changes the counts (an update keeps them).
      const added = writes.filter((w) => w.expectedVersion === 0);
      for (const id of new Set(added.map((w) => (w as { assessmentId?: string }).assessmentId)))
        if (id !== undefined) await refreshSummaryCounters(trx, id);
      // The audit append last: on PostgreSQL it locks the one chain head until commit, so nothing else runs
      // while every audited write of every instance waits for it.
      await appendAudit(trx, actor, audit, now);
      return { ok: true, scores };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as ScoreBatchResult<S>;
    throw error;
  }
}

function conflictOf<S>(
  w: { requirementId: string; expectedVersion: number },
  current: S | null,
): ScoreFailure<S> {
  return {
    ok: false,
    reason: 'version-conflict',
    requirementId: w.requirementId,
    expectedVersion: w.expectedVersion,
    current,
  };
}

function single<S>(r: ScoreBatchResult<S>): ScoreWriteResult<S> {
  if (r.ok) return { ok: true, score: r.scores[0]! };
  return r.failures[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Expert scores

export interface ExpertScoreWrite {
  assessmentId: string;
  expertId: string;
  requirementId: string;
  valueTenths: number;
  rationale: string;
  expectedVersion: number;
}

function toExpertScore(r: Row<'expert_scores'>): ExpertScore {
  return {
    assessmentId: r.assessment_id,
    expertId: r.expert_id,
    requirementId: r.requirement_id,
    valueTenths: r.value_tenths,
    rationale: r.rationale,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const expertOps: ScoreOps<ExpertScoreWrite, ExpertScore> = {
  entity: 'expert_score',
  entityId: (w) => `${w.assessmentId}/${w.expertId}/${w.requirementId}`,
  validate(w) {
    if (!isExpertValue(w.valueTenths))
      throw new RangeError(`expert score must be 0, 5, 8 or 10 tenths, got ${w.valueTenths}`);
  },
  async read(trx, w) {
    const r = await trx
      .selectFrom('expert_scores')
      .selectAll()
      .where('assessment_id', '=', w.assessmentId)
      .where('expert_id', '=', w.expertId)
      .where('requirement_id', '=', w.requirementId)
      .executeTakeFirst();
    return r && toExpertScore(r);
  },
  async precheck(trx, w) {
    const sheet = await trx
      .selectFrom('expert_sheets')
      .select('submitted_at')
      .where('assessment_id', '=', w.assessmentId)
      .where('expert_id', '=', w.expertId)
      .executeTakeFirst();
    return sheet ? { ok: false, reason: 'sheet-submitted', requirementId: w.requirementId } : undefined;
  },
  async insert(trx, w, now) {
    const r = await trx
      .insertInto('expert_scores')
      .values({
        assessment_id: w.assessmentId,
        expert_id: w.expertId,
        requirement_id: w.requirementId,
        value_tenths: w.valueTenths,
        rationale: w.rationale,
        version: 1,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['assessment_id', 'expert_id', 'requirement_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return r && toExpertScore(r);
  },
  async update(trx, w, now) {
    const r = await trx
      .updateTable('expert_scores')
      .set({
        value_tenths: w.valueTenths,
        rationale: w.rationale,
        version: w.expectedVersion + 1,
        updated_at: now,
      })
      .where('assessment_id', '=', w.assessmentId)
      .where('expert_id', '=', w.expertId)
      .where('requirement_id', '=', w.requirementId)
      .where('version', '=', w.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    return r && toExpertScore(r);
  },
  version: (s) => s.version,
};

export async function writeExpertScore(
  db: Db,
  actor: Actor,
  w: ExpertScoreWrite,
): Promise<ScoreWriteResult<ExpertScore>> {
  return single(await runBatch(db, actor, [w], expertOps));
}

export async function writeExpertScores(
  db: Db,
  actor: Actor,
  writes: readonly ExpertScoreWrite[],
): Promise<ScoreBatchResult<ExpertScore>> {
  return runBatch(db, actor, writes, expertOps);
}

export async function listExpertScores(
  db: Db,
  filter: { assessmentId: string; expertId?: string },
): Promise<ExpertScore[]> {
  let q = db.selectFrom('expert_scores').selectAll().where('assessment_id', '=', filter.assessmentId);
  if (filter.expertId !== undefined) q = q.where('expert_id', '=', filter.expertId);
  return (await q.orderBy('expert_id').orderBy('requirement_id').execute()).map(toExpertScore);
}

/**
 * The grades of every expert of one assessment with only what the consensus reads (value and rationale): one
 * indexed query, no version, no timestamps.
 */
export async function listConsensusGrades(
  db: Db,
  assessmentId: string,
): Promise<{ expertId: string; requirementId: string; valueTenths: number; rationale: string }[]> {
  const rows = await db
    .selectFrom('expert_scores')
    .select(['expert_id', 'requirement_id', 'value_tenths', 'rationale'])
    .where('assessment_id', '=', assessmentId)
    .execute();
  return rows.map((r) => ({
    expertId: r.expert_id,
    requirementId: r.requirement_id,
    valueTenths: r.value_tenths,
    rationale: r.rationale,
  }));
}

// Expert sheets: an expert submits their sheet; afterwards their scores are read-only until it is reopened.

export interface ExpertSheet {
  assessmentId: string;
  expertId: string;
  submittedAt: string;
}

/** Submits an expert's sheet; returns false when it was already submitted. */
export async function submitExpertSheet(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; expertId: string },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const r = await trx
      .insertInto('expert_sheets')
      .values({ assessment_id: input.assessmentId, expert_id: input.expertId, submitted_at: now })
      .onConflict((oc) => oc.columns(['assessment_id', 'expert_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    await appendAudit(
      trx,
      actor,
      {
        entity: 'expert_sheet',
        entityId: `${input.assessmentId}/${input.expertId}`,
        action: 'submit',
        after: { submittedAt: now },
      },
      now,
    );
    await refreshSummaryCounters(trx, input.assessmentId);
    return true;
  });
}

/** Reopens a submitted sheet (a reason is required); returns false when it was not submitted. */
export async function reopenExpertSheet(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; expertId: string; reason: string },
): Promise<boolean> {
  if (input.reason.trim() === '') throw new RangeError('reopening a sheet needs a reason');
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('expert_sheets')
      .select('submitted_at')
      .where('assessment_id', '=', input.assessmentId)
      .where('expert_id', '=', input.expertId)
      .executeTakeFirst();
    if (!before) return false;
    await trx
      .deleteFrom('expert_sheets')
      .where('assessment_id', '=', input.assessmentId)
      .where('expert_id', '=', input.expertId)
      .execute();
    await appendAudit(trx, actor, {
      entity: 'expert_sheet',
      entityId: `${input.assessmentId}/${input.expertId}`,
      action: 'reopen',
      before: { submittedAt: before.submitted_at },
      reason: input.reason,
    });
    await refreshSummaryCounters(trx, input.assessmentId);
    return true;
  });
}

export async function listExpertSheets(db: Db, assessmentId: string): Promise<ExpertSheet[]> {
  const rows = await db
    .selectFrom('expert_sheets')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('expert_id')
    .execute();
  return rows.map((r) => ({
    assessmentId: r.assessment_id,
    expertId: r.expert_id,
    submittedAt: r.submitted_at,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Self-assessment scores (the enterprise's own)

export interface SelfScoreWrite {
  assessmentId: string;
  requirementId: string;
  valueTenths: number;
  note: string;
  expectedVersion: number;
}

function toSelfScore(r: Row<'self_assessment_scores'>): SelfScore {
  return {
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    valueTenths: r.value_tenths,
    note: r.note,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    carriedFrom: r.carried_from ?? null,
  };
}

function selfOps(actor: Actor): ScoreOps<SelfScoreWrite, SelfScore> {
  return {
    entity: 'self_score',
    entityId: (w) => `${w.assessmentId}/${w.requirementId}`,
    validate(w) {
      if (!Number.isInteger(w.valueTenths) || w.valueTenths < 0 || w.valueTenths > 10) {
        throw new RangeError(`self-assessment score must be an integer 0..10 tenths, got ${w.valueTenths}`);
      }
    },
    async read(trx, w) {
      const r = await trx
        .selectFrom('self_assessment_scores')
        .selectAll()
        .where('assessment_id', '=', w.assessmentId)
        .where('requirement_id', '=', w.requirementId)
        .executeTakeFirst();
      return r && toSelfScore(r);
    },
    async insert(trx, w, now) {
      const r = await trx
        .insertInto('self_assessment_scores')
        .values({
          assessment_id: w.assessmentId,
          requirement_id: w.requirementId,
          value_tenths: w.valueTenths,
          note: w.note,
          version: 1,
          updated_by: actor.userId,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['assessment_id', 'requirement_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return r && toSelfScore(r);
    },
    async update(trx, w, now) {
      const r = await trx
        .updateTable('self_assessment_scores')
        .set({
          value_tenths: w.valueTenths,
          note: w.note,
          version: w.expectedVersion + 1,
          updated_by: actor.userId,
          updated_at: now,
          carried_from: null,
        })
        .where('assessment_id', '=', w.assessmentId)
        .where('requirement_id', '=', w.requirementId)
        .where('version', '=', w.expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return r && toSelfScore(r);
    },
    version: (s) => s.version,
  };
}

export async function writeSelfScore(
  db: Db,
  actor: Actor,
  w: SelfScoreWrite,
): Promise<ScoreWriteResult<SelfScore>> {
  return single(await runBatch(db, actor, [w], selfOps(actor)));
}

export async function writeSelfScores(
  db: Db,
  actor: Actor,
  writes: readonly SelfScoreWrite[],
): Promise<ScoreBatchResult<SelfScore>> {
  return runBatch(db, actor, writes, selfOps(actor));
}

export async function listSelfScores(db: Db, assessmentId: string): Promise<SelfScore[]> {
  const rows = await db
    .selectFrom('self_assessment_scores')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('requirement_id')
    .execute();
  return rows.map(toSelfScore);
}

// ---------------------------------------------------------------------------------------------------------------
// Consensus scores (the team's, with dissent recorded)

export interface ConsensusScoreWrite {
  assessmentId: string;
  requirementId: string;
  valueTenths: number;
  rationale: string;
  dissent?: string | null;
  expectedVersion: number;
}

function toConsensusScore(r: Row<'consensus_scores'>): ConsensusScore {
  return {
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    valueTenths: r.value_tenths,
    rationale: r.rationale,
    dissent: r.dissent,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function consensusOps(actor: Actor): ScoreOps<ConsensusScoreWrite, ConsensusScore> {
  return {
    entity: 'consensus_score',
    entityId: (w) => `${w.assessmentId}/${w.requirementId}`,
    validate(w) {
      if (!isExpertValue(w.valueTenths)) {
        throw new RangeError(`consensus score must be 0, 5, 8 or 10 tenths, got ${w.valueTenths}`);
      }
    },
    async read(trx, w) {
      const r = await trx
        .selectFrom('consensus_scores')
        .selectAll()
        .where('assessment_id', '=', w.assessmentId)
        .where('requirement_id', '=', w.requirementId)
        .executeTakeFirst();
      return r && toConsensusScore(r);
    },
    async insert(trx, w, now) {
      const r = await trx
        .insertInto('consensus_scores')
        .values({
          assessment_id: w.assessmentId,
          requirement_id: w.requirementId,
          value_tenths: w.valueTenths,
          rationale: w.rationale,
          dissent: w.dissent ?? null,
          version: 1,
          updated_by: actor.userId,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['assessment_id', 'requirement_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return r && toConsensusScore(r);
    },
    async update(trx, w, now) {
      const r = await trx
        .updateTable('consensus_scores')
        .set({
          value_tenths: w.valueTenths,
          rationale: w.rationale,
          dissent: w.dissent ?? null,
          version: w.expectedVersion + 1,
          updated_by: actor.userId,
          updated_at: now,
        })
        .where('assessment_id', '=', w.assessmentId)
        .where('requirement_id', '=', w.requirementId)
        .where('version', '=', w.expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return r && toConsensusScore(r);
    },
    version: (s) => s.version,
  };
}

export async function writeConsensusScore(
  db: Db,
  actor: Actor,
  w: ConsensusScoreWrite,
): Promise<ScoreWriteResult<ConsensusScore>> {
  return single(await runBatch(db, actor, [w], consensusOps(actor)));
}

export async function writeConsensusScores(
  db: Db,
  actor: Actor,
  writes: readonly ConsensusScoreWrite[],
): Promise<ScoreBatchResult<ConsensusScore>> {
  return runBatch(db, actor, writes, consensusOps(actor));
}

export async function listConsensusScores(db: Db, assessmentId: string): Promise<ConsensusScore[]> {
  const rows = await db
    .selectFrom('consensus_scores')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('requirement_id')
    .execute();
  return rows.map(toConsensusScore);
}

/** Number of self-assessment scores per assessment. */
export async function countSelfScores(
  db: Db,
  assessmentIds: readonly string[],
): Promise<Map<string, number>> {
  if (assessmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('self_assessment_scores')
    .select(['assessment_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assessment_id', 'in', [...assessmentIds])
    .groupBy('assessment_id')
    .execute();
  return new Map(rows.map((r) => [r.assessment_id, Number(r.n)]));
}

/** Removes a self-assessment score if it is still at `expectedVersion`; audited. */
export async function deleteSelfScore(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; requirementId: string; expectedVersion: number },
): Promise<
  | { ok: true; deleted: SelfScore }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'version-conflict'; current: SelfScore }
> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('self_assessment_scores')
      .selectAll()
      .where('assessment_id', '=', input.assessmentId)
      .where('requirement_id', '=', input.requirementId)
      .executeTakeFirst();
    if (!row) return { ok: false as const, reason: 'not-found' as const };
    const current = toSelfScore(row);
    if (current.version !== input.expectedVersion)
      return { ok: false as const, reason: 'version-conflict' as const, current };
    await trx
      .deleteFrom('self_assessment_scores')
      .where('assessment_id', '=', input.assessmentId)
      .where('requirement_id', '=', input.requirementId)
      .where('version', '=', input.expectedVersion)
      .execute();
    await appendAudit(trx, actor, {
      entity: 'self_score',
      entityId: `${input.assessmentId}/${input.requirementId}`,
      action: 'delete',
      before: current,
    });
    await refreshSummaryCounters(trx, input.assessmentId);
    return { ok: true as const, deleted: current };
  });
}

/**
 * Re-assessment: copies the self-assessment grades of `fromId` (those in `scope`) into the new assessment `toId`,
 * marked as carried over (`carried_from`) until the enterprise confirms them. Returns how many were copied.
 */
export async function carrySelfScores(
  trx: Trx,
  actor: Actor,
  input: { fromId: string; toId: string; scope: readonly string[]; at: string },
): Promise<number> {
  const scope = new Set(input.scope);
  const rows = (await listSelfScores(trx, input.fromId)).filter((r) => scope.has(r.requirementId));
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('self_assessment_scores')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          assessment_id: input.toId,
          requirement_id: r.requirementId,
          value_tenths: r.valueTenths,
          note: r.note,
          version: 1,
          updated_by: actor.userId,
          updated_at: input.at,
          carried_from: input.fromId,
        })),
      )
      .execute();
  }
  await refreshSummaryCounters(trx, input.toId);
  return rows.length;
}

/** Confirms carried-over grades (all of the assessment's, or those of `requirementIds`); returns how many. */
export async function confirmCarriedSelfScores(
  trx: Trx,
  assessmentId: string,
  requirementIds?: readonly string[],
): Promise<number> {
  if (requirementIds && requirementIds.length === 0) return 0;
  let q = trx
    .updateTable('self_assessment_scores')
    .set({ carried_from: null })
    .where('assessment_id', '=', assessmentId)
    .where('carried_from', 'is not', null);
  if (requirementIds) q = q.where('requirement_id', 'in', [...requirementIds]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
