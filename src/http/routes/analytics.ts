/** The assessment body's analytics and their exports. */
import type { FastifyInstance } from 'fastify';
import { exportAnalytics, getAnalytics } from '../../service/analytics.js';
import type { ServiceContext } from '../../service/context.js';
import { callerOf, SESSION } from '../context.js';
import { route } from '../route.js';
import { contentDisposition } from './evidence.js';

export function registerAnalyticsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /api/analytics', SESSION, async (r) => getAnalytics(ctx, callerOf(r), r.query));
  route(app, 'GET /api/analytics/export', SESSION, async (r, reply) => {
    const file = await exportAnalytics(ctx, callerOf(r), r.query);
    void reply.header('cache-control', 'private, no-store');
    void reply.header('content-type', file.mime);
    void reply.header('content-disposition', contentDisposition(file.filename));
    return reply.send(file.buffer);
  });
}
