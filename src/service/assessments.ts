/** Use cases of the assessment aggregate: list, create (the application), read, update, move along, audit. */
import type {
  AssessmentSummary,
  AssessmentView,
  CreateAssessmentRequest,
  TransitionRequest,
  UpdateAssessmentRequest,
} from '../contract/assessments.js';
import type { Command } from '../process/types.js';
import { createApplication } from '../process/application.js';
import type { Stage } from '../process/types.js';
import { appendAudit } from '../store/audit.js';
import { listAssessments } from '../store/repos/assessments.js';
import { createAssessmentDoc, loadDoc, type Doc } from '../store/repos/documents.js';
import { getOrganisation, listOrganisations, organisationNames } from '../store/repos/organisations.js';
import { countSelfScores } from '../store/repos/scores.js';
import { listAssessmentIdsOfMember } from '../store/repos/team.js';
import { inTransaction, newId } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import { claimedRequirementIds } from './application-material.js';
import type { Caller, ServiceContext } from './context.js';
import { computeResult, offeredModelOrNotFound, requirementIdsOf, resultJson } from './engine.js';
import { forbidden, fromProcessError, notFound, validation } from './errors.js';
import { apply, ensureVersion, mutateDoc, processEnv, transitionAudit } from './unit-of-work.js';
import { afterTransition } from './publication.js';
import { renderView, summaryOf } from './views.js';

/** Assessments the caller may read (own enterprise, own body, own team), newest first. */
export async function listAssessmentSummaries(
  ctx: ServiceContext,
  caller: Caller,
  filter: { stage?: Stage } = {},
): Promise<AssessmentSummary[]> {
  const { db } = ctx;
  const { actor } = caller;
  const ids = new Set<string>();
  const where = filter.stage ? { stage: filter.stage } : {};
  if (actor.orgId && actor.roles.includes('enterprise_user'))
    for (const a of await listAssessments(db, { ...where, enterpriseId: actor.orgId })) ids.add(a.id);
  if (actor.orgId && actor.roles.includes('body_admin'))
    for (const a of await listAssessments(db, { ...where, bodyId: actor.orgId })) ids.add(a.id);
  if (actor.roles.includes('expert'))
    for (const id of await listAssessmentIdsOfMember(db, actor.userId)) ids.add(id);
  const docs: Doc[] = [];
  for (const id of ids) {
    const doc = await loadDoc(db, id);
    if (!doc) continue;
    if (filter.stage && doc.assessment.stage !== filter.stage) continue;
    try {
      assertCan(actor, 'assessment.read', doc.assessment);
    } catch {
      continue;
    }
    docs.push(doc);
  }
  const [names, counts] = await Promise.all([
    organisationNames(
      db,
      docs.map((d) => d.assessment.enterpriseOrgId),
    ),
    countSelfScores(
      db,
      docs.map((d) => d.assessment.id),
    ),
  ]);
  return docs
    .sort((x, y) => (x.assessment.createdAt < y.assessment.createdAt ? 1 : -1))
    .map((d) =>
      summaryOf(
        d.assessment,
        actor,
        names.get(d.assessment.enterpriseOrgId) ?? '',
        counts.get(d.assessment.id) ?? 0,
      ),
    );
}

