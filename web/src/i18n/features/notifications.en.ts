/** The English of notifications.ts (its own chunk with messages-en.ts: loaded only when a user picks English). */
import type { notificationMessages } from './notifications';

export const notificationMessagesEn: Record<keyof typeof notificationMessages, string> = {
  'notify.bell': 'Notifications ({n} unread)',
  'notify.title': 'Notifications',
  'notify.unreadOnly': 'Unread only',
  'notify.markRead': 'Mark read',
  'notify.markAll': 'Mark all read',
  'notify.empty': 'No notifications',
  'notify.deadline': 'Due: {date}',
  'notify.open': 'Open',
  'notify.more': 'Load more',
  'notify.mailOff':
    'E-mail is off: DTMA_SMTP_URL and DTMA_MAIL_FROM are not set; notifications show in the app only.',
};
