import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../store/migrations/index.js';
import type { Dialect } from '../store/dialect.js';
import {
  createTestDatabase,
  forEachDialect,
  seedWorld,
  settlePgSchemas,
  testDialects,
  type TestDatabase,
} from './databases.js';

/**
 * What a database holds as structure: tables, columns, indexes, constraints, triggers, functions and the
 * migration history — with the schema's own name taken out, so two schemas compare.
 */
async function structure(t: TestDatabase, dialect: Dialect): Promise<string[]> {
  const { db } = t;
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ line: string }>`
      select type || ' ' || name || ' ' || coalesce(sql, '') as line from sqlite_master
      where name not like 'sqlite_%' order by type, name`.execute(db);
    const migrations = await sql<{
      line: string;
    }>`select name as line from dtma_migration order by name`.execute(db);
    return [...rows, ...migrations.rows].map((r) => r.line);
  }
  const schema = t.schema!;
  const { rows } = await sql<{ line: string }>`
    select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
           coalesce(column_default, '') as line
      from information_schema.columns where table_schema = ${schema}
    union all
    select 'index ' || indexname || ' ' || indexdef from pg_indexes where schemaname = ${schema}
    union all
    select 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = ${schema}
    union all
    select 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
      from pg_trigger t join pg_class r on r.oid = t.tgrelid join pg_namespace n on n.oid = r.relnamespace
      where n.nspname = ${schema} and not t.tgisinternal
    union all
    select 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid)
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${schema}
    union all
    select 'migration ' || name from dtma_migration
    order by 1`.execute(db);
  return rows.map((r) => r.line.replaceAll(schema, '<schema>'));
}

forEachDialect('test databases', (t, dialect) => {
  it('a test database copied from the migrated template has the structure the migrations make', async () => {
    const copied = await structure(t(), dialect);
    const fresh = await createTestDatabase(dialect, { migrate: false });
    try {
      await migrateToLatest(fresh.db, dialect);
      const migrated = await structure(fresh, dialect);
      // The append-only audit log's trigger is part of what must be copied.
      expect(
        migrated.filter((l) => l.startsWith('trigger ') && l.includes('audit_log')).length,
      ).toBeGreaterThan(0);
      expect(copied).toEqual(migrated);
    } finally {
      await fresh.destroy();
    }
  });

  it('each test starts on an empty database of its own', async () => {
    const a = t();
    await seedWorld(a.db);
    const b = await createTestDatabase(dialect);
    try {
      const count = async (d: TestDatabase) =>
        Number(
          (await sql<{ n: number | string }>`select count(*) as n from organisations`.execute(d.db)).rows[0]!
            .n,
        );
      expect(await count(a)).toBe(2);
      expect(await count(b)).toBe(0);
    } finally {
      await b.destroy();
    }
  });
});

describe('test databases on PostgreSQL', () => {
  it.runIf(testDialects().some((d) => d.dialect === 'postgres' && !d.skip))(
    'leave no schema behind once settled',
    async () => {
      const a = await createTestDatabase('postgres');
      const b = await createTestDatabase('postgres');
      await a.destroy();
      await b.destroy();
      await settlePgSchemas();
      const probe = await createTestDatabase('postgres', { migrate: false });
      try {
        const { rows } = await sql<{ n: string }>`
          select count(*) as n from pg_namespace where nspname in (${a.schema!}, ${b.schema!})`.execute(
          probe.db,
        );
        expect(Number(rows[0]!.n)).toBe(0);
      } finally {
        await probe.destroy();
        await settlePgSchemas();
      }
    },
  );
});
