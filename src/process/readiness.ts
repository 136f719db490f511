/**
 * 4.4 企业申请 with 4.2.1: what the application must carry before it is submitted — the eligibility declaration,
 * the three documents of 4.2.1 (中长期规划, 年度目标, 实施方案) as typed attachments, and evidence for every
 * requirement the enterprise's self-assessment claims (a grade above 不满足).
 */
import { eligibilityProblems } from './application.js';
import type { Guard } from './context.js';
import { firstOf } from './context.js';
import type { Assessment, AttachmentKind, ProcessError } from './types.js';
import { ATTACHMENT_KINDS } from './types.js';
import { fail } from './util.js';

export interface Readiness {
  ready: boolean;
  /** Eligibility problems (messages), empty when the declaration is valid and current. */
  eligibility: string[];
  /** Required documents not attached. */
  missingAttachments: AttachmentKind[];
  /** Claimed requirements without submitted evidence, in the model's order. */
  requirementsWithoutEvidence: string[];
}

export function readiness(a: Assessment, claimedRequirementIds: readonly string[], now: Date): Readiness {
  const submitted = a.evidence.filter((e) => e.kind === 'submitted');
  const kinds = new Set(submitted.map((e) => e.attachmentKind));
  const withEvidence = new Set(submitted.map((e) => e.requirementId));
  const claimed = new Set(claimedRequirementIds);
  const eligibility = eligibilityProblems(a.application.eligibility, now).map((e) => e.message);
  const missingAttachments = ATTACHMENT_KINDS.filter((k) => !kinds.has(k));
  const requirementsWithoutEvidence = a.requirementIds.filter(
    (id) => claimed.has(id) && !withEvidence.has(id),
  );
  return {
    ready:
      eligibility.length === 0 && missingAttachments.length === 0 && requirementsWithoutEvidence.length === 0,
    eligibility,
    missingAttachments,
    requirementsWithoutEvidence,
  };
}

/** The material problem of a submission (null when complete): every missing piece listed in the details. */
export function materialProblem(a: Assessment, claimed: readonly string[], now: Date): ProcessError | null {
  const r = readiness(a, claimed, now);
  if (r.missingAttachments.length === 0 && r.requirementsWithoutEvidence.length === 0) return null;
  return fail(
    'validation',
    `required material missing: ${[
      ...r.missingAttachments,
      ...r.requirementsWithoutEvidence.map((id) => `evidence for ${id}`),
    ].join(', ')}`,
    'evidence',
    {
      rule: 'application.readiness',
      missingAttachments: r.missingAttachments,
      requirementsWithoutEvidence: r.requirementsWithoutEvidence,
    },
  );
}

/** 4.4 + 4.2.1: a valid, current eligibility declaration and the required material (`readiness`). */
export const guardSubmit: Guard<'application.submit'> = (a, cmd, ctx) => {
  const errors = eligibilityProblems(a.application.eligibility, ctx.now);
  const material = materialProblem(a, cmd.claimedRequirementIds ?? [], ctx.now);
  if (material) errors.push(material);
  return firstOf(errors);
};
