/** Evidence: list, multipart upload (streamed to the storage), removal, authorised download; contests. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import { answerContest, fileContest, listContests } from '../../service/contests.js';
import { ServiceError } from '../../service/errors.js';
import {
  listEvidence,
  openEvidenceFile,
  removeEvidence,
  uploadEvidence,
  type UploadPart,
} from '../../service/evidence.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';

/** RFC 6266 / 5987 content-disposition for any (e.g. Chinese) filename. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The multipart parts of a request as the service reads them. */
async function* partsOf(request: FastifyRequest): AsyncIterable<UploadPart> {
  if (!request.isMultipart())
    throw new ServiceError('UNSUPPORTED_MEDIA_TYPE', 'multipart/form-data expected', {
      params: { expected: 'multipart/form-data' },
    });
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const file = part.file;
      yield {
        type: 'file',
        filename: part.filename,
        mimetype: part.mimetype,
        stream: file,
        truncated: () => file.truncated,
      };
    } else {
      yield {
        type: 'field',
        name: part.fieldname,
        value: typeof part.value === 'string' ? part.value : String(part.value),
      };
    }
  }
}

const OK = { ok: true as const };

export function registerEvidenceRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'GET /api/assessments/:id/evidence', read, async (r) =>
    listEvidence(ctx, callerOf(r), r.params.id, r.query),
  );
  route(app, 'POST /api/assessments/:id/evidence', read, async (r, reply) => {
    const key = r.headers['idempotency-key'];
    return uploadEvidence(ctx, callerOf(r), r.params.id, partsOf(r), {
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      onReplay: () => void reply.header('idempotent-replayed', 'true'),
    });
  });
  route(
    app,
    'DELETE /api/assessments/:id/evidence/:evidenceId',
    onAssessment('evidence.upload'),
    async (r) => {
      await removeEvidence(ctx, callerOf(r), r.params.id, r.params.evidenceId);
      return OK;
    },
  );
  route(app, 'GET /api/assessments/:id/evidence/:evidenceId/file', read, async (r, reply) => {
    const file = await openEvidenceFile(ctx, callerOf(r), r.params.id, r.params.evidenceId);
    void reply.header('content-type', 'application/octet-stream');
    void reply.header('content-disposition', contentDisposition(file.filename));
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('cache-control', 'private, no-store');
    void reply.header('content-length', String(file.size));
    return reply.send(file.stream);
  });

  route(app, 'GET /api/assessments/:id/contests', read, async (r) =>
    listContests(ctx, callerOf(r), r.params.id, r.query),
  );
  route(app, 'POST /api/assessments/:id/contests', onAssessment('contest.file'), async (r) =>
    fileContest(ctx, callerOf(r), r.params.id, r.body),
  );
  route(
    app,
    'POST /api/assessments/:id/contests/:contestId/answer',
    onAssessment('contest.answer'),
    async (r) => answerContest(ctx, callerOf(r), r.params.id, r.params.contestId, r.body),
  );
}
