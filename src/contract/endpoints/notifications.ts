/** Endpoints: the signed-in user's notifications (issue 13). */
import {
  NotificationItem,
  NotificationPage,
  NotificationParams,
  NotificationQuery,
  NotificationReadQuery,
  NotificationSettings,
  ReadAllResult,
} from '../notifications.js';
import type { EndpointDef } from '../schema.js';

export const notificationsEndpoints = {
  'GET /api/notifications': {
    summary:
      'The signed-in user’s notifications, newest first (unread=true: unread only; limit ≤ 100, offset), with the unread count and whether e-mail is on.',
    tags: ['notifications'],
    query: NotificationQuery,
    response: NotificationPage,
  },
  'POST /api/notifications/:id/read': {
    summary: 'Marks one of the signed-in user’s notifications read (another user’s: 404).',
    tags: ['notifications'],
    params: NotificationParams,
    query: NotificationReadQuery,
    response: NotificationItem,
  },
  'POST /api/notifications/read-all': {
    summary: 'Marks every notification of the signed-in user read.',
    tags: ['notifications'],
    response: ReadAllResult,
  },
  'PUT /api/notifications/settings': {
    summary: 'The language of the signed-in user’s notification e-mails (zh, the default, or en).',
    tags: ['notifications'],
    body: NotificationSettings,
    response: NotificationSettings,
  },
} as const satisfies Record<string, EndpointDef>;
