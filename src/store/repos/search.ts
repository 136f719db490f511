/** Helpers of the list queries (issue 10): text search the same on both dialects. */
import { sql, type RawBuilder } from 'kysely';

/** `s` as a LIKE pattern's literal text (`\` escapes `%`, `_` and itself). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text`, case-insensitively and the same on both dialects: both sides lower-cased, then LIKE
 * (SQLite's LIKE folds ASCII only, PostgreSQL's is case-sensitive; Chinese has no case). `column` is SQL written
 * by the caller, never user input.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${escapeLike(text)}%`;
  return sql<boolean>`lower(${sql.raw(column)}) like lower(${pattern}) escape '\\'`;
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
