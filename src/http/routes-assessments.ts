/**
 * Assessments: list (own tenant only), create (enterprise), get, update the application, transitions, team,
 * plans, meetings, report draft, result, report, the assessment's audit trail.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../access/can.js';
import type { Action } from '../access/types.js';
import type { IndustryId } from '../model/types.js';
import type { GradeKey } from '../planning/types.js';
import type { AssessmentInfo } from '../reports/common.js';
import { createApplication } from '../process/application.js';
import { checkTeam } from '../process/team.js';
import { assessmentResource } from '../process/resource.js';
import type {
  Assessment,
  Command,
  EligibilityAnswers,
  MeetingInput,
  PlanInput,
  ReportSection,
  ScoreValue,
  Stage,
  TeamMember,
} from '../process/types.js';
import { appendAudit, listAudit } from '../store/audit.js';
import { listAssessments } from '../store/repos/assessments.js';
import { listSelfScores } from '../store/repos/scores.js';
import { inTransaction, newId, nowIso } from '../store/util.js';
import type { Access, Ctx } from './context.js';
import { authOf } from './context.js';
import { insertDoc, loadDoc, mutateDoc, type ApplicationForm, type Doc } from './documents.js';
import { compiledFor, computeResult, modelOr404, requirementIdsOf, resultJson } from './engine.js';
import { forbidden, HttpError, notFound, validation, versionConflict } from './errors.js';
import { apply, expertOf, processEnv, transitionAudit } from './process-helpers.js';
import {
  anyArray,
  anyObject,
  anyObjectOrNull,
  applicationForm,
  arr,
  eligibility,
  enumOf,
  id,
  idParams,
  industry,
  int,
  meetingInput,
  obj,
  planInput,
  reportSections,
  responses,
  stage,
  transitionCommand,
} from './schemas.js';
import {
  isTeamOrBody,
  orgNames,
  RESULT_VISIBLE_TO_ENTERPRISE,
  selfCounts,
  summaryOf,
  viewOf,
} from './views.js';

const REPORT_MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** The Word / PDF report or the result workbook of the frozen result (src/reports, src/planning). */
async function renderReportFile(
  ctx: Ctx,
  a: Assessment,
  format: 'docx' | 'xlsx' | 'pdf',
): Promise<{ buffer: Buffer; enterprise: string }> {
  // Loaded on first use: the report modules (docx, charts, fonts) are heavy and most requests never need them.
  const [{ gradeKeyOf, planningInputFromAssessment }, { buildReportDocx }, pdf, { resultWorkbookBuffer }] =
    await Promise.all([
      import('../planning/build.js'),
      import('../reports/docx-report.js'),
      import('../reports/pdf.js'),
      import('../reports/xlsx-export.js'),
    ]);
  const frozen = a.result!;
  const model = modelOr404(a.modelId);
  const compiled = compiledFor(a.modelId, a.industry);
  const scores = new Map(Object.entries(frozen.teamScores) as [string, ScoreValue][]);
  const result = computeResult(a.modelId, a.industry, Object.fromEntries(scores), false);
  const enterprise = (await orgNames(ctx.db, [a.enterpriseOrgId])).get(a.enterpriseOrgId) ?? '';
  const team = [...(a.team?.members ?? [])]
    .sort((x, y) => (x.role === 'leader' ? -1 : y.role === 'leader' ? 1 : 0))
    .map((m) => ({ name: m.expert.name, ...(m.role === 'leader' ? { role: '组长' } : {}) }));
  const info: AssessmentInfo = {
    enterprise,
    industry: a.industry,
    modelId: a.modelId,
    modelTitle: model.meta.title,
    reportDate: (a.seal?.at ?? frozen.frozenAt).slice(0, 10),
    ...(team.length ? { team } : {}),
  };
  if (format === 'xlsx') {
    const grades = new Map<string, GradeKey>();
    for (const [rid, v] of scores) {
      const k = gradeKeyOf(model.satisfaction, v);
      if (k) grades.set(rid, k);
    }
    const notes = new Map(
      Object.entries(a.consensus)
        .filter(([, e]) => e.rationale)
        .map(([rid, e]) => [rid, { rationale: e.rationale }]),
    );
    return {
      buffer: await resultWorkbookBuffer({ model, compiled, result, grades, notes, info }),
      enterprise,
    };
  }
  const docx = await buildReportDocx({
    model,
    result,
    planning: planningInputFromAssessment(compiled, scores),
    info,
  });
  if (format === 'docx') return { buffer: docx, enterprise };
  try {
    return { buffer: await pdf.docxToPdf(docx), enterprise };
  } catch (error) {
    if (error instanceof pdf.ToolMissingError)
      throw new HttpError(
        501,
        'NOT_IMPLEMENTED',
        'PDF needs LibreOffice on the server; download docx instead',
      );
    if (error instanceof pdf.ConversionError)
      throw new HttpError(502, 'INTERNAL', `PDF conversion failed: ${error.message}`);
    throw error;
  }
}

