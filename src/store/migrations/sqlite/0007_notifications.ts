import { sql, type Kysely } from 'kysely';

/**
 * 0007 (issue 13, notifications and deadlines):
 * - `notifications`: one row per recipient and event (kind, assessment, template parameters, link, deadline),
 *   written in the transaction of the command that caused it; `read_at` when read; `mail_status` of its e-mail
 *   (off: mail not configured, pending: a job will send it, sent, failed);
 * - `deadline_reminders`: the reminders sent, each once per (assessment, kind, deadline, phase);
 * - `users.language`: the language of the user's e-mails (null: Chinese).
 */
const UP: string[] = [
  `CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    assessment_id TEXT REFERENCES assessments(id) ON DELETE CASCADE,
    params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
    link TEXT NOT NULL,
    deadline TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT,
    mail_status TEXT NOT NULL CHECK (mail_status IN ('off', 'pending', 'sent', 'failed')),
    mail_sent_at TEXT
  ) STRICT`,
  `CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at)`,
  `CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL`,
  `CREATE INDEX notifications_mail ON notifications (mail_status) WHERE mail_status = 'pending'`,
  `CREATE TABLE deadline_reminders (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    deadline TEXT NOT NULL,
    phase TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, kind, deadline, phase)
  ) STRICT`,
  `ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('zh', 'en'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql.raw('ALTER TABLE users DROP COLUMN language').execute(trx);
    for (const table of ['deadline_reminders', 'notifications'])
      await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}
