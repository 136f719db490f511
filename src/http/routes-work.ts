/**
 * The day-to-day work on an assessment: self-assessment scores (enterprise), expert scores (the hot path),
 * consensus, evidence (multipart upload to the EvidenceStorage, authorised download), contests.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../access/can.js';
import type { Actor } from '../access/types.js';
import { teamScoresAfterContest } from '../process/contest.js';
import { assessmentResource, teamMemberIds } from '../process/resource.js';
import { orderDisagreementsFirst, scoreSpread, visibleScores } from '../process/scoring-sheets.js';
import type {
  Assessment,
  Command,
  EvidenceInput,
  EvidenceItem,
  EvidenceMethod,
  ScoreValue,
} from '../process/types.js';
import { EVIDENCE_METHODS, SCORE_VALUES } from '../process/types.js';
import { fromTenths } from '../process/util.js';
import { EvidenceNotFoundError, EvidenceTooLargeError, type StoredObject } from '../store/files.js';
import { addEvidenceFile, getEvidenceFile, safeFilename } from '../store/repos/evidence.js';
import {
  listExpertScores,
  listExpertSheets,
  listSelfScores,
  writeExpertScore,
  writeExpertScores,
  writeSelfScore,
} from '../store/repos/scores.js';
import { newId } from '../store/util.js';
import type { Ctx } from './context.js';
import { authOf, scoreTransaction } from './context.js';
import { assertCan, inScope, loadDoc, mutateDoc, readDocRaw, toProcessScore, type Doc } from './documents.js';
import { computeResult, resultJson } from './engine.js';
import { forbidden, HttpError, notFound, validation, versionConflict } from './errors.js';
import { apply, transitionAudit } from './process-helpers.js';
import { onAssessment } from './routes-assessments.js';
import {
  anyArray,
  anyObject,
  arr,
  enumOf,
  id,
  idParams,
  idReqParams,
  int,
  nonBlank,
  obj,
  okSchema,
  putScore,
  responses,
  scoreValue,
  str,
} from './schemas.js';

const TENTHS: Record<ScoreValue, number> = { '1': 10, '0.8': 8, '0.5': 5, '0': 0 };

function selfView(s: {
  requirementId: string;
  valueTenths: number;
  note: string;
  updatedAt: string;
  version: number;
}) {
  return {
    requirementId: s.requirementId,
    value: fromTenths(s.valueTenths) as ScoreValue,
    note: s.note,
    at: s.updatedAt,
    version: s.version,
  };
}

function selfAccess(actor: Actor, a: Assessment): void {
  if (
    !can(actor, 'self-assessment.write', {
      kind: 'organization',
      orgId: a.enterpriseOrgId,
      orgKind: 'enterprise',
    })
  )
    throw forbidden('self-assessment.write: the self-assessment is the enterprise’s own');
}

function evidenceView(assessmentId: string, e: EvidenceItem) {
  return e.file ? { ...e, url: `/api/assessments/${assessmentId}/evidence/${e.id}/file` } : e;
}

/** RFC 6266 / 5987 content-disposition for any (e.g. Chinese) filename. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerWorkRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { db } = ctx;

  // --- self-assessment ---------------------------------------------------------------------------------------

  const selfScoreSchema = obj(
    {
      requirementId: { type: 'string' },
      value: { type: 'string' },
      note: { type: 'string' },
      at: { type: 'string' },
      version: { type: 'integer' },
    },
    ['requirementId', 'value', 'note', 'at', 'version'],
  );

  app.get(
    '/api/assessments/:id/self-scores',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['self-assessment'],
        summary: 'The enterprise’s self-assessment',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { id } = request.params as { id: string };
      selfAccess(actor, request.doc!.assessment);
      const scores = await listSelfScores(db, id);
      return {
        assessmentId: id,
        scores: Object.fromEntries(scores.map((s) => [s.requirementId, selfView(s)])),
      };
    },
  );

  app.put(
    '/api/assessments/:id/self-scores/:requirementId',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['self-assessment'],
        summary:
          'Write a self-assessment score; 409 VERSION_CONFLICT with the stored score on a stale version',
        params: idReqParams,
        body: putScore,
        response: responses(selfScoreSchema),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, requirementId } = request.params as { id: string; requirementId: string };
      const b = request.body as { value: ScoreValue; note: string; expectedVersion: number };
      const a = request.doc!.assessment;
      selfAccess(auth.actor, a);
      if (!a.requirementIds.includes(requirementId))
        throw validation(
          `requirement ${requirementId} is not in this assessment's scope`,
          'params.requirementId',
        );
      const r = await writeSelfScore(db, auth.storeActor, {
        assessmentId: id,
        requirementId,
        valueTenths: TENTHS[b.value],
        note: b.note,
        expectedVersion: b.expectedVersion,
      });
      if (!r.ok) {
        if (r.reason === 'version-conflict')
          throw versionConflict(`the self score is at another version`, r.current && selfView(r.current));
        throw new HttpError(409, 'LOCKED', 'locked');
      }
      return selfView(r.score);
    },
  );

  app.delete(
    '/api/assessments/:id/self-scores/:requirementId',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Remove a self-assessment score (expectedVersion in the query)',
        params: idReqParams,
        querystring: obj({ expectedVersion: int(1) }, ['expectedVersion']),
        response: responses(okSchema),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, requirementId } = request.params as { id: string; requirementId: string };
      const { expectedVersion } = request.query as { expectedVersion: number };
      selfAccess(auth.actor, request.doc!.assessment);
      const { withAudit } = await import('../store/audit.js');
      await withAudit(db, auth.storeActor, async (trx) => {
        const current = await trx
          .selectFrom('self_assessment_scores')
          .selectAll()
          .where('assessment_id', '=', id)
          .where('requirement_id', '=', requirementId)
          .executeTakeFirst();
        if (!current) throw notFound('self score');
        const view = selfView({
          requirementId,
          valueTenths: current.value_tenths,
          note: current.note,
          updatedAt: current.updated_at,
          version: current.version,
        });
        if (current.version !== expectedVersion)
          throw versionConflict('the self score is at another version', view);
        await trx
          .deleteFrom('self_assessment_scores')
          .where('assessment_id', '=', id)
          .where('requirement_id', '=', requirementId)
          .where('version', '=', expectedVersion)
          .execute();
        return {
          result: undefined,
          audit: { entity: 'self_score', entityId: `${id}/${requirementId}`, action: 'delete', before: view },
        };
      });
      return { ok: true };
    },
  );

  // --- expert scores ------------------------------------------------------------------------------------------

  const expertScoreSchema = obj(
    {
      requirementId: { type: 'string' },
      value: { type: 'string' },
      rationale: { type: 'string' },
      at: { type: 'string' },
      version: { type: 'integer' },
    },
    ['requirementId', 'value', 'rationale', 'at', 'version'],
  );

  app.get(
    '/api/assessments/:id/scores/mine',
    {
      config: onAssessment('score.write-own'),
      schema: {
        tags: ['scores'],
        summary: 'The expert’s own sheet',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { id } = request.params as { id: string };
      const [scores, sheets] = await Promise.all([
        listExpertScores(db, { assessmentId: id, expertId: actor.userId }),
        listExpertSheets(db, id),
      ]);
      const submitted = sheets.find((s) => s.expertId === actor.userId)?.submittedAt;
      return {
        expertId: actor.userId,
        scores: Object.fromEntries(scores.map((s) => [s.requirementId, toProcessScore(s)])),
        ...(submitted ? { submittedAt: submitted } : {}),
      };
    },
  );

  app.put(
    '/api/assessments/:id/scores/mine/:requirementId',
    {
      config: onAssessment('score.write-own'),
      schema: {
        tags: ['scores'],
        summary:
          'Write one score on the expert’s own sheet (stage scoring); 409 VERSION_CONFLICT with the stored score on a stale version, 409 LOCKED once submitted',
        params: idReqParams,
        body: putScore,
        response: responses(expertScoreSchema),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, requirementId } = request.params as { id: string; requirementId: string };
      const b = request.body as { value: ScoreValue; note: string; expectedVersion: number };
      if (b.note.trim() === '') throw validation('each score needs a rationale', 'body.note');
      return scoreTransaction(ctx, async (trx) => {
        // The stored document at its current version: usually the one the access check just read (only the
        // version stamp is read again, inside the transaction). PostgreSQL: a shared lock, so concurrent score
        // writes proceed and a transition (FOR UPDATE) waits for them.
        const doc = await readDocRaw(trx, id, 'share');
        if (!doc) throw notFound('assessment');
        const a = doc.assessment;
        assertCan(auth.actor, 'score.write-own', a);
        if (a.stage !== 'scoring')
          throw new HttpError(
            409,
            'INVALID_TRANSITION',
            `scores are written in stage scoring, not ${a.stage}`,
          );
        if (!a.sheets[auth.user.id]) throw forbidden('only team members score, each on their own sheet');
        if (!inScope(a, requirementId))
          throw validation(
            `requirement ${requirementId} is not in this assessment's scope`,
            'params.requirementId',
          );
        const r = await writeExpertScore(trx, auth.storeActor, {
          assessmentId: id,
          expertId: auth.user.id,
          requirementId,
          valueTenths: TENTHS[b.value],
          rationale: b.note.trim(),
          expectedVersion: b.expectedVersion,
        });
        if (!r.ok) {
          if (r.reason === 'sheet-submitted')
            throw new HttpError(409, 'LOCKED', 'the sheet was submitted and can no longer be changed');
          throw versionConflict(
            `score for ${requirementId} is at version ${r.current?.version ?? 0}, the write expected ${b.expectedVersion}`,
            r.current ? toProcessScore(r.current) : null,
          );
        }
        return toProcessScore(r.score);
      });
    },
  );

  app.put(
    '/api/assessments/:id/scores/mine',
    {
      config: onAssessment('score.write-own'),
      schema: {
        tags: ['scores'],
        summary: 'Write several scores of the own sheet at once, all or nothing (409 lists the stale ones)',
        params: idParams,
        body: obj(
          {
            writes: arr(
              obj({ requirementId: id, value: scoreValue, note: nonBlank(10_000), expectedVersion: int() }, [
                'requirementId',
                'value',
                'note',
                'expectedVersion',
              ]),
              2000,
            ),
          },
          ['writes'],
        ),
        response: responses(anyArray),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const { writes } = request.body as {
        writes: { requirementId: string; value: ScoreValue; note: string; expectedVersion: number }[];
      };
      return scoreTransaction(ctx, async (trx) => {
        const doc = await readDocRaw(trx, id, 'share');
        if (!doc) throw notFound('assessment');
        const a = doc.assessment;
        assertCan(auth.actor, 'score.write-own', a);
        if (a.stage !== 'scoring')
          throw new HttpError(
            409,
            'INVALID_TRANSITION',
            `scores are written in stage scoring, not ${a.stage}`,
          );
        if (!a.sheets[auth.user.id]) throw forbidden('only team members score, each on their own sheet');
        writes.forEach((w, i) => {
          if (!inScope(a, w.requirementId))
            throw validation(
              `requirement ${w.requirementId} is not in this assessment's scope`,
              `body.writes.${i}.requirementId`,
            );
        });
        const r = await writeExpertScores(
          trx,
          auth.storeActor,
          writes.map((w) => ({
            assessmentId: id,
            expertId: auth.user.id,
            requirementId: w.requirementId,
            valueTenths: TENTHS[w.value],
            rationale: w.note.trim(),
            expectedVersion: w.expectedVersion,
          })),
        );
        if (!r.ok) {
          if (r.failures.some((f) => f.reason === 'sheet-submitted'))
            throw new HttpError(409, 'LOCKED', 'the sheet was submitted and can no longer be changed');
          throw versionConflict(
            `${r.failures.length} score(s) are at another version`,
            r.failures.map((f) =>
              f.reason === 'version-conflict' && f.current ? toProcessScore(f.current) : null,
            ),
          );
        }
        return r.scores.map(toProcessScore);
      });
    },
  );

  // --- consensus ----------------------------------------------------------------------------------------------

  async function consensusView(a: Assessment, viewer: Actor) {
    const vis = visibleScores(a, viewer);
    if (vis.hidden.length > 0 || vis.sheets.length === 0) throw forbidden(vis.reason);
    const rows = scoreSpread(vis.sheets, a.requirementIds, a.consensus);
    const names = new Map((a.team?.members ?? []).map((m) => [m.expert.userId, m]));
    const items = rows.map((row) => ({
      ...row,
      rationales: Object.fromEntries(
        vis.sheets
          .filter((s) => s.scores[row.requirementId])
          .map((s) => [s.expertId, s.scores[row.requirementId]!.rationale]),
      ),
      team: a.consensus[row.requirementId] ?? null,
    }));
    return {
      experts: teamMemberIds(a).map((uid) => ({
        userId: uid,
        name: names.get(uid)?.expert.name ?? uid,
        role: names.get(uid)?.role ?? 'member',
        submitted: a.sheets[uid]?.submittedAt !== undefined,
      })),
      items,
      /** Requirement ids, disagreements first (widest spread first). */
      disagreementsFirst: orderDisagreementsFirst(rows).map((r) => r.requirementId),
    };
  }

  app.get(
    '/api/assessments/:id/consensus',
    {
      config: onAssessment('score.read-all'),
      schema: {
        tags: ['consensus'],
        summary: 'Every expert’s score per requirement with the spread (once every sheet is submitted)',
        params: idParams,
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const doc = await loadDoc(db, (request.params as { id: string }).id);
      if (!doc) throw notFound('assessment');
      return consensusView(doc.assessment, actor);
    },
  );

  app.put(
    '/api/assessments/:id/consensus/:requirementId',
    {
      config: onAssessment('consensus.write'),
      schema: {
        tags: ['consensus'],
        summary:
          'Record the team score of a requirement (leader); 409 with the stored item on a stale version',
        params: idReqParams,
        body: obj(
          {
            value: scoreValue,
            rationale: nonBlank(10_000),
            dissentNotes: { type: 'object', additionalProperties: str(5000), maxProperties: 101 },
            expectedVersion: int(),
          },
          ['value', 'rationale', 'expectedVersion'],
        ),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, requirementId } = request.params as { id: string; requirementId: string };
      const b = request.body as {
        value: ScoreValue;
        rationale: string;
        dissentNotes?: Record<string, string>;
        expectedVersion: number;
      };
      const after = await mutateDoc(db, id, auth.storeActor, async (before) => {
        const command: Command = {
          type: 'consensus.record',
          requirementId,
          value: b.value,
          rationale: b.rationale,
          ...(b.dissentNotes ? { dissentNotes: b.dissentNotes } : {}),
          expectedVersion: b.expectedVersion,
        };
        const current = () => before.assessment.consensus[requirementId] ?? null;
        const { doc, events } = apply(ctx, before, command, auth, current);
        return { doc, audit: [transitionAudit(before, doc, command, events)], result: doc };
      });
      const view = await consensusView(after.assessment, auth.actor);
      return view.items.find((i) => i.requirementId === requirementId);
    },
  );

  app.put(
    '/api/assessments/:id/consensus',
    {
      config: onAssessment('consensus.write'),
      schema: {
        tags: ['consensus'],
        summary: 'Record several team scores at once, all or nothing',
        params: idParams,
        body: obj(
          {
            items: arr(
              obj(
                { requirementId: id, value: scoreValue, rationale: nonBlank(10_000), expectedVersion: int() },
                ['requirementId', 'value', 'rationale', 'expectedVersion'],
              ),
              2000,
            ),
          },
          ['items'],
        ),
        response: responses(okSchema),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const { items } = request.body as {
        items: { requirementId: string; value: ScoreValue; rationale: string; expectedVersion: number }[];
      };
      await mutateDoc(db, id, auth.storeActor, async (before) => {
        let doc = before;
        const audit = [];
        for (const item of items) {
          const command: Command = { type: 'consensus.record', ...item };
          const step = apply(
            ctx,
            doc,
            command,
            auth,
            () => doc.assessment.consensus[item.requirementId] ?? null,
          );
          audit.push(transitionAudit(doc, step.doc, command, step.events));
          doc = step.doc;
        }
        return { doc, audit, result: null };
      });
      return { ok: true };
    },
  );

  // --- evidence -----------------------------------------------------------------------------------------------

  app.get(
    '/api/assessments/:id/evidence',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['evidence'],
        summary: 'Evidence items (submitted by the enterprise, collected by the team)',
        params: idParams,
        querystring: obj({ requirementId: id }),
        response: responses(anyArray),
      },
    },
    async (request) => {
      const a = request.doc!.assessment;
      const { requirementId } = request.query as { requirementId?: string };
      return a.evidence
        .filter((e) => requirementId === undefined || e.requirementId === requirementId)
        .map((e) => evidenceView(a.id, e));
    },
  );

  interface Upload {
    fields: Record<string, string>;
    file?: { stored: StoredObject; filename: string; mime: string };
  }

  /** Reads a multipart request: fields, and at most one file streamed into the storage. */
  async function receive(request: FastifyRequest): Promise<Upload> {
    if (!request.isMultipart())
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'multipart/form-data expected');
    const out: Upload = { fields: {} };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (out.file) throw validation('one file per upload', 'file');
          const stored = await ctx.storage.put(part.file, { maxBytes: ctx.config.maxUploadBytes });
          if (part.file.truncated) {
            await ctx.storage.delete(stored.key);
            throw new HttpError(
              413,
              'PAYLOAD_TOO_LARGE',
              `files are limited to ${ctx.config.maxUploadBytes} bytes`,
            );
          }
          out.file = {
            stored,
            filename: safeFilename(part.filename || 'file'),
            mime: part.mimetype || 'application/octet-stream',
          };
        } else {
          const v = part.value;
          out.fields[part.fieldname] = typeof v === 'string' ? v : String(v);
        }
      }
    } catch (error) {
      if (out.file) await ctx.storage.delete(out.file.stored.key);
      if (error instanceof EvidenceTooLargeError)
        throw new HttpError(
          413,
          'PAYLOAD_TOO_LARGE',
          `files are limited to ${ctx.config.maxUploadBytes} bytes`,
        );
      throw error;
    }
    return out;
  }

  app.post(
    '/api/assessments/:id/evidence',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['evidence'],
        summary:
          'Upload evidence (multipart/form-data: file?, requirementId, note?, method?, kind=submitted|collected); 413 over the size limit',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: responses(anyObject, 201),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const up = await receive(request);
      try {
        const f = up.fields;
        const kind = f.kind ?? 'submitted';
        if (kind !== 'submitted' && kind !== 'collected')
          throw validation('kind must be submitted or collected', 'kind');
        if (!f.requirementId || f.requirementId.length > 200)
          throw validation('requirementId is required', 'requirementId');
        if (f.method !== undefined && !(EVIDENCE_METHODS as readonly string[]).includes(f.method))
          throw validation(`method must be one of ${EVIDENCE_METHODS.join(', ')}`, 'method');
        if ((f.note ?? '').length > 10_000) throw validation('note too long', 'note');
        const item = await mutateDoc(db, id, auth.storeActor, async (before, trx) => {
          assertCan(
            auth.actor,
            kind === 'submitted' ? 'evidence.upload' : 'evidence.collect',
            before.assessment,
          );
          let file: EvidenceItem['file'];
          if (up.file) {
            const row = await addEvidenceFile(trx, auth.storeActor, {
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
            at: ctx.config.now().toISOString(),
            ...(f.method ? { method: f.method as EvidenceMethod } : {}),
            ...(f.note ? { note: f.note } : {}),
            ...(file ? { file } : {}),
          };
          const command: Command =
            kind === 'submitted'
              ? { type: 'evidence.upload', item: input }
              : { type: 'evidence.collect', item: input };
          const { doc, events } = apply(ctx, before, command, auth);
          const created = doc.assessment.evidence.find((e) => e.id === input.id)!;
          return { doc, audit: [transitionAudit(before, doc, command, events)], result: created };
        });
        return reply.status(201).send(evidenceView(id, item));
      } catch (error) {
        if (up.file) await ctx.storage.delete(up.file.stored.key);
        throw error;
      }
    },
  );

  app.delete(
    '/api/assessments/:id/evidence/:evidenceId',
    {
      config: onAssessment('evidence.upload'),
      schema: {
        tags: ['evidence'],
        summary: 'Remove submitted evidence (stage application)',
        params: obj({ id, evidenceId: id }, ['id', 'evidenceId']),
        response: responses(okSchema),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, evidenceId } = request.params as { id: string; evidenceId: string };
      await mutateDoc(db, id, auth.storeActor, async (before) => {
        const command: Command = { type: 'evidence.remove', itemId: evidenceId };
        const { doc, events } = apply(ctx, before, command, auth);
        return { doc, audit: [transitionAudit(before, doc, command, events)], result: null };
      });
      return { ok: true };
    },
  );

  app.get(
    '/api/assessments/:id/evidence/:evidenceId/file',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['evidence'],
        summary: 'Download an evidence file (content-disposition: attachment)',
        params: obj({ id, evidenceId: id }, ['id', 'evidenceId']),
        response: { '4xx': anyObject },
      },
    },
    async (request, reply) => {
      const { id, evidenceId } = request.params as { id: string; evidenceId: string };
      const a = request.doc!.assessment;
      const item =
        a.evidence.find((e) => e.id === evidenceId) ??
        a.contests.flatMap((c) => c.evidence).find((e) => e.id === evidenceId);
      if (!item?.file) throw notFound('evidence file');
      const row = await getEvidenceFile(db, item.file.ref);
      if (!row || row.assessmentId !== id || row.deletedAt !== null) throw notFound('evidence file');
      let stream;
      try {
        stream = await ctx.storage.get(row.storageKey);
      } catch (error) {
        if (error instanceof EvidenceNotFoundError) throw notFound('evidence file');
        throw error;
      }
      void reply.header('content-type', 'application/octet-stream');
      void reply.header('content-disposition', contentDisposition(row.filename));
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('cache-control', 'private, no-store');
      void reply.header('content-length', String(row.size));
      return reply.send(stream);
    },
  );

  // --- contests -----------------------------------------------------------------------------------------------

  app.get(
    '/api/assessments/:id/contests',
    {
      config: onAssessment('assessment.read'),
      schema: {
        tags: ['contests'],
        summary: 'Contests (再次论证)',
        params: idParams,
        response: responses(anyArray),
      },
    },
    async (request) => request.doc!.assessment.contests,
  );

  app.post(
    '/api/assessments/:id/contests',
    {
      config: onAssessment('contest.file'),
      schema: {
        tags: ['contests'],
        summary:
          'The enterprise contests a team score within the deadline, with new evidence: evidenceIds (items already uploaded, attached as copies) and/or evidence notes',
        params: idParams,
        body: obj(
          {
            requirementId: id,
            claim: nonBlank(10_000),
            requestedValue: scoreValue,
            evidenceIds: arr(id, 50),
            evidence: arr(obj({ note: str(10_000) }, ['note']), 50),
            expectedVersion: int(),
          },
          ['requirementId', 'claim', 'expectedVersion'],
        ),
        response: responses(anyObject, 201),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { id } = request.params as { id: string };
      const b = request.body as {
        requirementId: string;
        claim: string;
        requestedValue?: ScoreValue;
        evidenceIds?: string[];
        evidence?: { note: string }[];
        expectedVersion: number;
      };
      const contest = await mutateDoc(db, id, auth.storeActor, async (before) => {
        if (before.assessment.version !== b.expectedVersion)
          throw versionConflict(`the assessment is at version ${before.assessment.version}`, null);
        const at = ctx.config.now().toISOString();
        const evidence: EvidenceInput[] = [];
        for (const [i, eid] of (b.evidenceIds ?? []).entries()) {
          const src = before.assessment.evidence.find((e) => e.id === eid && e.kind === 'submitted');
          if (!src) throw validation(`no submitted evidence ${eid}`, `body.evidenceIds.${i}`);
          const { kind: _k, by: _b, contestId: _c, ...rest } = src;
          evidence.push({ ...rest, id: newId(), requirementId: b.requirementId, at });
        }
        for (const e of b.evidence ?? [])
          evidence.push({ id: newId(), requirementId: b.requirementId, at, note: e.note });
        const contestId = newId();
        const command: Command = {
          type: 'contest.file',
          id: contestId,
          requirementId: b.requirementId,
          claim: b.claim,
          ...(b.requestedValue !== undefined ? { requestedValue: b.requestedValue } : {}),
          evidence,
        };
        const { doc, events } = apply(ctx, before, command, auth);
        return {
          doc,
          audit: [transitionAudit(before, doc, command, events)],
          result: doc.assessment.contests.find((c) => c.id === contestId)!,
        };
      });
      return reply.status(201).send(contest);
    },
  );

  app.post(
    '/api/assessments/:id/contests/:contestId/answer',
    {
      config: onAssessment('contest.answer'),
      schema: {
        tags: ['contests'],
        summary: 'The leader answers a contest; upheld changes the team score and re-freezes the result',
        params: obj({ id, contestId: id }, ['id', 'contestId']),
        body: obj(
          {
            decision: enumOf(['upheld', 'rejected']),
            reason: nonBlank(10_000),
            newValue: scoreValue,
            expectedVersion: int(),
          },
          ['decision', 'reason', 'expectedVersion'],
        ),
        response: responses(anyObject),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { id, contestId } = request.params as { id: string; contestId: string };
      const b = request.body as {
        decision: 'upheld' | 'rejected';
        reason: string;
        newValue?: ScoreValue;
        expectedVersion: number;
      };
      return mutateDoc(db, id, auth.storeActor, async (before) => {
        const a = before.assessment;
        if (a.version !== b.expectedVersion)
          throw versionConflict(`the assessment is at version ${a.version}`, null);
        const c = a.contests.find((x) => x.id === contestId);
        if (!c) throw notFound('contest');
        let recomputedResult;
        if (
          b.decision === 'upheld' &&
          b.newValue !== undefined &&
          (SCORE_VALUES as readonly string[]).includes(b.newValue)
        ) {
          const scores = teamScoresAfterContest(a, c.requirementId, b.newValue);
          const complete = a.requirementIds.every((r) => scores[r] !== undefined);
          if (complete) recomputedResult = resultJson(computeResult(a.modelId, a.industry, scores, false));
        }
        const command: Command = {
          type: 'contest.answer',
          contestId,
          decision: b.decision,
          reason: b.reason,
          ...(b.newValue !== undefined ? { newValue: b.newValue } : {}),
          ...(recomputedResult !== undefined ? { recomputedResult } : {}),
        };
        const { doc, events } = apply(ctx, before, command, auth);
        return {
          doc,
          audit: [transitionAudit(before, doc, command, events)],
          result: doc.assessment.contests.find((x) => x.id === contestId)!,
        };
      });
    },
  );
}

export type { Doc };
export { assessmentResource };
