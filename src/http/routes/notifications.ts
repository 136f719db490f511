/** The signed-in user's notifications (issue 13): each user reads and marks only their own. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/context.js';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  setNotificationLanguage,
} from '../../service/notifications.js';
import { callerOf, SESSION } from '../context.js';
import { route } from '../route.js';

export function registerNotificationRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  route(app, 'GET /api/notifications', SESSION, async (r, reply) => {
    void reply.header('cache-control', 'private, no-store');
    return listNotifications(ctx, callerOf(r), r.query);
  });
  route(app, 'POST /api/notifications/read-all', SESSION, async (r) =>
    readAllNotifications(ctx, callerOf(r)),
  );
  route(app, 'POST /api/notifications/:id/read', SESSION, async (r) =>
    readNotification(ctx, callerOf(r), r.params.id, r.query.lang),
  );
  route(app, 'PUT /api/notifications/settings', SESSION, async (r) =>
    setNotificationLanguage(ctx, callerOf(r), r.body.language),
  );
}
