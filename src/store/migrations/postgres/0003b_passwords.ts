import { sql, type Kysely } from 'kysely';

/**
 * 0003b: password resets issued by a user manager (one-time tokens: only their sha256 is stored), and the index
 * the login throttle reads (failures per account × client address).
 */
const UP: string[] = [
  `CREATE TABLE password_resets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    issued_by TEXT REFERENCES users(id),
    issued_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
  )`,
  `CREATE INDEX password_resets_user_idx ON password_resets (user_id)`,
  `CREATE INDEX login_attempts_pair_idx ON login_attempts (email, ip, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX login_attempts_pair_idx').execute(db);
  await sql.raw('DROP TABLE password_resets').execute(db);
}
