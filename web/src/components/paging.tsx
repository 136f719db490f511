/**
 * Tables over the server's paged lists (issue 10): the list's query state (search text debounced, filters,
 * sort, page, page size — back to the first page whenever what is listed changes), antd's pagination showing
 * "第 a–b 条，共 N 条", the cursor pager of the audit log.
 * Imported by lazily loaded screens only.
 */
import { useCallback, useEffect, useState } from 'react';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import type { TablePaginationConfig, TableProps } from 'antd/es/table';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { pagingMessages } from '../i18n/lazy/paging';
import { useFeatureText, type FeatureText } from '../i18n/lazy/useFeatureText';

export const PAGE_SIZES = [20, 50, 100, 200] as const;

export type PagingText = FeatureText<typeof pagingMessages.zh>;

export function usePagingText(): PagingText {
  return useFeatureText(pagingMessages);
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface Sorting<S extends string> {
  sort?: S;
  order?: 'asc' | 'desc';
}

/** Drops the undefined and empty filters (an empty query string is not a filter). */
function clean<F extends object>(f: F): F {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as F;
}

/**
 * The state of a server-paged list: filters, the search box (sent once typing pauses), sort, page and size.
 * `query` is what to send; `key` changes whenever it does (the data hook's dependency).
 */
export function useListQuery<F extends object, S extends string>(options: {
  filters?: F;
  sorting?: Sorting<S>;
  size?: number;
}) {
  const [filters, setFilters] = useState<F>(() => clean(options.filters ?? ({} as F)));
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [sorting, setSorting] = useState<Sorting<S>>(options.sorting ?? {});
  const [size, setSize] = useState(options.size ?? PAGE_SIZES[0]);
  // The page belongs to one listing: a new search, filter, sort or size starts again at page 1.
  const listing = JSON.stringify([filters, q, sorting, size]);
  const [pageOf, setPageOf] = useState({ listing, page: 1 });
  const page = pageOf.listing === listing ? pageOf.page : 1;
  const setPage = useCallback((p: number) => setPageOf({ listing, page: p }), [listing]);
  const setFilter = useCallback((f: Partial<F>) => setFilters((old) => clean({ ...old, ...f })), []);
  const query = {
    ...filters,
    ...(q ? { q } : {}),
    ...(sorting.sort ? { sort: sorting.sort, ...(sorting.order ? { order: sorting.order } : {}) } : {}),
    limit: size,
    offset: (page - 1) * size,
  };
  return {
    filters,
    setFilter,
    search,
    setSearch,
    sorting,
    setSorting,
    page,
    setPage,
    size,
    setSize,
    query,
    key: JSON.stringify(query),
  };
}

export type ListQuery<F extends object, S extends string> = ReturnType<typeof useListQuery<F, S>>;

/** "第 a–b 条，共 N 条" (English: "a–b of N"). */
export function rangeText(tp: PagingText, from: number, to: number, total: number): string {
  return total === 0 ? tp('none') : tp('range', { from, to, total });
}

/**
 * The props of an antd Table over a server-paged list: the pagination (range and total, page sizes) and the
 * column sort sent to the server. Columns that the server sorts take `sortable(list, key)`.
 */
export function serverTable<T, F extends object, S extends string>(
  list: ListQuery<F, S>,
  total: number | undefined,
  tp: PagingText,
): Pick<TableProps<T>, 'pagination' | 'onChange'> {
  const pagination: TablePaginationConfig = {
    current: list.page,
    pageSize: list.size,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    showTotal: (n, [from, to]) => rangeText(tp, from, to, n),
    onChange: (p, s) => (s !== list.size ? list.setSize(s) : list.setPage(p)),
  };
  return {
    pagination,
    onChange: (_p, _f, sorter, extra) => {
      if (extra.action !== 'sort') return;
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = one?.order ? (one.columnKey as S | undefined) : undefined;
      list.setSorting(key ? { sort: key, order: one!.order === 'descend' ? 'desc' : 'asc' } : {});
    },
  };
}

/** A column sorted by the server: its key and its controlled sort order. */
export function sortable<F extends object, S extends string>(
  list: ListQuery<F, S>,
  key: S,
): { key: S; sorter: true; sortOrder: AntSortOrder } {
  const on = list.sorting.sort === key;
  return {
    key,
    sorter: true,
    sortOrder: on ? (list.sorting.order === 'desc' ? 'descend' : 'ascend') : null,
  };
}

/**
 * The pager of a list paged by cursor (the audit log: `afterSeq`): previous / next, the range and the total.
 * The cursors of the pages seen so far are kept, so "previous" goes back exactly.
 */
export function useCursorPager(listing: string, initialSize = 50) {
  const [size, setSize] = useState(initialSize);
  const key = `${listing}|${size}`;
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key,
    cursors: [undefined],
  });
  const cursors = state.key === key ? state.cursors : [undefined];
  const index = cursors.length - 1;
  return {
    size,
    setSize,
    /** The cursor of the page shown (undefined: the first). */
    cursor: cursors[index],
    index,
    next: (cursor: string) => setState({ key, cursors: [...cursors, cursor] }),
    prev: () => setState({ key, cursors: cursors.slice(0, -1) }),
    /** The key of the page shown (the data hook's dependency). */
    pageKey: `${key}|${index}|${cursors[index] ?? ''}`,
  };
}

export function CursorPager({
  pager,
  shown,
  total,
  nextCursor,
  tp,
}: {
  pager: ReturnType<typeof useCursorPager>;
  shown: number;
  total: number | undefined;
  nextCursor: string | undefined;
  tp: PagingText;
}) {
  const from = pager.index * pager.size + 1;
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }} data-testid="cursor-pager">
      <Typography.Text>
        {total === undefined ? '' : rangeText(tp, shown === 0 ? 0 : from, from + shown - 1, total)}
      </Typography.Text>
      <Button size="small" disabled={pager.index === 0} onClick={pager.prev}>
        {tp('prev')}
      </Button>
      <Button
        size="small"
        disabled={nextCursor === undefined}
        onClick={() => nextCursor && pager.next(nextCursor)}
      >
        {tp('next')}
      </Button>
      <Select<number>
        size="small"
        aria-label={tp('pageSize')}
        value={pager.size}
        onChange={pager.setSize}
        style={{ width: 90 }}
        options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
      />
    </Space>
  );
}

/** An update of the page shown (`setData`): its items changed by `f` (a row edited in place). */
export function updateItems<P extends { items: unknown[]; total: number }>(
  f: (items: P['items']) => P['items'],
) {
  return (d: P | undefined): P =>
    d ? { ...d, items: f(d.items) } : ({ items: f([]), total: 0 } as unknown as P);
}
