import { withAudit } from '../audit.js';
import type { ApplicationDecision, Row } from '../schema.js';
import { newId, nowIso, parseJson, type Actor, type Db } from '../util.js';
import { conflict, NotFoundError, type Versioned } from './common.js';

export interface Assessment {
  id: string;
  enterpriseId: string;
  bodyId: string | null;
  industry: string;
  modelId: string;
  /** Stage name owned by `src/process`; the store does not interpret it. */
  stage: string;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toAssessment(r: Row<'assessments'>): Assessment {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    bodyId: r.body_id,
    industry: r.industry,
    modelId: r.model_id,
    stage: r.stage,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewAssessment {
  id?: string;
  enterpriseId: string;
  bodyId?: string | null;
  industry: string;
  modelId: string;
  stage: string;
}

export async function createAssessment(db: Db, actor: Actor, input: NewAssessment): Promise<Assessment> {
  const now = nowIso();
  const row: Row<'assessments'> = {
    id: input.id ?? newId(),
    enterprise_id: input.enterpriseId,
    body_id: input.bodyId ?? null,
    industry: input.industry,
    model_id: input.modelId,
    stage: input.stage,
    version: 1,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('assessments').values(row).execute();
    const a = toAssessment(row);
    return { result: a, audit: { entity: 'assessment', entityId: a.id, action: 'create', after: a } };
  });
}

export async function getAssessment(db: Db, id: string): Promise<Assessment | undefined> {
  const r = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAssessment(r);
}

export async function listAssessments(
  db: Db,
  filter: { enterpriseId?: string; bodyId?: string; stage?: string; ids?: string[] } = {},
): Promise<Assessment[]> {
  let q = db.selectFrom('assessments').selectAll();
  if (filter.enterpriseId !== undefined) q = q.where('enterprise_id', '=', filter.enterpriseId);
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.stage !== undefined) q = q.where('stage', '=', filter.stage);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  return (await q.orderBy('created_at', 'desc').orderBy('id').execute()).map(toAssessment);
}

/**
 * Moves an assessment to `toStage` (validated by `src/process` before calling) if it is still at
 * `expectedVersion`; audited as `transition` with the reason (required by the process for a reopen).
 */
export async function updateAssessment(
  db: Db,
  actor: Actor,
  input: {
    id: string;
    expectedVersion: number;
    stage?: string;
    bodyId?: string | null;
    action?: string;
    reason?: string | null;
  },
): Promise<Versioned<Assessment>> {
  return withAudit<Versioned<Assessment>>(db, actor, async (trx) => {
    const before = await getAssessment(trx, input.id);
    if (!before || before.version !== input.expectedVersion) return { result: conflict(before), audit: [] };
    const row = await trx
      .updateTable('assessments')
      .set({
        ...(input.stage !== undefined && { stage: input.stage }),
        ...(input.bodyId !== undefined && { body_id: input.bodyId }),
        version: input.expectedVersion + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', input.id)
      .where('version', '=', input.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) return { result: conflict(await getAssessment(trx, input.id)), audit: [] };
    const after = toAssessment(row);
    const action =
      input.action ?? (input.stage !== undefined && input.stage !== before.stage ? 'transition' : 'update');
    return {
      result: { ok: true, value: after },
      audit: {
        entity: 'assessment',
        entityId: after.id,
        action,
        before,
        after,
        reason: input.reason ?? null,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Applications

export interface Application {
  id: string;
  assessmentId: string;
  eligibility: unknown;
  submittedBy: string | null;
  submittedAt: string;
  decision: ApplicationDecision | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

function toApplication(r: Row<'applications'>): Application {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    eligibility: parseJson(r.eligibility),
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    decision: r.decision,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

export async function submitApplication(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; eligibility: unknown },
): Promise<Application> {
  const row: Row<'applications'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    eligibility: JSON.stringify(input.eligibility ?? null),
    submitted_by: actor.userId,
    submitted_at: nowIso(),
    decision: null,
    decision_reason: null,
    decided_by: null,
    decided_at: null,
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('applications').values(row).execute();
    const a = toApplication(row);
    return { result: a, audit: { entity: 'application', entityId: a.id, action: 'submit', after: a } };
  });
}

/** Decides an undecided application; a second decision is a conflict (the first one is returned). */
export async function decideApplication(
  db: Db,
  actor: Actor,
  input: { applicationId: string; decision: ApplicationDecision; reason: string },
): Promise<Versioned<Application>> {
  return withAudit<Versioned<Application>>(db, actor, async (trx) => {
    const row = await trx
      .updateTable('applications')
      .set({
        decision: input.decision,
        decision_reason: input.reason,
        decided_by: actor.userId,
        decided_at: nowIso(),
      })
      .where('id', '=', input.applicationId)
      .where('decision', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', input.applicationId)
        .executeTakeFirst();
      if (!current) throw new NotFoundError('application', input.applicationId);
      return { result: conflict(toApplication(current)), audit: [] };
    }
    const after = toApplication(row);
    return {
      result: { ok: true, value: after },
      audit: { entity: 'application', entityId: after.id, action: 'decide', after, reason: input.reason },
    };
  });
}

export async function listApplications(db: Db, assessmentId: string): Promise<Application[]> {
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map(toApplication);
}

export async function getLatestApplication(db: Db, assessmentId: string): Promise<Application | undefined> {
  const all = await listApplications(db, assessmentId);
  return all.at(-1);
}
