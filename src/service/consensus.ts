/** 4.6.3 达成一致意见: every expert's score per requirement with the spread, and the team score. */
import type {
  ConsensusItem,
  ConsensusView,
  PutGroupReviewBatchRequest,
  PutGroupReviewRequest,
  PutConsensusBatchRequest,
  PutConsensusRequest,
} from '../contract/work.js';
import {
  GROUP_REVIEW_SPREAD_TENTHS,
  groupReviewsOf,
  requirementsNeedingGroupReview,
} from '../process/group-review.js';
import { teamMemberIds } from '../process/resource.js';
import { orderDisagreementsFirst, scoreSpread, visibleScores } from '../process/scoring-sheets.js';
import type { Assessment, Command, ConsensusGrade, GradeSheet, ProcessActor } from '../process/types.js';
import { valueOfTenths } from '../model/grades.js';
import { sheetsOf, type Doc } from '../store/repos/documents.js';
import { listConsensusGrades, listExpertSheets } from '../store/repos/scores.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { apply, mutateDoc, transitionAudit } from './unit-of-work.js';
import type { AuditChange } from '../store/audit.js';

/** The aggregate with sheets holding what the consensus reads of each grade (a hydrated Assessment is one). */
type WithGrades = Omit<Assessment, 'sheets'> & { sheets: Record<string, GradeSheet<ConsensusGrade>> };

/** Blind scoring (`visibleScores`): the consensus data only once the viewer may see every sheet. */
function everySheetVisible<S>(
  a: Omit<Assessment, 'sheets'> & { sheets: Record<string, GradeSheet<S>> },
  viewer: ProcessActor,
): GradeSheet<S>[] {
  const vis = visibleScores(a, viewer);
  if (vis.hidden.length > 0 || vis.sheets.length === 0)
    throw forbidden(vis.reason, { rule: 'blind_scoring' });
  return vis.sheets;
}

/** The consensus data, served only once the viewer may see every sheet (blind scoring, `visibleScores`). */
export function consensusViewOf(a: WithGrades, viewer: ProcessActor): ConsensusView {
  const sheets = everySheetVisible(a, viewer);
  const rows = scoreSpread(sheets, a.requirementIds, a.consensus);
  const needsReview = new Set(requirementsNeedingGroupReview(a));
  const reviews = groupReviewsOf(a);
  const members = new Map((a.team?.members ?? []).map((m) => [m.expert.userId, m]));
  const items: ConsensusItem[] = rows.map((row) => ({
    ...row,
    rationales: Object.fromEntries(
      sheets
        .filter((s) => s.scores[row.requirementId])
        .map((s) => [s.expertId, s.scores[row.requirementId]!.rationale]),
    ),
    team: a.consensus[row.requirementId] ?? null,
    needsGroupReview: needsReview.has(row.requirementId),
    groupReview: reviews[row.requirementId] ?? null,
  }));
  return {
    experts: teamMemberIds(a).map((uid) => ({
      userId: uid,
      name: members.get(uid)?.expert.name ?? uid,
      role: members.get(uid)?.role ?? 'member',
      submitted: a.sheets[uid]?.submittedAt !== undefined,
    })),
    items,
    /** Requirement ids, disagreements first (widest spread first). */
    disagreementsFirst: orderDisagreementsFirst(rows).map((r) => r.requirementId),
    groupReviewSpreadTenths: GROUP_REVIEW_SPREAD_TENTHS,
  };
}

/**
 * The consensus data (issue 10: its cost follows the assessment's own grades, not the number of assessments): the
 * stored document as read for the access check (cached, read only), the submissions — blind scoring is decided on
 * them before any grade is read — then every grade in one query, with only its value and rationale.
 */
