import { sql, type Kysely } from 'kysely';

/** 0007 (issue 13): notifications, deadline reminders, users' e-mail language — see the SQLite twin. */
const UP: string[] = [
  `CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    assessment_id TEXT REFERENCES assessments(id) ON DELETE CASCADE,
    params JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    link TEXT NOT NULL,
    deadline TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ,
    mail_status TEXT NOT NULL CHECK (mail_status IN ('off', 'pending', 'sent', 'failed')),
    mail_sent_at TIMESTAMPTZ
  )`,
  `CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at)`,
  `CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL`,
  `CREATE INDEX notifications_mail ON notifications (mail_status) WHERE mail_status = 'pending'`,
  `CREATE TABLE deadline_reminders (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    deadline TEXT NOT NULL,
    phase TEXT NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (assessment_id, kind, deadline, phase)
  )`,
  `ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('zh', 'en'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users DROP COLUMN language').execute(db);
  for (const table of ['deadline_reminders', 'notifications'])
    await sql.raw(`DROP TABLE ${table}`).execute(db);
}
