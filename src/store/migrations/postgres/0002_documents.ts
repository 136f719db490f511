import { sql, type Kysely } from 'kysely';

/**
 * 0002 (added for the HTTP layer): the process aggregate of `src/process` as one JSON document per assessment
 * (text, parsed by the application: it is read and written whole), and the expert profile the team rules need.
 */
const UP: string[] = [
  `CREATE TABLE assessment_documents (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE expert_profiles (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    training_valid_until TEXT,
    conflicts TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['expert_profiles', 'assessment_documents'])
    await sql.raw(`DROP TABLE ${table}`).execute(db);
}
