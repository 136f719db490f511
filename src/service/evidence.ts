/**
 * Evidence (4.4 submitted by the enterprise, 4.6.2 collected by the team): listing, upload (streamed into the
 * evidence storage), removal, and the authorised download of a file.
 */
import type { Readable } from 'node:stream';
import type { EvidenceView } from '../contract/domain.js';
import type { EvidencePage, EvidenceQuery } from '../contract/work.js';
import {
  ATTACHMENT_KINDS,
  EVIDENCE_METHODS,
  type AttachmentKind,
  type Command,
  type EvidenceInput,
  type EvidenceItem,
  type EvidenceMethod,
  type EvidenceReviewState,
} from '../process/types.js';
import { EvidenceNotFoundError, EvidenceTooLargeError, type StoredObject } from '../store/files.js';
import {
  addEvidenceFile,
  deleteEvidenceFile,
  evidenceUsage,
  getEvidenceFile,
  recordUploadKey,
  safeFilename,
  uploadedWithKey,
} from '../store/repos/evidence.js';
import { newId, type Db } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { notFound, ServiceError, validation } from './errors.js';
import { pageOf } from './paging.js';
import { apply, mutateDoc, transitionAudit } from './unit-of-work.js';

export function evidenceView(assessmentId: string, e: EvidenceItem): EvidenceView {
  return e.file ? { ...e, url: `/api/assessments/${assessmentId}/evidence/${e.id}/file` } : e;
}

/**
 * A page of the evidence of an assessment (every reader of the assessment sees all of it, as before), filtered
 * by requirement, kind and the team's review (4.6.2), in the order recorded (`at`) or by requirement (the
 * model's order). The items live in the assessment's document, read anyway to authorise: filtered in memory.
 */
export async function listEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  query: EvidenceQuery = {},
): Promise<EvidencePage> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  const reviewOf = (e: EvidenceItem): EvidenceReviewState =>
    a.evidenceReviews?.[e.id]?.outcome ?? 'unreviewed';
  const matching = a.evidence.filter(
    (e) =>
      (query.requirementId === undefined || e.requirementId === query.requirementId) &&
      (query.kind === undefined || e.kind === query.kind) &&
      (query.review === undefined || reviewOf(e) === query.review),
  );
  const position = new Map(a.requirementIds.map((rid, i) => [rid, i]));
  const byAt = (x: EvidenceItem, y: EvidenceItem) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0);
  const compare =
    query.sort === 'requirement'
      ? (x: EvidenceItem, y: EvidenceItem) =>
          (position.get(x.requirementId) ?? Infinity) - (position.get(y.requirementId) ?? Infinity) ||
          byAt(x, y)
      : byAt;
  const sign = query.order === 'desc' ? -1 : 1;
  // A stable sort: items recorded at the same instant keep the order they were recorded in.
  const sorted = [...matching].sort((x, y) => sign * compare(x, y));
  const page = pageOf(sorted, query);
  return { ...page, items: page.items.map((e) => evidenceView(a.id, e)) };
}

/** One part of a multipart upload, as the HTTP layer hands it over (in arrival order). */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; filename: string; mimetype: string; stream: Readable; truncated: () => boolean };

const tooLarge = (max: number) =>
  new ServiceError('PAYLOAD_TOO_LARGE', `files are limited to ${max} bytes`, { params: { maxBytes: max } });

type QuotaScope = 'assessment' | 'organisation';

const overQuota = (scope: QuotaScope, limitBytes: number, usedBytes: number) =>
  new ServiceError(
    'PAYLOAD_TOO_LARGE',
    `the evidence of this ${scope === 'assessment' ? 'assessment' : 'enterprise'} may take ${limitBytes} bytes; ${usedBytes} are used`,
    { params: { rule: 'quota', scope, limitBytes, usedBytes } },
  );

/** The room left under the evidence quotas (throws when none is left), and which quota is the tighter one. */
async function quotaRoom(
  ctx: ServiceContext,
  db: Db,
  id: string,
): Promise<{ room: number; scope: QuotaScope }> {
  const used = await evidenceUsage(db, id);
  const q = ctx.options.evidenceQuota;
  const left = {
    assessment: q.assessmentBytes - used.assessmentBytes,
    organisation: q.organisationBytes - used.organisationBytes,
  };
  const scope: QuotaScope = left.assessment <= left.organisation ? 'assessment' : 'organisation';
  if (left[scope] <= 0)
    throw overQuota(
      scope,
      scope === 'assessment' ? q.assessmentBytes : q.organisationBytes,
      scope === 'assessment' ? used.assessmentBytes : used.organisationBytes,
    );
  return { room: left[scope], scope };
}

