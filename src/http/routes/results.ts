/** The result and the report files of the frozen result. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import { getReportJson, getResult, renderReport } from '../../service/results.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';
import { contentDisposition } from './evidence.js';

export function registerResultRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'GET /api/assessments/:id/result', read, async (r) =>
    getResult(ctx, callerOf(r), r.params.id, r.query.source),
  );
  route(app, 'GET /api/assessments/:id/report', read, async (r, reply) => {
    const { id } = r.params;
    const { format } = r.query;
    void reply.header('cache-control', 'private, no-store');
    if (format === 'json') {
      const json = await getReportJson(ctx, callerOf(r), id);
      void reply.header('content-disposition', `attachment; filename="report-${id}.json"`);
      return json;
    }
    const file = await renderReport(ctx, callerOf(r), id, format);
    void reply.header('content-type', file.mime);
    void reply.header(
      'content-disposition',
      contentDisposition(`评估报告-${file.enterprise}.${format}`).replace(
        /filename="[^"]*"/,
        `filename="report-${id}.${format}"`,
      ),
    );
    return reply.send(file.buffer);
  });
}
