/**
 * Typed fetch over the HTTP contract (`src/contract`): each call names its endpoint row (`'GET /api/me'`), and the
 * path parameters, query, body and answer are the row's types — the same schemas the server validates and
 * serialises with. Cookie session, `x-csrf-token` on writes, errors as `ApiError`.
 */
import type {
  ApiErrorBody,
  BodyOf,
  EndpointKey,
  ErrorCode,
  ParamsOf,
  QueryOf,
  ResponseOf,
  RuleCheck,
} from '@engine/contract/index';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly field: string | undefined;
  readonly params: Record<string, string | number | boolean | null> | undefined;
  readonly current: unknown;
  readonly details: RuleCheck[] | undefined;

  constructor(status: number, body: ApiErrorBody['error'] | { code: 'NETWORK'; message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = 'field' in body ? body.field : undefined;
    this.params = 'params' in body ? body.params : undefined;
    this.current = 'current' in body ? body.current : undefined;
    this.details =
      'details' in body && Array.isArray(body.details) ? (body.details as RuleCheck[]) : undefined;
  }
}

export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.code === 'VERSION_CONFLICT';
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

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
    if (Array.isArray(v)) for (const x of v) sp.append(k, String(x));
    else if (v !== undefined && v !== null) sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

type Opt<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: never }
  : object extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

/** What a call of endpoint K takes: its path parameters, query and body as the contract types them. */
export type CallOptions<K extends EndpointKey> = Opt<'params', ParamsOf<K>> &
  Opt<'query', QueryOf<K>> &
  ('POST /api/assessments/:id/evidence' extends K
    ? {
        body: FormData;
        /** Sent as `Idempotency-Key`: a retry creates no second item. */ idempotencyKey?: string;
      }
    : Opt<'body', BodyOf<K>>) & {
    signal?: AbortSignal;
  };

/** Listeners told about 401 (session expired) so the app can go back to the login screen. */
const unauthListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthListeners.add(fn);
  return () => unauthListeners.delete(fn);
}

/**
 * Whether the server answered the last request: false after a request got no answer (offline, server down) or
 * an answer the service worker made from its cache; true again with the next real answer.
 */
let reachable = true;
const reachListeners = new Set<(reachable: boolean) => void>();
export function isReachable(): boolean {
  return reachable;
}
export function onReachability(fn: (reachable: boolean) => void): () => void {
  reachListeners.add(fn);
  return () => reachListeners.delete(fn);
}
function setReachable(r: boolean): void {
  if (r === reachable) return;
  reachable = r;
  for (const fn of reachListeners) fn(r);
}

interface RawOptions {
  params?: Record<string, string>;
  query?: unknown;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function api<K extends EndpointKey>(
  key: K,
  ...[opts]: object extends CallOptions<K> ? [CallOptions<K>?] : [CallOptions<K>]
): Promise<ResponseOf<K>> {
  const o: RawOptions = (opts ?? {}) as RawOptions;
  const space = key.indexOf(' ');
  const method = key.slice(0, space);
  const url = fillPath(key.slice(space + 1), o.params ?? {}) + toQuery(o.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (o.body instanceof FormData) {
    body = o.body;
  } else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: o.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    setReachable(false);
    throw new ApiError(0, { code: 'NETWORK', message: e instanceof Error ? e.message : String(e) });
  }
  // The service worker answers from its cache when the server cannot be reached (sw.js: x-dtma-offline).
  const offline = res.headers.get('x-dtma-offline') === '1';
  setReachable(!offline && res.status !== 502 && res.status !== 504);
  if (offline && method !== 'GET')
    throw new ApiError(0, { code: 'NETWORK', message: 'offline (answered by the service worker)' });
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
  const type = res.headers.get('content-type') ?? '';
  // The contract types the answer; the server serialised it with the same schema.
  if (type.includes('application/json')) return (await res.json()) as ResponseOf<K>;
  return (await res.blob()) as ResponseOf<K>;
}

/** URL for a download endpoint (opened in a new tab / anchor; GET, cookie session). */
export function downloadUrl<K extends EndpointKey>(
  key: K,
  params: ParamsOf<K> & Record<string, string>,
  query?: QueryOf<K>,
): string {
  return fillPath(key.slice(key.indexOf(' ') + 1), params) + toQuery(query);
}
