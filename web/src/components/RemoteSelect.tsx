/**
 * Pickers over the server's paged lists (issue 10): the options are a search on the server (typing is sent once
 * it pauses), never the first page of a long list filtered in the browser; the chosen value is named even when
 * it is not among the options found (it is asked for by id). Imported by lazily loaded screens only.
 */
import { useRef, useState } from 'react';
import Select, { type SelectProps } from 'antd/es/select';
import Spin from 'antd/es/spin';
import type { Organisation, QueryOf, UserListItem } from '@engine/contract/index';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { useI18n } from '../i18n/i18n';
import { useDebounced, usePagingText } from './paging';

const FOUND = 20;

interface Option {
  value: string;
  label: string;
}

type Passed = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption' | 'onSearch' | 'mode'>;

interface RemoteSelectProps<T> extends Passed {
  /** The items matching the search text (blank: the first ones). */
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  /** The item of an id, to name a chosen value the search has not shown (e.g. one a form was opened with). */
  resolve?: (id: string, signal: AbortSignal) => Promise<T | undefined>;
  option: (item: T) => Option;
  /** Changes when the search means something else (e.g. another kind of organisation). */
  scope?: string;
}

export function RemoteSelect<T>({
  search,
  resolve,
  option,
  scope = '',
  value,
  ...rest
}: RemoteSelectProps<T>) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useApi((signal) => search(q, signal), [q, scope]);
  // Labels seen so far: the chosen value keeps its name when a new search no longer finds it.
  const labels = useRef(new Map<string, string>());
  const options = (found.data ?? []).map(option);
  for (const o of options) labels.current.set(o.value, o.label);
  const unnamed = typeof value === 'string' && !labels.current.has(value) ? value : undefined;
  const named = useApi(
    async (signal) => (unnamed === undefined || !resolve ? undefined : resolve(unnamed, signal)),
    [unnamed],
  );
  if (named.data) labels.current.set(option(named.data).value, option(named.data).label);
  if (typeof value === 'string' && !options.some((o) => o.value === value)) {
    const label = labels.current.get(value);
    if (label !== undefined) options.unshift({ value, label });
  }
  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch
      filterOption={false}
      searchValue={text}
      onSearch={setText}
      onOpenChange={(open) => {
        if (!open) setText('');
        rest.onOpenChange?.(open);
      }}
      loading={found.loading}
      notFoundContent={found.loading ? <Spin size="small" /> : undefined}
      options={options}
    />
  );
}

type OrgSelectProps = Passed & {
  kind?: NonNullable<QueryOf<'GET /api/orgs'>>['kind'];
  /** Show the kind after the name (bodies and enterprises in one list). */
  withKind?: boolean;
};

/** An organisation, searched by name or credit code among those the user may see. */
export function OrgSelect({ kind, withKind = false, ...rest }: OrgSelectProps) {
  const { t } = useI18n();
  const tp = usePagingText();
  return (
    <RemoteSelect<Organisation>
      placeholder={tp('orgSearch')}
      {...rest}
      scope={kind ?? ''}
      search={async (q, signal) =>
        (
          await api('GET /api/orgs', {
            signal,
            query: { ...(kind ? { kind } : {}), ...(q ? { q } : {}), limit: FOUND },
          })
        ).items
      }
      resolve={async (id, signal) => (await api('GET /api/orgs', { signal, query: { ids: [id] } })).items[0]}
      option={(o) => ({ value: o.id, label: withKind ? `${o.name}（${t(`orgKind.${o.kind}`)}）` : o.name })}
    />
  );
}

/** A user, searched by name or user name among those the caller manages. */
export function UserSelect(props: Passed) {
  const tp = usePagingText();
  const option = (u: UserListItem) => ({ value: u.id, label: `${u.displayName}（${u.username}）` });
  return (
    <RemoteSelect<UserListItem>
      placeholder={tp('actorSearch')}
      {...props}
      // The value is always one the search showed (a filter picked here), so it is named already.
      search={async (q, signal) =>
        (await api('GET /api/users', { signal, query: { ...(q ? { q } : {}), limit: FOUND } })).items
      }
      option={option}
    />
  );
}
