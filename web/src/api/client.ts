/**
 * Typed fetch wrapper over the contract: cookie session, `x-csrf-token` on writes, errors as `ApiError`.
 */
import type { ApiErrorBody, EndpointKey, Endpoints, ErrorCode, RuleCheck } from './contract';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly field: string | undefined;
  readonly current: unknown;
  readonly details: RuleCheck[] | undefined;

  constructor(status: number, body: ApiErrorBody['error'] | { code: 'NETWORK'; message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = 'field' in body ? body.field : undefined;
    this.current = 'current' in body ? body.current : undefined;
    this.details = 'details' in body ? body.details : undefined;
  }
}

export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.code === 'VERSION_CONFLICT';
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Method<K extends string> = K extends `${infer M} ${string}` ? M : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

/** Path parameters of a path template, e.g. `/a/:id/b/:x` → { id: string; x: string }. */
type Params<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & Params<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : unknown;

export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}

function toQuery(q: unknown): string {
  if (!q || typeof q !== 'object') return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    if (v !== undefined && v !== null) sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface CallOptions<K extends EndpointKey> {
  params?: Params<PathOf<K>> & Record<string, string>;
  body?: Endpoints[K]['req'];
  signal?: AbortSignal;
}

/** Listeners told about 401 (session expired) so the app can go back to the login screen. */
const unauthListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthListeners.add(fn);
  return () => unauthListeners.delete(fn);
}

export async function api<K extends EndpointKey>(
  key: K,
  opts: CallOptions<K> = {},
): Promise<Endpoints[K]['res']> {
  const [method, template] = key.split(' ') as [Method<K>, string];
  const path = fillPath(template, (opts.params ?? {}) as Record<string, string>);
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  let url = path;
  if (method === 'GET' || method === 'DELETE') {
    url += toQuery(opts.body);
  } else if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK', message: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) {
    let err: ApiErrorBody['error'] = { code: 'INTERNAL', message: `HTTP ${res.status}` };
    try {
      const j = (await res.json()) as Partial<ApiErrorBody>;
      if (j.error && typeof j.error.code === 'string') err = j.error;
    } catch {
      /* not JSON */
    }
    if (res.status === 401) for (const fn of unauthListeners) fn();
    throw new ApiError(res.status, err);
  }
  if (res.status === 204) return null as Endpoints[K]['res'];
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return (await res.json()) as Endpoints[K]['res'];
  return (await res.blob()) as Endpoints[K]['res'];
}

/** URL for a download endpoint (opened in a new tab / anchor; GET, cookie session). */
export function downloadUrl(
  template: string,
  params: Record<string, string>,
  query?: Record<string, string>,
): string {
  return fillPath(template, params) + toQuery(query);
}
