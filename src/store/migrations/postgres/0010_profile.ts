import { sql, type Kysely } from 'kysely';

/** 0010 (issue 13, clause 4.6.4): the enterprise profile on `organisations` — see the SQLite twin. */
const COLUMNS = ['size', 'sub_sector', 'region', 'ownership'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of COLUMNS) await sql.raw(`ALTER TABLE organisations ADD COLUMN ${c} TEXT`).execute(db);
  await sql.raw('CREATE INDEX organisations_peer_group ON organisations (sub_sector, size)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX organisations_peer_group').execute(db);
  for (const c of COLUMNS) await sql.raw(`ALTER TABLE organisations DROP COLUMN ${c}`).execute(db);
}
