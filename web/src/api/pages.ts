/**
 * Every item of a paged list (issue 10: the API serves lists in pages), reading the pages one after the other
 * (`limit` 200) — for the screens that work on a whole list (an assessment's evidence by requirement), so that
 * none silently shows only the first page.
 */
export async function everyPage<T>(
  load: (page: { limit: number; offset: number }) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ;) {
    const page = await load({ limit: 200, offset });
    out.push(...page.items);
    if (page.nextCursor === undefined || page.items.length === 0) return out;
    offset = Number(page.nextCursor);
  }
}
