/** Notifications (0007): one row per recipient; the deadline reminders sent; the people an assessment notifies. */
import { sql } from 'kysely';
import type { MailStatus, Row } from '../schema.js';
import { newId, parseJson, type Db, type Trx } from '../util.js';

export interface NewNotification {
  recipientId: string;
  kind: string;
  assessmentId: string | null;
  params: Record<string, unknown>;
  link: string;
  deadline: string | null;
  mailStatus: MailStatus;
}

export interface StoredNotification {
  id: string;
  recipientId: string;
  kind: string;
  assessmentId: string | null;
  params: Record<string, unknown>;
  link: string;
  deadline: string | null;
  createdAt: string;
  readAt: string | null;
  mailStatus: MailStatus;
}

function toNotification(r: Row<'notifications'>): StoredNotification {
  return {
    id: r.id,
    recipientId: r.recipient_id,
    kind: r.kind,
    assessmentId: r.assessment_id,
    params: parseJson<Record<string, unknown>>(r.params),
    link: r.link,
    deadline: r.deadline,
    createdAt: r.created_at,
    readAt: r.read_at,
    mailStatus: r.mail_status,
  };
}

/** Inserts the notifications; returns their ids in order. */
export async function insertNotifications(
  trx: Trx,
  items: readonly NewNotification[],
  at: string,
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = items.map((n) => ({
    id: newId(),
    recipient_id: n.recipientId,
    kind: n.kind,
    assessment_id: n.assessmentId,
    params: JSON.stringify(n.params),
    link: n.link,
    deadline: n.deadline,
    created_at: at,
    read_at: null,
    mail_status: n.mailStatus,
    mail_sent_at: null,
  }));
  await trx.insertInto('notifications').values(rows).execute();
  return rows.map((r) => r.id);
}

/** A user's notifications, newest first, and the counts. */
export async function listNotifications(
  db: Db,
  recipientId: string,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ items: StoredNotification[]; total: number; unread: number }> {
  let list = db.selectFrom('notifications').selectAll().where('recipient_id', '=', recipientId);
  if (q.unreadOnly) list = list.where('read_at', 'is', null);
  const rows = await list
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const counts = await db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('total'),
      eb.fn.count<string | number>('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('recipient_id', '=', recipientId)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map(toNotification),
    total: q.unreadOnly ? Number(counts.unread) : Number(counts.total),
    unread: Number(counts.unread),
  };
}

/** Marks one of the user's notifications read (false: no such notification of this user). */
export async function markNotificationRead(
  db: Db,
  recipientId: string,
  id: string,
  at: string,
): Promise<StoredNotification | undefined> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .executeTakeFirst();
  return row ? toNotification(row) : undefined;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllNotificationsRead(db: Db, recipientId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A notification with what its e-mail needs of the recipient. */
export interface MailItem extends StoredNotification {
  email: string;
  displayName: string;
  language: 'zh' | 'en' | null;
  active: boolean;
}

export async function notificationForMail(db: Db, id: string): Promise<MailItem | undefined> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.recipient_id')
    .selectAll('n')
    .select(['u.email', 'u.display_name', 'u.active', sql<'zh' | 'en' | null>`u.language`.as('language')])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toNotification(row),
    email: row.email,
    displayName: row.display_name,
    language: row.language,
    active: row.active === 1,
  };
}

/**
 * Claims the mail of a pending notification (pending → sent, in the caller's transaction: the e-mail is sent
 * before it commits). False: it was sent or settled already.
 */
export async function setMailStatus(
  db: Db,
  id: string,
  from: MailStatus,
  to: MailStatus,
  at: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ mail_status: to, mail_sent_at: at })
    .where('id', '=', id)
    .where('mail_status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ids of notifications whose e-mail is still pending, created before `before` (the sweep re-enqueues them). */
export async function pendingMailIds(db: Db, before: string, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('mail_status', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The users an assessment may notify: its enterprise's and body's users, and the given (team) users. */
export async function assessmentPeople(
  db: Db,
  orgIds: readonly string[],
  userIds: readonly string[],
): Promise<{ userId: string; orgId?: string; roles: string[] }[]> {
  if (orgIds.length === 0 && userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'roles'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        ...(orgIds.length ? [eb('organisation_id', 'in', [...orgIds])] : []),
        ...(userIds.length ? [eb('id', 'in', [...userIds])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    ...(r.organisation_id ? { orgId: r.organisation_id } : {}),
    roles: parseJson<string[]>(r.roles),
  }));
}

/** Records a deadline reminder; false when this (assessment, kind, deadline, phase) was sent before. */
export async function markDeadlineReminder(
  trx: Trx,
  r: { assessmentId: string; kind: string; deadline: string; phase: string; at: string },
): Promise<boolean> {
  const res = await trx
    .insertInto('deadline_reminders')
    .values({
      assessment_id: r.assessmentId,
      kind: r.kind,
      deadline: r.deadline,
      phase: r.phase,
      sent_at: r.at,
    })
    .onConflict((oc) => oc.columns(['assessment_id', 'kind', 'deadline', 'phase']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The user's e-mail language. */
export async function setUserLanguage(db: Db, userId: string, language: 'zh' | 'en'): Promise<void> {
  await sql`update users set language = ${language} where id = ${userId}`.execute(db);
}

/** Marks every notification created before `before` read at its own creation (the demo: old news is read). */
export async function markReadCreatedBefore(db: Db, before: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.ref('created_at') }))
    .where('created_at', '<', before)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
