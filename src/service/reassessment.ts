/**
 * Re-assessment: a new application of the same enterprise started from one of its published assessments — the
 * evidence the enterprise submitted (files copied) and its self-assessment carried over as a starting point, each
 * marked as carried over until the enterprise confirms it; the 4.2.1 eligibility is declared anew (it speaks for
 * the current years). And the validity of published results as the enterprise and the body see it.
 */
import type { AssessmentView } from '../contract/assessments.js';
import type { CarriedOver, ConfirmCarriedRequest, ReassessmentRequest } from '../contract/comparison.js';
import type { ValidityRow } from '../contract/endpoints/comparison.js';
import type { Static } from '../contract/schema.js';
import { loadResultsPolicy } from '../model/results-policy.js';
import { chinaDate, validityOf, validityState } from '../model/validity.js';
import { createApplication } from '../process/application.js';
import type { EvidenceItem } from '../process/types.js';
import { appendAudit } from '../store/audit.js';
import { addEvidenceFile, getEvidenceFile } from '../store/repos/evidence.js';
import { insertAssessmentRow, insertDoc, loadDoc, type Doc } from '../store/repos/documents.js';
import { organisationNames } from '../store/repos/organisations.js';
import {
  listEnterpriseResults,
  listLatestResults,
  type PublishedResultRow,
} from '../store/repos/published.js';
import { latestCertificate } from '../store/repos/certificates.js';
import { carrySelfScores, confirmCarriedSelfScores } from '../store/repos/scores.js';
import { inTransaction, newId, type Trx } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { modelDirOf, offeredModelOrNotFound, requirementIdsOf } from './engine.js';
import { forbidden, fromProcessError, notFound, ServiceError } from './errors.js';
import { apply, ensureVersion, mutateDoc, processEnv, transitionAudit } from './unit-of-work.js';
import { renderView } from './views.js';

export interface EvidenceCopy {
  item: EvidenceItem;
  storageKey?: string;
  file?: Awaited<ReturnType<typeof getEvidenceFile>>;
}

/** Copies the stored files of `items` (items whose file is gone lose their file reference). */
export async function copyEvidenceObjects(
  ctx: ServiceContext,
  items: EvidenceItem[],
): Promise<EvidenceCopy[]> {
  const copies: EvidenceCopy[] = [];
  for (const item of items) {
    if (item.file) {
      const row = await getEvidenceFile(ctx.db, item.file.ref);
      if (row && !row.deletedAt) {
        const stored = await ctx.storage.put(await ctx.storage.get(row.storageKey), {
          maxBytes: ctx.options.maxUploadBytes,
        });
        copies.push({ item, storageKey: stored.key, file: row });
        continue;
      }
      const { file: _gone, ...rest } = item;
      copies.push({ item: rest });
      continue;
    }
    copies.push({ item });
  }
  return copies;
}

/** Records the copied files for assessment `id`; the items with their new file references. */
export async function recordEvidenceCopies(
  trx: Trx,
  caller: Caller,
  id: string,
  copies: EvidenceCopy[],
): Promise<EvidenceItem[]> {
  const evidence: EvidenceItem[] = [];
  for (const c of copies) {
    if (c.storageKey && c.file) {
      const row = await addEvidenceFile(trx, caller.storeActor, {
        assessmentId: id,
        requirementId: c.item.requirementId,
        storageKey: c.storageKey,
        filename: c.file.filename,
        mime: c.file.mime,
        size: c.file.size,
        sha256: c.file.sha256,
      });
      evidence.push({ ...c.item, file: { ...c.item.file!, ref: row.id } });
    } else evidence.push(c.item);
  }
  return evidence;
}

