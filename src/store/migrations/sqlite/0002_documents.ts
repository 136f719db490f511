import { sql, type Kysely } from 'kysely';

/**
 * 0002 (added for the HTTP layer): the process aggregate of `src/process` as one JSON document per assessment,
 * and the expert profile the team rules need (training validity, declared interest relations).
 */
const UP: string[] = [
  `CREATE TABLE assessment_documents (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE expert_profiles (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    training_valid_until TEXT,
    conflicts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conflicts) AND json_type(conflicts) = 'array'),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['expert_profiles', 'assessment_documents'])
      await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}
