/**
 * The notification centre (issue 13): notifications written in the transaction of the command that caused them
 * (`notifyTransitions`, called once, by `mutateDoc` in unit-of-work.ts), the signed-in user's list, and the
 * e-mail of each notification, sent by the job `notification_mail` after the transaction commits (src/service/
 * mail.ts). Which transition tells whom what is the data table of src/process/notifications.ts.
 */
import {
  notificationsFor,
  type AppliedTransition,
  type NotificationDraft,
  type NotificationKind,
  type Person,
} from '../process/notifications.js';
import { renderNotification, type NotificationLang } from '../process/notification-text.js';
import { teamMemberIds } from '../process/resource.js';
import type { Assessment, DomainEvent, HistoryEntry } from '../process/types.js';
import type { Role } from '../access/types.js';
import {
  assessmentPeople,
  insertNotifications,
  listNotifications as listStored,
  markAllNotificationsRead,
  markNotificationRead,
  setUserLanguage,
  type StoredNotification,
} from '../store/repos/notifications.js';
import { organisationNames } from '../store/repos/organisations.js';
import type { Db, Trx } from '../store/util.js';
import type { Caller, ServiceContext } from './context.js';
import { notFound } from './errors.js';

export const MAIL_JOB = 'notification_mail';

// ---------------------------------------------------------------------------------------------------------
// The transitions of one mutation

/** The events of each history entry written by `apply` (the document keeps only their types). */
const appliedEvents = new WeakMap<HistoryEntry, readonly DomainEvent[]>();

/** Called by `apply` for each transition it makes. */
export function recordApplied(after: Assessment, events: readonly DomainEvent[]): void {
  const entry = after.history.at(-1);
  if (entry) appliedEvents.set(entry, events);
}

/** The transitions from `before` to `after` (the history entries added), with their events. */
export function transitionsBetween(before: Assessment, after: Assessment): AppliedTransition[] {
  return after.history.slice(before.history.length).map((h) => ({
    command: h.command,
    from: h.from,
    to: h.to,
    actorId: h.actorId,
    at: h.at,
    events: appliedEvents.get(h) ?? h.events.map((type) => ({ type, data: {} })),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Writing notifications

/** The people of an assessment: its enterprise's and body's active users and its team. */
export async function peopleOf(db: Db, a: Assessment): Promise<Person[]> {
  const rows = await assessmentPeople(db, [a.enterpriseOrgId, a.bodyOrgId], teamMemberIds(a));
  return rows.map((r) => ({ ...r, roles: r.roles as Role[] }));
}

/** Writes `drafts` (names of the assessment's parties added) and enqueues their e-mails, in `trx`. */
export async function writeNotifications(
  ctx: ServiceContext,
  trx: Trx,
  a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId'>,
  drafts: readonly NotificationDraft[],
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const names = await organisationNames(trx, [a.enterpriseOrgId, a.bodyOrgId]);
  const mailOn = ctx.options.mail !== null;
  const ids = await insertNotifications(
    trx,
    drafts.map((d) => ({
      recipientId: d.recipientId,
      kind: d.kind,
      assessmentId: d.assessmentId,
      params: {
        enterpriseName: names.get(a.enterpriseOrgId) ?? '',
        bodyName: names.get(a.bodyOrgId) ?? '',
        ...d.params,
      },
      link: d.link,
      deadline: d.deadline,
      mailStatus: mailOn ? 'pending' : 'off',
    })),
    ctx.options.now().toISOString(),
  );
  if (mailOn && ctx.jobs)
    // The job's id is the notification's: one e-mail per notification, enqueued only if the command commits.
    for (const id of ids) await ctx.jobs.send(MAIL_JOB, { id }, { trx, id });
  return ids;
}

/** The notifications of a mutation's transitions (inside its transaction). */
export async function notifyTransitions(
  ctx: ServiceContext,
  trx: Trx,
  transitions: readonly AppliedTransition[],
  after: Assessment,
): Promise<void> {
  if (transitions.length === 0) return;
  const drafts = notificationsFor(transitions, after, await peopleOf(trx, after));
  await writeNotifications(ctx, trx, after, drafts);
}

// ---------------------------------------------------------------------------------------------------------
// The signed-in user's list

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  assessmentId: string | null;
  title: string;
  body: string;
  link: string;
  deadline: string | null;
  createdAt: string;
  readAt: string | null;
  params: Record<string, string | number | boolean | null>;
}

export function langOf(v: string | null | undefined): NotificationLang {
  return v === 'en' ? 'en' : 'zh';
}

function scalarParams(p: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(p))
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}

export function itemOf(n: StoredNotification, lang: NotificationLang): NotificationItem {
  const kind = n.kind as NotificationKind;
  const text = renderNotification(kind, n.params as never, n.deadline, lang);
  return {
    id: n.id,
    kind,
    assessmentId: n.assessmentId,
    title: text.title,
    body: text.body,
    link: n.link,
    deadline: n.deadline,
    createdAt: n.createdAt,
    readAt: n.readAt,
    params: scalarParams(n.params),
  };
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  /** E-mail is configured (DTMA_SMTP_URL, DTMA_MAIL_FROM); off: in-app only. */
  mail: boolean;
}

export async function listNotifications(
  ctx: ServiceContext,
  caller: Caller,
  q: { unread?: boolean; limit?: number; offset?: number; lang?: string },
): Promise<NotificationPage> {
  const page = await listStored(ctx.db, caller.user.id, {
    unreadOnly: q.unread === true,
    limit: Math.min(Math.max(q.limit ?? 20, 1), 100),
    offset: Math.max(q.offset ?? 0, 0),
  });
  const lang = langOf(q.lang);
  return {
    items: page.items.map((n) => itemOf(n, lang)),
    total: page.total,
    unread: page.unread,
    mail: ctx.options.mail !== null,
  };
}

export async function readNotification(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  lang?: string,
): Promise<NotificationItem> {
  const n = await markNotificationRead(ctx.db, caller.user.id, id, ctx.options.now().toISOString());
  // Another user's notification is "not found" (its existence is not revealed).
  if (!n) throw notFound('notification');
  return itemOf(n, langOf(lang));
}

export async function readAllNotifications(ctx: ServiceContext, caller: Caller): Promise<{ marked: number }> {
  return { marked: await markAllNotificationsRead(ctx.db, caller.user.id, ctx.options.now().toISOString()) };
}

/** The language of the caller's e-mails. */
export async function setNotificationLanguage(
  ctx: ServiceContext,
  caller: Caller,
  language: NotificationLang,
): Promise<{ language: NotificationLang }> {
  await setUserLanguage(ctx.db, caller.user.id, language);
  return { language };
}
