/** /healthz (the process answers) and /readyz (database, migrations, job queue): public, content-free. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import { readiness } from '../../service/health.js';
import { PUBLIC } from '../context.js';
import { route } from '../route.js';

export const HEALTH_PATHS = ['/healthz', '/readyz'] as const;

export function registerHealthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /healthz', PUBLIC, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok' as const };
  });
  route(app, 'GET /readyz', PUBLIC, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return readiness(ctx);
  });
}
