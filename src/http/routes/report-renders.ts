/** Report renders: the report as a background job, its progress, preview pages and file (issues 11/12). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import { getRenderStatus, renderedFile, requestRender } from '../../service/report-renders.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';
import { contentDisposition } from './evidence.js';

export function registerReportRenderRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'POST /api/assessments/:id/report/renders', read, async (r) =>
    requestRender(ctx, callerOf(r), r.params.id, r.body.format),
  );
  route(app, 'GET /api/assessments/:id/report/renders/:renderId', read, async (r, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return getRenderStatus(ctx, callerOf(r), r.params.id, r.params.renderId);
  });
  route(app, 'GET /api/assessments/:id/report/renders/:renderId/file', read, async (r, reply) => {
    const { id, renderId } = r.params;
    const file = await renderedFile(ctx, callerOf(r), id, renderId);
    void reply.header('cache-control', 'private, no-store');
    void reply.header('content-type', file.mime);
    void reply.header(
      'content-disposition',
      contentDisposition(`评估报告-${file.enterprise}.${file.extension}`).replace(
        /filename="[^"]*"/,
        `filename="report-${id}.${file.extension}"`,
      ),
    );
    return reply.send(file.buffer);
  });
  route(app, 'GET /api/assessments/:id/report/renders/:renderId/pages/:page', read, async (r, reply) => {
    const { id, renderId, page } = r.params;
    const file = await renderedFile(ctx, callerOf(r), id, renderId, Number(page));
    // A page of a done render never changes (its content hash is fixed); the browser may keep it.
    void reply.header('cache-control', 'private, max-age=3600');
    void reply.header('content-type', file.mime);
    return reply.send(file.buffer);
  });
}
