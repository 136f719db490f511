/**
 * 4.5.2 / 4.6.2 "证据的充分性和可验证性": the team reviews each evidence item (accepted / needs more / rejected
 * with a reason), asks the enterprise for more material on named requirements by a due date, and the enterprise
 * answers with material linked to the request (which closes it).
 */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import type { Assessment, EvidenceItem, EvidenceRequest, EvidenceReview, ProcessError } from './types.js';
import { EVIDENCE_REVIEW_OUTCOMES } from './types.js';
import { chinaDate, fail, isBlank, isIsoDate } from './util.js';

export const MESSAGE_MAX = 4000;

/** The requests of an assessment (older documents have none). */
export const requestsOf = (a: Pick<Assessment, 'evidenceRequests'>): EvidenceRequest[] =>
  a.evidenceRequests ?? [];

/** Requests not answered yet. */
export const openRequests = (a: Pick<Assessment, 'evidenceRequests'>): EvidenceRequest[] =>
  requestsOf(a).filter((r) => r.answer === undefined);

/** The state of the evidence of one requirement, as the consensus and scoring screens show it. */
export interface RequirementEvidenceState {
  requirementId: string;
  items: number;
  accepted: number;
  needsMore: number;
  rejected: number;
  unreviewed: number;
  /** Open requests naming the requirement (ids), with the earliest due date. */
  openRequestIds: string[];
  dueDate: string | null;
}

export function evidenceStateByRequirement(a: Assessment): Record<string, RequirementEvidenceState> {
  const out: Record<string, RequirementEvidenceState> = {};
  const get = (rid: string) =>
    (out[rid] ??= {
      requirementId: rid,
      items: 0,
      accepted: 0,
      needsMore: 0,
      rejected: 0,
      unreviewed: 0,
      openRequestIds: [],
      dueDate: null,
    });
  const reviews = a.evidenceReviews ?? {};
  for (const e of a.evidence) {
    const s = get(e.requirementId);
    s.items++;
    const r = reviews[e.id];
    if (!r) s.unreviewed++;
    else if (r.outcome === 'accepted') s.accepted++;
    else if (r.outcome === 'needs_more') s.needsMore++;
    else s.rejected++;
  }
  for (const q of openRequests(a)) {
    for (const rid of q.requirementIds) {
      const s = get(rid);
      s.openRequestIds.push(q.id);
      if (s.dueDate === null || q.dueDate < s.dueDate) s.dueDate = q.dueDate;
    }
  }
  return out;
}

// --- evidence.review ----------------------------------------------------------------------------------------

export const guardReview: Guard<'evidence.review'> = (a, cmd) => {
  const item = a.evidence.find((e) => e.id === cmd.evidenceId);
  if (!item) return fail('not_found', `no evidence ${cmd.evidenceId}`, 'evidenceId');
  if (!(EVIDENCE_REVIEW_OUTCOMES as readonly string[]).includes(cmd.outcome))
    return fail('validation', `outcome must be one of ${EVIDENCE_REVIEW_OUTCOMES.join(', ')}`, 'outcome');
  if (cmd.outcome !== 'accepted' && isBlank(cmd.reason))
    return fail('validation', 'a review that does not accept the evidence states its reason', 'reason', {
      rule: 'evidence.review.reason',
    });
  if ((cmd.reason ?? '').length > MESSAGE_MAX)
    return fail('validation', 'reason too long', 'reason', { rule: 'maxLength', limit: MESSAGE_MAX });
  return null;
};

export const effectReview: Effect<'evidence.review'> = (a, cmd, ctx) => {
  const item = a.evidence.find((e) => e.id === cmd.evidenceId) as EvidenceItem;
  const previous = a.evidenceReviews?.[cmd.evidenceId];
  const review: EvidenceReview = {
    evidenceId: cmd.evidenceId,
    requirementId: item.requirementId,
    outcome: cmd.outcome,
    ...(isBlank(cmd.reason) ? {} : { reason: (cmd.reason as string).trim() }),
    by: ctx.actor.userId,
    at: ctx.at,
    version: (previous?.version ?? 0) + 1,
  };
  return {
    assessment: { ...a, evidenceReviews: { ...(a.evidenceReviews ?? {}), [cmd.evidenceId]: review } },
    events: [
      {
        type: 'evidence.review',
        data: {
          evidenceId: cmd.evidenceId,
          requirementIds: [item.requirementId],
          outcome: cmd.outcome,
          // Who supplied the item: the enterprise is told when its material needs more or is rejected.
          suppliedBy: item.by,
        },
      },
    ],
  };
};

// --- evidence.request ---------------------------------------------------------------------------------------

