/**
 * Opening the database: embedded SQLite (default, one file) or PostgreSQL (`DATABASE_URL=postgres://…`).
 *
 * SQLite durability: WAL mode with `synchronous=FULL`, so every committed transaction is fsynced to the WAL
 * before `COMMIT` returns. (`NORMAL` would already survive kill -9 of the server, because the WAL pages are in
 * the OS cache, but not a power loss or kernel crash; the platform promises that an acknowledged write is
 * durable, so FULL.) Write transactions start with `BEGIN IMMEDIATE`, so two processes sharing the file wait
 * on `busy_timeout` instead of failing with SQLITE_BUSY on lock upgrade.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { loadConfig } from '../config.js';
import type { Dialect } from './dialect.js';
import { CurrentSchemaPostgresDialect } from './pg-introspector.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';

export type { Dialect } from './dialect.js';
export { dialectOf } from './dialect.js';

export const DEFAULT_SQLITE_FILE = './data/dtma.sqlite';

export interface DatabaseConfig {
  /**
   * `postgres://…` / `postgresql://…` for PostgreSQL; `sqlite:<file>` or a plain file path for SQLite.
   * Defaults to `DATABASE_URL` (read by src/config.ts), then to `DEFAULT_SQLITE_FILE`.
   */
  url?: string;
  /** SQLite: milliseconds to wait for a lock held by another connection (default 5000). */
  busyTimeoutMs?: number;
  /** PostgreSQL: schema search path (tests use a throwaway schema). */
  searchPath?: string;
  /** PostgreSQL: extra `-c name=value` settings for every connection (tests: `synchronous_commit=off`). */
  pgSettings?: Record<string, string>;
  /** PostgreSQL: pool size (default 10). */
  poolMax?: number;
  /** Apply pending migrations before returning (default false). */
  migrate?: boolean;
  /**
   * SQLite `synchronous` (default FULL: an acknowledged commit survives power loss). NORMAL survives a kill -9
   * of the server but not a power loss or kernel crash; for benchmarks and reference only.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

export interface DtmaDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the file; PostgreSQL: the URL without password. */
  location: string;
  /** SQLite only: the underlying connection (for backups). */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** `BEGIN IMMEDIATE` instead of `BEGIN`: take the write lock at the start of every transaction. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SQLite driver prepares every query anew (sqlite3_prepare, a large share of a small query's cost).
 * This keeps the prepared statements of up to `max` distinct SQL texts (the oldest is dropped first) and reuses
 * them. Safe with better-sqlite3: statements run synchronously on the one connection (Kysely serialises its
 * users), a statement that is still iterating (a stream) is never handed out again, and SQLite re-prepares a
 * statement transparently after a schema change.
 */
export function cachingDatabase(conn: BetterSqlite3.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      const hit = statements.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = conn.prepare(sql);
      if (!hit) {
        if (statements.size >= max) statements.delete(statements.keys().next().value as string);
        statements.set(sql, stmt);
      }
      return stmt;
    },
    close() {
      statements.clear();
      conn.close();
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function resolveDatabaseUrl(url?: string): { dialect: Dialect; target: string } {
  const value = url ?? loadConfig().databaseUrl;
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', target: value };
  const file = value.replace(/^sqlite:(\/\/)?/i, '');
  if (file === '' || file === ':memory:') throw new Error('dtma store: an SQLite database needs a file path');
  return { dialect: 'sqlite', target: file };
}

/** Opens (and creates, for SQLite) the SQLite file with the pragmas the platform relies on. */
export function openSqliteConnection(
  file: string,
  busyTimeoutMs = 5000,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): BetterSqlite3.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const conn = new BetterSqlite3(file);
  try {
    conn.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    const mode = conn.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal')
      throw new Error(`dtma store: could not enable WAL (got ${mode})`);
    conn.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    conn.pragma('foreign_keys = ON');
    if (conn.pragma('foreign_keys', { simple: true }) !== 1)
      throw new Error('dtma store: foreign keys unsupported');
  } catch (error) {
    conn.close();
    throw error;
  }
  return conn;
}

const OID = { int8: 20, json: 114, timestamp: 1114, timestamptz: 1184, jsonb: 3802 } as const;

/**
 * Per-pool type parsers so PostgreSQL rows look like SQLite rows: timestamps as ISO strings, bigint as
 * number (file sizes, counts; all far below 2^53), JSON as its text.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    switch (oid) {
      case OID.int8:
        return (value: string) => {
          const n = Number(value);
          if (!Number.isSafeInteger(n)) throw new Error(`dtma store: bigint ${value} exceeds 2^53`);
          return n;
        };
      case OID.json:
      case OID.jsonb:
        return (value: string) => value;
      case OID.timestamptz:
      case OID.timestamp: {
        const parse = pg.types.getTypeParser(oid, 'text') as (value: string) => Date;
        return (value: string) => parse(value).toISOString();
      }
      default:
        return pg.types.getTypeParser(oid, 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}

/**
 * SQLite files open in this process. better-sqlite3 is synchronous: a second connection in the same process
 * waiting on the first one's lock would block the event loop the first one needs to finish, until busy_timeout.
 * So one handle per file per process (Kysely serialises its users); other processes may open the file.
 */
const openSqliteFiles = new Set<string>();

export async function openDatabase(config: DatabaseConfig = {}): Promise<DtmaDatabase> {
  const { dialect, target } = resolveDatabaseUrl(config.url);
  let handle: DtmaDatabase;
  if (dialect === 'sqlite') {
    const location = path.resolve(target);
    if (openSqliteFiles.has(location)) {
      throw new Error(`dtma store: ${location} is already open in this process; share the existing handle`);
    }
    const conn = openSqliteConnection(target, config.busyTimeoutMs, config.sqliteSynchronous);
    openSqliteFiles.add(location);
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: cachingDatabase(conn) }),
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
      } finally {
        openSqliteFiles.delete(location);
      }
    };
    handle = { db, dialect, location, sqlite: conn, close };
  } else {
    const options: string[] = ['-c TimeZone=UTC'];
    if (config.searchPath) {
      if (!/^[a-z_][a-z0-9_]*$/i.test(config.searchPath)) throw new Error('dtma store: invalid search path');
      options.push(`-c search_path=${config.searchPath}`);
    }
    for (const [name, value] of Object.entries(config.pgSettings ?? {})) {
      if (!/^[a-z_.]+$/i.test(name) || !/^[\w.-]+$/.test(value))
        throw new Error(`dtma store: invalid setting ${name}`);
      options.push(`-c ${name}=${value}`);
    }
    const pool = new pg.Pool({
      connectionString: target,
      max: config.poolMax ?? 10,
      options: options.join(' '),
      types: pgTypes,
    });
    const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
    handle = { db, dialect, location: redactUrl(target), close: () => db.destroy() };
  }
  if (config.migrate) {
    try {
      await migrateToLatest(handle.db, handle.dialect);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}
