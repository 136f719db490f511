/** 企业申请 (4.4), 4.2.1 受评估方, 4.5.1 受理评估申请; withdrawal and resubmission. */
import { can, explain } from '../access/can.js';
import type { IndustryId } from '../model/types.js';
import { INDUSTRIES } from '../model/types.js';
import type { Ctx, Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { validateEvidenceItem } from './evidence.js';
import { uploadOnRequestProblem } from './evidence-review.js';
import type {
  Assessment,
  EligibilityAnswers,
  EligibilityDeclaration,
  EvidenceItem,
  ProcessActor,
  ProcessEnv,
  ProcessError,
  TransitionResult,
} from './types.js';
import { ATTACHMENT_KINDS } from './types.js';
import { chinaYear, fail, isBlank } from './util.js';

export interface NewApplication {
  id: string;
  enterpriseOrgId: string;
  bodyOrgId: string;
  industry: IndustryId;
  modelId: string;
  /** The requirement ids of the model for this industry (Appendix A + the industry's Appendix B table). */
  requirementIds: string[];
}

function scopeProblems(
  industry: unknown,
  requirementIds: unknown,
  isRequirementOf: ((industry: IndustryId, id: string) => boolean) | undefined,
): ProcessError[] {
  const errors: ProcessError[] = [];
  if (!(INDUSTRIES as readonly unknown[]).includes(industry)) {
    errors.push(fail('validation', `industry must be one of ${INDUSTRIES.join(', ')}`, 'industry'));
    return errors;
  }
  if (!Array.isArray(requirementIds) || requirementIds.length === 0) {
    errors.push(fail('validation', 'the requirement scope cannot be empty', 'requirementIds'));
    return errors;
  }
  const ids = requirementIds as unknown[];
  if (ids.some((id) => isBlank(id)))
    errors.push(fail('validation', 'blank requirement id', 'requirementIds'));
  if (new Set(ids).size !== ids.length) {
    errors.push(fail('validation', 'requirement ids must be unique', 'requirementIds'));
  }
  if (isRequirementOf !== undefined) {
    const foreign = (ids as string[]).filter((id) => !isRequirementOf(industry as IndustryId, id));
    if (foreign.length > 0) {
      errors.push(
        fail('validation', `requirements not of industry ${String(industry)}`, 'requirementIds', {
          requirementIds: foreign,
        }),
      );
    }
  }
  return errors;
}

function newAssessment(input: NewApplication, at: string, previousAssessmentId?: string): Assessment {
  return {
    id: input.id,
    version: 1,
    enterpriseOrgId: input.enterpriseOrgId,
    bodyOrgId: input.bodyOrgId,
    industry: input.industry,
    modelId: input.modelId,
    requirementIds: [...input.requirementIds],
    stage: 'application',
    createdAt: at,
    updatedAt: at,
    application: previousAssessmentId === undefined ? {} : { previousAssessmentId },
    plans: {},
    meetings: {},
    evidence: [],
    sheets: {},
    consensus: {},
    resultHistory: [],
    contests: [],
    reopenings: [],
    history: [],
  };
}

/** Start an application (stage `application`). The enterprise picks its industry and the model version. */
export function createApplication(
  input: NewApplication,
  actor: ProcessActor,
  now: Date,
  env: ProcessEnv = {},
): TransitionResult {
  const resource = {
    kind: 'assessment' as const,
    enterpriseOrgId: input.enterpriseOrgId,
    bodyOrgId: input.bodyOrgId,
    teamMemberIds: [],
  };
  if (!can(actor, 'application.write', resource)) {
    return { ok: false, error: fail('forbidden', explain(actor, 'application.write', resource).message) };
  }
  const errors: ProcessError[] = [];
  for (const f of ['id', 'enterpriseOrgId', 'bodyOrgId', 'modelId'] as const) {
    if (isBlank(input[f])) errors.push(fail('validation', `${f} is required`, f));
  }
  errors.push(...scopeProblems(input.industry, input.requirementIds, env.isRequirementOf));
  const error = firstOf(errors);
  if (error) return { ok: false, error };
  const at = now.toISOString();
  const assessment = newAssessment(input, at);
  return {
    ok: true,
    assessment,
    events: [
      {
        type: 'application.created',
        assessmentId: input.id,
        at,
        actorId: actor.userId,
        data: { industry: input.industry, modelId: input.modelId },
      },
    ],
  };
}

/**
 * A rejected application may be resubmitted as a new application: a new assessment (stage `application`)
 * with the same enterprise, body, industry, model, scope and submitted evidence, linked to the rejected one.
 * The eligibility declaration is not carried over: it must be declared again.
 */
export function resubmitAsNew(
  rejected: Assessment,
  newId: string,
  actor: ProcessActor,
  now: Date,
  env: ProcessEnv = {},
): TransitionResult {
  if (rejected.stage !== 'rejected') {
    return {
      ok: false,
      error: fail(
        'illegal_transition',
        `only a rejected application can be resubmitted (stage: ${rejected.stage})`,
        'stage',
        {
          stage: rejected.stage,
        },
      ),
    };
  }
  const created = createApplication(
    {
      id: newId,
      enterpriseOrgId: rejected.enterpriseOrgId,
      bodyOrgId: rejected.bodyOrgId,
      industry: rejected.industry,
      modelId: rejected.modelId,
      requirementIds: rejected.requirementIds,
    },
    actor,
    now,
    env,
  );
  if (!created.ok) return created;
  if (newId === rejected.id) {
    return { ok: false, error: fail('validation', 'the new application needs a new id', 'id') };
  }
  const assessment: Assessment = {
    ...created.assessment,
    application: { previousAssessmentId: rejected.id },
    evidence: rejected.evidence.filter((e) => e.kind === 'submitted').map((e) => ({ ...e })),
  };
  return {
    ok: true,
    assessment,
    events: created.events.map((e) => ({ ...e, data: { ...e.data, previousAssessmentId: rejected.id } })),
  };
}

// --- eligibility (4.2.1) -------------------------------------------------------------------------------

const ELIGIBILITY_FIELDS: { key: keyof EligibilityAnswers; message: string }[] = [
  {
    key: 'noMajorSafetyAccident',
    message: '参评当年和上一年度发生重大及以上生产安全事故的企业不能参评 (major production-safety accident)',
  },
  {
    key: 'noMajorEnvironmentalIncident',
    message: '参评当年和上一年度发生重大及以上突发环境事件的企业不能参评 (major environmental incident)',
  },
  {
    key: 'hasTransformationPlan',
    message: '企业应有数字化转型中长期规划及年度目标和实施方案 (digital-transformation plan)',
  },
  { key: 'compliesWithLaws', message: '企业应遵守有关法律、法规、政策和标准 (legal compliance)' },
  { key: 'truthfulnessCommitment', message: '企业应对项目的真实性负责 (truthfulness commitment)' },
];

/** Every 4.2.1 problem with the declaration at `now` (empty when the enterprise is eligible). */
export function eligibilityProblems(
  declaration: EligibilityDeclaration | undefined,
  now: Date,
): ProcessError[] {
  if (declaration === undefined) {
    return [fail('validation', 'the eligibility declaration (4.2.1) is missing', 'application.eligibility')];
  }
  const errors: ProcessError[] = [];
  const year = chinaYear(now);
  const [prev, cur] = declaration.years;
  if (prev !== year - 1 || cur !== year) {
    errors.push(
      fail(
        'validation',
        `the declaration covers ${prev}–${cur}; it must cover ${year - 1}–${year} (this year and the last): declare again`,
        'application.eligibility.years',
        { declared: [prev, cur], required: [year - 1, year] },
      ),
    );
  }
  for (const f of ELIGIBILITY_FIELDS) {
    if (declaration[f.key] !== true)
      errors.push(fail('validation', f.message, `application.eligibility.${f.key}`));
  }
  return errors;
}

// --- guards and effects ----------------------------------------------------------------------------------

export const guardUpdate: Guard<'application.update'> = (a, cmd, ctx) => {
  const errors: ProcessError[] = [];
  const industryChanges = cmd.industry !== undefined && cmd.industry !== a.industry;
  if (industryChanges && cmd.requirementIds === undefined) {
    errors.push(
      fail(
        'validation',
        'changing the industry changes the scope: give the new requirement ids',
        'requirementIds',
      ),
    );
  }
  if (cmd.requirementIds !== undefined) {
    const industry = cmd.industry ?? a.industry;
    errors.push(...scopeProblems(industry, cmd.requirementIds, ctx.isRequirementOf));
    const scope = new Set(cmd.requirementIds);
    const orphaned = a.evidence.filter((e) => !scope.has(e.requirementId)).map((e) => e.id);
    if (orphaned.length > 0) {
      errors.push(
        fail(
          'conflict',
          'evidence refers to requirements outside the new scope: remove it first',
          'requirementIds',
          {
            evidenceIds: orphaned,
          },
        ),
      );
    }
  }
  if (cmd.modelId !== undefined && isBlank(cmd.modelId))
    errors.push(fail('validation', 'modelId is blank', 'modelId'));
  if (cmd.eligibility !== undefined) {
    for (const f of ELIGIBILITY_FIELDS) {
      if (typeof cmd.eligibility[f.key] !== 'boolean') {
        errors.push(fail('validation', `${f.key} must be answered (true or false)`, `eligibility.${f.key}`));
      }
    }
  }
  return firstOf(errors);
};

export const effectUpdate: Effect<'application.update'> = (a, cmd, ctx) => {
  const next: Assessment = { ...a, application: { ...a.application } };
  const changed: string[] = [];
  if (cmd.industry !== undefined) {
    next.industry = cmd.industry;
    changed.push('industry');
  }
  if (cmd.requirementIds !== undefined) {
    next.requirementIds = [...cmd.requirementIds];
    changed.push('requirementIds');
  }
  if (cmd.modelId !== undefined) {
    next.modelId = cmd.modelId;
    changed.push('modelId');
  }
  if (cmd.eligibility !== undefined) {
    const year = chinaYear(ctx.now);
    next.application.eligibility = {
      noMajorSafetyAccident: cmd.eligibility.noMajorSafetyAccident,
      noMajorEnvironmentalIncident: cmd.eligibility.noMajorEnvironmentalIncident,
      hasTransformationPlan: cmd.eligibility.hasTransformationPlan,
      compliesWithLaws: cmd.eligibility.compliesWithLaws,
      truthfulnessCommitment: cmd.eligibility.truthfulnessCommitment,
      years: [year - 1, year],
      declaredAt: ctx.at,
      declaredBy: ctx.actor.userId,
    };
    changed.push('eligibility');
  }
  return { assessment: next, events: [{ type: 'application.updated', data: { changed } }] };
};

function submittedItem(input: Omit<EvidenceItem, 'kind' | 'by'>, ctx: Ctx): EvidenceItem {
  return { ...input, kind: 'submitted', by: ctx.actor.userId };
}

export const guardUpload: Guard<'evidence.upload'> = (a, cmd, ctx) => {
  if (a.evidence.some((e) => e.id === cmd.item.id)) {
    return fail('conflict', `evidence ${cmd.item.id} already exists`, 'item.id');
  }
  const item = submittedItem(cmd.item, ctx);
  const errors = validateEvidenceItem(item, {
    industry: a.industry,
    isRequirementOf: (_i, id) => ctx.inScope(id),
    now: ctx.now,
  });
  if (
    item.attachmentKind !== undefined &&
    !(ATTACHMENT_KINDS as readonly string[]).includes(item.attachmentKind)
  )
    errors.push(
      fail(
        'validation',
        `attachment kind must be one of ${ATTACHMENT_KINDS.join(', ')}`,
        'item.attachmentKind',
      ),
    );
  return firstOf(errors);
};

/** After the collection stage: only material answering an open request of the team (4.6.2). */
export const guardUploadOnRequest: Guard<'evidence.upload'> = (a, cmd, ctx) =>
  uploadOnRequestProblem(a, cmd.item.requirementId) ?? guardUpload(a, cmd, ctx);

export const effectUpload: Effect<'evidence.upload'> = (a, cmd, ctx) => ({
  assessment: { ...a, evidence: [...a.evidence, submittedItem(cmd.item, ctx)] },
  events: [
    {
      type: 'evidence.uploaded',
      data: {
        evidenceId: cmd.item.id,
        requirementId: cmd.item.requirementId,
        attachmentKind: cmd.item.attachmentKind ?? null,
      },
    },
  ],
});

export const guardRemove: Guard<'evidence.remove'> = (a, cmd) => {
  const item = a.evidence.find((e) => e.id === cmd.itemId);
  if (!item) return fail('not_found', `no evidence ${cmd.itemId}`, 'itemId');
  if (item.kind !== 'submitted')
    return fail('forbidden', 'only evidence the enterprise submitted can be removed', 'itemId');
  return null;
};

export const effectRemove: Effect<'evidence.remove'> = (a, cmd) => ({
  assessment: { ...a, evidence: a.evidence.filter((e) => e.id !== cmd.itemId) },
  events: [{ type: 'evidence.removed', data: { evidenceId: cmd.itemId } }],
});

export const effectSubmit: Effect<'application.submit'> = (a, _cmd, ctx) => {
  const withEvidence = new Set(a.evidence.map((e) => e.requirementId));
  return {
    assessment: {
      ...a,
      application: { ...a.application, submittedAt: ctx.at, submittedBy: ctx.actor.userId },
    },
    events: [
      {
        type: 'application.submitted',
        data: {
          requirementsWithEvidence: a.requirementIds.filter((id) => withEvidence.has(id)).length,
          requirementsWithoutEvidence: a.requirementIds.filter((id) => !withEvidence.has(id)).length,
        },
      },
    ],
  };
};

export const effectWithdraw: Effect<'application.withdraw'> = (a, cmd, ctx) => ({
  assessment: {
    ...a,
    application: {
      ...a.application,
      withdrawal: {
        by: ctx.actor.userId,
        at: ctx.at,
        ...(isBlank(cmd.reason) ? {} : { reason: cmd.reason }),
      },
    },
  },
  events: [{ type: 'application.withdrawn', data: { reason: cmd.reason ?? null } }],
});

export const effectAccept: Effect<'application.accept'> = (a, cmd, ctx) => ({
  assessment: {
    ...a,
    application: {
      ...a.application,
      review: {
        decision: 'accepted',
        by: ctx.actor.userId,
        at: ctx.at,
        ...(isBlank(cmd.note) ? {} : { reason: cmd.note }),
      },
    },
  },
  events: [{ type: 'application.accepted', data: {} }],
});

export const guardReject: Guard<'application.reject'> = (_a, cmd) =>
  isBlank(cmd.reason)
    ? fail('validation', 'a rejection needs a reason', 'reason', { rule: 'application.rejectReason' })
    : null;

export const effectReject: Effect<'application.reject'> = (a, cmd, ctx) => ({
  assessment: {
    ...a,
    application: {
      ...a.application,
      review: { decision: 'rejected', reason: cmd.reason.trim(), by: ctx.actor.userId, at: ctx.at },
    },
  },
  events: [{ type: 'application.rejected', data: { reason: cmd.reason.trim() } }],
});
