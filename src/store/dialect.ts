import { PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The dialect of a Kysely instance or transaction made by `openDatabase`. */
export function dialectOf(
  db: Kysely<unknown> | Kysely<never> | { getExecutor(): { adapter: unknown } },
): Dialect {
  const adapter = (db as { getExecutor(): { adapter: unknown } }).getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error('dtma store: unsupported database dialect');
}
