import { sql, type Kysely } from 'kysely';

/** 0008 (issues 11/12): rendered report files by content hash, and the renders asked for (see sqlite/0008). */
const UP: string[] = [
  `CREATE TABLE report_files (
    content_hash TEXT NOT NULL,
    part TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (content_hash, part)
  )`,
  `CREATE TABLE report_renders (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    format TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'preview')),
    content_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'rendering', 'done', 'failed')),
    step TEXT,
    error JSONB,
    size BIGINT,
    pages INTEGER,
    preview_pages INTEGER,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE INDEX report_renders_assessment ON report_renders (assessment_id, user_id, created_at)`,
  `CREATE TABLE evidence_upload_keys (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    idempotency_key TEXT NOT NULL,
    evidence_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (assessment_id, user_id, idempotency_key)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['evidence_upload_keys', 'report_renders', 'report_files'])
    await sql.raw(`DROP TABLE ${table}`).execute(db);
}