export const onAssessment = (action: Action): { access: Access } => ({
  access: { kind: 'assessment', action },
});

export async function renderView(ctx: Ctx, doc: Doc, request: FastifyRequest) {
  const { actor } = authOf(request);
  const a = doc.assessment;
  const [names, counts] = await Promise.all([
    orgNames(ctx.db, [a.enterpriseOrgId]),
    selfCounts(ctx.db, [a.id]),
  ]);
  return viewOf(doc, actor, names.get(a.enterpriseOrgId) ?? '', counts.get(a.id) ?? 0);
}

function ensureVersion(doc: Doc, expected: number, current: () => unknown): void {
  if (doc.assessment.version !== expected)
    throw versionConflict(
      `the assessment is at version ${doc.assessment.version}, the request expected ${expected}`,
      current(),
    );
}

export function registerAssessmentRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { db } = ctx;
  const now = () => ctx.config.now();

  app.get(
    '/api/assessments',
    {
      config: { access: { kind: 'session' } },
      schema: {
        tags: ['assessments'],
        summary: 'Assessments the user may read (own enterprise / own body / own team)',
        querystring: obj({ stage }),
        response: responses(anyArray),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { stage: wanted } = request.query as { stage?: Stage };
      const ids = new Set<string>();
      const filter = wanted ? { stage: wanted } : {};
      if (actor.orgId && actor.roles.includes('enterprise_user'))
        for (const a of await listAssessments(db, { ...filter, enterpriseId: actor.orgId })) ids.add(a.id);
      if (actor.orgId && actor.roles.includes('body_admin'))
        for (const a of await listAssessments(db, { ...filter, bodyId: actor.orgId })) ids.add(a.id);
      if (actor.roles.includes('expert')) {
        const rows = await db
          .selectFrom('team_members')
          .select('assessment_id')
          .where('user_id', '=', actor.userId)
          .execute();
        for (const r of rows) ids.add(r.assessment_id);
      }
      const docs: Doc[] = [];
      for (const id of ids) {
        const doc = await loadDoc(db, id);
        if (!doc) continue;
        if (wanted && doc.assessment.stage !== wanted) continue;
        if (!can(actor, 'assessment.read', assessmentResource(doc.assessment))) continue;
        docs.push(doc);
      }
      const [names, counts] = await Promise.all([
        orgNames(
          db,
          docs.map((d) => d.assessment.enterpriseOrgId),
        ),
        selfCounts(
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
    },
  );

  app.post(
    '/api/assessments',
    {
      config: { access: { kind: 'session' } },
      schema: {
        tags: ['assessments'],
        summary: 'The enterprise starts an application (stage application)',
        body: obj({ modelId: id, industry, eligibility, form: applicationForm, bodyOrgId: id }, [
          'modelId',
          'industry',
          'eligibility',
          'form',
        ]),
        response: responses(anyObject, 201),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body as {
        modelId: string;
        industry: IndustryId;
        eligibility: EligibilityAnswers;
        form: ApplicationForm;
        bodyOrgId?: string;
      };
      const enterpriseOrgId = auth.actor.orgId;
      if (!enterpriseOrgId || !auth.actor.roles.includes('enterprise_user'))
        throw forbidden('application.write: only enterprise users apply');
      modelOr404(b.modelId);
      let bodyOrgId = b.bodyOrgId;
      if (bodyOrgId === undefined) {
        const bodies = await db.selectFrom('organisations').select('id').where('kind', '=', 'body').execute();
        if (bodies.length !== 1)
          throw validation(
            'choose the assessment body (bodyOrgId): there is not exactly one',
            'body.bodyOrgId',
          );
        bodyOrgId = bodies[0]!.id;
      } else {
        const body = await db
          .selectFrom('organisations')
          .select('kind')
          .where('id', '=', bodyOrgId)
          .executeTakeFirst();
        if (body?.kind !== 'body') throw validation('bodyOrgId is not an assessment body', 'body.bodyOrgId');
      }
      const id = newId();
      const created = createApplication(
        {
          id,
          enterpriseOrgId,
          bodyOrgId,
          industry: b.industry,
          modelId: b.modelId,
          requirementIds: requirementIdsOf(b.modelId, b.industry),
        },
        auth.actor,
        now(),
        processEnv(ctx, b.modelId),
      );
      if (!created.ok) throw (await import('./errors.js')).fromProcessError(created.error);
      const first: Doc = { assessment: created.assessment, form: b.form };
      const { doc, events } = apply(
        ctx,
        first,
        { type: 'application.update', eligibility: b.eligibility },
        auth,
      );
      await inTransaction(db, async (trx) => {
        const at = nowIso();
        await trx
          .insertInto('assessments')
          .values({
            id,
            enterprise_id: enterpriseOrgId,
            body_id: bodyOrgId,
            industry: b.industry,
            model_id: b.modelId,
            stage: doc.assessment.stage,
            version: doc.assessment.version,
            created_by: auth.user.id,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await insertDoc(trx, doc);
        await appendAudit(trx, auth.storeActor, {
          entity: 'assessment',
          entityId: id,
          action: 'create',
          after: {
            stage: doc.assessment.stage,
            version: doc.assessment.version,
            industry: b.industry,
            modelId: b.modelId,
            events: events.map((e) => e.type),
          },
        });
      });
      return reply.status(201).send(await renderView(ctx, doc, request));
    },
  );

  app.get(
    '/api/assessments/:id',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['assessments'],
        summary: 'One assessment',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const doc = await loadDoc(db, (request.params as { id: string }).id);
      if (!doc) throw notFound('assessment');
      return renderView(ctx, doc, request);
    },
  );

  app.patch(
    '/api/assessments/:id',
    {
      config: onAssessment('application.write'),
      schema: {
        tags: ['assessments'],
        summary: 'Update the application (industry, eligibility, form) while in stage application',
        params: idParams,
        body: obj({ industry, eligibility, form: applicationForm, expectedVersion: int() }, [
          'expectedVersion',
        ]),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const b = request.body as {
        industry?: IndustryId;
        eligibility?: EligibilityAnswers;
        form?: ApplicationForm;
        expectedVersion: number;
      };
      const doc = await mutateDoc(db, id, auth.storeActor, async (before) => {
        ensureVersion(before, b.expectedVersion, () => null);
        const command: Command = {
          type: 'application.update',
          ...(b.industry !== undefined && b.industry !== before.assessment.industry
            ? {
                industry: b.industry,
                requirementIds: requirementIdsOf(before.assessment.modelId, b.industry),
              }
            : {}),
          ...(b.eligibility !== undefined ? { eligibility: b.eligibility } : {}),
        };
        const { doc: after, events } = apply(ctx, before, command, auth);
        const next: Doc = { ...after, form: b.form ?? before.form };
        return {
          doc: next,
          audit: [transitionAudit(before, next, command, events, { form: b.form !== undefined })],
          result: next,
        };
      });
      return renderView(ctx, doc, request);
    },
  );

  app.post(
    '/api/assessments/:id/transitions',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['assessments'],
        summary:
          'Move the assessment along (submit, accept/reject, confirm plan, open scoring, freeze, publish, reopen …)',
        params: idParams,
        body: obj({ command: transitionCommand, expectedVersion: int() }, ['command', 'expectedVersion']),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const b = request.body as { command: Command; expectedVersion: number };
      const doc = await mutateDoc(db, id, auth.storeActor, async (before) => {
        let command: Command = b.command;
        // Commands that only concern the actor's own sheet do not compete with the aggregate's version.
        if (command.type !== 'score.submit') {
          ensureVersion(before, b.expectedVersion, () => null);
        }
        if (command.type === 'result.freeze') {
          const a = before.assessment;
          const scores: Record<string, string> = {};
          for (const [rid, e] of Object.entries(a.consensus)) scores[rid] = e.value;
          const missing = a.requirementIds.filter((r) => scores[r] === undefined);
          // Let the process report incomplete consensus; compute only a complete result.
          const result =
            missing.length === 0 ? resultJson(computeResult(a.modelId, a.industry, scores, false)) : null;
          command = { type: 'result.freeze', modelId: a.modelId, result };
        }
        const { doc: after, events } = apply(ctx, before, command, auth);
        return { doc: after, audit: [transitionAudit(before, after, command, events)], result: after };
      });
      return renderView(ctx, doc, request);
    },
  );

  // --- team -------------------------------------------------------------------------------------------------

  app.get(
    '/api/assessments/:id/team/candidates',
    {
      config: onAssessment('team.assign'),
      schema: {
        tags: ['team'],
        summary: 'Active experts with their disciplines, training and declared conflicts, and current load',
        params: idParams,
        response: responses(anyArray),
      },
    },
    async () => {
      const users = await db
        .selectFrom('users')
        .select(['id', 'roles', 'organisation_id'])
        .where('active', '=', 1)
        .execute();
      const experts = users.filter((u) => (JSON.parse(u.roles) as string[]).includes('expert'));
      const loads = await db
        .selectFrom('team_members')
        .innerJoin('assessments', 'assessments.id', 'team_members.assessment_id')
        .select(['team_members.user_id'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assessments.stage', 'not in', ['published', 'withdrawn', 'rejected'])
        .groupBy('team_members.user_id')
        .execute();
      const load = new Map(loads.map((l) => [l.user_id, Number(l.n)]));
      const names = await orgNames(db, experts.map((e) => e.organisation_id ?? '').filter(Boolean));
      const out = [];
      for (const u of experts) {
        const expert = await expertOf(db, u.id);
        if (expert)
          out.push({ expert, orgName: names.get(u.organisation_id ?? '') ?? '', load: load.get(u.id) ?? 0 });
      }
      return out;
    },
  );

  const membersSchema = arr(obj({ userId: id, role: enumOf(['leader', 'member']) }, ['userId', 'role']), 101);

  async function teamOf(members: { userId: string; role: 'leader' | 'member' }[]): Promise<TeamMember[]> {
    const out: TeamMember[] = [];
    for (const [i, m] of members.entries()) {
      const expert = await expertOf(db, m.userId);
      if (!expert) throw validation(`user ${m.userId} is not an active expert`, `body.members.${i}.userId`);
      out.push({ expert, role: m.role });
    }
    return out;
  }

  app.post(
    '/api/assessments/:id/team/check',
    {
      config: onAssessment('team.assign'),
      schema: {
        tags: ['team'],
        summary: 'Live check of a (possibly incomplete) team against 4.5.2 / 4.2.2, without saving',
        params: idParams,
        body: obj({ members: membersSchema }, ['members']),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { members } = request.body as { members: { userId: string; role: 'leader' | 'member' }[] };
      const team = await teamOf(members);
      return checkTeam({ members: team }, { orgId: request.doc!.assessment.enterpriseOrgId }, now(), {
        conflictLookbackDays: ctx.config.process.conflictLookbackDays ?? null,
      });
    },
  );

  app.put(
    '/api/assessments/:id/team',
    {
      config: onAssessment('team.assign'),
      schema: {
        tags: ['team'],
        summary: 'Assign (or re-assign during planning) the expert team; 422 RULE_VIOLATION when rules fail',
        params: idParams,
        body: obj({ members: membersSchema, expectedVersion: int() }, ['members', 'expectedVersion']),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const b = request.body as {
        members: { userId: string; role: 'leader' | 'member' }[];
        expectedVersion: number;
      };
      const members = await teamOf(b.members);
      const doc = await mutateDoc(db, id, auth.storeActor, async (before) => {
        ensureVersion(before, b.expectedVersion, () => null);
        const command: Command = { type: 'team.assign', members };
        const { doc: after, events } = apply(ctx, before, command, auth);
        return { doc: after, audit: [transitionAudit(before, after, command, events)], result: after };
      });
      return renderView(ctx, doc, request);
    },
  );

  // --- plans, meetings, report ------------------------------------------------------------------------------

  app.get(
    '/api/assessments/:id/plans',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['plans'],
        summary: 'The two plans (4.5.3)',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => request.doc!.assessment.plans,
  );

  app.put(
    '/api/assessments/:id/plans/:kind',
    {
      config: onAssessment('plan.write'),
      schema: {
        tags: ['plans'],
        summary: 'Write a plan (leader); 409 VERSION_CONFLICT with the stored plan on a stale version',
        params: obj({ id, kind: enumOf(['pre', 'formal']) }, ['id', 'kind']),
        body: planInput,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, kind } = request.params as { id: string; kind: 'pre' | 'formal' };
      const { expectedVersion, ...plan } = request.body as PlanInput & { expectedVersion: number };
      return mutateDoc(db, id, auth.storeActor, async (before) => {
        const command: Command = { type: 'plan.write', plan: { ...plan, kind }, expectedVersion };
        const { doc: after, events } = apply(
          ctx,
          before,
          command,
          auth,
          () => before.assessment.plans[kind] ?? null,
        );
        return {
          doc: after,
          audit: [transitionAudit(before, after, command, events)],
          result: after.assessment.plans[kind],
        };
      });
    },
  );

  app.get(
    '/api/assessments/:id/meetings',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['meetings'],
        summary: 'First and final meetings',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => request.doc!.assessment.meetings,
  );

  app.put(
    '/api/assessments/:id/meetings/:kind',
    {
      config: onAssessment('meeting.record'),
      schema: {
        tags: ['meetings'],
        summary: 'Record the first (4.6.1) or final (4.7.2) meeting (leader); moves the stage on',
        params: obj({ id, kind: enumOf(['first', 'final']) }, ['id', 'kind']),
        body: meetingInput,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, kind } = request.params as { id: string; kind: 'first' | 'final' };
      const meeting = request.body as MeetingInput;
      return mutateDoc(db, id, auth.storeActor, async (before) => {
        const command: Command =
          kind === 'first'
            ? { type: 'meeting.record_first', meeting }
            : { type: 'meeting.record_final', meeting };
        const { doc: after, events } = apply(ctx, before, command, auth);
        return {
          doc: after,
          audit: [transitionAudit(before, after, command, events)],
          result: after.assessment.meetings[kind],
        };
      });
    },
  );

  app.get(
    '/api/assessments/:id/report-draft',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['report'],
        summary: 'The report draft (team, body; the enterprise once communicated)',
        params: idParams,
        response: responses(anyObjectOrNull),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const a = request.doc!.assessment;
      if (!isTeamOrBody(a, actor) && !RESULT_VISIBLE_TO_ENTERPRISE.includes(a.stage))
        throw forbidden('the report is visible to the enterprise once communicated');
      return a.report ?? null;
    },
  );

  app.put(
    '/api/assessments/:id/report-draft',
    {
      config: onAssessment('report.write'),
      schema: {
        tags: ['report'],
        summary: 'Write the report sections (4.6.4); 409 with the stored report on a stale version',
        params: idParams,
        body: obj({ sections: reportSections, expectedVersion: int() }, ['sections', 'expectedVersion']),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const b = request.body as { sections: Partial<Record<ReportSection, string>>; expectedVersion: number };
      return mutateDoc(db, id, auth.storeActor, async (before) => {
        const command: Command = {
          type: 'report.write',
          sections: b.sections,
          expectedVersion: b.expectedVersion,
        };
        const { doc: after, events } = apply(
          ctx,
          before,
          command,
          auth,
          () => before.assessment.report ?? null,
        );
        return {
          doc: after,
          audit: [transitionAudit(before, after, command, events)],
          result: after.assessment.report,
        };
      });
    },
  );

  // --- result -----------------------------------------------------------------------------------------------

  app.get(
    '/api/assessments/:id/result',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['result'],
        summary:
          'The result: source=self (the enterprise’s self-assessment, live) or team (the team scores; the frozen result once frozen)',
        params: idParams,
        querystring: obj({ source: enumOf(['self', 'team']) }),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { id } = request.params as { id: string };
      const source = (request.query as { source?: 'self' | 'team' }).source ?? 'team';
      const a = request.doc!.assessment;
      let scores: Record<string, ScoreValue> = {};
      if (source === 'self') {
        if (
          !can(actor, 'self-assessment.write', {
            kind: 'organization',
            orgId: a.enterpriseOrgId,
            orgKind: 'enterprise',
          })
        )
          throw forbidden('the self-assessment is the enterprise’s own');
        for (const s of await listSelfScores(db, id))
          scores[s.requirementId] = (
            s.valueTenths === 10 ? '1' : s.valueTenths === 0 ? '0' : `0.${s.valueTenths}`
          ) as ScoreValue;
      } else {
        if (!isTeamOrBody(a, actor) && !RESULT_VISIBLE_TO_ENTERPRISE.includes(a.stage))
          throw forbidden('the team’s result is visible to the enterprise once communicated');
        if (a.result) scores = { ...a.result.teamScores };
        else for (const [rid, e] of Object.entries(a.consensus)) scores[rid] = e.value;
      }
      const inScope = Object.fromEntries(
        Object.entries(scores).filter(([rid]) => a.requirementIds.includes(rid)),
      );
      const frozen = source === 'team' ? a.result : undefined;
      const r = computeResult(a.modelId, a.industry, inScope, true);
      const value = (frozen?.value as typeof r | undefined) ?? r;
      return {
        modelId: a.modelId,
        industry: a.industry,
        source,
        scores: inScope,
        partial: !r.complete,
        summary: {
          total: value.total.display,
          levelScores: Object.fromEntries(value.levels.map((l) => [l.level, l.score.display])),
          met: Object.fromEntries(value.levels.map((l) => [l.level, l.met])),
          level: value.conclusion.belowLevel1 ? null : value.conclusion.level,
          conclusion: `${value.conclusion.ordinal} ${value.conclusion.name}`.trim(),
        },
        ...(frozen ? { frozen: { revision: frozen.revision, frozenAt: frozen.frozenAt } } : {}),
        ...(a.seal && source === 'team' ? { publishedAt: a.seal.at } : {}),
      };
    },
  );

  app.get(
    '/api/assessments/:id/report',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['report'],
        summary:
          'The report as a file: docx (Word report), pdf (the same through LibreOffice), xlsx (result workbook), json; ' +
          'built from the frozen result (409 before it is frozen). The enterprise sees it once communicated.',
        params: idParams,
        querystring: obj({ format: enumOf(['json', 'docx', 'xlsx', 'pdf']) }, ['format']),
        response: { '4xx': anyObject, '5xx': anyObject },
      },
    },
    async (request, reply) => {
      const { actor } = authOf(request);
      const a = request.doc!.assessment;
      const { format } = request.query as { format: 'json' | 'docx' | 'xlsx' | 'pdf' };
      if (!isTeamOrBody(a, actor) && !RESULT_VISIBLE_TO_ENTERPRISE.includes(a.stage))
        throw forbidden('the report is visible to the enterprise once communicated');
      void reply.header('cache-control', 'private, no-store');
      if (format === 'json') {
        void reply.header('content-disposition', `attachment; filename="report-${a.id}.json"`);
        return {
          assessmentId: a.id,
          enterpriseOrgId: a.enterpriseOrgId,
          industry: a.industry,
          modelId: a.modelId,
          stage: a.stage,
          report: a.report ?? null,
          result: a.result ?? null,
          seal: a.seal ?? null,
        };
      }
      if (!a.result)
        throw new HttpError(409, 'INVALID_TRANSITION', `the report needs a frozen result (stage ${a.stage})`);
      const file = await renderReportFile(ctx, a, format);
      void reply.header('content-type', REPORT_MIME[format]);
      void reply.header(
        'content-disposition',
        `attachment; filename="report-${a.id}.${format}"; filename*=UTF-8''${encodeURIComponent(`评估报告-${file.enterprise}.${format}`)}`,
      );
      return reply.send(file.buffer);
    },
  );

  app.get(
    '/api/assessments/:id/audit',
    {
      config: onAssessment('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail of one assessment (body admin, leader)',
        params: idParams,
        querystring: obj({ afterSeq: int(), limit: { type: 'integer', minimum: 1, maximum: 1000 } }),
        response: responses(anyArray),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { afterSeq?: number; limit?: number };
      const entries = await listAudit(db, { entityTree: id, afterSeq: q.afterSeq, limit: q.limit ?? 200 });
      return entries.map(({ prevHash: _prevHash, ...entry }) => entry);
    },
  );
}
