import { sql, type Kysely } from 'kysely';

/**
 * 0010 (issue 13, clause 4.6.4): the enterprise profile on `organisations` — size, sub_sector, region, ownership,
 * each a code of its list in standard/enterprise-profile/profile-lists.json (checked by the service), null when
 * not recorded. Indexed on (sub_sector, size) for the benchmark's peer groups.
 */
const COLUMNS = ['size', 'sub_sector', 'region', 'ownership'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const c of COLUMNS) await sql.raw(`ALTER TABLE organisations ADD COLUMN ${c} TEXT`).execute(trx);
    await sql.raw('CREATE INDEX organisations_peer_group ON organisations (sub_sector, size)').execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql.raw('DROP INDEX organisations_peer_group').execute(trx);
    for (const c of COLUMNS) await sql.raw(`ALTER TABLE organisations DROP COLUMN ${c}`).execute(trx);
  });
}
