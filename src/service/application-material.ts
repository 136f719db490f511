/**
 * 4.4 / 4.2.1 the application's material: the briefing of 4.5.2 aside, this module answers what the application
 * still misses (readiness: the eligibility declaration, the three plan documents, evidence for every requirement
 * the self-assessment claims), and resubmits a rejected application as a new one (4.5.1, `resubmitAsNew`).
 */
import type { AssessmentView } from '../contract/assessments.js';
import type { PutBriefingRequest, Readiness } from '../contract/process-records.js';
import { resubmitAsNew } from '../process/application.js';
import { readiness } from '../process/readiness.js';
import { appendAudit } from '../store/audit.js';
import { insertAssessmentRow, insertDoc, loadDoc, type Doc } from '../store/repos/documents.js';
import { listSelfScores } from '../store/repos/scores.js';
import { inTransaction, newId, type Db } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { fromProcessError, notFound } from './errors.js';
import { copyEvidenceObjects, recordEvidenceCopies } from './reassessment.js';
import { processEnv, runCommand } from './unit-of-work.js';
import { renderView } from './views.js';

/** The requirements the enterprise's self-assessment claims: a grade above 不满足. */
export async function claimedRequirementIds(db: Db, id: string): Promise<string[]> {
  return (await listSelfScores(db, id)).filter((s) => s.valueTenths > 0).map((s) => s.requirementId);
}

export async function getReadiness(ctx: ServiceContext, caller: Caller, id: string): Promise<Readiness> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  return readiness(a, await claimedRequirementIds(ctx.db, id), ctx.options.now());
}

/** 4.5.2: the leader records (or records again) the briefing of the team. */
export async function recordBriefing(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutBriefingRequest,
): Promise<AssessmentView> {
  await authorizeAssessment(ctx, caller, id, 'meeting.record');
  const { expectedVersion, ...briefing } = input;
  const doc = await runCommand(ctx, id, caller, () => ({ type: 'briefing.record', briefing }), {
    expectedVersion,
  });
  return renderView(ctx.db, doc, caller.actor);
}

/** 4.5.1: a rejected application resubmitted as a new application (submitted evidence and files copied). */
export async function resubmitApplication(
  ctx: ServiceContext,
  caller: Caller,
  rejectedId: string,
): Promise<AssessmentView> {
  const before = await authorizeAssessment(ctx, caller, rejectedId, 'application.write');
  const id = newId();
  const r = resubmitAsNew(
    before.assessment,
    id,
    caller.actor,
    ctx.options.now(),
    processEnv(ctx, before.assessment.modelId),
  );
  if (!r.ok) throw fromProcessError(r.error);
  const copies = await copyEvidenceObjects(
    ctx,
    r.assessment.evidence.map((e) => ({ ...e, id: newId() })),
  );
  try {
    await inTransaction(ctx.db, async (trx) => {
      const first: Doc = { assessment: r.assessment, form: before.form };
      await insertAssessmentRow(trx, first, caller.user.id);
      const evidence = await recordEvidenceCopies(trx, caller, id, copies);
      await insertDoc(trx, { ...first, assessment: { ...r.assessment, evidence } });
      await appendAudit(trx, caller.storeActor, {
        entity: 'assessment',
        entityId: id,
        action: 'create',
        after: {
          stage: r.assessment.stage,
          version: r.assessment.version,
          previousAssessmentId: rejectedId,
          carriedOver: { evidence: evidence.length },
          events: r.events.map((e) => e.type),
        },
      });
    });
  } catch (error) {
    for (const c of copies) if (c.storageKey) await ctx.storage.delete(c.storageKey);
    throw error;
  }
  const doc = await loadDoc(ctx.db, id);
  if (!doc) throw notFound('assessment');
  return renderView(ctx.db, doc, caller.actor);
}