export async function startReassessment(
  ctx: ServiceContext,
  caller: Caller,
  previousId: string,
  input: ReassessmentRequest,
): Promise<AssessmentView> {
  const prevDoc = await authorizeAssessment(ctx, caller, previousId, 'application.write');
  const prev = prevDoc.assessment;
  if (prev.stage !== 'published')
    throw new ServiceError(
      'INVALID_TRANSITION',
      `a re-assessment starts from a published assessment (stage ${prev.stage})`,
      {
        params: { stage: prev.stage, rule: 'not_published' },
      },
    );
  const modelId = input.modelId ?? prev.modelId;
  offeredModelOrNotFound(modelId);
  const bodyOrgId = input.bodyOrgId ?? prev.bodyOrgId;
  const id = newId();
  const scope = requirementIdsOf(modelId, prev.industry);
  const created = createApplication(
    {
      id,
      enterpriseOrgId: prev.enterpriseOrgId,
      bodyOrgId,
      industry: prev.industry,
      modelId,
      requirementIds: scope,
    },
    caller.actor,
    ctx.options.now(),
    processEnv(ctx, modelId),
  );
  if (!created.ok) throw fromProcessError(created.error);
  const first: Doc = {
    assessment: {
      ...created.assessment,
      application: { ...created.assessment.application, reassessmentOf: prev.id },
    },
    form: input.form ?? prevDoc.form,
  };
  const { doc, events } = apply(
    ctx,
    first,
    { type: 'application.update', eligibility: input.eligibility },
    caller,
  );
  const inScope = new Set(scope);
  const carried = prev.evidence.filter(
    (e) => e.kind === 'submitted' && !e.contestId && inScope.has(e.requirementId),
  );
  // Files are copied (the new assessment owns its evidence; removing it there leaves the published one intact).
  const copies = await copyEvidenceObjects(
    ctx,
    carried.map((e) => ({ ...e, id: newId(), carriedFrom: prev.id })),
  );
  let selfScores = 0;
  try {
    await inTransaction(ctx.db, async (trx) => {
      await insertAssessmentRow(trx, doc, caller.user.id);
      const evidence = await recordEvidenceCopies(trx, caller, id, copies);
      const saved: Doc = { ...doc, assessment: { ...doc.assessment, evidence } };
      await insertDoc(trx, saved);
      selfScores = await carrySelfScores(trx, caller.storeActor, {
        fromId: prev.id,
        toId: id,
        scope,
        at: ctx.options.now().toISOString(),
      });
      await appendAudit(trx, caller.storeActor, {
        entity: 'assessment',
        entityId: id,
        action: 'create',
        after: {
          stage: saved.assessment.stage,
          version: saved.assessment.version,
          industry: prev.industry,
          modelId,
          reassessmentOf: prev.id,
          carriedOver: { evidence: evidence.length, selfScores },
          events: events.map((e) => e.type),
        },
      });
    });
  } catch (error) {
    for (const c of copies) if (c.storageKey) await ctx.storage.delete(c.storageKey);
    throw error;
  }
  const view = await loadDoc(ctx.db, id);
  if (!view) throw notFound('assessment');
  return renderView(ctx.db, view, caller.actor);
}

/** Confirms carried-over evidence (a process command) and self-assessment grades. */
export async function confirmCarriedOver(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: ConfirmCarriedRequest,
): Promise<CarriedOver> {
  return mutateDoc(ctx, id, caller, async (before, trx) => {
    assertCan(caller.actor, 'self-assessment.write', before.assessment);
    ensureVersion(before, input.expectedVersion);
    const from = before.assessment.application.reassessmentOf ?? null;
    const selfScores = await confirmCarriedSelfScores(trx, id, input.requirementIds);
    const hasCarried = before.assessment.evidence.some((e) => e.carriedFrom !== undefined);
    if (!hasCarried || (input.evidenceIds && input.evidenceIds.length === 0)) {
      return {
        audit: selfScores
          ? [
              {
                entity: 'assessment',
                entityId: id,
                action: 'self-scores.confirm',
                after: { confirmed: selfScores },
              },
            ]
          : [],
        result: { from, evidence: 0, selfScores },
      };
    }
    const command = {
      type: 'evidence.confirm' as const,
      ...(input.evidenceIds ? { itemIds: input.evidenceIds } : {}),
    };
    const { doc: after, events } = apply(ctx, before, command, caller);
    const confirmed = (events[0]?.data.itemIds as string[] | undefined)?.length ?? 0;
    return {
      doc: after,
      audit: [transitionAudit(before, after, command, events, { selfScoresConfirmed: selfScores })],
      result: { from, evidence: confirmed, selfScores },
    };
  });
}

type ValidityRowT = Static<typeof ValidityRow>;

/** The newest published result of each enterprise the caller answers for, with its validity. */
export async function listValidity(ctx: ServiceContext, caller: Caller): Promise<ValidityRowT[]> {
  const { actor } = caller;
  let rows: PublishedResultRow[];
  if (actor.orgId && actor.roles.includes('enterprise_user'))
    rows = (await listEnterpriseResults(ctx.db, actor.orgId)).filter((r) => r.latest === 1);
  else if (actor.orgId && actor.roles.includes('body_admin'))
    rows = (await listLatestResults(ctx.db)).filter((r) => r.body_id === actor.orgId);
  else throw forbidden('validity: for enterprise users and body admins', { action: 'assessment.read' });
  const names = await organisationNames(
    ctx.db,
    rows.map((r) => r.enterprise_id),
  );
  const today = chinaDate(ctx.options.now().toISOString());
  const out: ValidityRowT[] = [];
  for (const r of rows) {
    const v = validityOf(r.sealed_at, loadResultsPolicy(r.model_id, modelDirOf(r.model_id)));
    const cert = await latestCertificate(ctx.db, r.assessment_id);
    out.push({
      assessmentId: r.assessment_id,
      enterpriseOrgId: r.enterprise_id,
      enterpriseName: names.get(r.enterprise_id) ?? '',
      industry: r.industry as ValidityRowT['industry'],
      certificateNumber: cert && !cert.withdrawnAt ? cert.number : null,
      ...v,
      state: validityState(v, today),
    });
  }
  return out;
}