/** Reads the parts: the fields, and at most one file streamed into the storage (removed again on any error). */
async function receive(
  ctx: ServiceContext,
  id: string,
  parts: AsyncIterable<UploadPart>,
): Promise<{
  fields: Record<string, string>;
  file?: { stored: StoredObject; filename: string; mime: string };
}> {
  const max = ctx.options.maxUploadBytes;
  let quota: { room: number; scope: QuotaScope } | undefined;
  const out: {
    fields: Record<string, string>;
    file?: { stored: StoredObject; filename: string; mime: string };
  } = {
    fields: {},
  };
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (out.file) throw validation('one file per upload', 'file');
        // Refused before a byte is stored when no room is left; never stored beyond the room that is.
        quota = await quotaRoom(ctx, ctx.db, id);
        const stored = await ctx.storage.put(part.stream, { maxBytes: Math.min(max, quota.room) });
        if (part.truncated()) {
          await ctx.storage.delete(stored.key);
          throw tooLarge(max);
        }
        if (stored.size === 0) {
          await ctx.storage.delete(stored.key);
          throw validation('the file is empty', 'file', { rule: 'empty' });
        }
        out.file = {
          stored,
          filename: safeFilename(part.filename || 'file'),
          mime: part.mimetype || 'application/octet-stream',
        };
      } else {
        out.fields[part.name] = part.value;
      }
    }
  } catch (error) {
    if (out.file) await ctx.storage.delete(out.file.stored.key);
    if (error instanceof EvidenceTooLargeError) {
      if (quota && quota.room < max) {
        const used = await evidenceUsage(ctx.db, id);
        const q = ctx.options.evidenceQuota;
        throw quota.scope === 'assessment'
          ? overQuota('assessment', q.assessmentBytes, used.assessmentBytes)
          : overQuota('organisation', q.organisationBytes, used.organisationBytes);
      }
      throw tooLarge(max);
    }
    throw error;
  }
  return out;
}

/** An Idempotency-Key: 1–200 characters of letters, digits and `-_.:`. */
const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{1,200}$/;

export interface UploadOptions {
  /** The request's `Idempotency-Key` header: a retry with the same key answers with the item it created. */
  idempotencyKey?: string;
  /** Told when the upload repeated an earlier one (nothing new was created). */
  onReplay?: () => void;
}

/**
 * Uploads evidence: `kind=submitted` (the enterprise, stage application / contests) or `collected` (the team).
 *
 * Idempotent (issue 12): a retried upload — the same `Idempotency-Key`, or without a key the same file (sha256),
 * requirement, kind, attachment kind, note and file name by the same user in the assessment — creates no second item; it answers with
 * the item the first upload created (the retry's stored copy is removed). Checked inside the transaction that
 * holds the assessment's lock, so two retries racing each other create one item.
 */