export async function getConsensus(ctx: ServiceContext, caller: Caller, id: string): Promise<ConsensusView> {
  const a = (await authorizeAssessment(ctx, caller, id, 'score.read-all')).assessment;
  const submitted = await listExpertSheets(ctx.db, id);
  everySheetVisible({ ...a, sheets: sheetsOf(a, [], submitted) }, caller.actor);
  const grades = (await listConsensusGrades(ctx.db, id)).map((g) => ({
    expertId: g.expertId,
    requirementId: g.requirementId,
    grade: { value: valueOfTenths(g.valueTenths), rationale: g.rationale },
  }));
  return consensusViewOf({ ...a, sheets: sheetsOf(a, grades, submitted) }, caller.actor);
}

/** Records the team score of one requirement (leader); VERSION_CONFLICT with the stored entry. */
export async function recordConsensus(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requirementId: string,
  input: PutConsensusRequest,
): Promise<ConsensusItem> {
  await authorizeAssessment(ctx, caller, id, 'consensus.write');
  const after = await mutateDoc(ctx, id, caller, async (before) => {
    const command: Command = {
      type: 'consensus.record',
      requirementId,
      value: input.value,
      rationale: input.rationale,
      ...(input.dissentNotes ? { dissentNotes: input.dissentNotes } : {}),
      expectedVersion: input.expectedVersion,
    };
    const current = () => before.assessment.consensus[requirementId] ?? null;
    const { doc, events } = apply(ctx, before, command, caller, current);
    return { doc, audit: [transitionAudit(before, doc, command, events)], result: doc };
  });
  const view = consensusViewOf(after.assessment, caller.actor);
  const item = view.items.find((i) => i.requirementId === requirementId);
  if (!item) throw notFound('requirement');
  return item;
}

/** The command of one group review. */
function groupReviewCommand(requirementId: string, input: PutGroupReviewRequest): Command {
  return {
    type: 'group_review.record',
    requirementId,
    outcome: input.outcome,
    participants: input.participants,
    ...(input.note !== undefined ? { note: input.note } : {}),
  };
}

/** 4.6.3 组内评审: records (or revises) the group review of one requirement (leader); audited with the command. */
export async function recordGroupReview(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requirementId: string,
  input: PutGroupReviewRequest,
): Promise<ConsensusItem> {
  const after = await applyGroupReviews(ctx, caller, id, [{ requirementId, ...input }]);
  const item = consensusViewOf(after.assessment, caller.actor).items.find(
    (i) => i.requirementId === requirementId,
  );
  if (!item) throw notFound('requirement');
  return item;
}

/**
 * 4.6.3 组内评审 of several requirements at once (one review meeting), all or nothing: each is the same command,
 * guarded and audited as if recorded one by one, in one transaction and one document write.
 */
export async function recordGroupReviewBatch(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutGroupReviewBatchRequest,
): Promise<void> {
  await applyGroupReviews(ctx, caller, id, input.items);
}

async function applyGroupReviews(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  items: PutGroupReviewBatchRequest['items'],
): Promise<Doc> {
  await authorizeAssessment(ctx, caller, id, 'consensus.write');
  return mutateDoc(ctx, id, caller, async (before) => {
    let doc = before;
    const audit: AuditChange[] = [];
    for (const { requirementId, ...review } of items) {
      const command = groupReviewCommand(requirementId, review);
      const step = apply(ctx, doc, command, caller);
      audit.push(transitionAudit(doc, step.doc, command, step.events));
      doc = step.doc;
    }
    return { doc, audit, result: doc };
  });
}

/** Records several team scores at once, all or nothing. */
export async function recordConsensusBatch(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutConsensusBatchRequest,
): Promise<void> {
  await authorizeAssessment(ctx, caller, id, 'consensus.write');
  await mutateDoc(ctx, id, caller, async (before) => {
    let doc = before;
    const audit: AuditChange[] = [];
    for (const item of input.items) {
      const command: Command = { type: 'consensus.record', ...item };
      const step = apply(
        ctx,
        doc,
        command,
        caller,
        () => doc.assessment.consensus[item.requirementId] ?? null,
      );
      audit.push(transitionAudit(doc, step.doc, command, step.events));
      doc = step.doc;
    }
    return { doc, audit, result: null };
  });
}
