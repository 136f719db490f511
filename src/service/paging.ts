/** Paging of the lists the API serves (issue 10): `{ items, total, nextCursor? }`, `limit` default 50. */

export const DEFAULT_PAGE_SIZE = 50;

export interface Paged<T> {
  items: T[];
  total: number;
  /** The `offset` of the next page, when there is one. */
  nextCursor?: string;
}

export function pageParams(q: { limit?: number; offset?: number }): { limit: number; offset: number } {
  return { limit: q.limit ?? DEFAULT_PAGE_SIZE, offset: q.offset ?? 0 };
}

/** The page answer for `items` read at `offset` out of `total` matching ones. */
export function paged<T>(items: T[], offset: number, total: number): Paged<T> {
  const end = offset + items.length;
  return { items, total, ...(end < total && items.length > 0 ? { nextCursor: String(end) } : {}) };
}

/** A page of a list held in memory (an assessment's evidence, its contests): already filtered and sorted. */
export function pageOf<T>(all: readonly T[], q: { limit?: number; offset?: number }): Paged<T> {
  const { limit, offset } = pageParams(q);
  return paged(all.slice(offset, offset + limit), offset, all.length);
}
