/**
 * Migration histories, one per dialect, listed statically (no folder scan) so they work under tsx, in tests
 * and in bundles. Append new migrations at the end of both lists; never edit an applied one.
 */
import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Database } from '../schema.js';
import { dialectOf, type Dialect } from '../dialect.js';
import * as sqlite0001 from './sqlite/0001_initial.js';
import * as pg0001 from './postgres/0001_initial.js';
import * as sqlite0002 from './sqlite/0002_documents.js';
import * as pg0002 from './postgres/0002_documents.js';
import * as sqlite0003a from './sqlite/0003a_jobs.js';
import * as pg0003a from './postgres/0003a_jobs.js';
import * as sqlite0003b from './sqlite/0003b_passwords.js';
import * as pg0003b from './postgres/0003b_passwords.js';
import * as sqlite0006 from './sqlite/0006_results.js';
import * as pg0006 from './postgres/0006_results.js';
import * as sqlite0008 from './sqlite/0008_report_jobs.js';
import * as pg0008 from './postgres/0008_report_jobs.js';
import * as sqlite0007 from './sqlite/0007_notifications.js';
import * as pg0007 from './postgres/0007_notifications.js';
import * as sqlite0004 from './sqlite/0004_lists.js';
import * as pg0004 from './postgres/0004_lists.js';
import * as sqlite0010 from './sqlite/0010_profile.js';
import * as pg0010 from './postgres/0010_profile.js';
import * as sqlite0011 from './sqlite/0011_list_indexes.js';
import * as pg0011 from './postgres/0011_list_indexes.js';
import * as sqlite0012 from './sqlite/0012_redundant_index.js';
import * as pg0012 from './postgres/0012_redundant_index.js';

export const MIGRATION_TABLE = 'dtma_migration';
export const MIGRATION_LOCK_TABLE = 'dtma_migration_lock';

export const MIGRATIONS: Record<Dialect, Record<string, Migration>> = {
  sqlite: {
    '0001_initial': sqlite0001,
    '0002_documents': sqlite0002,
    '0003a_jobs': sqlite0003a,
    '0003b_passwords': sqlite0003b,
    '0004_lists': sqlite0004,
    '0006_results': sqlite0006,
    '0007_notifications': sqlite0007,
    '0008_report_jobs': sqlite0008,
    '0010_profile': sqlite0010,
    '0011_list_indexes': sqlite0011,
    '0012_redundant_index': sqlite0012,
  },
  postgres: {
    '0001_initial': pg0001,
    '0002_documents': pg0002,
    '0003a_jobs': pg0003a,
    '0003b_passwords': pg0003b,
    '0004_lists': pg0004,
    '0006_results': pg0006,
    '0007_notifications': pg0007,
    '0008_report_jobs': pg0008,
    '0010_profile': pg0010,
    '0011_list_indexes': pg0011,
    '0012_redundant_index': pg0012,
  },
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema: Kysely otherwise decides
 * whether its tables exist by looking at every schema of the database, so a second schema holding dtma tables
 * (several instances or test schemas side by side) made it skip creating them in this one.
 */
export async function createMigrator(db: Kysely<Database>, dialect: Dialect): Promise<Migrator> {
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: new StaticProvider(MIGRATIONS[dialect]),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Migrations written on parallel branches may land in any order; each is applied once, whatever its name.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function check(set: MigrationResultSet, what: string): string[] {
  if (set.error) {
    const failed = set.results?.find((r) => r.status === 'Error')?.migrationName ?? '(unknown)';
    throw new MigrationError(`${what} failed at ${failed}: ${String(set.error)}`, set.results, {
      cause: set.error,
    });
  }
  return (set.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. Throws MigrationError on failure. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: Dialect = dialectOf(db),
): Promise<string[]> {
  return check(await (await createMigrator(db, dialect)).migrateToLatest(), 'migration');
}

/** Reverts the last applied migration; returns the names reverted. */
export async function migrateDown(db: Kysely<Database>, dialect: Dialect = dialectOf(db)): Promise<string[]> {
  return check(await (await createMigrator(db, dialect)).migrateDown(), 'down migration');
}

/** Reverts every migration (an empty database remains, except Kysely's bookkeeping tables). */
export async function migrateToZero(
  db: Kysely<Database>,
  dialect: Dialect = dialectOf(db),
): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return check(await (await createMigrator(db, dialect)).migrateTo(NO_MIGRATIONS), 'down migration');
}

/** Names of applied migrations, in order. */
export async function appliedMigrations(
  db: Kysely<Database>,
  dialect: Dialect = dialectOf(db),
): Promise<string[]> {
  const all = await (await createMigrator(db, dialect)).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
