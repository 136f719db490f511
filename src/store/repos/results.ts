/**
 * Frozen results (immutable engine output), reports, and contests (申诉) against a result.
 */
import { withAudit } from '../audit.js';
import type { ReportStatus, Row } from '../schema.js';
import { canonicalJson, newId, nowIso, parseJson, toIso, type Actor, type Db } from '../util.js';
import { conflict, NotFoundError, type Versioned } from './common.js';

export interface FrozenResult {
  id: string;
  assessmentId: string;
  seq: number;
  modelId: string;
  output: unknown;
  /** The exact stored JSON text of the output. */
  outputJson: string;
  createdBy: string | null;
  createdAt: string;
}

function toResult(r: Row<'results'>): FrozenResult {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    seq: r.seq,
    modelId: r.model_id,
    output: parseJson(r.output),
    outputJson: r.output,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Stores the engine output as canonical JSON, as result seq n+1 of the assessment. Results are never changed. */
export async function freezeResult(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; modelId: string; output: unknown },
): Promise<FrozenResult> {
  return withAudit(db, actor, async (trx) => {
    const last = await trx
      .selectFrom('results')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('assessment_id', '=', input.assessmentId)
      .executeTakeFirst();
    const row: Row<'results'> = {
      id: newId(),
      assessment_id: input.assessmentId,
      seq: Number(last?.seq ?? 0) + 1,
      model_id: input.modelId,
      output: canonicalJson(input.output),
      created_by: actor.userId,
      created_at: nowIso(),
    };
    // a concurrent freeze of the same assessment fails on UNIQUE (assessment_id, seq)
    await trx.insertInto('results').values(row).execute();
    const r = toResult(row);
    return {
      result: r,
      audit: {
        entity: 'result',
        entityId: r.id,
        action: 'freeze',
        after: { seq: r.seq, modelId: r.modelId, output: r.output },
      },
    };
  });
}

export async function getResult(db: Db, id: string): Promise<FrozenResult | undefined> {
  const r = await db.selectFrom('results').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toResult(r);
}

export async function getLatestResult(db: Db, assessmentId: string): Promise<FrozenResult | undefined> {
  const r = await db
    .selectFrom('results')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toResult(r);
}

export async function listResults(db: Db, assessmentId: string): Promise<FrozenResult[]> {
  const rows = await db
    .selectFrom('results')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('seq')
    .execute();
  return rows.map(toResult);
}

// ---------------------------------------------------------------------------------------------------------------
// Reports

export interface Report {
  id: string;
  assessmentId: string;
  resultId: string;
  status: ReportStatus;
  content: unknown;
  version: number;
  sealedSha256: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

function toReport(r: Row<'reports'>): Report {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    resultId: r.result_id,
    status: r.status,
    content: parseJson(r.content),
    version: r.version,
    sealedSha256: r.sealed_sha256,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

export async function createReport(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; resultId: string; content: unknown },
): Promise<Report> {
  const now = nowIso();
  const row: Row<'reports'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    result_id: input.resultId,
    status: 'draft',
    content: JSON.stringify(input.content ?? null),
    version: 1,
    sealed_sha256: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    published_at: null,
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('reports').values(row).execute();
    const r = toReport(row);
    return { result: r, audit: { entity: 'report', entityId: r.id, action: 'create', after: r } };
  });
}

export async function getReport(db: Db, id: string): Promise<Report | undefined> {
  const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toReport(r);
}

export async function listReports(db: Db, assessmentId: string): Promise<Report[]> {
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toReport);
}

/**
 * Edits a draft, publishes it (`status: 'published'`) or seals it (`status: 'sealed'` with the document's sha256).
 * Only drafts can be edited; published reports can only be sealed; sealed reports never change (conflict).
 */