/** The enterprise starts an application (stage application). */
export async function createAssessment(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateAssessmentRequest,
): Promise<AssessmentView> {
  const { db } = ctx;
  const enterpriseOrgId = caller.actor.orgId;
  if (!enterpriseOrgId || !caller.actor.roles.includes('enterprise_user'))
    throw forbidden('application.write: only enterprise users apply', { action: 'application.write' });
  offeredModelOrNotFound(input.modelId);
  let bodyOrgId = input.bodyOrgId;
  if (bodyOrgId === undefined) {
    const bodies = await listOrganisations(db, { kind: 'body' });
    if (bodies.length !== 1)
      throw validation('choose the assessment body (bodyOrgId): there is not exactly one', 'body.bodyOrgId', {
        rule: 'bodyOrgId.choose',
      });
    bodyOrgId = bodies[0]!.id;
  } else if ((await getOrganisation(db, bodyOrgId))?.kind !== 'body') {
    throw validation('bodyOrgId is not an assessment body', 'body.bodyOrgId');
  }
  const id = newId();
  const created = createApplication(
    {
      id,
      enterpriseOrgId,
      bodyOrgId,
      industry: input.industry,
      modelId: input.modelId,
      requirementIds: requirementIdsOf(input.modelId, input.industry),
    },
    caller.actor,
    ctx.options.now(),
    processEnv(ctx, input.modelId),
  );
  if (!created.ok) throw fromProcessError(created.error);
  const first: Doc = { assessment: created.assessment, form: input.form };
  const { doc, events } = apply(
    ctx,
    first,
    { type: 'application.update', eligibility: input.eligibility },
    caller,
  );
  await inTransaction(db, async (trx) => {
    await createAssessmentDoc(trx, doc, caller.user.id);
    await appendAudit(trx, caller.storeActor, {
      entity: 'assessment',
      entityId: id,
      action: 'create',
      after: {
        stage: doc.assessment.stage,
        version: doc.assessment.version,
        industry: input.industry,
        modelId: input.modelId,
        events: events.map((e) => e.type),
      },
    });
  });
  return renderView(db, doc, caller.actor);
}

export async function getAssessmentView(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<AssessmentView> {
  await authorizeAssessment(ctx, caller, id);
  const doc = await loadDoc(ctx.db, id);
  if (!doc) throw notFound('assessment');
  return renderView(ctx.db, doc, caller.actor);
}

/** `application.update` while in stage application: industry, eligibility, the form. */
export async function updateApplication(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: UpdateAssessmentRequest,
): Promise<AssessmentView> {
  const doc = await mutateDoc(ctx, id, caller, async (before) => {
    assertCan(caller.actor, 'application.write', before.assessment);
    ensureVersion(before, input.expectedVersion);
    const command: Command = {
      type: 'application.update',
      ...(input.industry !== undefined && input.industry !== before.assessment.industry
        ? {
            industry: input.industry,
            requirementIds: requirementIdsOf(before.assessment.modelId, input.industry),
          }
        : {}),
      ...(input.eligibility !== undefined ? { eligibility: input.eligibility } : {}),
    };
    const { doc: after, events } = apply(ctx, before, command, caller);
    const next: Doc = { ...after, form: input.form ?? before.form };
    return {
      doc: next,
      audit: [transitionAudit(before, next, command, events, { form: input.form !== undefined })],
      result: next,
    };
  });
  return renderView(ctx.db, doc, caller.actor);
}

/** Moves the assessment along (submit, accept / reject, confirm a plan, open scoring, freeze, publish …). */
export async function transitionAssessment(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: TransitionRequest,
): Promise<AssessmentView> {
  const doc = await mutateDoc(ctx, id, caller, async (before, trx) => {
    assertCan(caller.actor, 'assessment.read', before.assessment);
    const requested = input.command;
    // Commands that only concern the actor's own sheet do not compete with the aggregate's version.
    if (requested.type !== 'score.submit') ensureVersion(before, input.expectedVersion);
    let command: Command;
    if (requested.type === 'result.freeze') {
      const a = before.assessment;
      const scores: Record<string, string> = {};
      for (const [rid, e] of Object.entries(a.consensus)) scores[rid] = e.value;
      const missing = a.requirementIds.filter((r) => scores[r] === undefined);
      // Let the process report incomplete consensus; compute only a complete result.
      const result =
        missing.length === 0 ? resultJson(computeResult(a.modelId, a.industry, scores, false)) : null;
      command = { type: 'result.freeze', modelId: a.modelId, result };
    } else if (requested.type === 'application.submit') {
      // 4.4: evidence for every requirement the self-assessment claims (the grades live in their table).
      command = { type: 'application.submit', claimedRequirementIds: await claimedRequirementIds(trx, id) };
    } else {
      command = requested;
    }
    const { doc: after, events } = apply(ctx, before, command, caller);
    const more = await afterTransition(trx, before, after, command);
    return { doc: after, audit: [transitionAudit(before, after, command, events), ...more], result: after };
  });
  return renderView(ctx.db, doc, caller.actor);
}
