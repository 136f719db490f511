import { sql, type Kysely } from 'kysely';
import { backfillSummaries } from '../../repos/summaries.js';

/**
 * 0004_lists (issue 10, lists at scale): `assessment_summaries`, one row per assessment holding what a list shows
 * (stage, industry, tenants, dates, progress counters, the frozen result's headline, the next due date),
 * maintained in the same transaction as every write of the document or of a score (src/store/repos/summaries.ts)
 * and indexed for the list queries; back-filled here from the stored documents and score tables.
 */
const UP: string[] = [
  `CREATE TABLE assessment_summaries (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    enterprise_id TEXT NOT NULL,
    body_id TEXT NOT NULL,
    industry TEXT NOT NULL,
    model_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    year INTEGER NOT NULL,
    requirement_total INTEGER NOT NULL,
    self_done INTEGER NOT NULL DEFAULT 0,
    team TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(team)),
    expert_done TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(expert_done)),
    sheets_total INTEGER NOT NULL DEFAULT 0,
    sheets_submitted INTEGER NOT NULL DEFAULT 0,
    consensus_done INTEGER NOT NULL DEFAULT 0,
    evidence_count INTEGER NOT NULL DEFAULT 0,
    open_contests INTEGER NOT NULL DEFAULT 0,
    stage_entered TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(stage_entered)),
    result_total TEXT,
    result_level INTEGER,
    result_conclusion TEXT,
    due_at TEXT
  ) STRICT`,
  `CREATE INDEX assessment_summaries_body ON assessment_summaries (body_id, created_at, assessment_id)`,
  `CREATE INDEX assessment_summaries_enterprise ON assessment_summaries (enterprise_id, created_at, assessment_id)`,
  `CREATE INDEX assessment_summaries_body_stage ON assessment_summaries (body_id, stage, created_at)`,
  `CREATE INDEX assessment_summaries_body_industry ON assessment_summaries (body_id, industry, result_level)`,
  `CREATE INDEX assessment_summaries_body_year ON assessment_summaries (body_id, year, created_at)`,
  `CREATE INDEX assessment_summaries_body_due ON assessment_summaries (body_id, due_at)`,
  `CREATE INDEX team_members_user_assessment_idx ON team_members (user_id, assessment_id)`,
  `CREATE INDEX organisations_name_idx ON organisations (name)`,
  // One assessment's audit trail (its id and '<id>/…' as a range) in log order, whatever the log's length.
  `CREATE INDEX audit_log_entity_id_seq_idx ON audit_log (entity_id, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
    await backfillSummaries(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql.raw('DROP INDEX audit_log_entity_id_seq_idx').execute(trx);
    await sql.raw('DROP INDEX organisations_name_idx').execute(trx);
    await sql.raw('DROP INDEX team_members_user_assessment_idx').execute(trx);
    await sql.raw('DROP TABLE assessment_summaries').execute(trx);
  });
}