export async function updateReport(
  db: Db,
  actor: Actor,
  input: {
    id: string;
    expectedVersion: number;
    content?: unknown;
    status?: ReportStatus;
    sealedSha256?: string;
    reason?: string;
  },
): Promise<Versioned<Report>> {
  return withAudit<Versioned<Report>>(db, actor, async (trx) => {
    const before = await getReport(trx, input.id);
    if (!before) throw new NotFoundError('report', input.id);
    if (before.version !== input.expectedVersion) return { result: conflict(before), audit: [] };
    const allowed =
      before.status === 'draft' ||
      (before.status === 'published' && input.status === 'sealed' && input.content === undefined);
    if (!allowed) throw new Error(`report ${input.id} is ${before.status} and cannot be changed that way`);
    if (input.status === 'sealed' && !/^[0-9a-f]{64}$/.test(input.sealedSha256 ?? '')) {
      throw new RangeError('sealing a report needs the sha256 of the sealed document');
    }
    const now = nowIso();
    const row = await trx
      .updateTable('reports')
      .set({
        ...(input.content !== undefined && { content: JSON.stringify(input.content) }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.status === 'sealed' && { sealed_sha256: input.sealedSha256 ?? null }),
        ...(input.status === 'published' && { published_at: now }),
        version: input.expectedVersion + 1,
        updated_at: now,
      })
      .where('id', '=', input.id)
      .where('version', '=', input.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) return { result: conflict(await getReport(trx, input.id)), audit: [] };
    const after = toReport(row);
    const action =
      input.status && input.status !== before.status ? input.status.replace(/ed$/, '') : 'update';
    return {
      result: { ok: true, value: after },
      audit: { entity: 'report', entityId: after.id, action, before, after, reason: input.reason ?? null },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Contests

export interface Contest {
  id: string;
  assessmentId: string;
  requirementId: string;
  reason: string;
  evidenceFileId: string | null;
  raisedBy: string | null;
  raisedAt: string;
  deadline: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  upheld: boolean | null;
  version: number;
}

function toContest(r: Row<'contests'>): Contest {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    reason: r.reason,
    evidenceFileId: r.evidence_file_id,
    raisedBy: r.raised_by,
    raisedAt: r.raised_at,
    deadline: r.deadline,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    upheld: r.upheld === null ? null : r.upheld === 1,
    version: r.version,
  };
}

export async function raiseContest(
  db: Db,
  actor: Actor,
  input: {
    assessmentId: string;
    requirementId: string;
    reason: string;
    evidenceFileId?: string | null;
    deadline: string | Date;
  },
): Promise<Contest> {
  const row: Row<'contests'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    requirement_id: input.requirementId,
    reason: input.reason,
    evidence_file_id: input.evidenceFileId ?? null,
    raised_by: actor.userId,
    raised_at: nowIso(),
    deadline: toIso(input.deadline),
    answer: null,
    answered_by: null,
    answered_at: null,
    upheld: null,
    version: 1,
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('contests').values(row).execute();
    const c = toContest(row);
    return { result: c, audit: { entity: 'contest', entityId: c.id, action: 'raise', after: c } };
  });
}

/** Answers an open contest; answering an answered contest or a stale version is a conflict. */
export async function answerContest(
  db: Db,
  actor: Actor,
  input: { id: string; expectedVersion: number; answer: string; upheld: boolean },
): Promise<Versioned<Contest>> {
  return withAudit<Versioned<Contest>>(db, actor, async (trx) => {
    const row = await trx
      .updateTable('contests')
      .set({
        answer: input.answer,
        upheld: input.upheld ? 1 : 0,
        answered_by: actor.userId,
        answered_at: nowIso(),
        version: input.expectedVersion + 1,
      })
      .where('id', '=', input.id)
      .where('version', '=', input.expectedVersion)
      .where('answer', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await trx
        .selectFrom('contests')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!current) throw new NotFoundError('contest', input.id);
      return { result: conflict(toContest(current)), audit: [] };
    }
    const after = toContest(row);
    return {
      result: { ok: true, value: after },
      audit: { entity: 'contest', entityId: after.id, action: 'answer', after },
    };
  });
}

export async function listContests(db: Db, assessmentId: string): Promise<Contest[]> {
  const rows = await db
    .selectFrom('contests')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
  return rows.map(toContest);
}
