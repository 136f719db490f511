import { sql, type Kysely } from 'kysely';

/**
 * 0012: drops team_members (user_id), a prefix of team_members (user_id, assessment_id) of 0004 that serves every
 * query it served (an expert's teams) — one index less to write on every team change, and the planner no longer
 * picks between two equal ones by their creation order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX team_members_user_idx').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('CREATE INDEX team_members_user_idx ON team_members (user_id)').execute(db);
}
