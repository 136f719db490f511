import { sql, type Kysely } from 'kysely';

/**
 * 0006 (issue 14, results over time and across enterprises):
 * - `published_results` / `published_scores`: one summary row per published (sealed) assessment and its domain,
 *   unit and level scores as integers (millionths, floored), written in the publishing transaction and removed
 *   when the result is re-opened — what benchmarks and the body's analytics aggregate in SQL (never the
 *   documents); `latest` marks each enterprise's newest published result;
 * - `certificates` (issued on publication, withdrawn on re-opening) and the yearly number counters;
 * - `result_reminders`: the validity reminders sent (each kind once per sealed result);
 * - `self_assessment_scores.carried_from`: a self-assessment grade carried over from a previous assessment,
 *   until the enterprise confirms it.
 */
const UP: string[] = [
  `CREATE TABLE published_results (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    enterprise_id TEXT NOT NULL REFERENCES organisations(id),
    body_id TEXT NOT NULL REFERENCES organisations(id),
    industry TEXT NOT NULL,
    model_id TEXT NOT NULL,
    sub_sector TEXT,
    size TEXT,
    sealed_at TEXT NOT NULL,
    year INTEGER NOT NULL,
    seal_hash TEXT NOT NULL,
    total_micro INTEGER NOT NULL CHECK (total_micro >= 0),
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    valid_until TEXT NOT NULL,
    reassessment_due TEXT NOT NULL,
    latest INTEGER NOT NULL DEFAULT 0 CHECK (latest IN (0, 1))
  ) STRICT`,
  `CREATE INDEX published_results_peers ON published_results (industry, model_id, latest, total_micro)`,
  `CREATE INDEX published_results_body ON published_results (body_id, year)`,
  `CREATE INDEX published_results_enterprise ON published_results (enterprise_id, sealed_at)`,
  `CREATE TABLE published_scores (
    assessment_id TEXT NOT NULL REFERENCES published_results(assessment_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('total', 'domain', 'unit', 'level')),
    key TEXT NOT NULL,
    score_micro INTEGER NOT NULL CHECK (score_micro >= 0),
    PRIMARY KEY (assessment_id, kind, key)
  ) STRICT`,
  `CREATE INDEX published_scores_key ON published_scores (kind, key, score_micro)`,
  `CREATE TABLE certificates (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    seal_hash TEXT NOT NULL,
    content TEXT NOT NULL CHECK (json_valid(content)),
    issued_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_reason TEXT
  ) STRICT`,
  `CREATE INDEX certificates_assessment ON certificates (assessment_id, issued_at)`,
  `CREATE TABLE certificate_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  ) STRICT`,
  `CREATE TABLE result_reminders (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    seal_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, seal_hash, kind)
  ) STRICT`,
  `ALTER TABLE self_assessment_scores ADD COLUMN carried_from TEXT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql.raw('ALTER TABLE self_assessment_scores DROP COLUMN carried_from').execute(trx);
    for (const table of [
      'result_reminders',
      'certificate_counters',
      'certificates',
      'published_scores',
      'published_results',
    ])
      await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}
