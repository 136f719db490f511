import { sql, type Kysely } from 'kysely';

/**
 * 0008 (issues 11/12, the report download a body signs):
 * - `report_files`: rendered report files kept in the evidence storage, keyed by the content hash of what was
 *   rendered (the report request: the frozen/sealed result, the names, the comparison, the renderer version) and
 *   the part (`docx`, `pdf`, `xlsx`, `page-<n>` PNGs of the preview) — the same report is never rendered twice;
 * - `report_renders`: one row per render asked for through `POST …/report/renders` (the job's id): its state,
 *   step, failure reason, size and pages, and who asked (only they read it);
 * - `evidence_upload_keys` (issue 12): the `Idempotency-Key` of each evidence upload by a user in an assessment,
 *   so a retried upload (the web app's offline queue) answers with the item it created instead of a second one.
 */
const UP: string[] = [
  `CREATE TABLE report_files (
    content_hash TEXT NOT NULL,
    part TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (content_hash, part)
  ) STRICT`,
  `CREATE TABLE report_renders (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    format TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'preview')),
    content_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'rendering', 'done', 'failed')),
    step TEXT,
    error TEXT CHECK (error IS NULL OR json_valid(error)),
    size INTEGER,
    pages INTEGER,
    preview_pages INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX report_renders_assessment ON report_renders (assessment_id, user_id, created_at)`,
  `CREATE TABLE evidence_upload_keys (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    idempotency_key TEXT NOT NULL,
    evidence_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, user_id, idempotency_key)
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['evidence_upload_keys', 'report_renders', 'report_files'])
      await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}
