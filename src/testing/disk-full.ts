/**
 * Test helper: a full disk, made by the database engines themselves (see src/http/disk-full.test.ts).
 * - SQLite: `PRAGMA max_page_count` caps the file at its current size and a trigger on every table makes each
 *   written row need new pages, so every write fails with the engine's own SQLITE_FULL;
 * - PostgreSQL: a statement trigger on every table raises SQLSTATE 53100 (disk_full).
 */
import { sql } from 'kysely';
import type { TestDatabase } from './databases.js';

export async function fillTheDisk(t: TestDatabase): Promise<void> {
  if (t.dialect === 'sqlite') {
    const conn = t.sqlite!;
    const tables = conn
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'disk_filler'",
      )
      .pluck()
      .all() as string[];
    conn.exec('create table disk_filler (b blob)');
    for (const table of tables)
      for (const op of ['insert', 'update', 'delete'])
        conn.exec(
          `create trigger "fill_${table}_${op}" before ${op} on "${table}" begin insert into disk_filler values (zeroblob(262144)); end`,
        );
    const pages = conn.pragma('page_count', { simple: true }) as number;
    conn.pragma(`max_page_count = ${pages}`);
    return;
  }
  await sql`create function dtma_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`.execute(
    t.db,
  );
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.db);
  for (const { name } of tables.rows)
    await sql
      .raw(
        `create trigger "fill_${name}" before insert or update or delete on "${name}" for each statement execute function dtma_disk_full()`,
      )
      .execute(t.db);
}
