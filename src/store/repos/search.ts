/** Helpers of the list queries (issue 10): text search the same on both dialects. */
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../dialect.js';

/** `s` as a LIKE pattern's literal text (`\` escapes `%`, `_` and itself). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text`, case-insensitively: ILIKE on PostgreSQL (any script), LIKE on SQLite (case-folds ASCII
 * only — Chinese has no case). `column` is SQL written by the caller, never user input.
 */
export function containsText(dialect: Dialect, column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${escapeLike(text)}%`;
  const op = dialect === 'postgres' ? sql.raw('ilike') : sql.raw('like');
  return sql<boolean>`${sql.raw(column)} ${op} ${pattern} escape '\\'`;
}

/** The search text of a list query: trimmed; undefined when blank. */
export function searchText(q: string | undefined): string | undefined {
  const t = q?.trim();
  return t ? t : undefined;
}

/** `asc` / `desc` as SQL (never user text). */
export function direction(order: 'asc' | 'desc' | undefined, fallback: 'asc' | 'desc' = 'asc') {
  return sql.raw((order ?? fallback) === 'desc' ? 'desc' : 'asc');
}
