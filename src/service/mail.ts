/**
 * E-mail of notifications through SMTP (nodemailer). Configured by DTMA_SMTP_URL and DTMA_MAIL_FROM (src/config.ts);
 * without them mail is off (`ServiceOptions.mail` null), notifications are in-app only and the app says so.
 *
 * Each notification's e-mail is one job (`notification_mail`, its id the notification's), enqueued in the
 * transaction that wrote the notification, so it runs only after that commits; a failed send is retried with
 * back-off by the job queue; the row's `mail_status` goes pending → sent once (a job that finds it sent does
 * nothing). The Message-ID is derived from the notification, so a re-run after a crash between the send and the
 * status update is recognisable as the same message.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { renderNotification } from '../process/notification-text.js';
import type { NotificationKind } from '../process/notifications.js';
import { notificationForMail, pendingMailIds, setMailStatus } from '../store/repos/notifications.js';
import type { ServiceContext } from './context.js';
import { langOf, MAIL_JOB } from './notifications.js';

export type { MailSettings } from './mail-settings.js';

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Closes the pooled SMTP connections (tests, shutdown). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** The e-mail of a notification, or null when there is nothing to send (read, sent, recipient inactive). */
export async function mailOf(ctx: ServiceContext, id: string): Promise<RenderedMail | null> {
  const settings = ctx.options.mail;
  const n = await notificationForMail(ctx.db, id);
  if (!settings || !n || n.mailStatus !== 'pending' || !n.active) return null;
  const lang = langOf(n.language);
  const text = renderNotification(n.kind as NotificationKind, n.params as never, n.deadline, lang);
  const link = `${settings.publicUrl ?? ''}/#${n.link}`;
  const greeting = lang === 'zh' ? `${n.displayName}，您好：` : `Dear ${n.displayName},`;
  const footer =
    lang === 'zh'
      ? `查看详情：${link}\n\n本邮件由有色金属行业数字化转型成熟度评估平台自动发送，请勿回复。`
      : `Details: ${link}\n\nSent automatically by the digital transformation maturity assessment platform; please do not reply.`;
  const host = /@([^>\s]+)/.exec(settings.from)?.[1] ?? 'dtma.local';
  return {
    to: n.email,
    subject: lang === 'zh' ? `【评估平台】${text.title}` : `[DTMA] ${text.title}`,
    text: `${greeting}\n\n${text.body}\n\n${footer}\n`,
    messageId: `<notification-${n.id}@${host}>`,
  };
}

/** Sends the e-mail of notification `id` (the job's handler); returns what happened. */
export async function sendNotificationMail(ctx: ServiceContext, id: string): Promise<'sent' | 'skipped'> {
  const settings = ctx.options.mail;
  const mail = await mailOf(ctx, id);
  if (!settings || !mail) {
    // Nothing to send: a recipient deactivated meanwhile, or mail switched off — settle the row.
    if (!settings) await setMailStatus(ctx.db, id, 'pending', 'off', null);
    return 'skipped';
  }
  await transportFor(settings.url).sendMail({
    from: settings.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    headers: { 'X-DTMA-Notification': id },
  });
  await setMailStatus(ctx.db, id, 'pending', 'sent', ctx.options.now().toISOString());
  return 'sent';
}

/** Re-enqueues e-mails still pending (written where no job queue ran, e.g. `dtma seed-demo`); idempotent. */
export async function enqueuePendingMail(ctx: ServiceContext): Promise<number> {
  if (!ctx.jobs || !ctx.options.mail) return 0;
  const before = new Date(ctx.options.now().getTime() - 60_000).toISOString();
  let n = 0;
  for (const id of await pendingMailIds(ctx.db, before))
    if ((await ctx.jobs.send(MAIL_JOB, { id }, { id })) !== null) n++;
  return n;
}