export const guardRequest: Guard<'evidence.request'> = (a, cmd, ctx) => {
  const errors: ProcessError[] = [];
  if (isBlank(cmd.id)) errors.push(fail('validation', 'the request needs an id', 'id'));
  else if (requestsOf(a).some((r) => r.id === cmd.id))
    errors.push(fail('conflict', `request ${cmd.id} already exists`, 'id'));
  const rids = Array.isArray(cmd.requirementIds) ? cmd.requirementIds : [];
  if (rids.length === 0)
    errors.push(
      fail('validation', 'name the requirements the material is for', 'requirementIds', {
        rule: 'evidence.request.requirements',
      }),
    );
  const outside = rids.filter((r) => !ctx.inScope(r));
  if (outside.length > 0)
    errors.push(
      fail('validation', `not in this assessment's scope: ${outside.join(', ')}`, 'requirementIds', {
        rule: 'evidence.request.scope',
        outside,
      }),
    );
  if (isBlank(cmd.message))
    errors.push(
      fail('validation', 'say what material is needed', 'message', { rule: 'evidence.request.message' }),
    );
  else if (cmd.message.length > MESSAGE_MAX)
    errors.push(fail('validation', 'message too long', 'message', { rule: 'maxLength', limit: MESSAGE_MAX }));
  if (!isIsoDate(cmd.dueDate)) errors.push(fail('validation', 'the due date must be YYYY-MM-DD', 'dueDate'));
  else if (cmd.dueDate < chinaDate(ctx.now))
    errors.push(
      fail('validation', 'the due date cannot be in the past', 'dueDate', {
        rule: 'evidence.request.dueDate',
        today: chinaDate(ctx.now),
      }),
    );
  return firstOf(errors);
};

export const effectRequest: Effect<'evidence.request'> = (a, cmd, ctx) => {
  const request: EvidenceRequest = {
    id: cmd.id,
    requirementIds: [...new Set(cmd.requirementIds)],
    message: cmd.message.trim(),
    dueDate: cmd.dueDate,
    requestedBy: ctx.actor.userId,
    requestedAt: ctx.at,
  };
  return {
    assessment: { ...a, evidenceRequests: [...requestsOf(a), request] },
    events: [
      {
        type: 'evidence.request',
        data: {
          requestId: request.id,
          requirementIds: request.requirementIds,
          dueDate: request.dueDate,
          // Hands work to the enterprise (受评估方), due on dueDate.
          to: 'enterprise',
        },
      },
    ],
  };
};

// --- evidence.answer ----------------------------------------------------------------------------------------

export const guardAnswer: Guard<'evidence.answer'> = (a, cmd) => {
  const request = requestsOf(a).find((r) => r.id === cmd.requestId);
  if (!request) return fail('not_found', `no request ${cmd.requestId}`, 'requestId');
  if (request.answer) return fail('locked', 'the request was already answered', 'requestId');
  const ids = Array.isArray(cmd.evidenceIds) ? cmd.evidenceIds : [];
  if (ids.length === 0 && isBlank(cmd.note))
    return fail('validation', 'answer with material or a note', 'evidenceIds', {
      rule: 'evidence.answer.empty',
    });
  if ((cmd.note ?? '').length > MESSAGE_MAX)
    return fail('validation', 'note too long', 'note', { rule: 'maxLength', limit: MESSAGE_MAX });
  for (const [i, id] of ids.entries()) {
    const e = a.evidence.find((x) => x.id === id);
    if (!e || e.kind !== 'submitted')
      return fail('validation', `no submitted evidence ${id}`, `evidenceIds.${i}`, {
        rule: 'evidence.answer.evidence',
        evidenceId: id,
      });
    if (!request.requirementIds.includes(e.requirementId))
      return fail(
        'validation',
        `evidence ${id} is not for a requirement of the request`,
        `evidenceIds.${i}`,
        {
          rule: 'evidence.answer.requirement',
          evidenceId: id,
        },
      );
  }
  return null;
};

export const effectAnswer: Effect<'evidence.answer'> = (a, cmd, ctx) => {
  const ids = [...new Set(cmd.evidenceIds ?? [])];
  const requests = requestsOf(a).map((r) =>
    r.id === cmd.requestId
      ? {
          ...r,
          answer: {
            ...(isBlank(cmd.note) ? {} : { note: (cmd.note as string).trim() }),
            evidenceIds: ids,
            by: ctx.actor.userId,
            at: ctx.at,
          },
        }
      : r,
  );
  const request = requests.find((r) => r.id === cmd.requestId) as EvidenceRequest;
  return {
    assessment: {
      ...a,
      evidenceRequests: requests,
      evidence: a.evidence.map((e) => (ids.includes(e.id) ? { ...e, requestId: cmd.requestId } : e)),
    },
    events: [
      {
        type: 'evidence.answer',
        data: {
          requestId: cmd.requestId,
          requirementIds: request.requirementIds,
          evidenceIds: ids,
          // Hands the material back to the team member who asked for it.
          to: request.requestedBy,
        },
      },
    ],
  };
};

/**
 * After the collection stage the enterprise uploads material only in answer to an open request naming the
 * requirement (4.6.2: the team asks; the enterprise supplies).
 */
export function uploadOnRequestProblem(a: Assessment, requirementId: string): ProcessError | null {
  return openRequests(a).some((r) => r.requirementIds.includes(requirementId))
    ? null
    : fail(
        'validation',
        `no open request of the team names requirement ${requirementId}`,
        'item.requirementId',
        {
          rule: 'evidence.upload.request',
          requirementId,
        },
      );
}
