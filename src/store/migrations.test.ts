import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  appliedMigrations,
  migrateDown,
  migrateToLatest,
  MIGRATIONS,
  migrateToZero,
} from './migrations/index.js';
import { TABLES } from './schema.js';
import { forEachDialect, type TestDatabase } from '../testing/databases.js';

async function tableNames(t: TestDatabase): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db);
    return r.rows.map((x) => x.name).sort();
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema()`.execute(t.db);
  return r.rows.map((x) => x.name).sort();
}

forEachDialect(
  'migrations',
  (t) => {
    it('migrates up, down to zero and up again', async () => {
      const { db, dialect } = t();
      expect(await migrateToLatest(db)).toEqual(Object.keys(MIGRATIONS[dialect]));
      expect(await migrateToLatest(db)).toEqual([]); // idempotent
      expect(await appliedMigrations(db)).toEqual(Object.keys(MIGRATIONS[dialect]));
      let tables = await tableNames(t());
      for (const table of TABLES) expect(tables).toContain(table);

      // usable: the audit head is seeded
      const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      expect(head).toEqual({ id: 1, seq: 0, hash: '0'.repeat(64) });

      expect(await migrateToZero(db)).toEqual(Object.keys(MIGRATIONS[dialect]).reverse());
      tables = await tableNames(t());
      for (const table of TABLES) expect(tables).not.toContain(table);
      expect(await appliedMigrations(db)).toEqual([]);

      await migrateToLatest(db);
      tables = await tableNames(t());
      for (const table of TABLES) expect(tables).toContain(table);
      await migrateDown(db);
      expect(await appliedMigrations(db)).toEqual(Object.keys(MIGRATIONS[dialect]).slice(0, -1));
    });

    it('has the same migration names in both dialects', () => {
      expect(Object.keys(MIGRATIONS.sqlite)).toEqual(Object.keys(MIGRATIONS.postgres));
    });
  },
  { migrate: false },
);
