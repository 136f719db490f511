/**
 * Scores: the enterprise's self-assessment, and each expert's own sheet (4.6.3 independent scoring — the hot
 * path: one short transaction per write, group-committed on SQLite, under a shared lock on PostgreSQL).
 */
import type { OwnSheet, PutScoreRequest, PutScoresRequest, SelfScore, SelfSheet } from '../contract/work.js';
import { tenthsOf, valueOfTenths } from '../model/grades.js';
import type { Assessment, ExpertScore } from '../process/types.js';
import { canSeeSelfAssessment, canSeeSubmittedSelfAssessment } from '../process/visibility.js';
import { inScope, readDocRaw, toProcessScore } from '../store/repos/documents.js';
import {
  deleteSelfScore,
  listExpertScores,
  listExpertSheets,
  listSelfScores,
  writeExpertScore,
  writeExpertScores,
  writeSelfScore,
  type SelfScore as StoredSelfScore,
} from '../store/repos/scores.js';
import type { Trx } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import { scoreTransaction, type Caller, type ServiceContext } from './context.js';
import { forbidden, notFound, ServiceError, validation, versionConflict } from './errors.js';

function selfView(s: StoredSelfScore): SelfScore {
  return {
    requirementId: s.requirementId,
    value: valueOfTenths(s.valueTenths),
    note: s.note,
    at: s.updatedAt,
    version: s.version,
    ...(s.carriedFrom ? { carriedFrom: s.carriedFrom } : {}),
  };
}

/** The self-assessment is the enterprise's own: nobody else reads or writes it. */
function assertSelfAccess(caller: Caller, a: Assessment): void {
  if (!canSeeSelfAssessment(a, caller.actor))
    throw forbidden('self-assessment.write: the self-assessment is the enterprise’s own', {
      action: 'self-assessment.write',
    });
}

function requireInScope(a: Assessment, requirementId: string, field: string): void {
  if (!inScope(a, requirementId))
    throw validation(`requirement ${requirementId} is not in this assessment's scope`, field, {
      requirementId,
    });
}

export async function getSelfSheet(ctx: ServiceContext, caller: Caller, id: string): Promise<SelfSheet> {
  const doc = await authorizeAssessment(ctx, caller, id);
  assertSelfAccess(caller, doc.assessment);
  const scores = await listSelfScores(ctx.db, id);
  return { assessmentId: id, scores: Object.fromEntries(scores.map((s) => [s.requirementId, selfView(s)])) };
}

/**
 * The self-assessment as the body and the team read it beside their own work (the expert sees the enterprise's
 * grade and note next to each requirement): visibility in src/process/visibility.ts (canSeeSubmittedSelfAssessment).
 */
export async function getSubmittedSelfSheet(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<SelfSheet> {
  const doc = await authorizeAssessment(ctx, caller, id);
  if (!canSeeSubmittedSelfAssessment(doc.assessment, caller.actor))
    throw forbidden('the self-assessment is shared with the body and the team once submitted', {
      rule: 'self_not_submitted',
    });
  const scores = await listSelfScores(ctx.db, id);
  return { assessmentId: id, scores: Object.fromEntries(scores.map((s) => [s.requirementId, selfView(s)])) };
}

export async function writeSelf(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requirementId: string,
  input: PutScoreRequest,
): Promise<SelfScore> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  assertSelfAccess(caller, a);
  requireInScope(a, requirementId, 'params.requirementId');
  const r = await writeSelfScore(ctx.db, caller.storeActor, {
    assessmentId: id,
    requirementId,
    valueTenths: tenthsOf(input.value),
    note: input.note,
    expectedVersion: input.expectedVersion,
  });
  if (!r.ok) {
    if (r.reason === 'version-conflict')
      throw versionConflict('the self score is at another version', r.current && selfView(r.current));
    throw new ServiceError('LOCKED', 'locked');
  }
  return selfView(r.score);
}

export async function removeSelf(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requirementId: string,
  expectedVersion: number,
): Promise<void> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  assertSelfAccess(caller, a);
  const r = await deleteSelfScore(ctx.db, caller.storeActor, {
    assessmentId: id,
    requirementId,
    expectedVersion,
  });
  if (!r.ok) {
    if (r.reason === 'not-found') throw notFound('self score');
    throw versionConflict('the self score is at another version', selfView(r.current));
  }
}

