/**
 * 4.5.2 / 4.6.2 sufficiency and verification of evidence: the team reviews each item, asks the enterprise for
 * more material on named requirements by a due date; the enterprise answers with material it uploaded (kind
 * submitted) and/or a note. Reviews, requests and answers are not blind-scoring data: every reader of the
 * assessment sees them (the reasons are written for the enterprise).
 */
import type {
  AnswerEvidenceRequest,
  CreateEvidenceRequest,
  EvidenceRequest,
  EvidenceReview,
  EvidenceReviewView,
  ReviewEvidenceRequest,
} from '../contract/process-records.js';
import { evidenceStateByRequirement, requestsOf } from '../process/evidence-review.js';
import type { Command } from '../process/types.js';
import { newId } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { runCommand } from './unit-of-work.js';

export async function getEvidenceReview(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<EvidenceReviewView> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  return {
    reviews: a.evidenceReviews ?? {},
    requests: requestsOf(a),
    byRequirement: evidenceStateByRequirement(a),
  };
}

export async function reviewEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  evidenceId: string,
  input: ReviewEvidenceRequest,
): Promise<EvidenceReview> {
  await authorizeAssessment(ctx, caller, id, 'evidence.review');
  const command: Command = {
    type: 'evidence.review',
    evidenceId,
    outcome: input.outcome,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  };
  const doc = await runCommand(ctx, id, caller, () => command);
  return doc.assessment.evidenceReviews![evidenceId]!;
}

export async function requestEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: CreateEvidenceRequest,
): Promise<EvidenceRequest> {
  await authorizeAssessment(ctx, caller, id, 'evidence.review');
  const requestId = newId();
  const doc = await runCommand(ctx, id, caller, () => ({
    type: 'evidence.request',
    id: requestId,
    ...input,
  }));
  return requestsOf(doc.assessment).find((r) => r.id === requestId)!;
}

export async function answerEvidenceRequest(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  requestId: string,
  input: AnswerEvidenceRequest,
): Promise<EvidenceRequest> {
  await authorizeAssessment(ctx, caller, id, 'evidence.answer');
  const doc = await runCommand(ctx, id, caller, () => ({
    type: 'evidence.answer',
    requestId,
    evidenceIds: input.evidenceIds,
    ...(input.note !== undefined ? { note: input.note } : {}),
  }));
  return requestsOf(doc.assessment).find((r) => r.id === requestId)!;
}
