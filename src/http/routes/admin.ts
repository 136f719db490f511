/** Administration: organisations, users, expert profiles, the audit log (the use cases narrow access). */
import type { FastifyInstance } from 'fastify';
import {
  createOrganisation,
  createUser,
  expertPool,
  getProfile,
  issuePasswordResetFor,
  listOrganisations,
  listUsers,
  putProfile,
  updateOrganisationProfile,
  updateUser,
} from '../../service/admin.js';
import { listAuditLog, verifyAuditLog } from '../../service/audit.js';
import type { ServiceContext } from '../../service/context.js';
import { callerOf, SESSION } from '../context.js';
import { route } from '../route.js';

export function registerAdminRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /api/orgs', SESSION, async (r) => listOrganisations(ctx, callerOf(r), r.query));
  route(app, 'POST /api/orgs', SESSION, async (r) => createOrganisation(ctx, callerOf(r), r.body));
  route(app, 'PUT /api/orgs/:orgId/profile', SESSION, async (r) =>
    updateOrganisationProfile(ctx, callerOf(r), r.params.orgId, r.body),
  );
  route(app, 'GET /api/users', SESSION, async (r) => listUsers(ctx, callerOf(r), r.query));
  route(app, 'POST /api/users', SESSION, async (r) => createUser(ctx, callerOf(r), r.body));
  route(app, 'PATCH /api/users/:userId', SESSION, async (r) =>
    updateUser(ctx, callerOf(r), r.params.userId, r.body),
  );
  route(app, 'GET /api/experts', SESSION, async (r) => expertPool(ctx, callerOf(r)));
  route(app, 'POST /api/users/:userId/password-reset', SESSION, async (r) =>
    issuePasswordResetFor(ctx, callerOf(r), r.params.userId),
  );
  route(app, 'GET /api/users/:userId/expert-profile', SESSION, async (r) =>
    getProfile(ctx, callerOf(r), r.params.userId),
  );
  route(app, 'PUT /api/users/:userId/expert-profile', SESSION, async (r) =>
    putProfile(ctx, callerOf(r), r.params.userId, r.body),
  );
  route(app, 'GET /api/audit', SESSION, async (r) => listAuditLog(ctx, callerOf(r), r.query));
  route(app, 'GET /api/audit/verify', SESSION, async (r) => verifyAuditLog(ctx, callerOf(r)));
}