// --- the expert's own sheet ------------------------------------------------------------------------------------

export async function getOwnSheet(ctx: ServiceContext, caller: Caller, id: string): Promise<OwnSheet> {
  await authorizeAssessment(ctx, caller, id, 'score.write-own');
  const expertId = caller.actor.userId;
  const [scores, sheets] = await Promise.all([
    listExpertScores(ctx.db, { assessmentId: id, expertId }),
    listExpertSheets(ctx.db, id),
  ]);
  const submitted = sheets.find((s) => s.expertId === expertId)?.submittedAt;
  return {
    expertId,
    scores: Object.fromEntries(scores.map((s) => [s.requirementId, toProcessScore(s)])),
    ...(submitted ? { submittedAt: submitted } : {}),
  };
}

/**
 * Checks a score write against the stored document at its current version, inside the write's transaction
 * (PostgreSQL: a shared lock, so concurrent score writes proceed and a transition — FOR UPDATE — waits).
 */
async function scoringDoc(trx: Trx, caller: Caller, id: string): Promise<Assessment> {
  const doc = await readDocRaw(trx, id, 'share');
  if (!doc) throw notFound('assessment');
  const a = doc.assessment;
  assertCan(caller.actor, 'score.write-own', a);
  if (a.stage !== 'scoring')
    throw new ServiceError('INVALID_TRANSITION', `scores are written in stage scoring, not ${a.stage}`, {
      params: { stage: a.stage, expected: 'scoring' },
    });
  if (!a.sheets[caller.user.id]) throw forbidden('only team members score, each on their own sheet');
  return a;
}

const LOCKED = () => new ServiceError('LOCKED', 'the sheet was submitted and can no longer be changed');

/** One score of the own sheet; VERSION_CONFLICT with the stored score, LOCKED once submitted. */
export async function writeOwnScore(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requirementId: string,
  input: PutScoreRequest,
): Promise<ExpertScore> {
  if (input.note.trim() === '')
    throw validation('each score needs a rationale', 'body.note', { rule: 'write.rationale' });
  return scoreTransaction(ctx, async (trx) => {
    const a = await scoringDoc(trx, caller, id);
    requireInScope(a, requirementId, 'params.requirementId');
    const r = await writeExpertScore(trx, caller.storeActor, {
      assessmentId: id,
      expertId: caller.user.id,
      requirementId,
      valueTenths: tenthsOf(input.value),
      rationale: input.note.trim(),
      expectedVersion: input.expectedVersion,
    });
    if (!r.ok) {
      if (r.reason === 'sheet-submitted') throw LOCKED();
      throw versionConflict(
        `score for ${requirementId} is at version ${r.current?.version ?? 0}, the write expected ${input.expectedVersion}`,
        r.current ? toProcessScore(r.current) : null,
      );
    }
    return toProcessScore(r.score);
  });
}

/** Several scores of the own sheet at once, all or nothing (VERSION_CONFLICT lists the stale ones). */
export async function writeOwnScores(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutScoresRequest,
): Promise<ExpertScore[]> {
  return scoreTransaction(ctx, async (trx) => {
    const a = await scoringDoc(trx, caller, id);
    input.writes.forEach((w, i) => requireInScope(a, w.requirementId, `body.writes.${i}.requirementId`));
    const r = await writeExpertScores(
      trx,
      caller.storeActor,
      input.writes.map((w) => ({
        assessmentId: id,
        expertId: caller.user.id,
        requirementId: w.requirementId,
        valueTenths: tenthsOf(w.value),
        rationale: w.note.trim(),
        expectedVersion: w.expectedVersion,
      })),
    );
    if (!r.ok) {
      if (r.failures.some((f) => f.reason === 'sheet-submitted')) throw LOCKED();
      throw versionConflict(
        `${r.failures.length} score(s) are at another version`,
        r.failures.map((f) =>
          f.reason === 'version-conflict' && f.current ? toProcessScore(f.current) : null,
        ),
      );
    }
    return r.scores.map(toProcessScore);
  });
}
