/** 4.7.1 再次论证: the enterprise contests a team score within the window; the leader answers. */
import type {
  AnswerContestRequest,
  ContestPage,
  ContestQuery,
  CreateContestRequest,
} from '../contract/work.js';
import { teamScoresAfterContest } from '../process/contest.js';
import type { Command, Contest, ContestState, EvidenceInput } from '../process/types.js';
import { newId } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { computeResult, resultJson } from './engine.js';
import { notFound, validation } from './errors.js';
import { pageOf } from './paging.js';
import { apply, ensureVersion, mutateDoc, transitionAudit } from './unit-of-work.js';

export function contestState(c: Contest): ContestState {
  return c.answer?.decision ?? 'open';
}

/**
 * A page of the contests (every reader of the assessment sees all of them, as before), filtered by state and
 * requirement, in the order filed (`order=desc`: newest first). Filtered in memory: they live in the document.
 */
export async function listContests(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  query: ContestQuery = {},
): Promise<ContestPage> {
  const { contests } = (await authorizeAssessment(ctx, caller, id)).assessment;
  const matching = contests.filter(
    (c) =>
      (query.state === undefined || contestState(c) === query.state) &&
      (query.requirementId === undefined || c.requirementId === query.requirementId),
  );
  return pageOf(query.order === 'desc' ? [...matching].reverse() : matching, query);
}

/** Files a contest with new evidence: copies of uploaded items (`evidenceIds`) and/or notes. */
export async function fileContest(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: CreateContestRequest,
): Promise<Contest> {
  await authorizeAssessment(ctx, caller, id, 'contest.file');
  return mutateDoc(ctx, id, caller, async (before) => {
    ensureVersion(before, input.expectedVersion);
    const at = ctx.options.now().toISOString();
    const evidence: EvidenceInput[] = [];
    for (const [i, eid] of (input.evidenceIds ?? []).entries()) {
      const src = before.assessment.evidence.find((e) => e.id === eid && e.kind === 'submitted');
      if (!src)
        throw validation(`no submitted evidence ${eid}`, `body.evidenceIds.${i}`, {
          rule: 'contest.evidenceIds',
          evidenceId: eid,
        });
      const { kind: _k, by: _b, contestId: _c, ...rest } = src;
      evidence.push({ ...rest, id: newId(), requirementId: input.requirementId, at });
    }
    for (const e of input.evidence ?? [])
      evidence.push({ id: newId(), requirementId: input.requirementId, at, note: e.note });
    const contestId = newId();
    const command: Command = {
      type: 'contest.file',
      id: contestId,
      requirementId: input.requirementId,
      claim: input.claim,
      ...(input.requestedValue !== undefined ? { requestedValue: input.requestedValue } : {}),
      evidence,
    };
    const { doc, events } = apply(ctx, before, command, caller);
    return {
      doc,
      audit: [transitionAudit(before, doc, command, events)],
      result: doc.assessment.contests.find((c) => c.id === contestId)!,
    };
  });
}

/** The leader answers; upheld changes the team score and re-freezes the result. */
export async function answerContest(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  contestId: string,
  input: AnswerContestRequest,
): Promise<Contest> {
  await authorizeAssessment(ctx, caller, id, 'contest.answer');
  return mutateDoc(ctx, id, caller, async (before) => {
    const a = before.assessment;
    ensureVersion(before, input.expectedVersion);
    const c = a.contests.find((x) => x.id === contestId);
    if (!c) throw notFound('contest');
    let recomputedResult;
    if (input.decision === 'upheld' && input.newValue !== undefined) {
      const scores = teamScoresAfterContest(a, c.requirementId, input.newValue);
      const complete = a.requirementIds.every((r) => scores[r] !== undefined);
      if (complete) recomputedResult = resultJson(computeResult(a.modelId, a.industry, scores, false));
    }
    const command: Command = {
      type: 'contest.answer',
      contestId,
      decision: input.decision,
      reason: input.reason,
      ...(input.newValue !== undefined ? { newValue: input.newValue } : {}),
      ...(recomputedResult !== undefined ? { recomputedResult } : {}),
    };
    const { doc, events } = apply(ctx, before, command, caller);
    return {
      doc,
      audit: [transitionAudit(before, doc, command, events)],
      result: doc.assessment.contests.find((x) => x.id === contestId)!,
    };
  });
}
