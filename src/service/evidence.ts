/**
 * Evidence (4.4 submitted by the enterprise, 4.6.2 collected by the team): listing, upload (streamed into the
 * evidence storage), removal, and the authorised download of a file.
 */
import type { Readable } from 'node:stream';
import type { EvidenceView } from '../contract/domain.js';
import {
  EVIDENCE_METHODS,
  type Command,
  type EvidenceInput,
  type EvidenceItem,
  type EvidenceMethod,
} from '../process/types.js';
import { EvidenceNotFoundError, EvidenceTooLargeError, type StoredObject } from '../store/files.js';
import { addEvidenceFile, getEvidenceFile, safeFilename } from '../store/repos/evidence.js';
import { newId } from '../store/util.js';
import { assertCan, authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { notFound, ServiceError, validation } from './errors.js';
import { apply, mutateDoc, runCommand, transitionAudit } from './unit-of-work.js';

export function evidenceView(assessmentId: string, e: EvidenceItem): EvidenceView {
  return e.file ? { ...e, url: `/api/assessments/${assessmentId}/evidence/${e.id}/file` } : e;
}

export async function listEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  filter: { requirementId?: string } = {},
): Promise<EvidenceView[]> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  return a.evidence
    .filter((e) => filter.requirementId === undefined || e.requirementId === filter.requirementId)
    .map((e) => evidenceView(a.id, e));
}

/** One part of a multipart upload, as the HTTP layer hands it over (in arrival order). */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; filename: string; mimetype: string; stream: Readable; truncated: () => boolean };

const tooLarge = (max: number) =>
  new ServiceError('PAYLOAD_TOO_LARGE', `files are limited to ${max} bytes`, { params: { maxBytes: max } });

/** Reads the parts: the fields, and at most one file streamed into the storage (removed again on any error). */
async function receive(
  ctx: ServiceContext,
  parts: AsyncIterable<UploadPart>,
): Promise<{
  fields: Record<string, string>;
  file?: { stored: StoredObject; filename: string; mime: string };
}> {
  const max = ctx.options.maxUploadBytes;
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
        const stored = await ctx.storage.put(part.stream, { maxBytes: max });
        if (part.truncated()) {
          await ctx.storage.delete(stored.key);
          throw tooLarge(max);
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
    if (error instanceof EvidenceTooLargeError) throw tooLarge(max);
    throw error;
  }
  return out;
}

/** Uploads evidence: `kind=submitted` (the enterprise, stage application / contests) or `collected` (the team). */
export async function uploadEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  parts: AsyncIterable<UploadPart>,
): Promise<EvidenceView> {
  await authorizeAssessment(ctx, caller, id);
  const up = await receive(ctx, parts);
  try {
    const f = up.fields;
    const kind = f.kind ?? 'submitted';
    if (kind !== 'submitted' && kind !== 'collected')
      throw validation('kind must be submitted or collected', 'kind');
    if (!f.requirementId || f.requirementId.length > 200)
      throw validation('requirementId is required', 'requirementId');
    if (f.method !== undefined && !(EVIDENCE_METHODS as readonly string[]).includes(f.method))
      throw validation(`method must be one of ${EVIDENCE_METHODS.join(', ')}`, 'method');
    if ((f.note ?? '').length > 10_000) throw validation('note too long', 'note', { maxLength: 10_000 });
    const item = await mutateDoc(ctx, id, caller, async (before, trx) => {
      assertCan(
        caller.actor,
        kind === 'submitted' ? 'evidence.upload' : 'evidence.collect',
        before.assessment,
      );
      let file: EvidenceItem['file'];
      if (up.file) {
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
      };
      const command: Command =
        kind === 'submitted'
          ? { type: 'evidence.upload', item: input }
          : { type: 'evidence.collect', item: input };
      const { doc, events } = apply(ctx, before, command, caller);
      const created = doc.assessment.evidence.find((e) => e.id === input.id)!;
      return { doc, audit: [transitionAudit(before, doc, command, events)], result: created };
    });
    return evidenceView(id, item);
  } catch (error) {
    if (up.file) await ctx.storage.delete(up.file.stored.key);
    throw error;
  }
}

/** Removes submitted evidence (stage application). */
export async function removeEvidence(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  evidenceId: string,
): Promise<void> {
  await authorizeAssessment(ctx, caller, id, 'evidence.upload');
  await runCommand(ctx, id, caller, () => ({ type: 'evidence.remove', itemId: evidenceId }));
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
