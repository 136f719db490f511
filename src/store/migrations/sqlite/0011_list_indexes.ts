import { sql, type Kysely } from 'kysely';

/**
 * 0011 (issue 10, lists served paged): indexes of the administration lists.
 * - users (organisation_id, email): a body admin's user list in its default order (by e-mail) and its count,
 *   without a sort; it replaces the single-column index on organisation_id (a prefix of it).
 * - organisations (kind, name, id): the organisation list filtered by kind, in its default order (name, id).
 * - audit_log (actor_id, seq): the audit log filtered by who acted, in log order, whatever the log's length.
 */
const UP = [
  'CREATE INDEX users_organisation_email_idx ON users (organisation_id, email)',
  'DROP INDEX users_organisation_idx',
  'CREATE INDEX organisations_kind_name_idx ON organisations (kind, name, id)',
  'CREATE INDEX audit_log_actor_seq_idx ON audit_log (actor_id, seq)',
];

const DOWN = [
  'DROP INDEX audit_log_actor_seq_idx',
  'DROP INDEX organisations_kind_name_idx',
  'CREATE INDEX users_organisation_idx ON users (organisation_id)',
  'DROP INDEX users_organisation_email_idx',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of DOWN) await sql.raw(statement).execute(trx);
  });
}
