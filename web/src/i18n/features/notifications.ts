/** The notification centre (issue 13): the bell, the list, the note when e-mail is off. */
import { defineMessages } from '../define';

export const notificationMessages = defineMessages({
  'notify.bell': '通知（{n} 条未读）',
  'notify.title': '通知',
  'notify.unreadOnly': '只看未读',
  'notify.markRead': '标为已读',
  'notify.markAll': '全部标为已读',
  'notify.empty': '暂无通知',
  'notify.deadline': '截止：{date}',
  'notify.open': '查看',
  'notify.more': '加载更多',
  'notify.mailOff': '邮件通知未开启：未配置 DTMA_SMTP_URL 与 DTMA_MAIL_FROM，通知仅在平台内显示。',
});