export async function uploadEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  parts: AsyncIterable<UploadPart>,
  options: UploadOptions = {},
): Promise<EvidenceView> {
  const key = options.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY_RE.test(key))
    throw validation('Idempotency-Key: 1–200 letters, digits, -_.:', undefined, { rule: 'idempotencyKey' });
  await authorizeAssessment(ctx, caller, id);
  const up = await receive(ctx, id, parts);
  let replayed = false;
  try {
    const f = up.fields;
    const kind = f.kind ?? 'submitted';
    if (kind !== 'submitted' && kind !== 'collected')
      throw validation('kind must be submitted or collected', 'kind');
    if (!f.requirementId || f.requirementId.length > 200)
      throw validation('requirementId is required', 'requirementId');
    if (f.method !== undefined && !(EVIDENCE_METHODS as readonly string[]).includes(f.method))
      throw validation(`method must be one of ${EVIDENCE_METHODS.join(', ')}`, 'method');
    if (f.attachmentKind !== undefined && !(ATTACHMENT_KINDS as readonly string[]).includes(f.attachmentKind))
      throw validation(`attachmentKind must be one of ${ATTACHMENT_KINDS.join(', ')}`, 'attachmentKind', {
        rule: 'item.attachmentKind',
      });
    if ((f.note ?? '').length > 10_000)
      throw validation('note too long', 'note', { rule: 'maxLength', limit: 10_000 });
    const item = await mutateDoc(ctx, id, caller, async (before, trx) => {
      assertCan(
        caller.actor,
        kind === 'submitted' ? 'evidence.upload' : 'evidence.collect',
        before.assessment,
      );
      const evidence = before.assessment.evidence;
      const priorId = key === undefined ? undefined : await uploadedWithKey(trx, id, caller.user.id, key);
      const prior =
        priorId !== undefined
          ? evidence.find((e) => e.id === priorId)
          : up.file &&
            evidence.find(
              (e) =>
                e.by === caller.user.id &&
                e.kind === kind &&
                e.requirementId === f.requirementId &&
                e.file?.sha256 === up.file!.stored.sha256 &&
                e.file.name === up.file!.filename &&
                // A different typed attachment (4.4) or note is another item, not a retry.
                e.attachmentKind === (f.attachmentKind || undefined) &&
                e.note === (f.note || undefined),
            );
      if (prior) {
        replayed = true;
        return { audit: [], result: prior };
      }
      let file: EvidenceItem['file'];
      if (up.file) {
        // The quotas again, in the transaction that records the file (another upload may have come first).
        const used = await evidenceUsage(trx, id);
        const q = ctx.options.evidenceQuota;
        if (used.assessmentBytes + up.file.stored.size > q.assessmentBytes)
          throw overQuota('assessment', q.assessmentBytes, used.assessmentBytes);
        if (used.organisationBytes + up.file.stored.size > q.organisationBytes)
          throw overQuota('organisation', q.organisationBytes, used.organisationBytes);
        const row = await addEvidenceFile(trx, caller.storeActor, {
          assessmentId: id,
          requirementId: f.requirementId,
          storageKey: up.file.stored.key,
          filename: up.file.filename,
          mime: up.file.mime,
          size: up.file.stored.size,
          sha256: up.file.stored.sha256,
        });
        file = { name: row.filename, ref: row.id, sha256: row.sha256, size: row.size };
      }
      const input: EvidenceInput = {
        id: newId(),
        requirementId: f.requirementId!,
        at: ctx.options.now().toISOString(),
        ...(f.method ? { method: f.method as EvidenceMethod } : {}),
        ...(f.note ? { note: f.note } : {}),
        ...(file ? { file } : {}),
        ...(f.attachmentKind ? { attachmentKind: f.attachmentKind as AttachmentKind } : {}),
      };
      const command: Command =
        kind === 'submitted'
          ? { type: 'evidence.upload', item: input }
          : { type: 'evidence.collect', item: input };
      const { doc, events } = apply(ctx, before, command, caller);
      const created = doc.assessment.evidence.find((e) => e.id === input.id)!;
      if (key !== undefined)
        await recordUploadKey(trx, {
          assessmentId: id,
          userId: caller.user.id,
          key,
          evidenceId: created.id,
          now: ctx.options.now(),
        });
      return { doc, audit: [transitionAudit(before, doc, command, events)], result: created };
    });
    if (replayed) {
      if (up.file) await ctx.storage.delete(up.file.stored.key);
      options.onReplay?.();
    }
    return evidenceView(id, item);
  } catch (error) {
    if (up.file) await ctx.storage.delete(up.file.stored.key);
    throw error;
  }
}

/**
 * Removes submitted evidence (stage application): the item leaves the assessment and its file row is marked
 * deleted in one transaction; the stored object is removed once that transaction has committed (if that fails,
 * the hourly `evidence_sweep` job removes it).
 */
export async function removeEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  evidenceId: string,
): Promise<void> {
  await authorizeAssessment(ctx, caller, id, 'evidence.upload');
  const key = await mutateDoc(ctx, id, caller, async (before, trx) => {
    const command: Command = { type: 'evidence.remove', itemId: evidenceId };
    const ref = before.assessment.evidence.find((e) => e.id === evidenceId)?.file?.ref;
    const { doc, events } = apply(ctx, before, command, caller);
    const removed = ref
      ? await deleteEvidenceFile(trx, caller.storeActor, {
          id: ref,
          reason: 'evidence removed by the enterprise before submitting',
        })
      : undefined;
    return { doc, audit: [transitionAudit(before, doc, command, events)], result: removed?.storageKey };
  });
  if (key) await deleteStoredObject(ctx, key);
}

/** Removes a stored object; a failure is logged, not the caller's (the sweep job retries). */
export async function deleteStoredObject(ctx: ServiceContext, key: string): Promise<void> {
  try {
    await ctx.storage.delete(key);
  } catch (error) {
    console.error(`[dtma evidence] could not remove object ${key} (the sweep retries):`, error);
  }
}

export interface EvidenceDownload {
  stream: Readable;
  filename: string;
  size: number;
}

/** The file of an evidence item (also one filed with a contest), for those who read the assessment. */
export async function openEvidenceFile(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  evidenceId: string,
): Promise<EvidenceDownload> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  const item =
    a.evidence.find((e) => e.id === evidenceId) ??
    a.contests.flatMap((c) => c.evidence).find((e) => e.id === evidenceId);
  if (!item?.file) throw notFound('evidence file');
  const row = await getEvidenceFile(ctx.db, item.file.ref);
  if (!row || row.assessmentId !== id || row.deletedAt !== null) throw notFound('evidence file');
  try {
    return { stream: await ctx.storage.get(row.storageKey), filename: row.filename, size: row.size };
  } catch (error) {
    if (error instanceof EvidenceNotFoundError) throw notFound('evidence file');
    throw error;
  }
}
