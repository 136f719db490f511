/** Use cases of the assessment aggregate: list, create (the application), read, update, move along, audit. */
import type {
  AssessmentListQuery,
  AssessmentPage,
  AssessmentStats,
  AssessmentStatsQuery,
  AssessmentSummary,
  AssessmentView,
  CreateAssessmentRequest,
  TransitionRequest,
  UpdateAssessmentRequest,
} from '../contract/assessments.js';
import type { Command } from '../process/types.js';
import { createApplication } from '../process/application.js';
import { RESULT_VISIBLE_TO_ENTERPRISE } from '../process/visibility.js';
import { appendAudit } from '../store/audit.js';
import { createAssessmentDoc, type Doc } from '../store/repos/documents.js';
import { getOrganisation, listOrganisations } from '../store/repos/organisations.js';
import { pageSummaries, summaryAggregates, type SummaryQuery } from '../store/repos/summaries.js';
import type { Stage } from '../process/types.js';
import type { IndustryId } from '../model/types.js';
import { inTransaction, newId } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import { claimedRequirementIds } from './application-material.js';
import type { Caller, ServiceContext } from './context.js';
import { computeResult, offeredModelOrNotFound, requirementIdsOf, resultJson } from './engine.js';
import { forbidden, fromProcessError, validation } from './errors.js';
import { apply, ensureVersion, mutateDoc, processEnv, transitionAudit } from './unit-of-work.js';
import { afterTransition } from './publication.js';
import { renderView, summaryOfRow } from './views.js';

/** The tenancy of the list (assessment.read as SQL) and where the team's result is visible (canSeeTeamResult). */
export function listScope(actor: Caller['actor']): Pick<SummaryQuery, 'scope' | 'resultVisible'> {
  const enterprise = actor.orgId !== undefined && actor.roles.includes('enterprise_user');
  const body = actor.orgId !== undefined && actor.roles.includes('body_admin');
  const expert = actor.roles.includes('expert');
  return {
    scope: {
      ...(enterprise ? { enterpriseId: actor.orgId } : {}),
      ...(body ? { bodyId: actor.orgId } : {}),
      ...(expert ? { memberUserId: actor.userId } : {}),
    },
    resultVisible: {
      ...(body ? { bodyId: actor.orgId } : {}),
      ...(expert ? { memberUserId: actor.userId } : {}),
      enterpriseStages: RESULT_VISIBLE_TO_ENTERPRISE,
    },
  };
}

export function summaryQuery(
  ctx: ServiceContext,
  caller: Caller,
  query: Partial<AssessmentListQuery>,
  page: { limit: number; offset: number },
): SummaryQuery {
  return {
    ...listScope(caller.actor),
    ...(query.stage !== undefined ? { stage: query.stage } : {}),
    ...(query.industry !== undefined ? { industry: query.industry } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.level !== undefined ? { level: query.level } : {}),
    ...(query.q !== undefined ? { q: query.q } : {}),
    ...(query.overdue === '1' ? { dueBefore: ctx.options.now().toISOString() } : {}),
    ...(query.sort !== undefined ? { sort: query.sort } : {}),
    ...(query.order !== undefined ? { order: query.order } : {}),
    ...page,
  };
}

/** A page of the assessments the caller may read (own enterprise, own body, own team), newest first by default. */
export async function listAssessmentSummaries(
  ctx: ServiceContext,
  caller: Caller,
  query: AssessmentListQuery = {},
): Promise<AssessmentPage> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows, total } = await pageSummaries(ctx.db, summaryQuery(ctx, caller, query, { limit, offset }));
  const items: AssessmentSummary[] = [];
  for (const row of rows) {
    const item = summaryOfRow(row, caller.actor);
    if (item) items.push(item);
  }
  return {
    items,
    total,
    ...(offset + rows.length < total ? { nextCursor: String(offset + rows.length) } : {}),
  };
}

/** The dashboard over the (filtered) list: aggregates in SQL, the result levels only where visible. */
export async function assessmentStats(
  ctx: ServiceContext,
  caller: Caller,
  query: AssessmentStatsQuery = {},
): Promise<AssessmentStats> {
  const q = summaryQuery(ctx, caller, query, { limit: 10, offset: 0 });
  const { overdue: _o, ...rest } = query;
  const overdueQuery = summaryQuery(
    ctx,
    caller,
    { ...rest, overdue: '1', sort: 'due', order: 'asc' },
    {
      limit: 10,
      offset: 0,
    },
  );
  const [agg, overdue] = await Promise.all([
    summaryAggregates(ctx.db, q),
    pageSummaries(ctx.db, overdueQuery),
  ]);
  return {
    total: agg.stages.reduce((n, s) => n + s.n, 0),
    stages: agg.stages.map((s) => ({ stage: s.stage as Stage, n: s.n })),
    levels: agg.levels.map((l) => ({ industry: l.industry as IndustryId, level: l.level, n: l.n })),
    overdue: overdue.rows.flatMap((r) => summaryOfRow(r, caller.actor) ?? []),
    overdueTotal: overdue.total,
  };
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
  // The stored document as read for the access check (cached, read only): the view needs no sheet (issue 10).
  const doc = await authorizeAssessment(ctx, caller, id);
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
